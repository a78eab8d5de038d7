// The trade feature's SQL: the columns an export flow is read with (numbers, no Decimal objects).
import type { PrismaClient } from '../../generated/prisma/client';
import { queryRows, sql, type Sql } from '../common/sql';
import { ExportFlow, type ExportFlowRecord } from './export-flow.type';

export const FLOW_COLUMNS = sql`f.id, f.reporter_id AS "reporterId", f.partner_id AS "partnerId", f.source_id AS "sourceId",
  f.metal::text AS metal, f.year, f.month_from AS "monthFrom", f.month_to AS "monthTo", f.tonnes::float8 AS tonnes,
  f.value_usd::float8 AS "valueUsd", f.is_estimate AS "isEstimate"`;

export const FLOW_TABLE = sql`export_flows f`;
/** The list's FROM: flows with their reporter (r) and partner (pc), for filtering and ordering by code. */
export const FLOW_WITH_COUNTRIES = sql`export_flows f JOIN countries r ON r.id = f.reporter_id JOIN countries pc ON pc.id = f.partner_id`;

/** Flows matching `where` (over `from`, which names the table `f`), in `orderBy` order. */
export async function selectFlows(
  prisma: PrismaClient,
  where: Sql,
  orderBy: Sql,
  opts: { page?: { take: number; skip: number }; from?: Sql } = {},
): Promise<ExportFlow[]> {
  const page = opts.page ? sql` LIMIT ${opts.page.take} OFFSET ${opts.page.skip}` : sql``;
  const records = await queryRows<ExportFlowRecord>(
    prisma,
    sql`SELECT ${FLOW_COLUMNS} FROM ${opts.from ?? FLOW_TABLE} WHERE ${where} ORDER BY ${orderBy}${page}`,
  );
  return records.map(ExportFlow.fromRecord);
}
