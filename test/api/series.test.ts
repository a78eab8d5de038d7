// Series through the API on the seeded real dataset (docs/domain.md "Series, frequencies and
// transforms"), on every database kind: the documented examples, aggregation in SQL (one statement,
// one row per period), transforms reaching before the range, units, as of, and refusals.
import type { QueryEvent } from '../../src/db';
import { databaseKinds, type TestDatabase } from '../helpers/db';
import { createSeededTestDatabase } from '../helpers/seed';
import { ok, runner, type Run } from './graphql';

const isCounted = (sql: string) => !/^\s*(BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE|DEALLOCATE|SET\b)/i.test(sql);

describe.each(databaseKinds)('series (%s)', (kind) => {
  let tdb: TestDatabase;
  let run: Run;
  let log: QueryEvent[] = [];

  beforeAll(async () => {
    tdb = await createSeededTestDatabase(kind, { onQuery: (e) => log.push(e) });
    run = runner(tdb.prisma);
  });
  afterAll(async () => {
    await tdb?.drop();
  });

  async function measured(query: string, variables?: Record<string, unknown>) {
    log = [];
    const data = await ok(run, query, variables);
    return { data, statements: log.map((e) => e.query).filter(isCounted) };
  }

  test('the monthly gold/silver ratio since 1960: peak 111.73 in 2020-04, low 16.70 in 1968-06; one statement', async () => {
    const { data, statements } = await measured(`{ ratioSeries(kind: MONTHLY_AVERAGE, dateFrom: "1960-01-01") {
      frequency aggregation units observations { date value count isEstimate } stats { count min { date value } max { date value } mean median p10 p90 }
      sources { name } } }`);
    const s = data.ratioSeries;
    expect([s.frequency, s.aggregation, s.units]).toEqual(['MONTHLY', 'AVERAGE', 'LEVEL']);
    expect(s.observations[0].date).toBe('1960-01-01');
    expect(s.observations).toHaveLength(s.stats.count);
    expect(s.observations.every((o: any) => o.count === 2)).toBe(true); // one gold and one silver monthly average
    expect(s.stats.max.date).toBe('2020-04-01');
    expect(s.stats.max.value).toBeCloseTo(111.73, 2);
    expect(s.stats.min.date).toBe('1968-06-01');
    expect(s.stats.min.value).toBeCloseTo(16.7, 2);
    expect(s.stats.p10).toBeLessThan(s.stats.median);
    expect(s.stats.median).toBeLessThan(s.stats.p90);
    expect(s.sources.map((x: any) => x.name)).toEqual([expect.stringMatching(/World Bank/)]);
    expect(statements).toHaveLength(2); // the periods, then the sources
  });

  test("the mean of 2024's monthly silver averages is 28.2692; annual AVERAGE of the months gives the same", async () => {
    const data = await ok(
      run,
      `{ monthly: priceSeries(metal: SILVER, kind: MONTHLY_AVERAGE, dateFrom: "2024-01-01", dateTo: "2024-12-31") { observations { date } stats { count mean } }
         annual: priceSeries(metal: SILVER, kind: MONTHLY_AVERAGE, dateFrom: "2024-01-01", dateTo: "2024-12-31", frequency: ANNUAL) { observations { date value count } } }`,
    );
    expect(data.monthly.stats.count).toBe(12);
    expect(data.monthly.stats.mean).toBeCloseTo(28.2692, 4);
    expect(data.annual.observations).toEqual([{ date: '2024-01-01', value: expect.any(Number), count: 12 }]);
    expect(data.annual.observations[0].value).toBeCloseTo(28.2692, 4);
  });

  test('the monthly silver average for 2026-01 is 92.062; per gram and per kilogram through price(unit)', async () => {
    const data = await ok(
      run,
      `{ priceSeries(metal: SILVER, kind: MONTHLY_AVERAGE, dateFrom: "2026-01-15", dateTo: "2026-01-20") { observations { date value count } }
         pricePoints(filter: { metal: SILVER, kind: MONTHLY_AVERAGE, dateFrom: "2026-01-01", dateTo: "2026-01-01" }) {
           edges { node { priceUsdPerOz g: price(unit: USD_PER_GRAM) kg: price(unit: USD_PER_KILOGRAM) oz: price(unit: USD_PER_TROY_OUNCE) } } } }`,
    );
    // A date inside a month selects that whole month.
    expect(data.priceSeries.observations).toEqual([{ date: '2026-01-01', value: 92.062, count: 1 }]);
    const [{ node }] = data.pricePoints.edges;
    expect(node.oz).toBe(92.062);
    expect(node.g).toBe(2.959862); // 92.062 / 31.1034768 = 2.9598620306..., a level: 6 decimal places
    expect(node.kg).toBeCloseTo((92.062 * 1000) / 31.1034768, 6);
  });

  test('percent change from a year ago, monthly: the first months of the range use months before it', async () => {
    const data = await ok(
      run,
      `{ pct: priceSeries(metal: SILVER, kind: MONTHLY_AVERAGE, dateFrom: "2025-01-01", dateTo: "2025-03-31", units: PERCENT_CHANGE_FROM_YEAR_AGO) { units observations { date value } } }`,
    );
    // data/prices.csv (World Bank Pink Sheet, the only source of these months), silver monthly averages:
    //   2024-01 22.916, 2024-02 22.657, 2024-03 24.518; 2025-01 30.411, 2025-02 32.152, 2025-03 33.188.
    // Percentages, 4 decimal places (python decimal, 50 digits):
    //   100 * (30.411 / 22.916 - 1) = 32.70640600453... -> 32.7064
    //   100 * (32.152 / 22.657 - 1) = 41.90757823189... -> 41.9076
    //   100 * (33.188 / 24.518 - 1) = 35.36177502243... -> 35.3618
    // The range holds no 2024 month: the year-ago levels come from before it.
    expect(data.pct.units).toBe('PERCENT_CHANGE_FROM_YEAR_AGO');
    expect(data.pct.observations).toEqual([
      { date: '2025-01-01', value: 32.7064 },
      { date: '2025-02-01', value: 41.9076 },
      { date: '2025-03-01', value: 35.3618 },
    ]);
  });

  test('annual ratio from monthly averages: the mean of the twelve monthly ratios; 66 years in one statement', async () => {
    const { data, statements } = await measured(`{ ratioSeries(kind: MONTHLY_AVERAGE, frequency: ANNUAL, dateFrom: "1960-01-01", dateTo: "2025-12-31") {
      observations { date value count } } }`);
    const obs = data.ratioSeries.observations;
    expect(obs).toHaveLength(66);
    expect(obs[0]).toMatchObject({ date: '1960-01-01', count: 24 });
    expect(statements).toHaveLength(1);
    // 2024's twelve gold/silver ratios of data/prices.csv (2033.99 / 22.916, ...) average 84.69811165905...,
    // not 84.46, the ratio of the two annual means.
    const y2024 = obs.find((o: any) => o.date === '2024-01-01');
    expect(y2024.value).toBe(84.69811166);
  });

  test('aggregations over the SPOT points: END_OF_PERIOD, MIN, MAX, SUM; a period with one point', async () => {
    const q = (aggregation: string) =>
      `${aggregation}: priceSeries(metal: SILVER, kind: SPOT, frequency: MONTHLY, aggregation: ${aggregation}, dateFrom: "2026-01-01", dateTo: "2026-01-31", includeIncomplete: true) { aggregation observations { date value count isEstimate } }`;
    const data = await ok(run, `{ ${['AVERAGE', 'END_OF_PERIOD', 'MIN', 'MAX', 'SUM'].map(q).join('\n')} }`);
    // January 2026 SPOT silver: 72.8 (2026-01-01) and 85.7 (2026-01-12).
    expect(data.AVERAGE.observations).toEqual([{ date: '2026-01-01', value: 79.25, count: 2, isEstimate: false }]);
    expect(data.END_OF_PERIOD.observations[0].value).toBe(85.7);
    expect(data.MIN.observations[0].value).toBe(72.8);
    expect(data.MAX.observations[0].value).toBe(85.7);
    expect(data.SUM.observations[0].value).toBeCloseTo(158.5, 10);
    const gold = await ok(run, `{ priceSeries(metal: GOLD, kind: SPOT, dateFrom: "2025-01-01", dateTo: "2025-01-01") { frequency observations { date value count isEstimate } sources { name } } }`);
    expect(gold.priceSeries.frequency).toBe('DAILY');
    expect(gold.priceSeries.observations).toEqual([{ date: '2025-01-01', value: 2795.09, count: 1, isEstimate: true }]);
  });

  test("Kazakhstan's mine production as a series: kilograms, percent change, as of the article's date", async () => {
    const data = await ok(
      run,
      `{ now: country(iso3: "KAZ") { productionSeries(yearFrom: 2024, yearTo: 2024, unit: KILOGRAMS) { frequency observations { date value isEstimate } sources { name } }
           pct: productionSeries(yearFrom: 2024, yearTo: 2025, units: PERCENT_CHANGE) { observations { date value } } }
         then: country(iso3: "KAZ", asOf: "2026-01-15") { productionSeries(yearFrom: 2024, yearTo: 2024, unit: TROY_OUNCES) { observations { value isEstimate } sources { name } } } }`,
    );
    expect(data.now.productionSeries.frequency).toBe('ANNUAL');
    expect(data.now.productionSeries.observations).toEqual([{ date: '2024-01-01', value: 850_000, isEstimate: false }]);
    expect(data.now.productionSeries.sources.map((s: any) => s.name)).toEqual(['USGS Mineral Commodity Summaries 2026']);
    expect(data.now.pct.observations.map((o: any) => o.date)).toEqual(['2024-01-01', '2025-01-01']);
    expect(data.now.pct.observations[1].value).toBe(-25.8824); // 100 x (630 / 850 - 1) = -25.88235...
    expect(data.then.productionSeries.observations).toEqual([{ value: 32_150_746.6, isEstimate: true }]); // 1,000 t (MCS 2025) in troy ounces
    expect(data.then.productionSeries.sources.map((s: any) => s.name)).toEqual(['USGS Mineral Commodity Summaries 2025']);
  });

  test('as of a date before any publication: no observations, empty stats', async () => {
    const data = await ok(run, `{ priceSeries(metal: SILVER, kind: MONTHLY_AVERAGE, asOf: "1950-01-01") { observations { date } stats { count mean min { date } } sources { name } } }`);
    expect(data.priceSeries).toEqual({ observations: [], stats: { count: 0, mean: null, min: null }, sources: [] });
  });

  test('refusals name the argument and what is accepted', async () => {
    const res = await run(`{ priceSeries(metal: SILVER, kind: MONTHLY_AVERAGE, frequency: DAILY) { units } }`);
    expect(res.errors?.[0].message).toBe(
      'Argument "frequency": MONTHLY_AVERAGE prices are stored MONTHLY; a series can be aggregated to MONTHLY, QUARTERLY, ANNUAL, not split into DAILY.',
    );
    expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const range = await run(`{ priceSeries(metal: SILVER, kind: SPOT, dateFrom: "2026-01-02", dateTo: "2026-01-01") { units } }`);
    expect(range.errors?.[0].message).toBe('Argument "dateFrom" ("2026-01-02") must not be after "dateTo" ("2026-01-01").');
    const same = await run(`{ ratioSeries(numerator: GOLD, denominator: GOLD, kind: SPOT) { units } }`);
    expect(same.errors?.[0].message).toMatch(/"numerator" and "denominator" must be different metals/);
    const units = await run(`{ priceSeries(metal: SILVER, kind: SPOT, units: PERCENT) { units } }`);
    expect(units.errors?.[0].message).toMatch(/Units must be one of LEVEL, CHANGE, .*NATURAL_LOG, got PERCENT/);
  });

  test('amount(unit) on production rows and flows', async () => {
    const data = await ok(
      run,
      `{ country(iso3: "KAZ") { production(stage: REFINED, yearFrom: 2024, yearTo: 2024, fullYearOnly: true) { tonnes kg: amount(unit: KILOGRAMS) moz: amount(unit: MILLION_TROY_OUNCES) t: amount(unit: TONNES) }
         exports(partnerIso3: "GBR") { tonnes oz: amount(unit: TROY_OUNCES) } } }`,
    );
    const [row] = data.country.production;
    expect(row).toEqual({ tonnes: 697.5, kg: 697_500, moz: expect.any(Number), t: 697.5 });
    expect(row.moz).toBe(22.425146); // 697.5 x 32150.7466 / 1e6 = 22.42514575..., 6 decimal places
    const [flow] = data.country.exports;
    expect(flow.oz).toBeCloseTo(242.4 * 32150.7466, 6);
  });
});
