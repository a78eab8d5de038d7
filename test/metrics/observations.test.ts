// Series arithmetic: periods, units transforms, statistics and unit conversions, each case worked by hand.
import {
  comparable,
  earliestNeeded,
  unitsKind,
  massIn,
  periodStart,
  priceIn,
  quantile,
  seriesStats,
  shiftPeriods,
  transformSeries,
  yearAgo,
  type Frequency,
  type SeriesObservation,
  type Units,
} from '../../src/metrics';

const obs = (date: string, value: number | null, isEstimate = false, count = 1, isComplete = true): SeriesObservation => ({ date, value, isEstimate, count, isComplete });
const values = (list: SeriesObservation[]) => list.map((o) => o.value);

describe('periods', () => {
  test.each<[string, Frequency, string]>([
    ['2024-02-29', 'DAILY', '2024-02-29'],
    ['2024-02-29', 'MONTHLY', '2024-02-01'],
    ['2024-02-29', 'QUARTERLY', '2024-01-01'],
    ['2024-06-30', 'QUARTERLY', '2024-04-01'],
    ['2024-12-31', 'QUARTERLY', '2024-10-01'],
    ['2024-07-15', 'ANNUAL', '2024-01-01'],
  ])('periodStart(%s, %s) = %s', (date, f, expected) => expect(periodStart(date, f)).toBe(expected));

  test.each<[string, Frequency, number, string]>([
    ['2024-03-01', 'DAILY', -1, '2024-02-29'], // leap year
    ['2023-03-01', 'DAILY', -1, '2023-02-28'],
    ['2024-01-01', 'DAILY', -1, '2023-12-31'],
    ['2024-01-01', 'MONTHLY', -1, '2023-12-01'],
    ['2024-01-01', 'MONTHLY', -13, '2022-12-01'],
    ['2024-01-01', 'QUARTERLY', -1, '2023-10-01'],
    ['2024-04-01', 'QUARTERLY', 2, '2024-10-01'],
    ['1960-01-01', 'ANNUAL', -1, '1959-01-01'],
  ])('shiftPeriods(%s, %s, %d) = %s', (date, f, k, expected) => expect(shiftPeriods(date, f, k)).toBe(expected));

  test.each<[string, Frequency, string]>([
    ['2024-02-29', 'DAILY', '2023-02-28'], // no 29 February in 2023
    ['2025-02-28', 'DAILY', '2024-02-28'],
    ['2024-03-01', 'DAILY', '2023-03-01'],
    ['2024-05-01', 'MONTHLY', '2023-05-01'],
    ['2024-07-01', 'QUARTERLY', '2023-07-01'],
    ['2024-01-01', 'ANNUAL', '2023-01-01'],
  ])('yearAgo(%s, %s) = %s', (date, f, expected) => expect(yearAgo(date, f)).toBe(expected));

  test('earliestNeeded: the transform looks one period or a year back; levels and logs none', () => {
    expect(earliestNeeded('2024-01-01', 'MONTHLY', 'LEVEL')).toBe('2024-01-01');
    expect(earliestNeeded('2024-01-01', 'MONTHLY', 'NATURAL_LOG')).toBe('2024-01-01');
    expect(earliestNeeded('2024-01-01', 'MONTHLY', 'PERCENT_CHANGE')).toBe('2023-12-01');
    expect(earliestNeeded('2024-01-01', 'MONTHLY', 'PERCENT_CHANGE_FROM_YEAR_AGO')).toBe('2023-01-01');
    expect(earliestNeeded('2024-01-01', 'QUARTERLY', 'CHANGE_FROM_YEAR_AGO')).toBe('2023-01-01');
  });
});

describe('transformSeries (FRED units)', () => {
  // Monthly 100, 110, (March missing), 121, then 0 and 50.
  const monthly = [obs('2024-01-01', 100), obs('2024-02-01', 110), obs('2024-04-01', 121, true), obs('2024-05-01', 0), obs('2024-06-01', 50)];

  test.each<[Units, Array<number | null>]>([
    ['LEVEL', [100, 110, 121, 0, 50]],
    ['CHANGE', [null, 10, null, -121, null]], // the first has no earlier month; March missing; May is 0 (previous of June)
    ['PERCENT_CHANGE', [null, 10, null, -100, null]],
    ['NATURAL_LOG', [Math.log(100), Math.log(110), Math.log(121), null, Math.log(50)].map((v) => (v == null ? null : Number(v.toPrecision(10))))],
  ])('%s on months with a gap and a zero', (units, expected) => {
    expect(values(transformSeries(monthly, units, 'MONTHLY'))).toEqual(expected);
  });

  test('COMPOUNDED_ANNUAL_RATE: 100 ((x / x(t-1))^n - 1), n = 4 for quarters', () => {
    const quarters = [obs('2024-01-01', 100), obs('2024-04-01', 110)];
    // 1.1^4 = 1.4641
    expect(values(transformSeries(quarters, 'COMPOUNDED_ANNUAL_RATE', 'QUARTERLY'))).toEqual([null, 46.41]);
    expect(values(transformSeries([obs('2023-01-01', 80), obs('2024-01-01', 100)], 'COMPOUNDED_ANNUAL_RATE', 'ANNUAL'))).toEqual([null, 25]);
    // Days: n = 365. 1.001^365 = e^(365 ln 1.001) = e^0.3648176 = 1.4402513: 44.0251 (366 days would give 44.1692).
    expect(values(transformSeries([obs('2024-01-01', 100), obs('2024-01-02', 100.1)], 'COMPOUNDED_ANNUAL_RATE', 'DAILY'))).toEqual([null, 44.0251]);
  });

  test('year-ago transforms use the observation n periods back, which may lie before the range', () => {
    const series = [obs('2023-01-01', 50), obs('2023-02-01', 40, true), obs('2024-01-01', 60), obs('2024-02-01', 30)];
    const pct = transformSeries(series, 'PERCENT_CHANGE_FROM_YEAR_AGO', 'MONTHLY');
    expect(values(pct)).toEqual([null, null, 20, -25]);
    // February 2024 used an estimate a year earlier: it is flagged; the count stays its own.
    expect(pct.map((o) => o.isEstimate)).toEqual([false, true, false, true]);
    expect(values(transformSeries(series, 'CHANGE_FROM_YEAR_AGO', 'MONTHLY'))).toEqual([null, null, 10, -10]);
  });

  test('days: the previous calendar day and the same day a year earlier (29 February: 28 February)', () => {
    const days = [obs('2023-02-28', 20), obs('2024-02-28', 24), obs('2024-02-29', 25), obs('2024-03-01', 30)];
    expect(values(transformSeries(days, 'CHANGE', 'DAILY'))).toEqual([null, null, 1, 5]);
    expect(values(transformSeries(days, 'PERCENT_CHANGE_FROM_YEAR_AGO', 'DAILY'))).toEqual([null, 20, 25, null]);
  });

  test('the log of zero and negative values is null; a period with one point transforms like any other', () => {
    expect(values(transformSeries([obs('2024-01-01', -5), obs('2024-02-01', 0), obs('2024-03-01', Math.E)], 'NATURAL_LOG', 'MONTHLY'))).toEqual([null, null, 1]);
    expect(values(transformSeries([obs('2024-01-01', 7, false, 1)], 'PERCENT_CHANGE', 'MONTHLY'))).toEqual([null]);
  });

  test('a missing value stays missing', () => {
    expect(values(transformSeries([obs('2024-01-01', 10), obs('2024-02-01', null)], 'CHANGE', 'MONTHLY'))).toEqual([null, null]);
  });

  test('continuously compounded rates: 100 (ln x - ln x(t-1)), and n times that', () => {
    // ln(110 / 100) = 0.0953101798...: 9.5310 percent; quarterly x 4 = 38.1241; monthly x 12 = 114.3722
    const q = [obs('2024-01-01', 100), obs('2024-04-01', 110), obs('2024-07-01', 0), obs('2024-10-01', 5)];
    expect(values(transformSeries(q, 'CONTINUOUSLY_COMPOUNDED_RATE', 'QUARTERLY'))).toEqual([null, 9.531, null, null]);
    expect(values(transformSeries(q, 'CONTINUOUSLY_COMPOUNDED_ANNUAL_RATE', 'QUARTERLY'))).toEqual([null, 38.1241, null, null]);
    expect(values(transformSeries([obs('2024-01-01', 100), obs('2024-02-01', 110)], 'CONTINUOUSLY_COMPOUNDED_ANNUAL_RATE', 'MONTHLY'))).toEqual([null, 114.3722]);
    expect(values(transformSeries([obs('2024-01-01', 100), obs('2024-01-02', 110)], 'CONTINUOUSLY_COMPOUNDED_ANNUAL_RATE', 'DAILY'))).toEqual([null, 3478.8216]);
    expect(values(transformSeries([obs('2024-01-01', -1), obs('2024-02-01', 2)], 'CONTINUOUSLY_COMPOUNDED_RATE', 'MONTHLY'))).toEqual([null, null]);
    expect(earliestNeeded('2024-01-01', 'MONTHLY', 'CONTINUOUSLY_COMPOUNDED_RATE')).toBe('2023-12-01');
    expect(earliestNeeded('2024-01-01', 'ANNUAL', 'CONTINUOUSLY_COMPOUNDED_ANNUAL_RATE')).toBe('2023-01-01');
  });

  test('an incomplete period is compared only with an incomplete one over the same months', () => {
    const partial = (date: string, value: number, coverage: string | null) => ({ ...obs(date, value), isComplete: false, coverage });
    const years = [obs('2023-01-01', 100), partial('2024-01-01', 90, '1-11'), partial('2025-01-01', 81, '1-11'), partial('2026-01-01', 40, '1-5'), obs('2027-01-01', 50)];
    // 2024 (Jan-Nov) against 2023 (whole): null; 2025 against 2024, both Jan-Nov: -10%; 2026 (Jan-May) against 2025 (Jan-Nov): null; 2027 (whole) against 2026 (partial): null
    expect(values(transformSeries(years, 'PERCENT_CHANGE', 'ANNUAL'))).toEqual([null, null, -10, null, null]);
    // Prices' partial periods carry no coverage: never compared.
    expect(values(transformSeries([partial('2024-01-01', 10, null), partial('2024-02-01', 11, null)], 'CHANGE', 'MONTHLY'))).toEqual([null, null]);
    expect(comparable(obs('2024-01-01', 1), obs('2023-01-01', 1))).toBe(true);
  });

  test('results are rounded by their kind: differences as the series, percentages to 4 places, logs to 10 digits', () => {
    const s = [obs('2024-01-01', 3), obs('2024-02-01', 10)];
    expect(values(transformSeries(s, 'CHANGE', 'MONTHLY', 'LEVEL'))).toEqual([null, 7]);
    expect(values(transformSeries([obs('2024-01-01', 0.1), obs('2024-02-01', 0.3)], 'CHANGE', 'MONTHLY', 'LEVEL'))).toEqual([null, 0.2]);
    expect(values(transformSeries(s, 'PERCENT_CHANGE', 'MONTHLY'))).toEqual([null, 233.3333]);
    expect(values(transformSeries([obs('2024-01-01', 2)], 'NATURAL_LOG', 'MONTHLY'))).toEqual([0.6931471806]);
    expect(unitsKind('CHANGE', 'RATIO')).toBe('RATIO');
    expect(unitsKind('PERCENT_CHANGE_FROM_YEAR_AGO', 'LEVEL')).toBe('PERCENT');
    expect(unitsKind('NATURAL_LOG', 'LEVEL')).toBe('RATIO');
    expect(unitsKind('LEVEL', 'LEVEL')).toBe('LEVEL');
  });
});

describe('seriesStats', () => {
  test('count, min and max with dates, mean, median, p10 and p90 (linear between closest ranks)', () => {
    // Values 1..10 out of order, one missing.
    const list = [5, 3, 9, 1, 7, 10, 2, 8, 4, 6].map((v, i) => obs(`2024-${String(i + 1).padStart(2, '0')}-01`, v));
    list.push(obs('2024-11-01', null));
    const s = seriesStats(list);
    expect(s.count).toBe(10);
    expect([s.min?.date, s.min?.value, s.max?.date, s.max?.value]).toEqual(['2024-04-01', 1, '2024-06-01', 10]);
    expect(s.mean).toBe(5.5);
    expect(s.median).toBe(5.5);
    // h = 9 * 0.1 = 0.9: 1 + 0.9 * (2 - 1) = 1.9; h = 8.1: 9 + 0.1 * 1 = 9.1
    expect(s.p10).toBe(1.9);
    expect(s.p90).toBe(9.1);
  });

  test('one observation; none; ties take the earliest date', () => {
    expect(seriesStats([obs('2024-01-01', 3)])).toMatchObject({ count: 1, mean: 3, median: 3, p10: 3, p90: 3 });
    expect(seriesStats([])).toEqual({ count: 0, min: null, max: null, mean: null, median: null, p10: null, p90: null });
    expect(seriesStats([obs('2024-02-01', 2), obs('2024-01-01', 2)]).min?.date).toBe('2024-01-01');
    // Ties in date order, as the series passes them: the first of the equal lowest and of the equal highest.
    const ascending = [obs('2024-01-01', 2), obs('2024-02-01', 7), obs('2024-03-01', 2), obs('2024-04-01', 7)];
    const s = seriesStats(ascending);
    expect([s.min?.date, s.min?.value, s.max?.date, s.max?.value]).toEqual(['2024-01-01', 2, '2024-02-01', 7]);
    // The same ties out of date order: still the earliest date.
    const shuffled = seriesStats([obs('2024-04-01', 7), obs('2024-03-01', 2), obs('2024-02-01', 7), obs('2024-01-01', 2)]);
    expect([shuffled.min?.date, shuffled.max?.date]).toEqual(['2024-01-01', '2024-02-01']);
  });

  test('statistics are rounded as the series: 10 / 3 is 3.333333 for levels, 3.333333333 for ratios', () => {
    const list = [obs('2024-01-01', 1), obs('2024-02-01', 4), obs('2024-03-01', 5)];
    expect(seriesStats(list).mean).toBe(3.333333);
    expect(seriesStats(list, 'RATIO').mean).toBe(3.333333333);
    expect(seriesStats(list, 'PERCENT').mean).toBe(3.3333);
    // The later of two equal highest values is not the max: the earliest is.
    expect(seriesStats([obs('2024-01-01', 9), obs('2024-02-01', 9), obs('2024-03-01', 1)]).max?.date).toBe('2024-01-01');
  });

  test('quantile', () => {
    expect(quantile([10, 20], 0.5)).toBe(15);
    expect(quantile([10, 20, 40], 0.9)).toBe(36);
    expect(quantile([], 0.5)).toBeNull();
  });
});

describe('mass and price units', () => {
  test.each([
    ['TONNES', 850, 850],
    ['KILOGRAMS', 850, 850_000],
    ['TROY_OUNCES', 1, 32150.7466],
    ['MILLION_TROY_OUNCES', 1000, 32.150747], // 32.1507466 to 6 decimal places (a level)
  ] as const)('%s: %d t = %d', (unit, tonnes, expected) => expect(massIn(tonnes, unit)).toBe(expected));

  test.each([
    ['USD_PER_TROY_OUNCE', 31.1034768, 31.1034768],
    ['USD_PER_GRAM', 31.1034768, 1],
    ['USD_PER_KILOGRAM', 31.1034768, 1000],
    ['USD_PER_GRAM', 92.062, 2.959862], // 92.062 / 31.1034768 = 2.959862030601, to 6 decimal places (a level)
  ] as const)('%s: %d USD/oz = %d', (unit, usdPerOz, expected) => expect(priceIn(usdPerOz, unit)).toBe(expected));
});
