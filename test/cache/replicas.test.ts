// Several instances behind a load balancer: two server processes (src/index.ts, as in
// test/server/process.test.ts) on one PostgreSQL database and one Redis. An import through the CLI
// reaches both at commit (LISTEN/NOTIFY), and answers cached through one are HITs on the other,
// also across a restart. PostgreSQL only: PGlite serves one process.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import * as os from 'node:os';
import path from 'node:path';
import { readDataVersion } from '../../src/db';
import { DEFAULT_DATA_DIR } from '../../src/import';
import { databaseKinds, type TestDatabase } from '../helpers/db';
import { deleteKeysUnder, keysUnder, testRedisClient, testRedisUrl, uniqueRedisPrefix } from '../helpers/redis';
import { describeWithRedis } from '../helpers/requirements';
import { createSeededTestDatabase } from '../helpers/seed';

const root = path.resolve(__dirname, '..', '..');
const hook = path.join(root, 'test', 'server', 'fixtures', 'swc-register.js');
const tsx = path.join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs');

interface Instance {
  name: string;
  url: string;
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

async function freePort(): Promise<number> {
  const srv = net.createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const { port } = srv.address() as net.AddressInfo;
  await new Promise((r) => srv.close(r));
  return port;
}

async function waitUntil(cond: () => boolean | Promise<boolean>, what: string, ms = 120_000): Promise<void> {
  const until = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function startInstance(name: string, port: number, env: Record<string, string>): Promise<Instance> {
  const child = spawn(process.execPath, ['-r', hook, 'src/index.ts'], {
    cwd: root,
    env: { ...process.env, NODE_OPTIONS: '', NODE_ENV: 'production', LOG_LEVEL: 'info', PORT: String(port), HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  let gone = false;
  void exited.then(() => (gone = true));
  await waitUntil(() => gone || /argentum listening on/.test(out), `instance ${name} to listen`);
  if (gone) throw new Error(`instance ${name} exited:\n${out}`);
  return { name, url: `http://127.0.0.1:${port}`, child, output: () => out, exited };
}

async function stopInstance(i: Instance | undefined): Promise<number | null> {
  if (!i || i.child.exitCode !== null) return i?.child.exitCode ?? null;
  i.child.kill('SIGTERM');
  return i.exited;
}

const REFINED = 'query Refined($year: Int!) { country(iso3: "KAZ") { production(stage: REFINED, yearFrom: $year, yearTo: $year, fullYearOnly: true) { year tonnes } } }';

async function refined(i: Instance, year: number): Promise<{ cache: string | null; tonnes: number[] }> {
  const res = await fetch(`${i.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: REFINED, variables: { year }, operationName: 'Refined' }),
  });
  const body = await res.json();
  expect([res.status, body.errors]).toEqual([200, undefined]);
  return { cache: res.headers.get('x-cache'), tonnes: body.data.country.production.map((p: { tonnes: number }) => p.tonnes) };
}

function runImport(file: string, databaseUrl: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [tsx, 'src/import/cli.ts', file], { cwd: root, env: { ...process.env, NODE_OPTIONS: '', DATABASE_URL: databaseUrl } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

// Two instances need the PostgreSQL server and the shared Redis.
const describePostgres = databaseKinds.includes('postgres') ? describeWithRedis : describe.skip;

describePostgres('two instances on one PostgreSQL database and one Redis', () => {
  const prefix = uniqueRedisPrefix();
  const redis = testRedisClient();
  let tdb: TestDatabase;
  let tmp: string;
  let a: Instance | undefined;
  let b: Instance | undefined;
  let env: Record<string, string>;
  let portA: number;

  beforeAll(async () => {
    tmp = await mkdtemp(path.join(os.tmpdir(), 'argentum-replicas-'));
    tdb = await createSeededTestDatabase('postgres');
    env = { DATABASE_URL: tdb.url!, REDIS_URL: testRedisUrl, REDIS_PREFIX: prefix };
    portA = await freePort();
    [a, b] = await Promise.all([startInstance('A', portA, env), startInstance('B', await freePort(), env)]);
  }, 300_000);

  afterAll(async () => {
    const codes = await Promise.all([stopInstance(a), stopInstance(b)]);
    await deleteKeysUnder(redis, prefix);
    expect(await keysUnder(redis, prefix)).toEqual([]);
    redis.disconnect();
    await tdb?.drop();
    await rm(tmp, { recursive: true, force: true });
    expect(codes).toEqual([0, 0]);
  });

  const responseKeys = async () => (await keysUnder(redis, `${prefix}response:`)).length;

  test('an import through the CLI reaches both instances; answers cached through one are HITs on the other, across a restart', async () => {
    // Before: the figure as seeded, cached through A, a HIT on B.
    expect(await refined(a!, 2024)).toEqual({ cache: 'MISS', tonnes: [697.5] });
    await waitUntil(async () => (await responseKeys()) === 1, "A's answer in Redis");
    expect(await refined(b!, 2024)).toEqual({ cache: 'HIT', tonnes: [697.5] });

    // The CLI, a third process, changes the figure in one transaction that bumps the data version.
    const csv = await readFile(path.join(DEFAULT_DATA_DIR, 'production.csv'), 'utf8');
    const file = path.join(tmp, 'production.csv');
    await writeFile(file, csv.replace(/^KAZ,SILVER,REFINED,2024,1,12,697\.5,/m, 'KAZ,SILVER,REFINED,2024,1,12,712.5,'));
    const before = (await readDataVersion(tdb.prisma)).version;
    const imported = await runImport(file, tdb.url!);
    expect(imported.stderr).toBe('');
    expect(imported.stdout).toMatch(/\(production\): 0 inserted, 1 updated, \d+ unchanged/);
    expect(imported.code).toBe(0);
    expect((await readDataVersion(tdb.prisma)).version).toBe(before + 1n);

    // Both instances answer the new figure on their very next request (the notification came at commit).
    const [fromA, fromB] = await Promise.all([refined(a!, 2024), refined(b!, 2024)]);
    expect(fromA.tonnes).toEqual([712.5]);
    expect(fromB.tonnes).toEqual([712.5]);

    // Cached through A, then A stops: B answers it from Redis (it never computed it).
    expect(await refined(a!, 2023)).toEqual({ cache: 'MISS', tonnes: [885.152] });
    await waitUntil(async () => (await responseKeys()) >= 3, "A's 2023 answer in Redis");
    expect(await stopInstance(a)).toBe(0);
    expect(await refined(b!, 2023)).toEqual({ cache: 'HIT', tonnes: [885.152] });

    // A restarted (empty process memory): what B cached is a HIT there, and the new figure stays.
    a = await startInstance('A again', portA, env);
    expect(await refined(a, 2024)).toEqual({ cache: 'HIT', tonnes: [712.5] });
    expect(await refined(a, 2023)).toEqual({ cache: 'HIT', tonnes: [885.152] });

    // Each instance logged the data version it started with.
    expect(a.output()).toMatch(new RegExp(`"msg":"response cache: redis \\(data version ${before + 1n}\\)"`));
  }, 300_000);
});
