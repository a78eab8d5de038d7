import { ValidateNested } from 'class-validator';
import { ArgsType, Field, InputType, registerEnumType } from 'type-graphql';
import { BidirectionalConnectionArgs, OrderDirection } from '../common/connection';
import { DateScalar } from '../common/date.scalar';
import { Metal, PriceKind } from '../common/enums';
import { NotAfter } from '../common/validation';

@InputType('PricePointFilter', { description: 'Which prices to list; all conditions must hold.' })
export class PricePointFilter {
  @Field(() => Metal, { nullable: true, description: 'Only this metal.' })
  metal?: Metal | null;

  @Field(() => PriceKind, { nullable: true, description: 'Only this kind of price.' })
  kind?: PriceKind | null;

  @Field(() => DateScalar, { nullable: true, description: 'Only dates on or after this one (YYYY-MM-DD); not after dateTo.' })
  @NotAfter('dateTo')
  dateFrom?: Date | null;

  @Field(() => DateScalar, { nullable: true, description: 'Only dates on or before this one (YYYY-MM-DD).' })
  dateTo?: Date | null;

  @Field(() => DateScalar, {
    nullable: true,
    description: 'As of this date (YYYY-MM-DD): each price among the figures published by then (the ratio and changes too). Current values when omitted.',
  })
  asOf?: Date | null;
}

/** The order of `pricePoints`: by date either way; ties by metal, kind and id, so pages are stable. */
export enum PricePointOrder {
  DATE_ASC = 'DATE_ASC',
  DATE_DESC = 'DATE_DESC',
}

registerEnumType(PricePointOrder, {
  name: 'PricePointOrder',
  description: 'The order of a list of prices. Prices on the same date follow in a fixed order (metal, then kind, then when they were stored), so paging is stable.',
  valuesConfig: {
    DATE_ASC: { description: 'Oldest date first (the default).' },
    DATE_DESC: { description: 'Latest date first: the first page holds the most recent prices.' },
  },
});

export enum PricePointOrderField {
  DATE = 'DATE',
}

registerEnumType(PricePointOrderField, {
  name: 'PricePointOrderField',
  description: 'What prices can be ordered by.',
  valuesConfig: { DATE: { description: 'The date (ties: metal, kind, then when stored).' } },
});

@InputType('PricePointOrderBy', { description: 'The order of a list of prices.' })
export class PricePointOrderBy {
  @Field(() => PricePointOrderField, { description: 'What to order by.' })
  field: PricePointOrderField;

  @Field(() => OrderDirection, { nullable: true, defaultValue: OrderDirection.ASC, description: 'ASC (the default) or DESC.' })
  direction: OrderDirection;
}

@ArgsType()
export class PricePointsArgs extends BidirectionalConnectionArgs {
  @Field(() => PricePointFilter, { description: 'Which prices to list (pass {} for all).' })
  @ValidateNested()
  filter: PricePointFilter;

  @Field(() => PricePointOrder, {
    nullable: true,
    defaultValue: PricePointOrder.DATE_ASC,
    description: 'By date, oldest first (DATE_ASC, the default) or latest first (DATE_DESC); ties by metal, kind and id. With `after`, pass the same order as for the page the cursor came from.',
  })
  order: PricePointOrder;

  @Field(() => PricePointOrderBy, {
    nullable: true,
    description: 'The order, as { field: DATE, direction: ASC | DESC }; takes the place of `order` when given. Pages are keyset-stable: a cursor continues right after its row even when prices were added before it.',
  })
  @ValidateNested()
  orderBy?: PricePointOrderBy | null;
}

@ArgsType()
export class GoldSilverRatioArgs {
  @Field(() => DateScalar, { description: 'The date (YYYY-MM-DD).' })
  date: Date;

  @Field(() => PriceKind, { nullable: true, defaultValue: PriceKind.SPOT, description: 'Which prices to compare.' })
  kind: PriceKind;

  @Field(() => DateScalar, { nullable: true, description: 'As of this date (YYYY-MM-DD): only prices published by then. Current values when omitted.' })
  asOf?: Date | null;
}

@ArgsType()
export class ChangeSinceArgs {
  @Field(() => DateScalar, { description: 'The earlier date to compare with (YYYY-MM-DD); the same metal and kind must have a price on it.' })
  date: Date;
}
