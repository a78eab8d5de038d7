// The dashboard's price history reads one priceTable (web/src/dashboard/price-table.ts turns its
// columns into per-metal series and computes the summary's statistics): each column must be the
// metal's priceSeries, and its statistics the ones priceSeries' `stats` gives, to the last digit.
import { print } from 'graphql';
import { PriceHistoryCsvDocument, PriceHistoryDocument, type PriceHistoryQuery, type Units } from '../../client/generated/graphql';
import { seriesStats, type SeriesObservation } from '../../src/metrics';
import { columnsOf, columnStats, type Observation, type PriceTableData } from '../../web/src/dashboard/price-table';
import type { TestServer } from '../helpers/server';

const table = (over: Partial<PriceTableData> = {}): PriceTableData => ({
  metals: ['SILVER', 'GOLD'],
  frequency: 'ANNUAL',
  aggregation: 'AVERAGE',
  units: 'LEVEL',
  rows: [
    { date: '2023-01-01', values: [23.35, null], isEstimate: false },
    { date: '2024-01-01', values: [28.27, 2388.1], isEstimate: true },
  ],
  sources: [{ id: '1', name: 'World Bank Pink Sheet' }],
  ...over,
});

/** A seeded generator (mulberry32): the same cases every run. */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const server = (o: { count: number; min: unknown; max: unknown; median: number | null }) => ({
  count: o.count,
  min: o.min && { date: (o.min as Observation).date, value: (o.min as Observation).value },
  max: o.max && { date: (o.max as Observation).date, value: (o.max as Observation).value },
  median: o.median,
});

describe('the price table as per-metal series (columnsOf)', () => {
  it('gives each metal its column over every row, in the order of metals, with the table’s shape and sources', () => {
    const [silver, gold] = columnsOf(table());
    expect(silver.metal).toBe('SILVER');
    expect(gold.metal).toBe('GOLD');
    expect(gold.series).toEqual({
      frequency: 'ANNUAL',
      units: 'LEVEL',
      sources: [{ id: '1', name: 'World Bank Pink Sheet' }],
      observations: [
        { date: '2023-01-01', value: null, isEstimate: false, count: 12 },
        { date: '2024-01-01', value: 2388.1, isEstimate: true, count: 12 },
      ],
    });
    expect(silver.series.observations.map((o) => o.value)).toEqual([23.35, 28.27]);
  });

  it('counts the months of a complete period: 1 a month, 3 a quarter, 12 a year', () => {
    expect(columnsOf(table({ frequency: 'MONTHLY' }))[0].series.observations[0].count).toBe(1);
    expect(columnsOf(table({ frequency: 'QUARTERLY' }))[0].series.observations[0].count).toBe(3);
  });
});

describe('columnStats: the statistics of priceSeries (src/metrics seriesStats)', () => {
  const obs = (values: Array<number | null>): Observation[] =>
    values.map((value, i) => ({ date: `${2000 + i}-01-01`, value, isEstimate: false, count: 12 }));

  it('takes the earliest of equal values as min and max, interpolates the median, skips nulls', () => {
    expect(columnStats(obs([null, 2, 1, 3, 1, 3]), 'LEVEL')).toEqual({
      count: 5,
      min: { date: '2002-01-01', value: 1 },
      max: { date: '2003-01-01', value: 3 },
      median: 2,
    });
    expect(columnStats(obs([4, 1, 2, 3]), 'LEVEL').median).toBe(2.5);
    expect(columnStats(obs([null, null]), 'PERCENT_CHANGE_FROM_YEAR_AGO')).toEqual({ count: 0, min: null, max: null, median: null });
  });

  it.each<[Units, 'LEVEL' | 'PERCENT' | 'RATIO']>([
    ['LEVEL', 'LEVEL'],
    ['CHANGE_FROM_YEAR_AGO', 'LEVEL'],
    ['PERCENT_CHANGE_FROM_YEAR_AGO', 'PERCENT'],
    ['COMPOUNDED_ANNUAL_RATE', 'PERCENT'],
    ['NATURAL_LOG', 'RATIO'],
  ])('equals seriesStats on random columns with ties and nulls (%s)', (units, kind) => {
    const next = random(units.length);
    for (let n = 0; n < 200; n++) {
      const length = Math.floor(next() * 40);
      // Few distinct values (ties) at the decimals the units keep, some nulls, some negative.
      const decimals = kind === 'PERCENT' ? 4 : 6;
      const values = Array.from({ length }, () => (next() < 0.1 ? null : Number(((Math.floor(next() * 12) - 3) * 1.234567 + next() / 10 ** decimals).toFixed(decimals))));
      const observations = obs(values);
      const expected = seriesStats(observations.map((o): SeriesObservation => ({ ...o, isComplete: true })), kind);
      expect(columnStats(observations, units)).toEqual(server(expected));
    }
  });
});

describe('the price history operations', () => {
  it('asks one priceTable for the three metals and the ratio as a series, no priceSeries', () => {
    const text = print(PriceHistoryDocument);
    expect(text.match(/\bpriceTable\(/g)).toHaveLength(1);
    expect(text).toMatch(/priceTable\(\s*metals: \[SILVER, GOLD, PLATINUM\]/);
    expect(text.match(/\bratioSeries\(/g)).toHaveLength(1);
    expect(text).not.toMatch(/\bpriceSeries\(/);
  });

  it('downloads the same table as CSV', () => {
    const text = print(PriceHistoryCsvDocument);
    expect(text).toMatch(/priceTable\(\s*metals: \$metals/);
    expect(text).toMatch(/rows \{\s*date\s*values\s*\}/);
  });
});

describe('priceTable columns against priceSeries (the seeded dataset over HTTP)', () => {
  let api: TestServer;
  beforeAll(async () => {
    const { startTestServer } = await import('../helpers/server.js');
    api = await startTestServer('pglite');
  });
  afterAll(async () => {
    await api?.stop();
  });

  const SERIES = `query Series($metal: Metal!, $frequency: Frequency, $units: Units, $dateFrom: Date) {
    priceSeries(metal: $metal, kind: MONTHLY_AVERAGE, frequency: $frequency, units: $units, dateFrom: $dateFrom) {
      frequency units observations { date value count } stats { count min { date value } max { date value } median }
    }
  }`;

  // The dashboard's views: all months, 5 years, annual (complete years), and their percent changes.
  it.each([
    { frequency: 'MONTHLY', units: 'LEVEL' },
    { frequency: 'MONTHLY', units: 'LEVEL', dateFrom: '2021-03-01' },
    { frequency: 'ANNUAL', units: 'LEVEL' },
    { frequency: 'MONTHLY', units: 'PERCENT_CHANGE_FROM_YEAR_AGO' },
    { frequency: 'ANNUAL', units: 'PERCENT_CHANGE_FROM_YEAR_AGO', dateFrom: '2001-01-01' },
  ])('%o: each column is the series, its statistics the series’ stats', async (variables) => {
    const res = await api.graphql(print(PriceHistoryDocument), variables);
    expect(res.body.errors).toBeUndefined();
    const data = res.body.data as PriceHistoryQuery;
    const columns = columnsOf(data.prices);
    expect(columns.map((c) => c.metal)).toEqual(['SILVER', 'GOLD', 'PLATINUM']);
    for (const { metal, series } of columns) {
      const answer = await api.graphql(SERIES, { metal, ...variables });
      expect(answer.body.errors).toBeUndefined();
      const expected = answer.body.data.priceSeries;
      expect(series.observations.map(({ date, value, count }) => ({ date, value, count }))).toEqual(expected.observations);
      expect(columnStats(series.observations, series.units)).toEqual(expected.stats);
    }
  });

  it('has the hand-worked figures of data/prices.csv: February 2026, the latest month', async () => {
    const res = await api.graphql(print(PriceHistoryDocument), {});
    const data = res.body.data as PriceHistoryQuery;
    expect(data.prices.rows).toHaveLength(794);
    expect(data.prices.rows.at(-1)).toEqual({ date: '2026-02-01', values: [81.946, 5019.97, 2137.33], isEstimate: false });
    const [silver, gold, platinum] = columnsOf(data.prices).map((c) => columnStats(c.series.observations, c.series.units));
    // Silver's lowest, 0.9137, held for 22 months from January 1960: the earliest counts.
    expect(silver.min).toEqual({ date: '1960-01-01', value: 0.9137 });
    expect(silver.max).toEqual({ date: '2026-01-01', value: 92.062 });
    expect(gold.min).toEqual({ date: '1970-01-01', value: 34.94 });
    expect(platinum.min).toEqual({ date: '1963-04-01', value: 78.5 });
    // 794 months: the median is the mean of the 397th and 398th values.
    expect(gold.median).toBe(377.335);
  });
});
