import { Args, Ctx, FieldResolver, Float, Query, Resolver, Root } from 'type-graphql';
import type { AppContext } from '../../context';
import { changeSince, goldSilverRatio } from '../../metrics';
import { ChangeType } from '../common/change.type';
import { countRows, pageWindow, toConnection } from '../common/connection';
import { allSql, metalSql, priceKindSql, rangeSql, sql, type Sql } from '../common/sql';
import { formatCalendarDate } from '../common/date.scalar';
import { Metal, type PriceKind } from '../common/enums';
import { Source } from '../source/source.type';
import { PricePointConnection } from './price-point.connection';
import { PricePoint } from './price-point.type';
import { selectPrices } from './price.sql';
import { ChangeSinceArgs, GoldSilverRatioArgs, PricePointOrder, PricePointsArgs, type PricePointFilter } from './price-points.args';

/** The filter of `pricePoints` as SQL over `price_points pp`. */
function pricePointWhere(f: PricePointFilter | null | undefined): Sql {
  if (!f) return sql`TRUE`;
  const conditions: Sql[] = [];
  if (f.metal) conditions.push(sql`pp.metal = ${metalSql(f.metal)}`);
  if (f.kind) conditions.push(sql`pp.kind = ${priceKindSql(f.kind)}`);
  conditions.push(...rangeSql(sql`pp.date`, f.dateFrom ? sql`${formatCalendarDate(f.dateFrom)}::date` : null, f.dateTo ? sql`${formatCalendarDate(f.dateTo)}::date` : null));
  return allSql(conditions);
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
    const where = pricePointWhere(args.filter);
    const window = pageWindow('PricePoint', args);
    const order = args.order === PricePointOrder.DATE_DESC ? sql`pp.date DESC, pp.metal, pp.kind, pp.id` : sql`pp.date, pp.metal, pp.kind, pp.id`;
    const items = await selectPrices(prisma, where, order, { page: window });
    return toConnection(items, window, () => countRows(prisma, sql`SELECT count(*)::int AS n FROM price_points pp WHERE ${where}`));
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
