// Soak: mixed reads and some writes at 20 concurrent clients for a set time against one instance; every 10 s it
// prints the requests, errors (HTTP status other than 200, or GraphQL errors), p50/p99 latency and
// the server's RSS, then a summary. Prints numbers; it is not a test. Exits 1 when any request failed.
//
// Usage:
//   npm run soak                                  # starts dist/index.js on a fresh PGlite, 300 s
//   npm run soak -- --duration 60 --concurrency 20
//   npm run soak -- --url http://host:4000 --pid 1234 --key <editor key>   # a running instance (RSS from /proc/<pid>)
// The instance it starts runs with NODE_ENV=production and RATE_LIMIT=off (the soak is one client
// address: the per-client limits would refuse it by design) on a fresh PGlite directory, with an
// editor key made for it by the keys CLI. One request in --write-every (50) is a write with the key:
// upsertPricePoint of a silver spot price on one of 31 days of January 2100 under the World Bank
// source (an update after the first round, so the data stays the same size); each write bumps the
// data version, so the response cache keeps being emptied as it would be under real corrections.
// Against --url without --key the soak only reads.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

interface Options {
  url?: string;
  pid?: number;
  duration: number;
  concurrency: number;
  interval: number;
  key?: string;
  writeEvery: number;
}

function parseArgs(argv: string[]): Options {
  const o: Options = { duration: 300, concurrency: 20, interval: 10, writeEvery: 50 };
  for (let i = 0; i < argv.length; i++) {
    const [flag, value] = [argv[i], argv[i + 1]];
    const num = (name: string) => {
      const n = Number(value);
      if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} takes a positive number, got ${JSON.stringify(value)}`);
      i++;
      return n;
    };
    if (flag === '--url') {
      o.url = value;
      i++;
    } else if (flag === '--pid') o.pid = num('--pid');
    else if (flag === '--duration') o.duration = num('--duration');
    else if (flag === '--concurrency') o.concurrency = num('--concurrency');
    else if (flag === '--interval') o.interval = num('--interval');
    else if (flag === '--write-every') o.writeEvery = num('--write-every');
    else if (flag === '--key') {
      o.key = value;
      i++;
    } else throw new Error(`unknown option ${flag}; accepted: --url URL, --pid PID, --key KEY, --duration S, --concurrency N, --interval S, --write-every N`);
  }
  return o;
}

/** The operations a dashboard and an analyst send, in rotation. */
const OPERATIONS: Array<{ query: string; variables?: Record<string, unknown> }> = [
  { query: '{ countries(first: 50) { totalCount edges { node { iso3 name } } } }' },
  {
    query: `query($iso3: String!) { country(iso3: $iso3) { name production { year stage tonnes isEstimate yoyChange { percent isEstimate } source { name } revisions { tonnes source { name } } }
      exports { partner { iso3 } tonnes share unitPriceUsdPerOz } worldShare(year: 2024) productionRank(year: 2024) } }`,
    variables: { iso3: 'KAZ' },
  },
  { query: 'query($iso3: String!) { country(iso3: $iso3) { name production(stage: MINE) { year tonnes } reserves { tonnes } reserveLifeYears(year: 2024) } }', variables: { iso3: 'MEX' } },
  { query: '{ ratioSeries(kind: MONTHLY_AVERAGE) { stats { min { date value } max { date value } p10 p90 } } }' },
  { query: '{ priceSeries(metal: SILVER, kind: MONTHLY_AVERAGE, frequency: ANNUAL, units: PERCENT_CHANGE_FROM_YEAR_AGO) { observations { date value } } }' },
  { query: '{ pricePoints(filter: { metal: GOLD, kind: MONTHLY_AVERAGE }, orderBy: { field: DATE, direction: DESC }, first: 100) { edges { node { date priceUsdPerOz goldSilverRatio } } } }' },
  { query: '{ productionYears(filter: { metal: SILVER, stage: MINE, yearFrom: 2024, yearTo: 2024, fullYearOnly: true }, orderBy: { field: TONNES, direction: DESC }, first: 40) { edges { node { tonnes country { iso3 } } } } }' },
  { query: 'query($iso3: String!) { country(iso3: $iso3, asOf: "2026-01-15") { production(stage: MINE, yearFrom: 2024, yearTo: 2024) { tonnes } worldShare(year: 2024) } }', variables: { iso3: 'KAZ' } },
];

/** A write: a silver spot price on one of 31 days (so that, after the first round, writes update). */
function writeOperation(n: number): { query: string; variables: Record<string, unknown> } {
  return {
    query: `mutation Write($input: PricePointInput!) { upsertPricePoint(input: $input) { id isCurrent writtenBy } }`,
    variables: {
      // One division, so the price has two decimals: 50 + 4.02 would send 54.019999999999996.
      input: { metal: 'SILVER', kind: 'SPOT', date: `2100-01-${String((n % 31) + 1).padStart(2, '0')}`, priceUsdPerOz: (5000 + (n % 1000)) / 100, sourceName: 'World Bank Pink Sheet' },
    },
  };
}

function rssMb(pid: number | undefined): number | null {
  if (!pid) return null;
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Math.round(Number(m[1]) / 1024) : null;
  } catch {
    return null;
  }
}

const quantile = (sorted: number[], q: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] : 0);

async function startInstance(): Promise<{ url: string; child: ChildProcess; key: string; cleanup: () => void }> {
  const root = path.resolve(__dirname, '..');
  const dir = mkdtempSync(path.join(os.tmpdir(), 'argentum-soak-'));
  const port = 4600 + Math.floor(Math.random() * 300);
  const env = { ...process.env, NODE_ENV: 'production', LOG_LEVEL: 'warn', RATE_LIMIT: 'off', PORT: String(port), PGLITE_DIR: path.join(dir, 'db') };
  // The key first: a PGlite directory is open in one process at a time.
  const made = spawnSync(process.execPath, [path.join(root, 'dist', 'auth', 'cli.js'), 'create', '--name', 'soak', '--role', 'editor'], { env, encoding: 'utf8' });
  if (made.status !== 0) throw new Error(`could not make an API key: ${made.stderr.trim()}`);
  const key = made.stdout.trim();
  const child = spawn(process.execPath, [path.join(root, 'dist', 'index.js')], { env, stdio: ['ignore', 'ignore', 'inherit'] });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 240; i++) {
    if (child.exitCode != null) throw new Error(`the server exited with ${child.exitCode}; run npm run build:server first`);
    if ((await fetch(`${url}/ready`).then((r) => r.status).catch(() => 0)) === 200) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  return { url, child, key, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

async function main(): Promise<void> {
  const o = parseArgs(process.argv.slice(2));
  const started = o.url ? undefined : await startInstance();
  const base = (o.url ?? started!.url).replace(/\/$/, '');
  const pid = o.pid ?? started?.child.pid;
  const key = o.key ?? started?.key;
  let writes = 0;
  const endAt = Date.now() + o.duration * 1000;
  let interval: number[] = [];
  let total = 0;
  let errors = 0;
  const samples: string[] = [];
  const rssSeries: number[] = [];
  const allLatencies: number[] = [];
  console.log(
    `soak: ${o.concurrency} clients for ${o.duration} s against ${base}${pid ? ` (pid ${pid})` : ''}; ${key ? `one request in ${o.writeEvery} writes with an editor key` : 'reads only (no --key)'}`,
  );
  console.log('   t s  requests  errors  p50 ms  p99 ms  RSS MB');
  const timer = setInterval(() => {
    const sorted = interval.sort((a, b) => a - b);
    const rss = rssMb(pid);
    if (rss != null) rssSeries.push(rss);
    const t = Math.round(o.duration - (endAt - Date.now()) / 1000);
    console.log(`${String(t).padStart(5)}  ${String(sorted.length).padStart(8)}  ${String(errors).padStart(6)}  ${quantile(sorted, 0.5).toFixed(1).padStart(6)}  ${quantile(sorted, 0.99).toFixed(1).padStart(6)}  ${String(rss ?? 'n/a').padStart(6)}`);
    interval = [];
  }, o.interval * 1000);
  let next = 0;
  await Promise.all(
    Array.from({ length: o.concurrency }, async () => {
      while (Date.now() < endAt) {
        const n = next++;
        const write = key !== undefined && n % o.writeEvery === o.writeEvery - 1;
        const op = write ? writeOperation(writes++) : OPERATIONS[n % OPERATIONS.length];
        const headers: Record<string, string> = { 'content-type': 'application/json', ...(write ? { authorization: `Bearer ${key}` } : {}) };
        const t0 = performance.now();
        try {
          const res = await fetch(`${base}/graphql`, { method: 'POST', headers, body: JSON.stringify(op) });
          const body = (await res.json()) as { errors?: Array<{ message: string }> };
          if (res.status !== 200 || body.errors?.length) {
            errors++;
            if (samples.length < 5) samples.push(`HTTP ${res.status}: ${body.errors?.map((e) => e.message).join('; ')}`);
          }
        } catch (err) {
          errors++;
          if (samples.length < 5) samples.push((err as Error).message);
        }
        const ms = performance.now() - t0;
        interval.push(ms);
        allLatencies.push(ms);
        total++;
      }
    }),
  );
  clearInterval(timer);
  const sorted = allLatencies.sort((a, b) => a - b);
  const warm = rssSeries.slice(Math.floor(rssSeries.length / 5));
  console.log(
    `\nsummary: ${total} requests (${writes} writes), ${errors} errors, ${(total / o.duration).toFixed(1)} req/s, p50 ${quantile(sorted, 0.5).toFixed(1)} ms, p99 ${quantile(sorted, 0.99).toFixed(1)} ms` +
      (warm.length ? `, RSS after warm-up ${Math.min(...warm)}..${Math.max(...warm)} MB (first ${rssSeries[0]} MB, last ${rssSeries.at(-1)} MB)` : ''),
  );
  for (const s of samples) console.log(`  error: ${s}`);
  if (started) {
    started.child.kill('SIGTERM');
    await new Promise((r) => started.child.once('exit', r));
    started.cleanup();
  }
  process.exitCode = errors > 0 ? 1 : 0;
}

main().catch((err) => {
  console.error(`soak: ${(err as Error).message}`);
  process.exit(2);
});
