// The price feature's SQL: how a price is read (a number, and the date as YYYY-MM-DD text) and
// which revisions a read sees (the current ones, or those published by an as-of date).
import type { PrismaClient } from '../../generated/prisma/client';
import { allRevisionsFrom, empty, priceKindSql, queryRows, raw, revisionsFrom, sql, type Sql } from '../common/sql';
import type { Metal, PriceKind } from '../common/enums';
import { METALS } from '../../domain';
import { PricePoint, type PricePointTuple } from './price-point.type';
import { keepPageTotal, totalColumn } from '../common/connection';

// A price comes as one JSON array (PricePointTuple) rather than 9 columns: one JSON.parse per row
// instead of the driver decoding each value (as production rows, see there).
const priceTuple = (alias: string) => {
  const a = raw(alias);
  return sql`json_build_array(${a}.id, ${a}.source_id, ${a}.metal, ${a}.kind, to_char(${a}.date, 'YYYY-MM-DD'), ${a}.price_usd_per_oz::float8,
  ${a}.is_estimate, ${a}.is_derived, ${a}.is_current)`;
};
const PRICE_ROW = sql`${priceTuple('pp')} AS "row"`;
const OTHER_PRICE = priceTuple('o');

export const OBSERVATION_KEY = ['metal', 'kind', 'date'];

export interface PriceRead {
  /** Conditions on the observation key over `pp` (metal, kind, date). */
  keyWhere: Sql;
  /** Conditions on the value picked (e.g. is_estimate). */
  where?: Sql;
  orderBy: Sql;
  /** null: current values; a date (YYYY-MM-DD): the values as of that date. */
  asOf: string | null;
  page?: { take: number; skip: number };
  /** A count query (countPricesSql) whose result each row carries as `totalCount` (see keepPageTotal). */
  total?: Sql;
}

/** The rows of a price read: each price as a JSON array, its total when asked, and `columns`. */
function selectPriceRecords<R>(prisma: PrismaClient, read: PriceRead, columns: Sql): Promise<Array<R & { row: PricePointTuple; totalCount?: number }>> {
  const revisions = revisionsFrom('price_points', 'pp', OBSERVATION_KEY, read.asOf, read.keyWhere);
  const page = read.page ? sql` LIMIT ${read.page.take} OFFSET ${read.page.skip}` : sql``;
  return queryRows(
    prisma,
    sql`SELECT ${PRICE_ROW}${totalColumn(read.total)}${columns} FROM ${revisions.from} WHERE ${revisions.where} AND ${read.where ?? sql`TRUE`} ORDER BY ${read.orderBy}${page}`,
  );
}

/** One value per observation (current, or as of a date), as PricePoint rows that remember their as-of date. */
export async function selectPrices(prisma: PrismaClient, read: PriceRead): Promise<PricePoint[]> {
  const records = await selectPriceRecords<object>(prisma, read, empty);
  return keepPageTotal(
    records.map((r) => PricePoint.fromTuple(r.row, read.asOf)),
    records,
  );
}

/** A page of prices with the prices of their dates, and the prices on further dates. */
export interface PricesWithDays {
  prices: PricePoint[];
  /** For each page price, every metal's price of its kind and date (itself included), by metal; in page order. */
  sameDay: PricePoint[][];
  /** Every metal's price on the further dates (of the filter's kind, or of every kind), by metal then id. */
  alsoOn: PricePoint[];
}

// The other metals' prices of a row's kind and date: [id, sourceId, metal, priceUsdPerOz,
// isEstimate, isDerived, isCurrent] (the kind and day are the row's).
type OtherMetalTuple = [number, number | null, Metal, number, boolean, boolean, boolean];
const OTHER_METAL_TUPLE = sql`json_build_array(o.id, o.source_id, o.metal, o.price_usd_per_oz::float8, o.is_estimate, o.is_derived, o.is_current)`;

/** A page price and the other metals' prices of its kind and date, in the order pricesByDate gives. */
function sameDayOf(p: PricePoint, others: readonly OtherMetalTuple[] | null, asOf: string | null): PricePoint[] {
  if (!others) return [p];
  const prices = new Array<PricePoint>(others.length + 1);
  prices[0] = p;
  for (let i = 0; i < others.length; i++) {
    const t = others[i];
    prices[i + 1] = PricePoint.of(t[0], t[1], t[2], p.kind, p.day, t[3], t[4], t[5], t[6], asOf);
  }
  // One price per metal (one value per observation), so the metal alone orders them; METALS is
  // the enum's declaration order, which PostgreSQL's ORDER BY metal follows. An insertion sort: the
  // list has a price per metal, and Array#sort copied it into a work array on each of 100 rows.
  for (let i = 1; i < prices.length; i++) {
    const q = prices[i];
    let j = i;
    for (; j > 0 && byMetal(prices[j - 1], q) > 0; j--) prices[j] = prices[j - 1];
    prices[j] = q;
  }
  return prices;
}

const METAL_ORDER = new Map(METALS.map((m, i) => [m, i]));
const byMetal = (a: PricePoint, b: PricePoint) => METAL_ORDER.get(a.metal)! - METAL_ORDER.get(b.metal)!;

/** A page price as selectPricesWithDays reads it: its tuple and the other metals' of its kind and date. */
type PageEntry = [price: PricePointTuple, otherMetals: OtherMetalTuple[] | null];

/**
 * selectPrices, each price with the other metals' prices of its kind and date, and every price on
 * `alsoOn` (YYYY-MM-DD; of `kind` when given): what goldSilverRatio, ratioPrices and changeSince
 * compare, in the page's own statement. The page comes as one JSON value in one row, with its
 * total and the `alsoOn` prices beside it: one parse, and 13 KB from PostgreSQL instead of
 * 28 KB in 100 rows that each repeated the `alsoOn` prices. Against a second statement for them:
 * a round trip less, and no more CPU in PostgreSQL.
 */
export async function selectPricesWithDays(prisma: PrismaClient, read: PriceRead, alsoOn: readonly string[], kind: PriceKind | null): Promise<PricesWithDays> {
  const revisions = revisionsFrom('price_points', 'pp', OBSERVATION_KEY, read.asOf, read.keyWhere);
  const others = revisionsFrom('price_points', 'o', OBSERVATION_KEY, read.asOf, sql`o.kind = pp.kind AND o.date = pp.date AND o.metal <> pp.metal`);
  const later = revisionsFrom('price_points', 'o', OBSERVATION_KEY, read.asOf, sql`o.date = ANY(${[...alsoOn]}::date[])${kind ? sql` AND o.kind = ${priceKindSql(kind)}` : empty}`);
  const limit = read.page ? sql` LIMIT ${read.page.take} OFFSET ${read.page.skip}` : empty;
  const alsoOnColumn = alsoOn.length ? sql`, (SELECT json_agg(${OTHER_PRICE} ORDER BY o.metal, o.id) FROM ${later.from} WHERE ${later.where}) AS "alsoOn"` : empty;
  // The page's rows (pp.*) are picked, ordered and limited first; the tuples are built for them only.
  const [record] = await queryRows<{ page: PageEntry[] | null; totalCount?: number; alsoOn?: PricePointTuple[] | null }>(
    prisma,
    sql`SELECT (SELECT json_agg(json_build_array(${priceTuple('pp')}, (SELECT json_agg(${OTHER_METAL_TUPLE}) FROM ${others.from} WHERE ${others.where})) ORDER BY ${read.orderBy})
  FROM (SELECT pp.* FROM ${revisions.from} WHERE ${revisions.where} AND ${read.where ?? sql`TRUE`} ORDER BY ${read.orderBy}${limit}) pp) AS "page"${totalColumn(read.total)}${alsoOnColumn}`,
  );
  const page = record?.page ?? [];
  const prices = new Array<PricePoint>(page.length);
  const sameDay = new Array<PricePoint[]>(page.length);
  for (let i = 0; i < page.length; i++) {
    const p = PricePoint.fromTuple(page[i][0], read.asOf);
    prices[i] = p;
    sameDay[i] = sameDayOf(p, page[i][1], read.asOf);
  }
  // The one row carries the total even for an empty page.
  if (record?.totalCount !== undefined) keepPageTotal(prices, [record]);
  const alsoOnTuples = record?.alsoOn;
  return { prices, sameDay, alsoOn: alsoOnTuples ? alsoOnTuples.map((t) => PricePoint.fromTuple(t, read.asOf)) : [] };
}

/** The query counting the observations a read would list (a connection's totalCount). */
export function countPricesSql(read: Omit<PriceRead, 'orderBy' | 'page' | 'total'>): Sql {
  const revisions = revisionsFrom('price_points', 'pp', OBSERVATION_KEY, read.asOf, read.keyWhere);
  return sql`SELECT count(*)::int AS n FROM ${revisions.from} WHERE ${revisions.where} AND ${read.where ?? sql`TRUE`}`;
}

/** Every revision of the observations `keyWhere` selects (published by `asOf` when given), oldest publication first. */
export async function selectPriceRevisions(prisma: PrismaClient, keyWhere: Sql, asOf: string | null): Promise<PricePoint[]> {
  const all = allRevisionsFrom('price_points', 'pp', asOf, keyWhere);
  const records = await queryRows<{ row: PricePointTuple }>(prisma, sql`SELECT ${PRICE_ROW} FROM ${all.from} WHERE ${all.where} ORDER BY ${all.orderBy}`);
  return records.map((r) => PricePoint.fromTuple(r.row, asOf));
}
