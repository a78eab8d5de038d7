// SQL statements per request depend only on the query's shape: eight nested operations run at
// two data sizes (5 and 50 countries x ten years), and each must send exactly the same number of
// statements at both sizes -- one per loader level, never one per row. Also: Relay pagination.
import type { PrismaClient } from '../../src/generated/prisma/client';
import { databaseKinds, createTestDatabase, type TestDatabase } from '../helpers/db';
import { ok, runner, type Run } from './graphql';

const YEARS = Array.from({ length: 10 }, (_, i) => 2015 + i);
const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
/** Synthetic ISO3-shaped codes: QAA, QAB, ... (no real country starts with Q but QAT). */
const codeOf = (i: number) => `Q${LETTERS[Math.floor(i / 26)]}${LETTERS[i % 26]}`;
const day = (i: number) => new Date(Date.UTC(2000, 0, 1 + i));

/** Adds synthetic countries from..to-1 (ten years of production each, exports from RPT to each, and prices). */
async function addCountries(prisma: PrismaClient, from: number, to: number, sourceId: number, reporterId: number, worldId: number) {
  const created = [];
  for (let i = from; i < to; i++) {
    created.push(await prisma.country.create({ data: { iso3: codeOf(i), name: `Synthetic ${codeOf(i)}` } }));
  }
  await prisma.productionYear.createMany({
    data: created.flatMap((c, k) =>
      YEARS.map((year, y) => ({ countryId: c.id, metal: 'SILVER' as const, stage: 'MINE' as const, year, tonnes: 100 + ((k * 7 + y * 13) % 50), sourceId, isCurrent: true })),
    ),
  });
  await prisma.exportFlow.createMany({
    data: created.flatMap((c, k) =>
      YEARS.map((year, y) => ({ reporterId, partnerId: c.id, metal: 'SILVER' as const, year, tonnes: 10 + ((k + y) % 9), valueUsd: 1e6 * (1 + ((k + 2 * y) % 5)), sourceId, isCurrent: true })),
    ),
  });
  // WLD production and the reporter's WLD export totals grow with the data but stay one row a year.
  for (const year of YEARS) {
    await prisma.productionYear.upsert({
      where: { countryId_metal_stage_year_monthFrom_monthTo_sourceId: { countryId: worldId, metal: 'SILVER', stage: 'MINE', year, monthFrom: 1, monthTo: 12, sourceId } },
      create: { countryId: worldId, metal: 'SILVER', stage: 'MINE', year, tonnes: 100 * to, sourceId, isCurrent: true },
      update: { tonnes: 100 * to },
    });
  }
  await prisma.pricePoint.createMany({
    data: Array.from({ length: (to - from) * 10 }, (_, j) => from * 10 + j).flatMap((i) => [
      { metal: 'SILVER' as const, kind: 'SPOT' as const, date: day(i), priceUsdPerOz: 20 + (i % 17), sourceId, isCurrent: true },
      { metal: 'GOLD' as const, kind: 'SPOT' as const, date: day(i), priceUsdPerOz: 1500 + (i % 23), sourceId, isCurrent: true },
    ]),
  });
}

const OPERATIONS = {
  countriesProduction: `{
    countries(first: 100) { totalCount edges { cursor node { iso3
      production(stage: MINE) { year tonnes yoyChange { percent } lowestSince source { name } country { iso3 } } } } } }`,
  countriesProductionFiltered: `{
    countries(first: 100) { edges { node { iso3
      production(stage: MINE, yearFrom: 2016) { year yoyChange { percent } lowestSince } } } } }`,
  countryExports: `{
    country(iso3: "RPT") { name
      exports { year tonnes partner { iso3 } share unitPriceUsdPerOz tonnesYoyChange { percent } valueYoyChange { percent } source { name } } } }`,
  countryExportsFiltered: `{
    country(iso3: "RPT") { exports(year: 2020) { share tonnesYoyChange { percent } } } }`,
  pricePoints: `{
    pricePoints(filter: { metal: SILVER, kind: SPOT }, first: 100) { totalCount edges { node {
      date priceUsdPerOz goldSilverRatio changeSince(date: "2000-01-01") { ratio } source { name } } } } }`,
  countriesProvenance: `{
    countries(first: 100) { edges { node { iso3 productionRank(year: 2020) productionRankOf(year: 2020)
      exportSummary(year: 2020) { totalTonnes totalValueUsd unitPriceUsdPerOz partnerCount namedShare totalBasis isEstimate sources { name } }
      production(stage: MINE) { yoyChange { isEstimate previousSource { name } } } } } } }`,
  countryExportsProvenance: `{
    country(iso3: "RPT") { exports { share shareBasis tonnesYoyChange { isEstimate previousSource { name } } valueYoyChange { isEstimate previousSource { name } } } } }`,
  pricePointsProvenance: `{
    pricePoints(filter: { metal: SILVER, kind: SPOT }, first: 100) { edges { node {
      ratioPrices { metal priceUsdPerOz source { name } } changeSince(date: "2000-01-01") { isEstimate previousSource { name } } } } } }`,
  countriesFigures: `{
    countries(first: 100) { edges { node { iso3
      worldShareFigure(year: 2020) { value isEstimate sources { name } } productionRankFigure(year: 2020) { value isEstimate sources { name } }
      reserveLifeYearsFigure(year: 2020) { value isEstimate sources { name } } } } } }`,
} as const;

/**
 * Exact statements per operation: one per loader level, whatever the number of rows.
 * countriesProduction: countries (with totalCount: the page query counts the whole list in a
 *   column), production, source = 3. The series (yoyChange and
 *   lowestSince) come from the production rows just fetched (no year or fullYearOnly argument, so
 *   each series is complete and primed); country comes from the countries already fetched (primed).
 * countriesProductionFiltered: countries, production, the series = 3: production reads from the
 *   year before yearFrom, so yoyChange needs nothing more; with yearFrom the fetched rows are not
 *   whole series (2015 is missing), so lowestSince's series loader reads them.
 * countryExports: country by iso3, its exports (each with its partner country, joined: `partner`
 *   needs no statement), source = 3. share is computed from the exports just fetched (no partner
 *   argument: every partner of each period is there) with those partner countries; the year-earlier
 *   flows (tonnes and value) are primed from them too (no year argument: every year of each partner
 *   is there).
 * countryExportsFiltered: country, exports of 2020 with their partners (read with 2019's, so the
 *   year-earlier flows need no statement; share tells WLD and aggregates apart by the partners) = 2.
 * pricePoints: prices (with totalCount, as above) together with every price on the same dates and
 *   on the changeSince date (goldSilverRatio and changeSince read them from the primed loader), source = 2.
 * countriesProvenance: countries, the national rows of 2020 (productionRank and productionRankOf
 *   share them), production, the reporters' 2020 flows (exportSummary, one statement for every
 *   country; the partners are the countries already fetched), sources (the summaries' and the
 *   changes' previous sources in one batch) = 5.
 * countryExportsProvenance: country, its exports with their partners (shareBasis tells WLD from
 *   single countries by them), sources of the year-earlier flows = 3.
 * pricePointsProvenance: prices with the prices on the same dates and the changeSince date (one
 *   statement; ratioPrices and changeSince read them), sources = 2.
 * countriesFigures: countries, the countries' 2020 rows (worldShareFigure and reserveLifeYearsFigure
 *   share them), the WLD rows, the national rows (productionRankFigure), reserves, sources (the
 *   figures' in one batch; a later level finds them loaded) = 6.
 */
const EXPECTED: Record<keyof typeof OPERATIONS, number> = {
  countriesProduction: 3,
  countriesProductionFiltered: 3,
  countryExports: 3,
  countryExportsFiltered: 2,
  pricePoints: 2,
  countriesProvenance: 5,
  countryExportsProvenance: 3,
  pricePointsProvenance: 2,
  countriesFigures: 6,
};

/** Statements that do work (Prisma may wrap some in BEGIN/COMMIT; those are not counted). */
const isCounted = (sql: string) => !/^\s*(BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE|DEALLOCATE|SET\b)/i.test(sql);

describe.each(databaseKinds)('SQL statements per request and pagination (%s)', (kind) => {
  let tdb: TestDatabase;
  let run: Run;
  let log: string[] = [];
  let ids: { sourceId: number; reporterId: number; worldId: number };

  beforeAll(async () => {
    tdb = await createTestDatabase(kind, { onQuery: (e) => log.push(e.query) });
    run = runner(tdb.prisma);
    const p = tdb.prisma;
    const source = await p.source.create({ data: { name: 'Synthetic' } });
    const reporter = await p.country.create({ data: { iso3: 'RPT', name: 'Reporter' } });
    const world = await p.country.create({ data: { iso3: 'WLD', name: 'World', isAggregate: true } });
    await p.exportFlow.createMany({
      data: YEARS.map((year) => ({ reporterId: reporter.id, partnerId: world.id, metal: 'SILVER' as const, year, tonnes: 5000, valueUsd: 5e9, sourceId: source.id, isCurrent: true })),
    });
    ids = { sourceId: source.id, reporterId: reporter.id, worldId: world.id };
  });
  afterAll(async () => {
    await tdb?.drop();
  });

  async function measure(query: string): Promise<{ statements: string[]; data: any }> {
    log = [];
    const data = await ok(run, query);
    if (process.env.SHOW_SQL) console.log(log.map((q) => q.slice(0, 160)).join("\n"));
    return { statements: log.filter(isCounted), data };
  }

  const sizes: Array<[number, number]> = [
    [0, 5],
    [5, 50],
  ];
  const counted: Record<string, number[]> = {};

  describe.each(sizes)('with countries %i..%i added', (from, to) => {
    beforeAll(async () => {
      await addCountries(tdb.prisma, from, to, ids.sourceId, ids.reporterId, ids.worldId);
    });

    test.each(Object.keys(OPERATIONS) as Array<keyof typeof OPERATIONS>)('%s', async (name) => {
      const { statements, data } = await measure(OPERATIONS[name]);
      (counted[name] ??= []).push(statements.length);
      // The data really grows with the size...
      if (name === 'countriesProduction') {
        expect(data.countries.totalCount).toBe(to + 2);
        const rows = data.countries.edges.flatMap((e: any) => e.node.production);
        expect(rows).toHaveLength(10 * to + 10);
        expect(rows.filter((r: any) => r.yoyChange).length).toBe(9 * to + 9);
      }
      if (name === 'countriesProductionFiltered') {
        const rows = data.countries.edges.flatMap((e: any) => e.node.production);
        expect(rows).toHaveLength(9 * to + 9);
        expect(rows.filter((r: any) => r.yoyChange).length).toBe(9 * to + 9); // 2016 still compares with 2015
      }
      if (name === 'countryExports') expect(data.country.exports).toHaveLength(10 * to + 10);
      if (name === 'countryExportsFiltered') {
        expect(data.country.exports).toHaveLength(to + 1);
        expect(data.country.exports.every((f: any) => f.tonnesYoyChange && f.share != null)).toBe(true);
      }
      if (name === 'pricePoints') expect(data.pricePoints.edges).toHaveLength(Math.min(100, 10 * to));
      if (name === 'countriesProvenance') {
        const nodes = data.countries.edges.map((e: any) => e.node);
        const rpt = nodes.find((n: any) => n.iso3 === 'RPT');
        expect(rpt.exportSummary).toMatchObject({ totalTonnes: 5000, partnerCount: to, totalBasis: 'REPORTER_WORLD_TOTAL', sources: [{ name: 'Synthetic' }] });
        const ranked = nodes.filter((n: any) => n.productionRank != null);
        expect(ranked).toHaveLength(to);
        expect(ranked.every((n: any) => n.productionRankOf === to)).toBe(true);
        const changes = nodes.flatMap((n: any) => n.production.map((r: any) => r.yoyChange).filter(Boolean));
        expect(changes).toHaveLength(9 * to + 9);
        expect(changes.every((c: any) => c.previousSource.name === 'Synthetic' && c.isEstimate === false)).toBe(true);
      }
      if (name === 'countryExportsProvenance') {
        expect(data.country.exports).toHaveLength(10 * to + 10);
        expect(data.country.exports.every((f: any) => f.shareBasis === 'REPORTER_WORLD_TOTAL')).toBe(true);
      }
      if (name === 'pricePointsProvenance') {
        const nodes = data.pricePoints.edges.map((e: any) => e.node);
        expect(nodes).toHaveLength(Math.min(100, 10 * to));
        expect(nodes.every((n: any) => n.ratioPrices.map((p: any) => p.metal).join() === 'GOLD,SILVER' && n.ratioPrices[0].source.name === 'Synthetic')).toBe(true);
      }
      if (name === 'countriesFigures') {
        const nodes = data.countries.edges.map((e: any) => e.node);
        const shares = nodes.map((n: any) => n.worldShareFigure).filter((f: any) => f.value != null);
        expect(shares).toHaveLength(to + 1); // WLD's own share is 1
        expect(shares.every((f: any) => f.isEstimate === false && f.sources.map((x: any) => x.name).join() === 'Synthetic')).toBe(true);
        const ranks = nodes.map((n: any) => n.productionRankFigure).filter((f: any) => f.value != null);
        expect(ranks).toHaveLength(to);
        expect(ranks.every((f: any) => f.sources.map((x: any) => x.name).join() === 'Synthetic')).toBe(true);
        expect(nodes.every((n: any) => n.reserveLifeYearsFigure.value == null)).toBe(true); // no reserves stored
      }
      // ...while the statements do not.
      if (statements.length !== EXPECTED[name]) {
        throw new Error(`${name}: expected ${EXPECTED[name]} statements, got ${statements.length}:\n${statements.join('\n')}`);
      }
    });
  });

  test('the counts are equal at both sizes', () => {
    for (const name of Object.keys(OPERATIONS)) expect(counted[name]).toEqual([EXPECTED[name as keyof typeof OPERATIONS], EXPECTED[name as keyof typeof OPERATIONS]]);
  });

  test('a page of compared prices carries its total in its one statement, also when it is empty', async () => {
    const silver = await tdb.prisma.pricePoint.count({ where: { metal: 'SILVER', kind: 'SPOT', isCurrent: true } });
    for (const [range, count] of [['dateFrom: "1900-01-01"', silver], ['dateFrom: "2099-01-01"', 0]] as const) {
      const { statements, data } = await measure(`{ pricePoints(filter: { metal: SILVER, kind: SPOT, ${range} }, first: 100) { totalCount edges { node { goldSilverRatio } } } }`);
      expect(data.pricePoints.totalCount).toBe(count);
      expect(data.pricePoints.edges).toHaveLength(Math.min(count, 100));
      expect(statements).toHaveLength(1);
    }
  });

  describe('pagination (52 countries, 510 production rows)', () => {
    test('default page is 20, with totalCount and pageInfo', async () => {
      const data = await ok(run, `{ productionYears { totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor node { id } } } }`);
      const c = data.productionYears;
      expect(c.totalCount).toBe(510);
      expect(c.edges).toHaveLength(20);
      expect(c.pageInfo.hasNextPage).toBe(true);
      expect(c.pageInfo.hasPreviousPage).toBe(false);
      expect(c.pageInfo.startCursor).toBe(c.edges[0].cursor);
      expect(c.pageInfo.endCursor).toBe(c.edges[19].cursor);
    });

    test('first: 100 is the maximum; cursors walk every row exactly once, in order', async () => {
      const seen: string[] = [];
      let after: string | null = null;
      let pages = 0;
      for (;;) {
        const data: any = await ok(
          run,
          `query($after: String) { productionYears(first: 100, after: $after) { pageInfo { hasNextPage hasPreviousPage endCursor } edges { node { id year country { iso3 } } } } }`,
          { after },
        );
        const c = data.productionYears;
        expect(c.pageInfo.hasPreviousPage).toBe(pages > 0);
        expect(c.edges.length).toBeLessThanOrEqual(100);
        seen.push(...c.edges.map((e: any) => `${e.node.country.iso3} ${e.node.year} ${e.node.id}`));
        pages++;
        if (!c.pageInfo.hasNextPage) break;
        after = c.pageInfo.endCursor;
      }
      expect(pages).toBe(6);
      expect(seen).toHaveLength(510);
      expect(new Set(seen).size).toBe(510);
      const keys = seen.map((s) => s.split(' ').slice(0, 2).join(' '));
      expect(keys).toEqual([...keys].sort()); // by country code, then year
    });

    test('cursors are opaque and the last page is empty-safe', async () => {
      const first = await ok(run, `{ countries(first: 2) { edges { cursor node { iso3 } } pageInfo { endCursor } } }`);
      expect(first.countries.edges[0].cursor).not.toMatch(/^\d+$/);
      const rest = await ok(run, `query($a: String) { countries(first: 100, after: $a) { totalCount edges { node { iso3 } } pageInfo { hasNextPage endCursor } } }`, {
        a: first.countries.pageInfo.endCursor,
      });
      expect(rest.countries.edges).toHaveLength(50);
      expect(rest.countries.totalCount).toBe(52);
      expect(rest.countries.pageInfo.hasNextPage).toBe(false);
      // After the last row: an empty page.
      const past = await ok(run, `query($a: String) { countries(after: $a) { edges { cursor } pageInfo { hasNextPage startCursor endCursor } } }`, {
        a: rest.countries.pageInfo.endCursor,
      });
      expect(past.countries).toEqual({ edges: [], pageInfo: { hasNextPage: false, startCursor: null, endCursor: null } });
    });

    test.each([
      ['productionYears', '', 'production_years'],
      ['exportFlows', '', 'export_flows'],
      ['pricePoints', 'filter: { metal: SILVER }, ', "price_points WHERE metal = 'SILVER' AND"],
    ])('%s: the totalCount a page query carries is the whole list, also after a cursor', async (field, filter, from) => {
      const [{ n }] = await tdb.prisma.$queryRawUnsafe<Array<{ n: number }>>(`SELECT count(*)::int AS n FROM ${from.includes('WHERE') ? from : `${from} WHERE`} is_current`);
      expect(n).toBeGreaterThan(3);
      const first = await measure(`{ ${field}(${filter}first: 2) { totalCount pageInfo { endCursor } } }`);
      expect(first.statements).toHaveLength(1);
      expect(first.data[field].totalCount).toBe(n);
      const next = await ok(run, `{ ${field}(${filter}first: 2, after: ${JSON.stringify(first.data[field].pageInfo.endCursor)}) { totalCount } }`);
      expect(next[field].totalCount).toBe(n);
    });

    test('totalCount is counted by the page query itself when asked for; an empty page counts with a statement of its own', async () => {
      const plain = await measure(`{ countries(first: 3) { edges { node { iso3 } } } }`);
      expect(plain.statements).toHaveLength(1);
      expect(plain.statements[0]).not.toMatch(/count\(\*\)/);
      const counted = await measure(`{ countries(first: 3) { totalCount edges { node { iso3 } } } }`);
      expect(counted.statements).toHaveLength(1);
      expect(counted.statements[0]).toMatch(/count\(\*\)/);
      const all = await ok(run, `{ countries(first: 100) { edges { cursor } } }`);
      const total = all.countries.edges.length;
      expect(counted.data.countries.totalCount).toBe(total);
      // After a cursor, asked through a fragment: still the whole list, not what follows the cursor.
      const after = await measure(
        `{ countries(first: 2, after: ${JSON.stringify(all.countries.edges[9].cursor)}) { ...Total edges { node { iso3 } } } } fragment Total on CountryConnection { totalCount }`,
      );
      expect(after.statements).toHaveLength(1);
      expect(after.data.countries.totalCount).toBe(total);
      // Past the last row no row carries the count: it takes a statement of its own.
      const past = await measure(`{ countries(after: ${JSON.stringify(all.countries.edges[total - 1].cursor)}) { totalCount edges { node { iso3 } } } }`);
      expect(past.data.countries).toEqual({ totalCount: total, edges: [] });
      expect(past.statements).toHaveLength(2);
    });
  });
});
