// The server over HTTP with the API's schema and the seeded dataset, on every database kind,
// in production mode (masking, no suggestions): probes, limits, user errors, logs, and a database
// that goes away.
import { createApiKey } from '../../src/auth/keys';
import { databaseKinds } from '../helpers/db';
import { startTestServer, type TestServer } from '../helpers/server';

/**
 * A query of `depth` nested fields that stays cheap (one item, then single objects):
 * productionYears { edges { node { previous { ... { country { name } } } } } }.
 */
function deepQuery(depth: number): string {
  let inner = 'country { name }';
  for (let i = 0; i < depth - 5; i++) inner = `previous { year ${inner} }`;
  return `query Deep { productionYears(first: 1) { edges { node { ${inner} } } } }`;
}

/** Asks for the GraphQL-over-HTTP media type, under which request errors are HTTP 400. */
const GRAPHQL_RESPONSE = { accept: 'application/graphql-response+json' };

describe.each(databaseKinds)('server over HTTP (%s, NODE_ENV=production)', (kind) => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer(kind, { env: { NODE_ENV: 'production' } });
  });
  afterAll(() => s?.stop());

  it('GET /health is 200 and GET /ready is 200 while the database answers', async () => {
    const health = await fetch(`${s.url}/health`);
    expect([health.status, await health.json()]).toEqual([200, { status: 'ok' }]);
    const ready = await fetch(`${s.url}/ready`);
    expect([ready.status, await ready.json()]).toEqual([200, { status: 'ready', database: kind, cache: 'memory', dataVersion: '1' }]);
  });

  it('serves a reasonable nested query', async () => {
    const { status, body } = await s.graphql(`query Overview {
      country(iso3: "KAZ") {
        name
        production(stage: REFINED) { year tonnes yoyChange { percent } source { name } }
        exports(year: 2025) { tonnes share partner { iso3 name } }
      }
      countries(first: 10) { totalCount edges { node { iso3 production(stage: MINE) { year tonnes } } } }
    }`);
    expect(body.errors).toBeUndefined();
    expect(status).toBe(200);
    expect(body.data.country.name).toBe('Kazakhstan');
    expect(body.data.countries.edges.length).toBeGreaterThan(1);
  });

  it('accepts depth 10 and refuses depth 11 with 400 before execution, naming both', async () => {
    const ok = await s.graphql(deepQuery(10));
    expect(ok.body.errors).toBeUndefined();
    expect(ok.status).toBe(200);
    const refused = await s.graphql(deepQuery(11));
    expect(refused.status).toBe(400);
    expect(refused.body.data).toBeUndefined();
    expect(refused.body.errors).toEqual([
      expect.objectContaining({
        message: 'Query depth 11 exceeds the maximum of 10 nested fields',
        extensions: { code: 'QUERY_LIMIT_EXCEEDED', limit: 'depth', maximum: 10, actual: 11 },
      }),
    ]);
  });

  it('refuses a query costing more than 1000 with 400 before execution, naming both', async () => {
    // 1 + 100 x (1 + 10 x 1 + 10 x (1 + 1)) = 3101 (see src/limits/cost.ts)
    const { status, body } = await s.graphql(`query Costly {
      countries(first: 100) { edges { node { production { year } exports { partner { name } } } } }
    }`);
    expect(status).toBe(400);
    expect(body.data).toBeUndefined();
    expect(body.errors).toEqual([
      expect.objectContaining({
        message: 'Query cost 3101 exceeds the maximum of 1000; ask for smaller pages (first: n) or fewer nested lists',
        extensions: { code: 'QUERY_LIMIT_EXCEEDED', limit: 'cost', maximum: 1000, actual: 3101 },
      }),
    ]);
  });

  it('reports a bad argument as BAD_USER_INPUT with its message', async () => {
    const { status, body } = await s.graphql('query Page { countries(first: -5) { totalCount } }');
    expect(status).toBe(200);
    expect(body.errors[0]).toMatchObject({
      message: expect.stringMatching(/first.*-5/),
      path: ['countries'],
      extensions: { code: 'BAD_USER_INPUT' },
    });
    expect(body.errors[0].extensions.stacktrace).toBeUndefined();
  });

  it.each([500, 1000, 0])('reports first: %i as BAD_USER_INPUT naming the argument and 1..100, not as a cost error', async (n) => {
    const { body } = await s.graphql(`{ countries(first: ${n}) { edges { node { iso3 } } } }`);
    expect(body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(body.errors[0].message).toMatch(new RegExp(`first.*1.*100.*${n}|first.*${n}.*1.*100`));
  });

  it.each([
    ['an unknown enum literal', '{ country(iso3: "KAZ") { production(metal: COPPER) { year } } }', /^Argument "metal": .*SILVER.*COPPER/],
    ['a malformed date literal', '{ goldSilverRatio(date: "2026-13-45") }', /^Argument "date": .*YYYY-MM-DD|^Argument "date": .*2026-13-45/],
    ['a value of the wrong type', '{ country(iso3: "KAZ") { worldShare(year: "2024") } }', /^Argument "year": Int cannot represent/],
    ['an unknown filter field', '{ pricePoints(filter: { metal: SILVER, bogus: 1 }) { totalCount } }', /^Argument "filter": Field "bogus" is not defined/],
    ['a malformed date in a filter', '{ pricePoints(filter: { metal: SILVER, dateFrom: "2026-02-30" }) { totalCount } }', /^Argument "filter.dateFrom": .*2026-02-30/],
  ])('reports %s as BAD_USER_INPUT', async (_what, query, pattern) => {
    // A request error: 200 under application/json, 400 under application/graphql-response+json (src/http-status.ts).
    expect((await s.graphql(query, undefined, GRAPHQL_RESPONSE)).status).toBe(400);
    const { status, body } = await s.graphql(query);
    expect(status).toBe(200);
    expect(body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(body.errors[0].message).toMatch(pattern);
  });

  it('reports a bad variable as BAD_USER_INPUT: HTTP 400 under application/graphql-response+json, 200 under application/json', async () => {
    const q = 'query R($d: Date!) { goldSilverRatio(date: $d) }';
    const strict = await s.graphql(q, { d: '2026-13-45' }, GRAPHQL_RESPONSE);
    expect([strict.status, strict.headers.get('content-type'), strict.body.errors[0].extensions.code]).toEqual([
      400,
      'application/graphql-response+json; charset=utf-8',
      'BAD_USER_INPUT',
    ]);
    const { status, headers, body } = await s.graphql(q, { d: '2026-13-45' });
    expect([status, headers.get('content-type')]).toEqual([200, 'application/json; charset=utf-8']);
    expect(body.data).toBeUndefined();
    expect(body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(body.errors[0].message).toMatch(/2026-13-45/);
  });

  it('gives no "Did you mean" suggestion for a misspelled field', async () => {
    expect((await s.graphql('{ country(iso3: "KAZ") { nme } }', undefined, GRAPHQL_RESPONSE)).status).toBe(400);
    const { status, body } = await s.graphql('{ country(iso3: "KAZ") { nme } }');
    expect(status).toBe(200);
    expect(body.errors[0]).toMatchObject({
      message: 'Cannot query field "nme" on type "Country".',
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
    });
    expect(JSON.stringify(body)).not.toMatch(/Did you mean/);
  });

  it('refuses a persisted-query hash that does not match its query as BAD_REQUEST, not an internal error', async () => {
    const res = await fetch(`${s.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ sources { name } }', extensions: { persistedQuery: { version: 1, sha256Hash: '0'.repeat(64) } } }),
    });
    expect(res.status).toBe(400);
    expect((await res.json()).errors).toEqual([{ message: 'provided sha does not match query', extensions: { code: 'BAD_REQUEST' } }]);
  });

  it('refuses a batched request (JSON array) with 400', async () => {
    const res = await fetch(`${s.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([{ query: '{ sources { name } }' }, { query: '{ sources { name } }' }]),
    });
    expect(res.status).toBe(400);
  });

  it('refuses a 150 KB body with 413 and a JSON error', async () => {
    const res = await fetch(`${s.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ sources { name } }', variables: { pad: 'x'.repeat(150 * 1024) } }),
    });
    expect(res.status).toBe(413);
    expect((await res.json()).errors[0].extensions.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('never logs API keys sent in authorization or x-api-key', async () => {
    const { key: one } = await createApiKey(s.db.prisma, { name: 'logged-one', role: 'editor' });
    const { key: two } = await createApiKey(s.db.prisma, { name: 'logged-two', role: 'admin' });
    expect((await s.graphql('query KeyedRead { sources { name } }', undefined, { authorization: `Bearer ${one}` })).status).toBe(200);
    expect((await s.graphql('query KeyedRead { sources { name } }', undefined, { 'x-api-key': two })).status).toBe(200);
    // A key that does not verify is refused, and is not logged either.
    expect((await s.graphql('query KeyedRead { sources { name } }', undefined, { authorization: 'Bearer sk_live_secret_three' })).status).toBe(401);
    expect(s.logs.some((l) => l.operationName === 'KeyedRead')).toBe(true);
    const logged = JSON.stringify(s.logs);
    // The secret part: everything after "<prefix>_<lookup>_" (base64url, which may itself hold "_").
    for (const key of [one, two]) expect(logged).not.toContain(key.split('_').slice(2).join('_'));
    expect(logged).not.toContain('sk_live_secret');
  });

  it('logs one line per GraphQL request', async () => {
    const before = s.logs.length;
    await s.graphql('query OneLine { sources { name } }');
    await new Promise((r) => setTimeout(r, 50));
    const lines = s.logs.slice(before);
    expect(lines).toEqual([
      expect.objectContaining({ msg: expect.stringMatching(/^POST \/graphql OneLine 200 /), operationName: 'OneLine', status: 200, errors: 0, cost: expect.any(Number) }),
    ]);
  });

  // Last: closes the database under the running server.
  it('when the database is gone: /ready is 503 with the reason, queries get a masked internal error', async () => {
    await s.db.close();
    const ready = await fetch(`${s.url}/ready`);
    expect(ready.status).toBe(503);
    const body = await ready.json();
    expect(body.status).toBe('unavailable');
    expect(typeof body.reason).toBe('string');

    const res = await s.graphql('query AfterClose { country(iso3: "KAZ") { name production { year } } }');
    expect(res.status).toBe(200);
    expect(res.body.errors[0]).toEqual({
      message: 'Internal server error',
      locations: expect.any(Array),
      path: ['country'],
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
    expect(JSON.stringify(res.body)).not.toMatch(/SELECT|prisma|pglite|pool|stack|\.ts:/i);
    // ...while the log keeps the real error for operators.
    expect(s.logs.some((l) => l.msg === 'internal error while serving a GraphQL request')).toBe(true);
  });
});
