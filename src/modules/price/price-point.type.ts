import { Field, Float, ID, ObjectType } from 'type-graphql';
import { DateScalar, formatCalendarDate } from '../common/date.scalar';
import { Metal, PriceKind } from '../common/enums';
import { toGlobalId } from '../common/global-id';
import { Node } from '../node/node.interface';

@ObjectType('PricePoint', {
  simpleResolvers: true,
  implements: Node,
  description: "A metal's price in US dollars per troy ounce on a date (a day's spot price, or a monthly or annual average starting that date).",
})
export class PricePoint {
  /** Database ids (not exposed). */
  dbId: number;
  sourceId: number | null;
  /** The as-of date this price was read for (YYYY-MM-DD), null for current values. */
  asOf: string | null;

  @Field(() => ID, { description: 'Opaque global id (see `node`).' })
  get id(): string {
    return toGlobalId('PricePoint', this.dbId);
  }

  @Field(() => Metal, { description: 'The metal priced.' })
  metal: Metal;

  @Field(() => PriceKind, { description: 'SPOT (that day), MONTHLY_AVERAGE or ANNUAL_AVERAGE (the month or year that `date` starts).' })
  kind: PriceKind;

  // The day as read (YYYY-MM-DD), which the Date scalar writes out as it is: no Date is made for
  // a value that only goes back to text.
  @Field(() => DateScalar, { description: 'The day (SPOT) or the first day of the month or year averaged.' })
  get date(): string {
    return this.day;
  }

  @Field(() => Float, { description: 'Price in US dollars per troy ounce.' })
  priceUsdPerOz: number;

  @Field(() => Boolean, { description: 'True when the price is an estimate: marked so by its publisher, or derived by argentum (e.g. gold = reported gold/silver ratio x silver price).' })
  isEstimate: boolean;

  @Field(() => Boolean, { description: 'True when argentum computed the price from reported figures (its source\'s note gives the rule); always an estimate.' })
  isDerived: boolean;

  @Field(() => Boolean, {
    description:
      'True when this revision is the current value of its observation (a non-estimate outranks an estimate, then the latest publication). A price read `asOf` a date is the value as of then; isCurrent still says whether it is the value today.',
  })
  isCurrent: boolean;

  /** YYYY-MM-DD of `date` (loader keys). */
  day: string;

  /** Every metal's price of this kind and date, by metal, when the read that made this one brought them. */
  sameDay?: PricePoint[];

  /** A price as the price SQL reads it (see price.sql.ts). */
  static fromTuple(t: PricePointTuple, asOf: string | null): PricePoint {
    return PricePoint.of(t[0], t[1], t[2], t[3], t[4], t[5], t[6], t[7], t[8], asOf);
  }

  /** A price from its values, in PricePointTuple's order (no tuple made for a price read in parts). */
  static of(
    dbId: number,
    sourceId: number | null,
    metal: Metal,
    kind: PriceKind,
    day: string,
    priceUsdPerOz: number,
    isEstimate: boolean,
    isDerived: boolean,
    isCurrent: boolean,
    asOf: string | null,
  ): PricePoint {
    const p = new PricePoint();
    p.dbId = dbId;
    p.sourceId = sourceId;
    p.metal = metal;
    p.kind = kind;
    p.day = day;
    p.priceUsdPerOz = priceUsdPerOz;
    p.isEstimate = isEstimate;
    p.isDerived = isDerived;
    p.isCurrent = isCurrent;
    p.asOf = asOf;
    return p;
  }
}

/** A price as the price SQL reads it: one JSON array, in PricePoint.of's order without asOf (day is YYYY-MM-DD). */
export type PricePointTuple = Parameters<typeof PricePoint.of> extends [...infer Values, asOf: string | null] ? Values : never;
