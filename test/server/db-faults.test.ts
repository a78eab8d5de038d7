// Database faults under load: the server reaches the real PostgreSQL through a TCP proxy this test
// controls; the proxy cuts every connection and refuses new ones until the test restores it, under
// 20 concurrent readers. No read fails while the cut is shorter than the retry budget, and the
// service recovers by itself. The tests follow events (reads answered, connections refused, the
// cut restored), never fixed sleeps. (PostgreSQL only: PGlite runs inside the process.)
import { DriverAdapterError } from '@prisma/driver-adapter-utils';
import net from 'node:net';
import { isTransientConnectionError, openDatabase, retryRead, type Database } from '../../src/db';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/logger';
import { createServer, type AppServer } from '../../src/server';
import { createSeededTestDatabase } from '../helpers/seed';
import { waitFor } from '../helpers/wait';

/** A TCP proxy to `target` that can cut every connection and refuse new ones until restored. */
async function startProxy(target: { host: string; port: number }) {
  const sockets = new Set<net.Socket>();
  let refusing = false;
  let refused = 0;
  const server = net.createServer((client) => {
    if (refusing) {
      refused++;
      client.destroy();
      return;
    }
    const upstream = net.connect(target.port, target.host);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => {});
    }
    client.pipe(upstream);
    upstream.pipe(client);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    /** Drops every connection now and refuses new ones until `restore()`. */
    cut() {
      refusing = true;
      for (const s of sockets) s.destroy();
    },
    /** Accepts connections again. */
    restore() {
      refusing = false;
    },
    /** How many connections were refused while cut (the server trying to reconnect). */
    get refused() {
      return refused;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

test('transient errors are recognised; others are not retried', async () => {
  expect(isTransientConnectionError(Object.assign(new Error('x'), { code: 'ECONNREFUSED' }))).toBe(true);
  expect(isTransientConnectionError(new Error('Connection terminated unexpectedly'))).toBe(true);
  expect(isTransientConnectionError({ message: 'wrapped', cause: { originalCode: '57P03' } })).toBe(true);
  expect(isTransientConnectionError(new Error('relation "nothing" does not exist'))).toBe(false);
  // The driver adapter's errors (direct reads): the kind names what happened.
  expect(isTransientConnectionError(new DriverAdapterError({ kind: 'ConnectionClosed' }))).toBe(true);
  expect(isTransientConnectionError(new DriverAdapterError({ kind: 'DatabaseNotReachable', host: 'db', port: 5432 }))).toBe(true);
  expect(isTransientConnectionError(new DriverAdapterError({ kind: 'TableDoesNotExist', table: 'nothing' }))).toBe(false);
  let calls = 0;
  await expect(retryRead(async () => {
    calls++;
    throw new Error('syntax error at or near "SELEC"');
  })).rejects.toThrow('syntax error');
  expect(calls).toBe(1);
  calls = 0;
  await expect(retryRead(async () => (++calls < 3 ? Promise.reject(new Error('Connection terminated')) : 'read'), { firstDelayMs: 1 })).resolves.toBe('read');
  expect(calls).toBe(3);
  await expect(retryRead(() => Promise.reject(new Error('Connection terminated')), { budgetMs: 100, firstDelayMs: 10 })).rejects.toThrow('Connection terminated');
});

const describePostgres = process.env.TEST_DATABASE_URL ? describe : describe.skip;

/** A seeded PostgreSQL database, a proxy in front of it, and a server reaching it through the proxy. */
async function startProxiedServer(env: Record<string, string>) {
  const tdb = await createSeededTestDatabase('postgres');
  const direct = new URL(tdb.url!);
  const proxy = await startProxy({ host: direct.hostname, port: Number(direct.port || 5432) });
  const viaProxy = new URL(tdb.url!);
  viaProxy.hostname = '127.0.0.1';
  viaProxy.port = String(proxy.port);
  const db: Database = await openDatabase({ databaseUrl: viaProxy.toString() });
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', RATE_LIMIT: 'off', ...env });
  const server: AppServer = await createServer({ db, config, logger: createLogger(config) });
  const url = await server.start(0, '127.0.0.1');
  return {
    proxy,
    url,
    async stop() {
      await server.stop();
      await db.close();
      await proxy.close();
      await tdb.drop();
    },
  };
}

describePostgres('a cut database connection under concurrent reads (PostgreSQL)', () => {
  let proxy: Awaited<ReturnType<typeof startProxy>>;
  let url: string;
  let stop: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    ({ proxy, url, stop } = await startProxiedServer({ RESPONSE_CACHE: 'off', READ_RETRY_MS: '8000' }));
  });
  afterAll(() => stop?.());

  test('no read fails during a cut shorter than the retry budget, and the service recovers without a restart', async () => {
    const query = JSON.stringify({ query: '{ countries(first: 5) { edges { node { name production(stage: MINE) { year tonnes } } } } }' });
    /** Every read: its outcome and the phase of the cut when it started and when it was answered. */
    const reads: { outcome: string; started: string; answered: string }[] = [];
    let phase: 'before' | 'cut' | 'restored' = 'before';
    let stopping = false;
    const readers = Promise.all(
      Array.from({ length: 20 }, async () => {
        while (!stopping) {
          const started = phase;
          const res = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: query });
          const body = (await res.json()) as { data?: unknown; errors?: Array<{ message: string }> };
          reads.push({ outcome: res.status === 200 && !body.errors ? 'ok' : `${res.status} ${body.errors?.map((e) => e.message).join('; ')}`, started, answered: phase });
        }
      }),
    );
    try {
      // Reads flow; then the database is cut while they run.
      await waitFor(() => reads.length >= 20, { what: '20 reads before the cut' });
      phase = 'cut';
      proxy.cut();
      // The server notices and tries to reconnect: it is refused at least three times (a cut that lasts
      // through several retries), then the database is back.
      await waitFor(() => proxy.refused >= 3, { what: 'three refused reconnections' });
      phase = 'restored';
      proxy.restore();
      // Reads go on after the cut.
      const before = reads.length;
      await waitFor(() => reads.length >= before + 40, { what: '40 reads after the cut' });
    } finally {
      stopping = true;
      await readers;
    }
    expect(reads.filter((r) => r.outcome !== 'ok')).toEqual([]);
    // Some reads were waiting on the database while it was cut and were answered once it was back.
    expect(reads.filter((r) => r.started !== 'restored' && r.answered === 'restored').length).toBeGreaterThanOrEqual(1);
    const ready = await fetch(`${url}/ready`);
    expect(ready.status).toBe(200);
  });
});

describePostgres('the database down for longer than the retry budget (PostgreSQL)', () => {
  let proxy: Awaited<ReturnType<typeof startProxy>>;
  let url: string;
  let stop: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    ({ proxy, url, stop } = await startProxiedServer({ READ_RETRY_MS: '300' }));
  });
  afterAll(() => stop?.());

  const post = async (query: string) => {
    const res = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
    return { status: res.status, cache: res.headers.get('x-cache'), cacheControl: res.headers.get('cache-control'), body: (await res.json()) as any };
  };

  test('a request answered before is served from its last good answer, marked stale; /ready says 503; then it recovers', async () => {
    const query = '{ country(iso3: "KAZ") { name production(stage: MINE) { year tonnes } } }';
    const fresh = await post(query);
    expect(fresh.body.errors).toBeUndefined();
    proxy.cut();
    const stale = await post(query);
    expect([stale.status, stale.cache, stale.cacheControl]).toEqual([200, 'STALE', 'no-store']);
    expect(stale.body.data).toEqual(fresh.body.data);
    expect(stale.body.extensions.stale.reason).toMatch(/database cannot be reached/);
    // Never answered before: nothing to fall back on, an error.
    const other = await post('{ country(iso3: "MEX") { name } }');
    expect(other.body.errors[0].extensions.code).toBe('INTERNAL_SERVER_ERROR');
    expect((await fetch(`${url}/ready`)).status).toBe(503);
    expect(proxy.refused).toBeGreaterThanOrEqual(1); // the server did try to reconnect
    // Back: fresh answers again, without a restart.
    proxy.restore();
    const back = await waitFor(
      async () => {
        const answer = await post(query);
        return answer.cache !== 'STALE' && answer;
      },
      { timeoutMs: 15_000, intervalMs: 100, what: 'a fresh answer after the database is back' },
    );
    expect(back.cache).not.toBe('STALE');
    expect(back.body.data).toEqual(fresh.body.data);
    expect((await fetch(`${url}/ready`)).status).toBe(200);
  });
});
