// Editions, revisions and "as of" through the API (docs/domain.md), on the seeded real dataset,
// on every database kind: current values by the rule, every revision of an observation, and answers
// as of a date (nested and computed fields included).
import { databaseKinds, type TestDatabase } from '../helpers/db';
import { createSeededTestDatabase } from '../helpers/seed';
import { ok, runner, type Run } from './graphql';

const MINE_2024 = `production(stage: MINE, yearFrom: 2024, yearTo: 2024) { year tonnes isEstimate isDerived isCurrent source { name publishedOn } }`;

describe.each(databaseKinds)('revisions and as of (%s)', (kind) => {
  let tdb: TestDatabase;
  let run: Run;

  beforeAll(async () => {
    tdb = await createSeededTestDatabase(kind);
    run = runner(tdb.prisma);
  });
  afterAll(async () => {
    await tdb?.drop();
  });

  test('Kazakhstan mine silver 2024: current 850 t (MCS 2026); revisions 1,000 t (MCS 2025, estimate) then 850 t', async () => {
    const data = await ok(
      run,
      `{ country(iso3: "KAZ") { production(stage: MINE, yearFrom: 2024, yearTo: 2024) {
          tonnes isCurrent source { name } revisions { tonnes isEstimate isCurrent source { name publishedOn } } } } }`,
    );
    const [row] = data.country.production;
    expect(row.tonnes).toBe(850);
    expect(row.isCurrent).toBe(true);
    expect(row.source.name).toMatch(/2026/);
    expect(row.revisions.map((r: any) => [r.tonnes, r.isEstimate, r.isCurrent])).toEqual([
      [1000, true, false],
      [850, false, true],
    ]);
    expect(row.revisions[0].source.name).toMatch(/2025/);
  });

  test('as of 2026-01-15 Kazakhstan 2024 is 1,000 t (the MCS 2025 estimate), and its world share is computed as of then too', async () => {
    const data = await ok(
      run,
      `{ country(iso3: "KAZ", asOf: "2026-01-15") { ${MINE_2024} worldShare(year: 2024) }
         now: country(iso3: "KAZ") { ${MINE_2024} worldShare(year: 2024) } }`,
    );
    expect(data.country.production.map((r: any) => r.tonnes)).toEqual([1000]);
    expect(data.country.production[0].isCurrent).toBe(false);
    expect(data.now.production.map((r: any) => r.tonnes)).toEqual([850]);
    // Shares are ratios, 10 significant digits (data/production.csv, KAZ and WLD silver MINE 2024):
    // now 850 / 25,300 (MCS 2026) = 0.0335968379446... -> 0.03359683794;
    // as of 2026-01-15 1,000 / 25,000 (MCS 2025) = 0.04.
    expect(data.now.worldShare).toBe(0.03359683794);
    expect(data.country.worldShare).toBe(0.04);
  });

  test('as of a publication date the edition counts, one day before it does not (MCS 2025: 2025-01-31, MCS 2026: 2026-02-28)', async () => {
    const q = (alias: string, asOf: string) =>
      `${alias}: country(iso3: "KAZ", asOf: "${asOf}") { production(stage: MINE, yearFrom: 2024, yearTo: 2024) { tonnes isEstimate source { name } } }`;
    const data = await ok(run, `{ ${q('before2025', '2025-01-30')} ${q('on2025', '2025-01-31')} ${q('before2026', '2026-02-27')} ${q('on2026', '2026-02-28')} }`);
    // data/production.csv, KAZ silver MINE 2024: 1,000 t estimated (MCS 2025), 850 t (MCS 2026); MCS 2024 has no 2024.
    expect(data.before2025.production).toEqual([]);
    expect(data.on2025.production).toEqual([{ tonnes: 1000, isEstimate: true, source: { name: 'USGS Mineral Commodity Summaries 2025' } }]);
    expect(data.before2026.production).toEqual([{ tonnes: 1000, isEstimate: true, source: { name: 'USGS Mineral Commodity Summaries 2025' } }]);
    expect(data.on2026.production).toEqual([{ tonnes: 850, isEstimate: false, source: { name: 'USGS Mineral Commodity Summaries 2026' } }]);
  });

  test('world mine silver 2023: revisions 26,000 (MCS 2024, estimate), 25,500 (MCS 2025), 26,595.745 (derived estimate); current 25,500', async () => {
    const data = await ok(
      run,
      `{ country(iso3: "WLD") { production(stage: MINE, yearFrom: 2023, yearTo: 2024) {
          year tonnes revisions { tonnes isEstimate isDerived source { name } } } } }`,
    );
    const byYear = Object.fromEntries(data.country.production.map((r: any) => [r.year, r]));
    expect(byYear[2023].tonnes).toBe(25500);
    const revisions = byYear[2023].revisions.map((r: any) => [r.tonnes, r.isEstimate, r.isDerived]);
    expect(revisions).toEqual(expect.arrayContaining([[26000, true, false], [25500, false, false], [26595.745, true, true]]));
    expect(revisions).toHaveLength(3);
    expect(byYear[2024].tonnes).toBe(25300);
  });

  test('yoyChange as of a date compares with the year before as of that date', async () => {
    const data = await ok(
      run,
      `{ asOf: country(iso3: "WLD", asOf: "2025-06-30") { production(stage: MINE, yearFrom: 2024, yearTo: 2024) { tonnes yoyChange { previous percent } } }
         now: country(iso3: "WLD") { production(stage: MINE, yearFrom: 2024, yearTo: 2024) { tonnes yoyChange { previous percent } } } }`,
    );
    expect(data.asOf.production[0]).toMatchObject({ tonnes: 25000, yoyChange: { previous: 25500 } });
    expect(data.now.production[0]).toMatchObject({ tonnes: 25300, yoyChange: { previous: 25500 } });
    // Percentages, 4 decimal places: 100 * (25,300 / 25,500 - 1) = -0.784313725... -> -0.7843;
    // as of 2025-06-30: 100 * (25,000 / 25,500 - 1) = -1.960784313... -> -1.9608.
    expect(data.now.production[0].yoyChange.percent).toBe(-0.7843);
    expect(data.asOf.production[0].yoyChange.percent).toBe(-1.9608);
  });

  test('as of a date before any publication: empty lists and null figures, not errors', async () => {
    const data = await ok(
      run,
      `{ country(iso3: "KAZ", asOf: "1900-01-01") { name production { tonnes } exports { tonnes } worldShare(year: 2024) reserves { tonnes } }
         productionYears(filter: { asOf: "1900-01-01" }) { totalCount edges { node { tonnes } } }
         pricePoints(filter: { metal: SILVER, asOf: "1900-01-01" }) { totalCount } }`,
    );
    expect(data.country).toEqual({ name: 'Kazakhstan', production: [], exports: [], worldShare: null, reserves: null });
    expect(data.productionYears).toEqual({ totalCount: 0, edges: [] });
    expect(data.pricePoints.totalCount).toBe(0);
  });

  test('prices: 794 monthly silver averages; 2026-01 silver 92.062 and the ratio that month; annual averages since 1960', async () => {
    const data = await ok(
      run,
      `{ monthly: pricePoints(filter: { metal: SILVER, kind: MONTHLY_AVERAGE }) { totalCount }
         gold: pricePoints(filter: { metal: GOLD, kind: MONTHLY_AVERAGE }) { totalCount }
         annual: pricePoints(filter: { metal: SILVER, kind: ANNUAL_AVERAGE }) { totalCount edges { node { date } } }
         jan: pricePoints(filter: { metal: SILVER, kind: MONTHLY_AVERAGE, dateFrom: "2026-01-01", dateTo: "2026-01-01" }) {
           edges { node { priceUsdPerOz goldSilverRatio isCurrent revisions { priceUsdPerOz } source { name licence publishedOn } } } } }`,
    );
    expect(data.monthly.totalCount).toBe(794);
    expect(data.gold.totalCount).toBe(794);
    expect(data.annual.totalCount).toBe(66);
    expect(data.annual.edges[0].node.date).toBe('1960-01-01');
    const jan = data.jan.edges[0].node;
    expect(jan.priceUsdPerOz).toBe(92.062);
    expect(jan.isCurrent).toBe(true);
    expect(jan.revisions).toHaveLength(1);
    expect(jan.source.licence).toMatch(/CC BY 4\.0/);
    expect(jan.source.publishedOn).toBe('2026-03-03');
    // data/prices.csv, MONTHLY_AVERAGE 2026-01-01: gold 4752.75, silver 92.062 (World Bank Pink Sheet);
    // a ratio, 10 significant digits: 4752.75 / 92.062 = 51.6255349655666... -> 51.62553497.
    expect(jan.goldSilverRatio).toBe(51.62553497);
  });

  test('reserves: the latest edition, or as of a date; reserveLifeYears divides by that year\'s mine output', async () => {
    const data = await ok(
      run,
      `{ now: country(iso3: "MEX") { reserves { tonnes isEstimate source { name } } reserveLifeYears(year: 2024)
           production(stage: MINE, yearFrom: 2024, yearTo: 2024) { tonnes } }
         then: country(iso3: "MEX", asOf: "2025-06-30") { reserves { tonnes source { name } } } }`,
    );
    expect(data.now.reserves.source.name).toMatch(/2026/);
    expect(data.then.reserves.source.name).toMatch(/2025/);
    // data/reserves.csv: MEX silver 37,000 t in MCS 2025 and in MCS 2026; data/production.csv: MEX silver
    // MINE 2024 current 5,780 t (MCS 2026; the MCS 2025 estimate was 6,300 t). A ratio, 10 significant
    // digits: 37,000 / 5,780 = 6.40138408304498... -> 6.401384083.
    expect(data.now.reserves.tonnes).toBe(37000);
    expect(data.now.reserves.isEstimate).toBe(false);
    expect(data.now.production.map((p: any) => p.tonnes)).toEqual([5780]);
    expect(data.now.reserveLifeYears).toBe(6.401384083);
    expect(data.then.reserves.tonnes).toBe(37000);
  });
});
