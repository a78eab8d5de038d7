// From a series' arguments to the read its periods need, and from the periods to a Series: the
// range snapped to whole periods, the earlier periods a transform needs, which periods are
// complete, then the pure transform and statistics of src/metrics.
import {
  FREQUENCIES,
  earliestNeeded,
  periodStart,
  roundAs,
  seriesStats,
  shiftPeriods,
  transformSeries,
  unitsKind,
  type FigureKind,
  type SeriesObservation,
} from '../../metrics';
import { asOfDay } from '../common/as-of';
import { PriceKind, type Metal } from '../common/enums';
import { BadUserInputError } from '../common/errors';
import type { SeriesShapeArgs } from './series.args';
import type { PeriodRecord, PricePeriodsRead } from './series.sql';
import { Observation, Series, type Aggregation, type Frequency, type SeriesCoverage, type Units } from './series.type';

/** The frequency each kind of price is stored at. */
export const STORED_FREQUENCY: Readonly<Record<PriceKind, Frequency>> = {
  SPOT: 'DAILY',
  MONTHLY_AVERAGE: 'MONTHLY',
  ANNUAL_AVERAGE: 'ANNUAL',
};

/**
 * Daily prices cover a period when no run of days without a price, at its start, between prices or
 * at its end, is longer than this: a weekend with a holiday on either side (Easter: Friday to
 * Monday) leaves 4 days without a fixing; a fifth day missing is a gap in the data.
 */
export const MAX_DAYS_WITHOUT_PRICE = 4;

/** Months in a period of a frequency. */
const MONTHS: Readonly<Record<Frequency, number>> = { DAILY: 0, MONTHLY: 1, QUARTERLY: 3, ANNUAL: 12 };

/**
 * Whether a period's stored points cover it: at the stored frequency always; daily points when
 * no gap is longer than MAX_DAYS_WITHOUT_PRICE; monthly points when every month has one.
 */
export function periodIsComplete(record: Pick<PeriodRecord, 'dates' | 'longestGap'>, stored: Frequency, frequency: Frequency): boolean {
  if (frequency === stored) return true;
  if (stored === 'DAILY') return record.longestGap <= MAX_DAYS_WITHOUT_PRICE;
  return record.dates * MONTHS[stored] >= MONTHS[frequency];
}

/** A price series' periods: what to read, and which periods to return. */
export interface SeriesPlan {
  read: PricePeriodsRead;
  /** The kind's stored frequency. */
  stored: Frequency;
  /** The first period returned (earlier ones only feed the transform), or null for all. */
  firstPeriod: string | null;
  /** The last period returned, or null for all. */
  lastPeriod: string | null;
  units: Units;
  includeIncomplete: boolean;
}

export function planPriceSeries(metals: Metal[], kind: PriceKind, args: SeriesShapeArgs, ratio: PricePeriodsRead['ratio'] = null): SeriesPlan {
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
      ratio,
      gaps: stored === 'DAILY' && frequency !== 'DAILY',
    },
    stored,
    firstPeriod,
    lastPeriod,
    units: args.units,
    includeIncomplete: args.includeIncomplete ?? false,
  };
}

export interface PeriodObservation extends SeriesObservation {
  sourceIds: number[];
}

const idsOf = (list: string | null): number[] => (list ? list.split(',').map(Number) : []);

/** One metal's (or the ratio's) periods as observations, their values rounded as figures of `kind`. */
export function periodsOf(records: readonly PeriodRecord[], metal: string, plan: Pick<SeriesPlan, 'stored' | 'read'>, kind: FigureKind = 'LEVEL'): PeriodObservation[] {
  const out: PeriodObservation[] = [];
  for (const r of records) {
    if (r.metal !== metal) continue;
    out.push({
      date: r.day,
      value: r.value == null ? null : roundAs(kind, r.value),
      isEstimate: r.isEstimate,
      count: r.count,
      isComplete: periodIsComplete(r, plan.stored, plan.read.frequency),
      coverage: null,
      sourceIds: idsOf(r.sourceIds),
    });
  }
  return out;
}

export interface SeriesShape {
  frequency: Frequency;
  aggregation: Aggregation;
  units: Units;
  /** The rounding rule of the series' own values (prices and masses LEVEL, a ratio RATIO). */
  kind: FigureKind;
  firstPeriod: string | null;
  lastPeriod: string | null;
  includeIncomplete: boolean;
}

/** The observations a series returns, the sources they used and how many incomplete periods were left out. */
export function selectObservations(periods: readonly PeriodObservation[], shape: SeriesShape) {
  const transformed = transformSeries(periods, shape.units, shape.frequency, shape.kind);
  const byDate = new Map(periods.map((p) => [p.date, p]));
  const observations: SeriesObservation[] = [];
  const sourceIds = new Set<number>();
  let incompleteLeftOut = 0;
  transformed.forEach((o, i) => {
    if (shape.firstPeriod && o.date < shape.firstPeriod) return;
    if (shape.lastPeriod && o.date > shape.lastPeriod) return;
    if (!o.isComplete && !shape.includeIncomplete) {
      incompleteLeftOut++;
      return;
    }
    observations.push(o);
    for (const id of periods[i].sourceIds) sourceIds.add(id);
    // A transform's value read an earlier period too: its sources are the figure's sources.
    const earlierDate = earliestNeeded(o.date, shape.frequency, shape.units);
    if (o.value != null && earlierDate !== o.date) for (const id of byDate.get(earlierDate)?.sourceIds ?? []) sourceIds.add(id);
  });
  return { observations, sourceIds: [...sourceIds].sort((a, b) => a - b), incompleteLeftOut };
}

/** The Series: transformed over every period read, then cut to the periods asked for. */
export function buildSeries(periods: readonly PeriodObservation[], shape: SeriesShape, coverage: () => Promise<SeriesCoverage>): Series {
  const { observations, sourceIds, incompleteLeftOut } = selectObservations(periods, shape);
  const series = new Series();
  series.frequency = shape.frequency;
  series.aggregation = shape.aggregation;
  series.units = shape.units;
  series.observations = observations.map((o) => Observation.of(o));
  series.sourceIds = sourceIds;
  series.statistics = seriesStats(observations, unitsKind(shape.units, shape.kind));
  series.coverage = coverage;
  series.incompleteLeftOut = incompleteLeftOut;
  return series;
}
