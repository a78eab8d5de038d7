// From a series' arguments to the read its periods need, and from the periods to a Series: the
// range snapped to whole periods, the earlier periods a transform needs, the ratio of two metals,
// then the pure transform and statistics of src/metrics.
import {
  FREQUENCIES,
  earliestNeeded,
  periodStart,
  seriesStats,
  shiftPeriods,
  tidy,
  transformSeries,
  type SeriesObservation,
} from '../../metrics';
import { asOfDay } from '../common/as-of';
import { PriceKind, type Metal } from '../common/enums';
import { BadUserInputError } from '../common/errors';
import type { SeriesShapeArgs } from './series.args';
import type { PeriodRecord, PricePeriodsRead } from './series.sql';
import { Aggregation, Observation, Series, type Frequency, type Units } from './series.type';

/** The frequency each kind of price is stored at. */
export const STORED_FREQUENCY: Readonly<Record<PriceKind, Frequency>> = {
  SPOT: 'DAILY',
  MONTHLY_AVERAGE: 'MONTHLY',
  ANNUAL_AVERAGE: 'ANNUAL',
};

/** A price series' periods: what to read, and which periods to return. */
export interface SeriesPlan {
  read: PricePeriodsRead;
  /** The first period returned (earlier ones only feed the transform), or null for all. */
  firstPeriod: string | null;
  units: Units;
}

export function planPriceSeries(metals: Metal[], kind: PriceKind, args: SeriesShapeArgs): SeriesPlan {
  const stored = STORED_FREQUENCY[kind];
  const frequency = args.frequency ?? stored;
  if (FREQUENCIES.indexOf(frequency) < FREQUENCIES.indexOf(stored)) {
    const accepted = FREQUENCIES.slice(FREQUENCIES.indexOf(stored)).join(', ');
    throw new BadUserInputError(
      `Argument "frequency": ${kind} prices are stored ${stored}; a series can be aggregated to ${accepted}, not split into ${frequency}.`,
      'frequency',
    );
  }
  const firstPeriod = args.dateFrom ? periodStart(asOfDay(args.dateFrom)!, frequency) : null;
  const lastPeriod = args.dateTo ? periodStart(asOfDay(args.dateTo)!, frequency) : null;
  return {
    read: {
      metals,
      kind,
      frequency,
      aggregation: args.aggregation,
      from: firstPeriod ? earliestNeeded(firstPeriod, frequency, args.units) : null,
      until: lastPeriod ? shiftPeriods(lastPeriod, frequency, 1) : null,
      asOf: asOfDay(args.asOf),
    },
    firstPeriod,
    units: args.units,
  };
}

interface PeriodObservation extends SeriesObservation {
  sourceIds: number[];
}

const idsOf = (list: string | null): number[] => (list ? list.split(',').map(Number) : []);

/** One metal's periods as observations. */
export function periodsOf(records: readonly PeriodRecord[], metal: Metal): PeriodObservation[] {
  const out: PeriodObservation[] = [];
  for (const r of records) {
    if (r.metal === metal) out.push({ date: r.day, value: r.value, isEstimate: r.isEstimate, count: r.count, sourceIds: idsOf(r.sourceIds) });
  }
  return out;
}

/** numerator / denominator per period both have; the points and sources of both. */
export function ratioOf(numerator: readonly PeriodObservation[], denominator: readonly PeriodObservation[]): PeriodObservation[] {
  const byDate = new Map(denominator.map((d) => [d.date, d]));
  const out: PeriodObservation[] = [];
  for (const n of numerator) {
    const d = byDate.get(n.date);
    if (!d) continue;
    const value = n.value == null || d.value == null || d.value === 0 ? null : tidy(n.value / d.value);
    out.push({ date: n.date, value, isEstimate: n.isEstimate || d.isEstimate, count: n.count + d.count, sourceIds: [...n.sourceIds, ...d.sourceIds] });
  }
  return out;
}

/** The Series: transformed over every period read, then cut to the periods asked for. */
export function buildSeries(
  periods: readonly PeriodObservation[],
  shape: { frequency: Frequency; aggregation: Aggregation; units: Units; firstPeriod: string | null },
): Series {
  const transformed = transformSeries(periods, shape.units, shape.frequency);
  const observations: Observation[] = [];
  const sourceIds = new Set<number>();
  transformed.forEach((o, i) => {
    if (shape.firstPeriod && o.date < shape.firstPeriod) return;
    observations.push(Observation.of(o));
    for (const id of periods[i].sourceIds) sourceIds.add(id);
  });
  const series = new Series();
  series.frequency = shape.frequency;
  series.aggregation = shape.aggregation;
  series.units = shape.units;
  series.observations = observations;
  series.sourceIds = [...sourceIds].sort((a, b) => a - b);
  series.statistics = seriesStats(observations);
  return series;
}

export type { PeriodObservation };
