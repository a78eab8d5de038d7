// The import CLI as a user runs it (npx tsx src/import/cli.ts), against a PostgreSQL test database.
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { KIND_SPECS, IMPORT_KINDS } from '../../src/import';
import { createTestDatabase, type TestDatabase } from '../helpers/db';

const root = path.resolve(__dirname, '..', '..');

function run(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    // DATABASE_URL is always set so that no test touches the default PGlite directory.
    const child = spawn('npx', ['tsx', 'src/import/cli.ts', ...args], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: 'postgresql://nobody@127.0.0.1:1/none', NODE_OPTIONS: '', NO_UPDATE_NOTIFIER: '1', npm_config_update_notifier: 'false', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'argentum-cli-'));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

test('--help explains every column of every kind', async () => {
  const { code, stdout } = await run(['--help']);
  expect(code).toBe(0);
  expect(stdout).toMatch(/usage:/);
  expect(stdout).toMatch(/--dry-run/);
  expect(stdout).toMatch(/--seed/);
  for (const kind of IMPORT_KINDS) {
    expect(stdout).toContain(`  header: ${KIND_SPECS[kind].columns.map((c) => c.name).join(',')}`);
    for (const col of KIND_SPECS[kind].columns) expect(stdout).toMatch(new RegExp(`^  ${col.name} +\\S`, 'm'));
  }
});

test('usage errors exit 2 with the usage', async () => {
  const { code, stderr } = await run(['--kind', 'metals', 'x.csv']);
  expect(code).toBe(2);
  expect(stderr).toMatch(/unknown --kind 'metals'; accepted: sources, countries, production, exports, prices, reserves/);
  expect(stderr).toMatch(/usage:/);
});

test('an unreachable database is one clear line and exit 1', async () => {
  const { code, stderr } = await run(['data/prices.csv']);
  expect(code).toBe(1);
  expect(stderr.trim().split('\n')).toEqual([expect.stringMatching(/^error: .*127\.0\.0\.1:1.*connection refused/)]);
});

const describePg = process.env.TEST_DATABASE_URL ? describe : describe.skip;

describePg('against PostgreSQL (TEST_DATABASE_URL)', () => {
  let tdb: TestDatabase;
  beforeAll(async () => {
    tdb = await createTestDatabase('postgres');
  });
  afterAll(async () => {
    await tdb?.drop();
  });

  test('seeds, then a bad file exits 1 listing file:line: column: message and writes nothing', async () => {
    const seeded = await run(['--seed'], { DATABASE_URL: tdb.url! });
    // Progress lines on stderr: the dataset has more than 2,000 rows (2,877 with the 48 country aliases).
    expect(seeded).toEqual({ code: 0, stderr: expect.stringMatching(/^(writing: \d+% \(\d+\/2877 rows\)\n)+$/), stdout: expect.stringMatching(/data\/production\.csv \(production\): 139 inserted, 0 updated, 0 unchanged[^]*data\/reserves\.csv \(reserves\): 46 inserted/) });

    const bad = path.join(tmp, 'bad.csv');
    await writeFile(
      bad,
      [
        'country_iso3,metal,stage,year,month_from,month_to,tonnes,is_estimate,source',
        'MEX,SILVER,MINE,2023,1,12,6400,false,USGS Mineral Commodity Summaries 2026',
        'KAZ,SILVER,REFINED,2024,0,12,697.5,false,EnergyProm',
        'ZZZ,SILVER,MINE,2023,1,12,-1,false,USGS Mineral Commodity Summaries 2026',
        '',
      ].join('\n'),
    );
    const before = await tdb.prisma.productionYear.count();
    const result = await run([bad], { DATABASE_URL: tdb.url! });
    expect(result).toMatchObject({ code: 1, stdout: '' });
    expect(result.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(new RegExp(`^${bad}:3: month_from: 0 is out of range; accepted: a month 1\\.\\.12$`)),
      expect.stringMatching(new RegExp(`^${bad}:4: country_iso3: unknown country 'ZZZ'`)),
      expect.stringMatching(new RegExp(`^${bad}:4: tonnes: -1 is negative`)),
      '3 problems; nothing was imported',
    ]);
    expect(await tdb.prisma.productionYear.count()).toBe(before);
  });

  test('a good file: --dry-run counts without writing, then imports, then is unchanged', async () => {
    const good = path.join(tmp, 'good.csv');
    await writeFile(good, 'metal,kind,date,price_usd_per_oz,is_estimate,source\nSILVER,MONTHLY_AVERAGE,2025-12-01,60,false,EnergyProm\n');
    // Whole results in the expectations, so that a failure shows what the CLI printed.
    const dry = await run([good, '--dry-run'], { DATABASE_URL: tdb.url! });
    expect(dry).toEqual({ code: 0, stderr: '', stdout: expect.stringMatching(/dry run .*nothing written:\n.*\(prices\): would insert 1, update 0, leave 0 unchanged/) });
    const mine = { kind: 'MONTHLY_AVERAGE' as const, source: { name: 'EnergyProm' } };
    expect(await tdb.prisma.pricePoint.count({ where: mine })).toBe(0);

    const real = await run([good], { DATABASE_URL: tdb.url! });
    expect(real).toEqual({ code: 0, stderr: '', stdout: expect.stringMatching(/\(prices\): 1 inserted, 0 updated, 0 unchanged/) });
    // A second revision of the World Bank's December average: the later publication stays current.
    expect(await tdb.prisma.pricePoint.findFirst({ where: mine })).toMatchObject({ isCurrent: false });
    const again = await run(['--kind', 'prices', good], { DATABASE_URL: tdb.url! });
    expect(again).toEqual({ code: 0, stderr: '', stdout: expect.stringMatching(/\(prices\): 0 inserted, 0 updated, 1 unchanged/) });
  });

  test('an unmigrated PostgreSQL database is refused with a pointer to npm run db:migrate', async () => {
    const bare = await createTestDatabase('postgres', { migrate: false });
    try {
      const { code, stderr } = await run(['data/prices.csv'], { DATABASE_URL: bare.url! });
      expect(code).toBe(1);
      expect(stderr.trim()).toMatch(/^error: .* is not migrated .*npm run db:migrate/);
      expect(stderr.trim().split('\n')).toHaveLength(1);
    } finally {
      await bare.drop();
    }
  });
});
