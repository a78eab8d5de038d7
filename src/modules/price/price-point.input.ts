import { Field, Float, InputType } from 'type-graphql';
import { DateScalar } from '../common/date.scalar';
import { Metal, PriceKind } from '../common/enums';

@InputType('PricePointInput', {
  description:
    "One revision of a price: the observation (metal, kind, date) and the value one source gives. A source the observation already has updates that revision; a new source adds a revision. Checked by the importer's rules (prices.csv).",
})
export class PricePointInput {
  @Field(() => Metal, { description: 'The metal priced.' })
  metal: Metal;

  @Field(() => PriceKind, { description: 'SPOT (one day), MONTHLY_AVERAGE or ANNUAL_AVERAGE (an average over the month or year that `date` starts).' })
  kind: PriceKind;

  @Field(() => DateScalar, { description: 'The day (SPOT), the first of the month (MONTHLY_AVERAGE) or January 1 (ANNUAL_AVERAGE).' })
  date: Date;

  @Field(() => Float, { description: 'USD per troy ounce, positive, at most 4 decimals.' })
  priceUsdPerOz: number;

  @Field(() => Boolean, { nullable: true, defaultValue: false, description: 'The figure is an estimate.' })
  isEstimate?: boolean | null;

  @Field(() => Boolean, { nullable: true, defaultValue: false, description: 'argentum computed the figure from reported ones; a derived figure must be an estimate.' })
  isDerived?: boolean | null;

  @Field(() => String, { description: 'The name of a known source (see `Source.name`).' })
  sourceName: string;
}
