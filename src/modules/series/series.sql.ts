// The series feature's SQL: prices grouped into calendar periods in the database (a 10-year daily
// series aggregated monthly reads 120 rows out, not 3,650), one row per metal and period.
import type { PrismaClient } from '../../generated/prisma/client';
import type { Metal, PriceKind } from '../common/enums';
import { allSql, anySql, metalSql, priceKindSql, queryRows, raw, revisionsFrom, sql, type Sql } from '../common/sql';
import { OBSERVATION_KEY } from '../price/price.sql';
import type { Aggregation, Frequency } from './series.type';

export interface PricePeriodsRead {
  metals: Metal[];
  kind: PriceKind;
  frequency: Frequency;
  aggregation: Aggregation;
  /** First day read (YYYY-MM-DD), or null. */
  from: string | null;
  /** First day not read, or null. */
  until: string | null;
  asOf: string | null;
}

export interface PeriodRecord {
  metal: Metal;
  /** The period's first day, YYYY-MM-DD. */
  day: string;
  value: number | null;
  count: number;
  isEstimate: boolean;
  /** Comma-separated source ids of the period's points. */
  sourceIds: string | null;
}

const TRUNCATE_TO: Record<Frequency, string> = { DAILY: 'day', MONTHLY: 'month', QUARTERLY: 'quarter', ANNUAL: 'year' };

const AGGREGATE: Record<Aggregation, Sql> = {
  AVERAGE: sql`avg(v)`,
  SUM: sql`sum(v)`,
  MIN: sql`min(v)`,
  MAX: sql`max(v)`,
  END_OF_PERIOD: sql`(array_agg(v ORDER BY d DESC))[1]`,
};

/** Each metal's prices per period (current values, or as of a date), oldest first. */
export function selectPricePeriods(prisma: PrismaClient, read: PricePeriodsRead): Promise<PeriodRecord[]> {
  const keyWhere = allSql([
    anySql(read.metals.map((m) => sql`pp.metal = ${metalSql(m)}`)),
    sql`pp.kind = ${priceKindSql(read.kind)}`,
    ...(read.from ? [sql`pp.date >= ${read.from}::date`] : []),
    ...(read.until ? [sql`pp.date < ${read.until}::date`] : []),
  ]);
  const revisions = revisionsFrom('price_points', 'pp', OBSERVATION_KEY, read.asOf, keyWhere);
  // date_trunc on a timestamp without zone: a date would be taken as timestamptz, in the session's zone.
  const period = sql`date_trunc(${raw(`'${TRUNCATE_TO[read.frequency]}'`)}, pp.date::timestamp)`;
  return queryRows<PeriodRecord>(
    prisma,
    sql`SELECT metal, to_char(period, 'YYYY-MM-DD') AS day, (${AGGREGATE[read.aggregation]})::float8 AS value, count(*)::int AS count,
      bool_or(est) AS "isEstimate", string_agg(DISTINCT sid::text, ',') AS "sourceIds"
    FROM (SELECT pp.metal::text AS metal, ${period} AS period, pp.date AS d, pp.price_usd_per_oz::float8 AS v, pp.is_estimate AS est, pp.source_id AS sid
      FROM ${revisions.from} WHERE ${revisions.where}) pts
    GROUP BY metal, period ORDER BY metal, period`,
  );
}
