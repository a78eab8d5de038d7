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
  NATURAL_LOG: 'NATURAL_LOG',
} as const satisfies Record<UnitsName, UnitsName>;
export type Units = UnitsName;

registerEnumType(Units, {
  name: 'Units',
  description:
    'The transform applied to the aggregated series x(t), as FRED defines its units; n is the observations per year (365 daily, 12 monthly, 4 quarterly, 1 annual). Null where the earlier observation is missing or zero.',
  valuesConfig: {
    LEVEL: { description: 'x(t): the values themselves.' },
    CHANGE: { description: 'x(t) - x(t-1).' },
    CHANGE_FROM_YEAR_AGO: { description: 'x(t) - x(t-n): against the same period a year earlier.' },
    PERCENT_CHANGE: { description: '100 * (x(t) / x(t-1) - 1).' },
    PERCENT_CHANGE_FROM_YEAR_AGO: { description: '100 * (x(t) / x(t-n) - 1).' },
    COMPOUNDED_ANNUAL_RATE: { description: '100 * ((x(t) / x(t-1))^n - 1).' },
    NATURAL_LOG: { description: 'ln(x(t)); null where x <= 0.' },
  },
});

@ObjectType('Observation', { simpleResolvers: true, description: "One period's value of a series." })
export class Observation implements SeriesObservation {
  @Field(() => DateScalar, { description: "The period's first day (YYYY-MM-DD)." })
  date: string;

  @Field(() => Float, { nullable: true, description: 'The value after aggregation and the units transform; null where the transform has no earlier observation, or it is zero.' })
  value: number | null;

  @Field(() => Boolean, { description: 'True when any stored point used is an estimate (for a transform, also those of the earlier observation).' })
  isEstimate: boolean;

  @Field(() => Int, { description: "How many stored points the period's value used." })
  count: number;

  static of(o: SeriesObservation): Observation {
    const out = new Observation();
    out.date = o.date;
    out.value = o.value;
    out.isEstimate = o.isEstimate;
    out.count = o.count;
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

  /** Ids of the sources behind the returned observations' stored points (resolved by `sources`). */
  sourceIds: number[];

  @Field(() => SeriesStats, { description: 'Statistics over the observations returned.' })
  get stats(): SeriesStats {
    return SeriesStats.of(this.statistics);
  }
  statistics: SeriesStatistics;
}
