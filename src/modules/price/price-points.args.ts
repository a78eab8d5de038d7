import { ValidateNested } from 'class-validator';
import { ArgsType, Field, InputType } from 'type-graphql';
import { ConnectionArgs } from '../common/connection';
import { DateScalar } from '../common/date.scalar';
import { Metal, PriceKind } from '../common/enums';

@InputType('PricePointFilter', { description: 'Which prices to list; all conditions must hold.' })
export class PricePointFilter {
  @Field(() => Metal, { nullable: true, description: 'Only this metal.' })
  metal?: Metal | null;

  @Field(() => PriceKind, { nullable: true, description: 'Only this kind of price.' })
  kind?: PriceKind | null;

  @Field(() => DateScalar, { nullable: true, description: 'Only dates on or after this one (YYYY-MM-DD).' })
  dateFrom?: Date | null;

  @Field(() => DateScalar, { nullable: true, description: 'Only dates on or before this one (YYYY-MM-DD).' })
  dateTo?: Date | null;
}

@ArgsType()
export class PricePointsArgs extends ConnectionArgs {
  @Field(() => PricePointFilter, { description: 'Which prices to list (pass {} for all). Ordered by date, then metal and kind.' })
  @ValidateNested()
  filter: PricePointFilter;
}

@ArgsType()
export class GoldSilverRatioArgs {
  @Field(() => DateScalar, { description: 'The date (YYYY-MM-DD).' })
  date: Date;

  @Field(() => PriceKind, { nullable: true, defaultValue: PriceKind.SPOT, description: 'Which prices to compare.' })
  kind: PriceKind;
}

@ArgsType()
export class ChangeSinceArgs {
  @Field(() => DateScalar, { description: 'The earlier date to compare with (YYYY-MM-DD); the same metal and kind must have a price on it.' })
  date: Date;
}
