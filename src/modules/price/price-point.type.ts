import { Field, Float, ID, ObjectType } from 'type-graphql';
import type { PricePoint as PricePointRow } from '../../generated/prisma/client';
import { DateScalar, formatCalendarDate } from '../common/date.scalar';
import { Metal, PriceKind } from '../common/enums';
import { toGlobalId } from '../common/global-id';
import { Node } from '../node/node.interface';

@ObjectType('PricePoint', {
  implements: Node,
  description: "A metal's price in US dollars per troy ounce on a date (a day's spot price, or a monthly or annual average starting that date).",
})
export class PricePoint {
  /** Database ids (not exposed). */
  dbId: number;
  sourceId: number | null;

  @Field(() => ID, { description: 'Opaque global id (see `node`).' })
  get id(): string {
    return toGlobalId('PricePoint', this.dbId);
  }

  @Field(() => Metal, { description: 'The metal priced.' })
  metal: Metal;

  @Field(() => PriceKind, { description: 'SPOT (that day), MONTHLY_AVERAGE or ANNUAL_AVERAGE (the month or year that `date` starts).' })
  kind: PriceKind;

  @Field(() => DateScalar, { description: 'The day (SPOT) or the first day of the month or year averaged.' })
  date: Date;

  @Field(() => Float, { description: 'Price in US dollars per troy ounce.' })
  priceUsdPerOz: number;

  @Field(() => Boolean, { description: 'True when argentum derived the price (e.g. gold = reported gold/silver ratio x silver price) rather than a source reporting it.' })
  isEstimate: boolean;

  /** YYYY-MM-DD of `date` (loader keys). */
  get day(): string {
    return formatCalendarDate(this.date);
  }

  static fromRow(row: PricePointRow): PricePoint {
    return Object.assign(new PricePoint(), {
      dbId: row.id,
      sourceId: row.sourceId,
      metal: row.metal,
      kind: row.kind,
      date: row.date,
      priceUsdPerOz: Number(row.priceUsdPerOz),
      isEstimate: row.isEstimate,
    });
  }
}
