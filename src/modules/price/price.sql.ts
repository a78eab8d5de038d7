// The price feature's SQL: the columns a price is read with (a number, and the date as YYYY-MM-DD text).
import type { PrismaClient } from '../../generated/prisma/client';
import { queryRows, sql, type Sql } from '../common/sql';
import { PricePoint, type PricePointRecord } from './price-point.type';

export const PRICE_COLUMNS = sql`pp.id, pp.source_id AS "sourceId", pp.metal::text AS metal, pp.kind::text AS kind,
  to_char(pp.date, 'YYYY-MM-DD') AS day, pp.price_usd_per_oz::float8 AS "priceUsdPerOz", pp.is_estimate AS "isEstimate"`;

/** Prices matching `where` (over `price_points pp`), in `orderBy` order. */
export async function selectPrices(prisma: PrismaClient, where: Sql, orderBy: Sql, opts: { page?: { take: number; skip: number } } = {}): Promise<PricePoint[]> {
  const page = opts.page ? sql` LIMIT ${opts.page.take} OFFSET ${opts.page.skip}` : sql``;
  const records = await queryRows<PricePointRecord>(prisma, sql`SELECT ${PRICE_COLUMNS} FROM price_points pp WHERE ${where} ORDER BY ${orderBy}${page}`);
  return records.map(PricePoint.fromRecord);
}
