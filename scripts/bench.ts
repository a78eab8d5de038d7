// Benchmark: the three workloads a later issue compares with PostGraphile, against the real server
// (compiled dist/, in this process, NODE_ENV=production, LOG_LEVEL=silent) over HTTP on loopback,
// on PGlite in memory and on a fresh PostgreSQL database. Prints numbers; it is not a test.
//
// Usage:
//   npm run bench                                  # build:server, then both databases, 200 requests
//   npm run bench -- --db pglite --requests 100    # options after `--`
//   npm run bench -- --json > bench.json           # JSON on stdout (the table goes to stderr)
//   (after `npm run build:server`: `npx tsx scripts/bench.ts ...` skips the build)
//
// Options:
//   --db pglite|postgres|both   databases to run (default both)
//   --requests N                timed requests per workload and concurrency (default 200)
//   --warmup N                  untimed requests before each workload (default 20; before the
//                               later concurrency levels only min(N, 2 x concurrency))
//   --concurrency a,b           concurrent requests in flight (default 1,8)
//   --workloads a,b             subset of: series,flows,prices (default all)
//   --max-cost N                MAX_COST for the server (default 1000, the server's own default)
//   --json                      print the results as JSON on stdout
//   --sql                       also print each workload's SQL statements (one request, with durations;
//                               BENCH_SQL_CHARS=N shows N characters of each, default 400)
//
// PostgreSQL: BENCH_DATABASE_URL, else TEST_DATABASE_URL, else postgresql://postgres@127.0.0.1:5432/postgres
// names the server (as an admin who may CREATE DATABASE); the bench creates argentum_bench_<unique>
// there, and drops it at the end (also on failure and Ctrl-C).
//
// Data (deterministic, seeded PRNG): 60 countries + WLD, 2015..2025 full-year production (mine and
// refined, silver) for each, one reporter (QAA) exporting to 30 partners plus its WLD total every
// year, every other country exporting to 8 partners, daily SILVER and GOLD SPOT prices for 2024 and
// 2025; written as CSV files to a temporary directory and loaded through the importer
// (seedDataset), then ANALYZE.
//
// Workloads (each response is checked: HTTP 200, no errors, the expected number of items; exit 1 otherwise):
//   series  countries(filter: {isAggregate: false}, first: 50) x production(stage: REFINED) with yoyChange:
//           50 countries x 11 years = 550 rows. Its cost is 1 + 50 x (1 + 10 x 1) = 551 points (yoyChange
//           is computed in memory and free), within the default MAX_COST of 1000.
//   flows   country(iso3: "QAA") { exports { partner share unitPriceUsdPerOz tonnesYoyChange } }:
//           30 partners x 11 years + 11 WLD totals = 341 flows.
//   prices  pricePoints(filter: {metal: SILVER, kind: SPOT, dateFrom: 2025-01-01, dateTo: 2025-12-31},
//           first: 100, after) with goldSilverRatio and changeSince(date: 2025-01-01): the year's
//           365 silver points (and, through the ratio, the 365 gold ones) in 4 pages of 100/100/100/65;
//           each request is one page (the requests cycle through the 4 cursors).
//
// Columns: req/s = timed requests / wall time; p50/p95/p99 = latency per request in ms (client side,
// fetch to parsed body); SQL/req = statements Prisma sent per request (query events, BEGIN/COMMIT
// excluded); SQL ms = their summed duration per request as Prisma reports it (this includes the
// time a response waited for the busy event loop, and concurrent statements overlap, so read it at
// concurrency 1 only, as an upper bound of database time); CPU ms = this
// process's CPU time per request (server + client + PGlite, which runs in this process; PostgreSQL's
// own CPU is not included); KB = response body size.
// The HTTP client (fetch) runs in the same process and thread as the server (and PGlite), so a
// request's latency includes sending and parsing it, and concurrency 8 measures how one Node thread
// copes with 8 requests in flight, not multi-core scaling. The numbers move with the machine's load.
import type { PrismaClient } from '../src/generated/prisma/client';
import type { Database, QueryEvent } from '../src/db';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';

process.env.NODE_ENV = 'production';

// The service runs compiled (tsc emits the decorator metadata type-graphql needs); types come from src.
const DIST = path.resolve(__dirname, '..', 'dist');
function fromDist<T>(module: string): T {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(path.join(DIST, module));
}

// ---------------------------------------------------------------------------------------------
// Options

type DbKind = 'pglite' | 'postgres';
const WORKLOAD_NAMES = ['series', 'flows', 'prices'] as const;
type WorkloadName = (typeof WORKLOAD_NAMES)[number];

interface Options {
  dbs: DbKind[];
  requests: number;
  warmup: number;
  concurrency: number[];
  workloads: WorkloadName[];
  maxCost: number;
  json: boolean;
  sql: boolean;
}

function usageError(message: string): never {
  process.stderr.write(`bench: ${message}\nusage: npm run bench -- [--db pglite|postgres|both] [--requests N] [--warmup N] [--concurrency 1,8] [--workloads series,flows,prices] [--max-cost N] [--json] [--sql]\n`);
  process.exit(2);
}

function parseArgs(argv: string[]): Options {
  const o: Options = { dbs: ['pglite', 'postgres'], requests: 200, warmup: 20, concurrency: [1, 8], workloads: [...WORKLOAD_NAMES], maxCost: 1000, json: false, sql: false };
  const int = (name: string, v: string | undefined, min: number, max: number) => {
    const n = Number(v);
    if (v === undefined || !/^\d+$/.test(v) || n < min || n > max) usageError(`${name} must be an integer ${min}..${max}, got ${JSON.stringify(v ?? '')}`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [flag, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = () => inline ?? argv[++i];
    switch (flag) {
      case '--db': {
        const v = value();
        if (v === 'both') o.dbs = ['pglite', 'postgres'];
        else if (v === 'pglite' || v === 'postgres') o.dbs = [v];
        else usageError(`--db must be pglite, postgres or both, got ${JSON.stringify(v ?? '')}`);
        break;
      }
      case '--requests':
        o.requests = int('--requests', value(), 1, 1_000_000);
        break;
      case '--warmup':
        o.warmup = int('--warmup', value(), 0, 1_000_000);
        break;
      case '--concurrency': {
        const v = value() ?? '';
        o.concurrency = v.split(',').map((s) => int('--concurrency', s.trim(), 1, 256));
        break;
      }
      case '--workloads': {
        const names = (value() ?? '').split(',').map((s) => s.trim());
        for (const n of names) if (!(WORKLOAD_NAMES as readonly string[]).includes(n)) usageError(`--workloads takes ${WORKLOAD_NAMES.join(',')}, got ${JSON.stringify(n)}`);
        o.workloads = names as WorkloadName[];
        break;
      }
      case '--max-cost':
        o.maxCost = int('--max-cost', value(), 1, 1_000_000_000);
        break;
      case '--json':
        o.json = true;
        break;
      case '--sql':
        o.sql = true;
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
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const text: string = require('node:fs').readFileSync(__filename, 'utf8');
  return text.split('\n').filter((l) => l.startsWith('//')).map((l) => l.replace(/^\/\/ ?/, '')).join('\n') + '\n';
}

// ---------------------------------------------------------------------------------------------
// Synthetic data (deterministic)

/** mulberry32: a small seeded PRNG, so that every run loads the same data. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SEED = 20260112;
const YEARS = Array.from({ length: 11 }, (_, i) => 2015 + i);
const COUNTRIES = 60;
const SERIES_COUNTRIES = 50;
const REPORTER_PARTNERS = 30;
const OTHER_PARTNERS = 8;
const PRICE_YEAR = 2025;
const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const codeOf = (i: number) => `Q${LETTERS[Math.floor(i / 26)]}${LETTERS[i % 26]}`;
const REPORTER = codeOf(0);
const OZ_PER_TONNE = 32150.7466;

interface Dataset {
  files: Record<'sources' | 'countries' | 'production' | 'exports' | 'prices' | 'reserves', string>;
  rows: number;
}

export function generateDataset(): Dataset {
  const rnd = prng(SEED);
  const between = (lo: number, hi: number) => lo + (hi - lo) * rnd();
  const csv = (header: string, lines: string[]) => `${header}\n${lines.join('\n')}\n`;
  const SRC = 'Bench synthetic';
  const SRC_EST = 'Bench synthetic (derived)';

  const sources = csv('name,publisher,url,published_on,note', [
    `${SRC},argentum bench,,2026-01-12,Synthetic figures generated by scripts/bench.ts (seed ${SEED})`,
    `${SRC_EST},argentum bench,,,Synthetic derived figures`,
  ]);

  const countryLines = ['WLD,,World,true'];
  for (let i = 0; i < COUNTRIES; i++) countryLines.push(`${codeOf(i)},,Benchland ${String(i).padStart(3, '0')},false`);
  const countries = csv('iso3,iso2,name,is_aggregate', countryLines);

  const prod: string[] = [];
  const worldTotals = new Map<string, number>();
  for (let i = 0; i < COUNTRIES; i++) {
    for (const stage of ['MINE', 'REFINED']) {
      let tonnes = between(50, 5000);
      for (const year of YEARS) {
        tonnes = Math.max(1, tonnes * between(0.8, 1.2));
        const t = Number(tonnes.toFixed(3));
        worldTotals.set(`${stage}|${year}`, (worldTotals.get(`${stage}|${year}`) ?? 0) + t);
        prod.push(`${codeOf(i)},SILVER,${stage},${year},1,12,${t.toFixed(3)},${rnd() < 0.1},${rnd() < 0.1 ? SRC_EST : SRC}`);
      }
    }
  }
  for (const [key, total] of worldTotals) {
    const [stage, year] = key.split('|');
    prod.push(`WLD,SILVER,${stage},${year},1,12,${(total * 1.25).toFixed(3)},false,${SRC}`);
  }
  const production = csv('country_iso3,metal,stage,year,month_from,month_to,tonnes,is_estimate,source', prod);

  const flows: string[] = [];
  for (let r = 0; r < COUNTRIES; r++) {
    const count = r === 0 ? REPORTER_PARTNERS : OTHER_PARTNERS;
    const partners: number[] = [];
    if (r === 0) for (let p = 1; p <= count; p++) partners.push(p);
    else {
      while (partners.length < count) {
        const p = Math.floor(rnd() * COUNTRIES);
        if (p !== r && !partners.includes(p)) partners.push(p);
      }
    }
    const base = partners.map(() => between(1, 500));
    for (const year of YEARS) {
      let sum = 0;
      const price = between(15, 35);
      partners.forEach((p, k) => {
        base[k] = Math.max(0.5, base[k] * between(0.8, 1.25));
        const tonnes = Number(base[k].toFixed(3));
        sum += tonnes;
        const value = (tonnes * OZ_PER_TONNE * price * between(0.95, 1.05)).toFixed(2);
        flows.push(`${codeOf(r)},${codeOf(p)},SILVER,${year},1,12,${tonnes.toFixed(3)},${value},false,${SRC}`);
      });
      if (r === 0) flows.push(`${codeOf(r)},WLD,SILVER,${year},1,12,${(sum * 1.1).toFixed(3)},${(sum * 1.1 * OZ_PER_TONNE * price).toFixed(2)},false,${SRC}`);
    }
  }
  const exportsCsv = csv('reporter_iso3,partner_iso3,metal,year,month_from,month_to,tonnes,value_usd,is_estimate,source', flows);

  const priceLines: string[] = [];
  let silver = 23;
  let ratio = 85;
  for (let d = Date.UTC(PRICE_YEAR - 1, 0, 1); d <= Date.UTC(PRICE_YEAR, 11, 31); d += 86_400_000) {
    const date = new Date(d).toISOString().slice(0, 10);
    silver = Math.max(5, silver * between(0.98, 1.022));
    ratio = Math.min(110, Math.max(45, ratio * between(0.985, 1.015)));
    priceLines.push(`SILVER,SPOT,${date},${silver.toFixed(4)},false,${SRC}`);
    priceLines.push(`GOLD,SPOT,${date},${(silver * ratio).toFixed(4)},true,${SRC_EST}`);
  }
  const prices = csv('metal,kind,date,price_usd_per_oz,is_estimate,source', priceLines);

  return {
    // No reserves: the workloads do not read them (the seed directory still needs the file).
    files: { sources, countries, production, exports: exportsCsv, prices, reserves: csv('country_iso3,metal,tonnes,is_estimate,source', []) },
    rows: 2 + countryLines.length + prod.length + flows.length + priceLines.length,
  };
}

// ---------------------------------------------------------------------------------------------
// Workloads

interface Workload {
  name: WorkloadName;
  description: string;
  query: string;
  /** Variables of the i-th request (prices cycle through the pages). */
  variables(i: number): Record<string, unknown>;
  /** Throws when the response is not what the data says; returns the number of items. */
  check(data: any, i: number): number;
}

const isoDay = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d)).toISOString().slice(0, 10);
const DAYS_IN_PRICE_YEAR = Math.round((Date.UTC(PRICE_YEAR + 1, 0, 1) - Date.UTC(PRICE_YEAR, 0, 1)) / 86_400_000);

function must(cond: boolean, message: string): void {
  if (!cond) throw new Error(message);
}

function workloads(): Record<WorkloadName, Workload> {
  const pageSizes: number[] = [];
  for (let left = DAYS_IN_PRICE_YEAR; left > 0; left -= 100) pageSizes.push(Math.min(100, left));
  // Filled by preparePrices() before the run: the `after` cursor of each page (null for the first).
  const cursors: Array<string | null> = [];
  const prices: Workload & { cursors: Array<string | null>; pageSizes: number[] } = {
    name: 'prices',
    description: `a year of daily prices (${DAYS_IN_PRICE_YEAR} silver SPOT + gold via the ratio), ${pageSizes.length} pages of 100`,
    query: `query BenchPrices($after: String, $since: Date!) {
  pricePoints(filter: { metal: SILVER, kind: SPOT, dateFrom: "${isoDay(PRICE_YEAR, 1, 1)}", dateTo: "${isoDay(PRICE_YEAR, 12, 31)}" }, first: 100, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { date priceUsdPerOz isEstimate goldSilverRatio changeSince(date: $since) { absolute percent ratio } } }
  }
}`,
    cursors,
    pageSizes,
    variables: (i) => ({ after: cursors.length ? cursors[i % pageSizes.length] : null, since: isoDay(PRICE_YEAR, 1, 1) }),
    check(data, i) {
      const c = data?.pricePoints;
      const page = i % pageSizes.length;
      must(c?.totalCount === DAYS_IN_PRICE_YEAR, `prices: totalCount ${c?.totalCount}, expected ${DAYS_IN_PRICE_YEAR}`);
      must(c.edges.length === pageSizes[page], `prices: page ${page + 1} has ${c.edges.length} points, expected ${pageSizes[page]}`);
      must(c.pageInfo.hasNextPage === page < pageSizes.length - 1, `prices: page ${page + 1} hasNextPage ${c.pageInfo.hasNextPage}`);
      for (const e of c.edges) {
        must(typeof e.node.goldSilverRatio === 'number', `prices: ${e.node.date} has no goldSilverRatio`);
        must(typeof e.node.changeSince?.ratio === 'number', `prices: ${e.node.date} has no changeSince`);
      }
      return c.edges.length;
    },
  };

  return {
    series: {
      name: 'series',
      description: `${SERIES_COUNTRIES} countries x ${YEARS.length} years of refined production with yoyChange`,
      query: `query BenchSeries {
  countries(filter: { isAggregate: false }, first: ${SERIES_COUNTRIES}) {
    edges { node { iso3 name production(stage: REFINED) { year tonnes isEstimate yoyChange { previous absolute percent } } } }
  }
}`,
      variables: () => ({}),
      check(data) {
        const edges = data?.countries?.edges;
        must(Array.isArray(edges) && edges.length === SERIES_COUNTRIES, `series: ${edges?.length} countries, expected ${SERIES_COUNTRIES}`);
        let rows = 0;
        let changes = 0;
        for (const e of edges) {
          const p = e.node.production;
          must(p.length === YEARS.length, `series: ${e.node.iso3} has ${p.length} years, expected ${YEARS.length}`);
          rows += p.length;
          changes += p.filter((r: any) => r.yoyChange && typeof r.yoyChange.percent === 'number').length;
        }
        const expected = SERIES_COUNTRIES * (YEARS.length - 1);
        must(changes === expected, `series: ${changes} yoyChange values, expected ${expected}`);
        return rows;
      },
    },
    flows: {
      name: 'flows',
      description: `one reporter's exports: ${REPORTER_PARTNERS} partners + WLD x ${YEARS.length} years with share, unit price, yoy`,
      query: `query BenchFlows($iso3: String!) {
  country(iso3: $iso3) {
    iso3
    exports { year monthFrom monthTo tonnes valueUsd partner { iso3 name } share unitPriceUsdPerOz tonnesYoyChange { previous absolute percent } }
  }
}`,
      variables: () => ({ iso3: REPORTER }),
      check(data) {
        const flows = data?.country?.exports;
        const expected = (REPORTER_PARTNERS + 1) * YEARS.length;
        must(Array.isArray(flows) && flows.length === expected, `flows: ${flows?.length} flows, expected ${expected}`);
        let yoy = 0;
        for (const f of flows) {
          must(typeof f.partner?.iso3 === 'string', 'flows: a flow without partner');
          must(typeof f.share === 'number' && typeof f.unitPriceUsdPerOz === 'number', `flows: ${f.partner.iso3} ${f.year} lacks share or unit price`);
          if (f.tonnesYoyChange) yoy++;
        }
        const expectedYoy = (REPORTER_PARTNERS + 1) * (YEARS.length - 1);
        must(yoy === expectedYoy, `flows: ${yoy} tonnesYoyChange values, expected ${expectedYoy}`);
        return flows.length;
      },
    },
    prices,
  };
}

// ---------------------------------------------------------------------------------------------
// HTTP

interface Sample {
  ms: number;
  bytes: number;
  items: number;
}

async function post(url: string, w: Workload, i: number): Promise<Sample> {
  const started = performance.now();
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ query: w.query, variables: w.variables(i) }),
  });
  const text = await res.text();
  let body: any;
  try {
    body = JSON.parse(text);
  } catch {
    throw new Error(`${w.name}: HTTP ${res.status}, not JSON: ${text.slice(0, 300)}`);
  }
  const ms = performance.now() - started;
  if (res.status !== 200 || body.errors) {
    throw new Error(`${w.name}: HTTP ${res.status}${body.errors ? `, errors: ${JSON.stringify(body.errors).slice(0, 500)}` : ''}`);
  }
  const items = w.check(body.data, i);
  return { ms, bytes: Buffer.byteLength(text), items };
}

/** Runs `total` requests with `concurrency` in flight; request i gets index offset + i. */
async function runRequests(url: string, w: Workload, total: number, concurrency: number, offset = 0): Promise<Sample[]> {
  const samples: Sample[] = new Array(total);
  let next = 0;
  const worker = async () => {
    for (;;) {
      const i = next++;
      if (i >= total) return;
      samples[i] = await post(url, w, offset + i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, total) }, worker));
  return samples;
}

// ---------------------------------------------------------------------------------------------
// Measuring

interface Result {
  db: DbKind;
  workload: WorkloadName;
  concurrency: number;
  requests: number;
  seconds: number;
  requestsPerSecond: number;
  latencyMs: { p50: number; p95: number; p99: number; max: number; mean: number };
  sqlPerRequest: number;
  sqlMsPerRequest: number;
  cpuMsPerRequest: number;
  bytesPerRequest: number;
  itemsPerRequest: number;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;

/** Statements that do work (not transaction control), as test/api/statements.test.ts counts them. */
const isCounted = (sql: string) => !/^\s*(BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE|DEALLOCATE|SET\b)/i.test(sql);

class QueryCounter {
  count = 0;
  ms = 0;
  /** When set, every counted statement is also pushed here. */
  capture: QueryEvent[] | null = null;
  onQuery = (e: QueryEvent) => {
    if (!isCounted(e.query)) return;
    this.count++;
    this.ms += e.durationMs;
    this.capture?.push(e);
  };
  reset() {
    this.count = 0;
    this.ms = 0;
  }
}

async function measure(db: DbKind, url: string, w: Workload, opts: Options, concurrency: number, counter: QueryCounter, warmup: number): Promise<Result> {
  if (warmup > 0) await runRequests(url, w, warmup, concurrency);
  counter.reset();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  // Offset by warmup so that the prices pages keep cycling in order.
  const samples = await runRequests(url, w, opts.requests, concurrency, warmup);
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const sorted = samples.map((s) => s.ms).sort((a, b) => a - b);
  const n = samples.length;
  return {
    db,
    workload: w.name,
    concurrency,
    requests: n,
    seconds: round(seconds, 3),
    requestsPerSecond: round(n / seconds, 1),
    latencyMs: {
      p50: round(percentile(sorted, 50)),
      p95: round(percentile(sorted, 95)),
      p99: round(percentile(sorted, 99)),
      max: round(sorted[n - 1]),
      mean: round(sorted.reduce((a, b) => a + b, 0) / n),
    },
    sqlPerRequest: round(counter.count / n),
    sqlMsPerRequest: round(counter.ms / n),
    cpuMsPerRequest: round((cpu.user + cpu.system) / 1000 / n),
    bytesPerRequest: Math.round(samples.reduce((a, s) => a + s.bytes, 0) / n),
    itemsPerRequest: round(samples.reduce((a, s) => a + s.items, 0) / n, 1),
  };
}

// ---------------------------------------------------------------------------------------------
// Databases

const adminUrl = () => process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL || 'postgresql://postgres@127.0.0.1:5432/postgres';

async function adminQuery(serverUrl: string, sql: string): Promise<void> {
  const { Client } = require('pg') as typeof import('pg');
  const client = new Client({ connectionString: serverUrl, connectionTimeoutMillis: 10_000 });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

interface BenchDatabase {
  db: Database;
  label: string;
  drop(): Promise<void>;
}

/** Cleanups still to run (databases to drop), also on Ctrl-C. */
const cleanups = new Set<() => Promise<void>>();

export async function openBenchDatabase(kind: DbKind, onQuery: (e: QueryEvent) => void): Promise<BenchDatabase> {
  const { openDatabase, migrateDatabase, redactUrl } = fromDist<typeof import('../src/db')>('db/index.js');
  if (kind === 'pglite') {
    const db = await openDatabase({ databaseUrl: '', pgliteDir: 'memory://', onQuery });
    await migrateDatabase(db);
    return { db, label: db.label, drop: () => db.close() };
  }
  const server = adminUrl();
  const name = `argentum_bench_${Date.now().toString(36)}_${process.pid}_${randomBytes(3).toString('hex')}`;
  try {
    await adminQuery(server, `CREATE DATABASE "${name}"`);
  } catch (err) {
    throw new Error(
      `cannot create a database on PostgreSQL at ${redactUrl(server)}: ${(err as Error).message} ` +
        `(set BENCH_DATABASE_URL to a server where this user may CREATE DATABASE, or run with --db pglite)`,
    );
  }
  let dropped = false;
  const dropDatabase = async () => {
    if (dropped) return;
    dropped = true;
    cleanups.delete(dropDatabase);
    await adminQuery(server, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  };
  cleanups.add(dropDatabase);
  const u = new URL(server);
  u.pathname = `/${name}`;
  const db = await openDatabase({ databaseUrl: u.toString(), onQuery });
  await migrateDatabase(db);
  return {
    db,
    label: db.label,
    drop: async () => {
      await db.close().catch(() => {});
      await dropDatabase();
    },
  };
}

export async function loadDataset(prisma: PrismaClient, dataset: Dataset): Promise<number> {
  const { seedDataset } = fromDist<typeof import('../src/import')>('import/index.js');
  const dir = await mkdtemp(path.join(os.tmpdir(), 'argentum-bench-'));
  try {
    for (const [kind, text] of Object.entries(dataset.files)) await writeFile(path.join(dir, `${kind}.csv`), text);
    const t0 = performance.now();
    const counts = await seedDataset(prisma, dir);
    const inserted = Object.values(counts).reduce((n, c) => n + c.inserted, 0);
    if (inserted !== dataset.rows) throw new Error(`import inserted ${inserted} rows, expected ${dataset.rows}`);
    await prisma.$executeRawUnsafe('ANALYZE');
    return (performance.now() - t0) / 1000;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------
// Main

function log(opts: Options, line: string) {
  (opts.json ? process.stderr : process.stdout).write(`${line}\n`);
}

async function benchDatabase(kind: DbKind, opts: Options, dataset: Dataset): Promise<Result[]> {
  require('reflect-metadata');
  const { loadConfig } = fromDist<typeof import('../src/config')>('config.js');
  const { createLogger } = fromDist<typeof import('../src/logger')>('logger.js');
  const { createServer } = fromDist<typeof import('../src/server')>('server.js');

  const counter = new QueryCounter();
  const t0 = performance.now();
  const bdb = await openBenchDatabase(kind, counter.onQuery);
  const results: Result[] = [];
  try {
    const importSeconds = await loadDataset(bdb.db.prisma, dataset);
    const config = loadConfig({ NODE_ENV: 'production', LOG_LEVEL: 'silent', MAX_COST: String(opts.maxCost) });
    const server = await createServer({ db: bdb.db, config, logger: createLogger(config) });
    const base = await server.start(0, '127.0.0.1');
    log(opts, `${kind}: ${bdb.label}; ${dataset.rows} rows imported in ${importSeconds.toFixed(1)} s (setup ${((performance.now() - t0) / 1000).toFixed(1)} s); server ${base} (NODE_ENV=production, MAX_COST=${opts.maxCost})`);
    try {
      const url = `${base}/graphql`;
      const all = workloads();
      // The prices pages' cursors, walked once.
      const prices = all.prices as Workload & { cursors: Array<string | null>; pageSizes: number[] };
      if (opts.workloads.includes('prices') && prices.cursors.length === 0) {
        let after: string | null = null;
        for (let page = 0; page < prices.pageSizes.length; page++) {
          prices.cursors.push(after);
          const res = await fetch(url, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ query: prices.query, variables: { after, since: isoDay(PRICE_YEAR, 1, 1) } }),
          });
          const body: any = await res.json();
          prices.check(body.data, page);
          after = body.data.pricePoints.pageInfo.endCursor;
        }
      }
      for (const name of opts.workloads) {
        for (const [k, c] of opts.concurrency.entries()) {
          // The full warm-up before a workload's first run; later runs only fill the connection pool.
          const warmup = k === 0 ? opts.warmup : Math.min(opts.warmup, 2 * c);
          const r = await measure(kind, url, all[name], opts, c, counter, warmup);
          results.push(r);
          log(opts, `  ${name.padEnd(7)} c=${String(c).padEnd(3)} ${String(r.requestsPerSecond).padStart(7)} req/s  p50 ${r.latencyMs.p50} ms  p95 ${r.latencyMs.p95} ms  SQL/req ${r.sqlPerRequest}`);
        }
        if (opts.sql) {
          counter.capture = [];
          await post(url, all[name], 0);
          for (const e of counter.capture) log(opts, `    ${e.durationMs.toFixed(1).padStart(6)} ms  ${e.query.replace(/\s+/g, ' ').slice(0, Number(process.env.BENCH_SQL_CHARS ?? 400))}`);
          counter.capture = null;
        }
      }
    } finally {
      await server.stop();
    }
  } finally {
    await bdb.drop();
  }
  return results;
}

function table(results: Result[]): string {
  const header = ['db', 'workload', 'conc', 'req', 'req/s', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms', 'SQL/req', 'SQL ms/req', 'CPU ms/req', 'KB/req', 'items/req'];
  const rows = results.map((r) => [
    r.db,
    r.workload,
    String(r.concurrency),
    String(r.requests),
    r.requestsPerSecond.toFixed(1),
    r.latencyMs.p50.toFixed(1),
    r.latencyMs.p95.toFixed(1),
    r.latencyMs.p99.toFixed(1),
    r.latencyMs.max.toFixed(1),
    r.sqlPerRequest.toFixed(1),
    r.sqlMsPerRequest.toFixed(1),
    r.cpuMsPerRequest.toFixed(1),
    (r.bytesPerRequest / 1024).toFixed(1),
    String(r.itemsPerRequest),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const fmt = (cells: string[]) => cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [fmt(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(fmt)].join('\n');
}

export async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const { existsSync } = require('node:fs') as typeof import('node:fs');
  if (!existsSync(path.join(DIST, 'server.js'))) usageError('dist/server.js is missing: run `npm run build:server` first (`npm run bench` does)');

  let interrupted = false;
  process.once('SIGINT', () => {
    interrupted = true;
    process.stderr.write('\nbench: interrupted, dropping the benchmark database...\n');
    Promise.allSettled([...cleanups].map((c) => c())).finally(() => process.exit(130));
  });

  const dataset = generateDataset();
  const w = workloads();
  log(opts, `argentum bench: ${opts.requests} requests per run after ${opts.warmup} warm-up, concurrency ${opts.concurrency.join(',')}, node ${process.version}, ${os.cpus().length} CPUs`);
  for (const name of opts.workloads) log(opts, `  ${name}: ${w[name].description}`);

  const results: Result[] = [];
  const started = performance.now();
  let failed = false;
  try {
    for (const kind of opts.dbs) results.push(...(await benchDatabase(kind, opts, dataset)));
  } catch (err) {
    if (interrupted) return;
    failed = true;
    process.stderr.write(`bench: FAILED: ${err instanceof Error ? err.message : String(err)}\n`);
  } finally {
    await Promise.allSettled([...cleanups].map((c) => c()));
  }
  if (results.length) {
    log(opts, '');
    log(opts, table(results));
    log(opts, `\ntotal ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }
  if (opts.json) process.stdout.write(`${JSON.stringify({ node: process.version, cpus: os.cpus().length, options: opts, results }, null, 2)}\n`);
  process.exit(failed ? 1 : 0);
}

// Runs when started as a script; experiments may import the data generation and loading.
if (require.main === module) void main();
