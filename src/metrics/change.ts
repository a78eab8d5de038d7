import { roundLevel, roundPercent, roundRatio } from './units.js';
/** How a figure moved against an earlier figure of the same series. */
export interface Change {
  /** The earlier figure. */
  previous: number;
  /** current - previous (a level: 6 decimal places). */
  absolute: number;
  /** 100 * (current / previous - 1), 4 decimal places; null when previous is 0. */
  percent: number | null;
  /** current / previous, 10 significant digits; null when previous is 0. */
  ratio: number | null;
}

/** Change of `current` against `previous`; null when either is missing. */
export function change(current: number | null | undefined, previous: number | null | undefined): Change | null {
  if (current == null || previous == null || !Number.isFinite(current) || !Number.isFinite(previous)) return null;
  const absolute = roundLevel(current - previous);
  if (previous === 0) return { previous, absolute, percent: null, ratio: null };
  const ratio = current / previous;
  return { previous, absolute, percent: roundPercent(100 * (ratio - 1)), ratio: roundRatio(ratio) };
}

/** Year-over-year change: `current` against the like-for-like row one year earlier (null when missing). */
export const yoyChange = change;

/** Change of a price since an earlier date's price of the same metal and kind (ratio = price / earlier). */
export const changeSince = change;

/** A figure with what its provenance fields need: whether it is an estimate and its source. */
export interface SourcedFigure {
  value: number | null | undefined;
  isEstimate: boolean;
  sourceId: number | null;
}

/** A change that says whether either side is an estimate and where the earlier figure comes from. */
export interface SourcedChange extends Change {
  /** True when the figure or the earlier one is an estimate. */
  isEstimate: boolean;
  /** The earlier figure's source (null when it has none). */
  previousSourceId: number | null;
}

/** `change(current, previous)` with provenance; null when either figure (or the earlier row) is missing. */
export function sourcedChange(current: SourcedFigure, previous: SourcedFigure | null | undefined): SourcedChange | null {
  if (!previous) return null;
  const c = change(current.value, previous.value);
  if (!c) return null;
  // Named properties, not a spread of `c`: one literal of a fixed shape (this function runs once per row of long lists).
  return { previous: c.previous, absolute: c.absolute, percent: c.percent, ratio: c.ratio, isEstimate: current.isEstimate || previous.isEstimate, previousSourceId: previous.sourceId };
}
