// Importing into real databases (every kind under test): the seeded dataset (row counts, the
// article's figures, revisions and current values), a new edition adding revisions, all-or-nothing
// validation, idempotent re-imports, updates, dry runs, and batching on a large file.
import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { compareRevisions, currentRevision, type Metal, type ProductionStage } from '../../src/domain';
import type { PrismaClient } from '../../src/generated/prisma/client';
import {
  IMPORT_KINDS,
  ImportValidationError,
  formatProblem,
  importFile,
  importFiles,
  isDatasetLoaded,
  seedDataset,
  type ImportKind,
} from '../../src/import';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../helpers/db';

const TABLES = ['sources', 'countries', 'production_years', 'export_flows', 'price_points', 'reserves', 'country_aliases'];
const MCS2024 = 'USGS Mineral Commodity Summaries 2024';
const MCS2025 = 'USGS Mineral Commodity Summaries 2025';
const MCS2026 = 'USGS Mineral Commodity Summaries 2026';
const WORLD_BANK = 'World Bank Pink Sheet';

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

  /** Every revision of a production observation, oldest publication first: [tonnes, isEstimate, isDerived, isCurrent, source]. */
  async function productionRevisions(iso3: string, metal: Metal, stage: ProductionStage, year: number, monthTo = 12) {
    const rows = await prisma.productionYear.findMany({
      where: { country: { iso3 }, metal, stage, year, monthFrom: 1, monthTo },
      include: { source: true },
    });
    rows.sort((a, b) => (a.source.publishedOn?.getTime() ?? -Infinity) - (b.source.publishedOn?.getTime() ?? -Infinity) || a.id - b.id);
    return rows.map((r) => [r.tonnes.toNumber(), r.isEstimate, r.isDerived, r.isCurrent, r.source.name]);
  }

  async function currentTonnes(iso3: string, metal: Metal, stage: ProductionStage, year: number) {
    const rows = await prisma.productionYear.findMany({ where: { country: { iso3 }, metal, stage, year, monthFrom: 1, monthTo: 12, isCurrent: true } });
    expect(rows).toHaveLength(1);
    return rows[0].tonnes.toNumber();
  }

  /** Rows per source name, for one table. */
  async function perSource(table: string): Promise<Record<string, number>> {
    const rows = await prisma.$queryRawUnsafe<{ name: string; n: number }[]>(
      `SELECT s.name, count(*)::int AS n FROM ${table} t JOIN sources s ON s.id = t.source_id GROUP BY s.name ORDER BY s.name`,
    );
    return Object.fromEntries(rows.map((r) => [r.name, r.n]));
  }

  test('an empty database has no dataset; seeding inserts every row of data/', async () => {
    expect(await isDatasetLoaded(prisma)).toBe(false);
    const counts = await seedDataset(prisma);
    expect(counts).toEqual({
      sources: { inserted: 8, updated: 0, unchanged: 0 },
      countries: { inserted: 26, updated: 0, unchanged: 0 },
      production: { inserted: 139, updated: 0, unchanged: 0 },
      exports: { inserted: 24, updated: 0, unchanged: 0 },
      prices: { inserted: 2586, updated: 0, unchanged: 0 },
      reserves: { inserted: 46, updated: 0, unchanged: 0 },
      'country-aliases': { inserted: 48, updated: 0, unchanged: 0 }, // data/country-aliases.csv: 49 lines, 1 header
    });
    expect(await isDatasetLoaded(prisma)).toBe(true);
  });

  test('row counts per kind and per source', async () => {
    expect(await perSource('production_years')).toEqual({
      'Derived from EnergyProm reported change': 2,
      'Derived from USGS reported change': 1,
      EnergyProm: 2,
      [MCS2024]: 4, // world silver and gold, 2022 and 2023
      [MCS2025]: 83, // silver 16 x 2 years, gold 19 x 2, US salient 2020-2022 mine and 2020-2024 refinery (primary, secondary)
      [MCS2026]: 47, // silver 16 x 2, gold world 2, US salient 2021-2023 mine and 2021-2025 refinery
    });
    expect(await perSource('export_flows')).toEqual({ 'Derived from EnergyProm reported change': 1, EnergyProm: 3, [MCS2025]: 10, [MCS2026]: 10 });
    expect(await perSource('price_points')).toEqual({ 'Derived from EnergyProm gold/silver ratio': 3, EnergyProm: 3, [WORLD_BANK]: 2580 });
    expect(await perSource('reserves')).toEqual({ [MCS2025]: 32, [MCS2026]: 14 });

    for (const metal of ['SILVER', 'GOLD', 'PLATINUM'] as const) {
      const monthly = await prisma.pricePoint.aggregate({ where: { metal, kind: 'MONTHLY_AVERAGE' }, _count: true, _min: { date: true }, _max: { date: true } });
      expect([monthly._count, monthly._min.date?.toISOString().slice(0, 10), monthly._max.date?.toISOString().slice(0, 10)]).toEqual([794, '1960-01-01', '2026-02-01']);
      const annual = await prisma.pricePoint.aggregate({ where: { metal, kind: 'ANNUAL_AVERAGE' }, _count: true, _min: { date: true }, _max: { date: true } });
      expect([annual._count, annual._min.date?.toISOString().slice(0, 10), annual._max.date?.toISOString().slice(0, 10)]).toEqual([66, '1960-01-01', '2025-01-01']);
    }
    const price = async (metal: 'SILVER' | 'GOLD' | 'PLATINUM', kind: 'MONTHLY_AVERAGE' | 'ANNUAL_AVERAGE', date: string) => {
      const p = await prisma.pricePoint.findFirstOrThrow({ where: { metal, kind, date: new Date(date), isCurrent: true }, include: { source: true } });
      return [p.priceUsdPerOz.toString(), p.isEstimate, p.isDerived, p.source.name];
    };
    expect(await price('SILVER', 'MONTHLY_AVERAGE', '2026-01-01')).toEqual(['92.062', false, false, WORLD_BANK]);
    expect(await price('GOLD', 'MONTHLY_AVERAGE', '2026-01-01')).toEqual(['4752.75', false, false, WORLD_BANK]);
    expect(await price('SILVER', 'MONTHLY_AVERAGE', '1960-01-01')).toEqual(['0.9137', false, false, WORLD_BANK]);
    expect(await price('PLATINUM', 'MONTHLY_AVERAGE', '2026-02-01')).toEqual(['2137.33', false, false, WORLD_BANK]);
    expect(await price('SILVER', 'ANNUAL_AVERAGE', '2024-01-01')).toEqual(['28.2692', false, false, WORLD_BANK]);

    const wb = await prisma.source.findUniqueOrThrow({ where: { name: WORLD_BANK } });
    expect([wb.publisher, wb.url, wb.publishedOn?.toISOString().slice(0, 10), wb.licence]).toEqual(['World Bank', 'https://www.worldbank.org/en/research/commodity-markets', '2026-03-03', 'CC BY 4.0']);
    const editions = await prisma.source.findMany({ where: { name: { startsWith: 'USGS Mineral Commodity Summaries' } }, orderBy: { name: 'asc' } });
    expect(editions.map((s) => [s.name, s.publishedOn?.toISOString().slice(0, 10), s.licence])).toEqual([
      [MCS2024, '2024-01-31', 'Public domain (U.S. Government work)'],
      [MCS2025, '2025-01-31', 'Public domain (U.S. Government work)'],
      [MCS2026, '2026-02-28', 'Public domain (U.S. Government work)'],
    ]);
    expect(editions[1].note).toMatch(/JORC-compliant reserves 27,000 t/);
    expect(editions[2].note).toMatch(/JORC-compliant reserves 22,000 t/);
    expect(await prisma.source.count({ where: { name: 'USGS' } })).toBe(0);

    const countries = await prisma.country.findMany({ orderBy: { iso3: 'asc' } });
    expect(countries).toHaveLength(26);
    expect(countries.filter((c) => c.isAggregate).map((c) => [c.iso3, c.iso2, c.name])).toEqual([['WLD', null, 'World'], ['XOC', null, 'Other countries']]);
    for (const c of countries.filter((x) => !x.isAggregate)) expect([c.iso3, c.iso2]).toEqual([expect.stringMatching(/^[A-Z]{3}$/), expect.stringMatching(/^[A-Z]{2}$/)]);
  });

  test("the article's figures: EnergyProm's as reported, the derived ones flagged, USGS's as MCS 2025 revisions", async () => {
    const energy = 'EnergyProm';
    const derived = 'Derived from EnergyProm reported change';
    expect(await productionRevisions('KAZ', 'SILVER', 'REFINED', 2024)).toEqual([[697.5, false, false, true, energy]]);
    expect(await productionRevisions('KAZ', 'SILVER', 'REFINED', 2025, 11)).toEqual([[567.5, false, false, true, energy]]);
    expect(await productionRevisions('KAZ', 'SILVER', 'REFINED', 2023)).toEqual([[885.152, true, true, true, derived]]);
    expect(await productionRevisions('KAZ', 'SILVER', 'REFINED', 2024, 11)).toEqual([[638.358, true, true, true, derived]]);
    // The derived figures reproduce the reported changes.
    expect(+(100 * (697.5 / 885.152 - 1)).toFixed(1)).toBe(-21.2);
    expect(+(100 * (567.5 / 638.358 - 1)).toFixed(1)).toBe(-11.1);
    // The article's USGS 2024 figures are MCS 2025's estimates: one revision each under that edition.
    for (const [iso3, tonnes] of [['WLD', 25000], ['MEX', 6300], ['CHN', 3300], ['PER', 3100], ['KAZ', 1000]] as const) {
      const revisions = await productionRevisions(iso3, 'SILVER', 'MINE', 2024);
      expect(revisions.filter((r) => r[4] === MCS2025)).toEqual([[tonnes, true, false, false, MCS2025]]);
    }

    const flows = await prisma.exportFlow.findMany({ where: { reporter: { iso3: 'KAZ' } }, include: { partner: true, source: true } });
    const flow = (partner: string, year: number) => {
      const f = flows.find((x) => x.partner.iso3 === partner && x.year === year && x.monthFrom === 1 && x.monthTo === 10);
      if (!f) throw new Error(`no flow KAZ->${partner} ${year}`);
      return { tonnes: f.tonnes?.toNumber() ?? null, valueUsd: f.valueUsd?.toNumber() ?? null, isEstimate: f.isEstimate, isDerived: f.isDerived, isCurrent: f.isCurrent, source: f.source.name };
    };
    expect(flows).toHaveLength(4);
    expect(flow('WLD', 2025)).toEqual({ tonnes: 516.8, valueUsd: 581.1e6, isEstimate: false, isDerived: false, isCurrent: true, source: energy });
    expect(flow('GBR', 2025)).toEqual({ tonnes: 242.4, valueUsd: null, isEstimate: false, isDerived: false, isCurrent: true, source: energy });
    expect(flow('USA', 2025)).toEqual({ tonnes: 155.4, valueUsd: null, isEstimate: false, isDerived: false, isCurrent: true, source: energy });
    expect(flow('WLD', 2024)).toEqual({ tonnes: 567.912, valueUsd: 487091366.3, isEstimate: true, isDerived: true, isCurrent: true, source: derived });
    const oz = 32150.7466;
    expect(+(581.1e6 / (516.8 * oz)).toFixed(2)).toBe(34.97);
    expect(+(487091366.3 / (567.912 * oz)).toFixed(2)).toBe(26.68);

    const spot = await prisma.pricePoint.findMany({ where: { kind: 'SPOT' }, include: { source: true }, orderBy: [{ metal: 'asc' }, { date: 'asc' }] });
    expect(
      spot.map((p) => [p.metal, p.date.toISOString().slice(0, 10), p.priceUsdPerOz.toNumber(), p.isEstimate, p.isDerived, p.isCurrent, p.source.name]),
    ).toEqual([
      ['SILVER', '2025-01-01', 31.3, false, false, true, energy],
      ['SILVER', '2026-01-01', 72.8, false, false, true, energy],
      ['SILVER', '2026-01-12', 85.7, false, false, true, energy],
      ['GOLD', '2025-01-01', 2795.09, true, true, true, 'Derived from EnergyProm gold/silver ratio'],
      ['GOLD', '2026-01-01', 4389.84, true, true, true, 'Derived from EnergyProm gold/silver ratio'],
      ['GOLD', '2026-01-12', 4602.09, true, true, true, 'Derived from EnergyProm gold/silver ratio'],
    ]);
    // The article's own source is dated by the last date it quotes; every derived figure's source says how.
    const sources = await prisma.source.findMany({ where: { OR: [{ name: energy }, { name: { startsWith: 'Derived' } }] } });
    expect(sources).toHaveLength(4);
    for (const s of sources) expect(s.publishedOn?.toISOString().slice(0, 10)).toBe('2026-01-12');
    for (const s of sources.filter((x) => x.name.startsWith('Derived'))) expect(s.note).toMatch(/=/);
    expect(await prisma.productionYear.count({ where: { isDerived: true, isEstimate: false } })).toBe(0);
  });

  test('revisions: Kazakhstan 2024 and the world 2023 and 2024 (oldest publication first), current values', async () => {
    expect(await productionRevisions('KAZ', 'SILVER', 'MINE', 2024)).toEqual([
      [1000, true, false, false, MCS2025],
      [850, false, false, true, MCS2026],
    ]);
    expect(await productionRevisions('WLD', 'SILVER', 'MINE', 2023)).toEqual([
      [26000, true, false, false, MCS2024],
      [25500, false, false, true, MCS2025],
      [26595.745, true, true, false, 'Derived from USGS reported change'],
    ]);
    expect(await productionRevisions('WLD', 'SILVER', 'MINE', 2024)).toEqual([
      [25000, true, false, false, MCS2025],
      [25300, false, false, true, MCS2026],
    ]);
    expect((await currentTonnes('KAZ', 'SILVER', 'MINE', 2024)) / (await currentTonnes('WLD', 'SILVER', 'MINE', 2024))).toBeCloseTo(850 / 25300, 12);
    // A value only an estimate gives is current until reported: Kazakhstan 2025 (MCS 2026, estimated).
    expect(await productionRevisions('KAZ', 'SILVER', 'MINE', 2025)).toEqual([[630, true, false, true, MCS2026]]);
  });

  test('the stored current flags follow the domain rule (compareRevisions) for every observation of every table', async () => {
    type Row = { id: number; key: string; is_estimate: boolean; is_current: boolean; published_on: Date | null };
    const queries: Record<string, string> = {
      production_years: `concat_ws('|', country_id, metal, stage, year, month_from, month_to)`,
      export_flows: `concat_ws('|', reporter_id, partner_id, metal, year, month_from, month_to)`,
      price_points: `concat_ws('|', metal, kind, date)`,
      reserves: `concat_ws('|', country_id, metal)`,
    };
    for (const [table, key] of Object.entries(queries)) {
      const rows = await prisma.$queryRawUnsafe<Row[]>(
        `SELECT t.id, ${key} AS key, t.is_estimate, t.is_current, s.published_on FROM ${table} t JOIN sources s ON s.id = t.source_id`,
      );
      expect(rows.length).toBeGreaterThan(0);
      const byKey = new Map<string, Row[]>();
      for (const r of rows) byKey.set(r.key, [...(byKey.get(r.key) ?? []), r]);
      for (const [k, revisions] of byKey) {
        const ranked = revisions.map((r) => ({ id: r.id, isEstimate: r.is_estimate, publishedOn: r.published_on }));
        const expected = currentRevision(ranked)!.id;
        const flagged = revisions.filter((r) => r.is_current).map((r) => r.id);
        if (flagged.length !== 1 || flagged[0] !== expected) throw new Error(`${table} ${k}: current ${flagged.join(',')} but the rule picks ${expected}`);
      }
    }
    expect(compareRevisions({ id: 1, isEstimate: false, publishedOn: null }, { id: 2, isEstimate: true, publishedOn: new Date() })).toBeLessThan(0);
  });

  test('US salient statistics: refinery output by feed, exports to and imports from the world, per edition', async () => {
    expect(await productionRevisions('USA', 'SILVER', 'REFINED_PRIMARY', 2024)).toEqual([[1200, true, false, false, MCS2025], [1140, false, false, true, MCS2026]]);
    expect(await productionRevisions('USA', 'SILVER', 'REFINED_SECONDARY', 2024)).toEqual([[1200, true, false, false, MCS2025], [955, false, false, true, MCS2026]]);
    expect(await productionRevisions('USA', 'SILVER', 'REFINED_PRIMARY', 2020)).toEqual([[1360, false, false, true, MCS2025]]);
    // The salient mine production and the country table give the same revision under each edition.
    expect(await productionRevisions('USA', 'SILVER', 'MINE', 2024)).toEqual([[1100, true, false, false, MCS2025], [1050, false, false, true, MCS2026]]);
    expect(await productionRevisions('USA', 'SILVER', 'MINE', 2021)).toEqual([[1020, false, false, false, MCS2025], [1020, false, false, true, MCS2026]]);
    const flows = async (reporter: string, partner: string, year: number) =>
      (
        await prisma.exportFlow.findMany({
          where: { reporter: { iso3: reporter }, partner: { iso3: partner }, metal: 'SILVER', year, monthFrom: 1, monthTo: 12 },
          include: { source: true },
          orderBy: { source: { publishedOn: 'asc' } },
        })
      ).map((f) => [f.tonnes?.toNumber(), f.valueUsd, f.isEstimate, f.isCurrent, f.source.name]);
    expect(await flows('USA', 'WLD', 2024)).toEqual([[140, null, true, false, MCS2025], [113, null, false, true, MCS2026]]);
    expect(await flows('WLD', 'USA', 2024)).toEqual([[4200, null, true, false, MCS2025], [4430, null, false, true, MCS2026]]);
    expect(await flows('WLD', 'USA', 2025)).toEqual([[7600, null, true, true, MCS2026]]);
  });

  test('reserves per edition: the latest edition is current; NA is no row', async () => {
    const reserves = async (iso3: string, metal: 'SILVER' | 'GOLD') =>
      (await prisma.reserve.findMany({ where: { country: { iso3 }, metal }, include: { source: true }, orderBy: { source: { publishedOn: 'asc' } } })).map((r) => [
        r.tonnes.toNumber(),
        r.isEstimate,
        r.isCurrent,
        r.source.name,
      ]);
    expect(await reserves('AUS', 'SILVER')).toEqual([[94000, false, false, MCS2025], [91000, false, true, MCS2026]]);
    expect(await reserves('PER', 'SILVER')).toEqual([[140000, false, false, MCS2025], [110000, false, true, MCS2026]]);
    expect(await reserves('WLD', 'SILVER')).toEqual([[640000, false, false, MCS2025], [610000, false, true, MCS2026]]);
    expect(await reserves('XOC', 'SILVER')).toEqual([[57000, false, false, MCS2025], [57000, false, true, MCS2026]]);
    expect(await reserves('WLD', 'GOLD')).toEqual([[64000, false, true, MCS2025]]);
    expect(await reserves('KAZ', 'SILVER')).toEqual([]);
    expect(await reserves('SWE', 'SILVER')).toEqual([]);
    expect(await reserves('BFA', 'GOLD')).toEqual([]);
    expect(await reserves('KAZ', 'GOLD')).toEqual([[2300, false, true, MCS2025]]);
  });

  test('seeding again changes nothing and counts every row unchanged', async () => {
    const before = await checksum(prisma);
    const counts = await seedDataset(prisma);
    for (const k of IMPORT_KINDS) expect(counts[k]).toMatchObject({ inserted: 0, updated: 0 });
    expect(counts.production.unchanged).toBe(139);
    expect(counts.prices.unchanged).toBe(2586);
    expect(counts.reserves.unchanged).toBe(46);
    expect(counts['country-aliases'].unchanged).toBe(48);
    expect(await checksum(prisma)).toEqual(before);
  });

  test('a new edition adds revisions and changes current values; the same files again change nothing; its source re-dated, the rule applies again', async () => {
    const edition = 'Test edition 2027';
    const sourcesFile = await csv('edition-sources.csv', ['name,publisher,url,published_on,note,licence', `${edition},Test,,2027-01-31,A later edition,Public domain`]);
    const production = await csv('edition-production.csv', [
      'country_iso3,metal,stage,year,month_from,month_to,tonnes,is_estimate,source',
      `KAZ,SILVER,MINE,2025,1,12,700,false,${edition}`, // reported: outranks MCS 2026's estimate 630
      `KAZ,SILVER,MINE,2024,1,12,860,false,${edition}`, // reported and later: outranks MCS 2026's 850
      `WLD,SILVER,MINE,2024,1,12,25000,true,${edition}`, // an estimate: MCS 2026's reported 25,300 stays current
      `KAZ,SILVER,MINE,2026,1,12,650,true,${edition}`, // a new observation
    ]);
    const reserves = await csv('edition-reserves.csv', ['country_iso3,metal,tonnes,is_estimate,source', `AUS,SILVER,90000,false,${edition}`]);
    const prices = await csv('edition-prices.csv', ['metal,kind,date,price_usd_per_oz,is_estimate,source', `SILVER,MONTHLY_AVERAGE,2026-02-01,82,false,${edition}`]);
    const files = [{ file: sourcesFile }, { file: production }, { file: reserves }, { file: prices }];

    const before = await checksum(prisma);
    const dry = await importFiles(prisma, files, { dryRun: true });
    expect(dry.map((r) => [r.kind, r.counts])).toEqual([
      ['sources', { inserted: 1, updated: 0, unchanged: 0 }],
      ['production', { inserted: 4, updated: 0, unchanged: 0 }],
      ['reserves', { inserted: 1, updated: 0, unchanged: 0 }],
      ['prices', { inserted: 1, updated: 0, unchanged: 0 }],
    ]);
    expect(await checksum(prisma)).toEqual(before);

    const real = await importFiles(prisma, files);
    expect(real.map((r) => r.counts)).toEqual(dry.map((r) => r.counts));
    expect(await currentTonnes('KAZ', 'SILVER', 'MINE', 2025)).toBe(700);
    expect(await currentTonnes('KAZ', 'SILVER', 'MINE', 2024)).toBe(860);
    expect(await currentTonnes('WLD', 'SILVER', 'MINE', 2024)).toBe(25300);
    expect(await currentTonnes('KAZ', 'SILVER', 'MINE', 2026)).toBe(650);
    expect(await productionRevisions('KAZ', 'SILVER', 'MINE', 2024)).toEqual([
      [1000, true, false, false, MCS2025],
      [850, false, false, false, MCS2026],
      [860, false, false, true, edition],
    ]);
    const aus = await prisma.reserve.findFirstOrThrow({ where: { country: { iso3: 'AUS' }, metal: 'SILVER', isCurrent: true } });
    expect(aus.tonnes.toNumber()).toBe(90000);
    const feb = await prisma.pricePoint.findFirstOrThrow({ where: { metal: 'SILVER', kind: 'MONTHLY_AVERAGE', date: new Date('2026-02-01'), isCurrent: true } });
    expect(feb.priceUsdPerOz.toNumber()).toBe(82);

    const after = await checksum(prisma);
    const again = await importFiles(prisma, files);
    expect(again.map((r) => r.counts)).toEqual([
      { inserted: 0, updated: 0, unchanged: 1 },
      { inserted: 0, updated: 0, unchanged: 4 },
      { inserted: 0, updated: 0, unchanged: 1 },
      { inserted: 0, updated: 0, unchanged: 1 },
    ]);
    expect(await checksum(prisma)).toEqual(after);

    // The same source again updates its revision (and the rule runs again on it).
    const corrected = await csv('edition-production.csv', ['country_iso3,metal,stage,year,month_from,month_to,tonnes,is_estimate,source', `KAZ,SILVER,MINE,2024,1,12,840,true,${edition}`]);
    expect(await importFile(prisma, corrected)).toEqual({ inserted: 0, updated: 1, unchanged: 0 });
    expect(await productionRevisions('KAZ', 'SILVER', 'MINE', 2024)).toEqual([
      [1000, true, false, false, MCS2025],
      [850, false, false, true, MCS2026],
      [840, true, false, false, edition],
    ]);

    // Re-dating the source before MCS 2026 and the World Bank's edition: their values are current again.
    const redated = await csv('edition-sources.csv', ['name,publisher,url,published_on,note,licence', `${edition},Test,,2020-01-31,A later edition,Public domain`]);
    expect(await importFile(prisma, redated)).toEqual({ inserted: 0, updated: 1, unchanged: 0 });
    expect(await currentTonnes('KAZ', 'SILVER', 'MINE', 2025)).toBe(700); // reported still outranks the estimate
    const ausBack = await prisma.reserve.findFirstOrThrow({ where: { country: { iso3: 'AUS' }, metal: 'SILVER', isCurrent: true } });
    expect(ausBack.tonnes.toNumber()).toBe(91000);
    const febBack = await prisma.pricePoint.findFirstOrThrow({ where: { metal: 'SILVER', kind: 'MONTHLY_AVERAGE', date: new Date('2026-02-01'), isCurrent: true } });
    expect(febBack.priceUsdPerOz.toNumber()).toBe(81.946);
  });

  test('a file with several bad rows reports each problem with its line and changes nothing', async () => {
    const before = await checksum(prisma);
    const file = await csv('bad-production.csv', [
      'country_iso3,metal,stage,year,month_from,month_to,tonnes,is_estimate,source',
      `MEX,SILVER,MINE,2023,1,12,6400,false,${MCS2026}`, // 2: good (would be an insert)
      'KAZ,SILVER,REFINED,2024,1,13,697.5,false,EnergyProm', // 3: wrong month
      `CHN,SILVER,MINE,2023,1,12,-3300,false,${MCS2025}`, // 4: negative tonnes
      `XXX,SILVER,MINE,2023,1,12,3300,false,${MCS2025}`, // 5: unknown country
      `PER,SILVER,MINE,2023,1,12,3.1k,false,${MCS2025}`, // 6: malformed number
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
    for (const k of ['exports', 'prices', 'reserves', 'country-aliases'] as ImportKind[]) await copyFile(path.join('data', `${k}.csv`), path.join(dir, `${k}.csv`));
    const before = await checksum(prisma);
    const problems = await captureProblems(seedDataset(prisma, dir));
    expect(problems).toEqual([expect.stringMatching(/production\.csv:2: tonnes: 'x' is not a number/)]);
    expect(await checksum(prisma)).toEqual(before);
  });

  test('a good file imported twice: inserted, then unchanged with identical tables; an edit is one update; a dry run writes nothing', async () => {
    const header = 'metal,kind,date,price_usd_per_oz,is_estimate,source';
    const rows = ['SILVER,MONTHLY_AVERAGE,2025-11-01,50.5,false,EnergyProm', 'GOLD,MONTHLY_AVERAGE,2025-11-01,4000,true,EnergyProm', `PLATINUM,ANNUAL_AVERAGE,2025-01-01,1000.25,false,${MCS2025}`];
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
    const gold = await prisma.pricePoint.findFirstOrThrow({ where: { metal: 'GOLD', kind: 'MONTHLY_AVERAGE', source: { name: 'EnergyProm' } } });
    expect(gold.priceUsdPerOz.toNumber()).toBe(4100);

    // Changing only the estimate flag is an update; the same figure under another source is another revision.
    await csv('some-figures.csv', [header, rows[0].replace('false,EnergyProm', 'true,EnergyProm'), rows[1].replace('4000', '4100'), rows[2].replace(MCS2025, 'EnergyProm')]);
    expect(await importFile(prisma, edited)).toEqual({ inserted: 1, updated: 1, unchanged: 1 });
    expect(await prisma.pricePoint.count({ where: { metal: 'PLATINUM', kind: 'ANNUAL_AVERAGE', date: new Date('2025-01-01') } })).toBe(3); // World Bank, MCS 2025, EnergyProm

    // Reference tables: an edited country name and source note are updates, the rest unchanged.
    const countries = await csv('countries-edit.csv', ['iso3,iso2,name,is_aggregate', 'USA,US,United States of America,false', 'KAZ,KZ,Kazakhstan,false']);
    expect(await importFile(prisma, countries)).toEqual({ inserted: 0, updated: 1, unchanged: 1 });
    expect((await prisma.country.findUniqueOrThrow({ where: { iso3: 'USA' } })).name).toBe('United States of America');
    expect(await seedDataset(prisma).then((c) => c.countries)).toEqual({ inserted: 0, updated: 1, unchanged: 25 });
  });

  test('exports: partial flows update in place', async () => {
    const header = 'reporter_iso3,partner_iso3,metal,year,month_from,month_to,tonnes,value_usd,is_estimate,source';
    const file = await csv('exports-edit.csv', [header, 'KAZ,GBR,SILVER,2025,1,10,242.4,250000000,false,EnergyProm', 'KAZ,USA,SILVER,2025,1,10,155.4,,false,EnergyProm']);
    expect(await importFile(prisma, file, { kind: 'exports' })).toEqual({ inserted: 0, updated: 1, unchanged: 1 });
    const back = await seedDataset(prisma);
    expect(back.exports).toEqual({ inserted: 0, updated: 1, unchanged: 23 });
    const gbr = await prisma.exportFlow.findFirstOrThrow({ where: { partner: { iso3: 'GBR' } } });
    expect(gbr.valueUsd).toBeNull();
  });

  test('country aliases: upserted by the alias in any case; codes and ambiguous aliases refused; the seed puts them back', async () => {
    const aliases = async (iso3: string) =>
      (await prisma.countryAlias.findMany({ where: { country: { iso3 } }, orderBy: { alias: 'asc' } })).map((a) => a.alias);
    // From data/country-aliases.csv.
    expect(await aliases('GBR')).toEqual(['Britain', 'Great Britain', 'U.K.', 'UK', 'United Kingdom of Great Britain and Northern Ireland']);
    const header = 'iso3,alias';
    const bad = await csv('aliases-bad.csv', [header, 'GBR,Albion', 'GBR,albion', 'MEX,KZ', 'XXX,Nowhere', 'USA,']);
    const before = await checksum(prisma);
    expect(await captureProblems(importFile(prisma, bad))).toEqual([
      expect.stringMatching(/aliases-bad\.csv:3: alias: duplicate of line 2 \(same alias\)/),
      expect.stringMatching(/aliases-bad\.csv:4: alias: 'KZ' is the ISO code of KAZ; accepted: /),
      expect.stringMatching(/aliases-bad\.csv:5: iso3: unknown country 'XXX'/),
      expect.stringMatching(/aliases-bad\.csv:6: alias: empty; expected /),
    ]);
    expect(await checksum(prisma)).toEqual(before);

    // Inferred from the header; a new alias is inserted, one in another case or of another country updated.
    const file = await csv('aliases-edit.csv', [header, 'GBR,Albion', 'GBR,uk', 'USA,Britain', 'KAZ,Kazakstan']);
    expect(await importFile(prisma, file)).toEqual({ inserted: 1, updated: 2, unchanged: 1 });
    expect(await aliases('GBR')).toEqual(['Albion', 'Great Britain', 'U.K.', 'United Kingdom of Great Britain and Northern Ireland', 'uk']);
    expect(await importFile(prisma, file)).toEqual({ inserted: 0, updated: 0, unchanged: 4 });
    // The seed does not delete Albion (imports add and correct), and puts UK and Britain back.
    expect((await seedDataset(prisma))['country-aliases']).toEqual({ inserted: 0, updated: 2, unchanged: 46 });
    expect(await aliases('GBR')).toEqual(['Albion', 'Britain', 'Great Britain', 'U.K.', 'UK', 'United Kingdom of Great Britain and Northern Ireland']);
    await prisma.countryAlias.deleteMany({ where: { alias: 'Albion' } });
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
            lines.push(`${c},${metal},REFINED,${year},${from},${to},${(i % 997) + 0.125},false,EnergyProm`);
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
    // The planner knows the new rows at once (ANALYZE after a large import), not a minute later.
    const [planned] = await prisma.$queryRawUnsafe<{ rows: number }[]>(`SELECT reltuples::int AS rows FROM pg_class WHERE relname = 'production_years'`);
    expect(planned.rows).toBeGreaterThanOrEqual(n);

    const first = await checksum(prisma);
    statements = 0;
    t = Date.now();
    expect(await importFile(prisma, file)).toEqual({ inserted: 0, updated: 0, unchanged: n });
    const unchangedMs = Date.now() - t;
    expect(await checksum(prisma)).toEqual(first);
    // Reading references, the existing rows, one INSERT per 1000 rows and two statements per 1000
    // observations choosing their current revision; nothing per row.
    expect(insertStatements).toBeLessThan(60);
    expect(statements).toBeLessThan(15);
    console.log(`${kind}: ${n} rows inserted in ${insertMs} ms (${insertStatements} statements), re-imported unchanged in ${unchangedMs} ms`);
  });
});
