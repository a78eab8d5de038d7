// The pure part of the series module (src/modules/series/series.build.ts): which periods are
// complete, the read a series' arguments plan, records to observations, and the observations a
// series returns with their sources. No database: records are written out by hand.
import 'reflect-metadata';
import { BadUserInputError } from '../../src/modules/common/errors';
import type { SeriesShapeArgs } from '../../src/modules/series/series.args';
import { MAX_DAYS_WITHOUT_PRICE, STORED_FREQUENCY, periodIsComplete, periodsOf, planPriceSeries, selectObservations, type PeriodObservation, type SeriesShape } from '../../src/modules/series/series.build';
import type { PeriodRecord } from '../../src/modules/series/series.sql';
import type { Frequency } from '../../src/modules/series/series.type';

describe('STORED_FREQUENCY and MAX_DAYS_WITHOUT_PRICE', () => {
  test('each price kind is stored at its own frequency; four days without a price are allowed', () => {
    expect(STORED_FREQUENCY).toEqual({ SPOT: 'DAILY', MONTHLY_AVERAGE: 'MONTHLY', ANNUAL_AVERAGE: 'ANNUAL' });
    expect(MAX_DAYS_WITHOUT_PRICE).toBe(4);
  });
});

describe('periodIsComplete', () => {
  const cases: [string, { dates: number; longestGap: number }, Frequency, Frequency, boolean][] = [
    // At the stored frequency a period is its one point: complete whatever the counts say.
    ['daily at daily, counts ignored', { dates: 0, longestGap: 99 }, 'DAILY', 'DAILY', true],
    ['monthly at monthly, no dates', { dates: 0, longestGap: 0 }, 'MONTHLY', 'MONTHLY', true],
    ['annual at annual', { dates: 0, longestGap: 0 }, 'ANNUAL', 'ANNUAL', true],
    // Daily points: the longest gap decides, 4 days allowed, 5 not; the count of dates does not.
    ['daily to monthly, gap 4', { dates: 1, longestGap: 4 }, 'DAILY', 'MONTHLY', true],
    ['daily to monthly, gap 5', { dates: 28, longestGap: 5 }, 'DAILY', 'MONTHLY', false],
    ['daily to annual, gap 0', { dates: 250, longestGap: 0 }, 'DAILY', 'ANNUAL', true],
    ['daily to quarterly, gap 12', { dates: 60, longestGap: 12 }, 'DAILY', 'QUARTERLY', false],
    // Monthly points: every month of the period needs one (a quarter 3, a year 12); gaps are not looked at.
    ['monthly to quarterly, 3 months', { dates: 3, longestGap: 40 }, 'MONTHLY', 'QUARTERLY', true],
    ['monthly to quarterly, 2 months', { dates: 2, longestGap: 0 }, 'MONTHLY', 'QUARTERLY', false],
    ['monthly to annual, 12 months', { dates: 12, longestGap: 0 }, 'MONTHLY', 'ANNUAL', true],
    ['monthly to annual, 11 months', { dates: 11, longestGap: 0 }, 'MONTHLY', 'ANNUAL', false],
  ];
  test.each(cases)('%s', (_name, record, stored, frequency, expected) => {
    expect(periodIsComplete(record, stored, frequency)).toBe(expected);
  });
});

const args = (a: Partial<SeriesShapeArgs>): SeriesShapeArgs => ({ aggregation: 'AVERAGE', units: 'LEVEL', includeIncomplete: false, ...a }) as SeriesShapeArgs;
const day = (text: string) => new Date(`${text}T00:00:00Z`);

describe('planPriceSeries', () => {
  test('no arguments: the stored frequency, everything read, current values, complete periods only', () => {
    expect(planPriceSeries(['GOLD'], 'SPOT', { aggregation: 'AVERAGE', units: 'LEVEL' } as SeriesShapeArgs)).toEqual({
      read: { metals: ['GOLD'], kind: 'SPOT', frequency: 'DAILY', aggregation: 'AVERAGE', from: null, until: null, asOf: null, ratio: null, gaps: false },
      stored: 'DAILY',
      firstPeriod: null,
      lastPeriod: null,
      units: 'LEVEL',
      includeIncomplete: false,
    });
  });

  test('daily prices to months, a year-ago transform, as of a date, a ratio', () => {
    const plan = planPriceSeries(
      ['GOLD', 'SILVER'],
      'SPOT',
      args({ frequency: 'MONTHLY', dateFrom: day('2024-03-15'), dateTo: day('2024-05-20'), units: 'PERCENT_CHANGE_FROM_YEAR_AGO', asOf: day('2024-06-01'), includeIncomplete: true, aggregation: 'MAX' }),
      { numerator: 'GOLD', denominator: 'SILVER' },
    );
    expect(plan).toEqual({
      // March 2024 a year back is March 2023; the read stops before June, the month after May.
      read: { metals: ['GOLD', 'SILVER'], kind: 'SPOT', frequency: 'MONTHLY', aggregation: 'MAX', from: '2023-03-01', until: '2024-06-01', asOf: '2024-06-01', ratio: { numerator: 'GOLD', denominator: 'SILVER' }, gaps: true },
      stored: 'DAILY',
      firstPeriod: '2024-03-01',
      lastPeriod: '2024-05-01',
      units: 'PERCENT_CHANGE_FROM_YEAR_AGO',
      includeIncomplete: true,
    });
  });

  test('quarters with a one-period transform: one quarter earlier is read, up to the next quarter', () => {
    const plan = planPriceSeries(['SILVER'], 'SPOT', args({ frequency: 'QUARTERLY', dateFrom: day('2024-02-10'), dateTo: day('2024-08-31'), units: 'PERCENT_CHANGE' }));
    expect([plan.firstPeriod, plan.lastPeriod, plan.read.from, plan.read.until, plan.read.gaps]).toEqual(['2024-01-01', '2024-07-01', '2023-10-01', '2024-10-01', true]);
  });

  test('monthly averages to years: no gaps measured (only daily points have gaps); a LEVEL reads from the first period', () => {
    const plan = planPriceSeries(['GOLD'], 'MONTHLY_AVERAGE', args({ frequency: 'ANNUAL', dateFrom: day('2020-06-30'), dateTo: day('2022-01-01') }));
    expect(plan.stored).toBe('MONTHLY');
    expect([plan.firstPeriod, plan.lastPeriod, plan.read.from, plan.read.until, plan.read.gaps]).toEqual(['2020-01-01', '2022-01-01', '2020-01-01', '2023-01-01', false]);
  });

  test('a kind at its own stored frequency, asked explicitly, is accepted', () => {
    expect(planPriceSeries(['GOLD'], 'ANNUAL_AVERAGE', args({ frequency: 'ANNUAL' })).read.frequency).toBe('ANNUAL');
    expect(planPriceSeries(['GOLD'], 'MONTHLY_AVERAGE', args({})).read.frequency).toBe('MONTHLY');
  });

  const refused: [PriceKindName, Frequency, string][] = [
    ['MONTHLY_AVERAGE', 'DAILY', 'Argument "frequency": MONTHLY_AVERAGE prices are stored MONTHLY; a series can be aggregated to MONTHLY, QUARTERLY, ANNUAL, not split into DAILY.'],
    ['ANNUAL_AVERAGE', 'QUARTERLY', 'Argument "frequency": ANNUAL_AVERAGE prices are stored ANNUAL; a series can be aggregated to ANNUAL, not split into QUARTERLY.'],
  ];
  test.each(refused)('%s split into %s is refused, naming the argument', (kind, frequency, message) => {
    let error: unknown;
    try {
      planPriceSeries(['GOLD'], kind, args({ frequency }));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(BadUserInputError);
    expect((error as BadUserInputError).message).toBe(message);
    expect((error as BadUserInputError).extensions).toEqual({ code: 'BAD_USER_INPUT', argument: 'frequency' });
  });
});

type PriceKindName = 'SPOT' | 'MONTHLY_AVERAGE' | 'ANNUAL_AVERAGE';

describe('periodsOf', () => {
  const record = (r: Partial<PeriodRecord>): PeriodRecord => ({ metal: 'GOLD', day: '2024-01-01', value: 1, count: 1, dates: 1, isEstimate: false, sourceIds: null, longestGap: 0, ...r });
  const records: PeriodRecord[] = [
    record({ day: '2024-01-01', value: 1.23456789012345, count: 21, dates: 21, isEstimate: true, sourceIds: '3,11', longestGap: 4 }),
    record({ metal: 'SILVER', day: '2024-01-01', value: 23.5, sourceIds: '7' }),
    record({ day: '2024-02-01', value: null, count: 0, dates: 0, sourceIds: null, longestGap: 29 }),
  ];
  const plan = { stored: 'DAILY' as const, read: { frequency: 'MONTHLY' } as { frequency: Frequency } } as Parameters<typeof periodsOf>[2];

  test("one metal's records, values rounded as levels by default (6 decimals), completeness from the gaps", () => {
    expect(periodsOf(records, 'GOLD', plan)).toEqual([
      { date: '2024-01-01', value: 1.234568, isEstimate: true, count: 21, isComplete: true, coverage: null, sourceIds: [3, 11] },
      { date: '2024-02-01', value: null, isEstimate: false, count: 0, isComplete: false, coverage: null, sourceIds: [] },
    ]);
  });

  test('values of a ratio are rounded to 10 significant digits', () => {
    expect(periodsOf(records, 'GOLD', plan, 'RATIO').map((o) => o.value)).toEqual([1.23456789, null]);
    expect(periodsOf(records, 'SILVER', plan, 'RATIO')).toEqual([{ date: '2024-01-01', value: 23.5, isEstimate: false, count: 1, isComplete: true, coverage: null, sourceIds: [7] }]);
  });
});

describe('selectObservations', () => {
  const period = (date: string, value: number | null, isComplete: boolean, sourceIds: number[]): PeriodObservation => ({ date, value, isEstimate: false, count: 1, isComplete, coverage: null, sourceIds });
  // Monthly; March covers part of its month only.
  const periods = [
    period('2024-01-01', 100, true, [1]),
    period('2024-02-01', 110, true, [2]),
    period('2024-03-01', 99, false, [3]),
    period('2024-04-01', 121, true, [12, 4]),
    period('2024-05-01', 130, true, [5]),
  ];
  const shape = (s: Partial<SeriesShape>): SeriesShape => ({ frequency: 'MONTHLY', aggregation: 'AVERAGE', units: 'PERCENT_CHANGE', kind: 'LEVEL', firstPeriod: '2024-02-01', lastPeriod: '2024-04-01', includeIncomplete: false, ...s });

  test('the range cut at both ends (inclusive), the incomplete period left out and counted, sources of the values and of the earlier periods they read', () => {
    const { observations, sourceIds, incompleteLeftOut } = selectObservations(periods, shape({}));
    // February: 100 x (110/100 - 1) = 10, read January too. April: March is partial, April whole: not comparable, null.
    expect(observations.map((o) => [o.date, o.value])).toEqual([
      ['2024-02-01', 10],
      ['2024-04-01', null],
    ]);
    // February's 2 and January's 1; April's own 12 and 4 (not March's 3: April's value is null). In numeric order.
    expect(sourceIds).toEqual([1, 2, 4, 12]);
    expect(incompleteLeftOut).toBe(1);
  });

  test('includeIncomplete keeps the partial period (its value null: nothing to compare it with)', () => {
    const { observations, sourceIds, incompleteLeftOut } = selectObservations(periods, shape({ includeIncomplete: true }));
    expect(observations.map((o) => [o.date, o.value, o.isComplete])).toEqual([
      ['2024-02-01', 10, true],
      ['2024-03-01', null, false],
      ['2024-04-01', null, true],
    ]);
    expect(sourceIds).toEqual([1, 2, 3, 4, 12]);
    expect(incompleteLeftOut).toBe(0);
  });

  test('no range: every period; LEVEL reads no earlier period, so only own sources count', () => {
    const { observations, sourceIds, incompleteLeftOut } = selectObservations(periods, shape({ units: 'LEVEL', firstPeriod: null, lastPeriod: null }));
    expect(observations.map((o) => [o.date, o.value])).toEqual([
      ['2024-01-01', 100],
      ['2024-02-01', 110],
      ['2024-04-01', 121],
      ['2024-05-01', 130],
    ]);
    expect(sourceIds).toEqual([1, 2, 4, 5, 12]);
    expect(incompleteLeftOut).toBe(1);
  });

  test('a LEVEL range of one period: its own sources only', () => {
    const { observations, sourceIds } = selectObservations(periods, shape({ units: 'LEVEL', firstPeriod: '2024-05-01', lastPeriod: '2024-05-01' }));
    expect(observations.map((o) => o.date)).toEqual(['2024-05-01']);
    expect(sourceIds).toEqual([5]);
  });

  test('a change from a year ago reads the period twelve months back', () => {
    const yearly = [period('2023-05-01', 80, true, [20]), period('2024-04-01', 90, true, [21]), period('2024-05-01', 100, true, [22])];
    const { observations, sourceIds } = selectObservations(yearly, shape({ units: 'CHANGE_FROM_YEAR_AGO', firstPeriod: '2024-05-01', lastPeriod: null }));
    // 100 - 80 = 20, May 2023's source with May 2024's (not April's).
    expect(observations.map((o) => [o.date, o.value])).toEqual([['2024-05-01', 20]]);
    expect(sourceIds).toEqual([20, 22]);
  });
});
