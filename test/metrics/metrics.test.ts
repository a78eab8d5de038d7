import {
  TROY_OUNCES_PER_TONNE,
  change,
  changeSince,
  declineStreak,
  goldSilverRatio,
  isFullYear,
  lowestSince,
  periodKey,
  previousPeriod,
  previousPeriodKey,
  rank,
  share,
  tidy,
  roundAs,
  roundLevel,
  roundPercent,
  roundRatio,
  troyOunces,
  unitPriceUsdPerOz,
  yoyChange,
} from '../../src/metrics';

const round = (x: number | null | undefined, d = 1) => (x == null ? x : Number(x.toFixed(d)));

describe('yoyChange / change', () => {
  test.each([
    // [name, current, previous, expected]
    ['Kazakhstan refined 2024 vs 2023', 697.5, 885.152, { previous: 885.152, absolute: -187.652, percent: -21.2, ratio: 0.788 }],
    ['January-November 2025 vs 2024', 567.5, 638.358, { previous: 638.358, absolute: -70.858, percent: -11.1, ratio: 0.889 }],
    ['growth', 150, 100, { previous: 100, absolute: 50, percent: 50, ratio: 1.5 }],
    ['no change', 7, 7, { previous: 7, absolute: 0, percent: 0, ratio: 1 }],
    ['previous zero: percent and ratio null', 5, 0, { previous: 0, absolute: 5, percent: null, ratio: null }],
    ['both zero', 0, 0, { previous: 0, absolute: 0, percent: null, ratio: null }],
    ['current zero', 0, 10, { previous: 10, absolute: -10, percent: -100, ratio: 0 }],
  ])('%s', (_name, current, previous, expected) => {
    const c = yoyChange(current, previous)!;
    expect(c.previous).toBe(expected.previous);
    expect(c.absolute).toBeCloseTo(expected.absolute, 6);
    expect(round(c.percent)).toBe(expected.percent);
    expect(round(c.ratio, 3)).toBe(expected.ratio);
  });

  test.each([
    ['missing previous row', 10, null],
    ['missing previous (undefined)', 10, undefined],
    ['missing current', null, 10],
    ['NaN', Number.NaN, 10],
  ])('%s -> null', (_name, current, previous) => {
    expect(change(current as number | null, previous as number | null)).toBeNull();
  });

  test('changeSince: silver 2026-01-01 vs 2025-01-01 is 2.33 times', () => {
    expect(round(changeSince(72.8, 31.3)!.ratio, 2)).toBe(2.33);
  });
});

describe('periods', () => {
  test.each([
    [{ year: 2024, monthFrom: 1, monthTo: 12 }, true, '2024:1-12', '2023:1-12'],
    [{ year: 2025, monthFrom: 1, monthTo: 11 }, false, '2025:1-11', '2024:1-11'],
    [{ year: 2025, monthFrom: 10, monthTo: 10 }, false, '2025:10-10', '2024:10-10'],
    [{ year: 2025, monthFrom: 2, monthTo: 12 }, false, '2025:2-12', '2024:2-12'],
  ])('%j: full year %s, key %s, previous %s', (p, full, key, prevKey) => {
    expect(isFullYear(p)).toBe(full);
    expect(periodKey(p)).toBe(key);
    expect(previousPeriodKey(p)).toBe(prevKey);
    expect(previousPeriod(p)).toEqual({ ...p, year: p.year - 1 });
  });
  test('partial periods never match full years', () => {
    expect(previousPeriodKey({ year: 2025, monthFrom: 1, monthTo: 11 })).not.toBe(periodKey({ year: 2024, monthFrom: 1, monthTo: 12 }));
  });
});

describe('lowestSince', () => {
  const series = [
    { year: 2010, value: 600 },
    { year: 2012, value: 690 },
    { year: 2013, value: 800 },
    { year: 2020, value: 900 },
    { year: 2023, value: 885 },
    { year: 2024, value: 697.5 },
  ];
  test.each([
    ['lowest since the latest earlier year as low', { year: 2024, value: 697.5 }, 2012],
    ['an equal value counts', { year: 2024, value: 690 }, 2012],
    ['record low', { year: 2024, value: 100 }, null],
    ['first year of the series', { year: 2010, value: 600 }, null],
    ['only earlier years count', { year: 2013, value: 800 }, 2012],
    ['previous year higher, older one lower', { year: 2023, value: 885 }, 2013],
  ])('%s', (_name, current, expected) => {
    expect(lowestSince(series, current)).toBe(expected);
  });
  test('empty series', () => expect(lowestSince([], { year: 2024, value: 1 })).toBeNull());
});

describe('declineStreak', () => {
  const s = (...pairs: Array<[number, number]>) => pairs.map(([year, value]) => ({ year, value }));
  test.each([
    ['no full-year data', s(), null],
    ['single year', s([2024, 697.5]), 0],
    ['one fall', s([2023, 885.152], [2024, 697.5]), 1],
    ['five consecutive falls', s([2019, 1100], [2020, 1000], [2021, 950], [2022, 900], [2023, 885], [2024, 697.5]), 5],
    ['latest rose', s([2022, 900], [2023, 800], [2024, 850]), 0],
    ['latest flat', s([2023, 800], [2024, 800]), 0],
    ['streak ends at a rise', s([2020, 1], [2021, 5], [2022, 4], [2023, 3]), 2],
    ['a missing year ends the streak', s([2019, 10], [2020, 9], [2022, 8], [2023, 7]), 1],
    ['unsorted input', s([2024, 1], [2022, 3], [2023, 2]), 2],
  ])('%s -> %s', (_name, series, expected) => {
    expect(declineStreak(series)).toBe(expected);
  });
});

describe('share', () => {
  test.each([
    ['UK share of Kazakhstan exports', 242.4, 516.8, 0.469],
    ['Kazakhstan share of world mine output', 1000, 25000, 0.04],
    ['whole', 5, 5, 1],
    ['missing part', null, 5, null],
    ['missing total', 5, null, null],
    ['zero total', 5, 0, null],
    ['zero part', 0, 5, 0],
  ])('%s', (_name, part, total, expected) => {
    expect(round(share(part, total), 3)).toBe(expected);
  });
});

describe('unit prices', () => {
  test('troy ounces per tonne', () => {
    expect(troyOunces(1)).toBe(TROY_OUNCES_PER_TONNE);
    expect(troyOunces(697.5)).toBeCloseTo(22425145.75, 1);
  });
  test.each([
    ['Jan-Oct 2025 exports', 581_100_000, 516.8, 34.97],
    ['Jan-Oct 2024 exports', 487_091_366.3, 567.912, 26.68],
    ['missing value', null, 516.8, null],
    ['missing tonnes', 581_100_000, null, null],
    ['zero tonnes', 100, 0, null],
  ])('%s', (_name, value, tonnes, expected) => {
    expect(round(unitPriceUsdPerOz(value, tonnes), 2)).toBe(expected);
  });
});

describe('goldSilverRatio', () => {
  test.each([
    ['2026-01-12', 4602.09, 85.7, 53.7],
    ['2025-01-01', 2795.09, 31.3, 89.3],
    ['missing gold', null, 85.7, null],
    ['missing silver', 4602.09, null, null],
    ['silver zero', 4602.09, 0, null],
  ])('%s', (_name, gold, silver, expected) => {
    expect(round(goldSilverRatio(gold, silver))).toBe(expected);
  });
});

describe('rank', () => {
  const entries = [
    { key: 'MEX', value: 6300 },
    { key: 'CHN', value: 3300 },
    { key: 'PER', value: 3100 },
    { key: 'BOL', value: 3100 },
    { key: 'KAZ', value: 1000 },
  ];
  test.each([
    ['MEX', 1],
    ['CHN', 2],
    ['PER', 3],
    ['BOL', 3], // ties share a rank
    ['KAZ', 5], // ...and the next rank is skipped
    ['USA', null], // no row
  ])('%s -> %s', (key, expected) => {
    expect(rank(entries, key)).toBe(expected);
  });
  test('empty', () => expect(rank([], 'KAZ')).toBeNull());
});

describe('tidy: computed figures carry no floating-point noise', () => {
  it.each([
    [4389.84 / 72.8, 60.3],
    [0.1 + 0.2, 0.3],
    [-21.199974693611946, -21.1999746936],
    [1e-20, 1e-20],
  ])('tidy(%p) = %p', (input, expected) => {
    expect(tidy(input)).toBe(expected);
  });

  it.each([
    ['roundLevel', roundLevel, 0.9137000000000003, 0.9137],
    ['roundLevel', roundLevel, 3458.6200000000003, 3458.62],
    ['roundLevel', roundLevel, 28.269166666666667, 28.269167],
    ['roundLevel', roundLevel, -0.0000005, -0.000001], // half away from zero
    ['roundLevel', roundLevel, 487091366.3000001, 487091366.3],
    ['roundRatio', roundRatio, 111.72718221042151, 111.7271822],
    ['roundRatio', roundRatio, 850 / 25300, 0.03359683794],
    ['roundPercent', roundPercent, -21.199974693611946, -21.2],
    ['roundPercent', roundPercent, 100 * (1020 / 1080 - 1), -5.5556],
  ] as const)('%s(%p) = %p', (_name, round, input, expected) => {
    expect(round(input)).toBe(expected);
  });

  it('roundAs picks the rule of the kind', () => {
    expect([roundAs('LEVEL', 2 / 3), roundAs('RATIO', 2 / 3), roundAs('PERCENT', 2 / 3)]).toEqual([0.666667, 0.6666666667, 0.6667]);
  });

  it('the gold/silver ratio of 4389.84 and 72.8 is exactly 60.3', () => {
    expect(goldSilverRatio(4389.84, 72.8)).toBe(60.3);
  });
});
