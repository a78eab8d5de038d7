// Series at their edges (docs/domain.md "Complete periods", "Exact figures", "Series"), on every
// database kind. Every expected value is worked by hand from data/prices.csv and
// data/production.csv (decimal arithmetic), not read from the service.
import { databaseKinds, type TestDatabase } from '../helpers/db';
import { createSeededTestDatabase } from '../helpers/seed';
import { ok, runner, type Run } from './graphql';

describe.each(databaseKinds)('series at the edges (%s)', (kind) => {
  let tdb: TestDatabase;
  let run: Run;

  beforeAll(async () => {
    tdb = await createSeededTestDatabase(kind);
    run = runner(tdb.prisma);
  });
  afterAll(async () => {
    await tdb?.drop();
  });

  describe('ratio aggregates are aggregates of the ratio on each date', () => {
    // 2020's monthly gold/silver ratios: highest April (1683.17 / 15.065 = 111.72718221...), lowest
    // August (1968.63 / 27.003 = 72.9041217642...), December 74.4320730535...; mean of the twelve 88.7964613003...
    test.each([
      ['MAX', 111.7271822],
      ['MIN', 72.90412176],
      ['END_OF_PERIOD', 74.43207305],
      ['AVERAGE', 88.7964613],
    ])('%s over 2020 = %p (10 significant digits)', async (aggregation, expected) => {
      const data = await ok(
        run,
        `{ ratioSeries(kind: MONTHLY_AVERAGE, frequency: ANNUAL, aggregation: ${aggregation}, dateFrom: "2020-01-01", dateTo: "2020-12-31") {
          aggregation observations { date value count isComplete } } }`,
      );
      expect(data.ratioSeries.observations).toEqual([{ date: '2020-01-01', value: expected, count: 24, isComplete: true }]);
    });

    test('SUM of ratios is refused, naming the argument', async () => {
      const res = await run(`{ ratioSeries(kind: MONTHLY_AVERAGE, frequency: ANNUAL, aggregation: SUM) { observations { value } } }`);
      expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      expect(res.errors?.[0].message).toMatch(/"aggregation".*AVERAGE, MIN, MAX or END_OF_PERIOD/);
    });
  });

  describe('complete periods', () => {
    test('SPOT silver by month: both months with SPOT prices are partial, so none by default (ONLY_INCOMPLETE)', async () => {
      const data = await ok(
        run,
        `{ d: priceSeries(metal: SILVER, kind: SPOT, frequency: MONTHLY) { observations { date } emptyReason dataFrom dataTo stats { count mean } }
           all: priceSeries(metal: SILVER, kind: SPOT, frequency: MONTHLY, includeIncomplete: true) { observations { date value count isComplete } emptyReason } }`,
      );
      expect(data.d).toEqual({ observations: [], emptyReason: 'ONLY_INCOMPLETE', dataFrom: '2025-01-01', dataTo: '2026-01-01', stats: { count: 0, mean: null } });
      // 2025-01-01 31.3; 2026-01-01 72.8 and 2026-01-12 85.7: (72.8 + 85.7) / 2 = 79.25.
      expect(data.all).toEqual({
        observations: [
          { date: '2025-01-01', value: 31.3, count: 1, isComplete: false },
          { date: '2026-01-01', value: 79.25, count: 2, isComplete: false },
        ],
        emptyReason: null,
      });
    });

    test('monthly averages to years: 2026 has January and February only', async () => {
      const data = await ok(
        run,
        `{ d: priceSeries(metal: SILVER, kind: MONTHLY_AVERAGE, frequency: ANNUAL, dateFrom: "2025-01-01") { observations { date isComplete } }
           all: priceSeries(metal: SILVER, kind: MONTHLY_AVERAGE, frequency: ANNUAL, dateFrom: "2026-01-01", includeIncomplete: true) { observations { date value count isComplete } } }`,
      );
      expect(data.d.observations).toEqual([{ date: '2025-01-01', isComplete: true }]);
      // (92.062 + 81.946) / 2 = 87.004
      expect(data.all.observations).toEqual([{ date: '2026-01-01', value: 87.004, count: 2, isComplete: false }]);
    });

    test('a year-ago change of a two-month quarter against a whole one is null, flagged', async () => {
      const data = await ok(
        run,
        `{ s: priceSeries(metal: SILVER, kind: MONTHLY_AVERAGE, frequency: QUARTERLY, units: PERCENT_CHANGE_FROM_YEAR_AGO, dateFrom: "2025-10-01", includeIncomplete: true) {
          observations { date value count isComplete } } }`,
      );
      expect(data.s.observations).toHaveLength(2);
      expect(data.s.observations[1]).toEqual({ date: '2026-01-01', value: null, count: 2, isComplete: false });
      expect(data.s.observations[0]).toMatchObject({ date: '2025-10-01', count: 3, isComplete: true });
      expect(data.s.observations[0].value).not.toBeNull();
    });

    test("Kazakhstan's refined silver: 2025 has January-November only; its change against the whole of 2024 is null", async () => {
      const data = await ok(
        run,
        `{ country(iso3: "KAZ") {
            d: productionSeries(stage: REFINED) { observations { date value isComplete } }
            all: productionSeries(stage: REFINED, includeIncomplete: true) { observations { date value isComplete } }
            pct: productionSeries(stage: REFINED, includeIncomplete: true, units: PERCENT_CHANGE) { observations { date value } } } }`,
      );
      const c = data.country;
      expect(c.d.observations).toEqual([
        { date: '2023-01-01', value: 885.152, isComplete: true },
        { date: '2024-01-01', value: 697.5, isComplete: true },
      ]);
      expect(c.all.observations).toEqual([...c.d.observations, { date: '2025-01-01', value: 567.5, isComplete: false }]);
      // 100 x (697.5 / 885.152 - 1) = -21.19997469... to 4 decimal places: -21.2
      expect(c.pct.observations).toEqual([
        { date: '2023-01-01', value: null },
        { date: '2024-01-01', value: -21.2 },
        { date: '2025-01-01', value: null },
      ]);
    });
  });

  describe('the daily rule: no run of more than 4 days without a price', () => {
    // Synthetic PLATINUM SPOT prices of 2091 (no other data has platinum SPOT prices), all 1000:
    // March: every day but the 10th..13th (4 days: complete); April: every day but the 10th..14th (5: not);
    // May: the 5th..27th (4 days missing at each end: complete); June: the 1st..25th (5 missing at the end: not).
    const days = (month: number, from: number, to: number, skip: number[] = []) =>
      Array.from({ length: to - from + 1 }, (_, i) => from + i).filter((d) => !skip.includes(d)).map((d) => new Date(Date.UTC(2091, month - 1, d)));
    beforeAll(async () => {
      const source = await tdb.prisma.source.create({ data: { name: 'Synthetic (series edges)', publishedOn: new Date('2091-07-01') } });
      const dates = [...days(3, 1, 31, [10, 11, 12, 13]), ...days(4, 1, 30, [10, 11, 12, 13, 14]), ...days(5, 5, 27), ...days(6, 1, 25)];
      await tdb.prisma.pricePoint.createMany({ data: dates.map((date) => ({ metal: 'PLATINUM' as const, kind: 'SPOT' as const, date, priceUsdPerOz: 1000, sourceId: source.id, isCurrent: true })) });
    });

    test('March and May are complete months, April and June are not; the second quarter is not either', async () => {
      const data = await ok(
        run,
        `{ m: priceSeries(metal: PLATINUM, kind: SPOT, frequency: MONTHLY, dateFrom: "2091-01-01", includeIncomplete: true) { observations { date value count isComplete } }
           d: priceSeries(metal: PLATINUM, kind: SPOT, frequency: MONTHLY, dateFrom: "2091-01-01") { observations { date } }
           q: priceSeries(metal: PLATINUM, kind: SPOT, frequency: QUARTERLY, dateFrom: "2091-01-01", includeIncomplete: true) { observations { date count isComplete } } }`,
      );
      expect(data.m.observations).toEqual([
        { date: '2091-03-01', value: 1000, count: 27, isComplete: true },
        { date: '2091-04-01', value: 1000, count: 25, isComplete: false },
        { date: '2091-05-01', value: 1000, count: 23, isComplete: true },
        { date: '2091-06-01', value: 1000, count: 25, isComplete: false },
      ]);
      expect(data.d.observations).toEqual([{ date: '2091-03-01' }, { date: '2091-05-01' }]);
      // The first quarter has nothing before 1 March (59 days without a price); the second has April's gap.
      expect(data.q.observations).toEqual([
        { date: '2091-01-01', count: 27, isComplete: false },
        { date: '2091-04-01', count: 73, isComplete: false },
      ]);
    });
  });

  describe('exact decimals', () => {
    test("1960's twelve monthly silver averages of 0.9137: annual mean 0.9137; gold's third quarter of 2025 3458.62 and its stats agree", async () => {
      const data = await ok(
        run,
        `{ s: priceSeries(metal: SILVER, kind: MONTHLY_AVERAGE, frequency: ANNUAL, dateFrom: "1960-01-01", dateTo: "1960-12-31") { observations { value count } stats { mean } }
           g: priceSeries(metal: GOLD, kind: MONTHLY_AVERAGE, frequency: QUARTERLY, dateFrom: "2025-07-01", dateTo: "2025-09-30") { observations { value } stats { mean median } } }`,
      );
      expect(data.s.observations).toEqual([{ value: 0.9137, count: 12 }]);
      expect(data.s.stats.mean).toBe(0.9137);
      // (3340.15 + 3368.03 + 3667.68) / 3 = 10375.86 / 3 = 3458.62
      expect(data.g.observations).toEqual([{ value: 3458.62 }]);
      expect(data.g.stats).toEqual({ mean: 3458.62, median: 3458.62 });
    });

    test("the mean of 2024's monthly silver averages, 339.23 / 12 = 28.269166..., is 28.269167 (a level: 6 decimal places)", async () => {
      const data = await ok(run, `{ priceSeries(metal: SILVER, kind: MONTHLY_AVERAGE, frequency: ANNUAL, dateFrom: "2024-01-01", dateTo: "2024-12-31") { observations { value } } }`);
      expect(data.priceSeries.observations).toEqual([{ value: 28.269167 }]);
    });
  });

  describe('continuously compounded rates (FRED cch and cca)', () => {
    test('silver February 2024 against January: 100 x ln(22.657 / 22.916) and 12 times that', async () => {
      const data = await ok(
        run,
        `{ cch: priceSeries(metal: SILVER, kind: MONTHLY_AVERAGE, units: CONTINUOUSLY_COMPOUNDED_RATE, dateFrom: "2024-02-01", dateTo: "2024-02-01") { observations { date value } }
           cca: priceSeries(metal: SILVER, kind: MONTHLY_AVERAGE, units: CONTINUOUSLY_COMPOUNDED_ANNUAL_RATE, dateFrom: "2024-02-01", dateTo: "2024-02-01") { observations { date value } } }`,
      );
      // ln(22.657) - ln(22.916) = -0.011366501591...; x 100 = -1.1367 (4 decimal places); x 1200 = -13.6398
      expect(data.cch.observations).toEqual([{ date: '2024-02-01', value: -1.1367 }]);
      expect(data.cca.observations).toEqual([{ date: '2024-02-01', value: -13.6398 }]);
    });
  });

  describe('empty answers say why', () => {
    test('no palladium prices: NO_DATA; before any publication: NOT_YET_PUBLISHED; 1900: OUT_OF_RANGE with the dates the data covers', async () => {
      const data = await ok(
        run,
        `{ pd: priceSeries(metal: PALLADIUM, kind: MONTHLY_AVERAGE) { observations { date } emptyReason dataFrom }
           early: priceSeries(metal: SILVER, kind: MONTHLY_AVERAGE, asOf: "2026-03-02") { observations { date } emptyReason }
           old: priceSeries(metal: SILVER, kind: MONTHLY_AVERAGE, dateFrom: "1900-01-01", dateTo: "1900-12-31") { observations { date } emptyReason dataFrom dataTo }
           full: priceSeries(metal: SILVER, kind: MONTHLY_AVERAGE, dateFrom: "2026-02-01") { observations { date } emptyReason } }`,
      );
      expect(data.pd).toEqual({ observations: [], emptyReason: 'NO_DATA', dataFrom: null });
      // The Pink Sheet's prices were published on 2026-03-03.
      expect(data.early).toEqual({ observations: [], emptyReason: 'NOT_YET_PUBLISHED' });
      expect(data.old).toEqual({ observations: [], emptyReason: 'OUT_OF_RANGE', dataFrom: '1960-01-01', dataTo: '2026-02-01' });
      expect(data.full).toEqual({ observations: [{ date: '2026-02-01' }], emptyReason: null });
    });

    test('a production series of a stage with no rows: NO_DATA; as of before its first edition: NOT_YET_PUBLISHED', async () => {
      const data = await ok(
        run,
        `{ kaz: country(iso3: "KAZ") { productionSeries(metal: GOLD, stage: REFINED_SECONDARY) { emptyReason } }
           early: country(iso3: "USA", asOf: "2024-01-30") { productionSeries(metal: SILVER, stage: MINE) { observations { date } emptyReason } } }`,
      );
      expect(data.kaz.productionSeries.emptyReason).toBe('NO_DATA');
      // The first USGS edition in the data, MCS 2024, counts as published on 2024-01-31.
      expect(data.early.productionSeries).toEqual({ observations: [], emptyReason: 'NOT_YET_PUBLISHED' });
    });
  });

  describe('provenance', () => {
    test("USA's 2021 mine silver as a percent change lists the edition of 2020's value too", async () => {
      const data = await ok(run, `{ country(iso3: "USA") { productionSeries(yearFrom: 2021, yearTo: 2021, units: PERCENT_CHANGE) { observations { date value } sources { name } } } }`);
      const s = data.country.productionSeries;
      // 2021: 1,020 t (MCS 2026, the later edition of the same value); 2020: 1,080 t, only in MCS 2025.
      // 100 x (1020 / 1080 - 1) = -5.5555... -> -5.5556
      expect(s.observations).toEqual([{ date: '2021-01-01', value: -5.5556 }]);
      expect(s.sources.map((x: { name: string }) => x.name).sort()).toEqual(['USGS Mineral Commodity Summaries 2025', 'USGS Mineral Commodity Summaries 2026']);
    });
  });

  describe('priceTable: metals side by side', () => {
    test('silver, gold and platinum monthly averages for January and February 2026, in the order asked', async () => {
      const data = await ok(
        run,
        `{ priceTable(metals: [SILVER, GOLD, PLATINUM], kind: MONTHLY_AVERAGE, dateFrom: "2026-01-01") { metals frequency rows { date values isComplete isEstimate } sources { name } emptyReason } }`,
      );
      expect(data.priceTable).toEqual({
        metals: ['SILVER', 'GOLD', 'PLATINUM'],
        frequency: 'MONTHLY',
        rows: [
          { date: '2026-01-01', values: [92.062, 4752.75, 2433.83], isComplete: true, isEstimate: false },
          { date: '2026-02-01', values: [81.946, 5019.97, 2137.33], isComplete: true, isEstimate: false },
        ],
        sources: [{ name: 'World Bank Pink Sheet' }],
        emptyReason: null,
      });
    });

    test('a metal without prices is a column of nulls; by quarter the two-month 2026Q1 comes only flagged', async () => {
      const data = await ok(
        run,
        `{ d: priceTable(metals: [GOLD, PALLADIUM], kind: MONTHLY_AVERAGE, frequency: QUARTERLY, dateFrom: "2025-07-01") { rows { date values isComplete } }
           all: priceTable(metals: [GOLD, PALLADIUM], kind: MONTHLY_AVERAGE, frequency: QUARTERLY, dateFrom: "2025-07-01", includeIncomplete: true) { rows { date values isComplete } } }`,
      );
      // Q3 2025 gold 3458.62; Q4 (4058.33 + 4087.19 + 4309.23) / 3 = 4151.583333...; Q1 2026 (4752.75 + 5019.97) / 2 = 4886.36
      expect(data.d.rows.map((r: { date: string }) => r.date)).toEqual(['2025-07-01', '2025-10-01']);
      expect(data.d.rows[0]).toEqual({ date: '2025-07-01', values: [3458.62, null], isComplete: true });
      expect(data.d.rows[1]).toEqual({ date: '2025-10-01', values: [4151.583333, null], isComplete: true });
      expect(data.all.rows[2]).toEqual({ date: '2026-01-01', values: [4886.36, null], isComplete: false });
    });

    test('the same metal twice is refused, naming the argument', async () => {
      const res = await run(`{ priceTable(metals: [GOLD, GOLD], kind: MONTHLY_AVERAGE) { rows { date } } }`);
      expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      expect(res.errors?.[0].message).toMatch(/"metals"/);
    });
  });
});
