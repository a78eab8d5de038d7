// Benchmark: what users feel from the compiled server (dist/index.js) started as its own process
// (NODE_ENV=production, LOG_LEVEL=silent) on data the size of production, loaded by autocannon over
// HTTP on loopback, next to a static-response floor server. Prints numbers; it is not a test.
//
// Usage:
//   npm run bench                                   # build:server, then the default run (PostgreSQL)
//   npm run bench -- --server-dir ../other-checkout # bench another checkout's dist/ (built there)
//   npm run bench -- --workloads series --concurrency 20 --modes uncached --cpu-prof /tmp/prof
//   npm run bench -- --json > bench.json            # JSON on stdout (progress and table on stderr)
//   (after `npm run build:server`: `npx tsx scripts/bench.ts ...` skips the build)
//
// Options:
//   --db postgres|pglite|both   database (default postgres)
//   --server-dir PATH           the checkout whose dist/index.js is started and whose dist/db and
//                               dist/import create the schema and load the data (default: this
//                               repository); build it first (npm ci && npm run build:server there)
//   --workloads a,b             subset of series,flows,prices (default all)
//   --concurrency a,b           clients (connections) in flight (default 1,20)
//   --modes a,b                 uncached (RESPONSE_CACHE=off), cached (the same requests repeated,
//                               RESPONSE_CACHE unset) (default both)
//   --duration S                timed seconds per cell (default 8)
//   --requests N                timed requests per cell instead of a duration
//   --warmup S                  untimed seconds before each window, same clients, no pause between
//                               (default 2, and at least 2 responses per client; 0 = none)
//   --no-floor                  skip the static-response floor server
//   --max-cost N                MAX_COST for the server (default 1000, the server's own default)
//   --node-args "FLAGS"         extra node flags for the server, e.g. "--max-semi-space-size=64"
//   --cpu-prof DIR              start the server with node --cpu-prof --cpu-prof-dir=DIR; prints where
//                               each profile went and its top 20 functions by self time (timed
//                               windows only)
//   --sql                       print each workload's SQL statements (one uncached request)
//   --json                      print the results as JSON on stdout
//
// PostgreSQL: BENCH_DATABASE_URL, else TEST_DATABASE_URL, else postgresql://postgres@127.0.0.1:5432/postgres
// names the server (as an admin who may CREATE DATABASE); the bench creates argentum_bench_<unique>
// there and drops it at the end (also on failure and Ctrl-C). PGlite: the data is loaded into a
// temporary directory, which the server then opens (PGLITE_DIR), removed at the end.
//
// Data (deterministic, seeded PRNG, about the size of production): 250 countries + WLD; production
// of silver and gold, mine and refined, 1991..2025 for every country plus the WLD totals and a
// partial 2026 period for most series (36,004 rows); 75 reporters exporting silver to 20 partners
// plus their WLD total, 2005..2025 (33,075 flows); daily SPOT and MONTHLY_AVERAGE prices of silver
// and gold 2000..2025 (19,618 prices). Written as CSV and loaded through the server's own importer
// (seedDataset), then ANALYZE.
//
// Workloads (every response is checked: HTTP 200, no errors, the expected number of items; the bench
// exits 1 otherwise):
//   series  countries(filter: {isAggregate: false}, first: 50) { production(stage: REFINED, yearFrom:
//           2015, yearTo: 2025) { year tonnes isEstimate yoyChange } }: 50 x 11 = 550 rows.
//   flows   country(iso3: "QAA") { exports(year: 2025) { partner share unitPriceUsdPerOz tonnesYoyChange ... } }:
//           20 partners + WLD = 21 flows.
//   prices  pricePoints(filter: {metal: SILVER, kind: SPOT, 2025}, first: 100, after) with
//           goldSilverRatio and changeSince: 4 pages (100/100/100/65); every client cycles the cursors.
//
// Each cell (workload x clients x mode) runs autocannon for the warm-up, then the timed window.
// Columns: req/s = responses / window; x floor = req/s / the floor's req/s (same workload and clients);
// p50/p99 = latency in ms (autocannon, request written to response read); server CPU = utime + stime
// of the server process (/proc/<pid>/stat) over the window / responses; PG CPU = the same summed over
// the PostgreSQL backends connected to the bench database (found by process title in /proc; n/a when
// PostgreSQL runs elsewhere, and for PGlite, which runs inside the server); RSS = the server's peak
// resident memory sampled every 200 ms in the window; SQL/req = statements Prisma sends per request
// (BEGIN/COMMIT excluded), counted once per workload and mode in a separate step: the same dist/
// server run inside the bench process with Prisma query events; KB = response body; cache hits =
// share of responses with `x-cache: HIT` (n/a when the server sends no x-cache header).
// The load generator runs in the bench process on the same machine: on a small machine it competes
// with the server and the database for the cores, and the numbers move with the machine's load.
import type { Database, QueryEvent } from '../src/db';
import autocannon from 'autocannon';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  checkResponse,
  discoverVariants,
  generateDataset,
  requestBody,
  workloads as makeWorkloads,
  WORKLOAD_NAMES,
  type Dataset,
  type GraphQLResponse,
  type Workload,
  type WorkloadName,
} from './bench/data';
import { procAvailable, runningChildren, startChild, WindowSampler, type Child } from './bench/processes';
import { formatProfileSummary, summarizeProfile, type ProfileSummary } from './bench/profile';

const REPO = path.resolve(__dirname, '..');

// ---------------------------------------------------------------------------------------------
// Options

type DbKind = 'pglite' | 'postgres';
const MODES = ['uncached', 'cached'] as const;
type Mode = (typeof MODES)[number];

interface Options {
  dbs: DbKind[];
  serverDir: string;
  workloads: WorkloadName[];
  concurrency: number[];
  modes: Mode[];
  durationS: number;
  requests: number | null;
  warmupS: number;
  floor: boolean;
  maxCost: number;
  cpuProfDir: string | null;
  nodeArgs: string[];
  sql: boolean;
  json: boolean;
}

const USAGE =
  'usage: npm run bench -- [--db postgres|pglite|both] [--server-dir PATH] [--workloads series,flows,prices] [--concurrency 1,20] ' +
  '[--modes uncached,cached] [--duration S | --requests N] [--warmup S] [--no-floor] [--max-cost N] [--node-args "FLAGS"] [--cpu-prof DIR] [--sql] [--json] (--help for more)';

function usageError(message: string): never {
  process.stderr.write(`bench: ${message}\n${USAGE}\n`);
  process.exit(2);
}

function parseList<T extends string>(flag: string, raw: string | undefined, allowed: readonly T[]): T[] {
  const items = (raw ?? '').split(',').map((s) => s.trim());
  for (const item of items) if (!(allowed as readonly string[]).includes(item)) usageError(`${flag} takes a comma-separated subset of ${allowed.join(',')}, got ${JSON.stringify(item)}`);
  return [...new Set(items)] as T[];
}

export function parseArgs(argv: string[]): Options {
  const o: Options = {
    dbs: ['postgres'],
    serverDir: REPO,
    workloads: [...WORKLOAD_NAMES],
    concurrency: [1, 20],
    modes: [...MODES],
    durationS: 8,
    requests: null,
    warmupS: 2,
    floor: true,
    maxCost: 1000,
    cpuProfDir: null,
    nodeArgs: [],
    sql: false,
    json: false,
  };
  const int = (flag: string, v: string | undefined, min: number, max: number) => {
    const n = Number(v);
    if (v === undefined || !/^\d+$/.test(v.trim()) || n < min || n > max) usageError(`${flag} must be an integer ${min}..${max}, got ${JSON.stringify(v ?? '')}`);
    return n;
  };
  const seconds = (flag: string, v: string | undefined, min: number) => {
    const n = Number(v);
    if (v === undefined || !/^\d+(\.\d+)?$/.test(v.trim()) || n < min || n > 3600) usageError(`${flag} must be a number of seconds ${min}..3600, got ${JSON.stringify(v ?? '')}`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const eq = arg.indexOf('=');
    const [flag, inline] = arg.startsWith('--') && eq > 0 ? [arg.slice(0, eq), arg.slice(eq + 1)] : [arg, undefined];
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined) usageError(`${flag} needs a value`);
      return v;
    };
    switch (flag) {
      case '--db': {
        const v = value();
        if (v === 'both') o.dbs = ['postgres', 'pglite'];
        else if (v === 'pglite' || v === 'postgres') o.dbs = [v];
        else usageError(`--db must be postgres, pglite or both, got ${JSON.stringify(v)}`);
        break;
      }
      case '--server-dir':
        o.serverDir = path.resolve(value());
        break;
      case '--workloads':
        o.workloads = parseList('--workloads', value(), WORKLOAD_NAMES);
        break;
      case '--concurrency':
        o.concurrency = [...new Set(value().split(',').map((s) => int('--concurrency', s.trim(), 1, 1000)))];
        break;
      case '--modes':
        o.modes = parseList('--modes', value(), MODES);
        break;
      case '--duration':
        o.durationS = seconds('--duration', value(), 1);
        o.requests = null;
        break;
      case '--requests':
        o.requests = int('--requests', value(), 1, 100_000_000);
        break;
      case '--warmup':
        o.warmupS = seconds('--warmup', value(), 0);
        break;
      case '--no-floor':
        o.floor = false;
        break;
      case '--max-cost':
        o.maxCost = int('--max-cost', value(), 1, 1_000_000_000);
        break;
      case '--cpu-prof':
        o.cpuProfDir = path.resolve(value());
        break;
      case '--node-args': {
        const flags = value().split(/\s+/).filter(Boolean);
        const bad = flags.find((f) => !f.startsWith('-'));
        if (bad !== undefined) usageError(`--node-args takes node flags (each starting with -), got ${JSON.stringify(bad)}`);
        o.nodeArgs = flags;
        break;
      }
      case '--sql':
        o.sql = true;
        break;
      case '--json':
        o.json = true;
        break;
      case '--help':
      case '-h':
        process.stdout.write(readHeader());
        process.exit(0);
      // eslint-disable-next-line no-fallthrough
      default:
        usageError(`unknown option ${JSON.stringify(arg)}`);
    }
  }
  return o;
}

function readHeader(): string {
  // The usage lives in this file's header comment.
  const text = readFileSync(__filename, 'utf8');
  const header: string[] = [];
  for (const line of text.split('\n')) {
    if (!line.startsWith('//')) break;
    header.push(line.replace(/^\/\/ ?/, ''));
  }
  return header.join('\n') + '\n';
}

/** The server checkout's compiled modules: its own schema, migrations and importer. */
function serverModules(serverDir: string) {
  const dist = path.join(serverDir, 'dist');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const load = <T>(m: string): T => require(path.join(dist, m));
  return {
    entry: path.join(dist, 'index.js'),
    db: () => load<typeof import('../src/db')>('db/index.js'),
    importer: () => load<typeof import('../src/import')>('import/index.js'),
    config: () => load<typeof import('../src/config')>('config.js'),
    logger: () => load<typeof import('../src/logger')>('logger.js'),
    server: () => load<typeof import('../src/server')>('server.js'),
  };
}

function checkServerDir(dir: string): void {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) usageError(`--server-dir ${dir} is not a directory`);
  const missing = ['index.js', 'server.js', 'db/index.js', 'import/index.js', 'config.js'].filter((f) => !existsSync(path.join(dir, 'dist', f)));
  if (missing.length) {
    usageError(
      `${path.join(dir, 'dist')} lacks ${missing.join(', ')}: build that checkout first ` +
        (dir === REPO ? '(`npm run bench` does; or `npm run build:server`)' : `(cd ${dir} && npm ci && npm run build:server)`),
    );
  }
  if (!existsSync(path.join(dir, 'node_modules'))) usageError(`${dir} has no node_modules: run npm ci there first`);
}

// ---------------------------------------------------------------------------------------------
// Output and cleanup

let jsonMode = false;
function log(line = '') {
  (jsonMode ? process.stderr : process.stdout).write(`${line}\n`);
}

/** Cleanups still to run (children, databases, temporary directories), also on failure and Ctrl-C. */
const cleanups = new Set<() => Promise<void>>();
async function runCleanups(): Promise<void> {
  await Promise.allSettled([...runningChildren].map((c) => c.stop(10_000)));
  const list = [...cleanups].reverse();
  cleanups.clear();
  for (const c of list) await c().catch((err) => process.stderr.write(`bench: cleanup failed: ${(err as Error).message}\n`));
}

// ---------------------------------------------------------------------------------------------
// Databases

const adminUrl = () => process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL || 'postgresql://postgres@127.0.0.1:5432/postgres';

async function adminQuery<T = Record<string, unknown>>(serverUrl: string, sql: string): Promise<T[]> {
  const { Client } = require('pg') as typeof import('pg');
  const client = new Client({ connectionString: serverUrl, connectionTimeoutMillis: 10_000 });
  await client.connect();
  try {
    return (await client.query(sql)).rows as T[];
  } finally {
    await client.end();
  }
}

const redact = (url: string) => url.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/@]*:)[^@/]*@/i, '$1***@');

interface BenchDatabase {
  kind: DbKind;
  label: string;
  /** Child environment that points the server at this database. */
  env: Record<string, string>;
  /** The PostgreSQL database name (for finding its backends), undefined for PGlite. */
  postgresName?: string;
  /** Opens it from the bench process (with the server's own dist/db). */
  open(onQuery?: (e: QueryEvent) => void): Promise<Database>;
  version: string;
}

async function createBenchDatabase(kind: DbKind, mods: ReturnType<typeof serverModules>): Promise<BenchDatabase> {
  const { openDatabase } = mods.db();
  if (kind === 'pglite') {
    const parent = await mkdtemp(path.join(os.tmpdir(), 'argentum-bench-pglite-'));
    cleanups.add(() => rm(parent, { recursive: true, force: true }));
    const dir = path.join(parent, 'data');
    return {
      kind,
      label: `PGlite at ${dir}`,
      env: { PGLITE_DIR: dir },
      open: (onQuery) => openDatabase({ databaseUrl: '', pgliteDir: dir, ...(onQuery ? { onQuery } : {}) }),
      version: `PGlite ${readPackageVersion(path.dirname(mods.entry), '@electric-sql/pglite') ?? ''}`.trim(),
    };
  }
  const server = adminUrl();
  const name = `argentum_bench_${Date.now().toString(36)}_${process.pid}_${randomBytes(3).toString('hex')}`;
  try {
    await adminQuery(server, `CREATE DATABASE "${name}"`);
  } catch (err) {
    throw new Error(
      `cannot create a database on PostgreSQL at ${redact(server)}: ${(err as Error).message} ` +
        `(set BENCH_DATABASE_URL to a server where this user may CREATE DATABASE, or run with --db pglite)`,
    );
  }
  cleanups.add(async () => {
    await adminQuery(server, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  });
  const [{ server_version: version }] = await adminQuery<{ server_version: string }>(server, 'SHOW server_version');
  const u = new URL(server);
  u.pathname = `/${name}`;
  const url = u.toString();
  return {
    kind,
    label: `PostgreSQL ${version} database ${name}`,
    env: { DATABASE_URL: url },
    postgresName: name,
    open: (onQuery) => openDatabase({ databaseUrl: url, ...(onQuery ? { onQuery } : {}) }),
    version: `PostgreSQL ${version}`,
  };
}

function readPackageVersion(fromDir: string, pkg: string): string | undefined {
  try {
    const file = require.resolve(`${pkg}/package.json`, { paths: [fromDir] });
    return JSON.parse(readFileSync(file, 'utf8')).version;
  } catch {
    return undefined;
  }
}

/** Migrates the database and loads the dataset with the server checkout's own modules. */
async function seed(bdb: BenchDatabase, mods: ReturnType<typeof serverModules>, dataset: Dataset): Promise<number> {
  const t0 = performance.now();
  const { migrateDatabase } = mods.db();
  const { seedDataset } = mods.importer();
  const dir = await mkdtemp(path.join(os.tmpdir(), 'argentum-bench-csv-'));
  const db = await bdb.open();
  try {
    await migrateDatabase(db);
    for (const [kind, text] of Object.entries(dataset.files)) await writeFile(path.join(dir, `${kind}.csv`), text);
    // Checkouts whose importer has reserves and country-aliases kinds expect their files; the workloads read neither.
    await writeFile(path.join(dir, 'reserves.csv'), 'country_iso3,metal,tonnes,is_estimate,source\n');
    await writeFile(path.join(dir, 'country-aliases.csv'), 'iso3,alias\n');
    const counts = await seedDataset(db.prisma, dir);
    const inserted = Object.values(counts).reduce((n, c) => n + c.inserted, 0);
    if (inserted !== dataset.total) throw new Error(`the import inserted ${inserted} rows, expected ${dataset.total}: ${JSON.stringify(counts)}`);
    await db.prisma.$executeRawUnsafe('ANALYZE');
  } finally {
    await db.close().catch(() => {});
    await rm(dir, { recursive: true, force: true });
  }
  return (performance.now() - t0) / 1000;
}

// ---------------------------------------------------------------------------------------------
// Requests

async function post(url: string, body: string): Promise<GraphQLResponse> {
  const res = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json' }, body });
  return { status: res.status, text: await res.text(), headers: Object.fromEntries(res.headers) };
}

/** One recorded request/response pair per variant of a workload, every response checked in full. */
interface Recording {
  bodies: string[];
  responses: string[];
  items: number;
  bytes: number;
}

async function record(url: string, w: Workload): Promise<Recording> {
  await discoverVariants(w, (body) => post(url, body));
  const bodies = w.variants.map((_, i) => requestBody(w, i));
  const responses: string[] = [];
  let items = 0;
  for (const [i, body] of bodies.entries()) {
    const res = await post(url, body);
    items += checkResponse(w, i, res.status, res.text);
    responses.push(res.text);
  }
  const bytes = responses.reduce((n, r) => n + Buffer.byteLength(r), 0) / responses.length;
  return { bodies, responses, items: items / bodies.length, bytes };
}

interface LoadResult {
  /** Responses completed inside the timed window. */
  responses: number;
  seconds: number;
  latencies: number[];
  cacheHeaders: number;
  cacheHits: number;
  /** Responses whose bytes differed from the recorded one but passed the full check. */
  differing: number;
  /** The timed window in hrtime microseconds (for the CPU profile). */
  window: [number, number];
  /** What the sampler saw over the window. */
  sampled: ReturnType<WindowSampler['stop']>;
}

/** The parts of an autocannon instance used here (its `response` event passes the client first). */
interface AutocannonInstance {
  on(event: 'response', listener: (client: unknown, status: number, bytes: number, ms: number) => void): void;
  stop(): void;
}

const nowUs = () => Number(process.hrtime.bigint() / 1000n);

/**
 * Runs one cell: autocannon against url/graphql with `clients` connections, each sending the
 * workload's variants in turn, without a pause from the warm-up into the timed window, so that the
 * window sees steady load (requests in flight at its edges balance out; none is aborted inside it).
 * The window is `durationS` seconds, or lasts until `requests` responses. Every response (warm-up
 * included) is checked: identical bytes to the recorded response, or else the full check (status,
 * errors, items); the first failure stops the run and rejects.
 */
function load(url: string, w: Workload, rec: Recording, clients: number, sampler: WindowSampler, timing: { warmupS: number; durationS: number; requests: number | null }): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const latencies: number[] = [];
    let inWindow = false;
    let cacheHeaders = 0;
    let cacheHits = 0;
    let differing = 0;
    let failure: Error | undefined;
    let instance: AutocannonInstance | undefined;
    let windowStart = 0;
    let windowStartUs = 0;
    let ended: { seconds: number; window: [number, number]; sampled: ReturnType<WindowSampler['stop']> } | undefined;
    const timers: NodeJS.Timeout[] = [];

    const openWindow = () => {
      sampler.start();
      windowStart = performance.now();
      windowStartUs = nowUs();
      inWindow = true;
      if (!timing.requests) timers.push(setTimeout(closeWindow, timing.durationS * 1000));
    };
    const closeWindow = () => {
      if (!inWindow) return;
      inWindow = false;
      ended = { seconds: (performance.now() - windowStart) / 1000, window: [windowStartUs, nowUs()], sampled: sampler.stop() };
      instance?.stop();
    };
    const fail = (err: Error) => {
      if (failure) return;
      failure = err;
      if (inWindow) closeWindow();
      else instance?.stop();
    };

    const onResponse = (variant: number) => (status: number, body: string, _context: unknown, headers: Record<string, string | string[]>) => {
      if (inWindow) {
        const cache = headers['x-cache'] ?? headers['X-Cache'];
        if (cache !== undefined) {
          cacheHeaders++;
          if (/^hit/i.test(String(cache))) cacheHits++;
        }
      }
      if (status === 200 && body === rec.responses[variant]) return;
      try {
        checkResponse(w, variant, status, body);
        differing++;
      } catch (err) {
        fail(err as Error);
      }
    };
    instance = autocannon(
      {
        url,
        connections: clients,
        // autocannon's own limit is a safety net: the window closes the run.
        duration: timing.requests ? 24 * 3600 : timing.warmupS + timing.durationS + 120,
        timeout: 60,
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        requests: rec.bodies.map((body, variant) => ({ method: 'POST', path: '/graphql', body, onResponse: onResponse(variant) })) as autocannon.Request[],
      },
      (err, result) => {
        for (const t of timers) clearTimeout(t);
        if (inWindow) closeWindow();
        const where = `${w.name} at ${clients} clients`;
        if (err) return reject(err);
        if (failure) return reject(new Error(`${where}: ${failure.message}`));
        const problems = [result.errors ? `${result.errors} connection errors` : '', result.timeouts ? `${result.timeouts} timeouts` : ''].filter(Boolean);
        if (problems.length) return reject(new Error(`${where}: ${problems.join(', ')}`));
        if (!ended || latencies.length === 0) return reject(new Error(`${where}: no response in the timed window`));
        resolve({ responses: latencies.length, latencies, cacheHeaders, cacheHits, differing, ...ended });
      },
    ) as unknown as AutocannonInstance;
    // The window opens after the warm-up time and once every client has had two responses, so that
    // slow requests at many clients reach a steady state first.
    let opened = false;
    let warmTimeOver = false;
    let warmResponses = 0;
    const maybeOpen = () => {
      if (opened || !warmTimeOver || warmResponses < 2 * clients || failure) return;
      opened = true;
      openWindow();
    };
    instance.on('response', (_client, _status, _bytes, ms) => {
      if (!inWindow) {
        warmResponses++;
        maybeOpen();
        return;
      }
      latencies.push(ms);
      if (timing.requests && latencies.length >= timing.requests) closeWindow();
    });
    if (timing.warmupS > 0) {
      timers.push(
        setTimeout(() => {
          warmTimeOver = true;
          maybeOpen();
        }, timing.warmupS * 1000),
      );
    } else {
      opened = true;
      openWindow();
    }
  });
}

// ---------------------------------------------------------------------------------------------
// Measuring

type CellMode = Mode | 'floor';

interface CellResult {
  db: DbKind;
  workload: WorkloadName;
  clients: number;
  mode: CellMode;
  requests: number;
  seconds: number;
  requestsPerSecond: number;
  /** requestsPerSecond / the floor's, same workload and clients (null without a floor). */
  floorRatio: number | null;
  latencyMs: { p50: number; p90: number; p99: number; max: number; mean: number };
  serverCpuMsPerRequest: number | null;
  postgresCpuMsPerRequest: number | null;
  postgresBackends: number;
  serverPeakRssMb: number | null;
  sqlPerRequest: number | null;
  responseKb: number;
  itemsPerResponse: number;
  /** Share of responses with x-cache: HIT, null when the server sent no x-cache header. */
  cacheHitRatio: number | null;
  differingResponses: number;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;

interface Target {
  child: Child;
  mode: CellMode;
  postgresName?: string;
}

async function measureCell(opts: Options, db: DbKind, target: Target, w: Workload, rec: Recording, clients: number, sql: number | null): Promise<CellResult & { window: [number, number] }> {
  const sampler = new WindowSampler(target.child.pid, target.postgresName);
  const r = await load(target.child.url, w, rec, clients, sampler, { warmupS: opts.warmupS, durationS: opts.durationS, requests: opts.requests });
  const s = r.sampled;
  const sorted = r.latencies.slice().sort((a, b) => a - b);
  const n = r.responses;
  return {
    db,
    workload: w.name,
    clients,
    mode: target.mode,
    requests: n,
    seconds: round(r.seconds, 2),
    requestsPerSecond: round(n / r.seconds, 1),
    floorRatio: null,
    latencyMs: {
      p50: round(percentile(sorted, 50)),
      p90: round(percentile(sorted, 90)),
      p99: round(percentile(sorted, 99)),
      max: round(sorted[n - 1]),
      mean: round(sorted.reduce((a, b) => a + b, 0) / n),
    },
    serverCpuMsPerRequest: s.serverCpuMs === undefined ? null : round(s.serverCpuMs / n),
    postgresCpuMsPerRequest: s.postgresCpuMs === undefined ? null : round(s.postgresCpuMs / n),
    postgresBackends: s.backends,
    serverPeakRssMb: s.peakRssBytes === undefined ? null : round(s.peakRssBytes / 1024 / 1024, 1),
    sqlPerRequest: sql,
    responseKb: round(rec.bytes / 1024, 1),
    itemsPerResponse: round(rec.items, 1),
    cacheHitRatio: r.cacheHeaders ? round(r.cacheHits / n, 3) : null,
    differingResponses: r.differing,
    window: r.window,
  };
}

/** Statements that do work (not transaction control), as test/api/statements.test.ts counts them. */
const isCounted = (sql: string) => !/^\s*(BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE|DEALLOCATE|SET\b)/i.test(sql);

/**
 * SQL statements per request of each workload and mode: the server checkout's createServer run in
 * this process on the bench database, with Prisma query events. One round of every variant warms
 * up (and fills a response cache), then two rounds are counted.
 */
async function countStatements(opts: Options, bdb: BenchDatabase, mods: ReturnType<typeof serverModules>, all: Record<WorkloadName, Workload>, env: (mode: Mode) => Record<string, string>): Promise<Map<string, number>> {
  require(require.resolve('reflect-metadata', { paths: [opts.serverDir] }));
  const { loadConfig } = mods.config();
  const { createLogger } = mods.logger();
  const { createServer } = mods.server();
  const counts = new Map<string, number>();
  let count = 0;
  let capture: QueryEvent[] | null = null;
  const db = await bdb.open((e) => {
    if (!isCounted(e.query)) return;
    count++;
    capture?.push(e);
  });
  try {
    for (const mode of opts.modes) {
      const config = loadConfig({ ...env(mode), HOST: '127.0.0.1' });
      const server = await createServer({ db, config, logger: createLogger(config) });
      const url = await server.start(0, '127.0.0.1');
      try {
        for (const name of opts.workloads) {
          const w = all[name];
          await discoverVariants(w, (body) => post(url, body));
          const bodies = w.variants.map((_, i) => requestBody(w, i));
          for (const [i, body] of bodies.entries()) {
            const res = await post(url, body);
            checkResponse(w, i, res.status, res.text);
          }
          if (opts.sql && mode === opts.modes[0]) {
            capture = [];
            await post(url, bodies[0]);
            log(`  ${name} (${mode}), one request:`);
            for (const e of capture) log(`    ${e.durationMs.toFixed(1).padStart(6)} ms  ${e.query.replace(/\s+/g, ' ').slice(0, Number(process.env.BENCH_SQL_CHARS ?? 400))}`);
            capture = null;
          }
          count = 0;
          const rounds = 2;
          for (let r = 0; r < rounds; r++) for (const body of bodies) await post(url, body);
          counts.set(`${name}|${mode}`, round(count / (rounds * bodies.length), 1));
        }
      } finally {
        await server.stop();
      }
    }
  } finally {
    await db.close().catch(() => {});
  }
  return counts;
}

// ---------------------------------------------------------------------------------------------
// One database

/** The environment of the server child: the bench's own, less what would point it elsewhere. */
function baseEnv(opts: Options): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (v === undefined || /^(DATABASE_URL|PGLITE_DIR|PORT|HOST|NODE_OPTIONS|RESPONSE_CACHE|npm_.*)$/.test(k)) continue;
    env[k] = v;
  }
  return { ...env, NODE_ENV: 'production', LOG_LEVEL: 'silent', MAX_COST: String(opts.maxCost), RATE_LIMIT: 'off' };
}

interface DbRun {
  db: DbKind;
  label: string;
  version: string;
  seedSeconds: number;
  results: CellResult[];
  profiles: ProfileSummary[];
}

function formatCell(r: CellResult): string {
  const opt = (v: number | null, unit = '') => (v === null ? 'n/a' : `${v}${unit}`);
  return (
    `  ${r.workload.padEnd(6)} c=${String(r.clients).padEnd(3)} ${r.mode.padEnd(8)} ${r.requestsPerSecond.toFixed(1).padStart(8)} req/s` +
    `  p50 ${r.latencyMs.p50.toFixed(1)} ms  p99 ${r.latencyMs.p99.toFixed(1)} ms  server CPU ${opt(r.serverCpuMsPerRequest, ' ms')}` +
    `  PG CPU ${opt(r.postgresCpuMsPerRequest, ' ms')}  RSS ${opt(r.serverPeakRssMb, ' MB')}` +
    (r.cacheHitRatio !== null ? `  hits ${(r.cacheHitRatio * 100).toFixed(0)}%` : '')
  );
}

async function benchDatabase(kind: DbKind, opts: Options, dataset: Dataset): Promise<DbRun> {
  const mods = serverModules(opts.serverDir);
  const bdb = await createBenchDatabase(kind, mods);
  const seedSeconds = await seed(bdb, mods, dataset);
  log(`${kind}: ${bdb.label}; ${dataset.total.toLocaleString('en-US')} rows loaded in ${seedSeconds.toFixed(1)} s`);
  const all = makeWorkloads();
  const env = (mode: Mode): Record<string, string> => {
    const e = { ...baseEnv(opts), ...bdb.env };
    if (mode === 'uncached') e.RESPONSE_CACHE = 'off';
    return e;
  };

  let sql = new Map<string, number>();
  try {
    const t0 = performance.now();
    sql = await countStatements(opts, bdb, mods, all, env);
    log(`  SQL statements per request (in-process count, ${((performance.now() - t0) / 1000).toFixed(1)} s): ${[...sql].map(([k, v]) => `${k.replace('|', ' ')} ${v}`).join(', ')}`);
  } catch (err) {
    log(`  SQL statements per request: not counted (${(err as Error).message.split('\n')[0]})`);
  }

  const results: CellResult[] = [];
  const profiles: ProfileSummary[] = [];
  const recordings = new Map<WorkloadName, Recording>();
  for (const mode of opts.modes) {
    const profArgs = opts.cpuProfDir ? ['--cpu-prof', `--cpu-prof-dir=${opts.cpuProfDir}`] : [];
    const child = await startChild(`server (${mode})`, [...opts.nodeArgs, ...profArgs, mods.entry], env(mode), opts.serverDir);
    log(`  server ${mode}: pid ${child.pid} at ${child.url}${mode === 'uncached' ? ' (RESPONSE_CACHE=off)' : ''}`);
    const windows: Array<[number, number]> = [];
    try {
      for (const name of opts.workloads) {
        const rec = await record(child.url, all[name]);
        if (!recordings.has(name)) recordings.set(name, rec);
        for (const clients of opts.concurrency) {
          const cell = await measureCell(opts, kind, { child, mode, postgresName: bdb.postgresName }, all[name], rec, clients, sql.get(`${name}|${mode}`) ?? null);
          windows.push(cell.window);
          const { window: _window, ...result } = cell;
          results.push(result);
          log(formatCell(result));
        }
      }
    } finally {
      const code = await child.stop();
      if (code !== 0) log(`  server ${mode} exited with code ${code}: ${child.output().slice(-500)}`);
    }
    if (opts.cpuProfDir) {
      const file = readdirSync(opts.cpuProfDir).find((f) => f.endsWith('.cpuprofile') && f.includes(`.${child.pid}.`));
      if (!file) log(`  no .cpuprofile for pid ${child.pid} in ${opts.cpuProfDir}`);
      else {
        const summary = summarizeProfile(path.join(opts.cpuProfDir, file), opts.serverDir, windows);
        profiles.push(summary);
        log(formatProfileSummary(summary));
      }
    }
  }

  if (opts.floor) {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'argentum-bench-floor-'));
    cleanups.add(() => rm(dir, { recursive: true, force: true }));
    const file = path.join(dir, 'responses.json');
    const map: Record<string, string> = {};
    for (const rec of recordings.values()) rec.bodies.forEach((b, i) => (map[b] = rec.responses[i]));
    await writeFile(file, JSON.stringify(map));
    const child = await startChild('floor server', [path.join(__dirname, 'bench', 'floor-server.mjs'), file], { PATH: process.env.PATH ?? '' }, dir);
    try {
      for (const name of opts.workloads) {
        for (const clients of opts.concurrency) {
          const { window: _window, ...result } = await measureCell(opts, kind, { child, mode: 'floor' }, all[name], recordings.get(name)!, clients, 0);
          results.push(result);
          log(formatCell(result));
        }
      }
    } finally {
      await child.stop();
    }
    for (const r of results) {
      const floor = results.find((f) => f.mode === 'floor' && f.workload === r.workload && f.clients === r.clients);
      if (floor) r.floorRatio = Number((r.requestsPerSecond / floor.requestsPerSecond).toPrecision(3));
    }
  }
  return { db: kind, label: bdb.label, version: bdb.version, seedSeconds, results, profiles };
}

// ---------------------------------------------------------------------------------------------
// Report

interface Machine {
  cpu: string;
  cores: number;
  ramGb: number;
  node: string;
  os: string;
}

function machine(): Machine {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    ramGb: round(os.totalmem() / 1024 ** 3, 1),
    node: process.version,
    os: `${os.type()} ${os.release()}`,
  };
}

function gitDescribe(dir: string): string | null {
  try {
    const commit = execFileSync('git', ['-C', dir, 'rev-parse', '--short', 'HEAD'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    const dirty = execFileSync('git', ['-C', dir, 'status', '--porcelain', '--untracked-files=no'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    return dirty ? `${commit} (modified)` : commit;
  } catch {
    return null;
  }
}

const MODE_ORDER: Record<CellMode, number> = { floor: 0, uncached: 1, cached: 2 };

export function markdownTable(results: CellResult[]): string {
  const header = ['workload', 'clients', 'mode', 'req/s', '× floor', 'p50 ms', 'p99 ms', 'server CPU ms/req', 'PG CPU ms/req', 'server RSS MB', 'SQL/req', 'KB/resp', 'cache hits'];
  const na = (v: number | null, digits = 1) => (v === null ? 'n/a' : v.toFixed(digits));
  const sorted = results
    .slice()
    .sort((a, b) => WORKLOAD_NAMES.indexOf(a.workload) - WORKLOAD_NAMES.indexOf(b.workload) || a.clients - b.clients || MODE_ORDER[a.mode] - MODE_ORDER[b.mode]);
  const rows = sorted.map((r) => [
    r.workload,
    String(r.clients),
    r.mode,
    r.requestsPerSecond.toFixed(1),
    r.mode === 'floor' ? '1' : r.floorRatio === null ? 'n/a' : r.floorRatio.toPrecision(2),
    r.latencyMs.p50.toFixed(1),
    r.latencyMs.p99.toFixed(1),
    na(r.serverCpuMsPerRequest, 2),
    r.mode === 'floor' ? '–' : na(r.postgresCpuMsPerRequest, 2),
    na(r.serverPeakRssMb, 0),
    r.mode === 'floor' ? '–' : na(r.sqlPerRequest, 1),
    r.responseKb.toFixed(1),
    r.mode === 'floor' ? '–' : r.cacheHitRatio === null ? 'n/a' : `${(r.cacheHitRatio * 100).toFixed(0)}%`,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => (i < 3 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' | ')} |`;
  const rule = `|${widths.map((w, i) => (i < 3 ? `${'-'.repeat(w + 1)}-` : `${'-'.repeat(w + 1)}:`)).join('|')}|`;
  return [line(header), rule, ...rows.map(line)].join('\n');
}

// ---------------------------------------------------------------------------------------------
// Main

export async function main(): Promise<void> {
  const opts = parseArgs(process.argv.slice(2));
  jsonMode = opts.json;
  checkServerDir(opts.serverDir);
  if (!procAvailable()) log('bench: /proc is not readable here: CPU and RSS columns will be n/a');
  if (opts.cpuProfDir) mkdirSync(opts.cpuProfDir, { recursive: true });

  let interrupted = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (interrupted) return;
    interrupted = true;
    process.stderr.write(`\nbench: ${signal}: stopping the servers and dropping the benchmark database...\n`);
    runCleanups().finally(() => process.exit(130));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  const started = performance.now();
  const loadAtStart = round(os.loadavg()[0], 1);
  const date = new Date().toISOString();
  const host = machine();
  const server = { dir: opts.serverDir, commit: gitDescribe(opts.serverDir) };
  const dataset = generateDataset();
  const all = makeWorkloads();
  const limit = opts.requests ? `${opts.requests} requests` : `${opts.durationS} s`;
  log(`argentum bench: server ${server.dir}${server.commit ? ` (commit ${server.commit})` : ''}`);
  log(`  ${host.cpu}, ${host.cores} cores, ${host.ramGb} GB RAM, node ${host.node}; ${date}; load average ${loadAtStart}`);
  log(`  data: ${Object.entries(dataset.rows).map(([k, n]) => `${n.toLocaleString('en-US')} ${k}`).join(', ')}`);
  log(`  cells: ${limit} after ${opts.warmupS} s warm-up; clients ${opts.concurrency.join(',')}; modes ${opts.modes.join(',')}${opts.floor ? ' + floor' : ''}`);
  for (const name of opts.workloads) log(`  ${name}: ${all[name].description}`);

  const runs: DbRun[] = [];
  let failed = false;
  try {
    for (const kind of opts.dbs) {
      runs.push(await benchDatabase(kind, opts, dataset));
      await runCleanups();
    }
  } catch (err) {
    if (interrupted) return;
    failed = true;
    process.stderr.write(`bench: FAILED: ${err instanceof Error ? err.message : String(err)}\n`);
  } finally {
    if (!interrupted) await runCleanups();
  }
  if (interrupted) return;
  const totalSeconds = (performance.now() - started) / 1000;
  // Other processes on the machine take cores from the server: the load average says how busy it was.
  const load = { start: loadAtStart, end: round(os.loadavg()[0], 1) };
  const loadText = `load average ${load.start} at the start, ${load.end} at the end`;

  for (const run of runs) {
    log('');
    log(
      `${run.version}; server ${server.commit ? `commit ${server.commit}` : server.dir}; ${host.cpu}, ${host.cores} cores, ${host.ramGb} GB RAM, ` +
        `node ${host.node}; ${date.slice(0, 10)}; ${limit} per cell after ${opts.warmupS} s warm-up; ${loadText}`,
    );
    log('');
    log(markdownTable(run.results));
  }
  if (runs.length) log(`\ntotal ${totalSeconds.toFixed(0)} s`);
  if (opts.json) {
    const out = {
      date,
      machine: host,
      server,
      options: opts,
      data: dataset.rows,
      totalSeconds: round(totalSeconds, 1),
      loadAverage: load,
      runs: runs.map((r) => ({ db: r.db, database: r.version, seedSeconds: round(r.seedSeconds, 1), results: r.results, profiles: r.profiles })),
      failed,
    };
    process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
  }
  process.exit(failed ? 1 : 0);
}

if (require.main === module) void main();
