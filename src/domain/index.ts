// The domain vocabulary in one place (definitions: docs/domain.md): metals, stages and price kinds,
// periods, year bounds, country codes, calendar dates, and the rule that picks an observation's
// current value among its revisions. Pure: no database, no GraphQL; the importer, the loaders and the
// API all take their constants and rules from here.
import { Metal, PriceKind, ProductionStage } from '../generated/prisma/enums';

export { Metal, PriceKind, ProductionStage };

// ---------------------------------------------------------------------------------------------
// Enumerations (their values are the database enums of prisma/schema.prisma)

export const METALS: readonly Metal[] = Object.values(Metal);
export const PRODUCTION_STAGES: readonly ProductionStage[] = Object.values(ProductionStage);
export const PRICE_KINDS: readonly PriceKind[] = Object.values(PriceKind);

// ---------------------------------------------------------------------------------------------
// Years and periods

/** Years a figure may have (the database's check constraints say the same). */
export const YEAR_MIN = 1800;
export const YEAR_MAX = 2100;

export const MONTH_MIN = 1;
export const MONTH_MAX = 12;

/** A period of a year: months monthFrom..monthTo (1..12 = the full year, 1..11 = January-November). */
export interface Period {
  monthFrom: number;
  monthTo: number;
}

export const FULL_YEAR: Readonly<Period> = Object.freeze({ monthFrom: MONTH_MIN, monthTo: MONTH_MAX });

export function isFullYear(p: Period): boolean {
  return p.monthFrom === MONTH_MIN && p.monthTo === MONTH_MAX;
}

export function isYear(n: number): boolean {
  return Number.isInteger(n) && n >= YEAR_MIN && n <= YEAR_MAX;
}

export function isMonth(n: number): boolean {
  return Number.isInteger(n) && n >= MONTH_MIN && n <= MONTH_MAX;
}

/** Months within 1..12 and monthFrom <= monthTo. */
export function isPeriod(p: Period): boolean {
  return isMonth(p.monthFrom) && isMonth(p.monthTo) && p.monthFrom <= p.monthTo;
}

// ---------------------------------------------------------------------------------------------
// Countries

/** The aggregate country that stands for the world total (as the World Bank and UN Comtrade code it). */
export const WORLD_ISO3 = 'WLD';

/** ISO 3166-1 codes as stored: upper case. Input may be in any case (see normalizeIso3). */
export const ISO3_PATTERN = /^[A-Z]{3}$/;
export const ISO2_PATTERN = /^[A-Z]{2}$/;

/** The upper-case alpha-3 code for three letters in any case; null for anything else. */
export function normalizeIso3(text: string): string | null {
  const upper = text.toUpperCase();
  return ISO3_PATTERN.test(upper) ? upper : null;
}

/** The upper-case alpha-2 code for two letters in any case; null for anything else. */
export function normalizeIso2(text: string): string | null {
  const upper = text.toUpperCase();
  return ISO2_PATTERN.test(upper) ? upper : null;
}

// ---------------------------------------------------------------------------------------------
// Calendar dates: YYYY-MM-DD, a day without time or zone, held as a Date at 00:00 UTC
// (as Prisma returns @db.Date columns).

export const CALENDAR_DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** Why a text is not a calendar date; each caller words its own message around `reason`. */
export class CalendarDateError extends Error {
  constructor(
    readonly reason: 'format' | 'range' | 'month' | 'day',
    message: string,
  ) {
    super(message);
    this.name = 'CalendarDateError';
  }
}

/** Days in a month of a year (Gregorian calendar). */
export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * "YYYY-MM-DD" that exists on the calendar, in YEAR_MIN..YEAR_MAX, as a Date at 00:00 UTC.
 * Throws CalendarDateError (reason and a message saying what is wrong).
 */
export function parseCalendarDate(text: string): Date {
  const m = CALENDAR_DATE_PATTERN.exec(text);
  if (!m) throw new CalendarDateError('format', `'${text}' is not written YYYY-MM-DD`);
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (month < 1 || month > 12) throw new CalendarDateError('month', `${text} has no month ${m[2]}`);
  const days = daysInMonth(year, month);
  if (day < 1 || day > days) throw new CalendarDateError('day', `${text} is not a real calendar date: ${MONTH_NAMES[month - 1]} ${year} has ${days} days`);
  if (year < YEAR_MIN || year > YEAR_MAX) throw new CalendarDateError('range', `${text} is outside the years ${YEAR_MIN}..${YEAR_MAX}`);
  return new Date(Date.UTC(year, month - 1, day));
}

/**
 * Whether `text` is a date parseCalendarDate accepts, written as formatCalendarDate writes it: true
 * exactly when formatCalendarDate(parseCalendarDate(text)) === text. Read from its characters, with
 * no Date made: days read from the database are written out this way, one per row.
 */
export function isCalendarDay(text: string): boolean {
  if (text.length !== 10 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return false;
  const year = digitsAt(text, 0, 4);
  const month = digitsAt(text, 5, 2);
  const day = digitsAt(text, 8, 2);
  if (year < YEAR_MIN || year > YEAR_MAX || month < 1 || month > 12 || day < 1) return false;
  // Every month has 28 days; only the last few days of a month need its length.
  return day <= 28 || day <= daysInMonth(year, month);
}

/** The number written by `length` ASCII digits at `from`; -1 when one is not a digit. */
function digitsAt(text: string, from: number, length: number): number {
  let n = 0;
  for (let i = from; i < from + length; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

/** A Date's UTC calendar day as YYYY-MM-DD. */
export function formatCalendarDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** The first day of a month (a MONTHLY_AVERAGE price's date) or of a year (ANNUAL_AVERAGE, month 1). */
export function firstDayOf(year: number, month = 1): Date {
  return new Date(Date.UTC(year, month - 1, 1));
}

// ---------------------------------------------------------------------------------------------
// Revisions and the current value (docs/domain.md "Editions, revisions and as of")
// These functions are the reference statement of the rule: the SQL that ships (the writer's choice of
// is_current in src/import/write.ts, and revisionsFrom's as-of pick in src/modules/common/sql.ts) is
// tested against them on one table of cases (test/db/revision-rule.test.ts).

/** What the current-value rule looks at in a revision. */
export interface RankedRevision {
  isEstimate: boolean;
  /** The source's publication date; null counts as the start of time. */
  publishedOn: Date | null;
  /** Storage order: a higher id was stored later. */
  id: number;
}

const publishedTime = (r: { publishedOn: Date | null }) => (r.publishedOn ? r.publishedOn.getTime() : -Infinity);

/**
 * Orders revisions of one observation best first: a non-estimate before an estimate; among equals
 * the later publication (null = the start of time, so the earliest); then the later stored (higher
 * id). The first after sorting is the current value. Negative when `a` ranks before `b`.
 */
export function compareRevisions(a: RankedRevision, b: RankedRevision): number {
  if (a.isEstimate !== b.isEstimate) return a.isEstimate ? 1 : -1;
  const pa = publishedTime(a);
  const pb = publishedTime(b);
  if (pa !== pb) return pb > pa ? 1 : -1;
  return b.id - a.id;
}

/** The current revision among one observation's revisions (undefined for none). */
export function currentRevision<T extends RankedRevision>(revisions: readonly T[]): T | undefined {
  let best: T | undefined;
  for (const r of revisions) if (best === undefined || compareRevisions(r, best) < 0) best = r;
  return best;
}

/** The revisions that existed on `asOf`: those whose source was published on or before it (null = always). */
export function revisionsAsOf<T extends { publishedOn: Date | null }>(revisions: readonly T[], asOf: Date): T[] {
  return revisions.filter((r) => r.publishedOn === null || r.publishedOn.getTime() <= asOf.getTime());
}

/** Revisions in publication order, oldest first (null first, then by id), as `revisions` lists them. */
export function compareByPublication(a: { publishedOn: Date | null; id: number }, b: { publishedOn: Date | null; id: number }): number {
  const pa = publishedTime(a);
  const pb = publishedTime(b);
  if (pa !== pb) return pa < pb ? -1 : 1;
  return a.id - b.id;
}
