// Series arithmetic (docs/domain.md "Series, frequencies and transforms"): calendar periods, the
// FRED-style units transforms on an aggregated series, and reference statistics. Aggregating stored
// points into periods is the database's job (src/modules/series/series.sql.ts); these functions take
// the periods' observations, dated at each period's first day (YYYY-MM-DD).
import { roundAs, roundRatio, type FigureKind } from './units';

export type Frequency = 'DAILY' | 'MONTHLY' | 'QUARTERLY' | 'ANNUAL';
export type Units =
  | 'LEVEL'
  | 'CHANGE'
  | 'CHANGE_FROM_YEAR_AGO'
  | 'PERCENT_CHANGE'
  | 'PERCENT_CHANGE_FROM_YEAR_AGO'
  | 'COMPOUNDED_ANNUAL_RATE'
  | 'CONTINUOUSLY_COMPOUNDED_RATE'
  | 'CONTINUOUSLY_COMPOUNDED_ANNUAL_RATE'
  | 'NATURAL_LOG';

/** Lowest to highest: a series can be aggregated to a frequency at or after its own in this list. */
export const FREQUENCIES: readonly Frequency[] = ['DAILY', 'MONTHLY', 'QUARTERLY', 'ANNUAL'];

/** n, the observations per year that COMPOUNDED_ANNUAL_RATE raises to and CONTINUOUSLY_COMPOUNDED_ANNUAL_RATE multiplies by (days: a 365-day year). */
export const PERIODS_PER_YEAR: Readonly<Record<Frequency, number>> = { DAILY: 365, MONTHLY: 12, QUARTERLY: 4, ANNUAL: 1 };

export interface SeriesObservation {
  /** The period's first day, YYYY-MM-DD. */
  date: string;
  value: number | null;
  /** Whether any stored point it used (or, transformed, the earlier observation's) is an estimate. */
  isEstimate: boolean;
  /** How many stored points the period's value used. */
  count: number;
  /** Whether the stored points cover the whole period (docs/domain.md "Complete periods"). */
  isComplete: boolean;
  /**
   * Which part of the period an incomplete observation covers, when two such can be compared like
   * for like (a production row's months, "1-11"); null when they cannot.
   */
  coverage?: string | null;
}

const DAY_MS = 86_400_000;
const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const ymd = (y: number, m: number, d: number) => `${pad(y, 4)}-${pad(m)}-${pad(d)}`;

function parts(date: string): [number, number, number] {
  return [Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10))];
}

function fromUtc(ms: number): string {
  const d = new Date(ms);
  return ymd(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

/** The first day of the period of `frequency` that contains `date`. */
export function periodStart(date: string, frequency: Frequency): string {
  const [y, m, d] = parts(date);
  switch (frequency) {
    case 'DAILY':
      return ymd(y, m, d);
    case 'MONTHLY':
      return ymd(y, m, 1);
    case 'QUARTERLY':
      return ymd(y, m - ((m - 1) % 3), 1);
    case 'ANNUAL':
      return ymd(y, 1, 1);
  }
}

/** The first day of the period `k` periods after the one that starts on `start` (k may be negative). */
export function shiftPeriods(start: string, frequency: Frequency, k: number): string {
  const [y, m, d] = parts(start);
  switch (frequency) {
    case 'DAILY':
      return fromUtc(Date.UTC(y, m - 1, d) + k * DAY_MS);
    case 'MONTHLY':
      return fromUtc(Date.UTC(y, m - 1 + k, 1));
    case 'QUARTERLY':
      return fromUtc(Date.UTC(y, m - 1 + 3 * k, 1));
    case 'ANNUAL':
      return ymd(y + k, 1, 1);
  }
}

/**
 * The period a year before the one that starts on `start`: n periods back for months, quarters and
 * years; for days the same calendar day a year earlier (29 February: 28 February of the year before).
 */
export function yearAgo(start: string, frequency: Frequency): string {
  if (frequency !== 'DAILY') return shiftPeriods(start, frequency, -PERIODS_PER_YEAR[frequency]);
  const [y, m, d] = parts(start);
  return m === 2 && d === 29 ? ymd(y - 1, 2, 28) : ymd(y - 1, m, d);
}

/** The earliest period a transform of the period starting on `start` looks at. */
export function earliestNeeded(start: string, frequency: Frequency, units: Units): string {
  switch (units) {
    case 'LEVEL':
    case 'NATURAL_LOG':
      return start;
    case 'CHANGE':
    case 'PERCENT_CHANGE':
    case 'COMPOUNDED_ANNUAL_RATE':
    case 'CONTINUOUSLY_COMPOUNDED_RATE':
    case 'CONTINUOUSLY_COMPOUNDED_ANNUAL_RATE':
      return shiftPeriods(start, frequency, -1);
    case 'CHANGE_FROM_YEAR_AGO':
    case 'PERCENT_CHANGE_FROM_YEAR_AGO':
      return yearAgo(start, frequency);
  }
}

function earlierOf(date: string, frequency: Frequency, units: Units): string | null {
  const earliest = earliestNeeded(date, frequency, units);
  return earliest === date ? null : earliest;
}

/**
 * The kind of figure a transform gives (its rounding rule): differences keep the series' own kind,
 * percentages and rates are PERCENT, logs are RATIO.
 */
export function unitsKind(units: Units, seriesKind: FigureKind): FigureKind {
  switch (units) {
    case 'LEVEL':
    case 'CHANGE':
    case 'CHANGE_FROM_YEAR_AGO':
      return seriesKind;
    case 'NATURAL_LOG':
      return 'RATIO';
    default:
      return 'PERCENT';
  }
}

/**
 * Whether a transform may compare two observations: both complete, or both incomplete over the
 * same part of their periods (a January-November year with a January-November year). A partial
 * period against a whole one would pass two months off as a quarter.
 */
export function comparable(current: SeriesObservation, earlier: SeriesObservation): boolean {
  if (current.isComplete && earlier.isComplete) return true;
  return !current.isComplete && !earlier.isComplete && current.coverage != null && current.coverage === earlier.coverage;
}

/**
 * The units transform of an aggregated series (ordered or not; each observation's earlier one is
 * found by date, so it may be an observation before the range asked for). A value is null where
 * its own value or its earlier observation is missing, zero (or, for logs, <= 0), or not
 * comparable (see `comparable`). A transformed observation is an estimate when either side is.
 * Values are rounded by the rule of their kind (`unitsKind` of the series' own `kind`).
 */
export function transformSeries(observations: readonly SeriesObservation[], units: Units, frequency: Frequency, kind: FigureKind = 'LEVEL'): SeriesObservation[] {
  if (units === 'LEVEL') return observations.map((o) => ({ ...o }));
  const byDate = new Map(observations.map((o) => [o.date, o]));
  const n = PERIODS_PER_YEAR[frequency];
  const outKind = unitsKind(units, kind);
  return observations.map((o) => {
    const x = o.value;
    if (units === 'NATURAL_LOG') return { ...o, value: x != null && x > 0 ? roundRatio(Math.log(x)) : null };
    const earlierDate = earlierOf(o.date, frequency, units);
    const earlier = earlierDate ? byDate.get(earlierDate) : undefined;
    const previous = earlier?.value;
    const isEstimate = o.isEstimate || Boolean(earlier?.isEstimate);
    if (x == null || previous == null || previous === 0 || !comparable(o, earlier!)) return { ...o, value: null, isEstimate };
    let value: number;
    switch (units) {
      case 'CHANGE':
      case 'CHANGE_FROM_YEAR_AGO':
        value = x - previous;
        break;
      case 'PERCENT_CHANGE':
      case 'PERCENT_CHANGE_FROM_YEAR_AGO':
        value = 100 * (x / previous - 1);
        break;
      case 'COMPOUNDED_ANNUAL_RATE':
        value = 100 * (Math.pow(x / previous, n) - 1);
        break;
      case 'CONTINUOUSLY_COMPOUNDED_RATE':
      case 'CONTINUOUSLY_COMPOUNDED_ANNUAL_RATE':
        // ln of a non-positive value has no meaning: null, as NATURAL_LOG.
        if (x <= 0 || previous < 0) return { ...o, value: null, isEstimate };
        value = 100 * (Math.log(x) - Math.log(previous)) * (units === 'CONTINUOUSLY_COMPOUNDED_ANNUAL_RATE' ? n : 1);
        break;
    }
    return { ...o, value: Number.isFinite(value) ? roundAs(outKind, value) : null, isEstimate };
  });
}

export interface SeriesStatistics {
  /** Observations with a value. */
  count: number;
  /** The lowest and highest observations (the earliest of equal ones). */
  min: SeriesObservation | null;
  max: SeriesObservation | null;
  mean: number | null;
  median: number | null;
  p10: number | null;
  p90: number | null;
}

/**
 * The q-quantile (0..1) of sorted values by linear interpolation between closest ranks:
 * h = (N - 1) q, x[floor h] + (h - floor h) (x[floor h + 1] - x[floor h]). Null when empty.
 */
export function quantile(sorted: readonly number[], q: number, kind: FigureKind = 'LEVEL'): number | null {
  if (sorted.length === 0) return null;
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return roundAs(kind, sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]));
}

/** Reference statistics over the observations that have a value, rounded as figures of `kind`. */
export function seriesStats(observations: readonly SeriesObservation[], kind: FigureKind = 'LEVEL'): SeriesStatistics {
  let min: SeriesObservation | null = null;
  let max: SeriesObservation | null = null;
  let sum = 0;
  const values: number[] = [];
  for (const o of observations) {
    if (o.value == null) continue;
    values.push(o.value);
    sum += o.value;
    if (!min || o.value < min.value! || (o.value === min.value && o.date < min.date)) min = o;
    if (!max || o.value > max.value! || (o.value === max.value && o.date < max.date)) max = o;
  }
  values.sort((a, b) => a - b);
  return {
    count: values.length,
    min,
    max,
    mean: values.length ? roundAs(kind, sum / values.length) : null,
    median: quantile(values, 0.5, kind),
    p10: quantile(values, 0.1, kind),
    p90: quantile(values, 0.9, kind),
  };
}
