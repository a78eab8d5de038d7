// The series feature's types (docs/domain.md "Series, frequencies and transforms"): a series of
// dated observations at a frequency, aggregated and transformed, with statistics and sources.
import { Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';
import type { Frequency as FrequencyName, SeriesObservation, SeriesStatistics, Units as UnitsName } from '../../metrics';
import { DateScalar } from '../common/date.scalar';

export const Frequency = { DAILY: 'DAILY', MONTHLY: 'MONTHLY', QUARTERLY: 'QUARTERLY', ANNUAL: 'ANNUAL' } as const satisfies Record<FrequencyName, FrequencyName>;
export type Frequency = FrequencyName;

registerEnumType(Frequency, {
  name: 'Frequency',
  description: "How often a series has an observation. A series can be aggregated from its stored frequency to a lower one, not to a higher one.",
  valuesConfig: {
    DAILY: { description: 'One observation per calendar day (SPOT prices).' },
    MONTHLY: { description: 'One per calendar month, dated its first day.' },
    QUARTERLY: { description: 'One per calendar quarter (January, April, July, October), dated its first day.' },
    ANNUAL: { description: 'One per calendar year, dated 1 January.' },
  },
});

export const Aggregation = { AVERAGE: 'AVERAGE', SUM: 'SUM', MIN: 'MIN', MAX: 'MAX', END_OF_PERIOD: 'END_OF_PERIOD' } as const;
export type Aggregation = (typeof Aggregation)[keyof typeof Aggregation];

registerEnumType(Aggregation, {
  name: 'Aggregation',
  description: "How a period's stored points become its one observation when a series is aggregated to a lower frequency.",
  valuesConfig: {
    AVERAGE: { description: 'The mean of the points in the period.' },
    SUM: { description: 'The sum of the points in the period.' },
    MIN: { description: 'The lowest point in the period.' },
    MAX: { description: 'The highest point in the period.' },
    END_OF_PERIOD: { description: 'The latest point in the period.' },
  },
});

export const Units = {
  LEVEL: 'LEVEL',
  CHANGE: 'CHANGE',
  CHANGE_FROM_YEAR_AGO: 'CHANGE_FROM_YEAR_AGO',
  PERCENT_CHANGE: 'PERCENT_CHANGE',
  PERCENT_CHANGE_FROM_YEAR_AGO: 'PERCENT_CHANGE_FROM_YEAR_AGO',
  COMPOUNDED_ANNUAL_RATE: 'COMPOUNDED_ANNUAL_RATE',
  CONTINUOUSLY_COMPOUNDED_RATE: 'CONTINUOUSLY_COMPOUNDED_RATE',
  CONTINUOUSLY_COMPOUNDED_ANNUAL_RATE: 'CONTINUOUSLY_COMPOUNDED_ANNUAL_RATE',
  NATURAL_LOG: 'NATURAL_LOG',
} as const satisfies Record<UnitsName, UnitsName>;
export type Units = UnitsName;

registerEnumType(Units, {
  name: 'Units',
  description:
    'The transform applied to the aggregated series x(t), as FRED defines its units; n is the observations per year (365 daily, 12 monthly, 4 quarterly, 1 annual). Null where the earlier observation is missing, zero or not comparable (a partial period against a whole one). Differences keep the series\' rounding (levels 6 decimal places, ratios 10 significant digits); percentages and rates have 4 decimal places; logs 10 significant digits.',
  valuesConfig: {
    LEVEL: { description: 'x(t): the values themselves.' },
    CHANGE: { description: 'x(t) - x(t-1).' },
    CHANGE_FROM_YEAR_AGO: { description: 'x(t) - x(t-n): against the same period a year earlier.' },
    PERCENT_CHANGE: { description: '100 * (x(t) / x(t-1) - 1).' },
    PERCENT_CHANGE_FROM_YEAR_AGO: { description: '100 * (x(t) / x(t-n) - 1).' },
    COMPOUNDED_ANNUAL_RATE: { description: '100 * ((x(t) / x(t-1))^n - 1).' },
    CONTINUOUSLY_COMPOUNDED_RATE: { description: "100 * (ln x(t) - ln x(t-1)) (FRED's cch); null where either is <= 0." },
    CONTINUOUSLY_COMPOUNDED_ANNUAL_RATE: { description: "n * 100 * (ln x(t) - ln x(t-1)) (FRED's cca); null where either is <= 0." },
    NATURAL_LOG: { description: 'ln(x(t)); null where x <= 0.' },
  },
});

@ObjectType('Observation', { simpleResolvers: true, description: "One period's value of a series." })
export class Observation implements SeriesObservation {
  @Field(() => DateScalar, { description: "The period's first day (YYYY-MM-DD)." })
  date: string;

  @Field(() => Float, {
    nullable: true,
    description:
      'The value after aggregation and the units transform, computed on the stored decimals and rounded by its kind (prices and masses: 6 decimal places; ratios: 10 significant digits; percentages: 4 decimal places); null where the transform has no comparable earlier observation, or it is zero.',
  })
  value: number | null;

  @Field(() => Boolean, { description: 'True when any stored point used is an estimate (for a transform, also those of the earlier observation).' })
  isEstimate: boolean;

  @Field(() => Int, { description: "How many stored points the period's value used." })
  count: number;

  @Field(() => Boolean, {
    description:
      'False when the stored points do not cover the whole period: a quarter with two of its months, a year with eleven, a month of SPOT prices with a gap of more than 4 days (docs/domain.md "Complete periods"). Observations at the stored frequency are complete. Returned only with includeIncomplete: true.',
  })
  isComplete: boolean;

  static of(o: SeriesObservation): Observation {
    const out = new Observation();
    out.date = o.date;
    out.value = o.value;
    out.isEstimate = o.isEstimate;
    out.count = o.count;
    out.isComplete = o.isComplete;
    return out;
  }
}

@ObjectType('SeriesStats', { simpleResolvers: true, description: 'Reference statistics over the observations returned that have a value (e.g. a historical band for a chart).' })
export class SeriesStats {
  @Field(() => Int, { description: 'Observations with a value.' })
  count: number;

  @Field(() => Observation, { nullable: true, description: 'The lowest observation (the earliest of equal ones); null when none has a value.' })
  min: Observation | null;

  @Field(() => Observation, { nullable: true, description: 'The highest observation (the earliest of equal ones).' })
  max: Observation | null;

  @Field(() => Float, { nullable: true, description: 'The mean of the values.' })
  mean: number | null;

  @Field(() => Float, { nullable: true, description: 'The median (the 50th percentile).' })
  median: number | null;

  @Field(() => Float, { nullable: true, description: 'The 10th percentile, interpolated linearly between the closest ranks.' })
  p10: number | null;

  @Field(() => Float, { nullable: true, description: 'The 90th percentile, interpolated linearly between the closest ranks.' })
  p90: number | null;

  static of(s: SeriesStatistics): SeriesStats {
    return Object.assign(new SeriesStats(), { ...s, min: s.min && Observation.of(s.min), max: s.max && Observation.of(s.max) });
  }
}

export const SeriesEmptyReason = {
  NO_DATA: 'NO_DATA',
  NOT_YET_PUBLISHED: 'NOT_YET_PUBLISHED',
  OUT_OF_RANGE: 'OUT_OF_RANGE',
  ONLY_INCOMPLETE: 'ONLY_INCOMPLETE',
} as const;
export type SeriesEmptyReason = (typeof SeriesEmptyReason)[keyof typeof SeriesEmptyReason];

registerEnumType(SeriesEmptyReason, {
  name: 'SeriesEmptyReason',
  description: 'Why a series (or a price table) has no observations.',
  valuesConfig: {
    NO_DATA: { description: 'Nothing is stored for this measure (this metal and kind of price, or this country, metal and stage), whatever the date.' },
    NOT_YET_PUBLISHED: { description: 'Values are stored, but none was published by `asOf`.' },
    OUT_OF_RANGE: { description: 'The data covers other dates: `dataFrom` and `dataTo` say which.' },
    ONLY_INCOMPLETE: { description: 'The range has only incomplete periods, which were left out; ask with includeIncomplete: true to see them flagged.' },
  },
});

/** What is stored of a series, as its empty reason needs it. */
export interface SeriesCoverage {
  /** Anything stored, whenever published. */
  stored: boolean;
  /** The first and last periods (at the series' frequency) with values published by the as-of date; null when none. */
  from: string | null;
  to: string | null;
}

/** Why a series of `observations` is empty; null when it is not. */
export function emptyReasonOf(observations: number, incompleteLeftOut: number, coverage: SeriesCoverage): SeriesEmptyReason | null {
  if (observations > 0) return null;
  if (!coverage.stored) return SeriesEmptyReason.NO_DATA;
  if (coverage.from == null) return SeriesEmptyReason.NOT_YET_PUBLISHED;
  if (incompleteLeftOut > 0) return SeriesEmptyReason.ONLY_INCOMPLETE;
  return SeriesEmptyReason.OUT_OF_RANGE;
}

@ObjectType('Series', { simpleResolvers: true, description: 'Dated observations of one measure at one frequency, aggregated and then transformed, oldest first.' })
export class Series {
  @Field(() => Frequency, { description: 'One observation per this period.' })
  frequency: Frequency;

  @Field(() => Aggregation, { description: "How each period's stored points were combined (AVERAGE when the series is at its stored frequency: one point per period)." })
  aggregation: Aggregation;

  @Field(() => Units, { description: 'The transform applied after aggregation.' })
  units: Units;

  @Field(() => [Observation], { description: 'The observations within the range asked for, oldest first. Transforms may use observations before the range.' })
  observations: Observation[];

  /** Ids of the sources behind the returned observations' stored points and the earlier ones their transforms read (resolved by `sources`). */
  sourceIds: number[];

  /** What is stored of this series, read only when asked (emptyReason, dataFrom, dataTo). */
  coverage: () => Promise<SeriesCoverage>;
  /** Periods in the range left out because they were incomplete. */
  incompleteLeftOut: number;

  @Field(() => SeriesStats, { description: 'Statistics over the observations returned (rounded as their values are).' })
  get stats(): SeriesStats {
    return SeriesStats.of(this.statistics);
  }
  statistics: SeriesStatistics;
}
