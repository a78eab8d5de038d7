// The production feature's SQL: how a production row is read (numbers, no Decimal objects) and
// which revisions a read sees (the current ones, or those published by an as-of date).
import type { PrismaClient } from '../../generated/prisma/client';
import { allRevisionsFrom, queryRows, revisionsFrom, sql, type Sql } from '../common/sql';
import { ProductionYear, type ProductionTuple } from './production-year.type';
import { keepPageTotal, totalColumn } from '../common/connection';

// A row comes as one JSON array ([id, countryId, sourceId, metal, stage, year, monthFrom, monthTo,
// tonnes, isEstimate, isDerived, isCurrent]) rather than 12 columns: the driver decodes each column
// of each row on its own, and for the 600 rows of a 50-country series that was about 2 ms of the
// API's CPU against 1 ms for one JSON.parse per row (PostgreSQL spends about 0.6 ms more building
// the arrays; measured on the bench's data, same statement otherwise).
const PRODUCTION_ROW = sql`json_build_array(p.id, p.country_id, p.source_id, p.metal, p.stage, p.year, p.month_from, p.month_to,
  p.tonnes::float8, p.is_estimate, p.is_derived, p.is_current) AS "row"`;

const OBSERVATION_KEY = ['country_id', 'metal', 'stage', 'year', 'month_from', 'month_to'];

export interface ProductionRead {
  /** Conditions on the observation key over `p` (country, metal, stage, year, months). */
  keyWhere: Sql;
  /** Conditions on the value picked (e.g. is_estimate), and on `c` with `withCountry`. */
  where?: Sql;
  orderBy: Sql;
  /** null: current values; a date (YYYY-MM-DD): the values as of that date. */
  asOf: string | null;
  /** Join the producing country as `c` (to filter or order by its code). */
  withCountry?: boolean;
  page?: { take: number; skip: number };
  /** A count query (countProductionSql) whose result each row carries as `totalCount` (see keepPageTotal). */
  total?: Sql;
}

const countryJoin = (withCountry?: boolean) => (withCountry ? sql` JOIN countries c ON c.id = p.country_id` : sql``);

/** One value per observation (current, or as of a date), as ProductionYear rows that remember their as-of date. */
export async function selectProduction(prisma: PrismaClient, read: ProductionRead): Promise<ProductionYear[]> {
  const revisions = revisionsFrom('production_years', 'p', OBSERVATION_KEY, read.asOf, read.keyWhere);
  const page = read.page ? sql` LIMIT ${read.page.take} OFFSET ${read.page.skip}` : sql``;
  const records = await queryRows<{ row: ProductionTuple; countryIso3?: string; totalCount?: number }>(
    prisma,
    sql`SELECT ${PRODUCTION_ROW}${read.withCountry ? sql`, c.iso3 AS "countryIso3"` : sql``}${totalColumn(read.total)} FROM ${revisions.from}${countryJoin(read.withCountry)}
      WHERE ${revisions.where} AND ${read.where ?? sql`TRUE`} ORDER BY ${read.orderBy}${page}`,
  );
  return keepPageTotal(
    records.map((r) => ProductionYear.fromTuple(r.row, read.asOf, r.countryIso3)),
    records,
  );
}

/** The query counting the observations a read would list (a connection's totalCount). */
export function countProductionSql(read: Omit<ProductionRead, 'orderBy' | 'page' | 'total'>): Sql {
  const revisions = revisionsFrom('production_years', 'p', OBSERVATION_KEY, read.asOf, read.keyWhere);
  return sql`SELECT count(*)::int AS n FROM ${revisions.from}${countryJoin(read.withCountry)} WHERE ${revisions.where} AND ${read.where ?? sql`TRUE`}`;
}

/** Every revision of the observations `keyWhere` selects (published by `asOf` when given), oldest publication first. */
export async function selectProductionRevisions(prisma: PrismaClient, keyWhere: Sql, asOf: string | null): Promise<ProductionYear[]> {
  const all = allRevisionsFrom('production_years', 'p', asOf, keyWhere);
  const records = await queryRows<{ row: ProductionTuple }>(prisma, sql`SELECT ${PRODUCTION_ROW} FROM ${all.from} WHERE ${all.where} ORDER BY ${all.orderBy}`);
  return records.map((r) => ProductionYear.fromTuple(r.row, asOf));
}
