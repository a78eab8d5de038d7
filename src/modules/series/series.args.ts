// Arguments of the series fields. The shared ones (range, frequency, aggregation, units, as of) are
// one class that the price and ratio series extend.
import { ArgsType, Field, Int } from 'type-graphql';
import { DateScalar } from '../common/date.scalar';
import { MassUnit, Metal, PriceKind, ProductionStage } from '../common/enums';
import { NotAfter, YearRange } from '../common/validation';
import { Aggregation, Frequency, Units } from './series.type';

@ArgsType()
export class SeriesShapeArgs {
  @Field(() => DateScalar, { nullable: true, description: 'The first period: the one containing this date (YYYY-MM-DD); not after dateTo. From the first stored point when omitted.' })
  @NotAfter('dateTo')
  dateFrom?: Date | null;

  @Field(() => DateScalar, { nullable: true, description: 'The last period: the one containing this date (YYYY-MM-DD). To the last stored point when omitted.' })
  dateTo?: Date | null;

  @Field(() => Frequency, {
    nullable: true,
    description: "One observation per this period. Omitted: the kind's stored frequency (SPOT daily, MONTHLY_AVERAGE monthly, ANNUAL_AVERAGE annual); it may be lower than that, not higher.",
  })
  frequency?: Frequency | null;

  @Field(() => Aggregation, { nullable: true, defaultValue: Aggregation.AVERAGE, description: "How each period's stored points are combined." })
  aggregation: Aggregation;

  @Field(() => Units, { nullable: true, defaultValue: Units.LEVEL, description: 'The transform applied after aggregation.' })
  units: Units;

  @Field(() => DateScalar, { nullable: true, description: 'As of this date (YYYY-MM-DD): only prices published by then. Current values when omitted.' })
  asOf?: Date | null;

  @Field(() => Boolean, {
    nullable: true,
    defaultValue: false,
    description:
      'Also return periods the stored points do not cover whole (flagged isComplete: false), e.g. a year with five months of prices. By default only complete periods are returned, as FRED does.',
  })
  includeIncomplete: boolean;
}

@ArgsType()
export class PriceSeriesArgs extends SeriesShapeArgs {
  @Field(() => Metal, { description: 'The metal.' })
  metal: Metal;

  @Field(() => PriceKind, { description: 'Which prices: SPOT (daily), MONTHLY_AVERAGE or ANNUAL_AVERAGE.' })
  kind: PriceKind;
}

@ArgsType()
export class RatioSeriesArgs extends SeriesShapeArgs {
  @Field(() => Metal, { nullable: true, defaultValue: Metal.GOLD, description: 'The metal priced in units of the denominator (GOLD for the gold/silver ratio).' })
  numerator: Metal;

  @Field(() => Metal, { nullable: true, defaultValue: Metal.SILVER, description: 'The metal it is priced in (SILVER for the gold/silver ratio).' })
  denominator: Metal;

  @Field(() => PriceKind, { description: 'Which prices of both metals: the ratio is taken on each date both have a price, then aggregated over the period.' })
  kind: PriceKind;
}

@ArgsType()
export class PriceTableArgs extends SeriesShapeArgs {
  @Field(() => [Metal], { description: 'The metals, one column each, in this order (1 to 4 distinct metals).' })
  metals: Metal[];

  @Field(() => PriceKind, { description: 'Which prices: SPOT (daily), MONTHLY_AVERAGE or ANNUAL_AVERAGE.' })
  kind: PriceKind;
}

@ArgsType()
export class ProductionSeriesArgs {
  @Field(() => Metal, { nullable: true, defaultValue: Metal.SILVER, description: 'The metal.' })
  metal: Metal;

  @Field(() => ProductionStage, { nullable: true, defaultValue: ProductionStage.MINE, description: 'The stage of production.' })
  stage: ProductionStage;

  @Field(() => Int, { nullable: true, description: 'The first year (1800..2100); not after yearTo.' })
  @YearRange()
  @NotAfter('yearTo')
  yearFrom?: number | null;

  @Field(() => Int, { nullable: true, description: 'The last year (1800..2100).' })
  @YearRange()
  yearTo?: number | null;

  @Field(() => Units, { nullable: true, defaultValue: Units.LEVEL, description: 'The transform applied to the annual values.' })
  units: Units;

  @Field(() => MassUnit, { nullable: true, defaultValue: MassUnit.TONNES, description: 'The unit of the values (before the transform).' })
  unit: MassUnit;

  @Field(() => Boolean, {
    nullable: true,
    defaultValue: false,
    description:
      'Also return years with only a part-year row (e.g. January-November), flagged isComplete: false, valued at the row covering the most months. By default only full years are returned.',
  })
  includeIncomplete: boolean;
}
