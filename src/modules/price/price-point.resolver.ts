import type { GraphQLObjectType, GraphQLResolveInfo } from 'graphql';
import { Args, Ctx, FieldResolver, Float, Info, Query, Resolver, Root } from 'type-graphql';
import type { AppContext } from '../../context';
import { goldSilverRatio, priceIn, ratioPrices, sourcedChange, type SourcedFigure } from '../../metrics';
import { ChangeType } from '../common/change.type';
import { PriceUnitArgs } from '../common/units.args';
import { asOfDay } from '../common/as-of';
import { asksTotalCount, countRows, OrderDirection, pageTotalOr, pageWindow, toConnection, type Ordering, type SortKey } from '../common/connection';
import { allSql, metalSql, priceKindSql, rangeSql, sql, type Sql } from '../common/sql';
import { formatCalendarDate } from '../common/date.scalar';
import { argumentsOf, fieldNodesAt, selects } from '../common/selection';
import { Metal, type PriceKind } from '../common/enums';
import { Figure } from '../common/figure.type';
import { Source } from '../source/source.type';
import { PricePointConnection } from './price-point.connection';
import { PricePoint } from './price-point.type';
import { priceDateOf, priceObservationOf, primeComparedPrices, type PriceDateKey } from './price.loaders';
import { countPricesSql, selectPrices, selectPricesWithDays } from './price.sql';
import { ChangeSinceArgs, GoldSilverRatioArgs, PricePointOrder, PricePointsArgs, type PricePointFilter } from './price-points.args';

/** The filter of `pricePoints`: conditions on the observation (over `pp`). */
function pricePointWhere(f: PricePointFilter | null | undefined): Sql {
  if (!f) return sql`TRUE`;
  const conditions: Sql[] = [];
  if (f.metal) conditions.push(sql`pp.metal = ${metalSql(f.metal)}`);
  if (f.kind) conditions.push(sql`pp.kind = ${priceKindSql(f.kind)}`);
  conditions.push(...rangeSql(sql`pp.date`, f.dateFrom ? sql`${formatCalendarDate(f.dateFrom)}::date` : null, f.dateTo ? sql`${formatCalendarDate(f.dateTo)}::date` : null));
  return allSql(conditions);
}

/** The gold/silver ratio of one kind and date's prices (every metal's). A loop: it runs on each row of a page. */
function ratioOf(prices: readonly PricePoint[]): number | null {
  let gold: number | undefined;
  let silver: number | undefined;
  for (const p of prices) {
    if (p.metal === Metal.GOLD) gold ??= p.priceUsdPerOz;
    else if (p.metal === Metal.SILVER) silver ??= p.priceUsdPerOz;
  }
  return goldSilverRatio(gold, silver);
}

/** The change of a price since the same metal's price among `earlier` (another date's prices), with their sources. */
function changeAgainst(p: PricePoint, earlier: readonly PricePoint[]) {
  for (const q of earlier) {
    if (q.metal === p.metal) return sourcedChange(sourcedPrice(p), sourcedPrice(q));
  }
  return null;
}

/** The dates of a page's changeSince selections (YYYY-MM-DD), as their resolvers will read them. */
function changeSinceDates(info: GraphQLResolveInfo): string[] {
  const nodes = fieldNodesAt(info, ['edges', 'node', 'changeSince']);
  if (nodes.length === 0) return [];
  const field = (info.schema.getType('PricePoint') as GraphQLObjectType).getFields().changeSince;
  const dates = argumentsOf(info, nodes, field).flatMap(({ date }) => (date instanceof Date && !Number.isNaN(date.getTime()) ? [formatCalendarDate(date)] : []));
  return [...new Set(dates)];
}

/** Whether a page's prices will be compared with others of their dates (or of changeSince's). */
const comparesPrices = (info: GraphQLResolveInfo) => ['goldSilverRatio', 'ratioPrices', 'changeSince'].some((f) => selects(info, ['edges', 'node', f]));

/**
 * A date argument as YYYY-MM-DD. A field in a list gets the same Date (a variable's, or a literal's)
 * on every row: the last one's text is kept rather than written again for each of 100 prices.
 */
let lastDate: Date | undefined;
let lastTime = NaN;
let lastDay = '';
function dayOf(date: Date): string {
  const time = date.getTime();
  if (date !== lastDate || time !== lastTime) {
    lastDay = formatCalendarDate(date);
    lastDate = date;
    lastTime = time;
  }
  return lastDay;
}

/**
 * The pricesByDate key of a date's prices of a kind. A page's rows ask with the same values: they
 * get the same key object, whose cache key the loader then builds once (KnownValuesLoader).
 */
let lastDateKey: PriceDateKey | undefined;
function priceDateKey(asOf: string | null, kind: PriceKind, date: string): PriceDateKey {
  const last = lastDateKey;
  if (last !== undefined && last.date === date && last.kind === kind && last.asOf === asOf) return last;
  return (lastDateKey = { asOf, kind, date });
}

/** The pricesByDate key of Query.goldSilverRatio's arguments. */
const ratioDateKey = ({ date, kind, asOf }: GoldSilverRatioArgs): PriceDateKey => ({ asOf: asOfDay(asOf), kind: kind ?? 'SPOT', date: formatCalendarDate(date) });

const sourcedPrice = (p: PricePoint): SourcedFigure => ({ value: p.priceUsdPerOz, isEstimate: p.isEstimate, sourceId: p.sourceId });

/** Prices by date, then metal, kind and id (a total order: keyset cursors hold all four). */
const byDate = (desc: boolean): Ordering<PricePoint> => ({
  name: desc ? 'DATE_DESC' : 'DATE_ASC',
  keys: [
    { sql: sql`pp.date`, type: 'date', desc, of: (p) => p.day },
    { sql: sql`pp.metal`, type: '"Metal"', of: (p) => p.metal },
    { sql: sql`pp.kind`, type: '"PriceKind"', of: (p) => p.kind },
    { sql: sql`pp.id`, type: 'int', of: (p) => String(p.dbId) },
  ] satisfies SortKey<PricePoint>[],
});
const BY_DATE_ASC = byDate(false);
const BY_DATE_DESC = byDate(true);

@Resolver(() => PricePoint)
export class PricePointResolver {
  @FieldResolver(() => Float, { description: 'The price in a unit of price (USD per troy ounce converted, 6 decimal places).' })
  price(@Root() p: PricePoint, @Args(() => PriceUnitArgs) { unit }: PriceUnitArgs): number {
    return priceIn(p.priceUsdPerOz, unit);
  }

  @Query(() => PricePointConnection, {
    description: 'Prices in US dollars per troy ounce, ordered by date (oldest first unless `order: DATE_DESC`), then metal and kind.',
  })
  async pricePoints(@Args(() => PricePointsArgs) args: PricePointsArgs, @Ctx() { prisma, loaders }: AppContext, @Info() info: GraphQLResolveInfo) {
    const read = { keyWhere: pricePointWhere(args.filter), asOf: asOfDay(args.filter?.asOf) };
    const desc = args.orderBy ? args.orderBy.direction === OrderDirection.DESC : args.order === PricePointOrder.DATE_DESC;
    const window = pageWindow('PricePoint', desc ? BY_DATE_DESC : BY_DATE_ASC, args, { filter: args.filter });
    const total = asksTotalCount(info) ? countPricesSql(read) : undefined;
    const pageRead = { ...read, where: window.where, orderBy: window.orderBy, page: { take: window.take, skip: 0 }, total };
    let items: PricePoint[];
    if (comparesPrices(info)) {
      // The prices the page's comparisons read come with it (one statement, not two), primed.
      const since = changeSinceDates(info);
      const withDays = await selectPricesWithDays(prisma, pageRead, since, args.filter?.kind ?? null);
      primeComparedPrices(loaders.pricesByDate, withDays, read.asOf, since);
      withDays.prices.forEach((p, i) => (p.sameDay = withDays.sameDay[i]));
      items = withDays.prices;
    } else {
      items = await selectPrices(prisma, pageRead);
    }
    return toConnection(items, window, pageTotalOr(items, () => countRows(prisma, countPricesSql(read))));
  }

  @Query(() => Float, {
    name: 'goldSilverRatio',
    nullable: true,
    description: 'Gold/silver ratio on a date: ounces of silver one ounce of gold buys (gold price / silver price, same kind; 10 significant digits). Null when either price is missing (on that date, or published by asOf). goldSilverRatioFigure gives it with its sources.',
  })
  async goldSilverRatioOn(@Args(() => GoldSilverRatioArgs) args: GoldSilverRatioArgs, @Ctx() { loaders }: AppContext) {
    return ratioOf(await loaders.pricesByDate.load(ratioDateKey(args)));
  }

  @Query(() => Figure, {
    description:
      'goldSilverRatio (same arguments and value) with its provenance: isEstimate when the gold or the silver price is an estimate; sources = the sources of those two prices. Value null (no sources, not an estimate) when goldSilverRatio is: either price missing (on that date, or published by asOf), or silver 0.',
  })
  async goldSilverRatioFigure(@Args(() => GoldSilverRatioArgs) args: GoldSilverRatioArgs, @Ctx() { loaders }: AppContext) {
    const prices = await loaders.pricesByDate.load(ratioDateKey(args));
    return Figure.of(ratioOf(prices), ratioPrices(prices));
  }

  @FieldResolver(() => Source, { nullable: true, description: 'Where the price comes from.' })
  source(@Root() p: PricePoint, @Ctx() { loaders }: AppContext) {
    return p.sourceId == null ? null : loaders.sourceById.load(p.sourceId);
  }

  @FieldResolver(() => Float, {
    nullable: true,
    description: 'Gold/silver ratio on this date and kind (gold price / silver price, 10 significant digits; the same value on both metals\' points). Null when either price is missing.',
  })
  goldSilverRatio(@Root() p: PricePoint, @Ctx() { loaders }: AppContext): number | null | Promise<number | null> {
    // Synchronous when the page brought its date's prices: no promise per price.
    return p.sameDay ? ratioOf(p.sameDay) : loaders.pricesByDate.load(priceDateOf(p)).then(ratioOf);
  }

  @FieldResolver(() => [PricePoint], {
    description:
      'The gold and silver prices (gold first) of this kind and date that goldSilverRatio divides, with their sources and estimate flags; empty when there is no ratio.',
  })
  ratioPrices(@Root() p: PricePoint, @Ctx() { loaders }: AppContext) {
    return p.sameDay ? ratioPrices(p.sameDay) : loaders.pricesByDate.load(priceDateOf(p)).then(ratioPrices);
  }

  @FieldResolver(() => ChangeType, {
    nullable: true,
    description: 'Change against the same metal and kind on an earlier (or any other) date: absolute in USD per troy ounce, percent, and ratio = price / that price. Null when there is no price on that date.',
  })
  changeSince(@Root() p: PricePoint, @Args(() => ChangeSinceArgs) { date }: ChangeSinceArgs, @Ctx() { loaders }: AppContext) {
    // Synchronous when the page primed that date's prices (see pricePoints), with no closure per row.
    const earlier = loaders.pricesByDate.loadNow(priceDateKey(p.asOf, p.kind, dayOf(date)));
    return earlier instanceof Promise ? earlier.then((prices) => changeAgainst(p, prices)) : changeAgainst(p, earlier);
  }

  @FieldResolver(() => [PricePoint], {
    description:
      'Every revision of this price (same metal, kind and date), one per source, oldest publication first; as of the date this price was read for, only those published by then.',
  })
  revisions(@Root() p: PricePoint, @Ctx() { loaders }: AppContext) {
    return loaders.priceRevisions.load(priceObservationOf(p));
  }
}
