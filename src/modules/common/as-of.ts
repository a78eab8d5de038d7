// "As of a date": answers with only what had been published by then (docs/domain.md). Reads carry
// the date as YYYY-MM-DD text (null = current values) from the argument down to every loader key.
import { formatCalendarDate } from './date.scalar';

/** The `asOf` argument as the loaders take it: YYYY-MM-DD, or null for current values. */
export function asOfDay(asOf: Date | null | undefined): string | null {
  return asOf ? formatCalendarDate(asOf) : null;
}
