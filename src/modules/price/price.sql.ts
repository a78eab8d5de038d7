// The price feature's SQL: the columns a price is read with (a number, and the date as YYYY-MM-DD
// text) and which revisions a read sees (the current ones, or those published by an as-of date).
import type { PrismaClient } from '../../generated/prisma/client';
import { allRevisionsFrom, empty, priceKindSql, queryRows, revisionsFrom, sql, type Sql } from '../common/sql';
import type { Metal, PriceKind } from '../common/enums';
import { PricePoint, type PricePointRecord } from './price-point.type';
import { keepPageTotal, totalColumn } from '../common/connection';

export const PRICE_COLUMNS = sql`pp.id, pp.source_id AS "sourceId", pp.metal::text AS metal, pp.kind::text AS kind,
  to_char(pp.date, 'YYYY-MM-DD') AS day, pp.price_usd_per_oz::float8 AS "priceUsdPerOz", pp.is_estimate AS "isEstimate",
  pp.is_derived AS "isDerived", pp.is_current AS "isCurrent"`;

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

/** One value per observation (current, or as of a date), as PricePoint rows that remember their as-of date. */
export async function selectPrices(prisma: PrismaClient, read: PriceRead): Promise<PricePoint[]> {
  const revisions = revisionsFrom('price_points', 'pp', OBSERVATION_KEY, read.asOf, read.keyWhere);
  const page = read.page ? sql` LIMIT ${read.page.take} OFFSET ${read.page.skip}` : sql``;
  const records = await queryRows<PricePointRecord & { totalCount?: number }>(
    prisma,
    sql`SELECT ${PRICE_COLUMNS}${totalColumn(read.total)} FROM ${revisions.from} WHERE ${revisions.where} AND ${read.where ?? sql`TRUE`} ORDER BY ${read.orderBy}${page}`,
  );
  return keepPageTotal(
    records.map((r) => PricePoint.fromRecord(r, read.asOf)),
    records,
  );
}

/** A page of prices and every price of the same kinds on its dates and on further dates. */
export interface PricesWithDays {
  prices: PricePoint[];
  /** Every metal's price of each page price's kind and date (by metal, then id), in page order. */
  sameDay: PricePoint[][];
  /** Every metal's price on the further dates (of the filter's kind, or of every kind), by metal then id. */
  alsoOn: PricePoint[];
}

// A price inside a JSON array column: [id, sourceId, metal, kind, day, priceUsdPerOz, isEstimate, isDerived, isCurrent].
type PriceTuple = [number, number | null, Metal, PriceKind, string, number, boolean, boolean, boolean];
const PRICE_TUPLE = sql`json_build_array(o.id, o.source_id, o.metal, o.kind, to_char(o.date, 'YYYY-MM-DD'), o.price_usd_per_oz::float8, o.is_estimate, o.is_derived, o.is_current)`;
const fromTuple = (t: PriceTuple, asOf: string | null) =>
  PricePoint.fromRecord({ id: t[0], sourceId: t[1], metal: t[2], kind: t[3], day: t[4], priceUsdPerOz: t[5], isEstimate: t[6], isDerived: t[7], isCurrent: t[8] }, asOf);

/**
 * selectPrices, each row with every metal's price of its kind and date (a JSON array column), and
 * the first row with every price on `alsoOn` (YYYY-MM-DD; of `kind` when given): what
 * goldSilverRatio, ratioPrices and changeSince compare, in the page's own statement. Against a
 * second statement for them (measured on a 100-price page): a round trip less, less CPU in
 * PostgreSQL, and about half the decoding (a short JSON text per row instead of 200 rows).
 */
export async function selectPricesWithDays(prisma: PrismaClient, read: PriceRead, alsoOn: readonly string[], kind: PriceKind | null): Promise<PricesWithDays> {
  const revisions = revisionsFrom('price_points', 'pp', OBSERVATION_KEY, read.asOf, read.keyWhere);
  const page = read.page ? sql` LIMIT ${read.page.take} OFFSET ${read.page.skip}` : sql``;
  const sameDay = revisionsFrom('price_points', 'o', OBSERVATION_KEY, read.asOf, sql`o.kind = pp.kind AND o.date = pp.date`);
  const later = revisionsFrom('price_points', 'o', OBSERVATION_KEY, read.asOf, sql`o.date = ANY(${[...alsoOn]}::date[])${kind ? sql` AND o.kind = ${priceKindSql(kind)}` : empty}`);
  // An uncorrelated subquery: PostgreSQL computes it once. Sent as text, parsed here once.
  const alsoOnColumn = alsoOn.length ? sql`, (SELECT json_agg(${PRICE_TUPLE} ORDER BY o.metal, o.id) FROM ${later.from} WHERE ${later.where})::text AS "alsoOn"` : empty;
  const records = await queryRows<PricePointRecord & { totalCount?: number; sameDay: PriceTuple[]; alsoOn?: string | null }>(
    prisma,
    sql`SELECT ${PRICE_COLUMNS}${totalColumn(read.total)},
  (SELECT json_agg(${PRICE_TUPLE} ORDER BY o.metal, o.id) FROM ${sameDay.from} WHERE ${sameDay.where}) AS "sameDay"${alsoOnColumn}
FROM ${revisions.from} WHERE ${revisions.where} AND ${read.where ?? sql`TRUE`} ORDER BY ${read.orderBy}${page}`,
  );
  const later0 = records[0]?.alsoOn;
  return {
    prices: keepPageTotal(
      records.map((r) => PricePoint.fromRecord(r, read.asOf)),
      records,
    ),
    sameDay: records.map((r) => (r.sameDay ?? []).map((t) => fromTuple(t, read.asOf))),
    alsoOn: later0 ? (JSON.parse(later0) as PriceTuple[]).map((t) => fromTuple(t, read.asOf)) : [],
  };
}

/** The query counting the observations a read would list (a connection's totalCount). */
export function countPricesSql(read: Omit<PriceRead, 'orderBy' | 'page' | 'total'>): Sql {
  const revisions = revisionsFrom('price_points', 'pp', OBSERVATION_KEY, read.asOf, read.keyWhere);
  return sql`SELECT count(*)::int AS n FROM ${revisions.from} WHERE ${revisions.where} AND ${read.where ?? sql`TRUE`}`;
}

/** Every revision of the observations `keyWhere` selects (published by `asOf` when given), oldest publication first. */
export async function selectPriceRevisions(prisma: PrismaClient, keyWhere: Sql, asOf: string | null): Promise<PricePoint[]> {
  const all = allRevisionsFrom('price_points', 'pp', asOf, keyWhere);
  const records = await queryRows<PricePointRecord>(prisma, sql`SELECT ${PRICE_COLUMNS} FROM ${all.from} WHERE ${all.where} ORDER BY ${all.orderBy}`);
  return records.map((r) => PricePoint.fromRecord(r, asOf));
}
