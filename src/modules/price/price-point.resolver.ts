import { Args, Ctx, FieldResolver, Float, Query, Resolver, Root } from 'type-graphql';
import type { AppContext } from '../../context';
import type { Prisma } from '../../generated/prisma/client';
import { changeSince, goldSilverRatio } from '../../metrics';
import { ChangeType } from '../common/change.type';
import { pageWindow, toConnection } from '../common/connection';
import { formatCalendarDate } from '../common/date.scalar';
import { Metal, type PriceKind } from '../common/enums';
import { Source } from '../source/source.type';
import { PricePointConnection } from './price-point.connection';
import { PricePoint } from './price-point.type';
import { ChangeSinceArgs, GoldSilverRatioArgs, PricePointOrder, PricePointsArgs, type PricePointFilter } from './price-points.args';

function pricePointWhere(f: PricePointFilter | null | undefined): Prisma.PricePointWhereInput {
  if (!f) return {};
  return {
    ...(f.metal ? { metal: f.metal } : {}),
    ...(f.kind ? { kind: f.kind } : {}),
    ...(f.dateFrom || f.dateTo ? { date: { ...(f.dateFrom ? { gte: f.dateFrom } : {}), ...(f.dateTo ? { lte: f.dateTo } : {}) } } : {}),
  };
}

async function ratioOn(loaders: AppContext['loaders'], kind: PriceKind, date: string): Promise<number | null> {
  const prices = await loaders.pricesByDate.load({ kind, date });
  const price = (metal: Metal) => prices.find((p) => p.metal === metal)?.priceUsdPerOz;
  return goldSilverRatio(price(Metal.GOLD), price(Metal.SILVER));
}

@Resolver(() => PricePoint)
export class PricePointResolver {
  @Query(() => PricePointConnection, {
    description: 'Prices in US dollars per troy ounce, ordered by date (oldest first unless `order: DATE_DESC`), then metal and kind.',
  })
  async pricePoints(@Args(() => PricePointsArgs) args: PricePointsArgs, @Ctx() { prisma, loaders }: AppContext) {
    const where = { ...pricePointWhere(args.filter), isCurrent: true };
    const window = pageWindow('PricePoint', args);
    const rows = await prisma.pricePoint.findMany({
      where,
      orderBy: [{ date: args.order === PricePointOrder.DATE_DESC ? 'desc' : 'asc' }, { metal: 'asc' }, { kind: 'asc' }, { id: 'asc' }],
      skip: window.skip,
      take: window.take,
    });
    const items = rows.map(PricePoint.fromRow);
    for (const p of items) loaders.pricePointById.prime(p.dbId, p);
    return toConnection(items, window, () => prisma.pricePoint.count({ where }));
  }

  @Query(() => Float, {
    name: 'goldSilverRatio',
    nullable: true,
    description: 'Gold/silver ratio on a date: ounces of silver one ounce of gold buys (gold price / silver price, same kind). Null when either price is missing.',
  })
  goldSilverRatioOn(@Args(() => GoldSilverRatioArgs) { date, kind }: GoldSilverRatioArgs, @Ctx() { loaders }: AppContext) {
    return ratioOn(loaders, kind ?? 'SPOT', formatCalendarDate(date));
  }

  @FieldResolver(() => Source, { nullable: true, description: 'Where the price comes from.' })
  source(@Root() p: PricePoint, @Ctx() { loaders }: AppContext) {
    return p.sourceId == null ? null : loaders.sourceById.load(p.sourceId);
  }

  @FieldResolver(() => Float, {
    nullable: true,
    description: 'Gold/silver ratio on this date and kind (gold price / silver price; the same value on both metals\' points). Null when either price is missing.',
  })
  goldSilverRatio(@Root() p: PricePoint, @Ctx() { loaders }: AppContext) {
    return ratioOn(loaders, p.kind, p.day);
  }

  @FieldResolver(() => ChangeType, {
    nullable: true,
    description: 'Change against the same metal and kind on an earlier (or any other) date: absolute in USD per troy ounce, percent, and ratio = price / that price. Null when there is no price on that date.',
  })
  async changeSince(@Root() p: PricePoint, @Args(() => ChangeSinceArgs) { date }: ChangeSinceArgs, @Ctx() { loaders }: AppContext) {
    const prices = await loaders.pricesByDate.load({ kind: p.kind, date: formatCalendarDate(date) });
    return changeSince(p.priceUsdPerOz, prices.find((q) => q.metal === p.metal)?.priceUsdPerOz);
  }
}
