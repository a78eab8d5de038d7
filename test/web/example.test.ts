// `npm run example -- KAZ` (client/example.ts under tsx, the generated typed documents over plain
// fetch) against a live seeded server, plus its two failure modes.
import { execFile } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';
import { startTestServer, type TestServer } from '../helpers/server';

const root = path.resolve(__dirname, '../..');
const tsx = path.join(root, 'node_modules', '.bin', 'tsx');

function runExample(args: string[], graphqlUrl: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      tsx,
      [path.join(root, 'client', 'example.ts'), ...args],
      { cwd: root, env: { ...process.env, NODE_OPTIONS: '', GRAPHQL_URL: graphqlUrl }, timeout: 60_000 },
      (err, stdout, stderr) => resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

/** A port with nothing listening on it. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

describe('npm run example', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer('pglite');
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('prints the latest production, the top export partners and the gold/silver ratio for KAZ', async () => {
    const { code, stdout, stderr } = await runExample(['KAZ'], `${server.url}/graphql`);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain('Kazakhstan (KAZ)');
    expect(stdout).toMatch(/Refined, 2024: 697\.5 t \(-21\.2% vs 885\.2 t[^\n]*source: EnergyProm/);
    expect(stdout).toMatch(/Refined, Jan–Nov 2025: 567\.5 t \(-11\.1%/);
    // The latest mine figure is MCS 2026's estimate for 2025, against 2024's revised 850 t.
    expect(stdout).toMatch(/Mine, 2025: 630 t \(-25\.9% vs 850 t a year earlier\), estimate; source: USGS Mineral Commodity Summaries 2026/);
    expect(stdout).toMatch(/Total: 516\.8 t \(-9\.0%\), USD 581\.1 million \(\+19\.3%\), implied 34\.97 USD\/oz/);
    expect(stdout).toMatch(/1\. United Kingdom \(GBR\): 242\.4 t, 46\.9% of the total/);
    expect(stdout).toMatch(/2\. United States \(USA\): 155\.4 t, 30\.1% of the total/);
    expect(stdout).toMatch(/53\.7 on 2026-01-12/);
    expect(stdout).toMatch(/gold 4,602\.09 USD\/oz, estimate/);
  });

  it('accepts lower case and reports a country without exports plainly', async () => {
    const { code, stdout } = await runExample(['mex'], `${server.url}/graphql`);
    expect(code).toBe(0);
    expect(stdout).toContain('Mexico (MEX)');
    expect(stdout).toMatch(/Mine, 2025: 6,300 t \(\+9\.0% vs 5,780 t/);
    expect(stdout).toContain('No export figures.');
  });

  it('exits 1 with a clear message for an unknown country', async () => {
    const { code, stdout, stderr } = await runExample(['XYZ'], `${server.url}/graphql`);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/Unknown country "XYZ"[^\n]*Known codes: [^\n]*KAZ/);
  });

  it('exits 1 with a clear message for something that is not a country code', async () => {
    const { code, stderr } = await runExample(['K4Z'], `${server.url}/graphql`);
    expect(code).toBe(1);
    expect(stderr).toMatch(/"K4Z" is not an ISO 3166-1 alpha-3 country code/);
  });

  it('exits 1 with a clear message when the server is down', async () => {
    const url = `http://127.0.0.1:${await freePort()}/graphql`;
    const { code, stdout, stderr } = await runExample(['KAZ'], url);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain(`Cannot reach the GraphQL server at ${url} (ECONNREFUSED)`);
    expect(stderr).toContain('npm start');
  });
});

describe('npm run example with more than a page of prices and countries', () => {
  let server: TestServer;
  let datasetCountries: number;
  const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
  beforeAll(async () => {
    server = await startTestServer('pglite');
    const prisma = server.db.prisma;
    const source = await prisma.source.create({ data: { name: 'Synthetic (test)' } });
    // 150 older SPOT prices of each metal (2019), before the dataset's 2025-2026 ones: the oldest
    // 100 hold none of the dataset's dates.
    const day = (i: number) => new Date(Date.UTC(2019, 0, 1 + i));
    await prisma.pricePoint.createMany({
      data: Array.from({ length: 150 }, (_, i) => [
        { metal: 'SILVER' as const, kind: 'SPOT' as const, date: day(i), priceUsdPerOz: 15 + (i % 7), sourceId: source.id, isCurrent: true },
        { metal: 'GOLD' as const, kind: 'SPOT' as const, date: day(i), priceUsdPerOz: 1300 + i, sourceId: source.id, isCurrent: true },
      ]).flat(),
    });
    // 120 more countries: more than a page of 100 in all (World, sorted last by name, is on the second).
    datasetCountries = await prisma.country.count();
    await prisma.country.createMany({
      data: Array.from({ length: 120 }, (_, i) => ({ iso3: `Q${LETTERS[Math.floor(i / 26)]}${LETTERS[i % 26]}`, name: `Synthetic ${i}` })),
    });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('reports the latest gold/silver ratio, not one from the oldest page of prices', async () => {
    const { code, stdout, stderr } = await runExample(['KAZ'], `${server.url}/graphql`);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toMatch(/Gold\/silver ratio, latest:\n  53\.7 on 2026-01-12/);
    expect(stdout).not.toContain('2019-');
  });

  it('lists every known code (page after page) for an unknown country', async () => {
    const { code, stderr } = await runExample(['XYZ'], `${server.url}/graphql`);
    expect(code).toBe(1);
    const known = /Known codes: ([^\n]*)\./.exec(stderr)?.[1].split(', ') ?? [];
    expect(datasetCountries + 120).toBeGreaterThan(100);
    expect(known).toHaveLength(datasetCountries + 120);
    expect(known).toEqual(expect.arrayContaining(['KAZ', 'QAA', 'QEP', 'WLD']));
  });
});
