import { GraphQLScalarType, Kind } from 'graphql';
import { BadUserInputError, showValue } from './errors';
import { MAX_YEAR, MIN_YEAR } from './validation';
import { isCalendarDay } from '../../domain';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** Days in a month of a year (Gregorian calendar). */
function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Parses "YYYY-MM-DD" into a Date at 00:00 UTC; throws BadUserInputError naming the value and what is accepted. */
export function parseCalendarDate(value: unknown): Date {
  if (typeof value !== 'string') {
    throw new BadUserInputError(`Date must be a string in the form YYYY-MM-DD (e.g. "2026-01-12"), got ${showValue(value)}.`);
  }
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) throw new BadUserInputError(`Date must be a calendar date in the form YYYY-MM-DD (e.g. "2026-01-12"), got ${showValue(value)}.`);
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (year < MIN_YEAR || year > MAX_YEAR) {
    throw new BadUserInputError(`Date must be in the years ${MIN_YEAR}..${MAX_YEAR}, got ${showValue(value)}.`);
  }
  if (month < 1 || month > 12) throw new BadUserInputError(`Date must have a month between 01 and 12, got ${showValue(value)}.`);
  const days = daysInMonth(year, month);
  if (day < 1 || day > days) {
    throw new BadUserInputError(`Date must be a real calendar date, got ${showValue(value)}: ${MONTHS[month - 1]} ${year} has ${days} days.`);
  }
  return new Date(Date.UTC(year, month - 1, day));
}

const twoDigits = (n: number) => (n < 10 ? `0${n}` : String(n));

/** Formats a Date (its UTC calendar day, as Prisma returns @db.Date columns) as YYYY-MM-DD. */
export function formatCalendarDate(date: Date): string {
  const year = date.getUTCFullYear();
  // From the parts, not toISOString(): that formats the time too, and ran on every date written
  // out (a fortieth of a 100-price page's CPU). Years outside 1000..9999 (and invalid dates,
  // which throw) keep toISOString's behaviour.
  if (!(year >= 1000 && year <= 9999)) return date.toISOString().slice(0, 10);
  return `${year}-${twoDigits(date.getUTCMonth() + 1)}-${twoDigits(date.getUTCDate())}`;
}

export const DateScalar = new GraphQLScalarType<Date, string>({
  name: 'Date',
  description: 'A calendar date written YYYY-MM-DD (ISO 8601, no time or zone), e.g. "2026-01-12".',
  specifiedByURL: 'https://www.rfc-editor.org/rfc/rfc3339#section-5.6',
  serialize(value: unknown): string {
    if (value instanceof Date && !Number.isNaN(value.getTime())) return formatCalendarDate(value);
    // A day already written YYYY-MM-DD (as rows read it) is its own serialisation.
    if (typeof value === 'string') return isCalendarDay(value) ? value : formatCalendarDate(parseCalendarDate(value));
    throw new TypeError(`Date cannot represent ${showValue(value)}`);
  },
  parseValue: (value: unknown) => parseCalendarDate(value),
  parseLiteral(ast) {
    // The literal's node goes with the error so that formatError can name the argument it stands in.
    if (ast.kind !== Kind.STRING) {
      const shown = 'value' in ast ? String(ast.value) : ast.kind;
      throw new BadUserInputError(`Date must be a string in the form YYYY-MM-DD (e.g. "2026-01-12"), got ${shown}.`, undefined, ast);
    }
    try {
      return parseCalendarDate(ast.value);
    } catch (err) {
      throw err instanceof BadUserInputError ? new BadUserInputError(err.message, undefined, ast) : err;
    }
  },
});
