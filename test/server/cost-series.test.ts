// The cost of a series by what its range and frequency can hold (issue #20, point 8), on a small
// schema shaped like the API's series fields and on stored coverage given here (no database needed).
import { buildSchema, parse } from 'graphql';
import { getComplexity } from 'graphql-query-complexity';
import { computeQueryCost, createCostEstimator, type ListBoundStats } from '../../src/limits';
import { periodCount, seriesSize } from '../../src/limits/cost';

const schema = buildSchema(`
  scalar Date
  enum Metal { SILVER GOLD PLATINUM PALLADIUM }
  enum PriceKind { SPOT MONTHLY_AVERAGE ANNUAL_AVERAGE }
  enum Frequency { DAILY MONTHLY QUARTERLY ANNUAL }
  enum ProductionStage { MINE REFINED }
  type Query {
    country(iso3: String!): Country
    countries(first: Int): CountryConnection!
    priceSeries(metal: Metal!, kind: PriceKind!, frequency: Frequency, dateFrom: Date, dateTo: Date, asOf: Date, includeIncomplete: Boolean = false): Series!
    ratioSeries(numerator: Metal = GOLD, denominator: Metal = SILVER, kind: PriceKind!, frequency: Frequency, dateFrom: Date, dateTo: Date): Series!
    priceTable(metals: [Metal!]!, kind: PriceKind!, frequency: Frequency, dateFrom: Date, dateTo: Date): PriceTable!
  }
  type CountryConnection { edges: [CountryEdge!]! }
  type CountryEdge { node: Country! }
  interface Node { id: ID! }
  type Country implements Node {
    id: ID! name: String!
    productionSeries(metal: Metal = SILVER, stage: ProductionStage = MINE, yearFrom: Int, yearTo: Int): Series!
  }
  type Source implements Node { id: ID! name: String! }
  # 'source' is not in the API's Observation: here it gives an observation's children a cost.
  type Observation { date: Date! value: Float source: Source }
  type SeriesStats { count: Int! min: Observation max: Observation mean: Float }
  type Series { frequency: Frequency! observations: [Observation!]! stats: SeriesStats! sources: [Source!]! }
  type PriceTableRow { date: Date! values: [Float]! isComplete: Boolean! }
  type PriceTable { metals: [Metal!]! rows: [PriceTableRow!]! sources: [Source!]! }
`);

// Coverage as in the seed (data/prices.csv, data/production.csv), with SPOT gold from 1990.
const stats: ListBoundStats = {
  productionPerMetal: 12,
  productionPerStage: 6,
  productionPerMetalYear: 2,
  productionPerStageYear: 1,
  exportsPerMetal: 20,
  exportsPerMetalYear: 10,
  importsPerMetal: 20,
  importsPerMetalYear: 10,
  productionRevisions: 2,
  flowRevisions: 2,
  priceRevisions: 2,
  sources: 8,
  pricesPerSeries: 794,
  priceCoverage: {
    'GOLD/MONTHLY_AVERAGE': { first: '1960-01-01', last: '2026-02-01' },
    'SILVER/MONTHLY_AVERAGE': { first: '1960-01-01', last: '2026-02-01' },
    'PLATINUM/MONTHLY_AVERAGE': { first: '1970-01-01', last: '2020-12-01' },
    'GOLD/ANNUAL_AVERAGE': { first: '1960-01-01', last: '2025-01-01' },
    'GOLD/SPOT': { first: '1990-01-02', last: '2026-01-12' },
    'SILVER/SPOT': { first: '2025-01-01', last: '2026-01-12' },
  },
  productionCoverage: { 'SILVER/MINE': { first: 2020, last: 2025 }, 'GOLD/MINE': { first: 2022, last: 2025 } },
};

const cost = (q: string, variables?: Record<string, unknown>) => computeQueryCost({ schema, document: parse(q), variables, stats });

const monthly = (metal: string, from: string, to: string, fields = 'observations { value }') =>
  `priceSeries(metal: ${metal}, kind: MONTHLY_AVERAGE, dateFrom: "${from}", dateTo: "${to}") { ${fields} }`;

describe('periodCount: the periods between the ends of the range within the coverage', () => {
  const cover = { first: '1960-01-01', last: '2026-02-01' };

  it('counts the periods containing the range, from the one holding dateFrom to the one holding dateTo', () => {
    expect(periodCount(cover, 'MONTHLY', '2020-03-01', '2020-03-31')).toBe(1);
    expect(periodCount(cover, 'MONTHLY', '2020-01-15', '2020-03-02')).toBe(3);
    expect(periodCount(cover, 'QUARTERLY', '2020-02-01', '2020-12-31')).toBe(4);
    expect(periodCount(cover, 'QUARTERLY', '2020-03-31', '2020-04-01')).toBe(2);
    expect(periodCount(cover, 'ANNUAL', '2019-12-31', '2020-01-01')).toBe(2);
    expect(periodCount(cover, 'DAILY', '2025-01-01', '2025-12-31')).toBe(365);
    expect(periodCount(cover, 'DAILY', '2024-01-01', '2024-12-31')).toBe(366);
    expect(periodCount(cover, 'DAILY', '2024-02-28', '2024-03-01')).toBe(3);
  });

  it('clamps to the stored coverage, and is 0 when the range misses it or is reversed', () => {
    expect(periodCount(cover, 'MONTHLY')).toBe(66 * 12 + 2);
    expect(periodCount(cover, 'MONTHLY', '1900-01-01', '1960-12-31')).toBe(12);
    expect(periodCount(cover, 'MONTHLY', '2025-12-01', '2100-01-01')).toBe(3);
    expect(periodCount(cover, 'ANNUAL', '1800-01-01', '2100-12-31')).toBe(67);
    expect(periodCount(cover, 'MONTHLY', '1900-01-01', '1950-01-01')).toBe(0);
    expect(periodCount(cover, 'MONTHLY', '2027-01-01', undefined)).toBe(0);
    expect(periodCount(cover, 'MONTHLY', '2020-05-01', '2020-04-30')).toBe(0);
    expect(periodCount(undefined, 'MONTHLY', '2020-01-01', '2020-12-31')).toBe(0);
  });

  it('takes the Date scalar value (a Date) or a string, and falls back to the coverage for anything else', () => {
    expect(periodCount(cover, 'MONTHLY', new Date(Date.UTC(2020, 0, 1)), new Date(Date.UTC(2020, 11, 31)))).toBe(12);
    expect(periodCount(cover, 'MONTHLY', new Date(NaN), '1960-06-30')).toBe(6);
    expect(periodCount(cover, 'MONTHLY', 'yesterday', 19600630)).toBe(66 * 12 + 2);
    expect(periodCount(cover, 'MONTHLY', '2020-13-01', '1960-1-31')).toBe(66 * 12 + 2);
  });
});

describe('seriesSize: the most values a series field returns', () => {
  it('prices: the kind stored frequency by default, never split finer than stored', () => {
    expect(seriesSize(stats, 'Query', 'priceSeries', { metal: 'GOLD', kind: 'MONTHLY_AVERAGE' })).toBe(794);
    expect(seriesSize(stats, 'Query', 'priceSeries', { metal: 'GOLD', kind: 'MONTHLY_AVERAGE', frequency: 'ANNUAL' })).toBe(67);
    // DAILY from monthly averages is refused by the resolver (naming the argument): costed as MONTHLY.
    expect(seriesSize(stats, 'Query', 'priceSeries', { metal: 'GOLD', kind: 'MONTHLY_AVERAGE', frequency: 'DAILY' })).toBe(794);
    expect(seriesSize(stats, 'Query', 'priceSeries', { metal: 'GOLD', kind: 'ANNUAL_AVERAGE' })).toBe(66);
    expect(seriesSize(stats, 'Query', 'priceSeries', { metal: 'PALLADIUM', kind: 'SPOT' })).toBe(0);
  });

  it('a ratio within both metals coverage; a table over either, times its metals; production by years', () => {
    // GOLD SPOT from 1990, SILVER SPOT from 2025-01-01: both from 2025-01-01 to 2026-01-12.
    expect(seriesSize(stats, 'Query', 'ratioSeries', { numerator: 'GOLD', denominator: 'SILVER', kind: 'SPOT' })).toBe(365 + 12);
    expect(seriesSize(stats, 'Query', 'ratioSeries', { numerator: 'GOLD', denominator: 'PALLADIUM', kind: 'SPOT' })).toBe(0);
    // PLATINUM's 1970-2020 within GOLD's 1960-2026: rows from 1960-01 to 2026-02, two values each.
    expect(seriesSize(stats, 'Query', 'priceTable', { metals: ['GOLD', 'PLATINUM'], kind: 'MONTHLY_AVERAGE' })).toBe(2 * 794);
    expect(seriesSize(stats, 'Query', 'priceTable', { metals: ['PLATINUM', 'PALLADIUM'], kind: 'MONTHLY_AVERAGE', dateTo: '1970-12-31' })).toBe(2 * 12);
    expect(seriesSize(stats, 'Country', 'productionSeries', { metal: 'SILVER', stage: 'MINE' })).toBe(6);
    expect(seriesSize(stats, 'Country', 'productionSeries', { metal: 'SILVER', stage: 'MINE', yearFrom: 2024, yearTo: 2030 })).toBe(2);
    expect(seriesSize(stats, 'Country', 'productionSeries', { metal: 'SILVER', stage: 'MINE', yearFrom: 1990, yearTo: 2000 })).toBe(0);
    expect(seriesSize(stats, 'Country', 'productionSeries', { metal: 'SILVER', stage: 'REFINED' })).toBe(0);
    expect(seriesSize(stats, 'Query', 'somethingElse', {})).toBeUndefined();
  });
});

describe('the cost of a series field', () => {
  it('one-month series cost 2 each: thirteen of them fit far under 1000 (each cost 80 before)', () => {
    // 2020-01 .. 2021-01, one month each.
    const months = Array.from({ length: 13 }, (_, i) => {
      const month = `${2020 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
      return `m${i + 1}: ${monthly('GOLD', `${month}-01`, `${month}-28`)}`;
    });
    expect(cost(`{ ${months.join(' ')} }`)).toBe(13 * (1 + 1));
  });

  it('scales with the range: 1 + ceil(n / 10) x (1 + one observation children), plus sources at most every source', () => {
    expect(cost(`{ ${monthly('GOLD', '2020-01-01', '2020-12-31')} }`)).toBe(1 + 2);
    expect(cost(`{ ${monthly('GOLD', '2020-01-01', '2020-12-31', 'observations { value source { name } }')} }`)).toBe(1 + 2 * (1 + 1));
    expect(cost(`{ ${monthly('GOLD', '2020-01-01', '2020-12-31', 'observations { value } sources { name }')} }`)).toBe(1 + 2 + 8);
    expect(cost(`{ priceSeries(metal: GOLD, kind: MONTHLY_AVERAGE) { observations { value } } }`)).toBe(1 + 80);
    expect(cost(`{ priceSeries(metal: GOLD, kind: MONTHLY_AVERAGE, frequency: QUARTERLY) { observations { value } } }`)).toBe(1 + Math.ceil((66 * 4 + 1) / 10));
  });

  it('a series asked only for stats, sources or its frequency still reads every period', () => {
    expect(cost(`{ ${monthly('GOLD', '2000-01-01', '2019-12-31', 'stats { mean min { value } }')} }`)).toBe(1 + 24);
    expect(cost(`{ ${monthly('GOLD', '2000-01-01', '2019-12-31', 'sources { name }')} }`)).toBe(1 + 24 + 8);
    expect(cost(`{ ${monthly('GOLD', '2000-01-01', '2019-12-31', 'frequency')} }`)).toBe(1 + 24);
    // Observations asked twice are read once: one point per 10 all the same.
    expect(cost(`{ ${monthly('GOLD', '2000-01-01', '2019-12-31', 'a: observations { value } b: observations { date }')} }`)).toBe(1 + 24);
    expect(cost(`{ ${monthly('PALLADIUM', '2000-01-01', '2019-12-31', 'observations { value }')} }`)).toBe(1);
  });

  it('each series field takes the observations of its own selection, fragments and aliases included', () => {
    const q = `
      fragment Points on Series { observations { source { name } } }
      { a: ${monthly('GOLD', '2020-01-01', '2020-03-31', '...Points')}
        b: priceSeries(metal: GOLD, kind: MONTHLY_AVERAGE) { stats { mean } }
        c: priceSeries(metal: SILVER, kind: MONTHLY_AVERAGE, dateFrom: "2020-01-01", dateTo: "2020-01-31") { ... on Series { observations { source { name } } } } }`;
    // a: 1 + 1 x (1 + 1); b (no observations): 1 + 80 x 1; c: 1 + 1 x (1 + 1).
    expect(cost(q)).toBe(3 + 81 + 3);
  });

  it('an unbounded daily series of many years costs more than a one-year one, and no less than the old bound', () => {
    const spot = (range: string) => cost(`{ priceSeries(metal: GOLD, kind: SPOT${range}) { observations { value } } }`);
    const days = (Date.UTC(2026, 0, 12) - Date.UTC(1990, 0, 2)) / 86_400_000 + 1;
    expect(spot('')).toBe(1 + Math.ceil(days / 10));
    expect(spot(', dateFrom: "2025-01-01", dateTo: "2025-12-31"')).toBe(1 + 37);
    expect(spot('')).toBeGreaterThan(1000);
    // Before: every series' observations ceil(max(pricesPerSeries, productionPerStage) / 10) = 80.
    expect(spot('')).toBeGreaterThanOrEqual(Math.ceil(Math.max(stats.pricesPerSeries, stats.productionPerStage) / 10));
  });

  it('ratio series, production series under a page of countries, and price tables', () => {
    expect(cost(`{ ratioSeries(kind: SPOT) { observations { value } } }`)).toBe(1 + Math.ceil(377 / 10));
    // 1 + 10 x (1 country + (1 + ceil(6 / 10))): 811 with the old bound of 794 observations.
    expect(cost(`{ countries(first: 10) { edges { node { productionSeries { observations { value } } } } } }`)).toBe(1 + 10 * (1 + 2));
    expect(cost(`{ country(iso3: "KAZ") { productionSeries(metal: GOLD, yearFrom: 2024) { stats { mean } } } }`)).toBe(1 + 1 + 1);
    // 3 metals x 12 months = 36 values: 1 + 4; sources: 8.
    expect(cost(`{ priceTable(metals: [GOLD, SILVER, PLATINUM], kind: MONTHLY_AVERAGE, dateFrom: "2020-01-01", dateTo: "2020-12-31") { metals rows { date values isComplete } sources { name } } }`)).toBe(
      1 + 4 + 8,
    );
    expect(cost(`{ priceTable(metals: [GOLD, SILVER], kind: MONTHLY_AVERAGE) { rows { values } } }`)).toBe(1 + Math.ceil((2 * 794) / 10));
    // A metal repeated is refused by the resolver (naming the argument): costed once.
    expect(cost(`{ priceTable(metals: [GOLD, GOLD, GOLD, SILVER], kind: MONTHLY_AVERAGE) { rows { values } } }`)).toBe(1 + Math.ceil((2 * 794) / 10));
  });

  it('dates from variables, and a malformed one costed as the coverage (validation reports it later)', () => {
    const q = `query($from: Date, $to: Date) { priceSeries(metal: GOLD, kind: MONTHLY_AVERAGE, dateFrom: $from, dateTo: $to) { observations { value } } }`;
    expect(cost(q, { from: '2020-01-01', to: '2020-06-30' })).toBe(1 + 1);
    expect(cost(q, { from: '2020-01-01', to: '2029-06-30' })).toBe(1 + Math.ceil(74 / 10));
    expect(cost(q, { from: 'not a date', to: '1960-12-31' })).toBe(1 + 2);
    expect(cost(q, {})).toBe(1 + 80);
  });

  it('without the data bounds a series counts 10 values; the estimator without a ledger keeps the old rule', () => {
    expect(computeQueryCost({ schema, document: parse(`{ ${monthly('GOLD', '2020-01-01', '2030-12-31')} }`) })).toBe(1 + 1);
    const plain = getComplexity({
      schema,
      query: parse(`{ ${monthly('GOLD', '2020-01-01', '2020-12-31')} }`),
      estimators: [createCostEstimator(stats)],
    });
    // observations at the most any series holds (794 / 10); the series itself then costs its children.
    expect(plain).toBe(Math.ceil(794 / 10));
  });
});
