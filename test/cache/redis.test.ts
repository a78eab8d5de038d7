// The response cache shared through Redis (REDIS_URL) by two servers over one database, Apollo's
// persisted queries in the same Redis, and a Redis that is unreachable or goes away.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import net from 'node:net';
import { Redis } from 'ioredis';
import { bumpDataVersion, readDataVersion } from '../../src/db';
import { databaseKinds, type TestDatabase } from '../helpers/db';
import { deleteKeysUnder, keysUnder, testRedisClient, testRedisUrl, uniqueRedisPrefix } from '../helpers/redis';
import { describeWithRedis } from '../helpers/requirements';
import { createSeededTestDatabase } from '../helpers/seed';
import { serveCache, type CacheTestServer } from './serve';

async function waitUntil(cond: () => boolean | Promise<boolean>, what: string, ms = 30_000): Promise<void> {
  const until = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

async function readyCache(s: CacheTestServer): Promise<string> {
  return (await (await fetch(`${s.url}/ready`)).json()).cache;
}

const RATIO = { query: 'query Ratio($date: Date!) { goldSilverRatio(date: $date) }', variables: { date: '2026-01-12' } };

describeWithRedis.each(databaseKinds)('response cache shared through Redis (%s)', (kind) => {
  const prefix = uniqueRedisPrefix();
  const redis = testRedisClient();
  let tdb: TestDatabase;
  let a: CacheTestServer;
  let b: CacheTestServer;
  beforeAll(async () => {
    tdb = await createSeededTestDatabase(kind);
    const env = { REDIS_URL: testRedisUrl, REDIS_PREFIX: prefix, RESPONSE_CACHE_TTL: '600' };
    a = await serveCache(tdb.db, { env });
    b = await serveCache(tdb.db, { env });
    await waitUntil(async () => (await readyCache(a)) === 'redis connected' && (await readyCache(b)) === 'redis connected', 'both servers to reach Redis');
  });
  afterAll(async () => {
    await a?.stop();
    await b?.stop();
    await deleteKeysUnder(redis, prefix);
    expect(await keysUnder(redis, prefix)).toEqual([]);
    redis.disconnect();
    await tdb?.drop();
  });

  const responseKeys = () => keysUnder(redis, `${prefix}response:`);

  test('an answer cached through one server is a HIT on the other, under the prefix and with the TTL', async () => {
    const first = await a.post(RATIO);
    expect(first.headers.get('x-cache')).toBe('MISS');
    expect(first.body).toMatchObject({ data: { goldSilverRatio: 53.7 } });
    // The write to Redis does not hold up the answer: wait until it is there.
    await waitUntil(async () => (await responseKeys()).length === 1, 'the answer in Redis');
    const [key] = await responseKeys();
    const ttl = await redis.ttl(key);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(600);

    const fromB = await b.post(RATIO);
    expect(fromB.headers.get('x-cache')).toBe('HIT');
    expect(fromB.text).toBe(first.text);
    expect(fromB.headers.get('etag')).toBe(first.headers.get('etag'));
  });

  test('after a write, both servers miss the older answer: the version is in the key', async () => {
    const before = (await responseKeys()).length;
    await bumpDataVersion(tdb.prisma);
    const version = (await readDataVersion(tdb.prisma)).version;
    await a.server.dataVersion!.waitFor(version, 30_000);
    await b.server.dataVersion!.waitFor(version, 30_000);
    expect((await b.post(RATIO)).headers.get('x-cache')).toBe('MISS');
    await waitUntil(async () => (await responseKeys()).length === before + 1, 'the new answer in Redis');
    expect((await a.post(RATIO)).headers.get('x-cache')).toBe('HIT');
    expect((await responseKeys()).filter((k) => k.includes(`:${version}:`))).toHaveLength(1);
  });

  test("Apollo's automatic persisted queries are shared through the same Redis", async () => {
    const query = '{ country(iso3: "KAZ") { name } }';
    const sha256Hash = createHash('sha256').update(query).digest('hex');
    const persistedQuery = { version: 1, sha256Hash };
    expect((await b.get({ extensions: { persistedQuery } })).body.errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    expect((await a.post({ query, extensions: { persistedQuery } })).body).toMatchObject({ data: { country: { name: 'Kazakhstan' } } });
    await waitUntil(async () => (await redis.exists(`${prefix}apq:${sha256Hash}`)) === 1, 'the persisted query in Redis');
    const fromB = await b.get({ extensions: { persistedQuery } });
    expect(fromB.body).toMatchObject({ data: { country: { name: 'Kazakhstan' } } });
    expect(fromB.headers.get('x-cache')).toBe('MISS');
  });
});

describe('an unreachable Redis', () => {
  let tdb: TestDatabase;
  let s: CacheTestServer;
  beforeAll(async () => {
    tdb = await createSeededTestDatabase('pglite');
    s = await serveCache(tdb.db, { env: { REDIS_URL: 'redis://:secret@127.0.0.1:1', REDIS_PREFIX: uniqueRedisPrefix() } });
  });
  afterAll(async () => {
    await s?.stop();
    await tdb?.drop();
  });

  test('the service answers (cached in process only), /ready is 200, and one warning is logged', async () => {
    const warnings = () => s.logs.filter((l) => l.level === 40 && /^redis at /.test(String(l.msg)));
    await waitUntil(() => warnings().length > 0, 'the warning');
    // Let the client retry a few times (100, 200, 400 ms ...): still a single warning.
    await new Promise((r) => setTimeout(r, 1500));
    expect(warnings()).toHaveLength(1);
    expect(warnings()[0].msg).toMatch(/^redis at redis:\/\/:\*\*\*@127\.0\.0\.1:1 is unreachable \(.*\): answering without the shared cache until it is back$/);
    expect(JSON.stringify(s.logs)).not.toMatch(/secret/);

    const first = await s.post(RATIO);
    expect([first.status, first.headers.get('x-cache'), first.body]).toEqual([200, 'MISS', { data: { goldSilverRatio: 53.7 }, extensions: { cost: { requested: 0, limit: 1000 } } }]);
    expect((await s.post(RATIO)).headers.get('x-cache')).toBe('HIT');
    const ready = await fetch(`${s.url}/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ready', cache: 'redis unreachable' });
  });
});

// A private redis-server that can be stopped and started again (the shared one must stay up).
const haveRedisServer = spawnSync('redis-server', ['--version']).status === 0;
const describeOwnRedis = haveRedisServer || process.env.CI ? describe : describe.skip;

describeOwnRedis('Redis going away and coming back', () => {
  let port: number;
  let redisServer: ChildProcess | undefined;
  let tdb: TestDatabase;
  let s: CacheTestServer;

  const startRedis = async () => {
    redisServer = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    await waitUntil(() => new Promise<boolean>((resolve) => {
      const socket = net.connect(port, '127.0.0.1', () => {
        socket.end();
        resolve(true);
      });
      socket.on('error', () => resolve(false));
    }), 'redis-server to listen');
  };
  const stopRedis = async () => {
    const child = redisServer;
    redisServer = undefined;
    if (!child || child.exitCode !== null) return;
    await new Promise((r) => {
      child.once('exit', r);
      child.kill('SIGKILL');
    });
  };

  beforeAll(async () => {
    const srv = net.createServer();
    await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
    port = (srv.address() as net.AddressInfo).port;
    await new Promise((r) => srv.close(r));
    await startRedis();
    tdb = await createSeededTestDatabase('pglite');
    s = await serveCache(tdb.db, { env: { REDIS_URL: `redis://127.0.0.1:${port}`, REDIS_PREFIX: 'argentum:' } });
    await waitUntil(async () => (await readyCache(s)) === 'redis connected', 'the server to reach Redis');
  });
  afterAll(async () => {
    await s?.stop();
    await tdb?.drop();
    await stopRedis();
  });

  test('answers go on while it is down (one warning); it is used again once it is back', async () => {
    expect((await s.post(RATIO)).headers.get('x-cache')).toBe('MISS');
    await stopRedis();
    await waitUntil(async () => (await readyCache(s)) === 'redis unreachable', 'the server to notice');
    const other = { ...RATIO, variables: { date: '2025-12-31' } };
    for (let i = 0; i < 3; i++) {
      const res = await s.post(other);
      expect(res.status).toBe(200);
      expect(res.body.errors).toBeUndefined();
    }
    expect((await s.post(RATIO)).headers.get('x-cache')).toBe('HIT'); // the in-process tier
    expect(s.logs.filter((l) => l.level === 40 && /^redis at .* is unreachable/.test(String(l.msg)))).toHaveLength(1);

    await startRedis();
    await waitUntil(async () => (await readyCache(s)) === 'redis connected', 'the server to reconnect');
    expect(s.logs.some((l) => /^redis at .* is reachable again$/.test(String(l.msg)))).toBe(true);
    const third = { ...RATIO, variables: { date: '2026-01-02' } };
    expect((await s.post(third)).headers.get('x-cache')).toBe('MISS');
    // The restarted (empty) redis-server holds the new answer.
    const own = new Redis(`redis://127.0.0.1:${port}`);
    try {
      await waitUntil(async () => (await own.keys('argentum:response:*')).length === 1, 'the answer in the restarted Redis');
    } finally {
      own.disconnect();
    }
  });
});
