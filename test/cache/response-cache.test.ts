// The response cache in process (no REDIS_URL), over HTTP, on every database kind: MISS then HIT,
// what makes a different key, the data version (imports, bumps), what is never cached, GET's HTTP
// caching (ETag, Cache-Control, 304), persisted queries, RESPONSE_CACHE=off.
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { GraphQLInt, GraphQLObjectType, GraphQLSchema } from 'graphql';
import { bumpDataVersion, readDataVersion } from '../../src/db';
import { DEFAULT_DATA_DIR, importFile } from '../../src/import';
import { databaseKinds, type TestDatabase } from '../helpers/db';
import { createSeededTestDatabase } from '../helpers/seed';
import { serveCache, type CacheTestServer } from './serve';

const REFINED = 'query Refined($year: Int!) { country(iso3: "KAZ") { production(stage: REFINED, yearFrom: $year, yearTo: $year, fullYearOnly: true) { year tonnes } } }';
const refined = (year: number) => ({ query: REFINED, variables: { year }, operationName: 'Refined' });
const tonnesOf = (body: { data: { country: { production: { tonnes: number }[] } } }) => body.data.country.production.map((p) => p.tonnes);

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'argentum-cache-'));
});
afterAll(() => rm(tmp, { recursive: true, force: true }));

describe.each(databaseKinds)('response cache in process (%s)', (kind) => {
  let tdb: TestDatabase;
  let s: CacheTestServer;
  beforeAll(async () => {
    tdb = await createSeededTestDatabase(kind);
    s = await serveCache(tdb.db);
  });
  afterAll(async () => {
    await s?.stop();
    await tdb?.drop();
  });

  test('the same operation is a MISS, then a HIT with the same bytes, served without entering Apollo', async () => {
    const first = await s.post(refined(2024));
    expect(first.status).toBe(200);
    expect(first.headers.get('x-cache')).toBe('MISS');
    expect(tonnesOf(first.body)).toEqual([697.5]);
    const before = s.logs.length;
    const second = await s.post(refined(2024));
    expect(second.status).toBe(200);
    expect(second.headers.get('x-cache')).toBe('HIT');
    expect(second.text).toBe(first.text);
    expect(second.headers.get('content-type')).toBe(first.headers.get('content-type'));
    expect(second.headers.get('etag')).toBe(first.headers.get('etag'));
    expect(second.headers.get('etag')).toMatch(/^"[A-Za-z0-9_-]{27}"$/);
    // POST answers are not for shared caches.
    expect(first.headers.get('cache-control')).toBeNull();
    expect(second.headers.get('cache-control')).toBeNull();
    await new Promise((r) => setTimeout(r, 50));
    // The request log names the HIT; no cost was computed, because Apollo never saw the request.
    const line = s.logs.slice(before).find((l) => l.path === '/graphql');
    expect(line).toMatchObject({ method: 'POST', status: 200, cache: 'HIT', operationName: 'Refined', errors: 0 });
    expect(line).not.toHaveProperty('cost');
  });

  test('another variable, operation name or Accept variant is another entry', async () => {
    expect((await s.post(refined(2023))).headers.get('x-cache')).toBe('MISS');
    const again = await s.post(refined(2023));
    expect(again.headers.get('x-cache')).toBe('HIT');
    expect(tonnesOf(again.body)).toEqual([885.152]);

    const twoOps = `${REFINED} query Other { sources { name } }`;
    expect((await s.post({ query: twoOps, variables: { year: 2024 }, operationName: 'Refined' })).headers.get('x-cache')).toBe('MISS');
    const other = await s.post({ query: twoOps, variables: { year: 2024 }, operationName: 'Other' });
    expect(other.headers.get('x-cache')).toBe('MISS');
    expect(other.body.data.sources.length).toBeGreaterThan(0);

    const accept = { accept: 'application/graphql-response+json' };
    const variant = await s.post(refined(2024), accept);
    expect(variant.headers.get('x-cache')).toBe('MISS');
    expect(variant.headers.get('content-type')).toMatch(/^application\/graphql-response\+json/);
    const variantHit = await s.post(refined(2024), accept);
    expect(variantHit.headers.get('x-cache')).toBe('HIT');
    expect(variantHit.headers.get('content-type')).toBe(variant.headers.get('content-type'));
  });

  test('an import through the importer bumps the version: the next request is a MISS with the new figures', async () => {
    expect((await s.post(refined(2024))).headers.get('x-cache')).toBe('HIT');
    const text = await readFile(path.join(DEFAULT_DATA_DIR, 'production.csv'), 'utf8');
    const file = path.join(tmp, `production-${kind}.csv`);
    await writeFile(file, text.replace(/^KAZ,SILVER,REFINED,2024,1,12,697\.5,/m, 'KAZ,SILVER,REFINED,2024,1,12,701.25,'));
    const before = (await readDataVersion(tdb.prisma)).version;
    expect(await importFile(tdb.prisma, file)).toMatchObject({ updated: 1 });
    const after = (await readDataVersion(tdb.prisma)).version;
    expect(after).toBe(before + 1n);
    // PostgreSQL delivers the notification on the listener's own connection: wait until it is here.
    await s.server.dataVersion!.waitFor(after, 30_000);

    const next = await s.post(refined(2024));
    expect(next.headers.get('x-cache')).toBe('MISS');
    expect(tonnesOf(next.body)).toEqual([701.25]);
    const cached = await s.post(refined(2024));
    expect(cached.headers.get('x-cache')).toBe('HIT');
    expect(tonnesOf(cached.body)).toEqual([701.25]);
  });

  test('answers with errors are not cached', async () => {
    const bad = { query: '{ pricePoints(filter: {}, after: "not a cursor") { edges { cursor } } }' };
    for (let i = 0; i < 2; i++) {
      const res = await s.post(bad);
      expect(res.status).toBe(200);
      expect(res.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
      expect(res.headers.get('x-cache')).toBe('MISS');
      expect(res.headers.get('etag')).toBeNull();
    }
    // Refused before execution (HTTP 200 with errors under application/json): not cached either.
    for (let i = 0; i < 2; i++) {
      const res = await s.post({ query: '{ noSuchField }' });
      expect(res.status).toBe(200);
      expect(res.body.errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(res.headers.get('x-cache')).toBe('MISS');
    }
  });

  test('GET: strong ETag and Cache-Control public, max-age=60; If-None-Match gives 304 without a body', async () => {
    const params = { query: '{ goldSilverRatio(date: "2026-01-12") }' };
    const first = await s.get(params);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ data: { goldSilverRatio: 53.7 } });
    expect(first.headers.get('x-cache')).toBe('MISS');
    expect(first.headers.get('cache-control')).toBe('public, max-age=60');
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^"[A-Za-z0-9_-]{27}"$/);
    expect(etag).toBe(`"${createHash('sha1').update(first.text).digest('base64url')}"`);

    const hit = await s.get(params);
    expect([hit.headers.get('x-cache'), hit.headers.get('etag'), hit.headers.get('cache-control'), hit.text]).toEqual([
      'HIT',
      etag,
      'public, max-age=60',
      first.text,
    ]);

    const notModified = await s.get(params, { 'apollo-require-preflight': 'true', 'if-none-match': etag });
    expect(notModified.status).toBe(304);
    expect(notModified.text).toBe('');
    expect(notModified.headers.get('etag')).toBe(etag);
    expect(notModified.headers.get('x-cache')).toBe('HIT');

    const otherTag = await s.get(params, { 'apollo-require-preflight': 'true', 'if-none-match': '"something-else"' });
    expect([otherTag.status, otherTag.text]).toEqual([200, first.text]);

    // A new data version that does not change this answer: executed again (MISS), same body, same ETag, so still 304.
    await bumpDataVersion(tdb.prisma);
    await s.server.dataVersion!.waitFor((await readDataVersion(tdb.prisma)).version, 30_000);
    const revalidated = await s.get(params, { 'apollo-require-preflight': 'true', 'if-none-match': etag });
    expect([revalidated.status, revalidated.headers.get('x-cache'), revalidated.headers.get('etag'), revalidated.text]).toEqual([304, 'MISS', etag, '']);
  });

  test('GET without the CSRF preflight header is refused by Apollo even when the answer is cached', async () => {
    const params = { query: '{ sources { name } }' };
    await s.get(params);
    expect((await s.get(params)).headers.get('x-cache')).toBe('HIT');
    const simple = await s.get(params, {});
    expect(simple.status).toBe(400);
    expect(simple.text).toMatch(/Cross-Site Request Forgery/);
    expect(simple.headers.get('x-cache')).toBeNull();
  });

  test('automatic persisted queries: the hash-only GET is cached like any query', async () => {
    const query = '{ country(iso3: "KAZ") { name iso2 } }';
    const persistedQuery = { version: 1, sha256Hash: createHash('sha256').update(query).digest('hex') };
    const unknown = await s.get({ extensions: { persistedQuery } });
    expect(unknown.body.errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    expect(unknown.headers.get('x-cache')).toBe('MISS');
    const registered = await s.post({ query, extensions: { persistedQuery } });
    expect(registered.body).toMatchObject({ data: { country: { name: 'Kazakhstan', iso2: 'KZ' } } });

    const miss = await s.get({ extensions: { persistedQuery } });
    expect([miss.status, miss.headers.get('x-cache'), miss.body]).toEqual([200, 'MISS', registered.body]);
    const hit = await s.get({ extensions: { persistedQuery } });
    expect([hit.status, hit.headers.get('x-cache'), hit.text]).toEqual([200, 'HIT', miss.text]);
    const etag = hit.headers.get('etag')!;
    const notModified = await s.get({ extensions: { persistedQuery } }, { 'apollo-require-preflight': 'true', 'if-none-match': etag });
    expect(notModified.status).toBe(304);
  });

  test('/ready reports the cache and the data version, and succeeds', async () => {
    const ready = await fetch(`${s.url}/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({
      status: 'ready',
      database: kind,
      cache: 'memory',
      dataVersion: (await readDataVersion(tdb.prisma)).version.toString(),
    });
  });
});

describe.each(databaseKinds)('what the response cache never does (%s)', (kind) => {
  // A schema of our own with a mutation, over a real database (whose data version the cache keys on).
  let counter = 0;
  const schema = new GraphQLSchema({
    query: new GraphQLObjectType({ name: 'Query', fields: { counter: { type: GraphQLInt, resolve: () => counter } } }),
    mutation: new GraphQLObjectType({ name: 'Mutation', fields: { increment: { type: GraphQLInt, resolve: () => ++counter } } }),
  });
  let tdb: TestDatabase;
  let s: CacheTestServer;
  beforeAll(async () => {
    tdb = await createSeededTestDatabase(kind);
    s = await serveCache(tdb.db, { schema, context: () => ({}), env: { CACHE_MAX_AGE: '0' } });
  });
  afterAll(async () => {
    await s?.stop();
    await tdb?.drop();
  });

  test('a mutation is executed every time and says nothing about the cache', async () => {
    const results: number[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await s.post({ query: 'mutation { increment }' });
      expect(res.status).toBe(200);
      expect(res.headers.get('x-cache')).toBeNull();
      results.push(res.body.data.increment);
    }
    expect(results).toEqual([results[0], results[0] + 1, results[0] + 2]);
    // Queries of the same schema are cached.
    expect((await s.post({ query: '{ counter }' })).headers.get('x-cache')).toBe('MISS');
    expect((await s.post({ query: '{ counter }' })).headers.get('x-cache')).toBe('HIT');
  });

  test('a mutation over GET is refused by Apollo and not cached', async () => {
    for (let i = 0; i < 2; i++) {
      const res = await s.get({ query: 'mutation { increment }' });
      expect(res.status).toBe(405);
      expect(res.headers.get('x-cache')).toBeNull();
      expect(res.headers.get('cache-control')).toBeNull();
    }
  });

  test('CACHE_MAX_AGE=0: GET answers are public but must be revalidated', async () => {
    const res = await s.get({ query: '{ counter }' });
    expect(res.headers.get('cache-control')).toBe('public, max-age=0');
    expect(res.headers.get('etag')).toMatch(/^"/);
  });
});

describe('RESPONSE_CACHE=off', () => {
  let tdb: TestDatabase;
  let s: CacheTestServer;
  beforeAll(async () => {
    tdb = await createSeededTestDatabase('pglite');
    s = await serveCache(tdb.db, { env: { RESPONSE_CACHE: 'off' } });
  });
  afterAll(async () => {
    await s?.stop();
    await tdb?.drop();
  });

  test('no x-cache header, every request executed; GET keeps its HTTP caching headers', async () => {
    for (let i = 0; i < 2; i++) {
      const res = await s.post(refined(2024));
      expect(tonnesOf(res.body)).toEqual([697.5]);
      expect(res.headers.get('x-cache')).toBeNull();
    }
    const params = { query: '{ goldSilverRatio(date: "2026-01-12") }' };
    const get = await s.get(params);
    expect(get.headers.get('x-cache')).toBeNull();
    expect(get.headers.get('cache-control')).toBe('public, max-age=60');
    const etag = get.headers.get('etag')!;
    expect(etag).toMatch(/^"[A-Za-z0-9_-]{27}"$/);
    expect((await s.get(params, { 'apollo-require-preflight': 'true', 'if-none-match': etag })).status).toBe(304);
    // Every request reached Apollo (it logs a cost for each).
    await new Promise((r) => setTimeout(r, 50));
    const lines = s.logs.filter((l) => l.path === '/graphql');
    expect(lines).toHaveLength(4);
    for (const l of lines) {
      expect(l).toHaveProperty('cost');
      expect(l).not.toHaveProperty('cache');
    }
    expect(s.server.cacheMode).toBe('off');
    expect(s.server.dataVersion).toBeUndefined();
    expect(await (await fetch(`${s.url}/ready`)).json()).toEqual({ status: 'ready', database: 'pglite', cache: 'off' });
  });
});
