// Rate limits over HTTP: requests and query cost per minute, per API key else per client address
// (X-Forwarded-For only with TRUST_PROXY), 429 with Retry-After and RateLimit-* headers, shared by
// two instances through Redis, and RATE_LIMIT=off.
import { deleteKeysUnder, testRedisClient, testRedisUrl, uniqueRedisPrefix } from '../helpers/redis';
import { testWithRedis } from '../helpers/requirements';
import { startTestServer, type TestServer } from '../helpers/server';
import { createApiKey } from '../../src/auth/keys';

const QUERY = '{ country(iso3: "KAZ") { name } }'; // cost 1

describe('rate limits', () => {
  const servers: TestServer[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => s.stop()));
  });
  const start = async (env: Record<string, string>) => {
    // No dataset: the limits do not depend on it (costs come from the query's shape).
    const s = await startTestServer('pglite', { seed: false, env: { RATE_LIMIT: 'on', RESPONSE_CACHE: 'off', ...env } });
    servers.push(s);
    return s;
  };

  test('requests per minute: RateLimit headers count down; over the limit 429 with Retry-After and RATE_LIMITED', async () => {
    const s = await start({ RATE_LIMIT_REQUESTS: '3' });
    const remaining: Array<string | null> = [];
    for (let i = 0; i < 3; i++) {
      const res = await s.graphql(QUERY);
      expect(res.status).toBe(200);
      expect(res.headers.get('ratelimit-limit')).toBe('3');
      expect(res.headers.get('ratelimit-policy')).toBe('3;w=60');
      remaining.push(res.headers.get('ratelimit-remaining'));
    }
    expect(remaining).toEqual(['2', '1', '0']);
    const refused = await s.graphql(QUERY);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(Number(refused.headers.get('retry-after'))).toBeLessThanOrEqual(60);
    expect(refused.body.errors[0]).toMatchObject({
      message: expect.stringMatching(/^Rate limit exceeded: more than 3 requests per minute from this API key or client address; retry after \d+ s\.$/),
      extensions: { code: 'RATE_LIMITED' },
    });
    // Another API key has its own budget; the key never reaches the log.
    const { key } = await createApiKey(s.db.prisma, { name: 'budget', role: 'editor' });
    const keyed = await s.graphql(QUERY, undefined, { authorization: `Bearer ${key}` });
    expect(keyed.status).toBe(200);
    // The secret is the 43 characters after the lookup (base64url: it may hold '_' itself).
    const secret = key.slice('argk_'.length + 16 + 1);
    expect(secret).toHaveLength(43);
    expect(JSON.stringify(s.logs)).not.toContain(secret);
  });

  test('query cost per minute: charged once the cost is known; over it 429 with the code and headers', async () => {
    const s = await start({ RATE_LIMIT_COST: '50' });
    const costly = '{ countries(first: 20) { edges { node { name } } } }'; // cost 21
    expect((await s.graphql(costly)).status).toBe(200);
    expect((await s.graphql(costly)).status).toBe(200);
    const refused = await s.graphql(costly);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(refused.headers.get('ratelimit-limit')).toBe('50');
    expect(refused.body.errors[0].extensions.code).toBe('RATE_LIMITED');
    expect(refused.body.errors[0].message).toMatch(/more than 50 query cost points per minute/);
    // The refused operation spent nothing: a cheap query still fits (42 of 50 spent).
    expect((await s.graphql(QUERY)).status).toBe(200);
  });

  test('the client address: X-Forwarded-For counts only with TRUST_PROXY', async () => {
    const direct = await start({ RATE_LIMIT_REQUESTS: '1' });
    expect((await direct.graphql(QUERY, undefined, { 'x-forwarded-for': '203.0.113.1' })).status).toBe(200);
    expect((await direct.graphql(QUERY, undefined, { 'x-forwarded-for': '203.0.113.2' })).status).toBe(429); // the same socket address
    const proxied = await start({ RATE_LIMIT_REQUESTS: '1', TRUST_PROXY: '1' });
    expect((await proxied.graphql(QUERY, undefined, { 'x-forwarded-for': '203.0.113.1' })).status).toBe(200);
    expect((await proxied.graphql(QUERY, undefined, { 'x-forwarded-for': '203.0.113.2' })).status).toBe(200);
    expect((await proxied.graphql(QUERY, undefined, { 'x-forwarded-for': '203.0.113.1' })).status).toBe(429);
  });

  testWithRedis('two instances on one Redis share one budget, under their key prefix', async () => {
    const prefix = uniqueRedisPrefix();
    const redis = testRedisClient();
    try {
      const env = { RATE_LIMIT_REQUESTS: '3', REDIS_URL: testRedisUrl, REDIS_PREFIX: prefix };
      const [a, b] = [await start(env), await start(env)];
      expect((await a.graphql(QUERY)).status).toBe(200);
      expect((await b.graphql(QUERY)).status).toBe(200);
      expect((await a.graphql(QUERY)).headers.get('ratelimit-remaining')).toBe('0');
      expect((await b.graphql(QUERY)).status).toBe(429);
      const keys = await redis.keys(`${prefix}rl:*`);
      expect(keys.length).toBeGreaterThan(0);
    } finally {
      await deleteKeysUnder(redis, prefix);
      redis.disconnect();
    }
  });

  test('RATE_LIMIT=off: no headers, no limit', async () => {
    const s = await start({ RATE_LIMIT: 'off', RATE_LIMIT_REQUESTS: '1' });
    for (let i = 0; i < 3; i++) {
      const res = await s.graphql(QUERY);
      expect(res.status).toBe(200);
      expect(res.headers.get('ratelimit-limit')).toBeNull();
    }
  });
});
