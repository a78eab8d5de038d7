// The production feature's SQL: which columns a production row is read with, and the conditions
// its loaders and list build. Rows come back as numbers (tonnes::float8), ready for ProductionYear.
import type { PrismaClient } from '../../generated/prisma/client';
import { queryRows, sql, type Sql } from '../common/sql';
import { ProductionYear, type ProductionRecord } from './production-year.type';

export const PRODUCTION_COLUMNS = sql`p.id, p.country_id AS "countryId", p.source_id AS "sourceId", p.metal::text AS metal,
  p.stage::text AS stage, p.year, p.month_from AS "monthFrom", p.month_to AS "monthTo", p.tonnes::float8 AS tonnes,
  p.is_estimate AS "isEstimate"`;

export const PRODUCTION_TABLE = sql`production_years p`;
/** The list's FROM: rows with their country, for filtering and ordering by its code. */
export const PRODUCTION_WITH_COUNTRY = sql`production_years p JOIN countries c ON c.id = p.country_id`;

/** Production rows matching `where` (over `from`, which names the table `p`), in `orderBy` order. */
export async function selectProduction(
  prisma: PrismaClient,
  where: Sql,
  orderBy: Sql,
  opts: { page?: { take: number; skip: number }; from?: Sql } = {},
): Promise<ProductionYear[]> {
  const page = opts.page ? sql` LIMIT ${opts.page.take} OFFSET ${opts.page.skip}` : sql``;
  const records = await queryRows<ProductionRecord>(
    prisma,
    sql`SELECT ${PRODUCTION_COLUMNS} FROM ${opts.from ?? PRODUCTION_TABLE} WHERE ${where} ORDER BY ${orderBy}${page}`,
  );
  return records.map(ProductionYear.fromRecord);
}
