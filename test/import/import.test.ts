// Importing into real databases (every kind under test): the seeded dataset, all-or-nothing
// validation, idempotent re-imports, updates, dry runs, and batching on a large file.
import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import type { PrismaClient } from '../../src/generated/prisma/client';
import {
  IMPORT_KINDS,
  ImportValidationError,
  formatProblem,
  importFile,
  isDatasetLoaded,
  seedDataset,
  type ImportKind,
} from '../../src/import';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../helpers/db';

const TABLES = ['sources', 'countries', 'production_years', 'export_flows', 'price_points'];

/** md5 of every row of every table, in id order: equal checksums = identical contents. */
async function checksum(prisma: PrismaClient): Promise<Record<string, string | null>> {
  const out: Record<string, string | null> = {};
  for (const table of TABLES) {
    const [row] = await prisma.$queryRawUnsafe<{ sum: string | null; n: number }[]>(
      `SELECT md5(string_agg(t::text, '|' ORDER BY t.id)) AS sum, count(*)::int AS n FROM ${table} t`,
    );
    out[table] = `${row.n}:${row.sum}`;
  }
  return out;
}

async function captureProblems(p: Promise<unknown>): Promise<string[]> {
  try {
    await p;
  } catch (err) {
    if (err instanceof ImportValidationError) return err.problems.map(formatProblem);
    throw err;
  }
  throw new Error('expected an ImportValidationError');
}

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'argentum-import-'));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

async function csv(name: string, lines: string[]): Promise<string> {
  const file = path.join(tmp, name);
  await writeFile(file, `${lines.join('\n')}\n`);
  return file;
}

describe.each(databaseKinds)('import on %s', (kind) => {
  let tdb: TestDatabase;
  let prisma: PrismaClient;
  let statements = 0;

  beforeAll(async () => {
    tdb = await createTestDatabase(kind, { onQuery: () => void statements++ });
    prisma = tdb.prisma;
  });
  afterAll(async () => {
    await tdb?.drop();
  });

  test('an empty database has no dataset; seeding inserts every row of data/', async () => {
    expect(await isDatasetLoaded(prisma)).toBe(false);
    const counts = await seedDataset(prisma);
    expect(counts).toEqual({
      sources: { inserted: 5, updated: 0, unchanged: 0 },
      countries: { inserted: 7, updated: 0, unchanged: 0 },
      production: { inserted: 10, updated: 0, unchanged: 0 },
      exports: { inserted: 4, updated: 0, unchanged: 0 },
      prices: { inserted: 6, updated: 0, unchanged: 0 },
    });
    expect(await isDatasetLoaded(prisma)).toBe(true);
  });

  test("the seeded dataset holds the article's figures with their sources and estimate flags", async () => {
    const production = await prisma.productionYear.findMany({ include: { country: true, source: true } });
    const prod = (iso3: string, stage: string, year: number, monthTo = 12) => {
      const row = production.find((p) => p.country.iso3 === iso3 && p.stage === stage && p.year === year && p.monthFrom === 1 && p.monthTo === monthTo);
      if (!row) throw new Error(`no production row ${iso3} ${stage} ${year} 1..${monthTo}`);
      return { tonnes: row.tonnes.toNumber(), isEstimate: row.isEstimate, source: row.source?.name, metal: row.metal };
    };
    const energy = 'EnergyProm';
    const derived = 'Derived from EnergyProm reported change';
    expect(prod('KAZ', 'REFINED', 2024)).toEqual({ tonnes: 697.5, isEstimate: false, source: energy, metal: 'SILVER' });
    expect(prod('KAZ', 'REFINED', 2025, 11)).toEqual({ tonnes: 567.5, isEstimate: false, source: energy, metal: 'SILVER' });
    expect(prod('KAZ', 'REFINED', 2023)).toEqual({ tonnes: 885.152, isEstimate: true, source: derived, metal: 'SILVER' });
    expect(prod('KAZ', 'REFINED', 2024, 11)).toEqual({ tonnes: 638.358, isEstimate: true, source: derived, metal: 'SILVER' });
    for (const [iso3, tonnes] of [['WLD', 25000], ['MEX', 6300], ['CHN', 3300], ['PER', 3100], ['KAZ', 1000]] as const) {
      expect(prod(iso3, 'MINE', 2024)).toEqual({ tonnes, isEstimate: false, source: 'USGS', metal: 'SILVER' });
    }
    expect(prod('WLD', 'MINE', 2023)).toEqual({ tonnes: 26595.745, isEstimate: true, source: 'Derived from USGS reported change', metal: 'SILVER' });
    // The derived figures reproduce the reported changes.
    expect(+(100 * (697.5 / 885.152 - 1)).toFixed(1)).toBe(-21.2);
    expect(+(100 * (567.5 / 638.358 - 1)).toFixed(1)).toBe(-11.1);

    const flows = await prisma.exportFlow.findMany({ include: { reporter: true, partner: true, source: true } });
    const flow = (partner: string, year: number) => {
      const f = flows.find((x) => x.reporter.iso3 === 'KAZ' && x.partner.iso3 === partner && x.year === year && x.monthFrom === 1 && x.monthTo === 10);
      if (!f) throw new Error(`no flow KAZ->${partner} ${year}`);
      return { tonnes: f.tonnes?.toNumber() ?? null, valueUsd: f.valueUsd?.toNumber() ?? null, isEstimate: f.isEstimate, source: f.source?.name };
    };
    expect(flows).toHaveLength(4);
    expect(flow('WLD', 2025)).toEqual({ tonnes: 516.8, valueUsd: 581.1e6, isEstimate: false, source: energy });
    expect(flow('GBR', 2025)).toEqual({ tonnes: 242.4, valueUsd: null, isEstimate: false, source: energy });
    expect(flow('USA', 2025)).toEqual({ tonnes: 155.4, valueUsd: null, isEstimate: false, source: energy });
    expect(flow('WLD', 2024)).toEqual({ tonnes: 567.912, valueUsd: 487091366.3, isEstimate: true, source: derived });
    const oz = 32150.7466;
    expect(+(581.1e6 / (516.8 * oz)).toFixed(2)).toBe(34.97);
    expect(+(487091366.3 / (567.912 * oz)).toFixed(2)).toBe(26.68);

    const prices = await prisma.pricePoint.findMany({ include: { source: true }, orderBy: [{ metal: 'asc' }, { date: 'asc' }] });
    expect(
      prices.map((p) => [p.metal, p.kind, p.date.toISOString().slice(0, 10), p.priceUsdPerOz.toNumber(), p.isEstimate, p.source?.name]),
    ).toEqual([
      ['SILVER', 'SPOT', '2025-01-01', 31.3, false, energy],
      ['SILVER', 'SPOT', '2026-01-01', 72.8, false, energy],
      ['SILVER', 'SPOT', '2026-01-12', 85.7, false, energy],
      ['GOLD', 'SPOT', '2025-01-01', 2795.09, true, 'Derived from EnergyProm gold/silver ratio'],
      ['GOLD', 'SPOT', '2026-01-01', 4389.84, true, 'Derived from EnergyProm gold/silver ratio'],
      ['GOLD', 'SPOT', '2026-01-12', 4602.09, true, 'Derived from EnergyProm gold/silver ratio'],
    ]);

    const countries = await prisma.country.findMany({ orderBy: { iso3: 'asc' } });
    expect(countries.map((c) => [c.iso3, c.iso2, c.isAggregate])).toEqual([
      ['CHN', 'CN', false], ['GBR', 'GB', false], ['KAZ', 'KZ', false], ['MEX', 'MX', false], ['PER', 'PE', false], ['USA', 'US', false], ['WLD', null, true],
    ]);
    // Every estimate's source says how it was derived; every row has a source.
    const sources = await prisma.source.findMany();
    for (const s of sources.filter((x) => x.name.startsWith('Derived'))) expect(s.note).toMatch(/=/);
    expect(await prisma.productionYear.count({ where: { sourceId: null } })).toBe(0);
    expect(await prisma.exportFlow.count({ where: { sourceId: null } })).toBe(0);
    expect(await prisma.pricePoint.count({ where: { sourceId: null } })).toBe(0);
  });

  test('seeding again changes nothing and counts every row unchanged', async () => {
    const before = await checksum(prisma);
    const counts = await seedDataset(prisma);
    for (const k of IMPORT_KINDS) expect(counts[k]).toMatchObject({ inserted: 0, updated: 0 });
    expect(counts.production.unchanged).toBe(10);
    expect(await checksum(prisma)).toEqual(before);
  });

  test('a file with several bad rows reports each problem with its line and changes nothing', async () => {
    const before = await checksum(prisma);
    const file = await csv('bad-production.csv', [
      'country_iso3,metal,stage,year,month_from,month_to,tonnes,is_estimate,source',
      'MEX,SILVER,MINE,2023,1,12,6400,false,USGS', // 2: good (would be an insert)
      'KAZ,SILVER,REFINED,2024,1,13,697.5,false,EnergyProm', // 3: wrong month
      'CHN,SILVER,MINE,2023,1,12,-3300,false,USGS', // 4: negative tonnes
      'XXX,SILVER,MINE,2023,1,12,3300,false,USGS', // 5: unknown country
      'PER,SILVER,MINE,2023,1,12,3.1k,false,USGS', // 6: malformed number
      'KAZ,SILVER,REFINED,2024,1,12,1,false,EnergyProm', // 7: good (would be an update)
    ]);
    const problems = await captureProblems(importFile(prisma, file));
    expect(problems).toEqual([
      `${file}:3: month_to: 13 is out of range; accepted: a month 1..12`,
      expect.stringMatching(new RegExp(`^${file}:4: tonnes: -3300 is negative; accepted: `)),
      expect.stringMatching(new RegExp(`^${file}:5: country_iso3: unknown country 'XXX'`)),
      expect.stringMatching(new RegExp(`^${file}:6: tonnes: '3.1k' is not a number; accepted: `)),
    ]);
    expect(await checksum(prisma)).toEqual(before);
  });

  test('a file missing a column reports it on line 1 and changes nothing', async () => {
    const before = await checksum(prisma);
    const file = await csv('missing-column.csv', [
      'reporter_iso3,partner_iso3,metal,year,month_from,tonnes,value_usd,is_estimate,source',
      'KAZ,GBR,SILVER,2024,1,200,,false,EnergyProm',
    ]);
    expect(await captureProblems(importFile(prisma, file, { kind: 'exports' }))).toEqual([
      expect.stringMatching(new RegExp(`^${file}:1: month_to: missing column; a exports header needs: reporter_iso3,`)),
    ]);
    expect(await checksum(prisma)).toEqual(before);
  });

  test('a bad file in a seed directory leaves even the good files unwritten', async () => {
    const dir = path.join(tmp, 'seed-bad');
    await rm(dir, { recursive: true, force: true });
    await mkdir(dir, { recursive: true });
    await csv('seed-bad/sources.csv', ['name,publisher,url,published_on,note', 'Brand new source,,,,']);
    await csv('seed-bad/countries.csv', ['iso3,iso2,name,is_aggregate', 'CHE,CH,Switzerland,false']);
    await csv('seed-bad/production.csv', ['country_iso3,metal,stage,year,month_from,month_to,tonnes,is_estimate,source', 'CHE,GOLD,REFINED,2024,1,12,x,false,Brand new source']);
    for (const k of ['exports', 'prices'] as ImportKind[]) await copyFile(path.join('data', `${k}.csv`), path.join(dir, `${k}.csv`));
    const before = await checksum(prisma);
    const problems = await captureProblems(seedDataset(prisma, dir));
    expect(problems).toEqual([expect.stringMatching(/production\.csv:2: tonnes: 'x' is not a number/)]);
    expect(await checksum(prisma)).toEqual(before);
  });

  test('a good file imported twice: inserted, then unchanged with identical tables; an edit is one update; a dry run writes nothing', async () => {
    const header = 'metal,kind,date,price_usd_per_oz,is_estimate,source';
    const rows = ['SILVER,MONTHLY_AVERAGE,2025-11-01,50.5,false,EnergyProm', 'GOLD,MONTHLY_AVERAGE,2025-11-01,4000,true,EnergyProm', 'PLATINUM,ANNUAL_AVERAGE,2025-01-01,1000.25,false,USGS'];
    // No kind given, odd file name: inferred from the header.
    const file = await csv('some-figures.csv', [header, ...rows]);

    const empty = await checksum(prisma);
    expect(await importFile(prisma, file, { dryRun: true })).toEqual({ inserted: 3, updated: 0, unchanged: 0 });
    expect(await checksum(prisma)).toEqual(empty);

    expect(await importFile(prisma, file)).toEqual({ inserted: 3, updated: 0, unchanged: 0 });
    const first = await checksum(prisma);
    expect(first).not.toEqual(empty);
    expect(await importFile(prisma, file)).toEqual({ inserted: 0, updated: 0, unchanged: 3 });
    expect(await checksum(prisma)).toEqual(first);

    // Same value written differently is unchanged; a changed value is one update.
    const edited = await csv('some-figures.csv', [header, rows[0].replace('50.5', '50.50'), rows[1].replace('4000', '4100'), rows[2]]);
    expect(await importFile(prisma, edited, { dryRun: true })).toEqual({ inserted: 0, updated: 1, unchanged: 2 });
    expect(await checksum(prisma)).toEqual(first);
    expect(await importFile(prisma, edited)).toEqual({ inserted: 0, updated: 1, unchanged: 2 });
    const gold = await prisma.pricePoint.findFirstOrThrow({ where: { metal: 'GOLD', kind: 'MONTHLY_AVERAGE' } });
    expect(gold.priceUsdPerOz.toNumber()).toBe(4100);

    // Changing only the estimate flag or the source is an update too.
    await csv('some-figures.csv', [header, rows[0].replace('false,EnergyProm', 'true,EnergyProm'), rows[1].replace('4000', '4100'), rows[2].replace('USGS', 'EnergyProm')]);
    expect(await importFile(prisma, edited)).toEqual({ inserted: 0, updated: 2, unchanged: 1 });

    // Reference tables: an edited country name and source note are updates, the rest unchanged.
    const countries = await csv('countries-edit.csv', ['iso3,iso2,name,is_aggregate', 'USA,US,United States of America,false', 'KAZ,KZ,Kazakhstan,false']);
    expect(await importFile(prisma, countries)).toEqual({ inserted: 0, updated: 1, unchanged: 1 });
    expect((await prisma.country.findUniqueOrThrow({ where: { iso3: 'USA' } })).name).toBe('United States of America');
    expect(await seedDataset(prisma).then((c) => c.countries)).toEqual({ inserted: 0, updated: 1, unchanged: 6 });
  });

  test('exports: partial flows update in place', async () => {
    const header = 'reporter_iso3,partner_iso3,metal,year,month_from,month_to,tonnes,value_usd,is_estimate,source';
    const file = await csv('exports-edit.csv', [header, 'KAZ,GBR,SILVER,2025,1,10,242.4,250000000,false,EnergyProm', 'KAZ,USA,SILVER,2025,1,10,155.4,,false,EnergyProm']);
    expect(await importFile(prisma, file, { kind: 'exports' })).toEqual({ inserted: 0, updated: 1, unchanged: 1 });
    const back = await seedDataset(prisma);
    expect(back.exports).toEqual({ inserted: 0, updated: 1, unchanged: 3 });
    const gbr = await prisma.exportFlow.findFirstOrThrow({ where: { partner: { iso3: 'GBR' } } });
    expect(gbr.valueUsd).toBeNull();
  });

  test('a large file imports in a few batched statements, and re-imports as unchanged', async () => {
    const n = 12_000;
    const lines = ['country_iso3,metal,stage,year,month_from,month_to,tonnes,is_estimate,source'];
    const metals = ['SILVER', 'GOLD', 'PLATINUM', 'PALLADIUM'];
    const countries = ['MEX', 'CHN', 'PER', 'USA', 'GBR'];
    let i = 0;
    outer: for (const c of countries)
      for (const metal of metals)
        for (let year = 1801; year <= 2100; year++)
          for (const [from, to] of [[1, 3], [4, 6]]) {
            if (i++ >= n) break outer;
            lines.push(`${c},${metal},REFINED,${year},${from},${to},${(i % 997) + 0.125},false,USGS`);
          }
    const file = await csv('large.csv', lines);
    const progress: number[] = [];
    statements = 0;
    let t = Date.now();
    expect(await importFile(prisma, file, { onProgress: (done) => progress.push(done) })).toEqual({ inserted: n, updated: 0, unchanged: 0 });
    const insertMs = Date.now() - t;
    const insertStatements = statements;
    expect(progress[progress.length - 1]).toBe(n);
    expect(progress.length).toBeGreaterThan(5);

    const first = await checksum(prisma);
    statements = 0;
    t = Date.now();
    expect(await importFile(prisma, file)).toEqual({ inserted: 0, updated: 0, unchanged: n });
    const unchangedMs = Date.now() - t;
    expect(await checksum(prisma)).toEqual(first);
    // Reading references, the existing rows, and one INSERT per 1000 rows; nothing per row.
    expect(insertStatements).toBeLessThan(40);
    expect(statements).toBeLessThan(15);
    console.log(`${kind}: ${n} rows inserted in ${insertMs} ms (${insertStatements} statements), re-imported unchanged in ${unchangedMs} ms`);
  });
});
