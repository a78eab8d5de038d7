// The hit path in front of express: which requests it may answer, that a hit never reaches express
// and a miss reaches it with its body parsed as express.json() would; and over the real server, on
// every database kind, that its answers carry what express's would (CORS, Vary, rate limits, ETag,
// 304, the request log) and that what it must not answer still goes through express.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { bodyParser, createHitPath, isPlainGraphQLRequest } from '../../src/cache/hit-path';
import { databaseKinds, type TestDatabase } from '../helpers/db';
import { createSeededTestDatabase } from '../helpers/seed';
import { serveCache, type CacheTestServer } from './serve';

const request = (headers: http.IncomingHttpHeaders, method = 'POST', url = '/graphql') => ({ method, url, headers }) as http.IncomingMessage;
const JSON_POST = { 'content-type': 'application/json', 'content-length': '40' };

describe('isPlainGraphQLRequest', () => {
  it.each([
    ['a JSON POST', request(JSON_POST), true],
    ['a JSON POST saying UTF-8', request({ ...JSON_POST, 'content-type': 'application/json; charset=utf-8' }), true],
    ['a GET with a query string', request({}, 'GET', '/graphql?query=%7Bx%7D'), true],
    ['a GET without one', request({}, 'GET', '/graphql'), false],
    ['another path', request(JSON_POST, 'POST', '/graphql/'), false],
    ['a POST with a query string', request(JSON_POST, 'POST', '/graphql?x=1'), false],
    ['OPTIONS (a CORS preflight)', request(JSON_POST, 'OPTIONS'), false],
    ['an API key (Authorization)', request({ ...JSON_POST, authorization: 'Bearer k' }), false],
    ['an API key (X-API-Key)', request({ ...JSON_POST, 'x-api-key': 'k' }), false],
    ['a request for CSV', request({ ...JSON_POST, accept: 'text/csv' }), false],
    ['another charset', request({ ...JSON_POST, 'content-type': 'application/json; charset=utf-16' }), false],
    ['another media type', request({ ...JSON_POST, 'content-type': 'text/plain' }), false],
    ['a compressed body', request({ ...JSON_POST, 'content-encoding': 'gzip' }), false],
    ['a chunked body', request({ 'content-type': 'application/json', 'transfer-encoding': 'chunked' }), false],
    ['no body', request({ ...JSON_POST, 'content-length': '0' }), false],
    ['a body over the limit', request({ ...JSON_POST, 'content-length': '101' }), false],
  ])('%s: %p', (_what, req, plain) => {
    expect(isPlainGraphQLRequest(req, 100)).toBe(plain);
  });
});

describe('createHitPath (stored answers in a map, express behind)', () => {
  const stored = new Map<string, string>([['{"query":"{ cached }"}', '{"data":{"cached":1}}']]);
  const reachedExpress: unknown[] = [];
  let server: http.Server;
  let url: string;
  beforeAll(async () => {
    const app = express();
    app.post('/graphql', bodyParser({ limit: 1000, verify: () => {} }), (req, res) => {
      reachedExpress.push(req.body);
      res.json({ parsed: req.body });
    });
    app.use((err: { type?: string; status?: number }, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
      res.status(err.status ?? 500).json({ type: err.type });
    });
    const hitPath = createHitPath({
      cache: {
        mode: 'memory',
        serveFromMemory(_req, res, raw) {
          const body = stored.get(raw.toString());
          if (body === undefined) return false;
          res.setHeader('x-cache', 'HIT');
          res.end(body);
          return true;
        },
      },
      bodyLimitBytes: 1000,
      trustProxy: () => false,
      express: app,
    });
    server = http.createServer(hitPath);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));
  beforeEach(() => {
    reachedExpress.length = 0;
  });
  const post = (body: string, contentType = 'application/json') => fetch(url, { method: 'POST', headers: { 'content-type': contentType }, body });

  it('answers a stored request without express, and says the answer varies by Accept', async () => {
    const res = await post('{"query":"{ cached }"}');
    expect(await res.text()).toBe('{"data":{"cached":1}}');
    expect(res.headers.get('x-cache')).toBe('HIT');
    expect(res.headers.get('vary')).toBe('Accept');
    expect(reachedExpress).toEqual([]);
  });

  it('hands a miss to express with the body it read, parsed by express.json()', async () => {
    const res = await post('{"query":"{ other }","variables":{"n":1}}');
    expect(await res.json()).toEqual({ parsed: { query: '{ other }', variables: { n: 1 } } });
    expect(reachedExpress).toHaveLength(1);
  });

  it("leaves a bad body to express.json()'s own errors", async () => {
    expect(await (await post('{"query":')).json()).toEqual({ type: 'entity.parse.failed' });
    // express.json() is strict: objects and arrays only.
    const strict = await post('"a string"');
    expect(strict.status).toBe(400);
    expect(await strict.json()).toEqual({ type: 'entity.parse.failed' });
  });

  it('leaves requests it may not answer to express, body unread', async () => {
    const res = await post('{"query":"{ cached }"}', 'application/json; charset=utf-8; x=1');
    expect(await res.json()).toEqual({ parsed: { query: '{ cached }' } });
    expect(reachedExpress).toHaveLength(1);
  });
});

const QUERY = 'query Kaz { country(iso3: "KAZ") { name production(stage: REFINED, yearFrom: 2024, yearTo: 2024, fullYearOnly: true) { year tonnes } } }';
// Headers an answer is made of (not Date, Connection, Keep-Alive, RateLimit-Remaining and -Reset, which move).
const COMPARED = ['content-type', 'content-length', 'etag', 'x-cache', 'vary', 'access-control-allow-origin', 'cache-control', 'ratelimit-limit', 'ratelimit-policy'];
const headersOf = (h: Headers) => Object.fromEntries(COMPARED.map((name) => [name, h.get(name)]));
// The same request for the response cache (its key is the body and Accept), which the hit path leaves to express.
const VIA_EXPRESS = { 'content-type': 'application/json; charset=utf-8; x=1' };

describe.each(databaseKinds)('cached answers before express, over HTTP (%s)', (kind) => {
  let tdb: TestDatabase;
  let s: CacheTestServer;
  beforeAll(async () => {
    tdb = await createSeededTestDatabase(kind);
    s = await serveCache(tdb.db, { env: { RATE_LIMIT: 'on', RATE_LIMIT_REQUESTS: '6', CORS_ORIGINS: 'https://a.example' } });
  });
  afterAll(async () => {
    await s?.stop();
    await tdb?.drop();
  });

  test('a HIT has the bytes and headers of a HIT through express, counts once against the rate limit, and is logged', async () => {
    const origin = { origin: 'https://a.example' };
    const miss = await s.post({ query: QUERY, operationName: 'Kaz' }, origin);
    expect(miss.headers.get('x-cache')).toBe('MISS');
    expect(miss.body.data.country.production).toEqual([{ year: 2024, tonnes: 697.5 }]);
    const before = s.logs.length;
    const hit = await s.post({ query: QUERY, operationName: 'Kaz' }, origin);
    const viaExpress = await s.post({ query: QUERY, operationName: 'Kaz' }, { ...origin, ...VIA_EXPRESS });
    expect(hit.text).toBe(miss.text);
    expect(viaExpress.text).toBe(miss.text);
    expect(headersOf(hit.headers)).toEqual(headersOf(viaExpress.headers));
    expect(headersOf(hit.headers)).toMatchObject({ 'x-cache': 'HIT', 'access-control-allow-origin': 'https://a.example', 'ratelimit-limit': '6' });
    expect(hit.headers.get('vary')).toMatch(/Origin/);
    expect(hit.headers.get('vary')).toMatch(/Accept/);
    // One request each: the miss (handed from the hit path to express) was not counted twice.
    expect([miss, hit, viaExpress].map((r) => r.headers.get('ratelimit-remaining'))).toEqual(['5', '4', '3']);
    await new Promise((r) => setTimeout(r, 50));
    const lines = s.logs.slice(before).filter((l) => l.path === '/graphql');
    expect(lines[0]).toMatchObject({ method: 'POST', status: 200, cache: 'HIT', operationName: 'Kaz', errors: 0 });

    // Over the limit: refused by the hit path as express refuses (429, RATE_LIMITED, Retry-After).
    await s.post({ query: QUERY, operationName: 'Kaz' });
    await s.post({ query: QUERY, operationName: 'Kaz' });
    await s.post({ query: QUERY, operationName: 'Kaz' });
    const refused = await s.post({ query: QUERY, operationName: 'Kaz' });
    const refusedByExpress = await s.post({ query: QUERY, operationName: 'Kaz' }, VIA_EXPRESS);
    expect(refused.status).toBe(429);
    expect(refused.body).toEqual(refusedByExpress.body);
    expect(refused.body.errors[0].extensions.code).toBe('RATE_LIMITED');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(refused.headers.get('content-type')).toBe(refusedByExpress.headers.get('content-type'));
  });
});

describe.each(databaseKinds)('cached answers before express: GET, keys, bad bodies (%s)', (kind) => {
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

  test('a GET HIT has Cache-Control and the ETag, and If-None-Match gets 304', async () => {
    const miss = await s.get({ query: QUERY });
    const hit = await s.get({ query: QUERY });
    expect(hit.headers.get('x-cache')).toBe('HIT');
    expect(hit.text).toBe(miss.text);
    expect(hit.headers.get('cache-control')).toBe(`public, max-age=${s.config.cacheMaxAge}`);
    const etag = hit.headers.get('etag')!;
    expect(etag).toBe(miss.headers.get('etag'));
    const notModified = await s.get({ query: QUERY }, { 'apollo-require-preflight': 'true', 'if-none-match': etag });
    expect(notModified.status).toBe(304);
    expect(notModified.text).toBe('');
    // Without the CSRF preflight header Apollo refuses a GET: so is its cached answer.
    const simple = await s.get({ query: QUERY }, {});
    expect(simple.status).toBe(400);
  });

  test('an API key is still verified when the answer is cached', async () => {
    await s.post({ query: QUERY });
    expect((await s.post({ query: QUERY })).headers.get('x-cache')).toBe('HIT');
    const badKey = await s.post({ query: QUERY }, { authorization: 'Bearer ag_nope_nope' });
    expect(badKey.status).toBe(401);
  });

  test('a body that is not JSON gets the same error as before the hit path existed', async () => {
    const bad = await s.post('{"query": ');
    const badViaExpress = await s.post('{"query": ', VIA_EXPRESS);
    expect(bad.status).toBe(400);
    expect(bad.body).toEqual(badViaExpress.body);
    expect(bad.body.errors[0].message).toMatch(/^Request body is not valid JSON/);
  });
});

// Misses and uncached answers of plain POSTs are executed by Apollo without express
// (src/direct-execution.ts): the same bytes and headers as through express, in every cache mode.
describe.each(databaseKinds)('plain POSTs executed without express (%s)', (kind) => {
  let tdb: TestDatabase;
  const servers: CacheTestServer[] = [];
  beforeAll(async () => {
    tdb = await createSeededTestDatabase(kind);
  });
  afterAll(async () => {
    for (const s of servers) await s.stop();
    await tdb?.drop();
  });
  const serve = async (env: Record<string, string>) => {
    const s = await serveCache(tdb.db, { env: { RATE_LIMIT: 'on', RATE_LIMIT_REQUESTS: '50', CORS_ORIGINS: 'https://a.example', ...env } });
    servers.push(s);
    return s;
  };
  const origin = { origin: 'https://a.example' };

  test.each([['off'], ['on']])('RESPONSE_CACHE=%s: an answer, an error and a refused write are what express answers', async (cache) => {
    const s = await serve({ RESPONSE_CACHE: cache });
    const requests: Array<object | string> = [
      { query: QUERY, operationName: 'Kaz', variables: {} },
      { query: '{ country(iso3: "KAZ") { production(stage: REFINED, yearFrom: 2030, yearTo: 2020) { year } } }' },
      { query: '{ nope }' },
      { query: 'mutation { deleteRevision(id: "x") }' },
      '[{"query":"{ __typename }"}]',
    ];
    for (const body of requests) {
      const direct = await s.post(body, origin);
      const viaExpress = await s.post(body, { ...origin, ...VIA_EXPRESS });
      expect({ status: direct.status, text: direct.text }).toEqual({ status: viaExpress.status, text: viaExpress.text });
      // Through express a cached answer is a HIT on its second request: compare what does not say so.
      const { 'x-cache': _a, etag: _b, ...directHeaders } = headersOf(direct.headers);
      const { 'x-cache': _c, etag: _d, ...expressHeaders } = headersOf(viaExpress.headers);
      expect(directHeaders).toEqual(expressHeaders);
    }
    const first = await s.post({ query: QUERY }, origin);
    expect(first.body.data.country.production).toEqual([{ year: 2024, tonnes: 697.5 }]);
    expect(first.headers.get('access-control-allow-origin')).toBe('https://a.example');
    if (cache === 'on') {
      // The answer a direct miss kept is served from the cache, with the ETag the miss gave.
      expect(first.headers.get('x-cache')).toBe('MISS');
      const again = await s.post({ query: QUERY }, origin);
      expect(again.headers.get('x-cache')).toBe('HIT');
      expect(again.headers.get('etag')).toBe(first.headers.get('etag'));
      expect(again.text).toBe(first.text);
    } else {
      expect(first.headers.get('x-cache')).toBeNull();
    }
    await new Promise((r) => setTimeout(r, 50));
    const line = s.logs.filter((l) => l.path === '/graphql').at(-1);
    expect(line).toMatchObject({ method: 'POST', status: 200, operationName: 'Kaz', errors: 0 });
  });
});

describe('createHitPath with execute: a POST not answered from memory goes there with its body, not to express', () => {
  it('executes misses, and leaves other requests to express', async () => {
    const reached: string[] = [];
    const executed: string[] = [];
    const hitPath = createHitPath({
      cache: { mode: 'off', serveFromMemory: () => false },
      bodyLimitBytes: 1000,
      trustProxy: () => false,
      express: (_req, res) => {
        reached.push('express');
        res.end('express');
      },
      execute: (_req, res, body) => {
        executed.push(body.toString());
        res.end('executed');
      },
    });
    const server = http.createServer(hitPath);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
    try {
      const plain = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ x }"}' });
      expect(await plain.text()).toBe('executed');
      const csv = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'text/csv' }, body: '{"query":"{ x }"}' });
      expect(await csv.text()).toBe('express');
      const get = await fetch(`${url}?query=%7Bx%7D`);
      expect(await get.text()).toBe('express');
      expect(executed).toEqual(['{"query":"{ x }"}']);
      expect(reached).toHaveLength(2);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
