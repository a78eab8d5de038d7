// The price feature's SQL: the columns a price is read with (a number, and the date as YYYY-MM-DD
// text) and which revisions a read sees (the current ones, or those published by an as-of date).
import type { PrismaClient } from '../../generated/prisma/client';
import { allRevisionsFrom, queryRows, revisionsFrom, sql, type Sql } from '../common/sql';
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
