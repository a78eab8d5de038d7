// A price table (Query.priceTable: a row per period, a value per metal) as the per-metal series the
// price history draws, and each column's statistics as priceSeries' `stats` gives them. Pure: no
// React, no chart.js, types from client/generated only (the tests import it; charts.ts imports
// chart.js, an ES module the server's CommonJS type check cannot follow).
import type { Frequency, Metal, PriceTableInfoFragment, SeriesInfoFragment, Units } from '../../../client/generated/graphql';

export type PriceTableData = PriceTableInfoFragment;
export type Observation = SeriesInfoFragment['observations'][number];

/** What a series line draws (charts.ts): a series of the API, or one metal's column of a price table. */
export interface LineSeries {
  frequency: Frequency;
  units: Units;
  observations: Observation[];
  sources: { name: string }[];
}

/** One metal's column of a table, as a series. */
export interface Column {
  metal: Metal;
  series: LineSeries;
}

/**
 * Months in a period. A table of monthly averages holds complete periods only (includeIncomplete
 * defaults to false), so a quarter's value averages its 3 months and a year's its 12: the count a
 * series' observation would carry.
 */
const MONTHS: Partial<Record<Frequency, number>> = { MONTHLY: 1, QUARTERLY: 3, ANNUAL: 12 };

/**
 * Each metal's column as a series over every row of the table (a null where the metal has no value,
 * as a series has for a transform without an earlier period). A row flags its estimates as a whole:
 * a column's observation is marked an estimate when any value in its row is one.
 */
export function columnsOf(table: PriceTableData): Column[] {
  const count = MONTHS[table.frequency] ?? 1;
  return table.metals.map((metal, i) => ({
    metal,
    series: {
      frequency: table.frequency,
      units: table.units,
      sources: table.sources,
      observations: table.rows.map((r): Observation => ({ date: r.date, value: r.values[i] ?? null, isEstimate: r.isEstimate, count })),
    },
  }));
}

export interface ColumnStats {
  /** Observations with a value. */
  count: number;
  /** The lowest and highest observations (the earliest of equal ones); null when none has a value. */
  min: { date: string; value: number } | null;
  max: { date: string; value: number } | null;
  /** The 50th percentile, interpolated linearly between the closest ranks. */
  median: number | null;
}

/** x rounded half away from zero to `decimals` places, as the server rounds its figures. */
function roundDecimals(x: number, decimals: number): number {
  if (x === 0 || !Number.isFinite(x)) return x;
  const scale = 10 ** decimals;
  const rounded = Math.round(Math.abs(x) * scale) / scale;
  return x < 0 ? -rounded : rounded;
}

/**
 * A statistic rounded as the server rounds figures in `units` of a price (levels and differences 6
 * decimal places, logs 10 significant digits, percentages and rates 4 decimal places).
 */
function roundAs(units: Units, x: number): number {
  if (units === 'LEVEL' || units === 'CHANGE' || units === 'CHANGE_FROM_YEAR_AGO') return roundDecimals(x, 6);
  if (units === 'NATURAL_LOG') return Number(x.toPrecision(10));
  return roundDecimals(x, 4);
}

/**
 * The statistics of a column that the summary shows, computed as the server's SeriesStats: over the
 * observations with a value; min and max the earliest of equal values; the median by linear
 * interpolation, h = (N - 1) / 2, rounded by the units' rule.
 */
export function columnStats(observations: readonly Observation[], units: Units): ColumnStats {
  let min: ColumnStats['min'] = null;
  let max: ColumnStats['max'] = null;
  const values: number[] = [];
  for (const { date, value } of observations) {
    if (value == null) continue;
    values.push(value);
    if (!min || value < min.value || (value === min.value && date < min.date)) min = { date, value };
    if (!max || value > max.value || (value === max.value && date < max.date)) max = { date, value };
  }
  values.sort((a, b) => a - b);
  let median: number | null = null;
  if (values.length > 0) {
    const h = (values.length - 1) * 0.5;
    const lo = Math.floor(h);
    const hi = Math.min(lo + 1, values.length - 1);
    median = roundAs(units, values[lo] + (h - lo) * (values[hi] - values[lo]));
  }
  return { count: values.length, min, max, median };
}
