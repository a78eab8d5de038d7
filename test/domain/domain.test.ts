// The domain vocabulary (src/domain, docs/domain.md): pure functions, no database.
import {
  CalendarDateError,
  FULL_YEAR,
  ISO2_PATTERN,
  ISO3_PATTERN,
  METALS,
  PRICE_KINDS,
  PRODUCTION_STAGES,
  WORLD_ISO3,
  YEAR_MAX,
  YEAR_MIN,
  compareByPublication,
  compareRevisions,
  currentRevision,
  daysInMonth,
  firstDayOf,
  formatCalendarDate,
  isCalendarDay,
  isFullYear,
  isPeriod,
  isYear,
  normalizeIso2,
  normalizeIso3,
  parseCalendarDate,
  revisionsAsOf,
  type RankedRevision,
} from '../../src/domain';

const day = (s: string) => new Date(`${s}T00:00:00.000Z`);
const MCS2024 = day('2024-01-31');
const MCS2025 = day('2025-01-31');
const MCS2026 = day('2026-02-28');
const ARTICLE = day('2026-01-12');

type Rev = RankedRevision & { tonnes: number };

describe('the current value of an observation', () => {
  test('Kazakhstan mine silver 2024: the reported 850 t (MCS 2026) outranks the estimated 1,000 t (MCS 2025)', () => {
    const revisions: Rev[] = [
      { id: 1, tonnes: 1000, isEstimate: true, publishedOn: MCS2025 },
      { id: 2, tonnes: 850, isEstimate: false, publishedOn: MCS2026 },
    ];
    expect(currentRevision(revisions)?.tonnes).toBe(850);
    // As of 2026-01-15 only MCS 2025 had been published.
    expect(currentRevision(revisionsAsOf(revisions, day('2026-01-15')))?.tonnes).toBe(1000);
    expect(revisionsAsOf(revisions, day('2025-01-30'))).toEqual([]);
    // As of a publication date itself: that edition counts (published on or before the day asked).
    expect(revisionsAsOf(revisions, MCS2025).map((r) => r.id)).toEqual([1]);
    expect(revisionsAsOf(revisions, MCS2026).map((r) => r.id)).toEqual([1, 2]);
    expect(currentRevision([])).toBeUndefined();
  });

  test('world mine silver 2023: a reported value outranks later estimates, derived ones included', () => {
    const revisions: Rev[] = [
      { id: 10, tonnes: 26000, isEstimate: true, publishedOn: MCS2024 },
      { id: 11, tonnes: 25500, isEstimate: false, publishedOn: MCS2025 },
      { id: 12, tonnes: 26595.745, isEstimate: true, publishedOn: ARTICLE }, // derived
    ];
    expect(currentRevision(revisions)?.tonnes).toBe(25500);
    expect([...revisions].sort(compareRevisions).map((r) => r.tonnes)).toEqual([25500, 26595.745, 26000]);
    // Before MCS 2025 only estimates existed: the latest published wins.
    expect(currentRevision(revisionsAsOf(revisions, day('2024-12-31')))?.tonnes).toBe(26000);
  });

  test('among equals the latest publication wins; a null date is the start of time; then the latest stored', () => {
    const undated: Rev = { id: 99, tonnes: 1, isEstimate: false, publishedOn: null };
    const dated: Rev = { id: 1, tonnes: 2, isEstimate: false, publishedOn: day('1990-01-01') };
    expect(currentRevision([undated, dated])?.tonnes).toBe(2);
    expect(compareRevisions(undated, dated)).toBeGreaterThan(0);
    const twin: Rev = { ...dated, id: 2, tonnes: 3 };
    expect(currentRevision([dated, twin])?.tonnes).toBe(3);
    expect(currentRevision([twin, dated])?.tonnes).toBe(3);
    // An undated source exists whatever the date asked.
    expect(revisionsAsOf([undated], day('1800-01-01'))).toEqual([undated]);
    // Publication order for `revisions`: oldest first, undated first, then by id.
    expect([dated, twin, undated].sort(compareByPublication).map((r) => r.id)).toEqual([99, 1, 2]);
  });
});

describe('calendar dates', () => {
  test('YYYY-MM-DD at 00:00 UTC, round trip', () => {
    expect(parseCalendarDate('2026-01-12').toISOString()).toBe('2026-01-12T00:00:00.000Z');
    expect(formatCalendarDate(parseCalendarDate('2024-02-29'))).toBe('2024-02-29');
    expect(formatCalendarDate(firstDayOf(2026, 2))).toBe('2026-02-01');
    expect(formatCalendarDate(firstDayOf(1960))).toBe('1960-01-01');
    // The same as ISO 8601's date part, whatever the day.
    for (const ms of [Date.UTC(1800, 0, 1), Date.UTC(1999, 11, 31), Date.UTC(2100, 8, 9), Date.UTC(999, 5, 6), Date.UTC(1000, 0, 1), Date.UTC(9999, 11, 31, 23, 59)]) {
      expect(formatCalendarDate(new Date(ms))).toBe(new Date(ms).toISOString().slice(0, 10));
    }
    expect(() => formatCalendarDate(new Date(NaN))).toThrow(RangeError);
    expect(daysInMonth(2026, 2)).toBe(28);
  });
  test.each([
    ['2026-1-12', 'format', "'2026-1-12' is not written YYYY-MM-DD"],
    ['12/01/2026', 'format', "'12/01/2026' is not written YYYY-MM-DD"],
    ['2025-13-01', 'month', '2025-13-01 has no month 13'],
    ['2025-02-29', 'day', '2025-02-29 is not a real calendar date: February 2025 has 28 days'],
    ['1799-12-31', 'range', `1799-12-31 is outside the years ${YEAR_MIN}..${YEAR_MAX}`],
  ])('%s is refused (%s)', (text, reason, message) => {
    const err = (() => {
      try {
        parseCalendarDate(text);
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(CalendarDateError);
    expect(err).toMatchObject({ reason, message });
  });
  test.each([
    ['2026-01-12', true],
    ['2024-02-29', true],
    ['2000-02-29', true],
    ['1800-01-01', true],
    ['2100-12-31', true],
    ['2025-04-30', true],
    ['2025-02-29', false],
    ['1900-02-29', false],
    ['2025-04-31', false],
    ['2025-13-01', false],
    ['2025-00-10', false],
    ['2025-01-00', false],
    ['1799-12-31', false],
    ['2101-01-01', false],
    ['2026-1-12', false],
    ['2026-01-12T00:00:00Z', false],
    ['2026/01/12', false],
    ['2O26-01-12', false],
    ['+026-01-12', false],
  ])('isCalendarDay(%s) is %s, as a parse and format round trip says', (text, expected) => {
    expect(isCalendarDay(text)).toBe(expected);
    let roundTrip = false;
    try {
      roundTrip = formatCalendarDate(parseCalendarDate(text)) === text;
    } catch {
      // refused: not a calendar day
    }
    expect(roundTrip).toBe(expected);
  });
});

describe('vocabulary', () => {
  test('enumerations follow the database enums', () => {
    expect(METALS).toEqual(['SILVER', 'GOLD', 'PLATINUM', 'PALLADIUM']);
    expect(PRODUCTION_STAGES).toEqual(['MINE', 'REFINED', 'REFINED_PRIMARY', 'REFINED_SECONDARY']);
    expect(PRICE_KINDS).toEqual(['SPOT', 'MONTHLY_AVERAGE', 'ANNUAL_AVERAGE']);
  });
  test('periods and years', () => {
    expect(FULL_YEAR).toEqual({ monthFrom: 1, monthTo: 12 });
    expect(isFullYear({ monthFrom: 1, monthTo: 12 })).toBe(true);
    expect(isFullYear({ monthFrom: 1, monthTo: 11 })).toBe(false);
    expect(isPeriod({ monthFrom: 1, monthTo: 11 })).toBe(true);
    expect(isPeriod({ monthFrom: 11, monthTo: 1 })).toBe(false);
    expect(isPeriod({ monthFrom: 0, monthTo: 12 })).toBe(false);
    expect([isYear(1800), isYear(2100), isYear(1799), isYear(2101), isYear(2024.5)]).toEqual([true, true, false, false, false]);
  });
  test('country codes', () => {
    expect(WORLD_ISO3).toBe('WLD');
    expect(ISO3_PATTERN.test('KAZ')).toBe(true);
    expect(ISO3_PATTERN.test('kaz')).toBe(false);
    expect(ISO2_PATTERN.test('KZ')).toBe(true);
    expect(normalizeIso3('kaz')).toBe('KAZ');
    expect(normalizeIso3('K4Z')).toBeNull();
    expect(normalizeIso3('KAZA')).toBeNull();
    expect(normalizeIso2('kz')).toBe('KZ');
    expect(normalizeIso2('KZA')).toBeNull();
  });
});
