// The series feature's SQL: prices grouped into calendar periods in the database (a 10-year daily
// series aggregated monthly reads 120 rows out, not 3,650), one row per metal and period, computed
// on the stored decimals (numeric), so that a mean of 0.9137s is 0.9137.
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
  /** Aggregate numerator / denominator on each date both have a price, instead of each metal. */
  ratio: { numerator: Metal; denominator: Metal } | null;
  /** Measure the longest run of days without a point in each period (daily points aggregated). */
  gaps: boolean;
}

/** The metal name of a ratio read's records. */
export const RATIO = 'RATIO';

export interface PeriodRecord {
  /** The metal, or RATIO. */
  metal: Metal | typeof RATIO;
  /** The period's first day, YYYY-MM-DD. */
  day: string;
  value: number | null;
  /** Stored points used (a ratio uses two per date). */
  count: number;
  /** Distinct dates with a point (a ratio: dates where both metals have one). */
  dates: number;
  isEstimate: boolean;
  /** Comma-separated source ids of the period's points. */
  sourceIds: string | null;
  /** The longest run of days in the period without a point, at its start, between points or at its end (0 unless `gaps`). */
  longestGap: number;
}

const TRUNCATE_TO: Record<Frequency, string> = { DAILY: 'day', MONTHLY: 'month', QUARTERLY: 'quarter', ANNUAL: 'year' };
const PERIOD_LENGTH: Record<Frequency, string> = { DAILY: '1 day', MONTHLY: '1 month', QUARTERLY: '3 months', ANNUAL: '1 year' };

const AGGREGATE: Record<Aggregation, Sql> = {
  AVERAGE: sql`avg(v)`,
  SUM: sql`sum(v)`,
  MIN: sql`min(v)`,
  MAX: sql`max(v)`,
  END_OF_PERIOD: sql`(array_agg(v ORDER BY d DESC))[1]`,
};

/** Each metal's (or the ratio's) prices per period (current values, or as of a date), oldest first. */
export function selectPricePeriods(prisma: PrismaClient, read: PricePeriodsRead): Promise<PeriodRecord[]> {
  const keyWhere = allSql([
    anySql(read.metals.map((m) => sql`pp.metal = ${metalSql(m)}`)),
    sql`pp.kind = ${priceKindSql(read.kind)}`,
    ...(read.from ? [sql`pp.date >= ${read.from}::date`] : []),
    ...(read.until ? [sql`pp.date < ${read.until}::date`] : []),
  ]);
  const revisions = revisionsFrom('price_points', 'pp', OBSERVATION_KEY, read.asOf, keyWhere);
  const stored = sql`SELECT pp.metal::text AS metal, pp.date AS d, pp.price_usd_per_oz AS v, pp.is_estimate AS est, ARRAY[pp.source_id] AS sids, 1 AS points
    FROM ${revisions.from} WHERE ${revisions.where}`;
  // The ratio on each date both metals have a price (a zero denominator has none), in numeric.
  const points = read.ratio
    ? sql`WITH stored AS (${stored})
        SELECT ${RATIO}::text AS metal, n.d, n.v / dn.v AS v, n.est OR dn.est AS est, n.sids || dn.sids AS sids, 2 AS points
        FROM stored n JOIN stored dn ON dn.d = n.d AND dn.metal = ${read.ratio.denominator} AND dn.v <> 0
        WHERE n.metal = ${read.ratio.numerator}`
    : stored;
  // date_trunc on a timestamp without zone: a date would be taken as timestamptz, in the session's zone.
  const period = sql`date_trunc(${raw(`'${TRUNCATE_TO[read.frequency]}'`)}, pts.d::timestamp)`;
  const gap = read.gaps ? sql`, pts.d - lag(pts.d) OVER (PARTITION BY pts.metal, ${period} ORDER BY pts.d) - 1 AS gap` : sql`, 0 AS gap`;
  const longestGap = read.gaps
    ? sql`greatest(coalesce(max(gap), 0), min(d) - period::date, (period + interval ${raw(`'${PERIOD_LENGTH[read.frequency]}'`)})::date - 1 - max(d))`
    : sql`0`;
  return queryRows<PeriodRecord>(
    prisma,
    sql`SELECT metal, to_char(period, 'YYYY-MM-DD') AS day, (${AGGREGATE[read.aggregation]})::float8 AS value, sum(points)::int AS count,
      count(*)::int AS dates, bool_or(est) AS "isEstimate", (SELECT string_agg(DISTINCT s::text, ',') FROM unnest(array_agg(sids)) s) AS "sourceIds",
      (${longestGap})::int AS "longestGap"
    FROM (SELECT pts.metal, ${period} AS period, pts.d, pts.v, pts.est, pts.sids, pts.points${gap} FROM (${points}) pts) grouped
    GROUP BY metal, period ORDER BY metal, period`,
  );
}

export interface PriceCoverageRead {
  metals: Metal[];
  kind: PriceKind;
  asOf: string | null;
}

export interface PriceCoverageRecord {
  metal: Metal;
  /** Revisions stored, whenever published. */
  stored: number;
  /** The first and last dates with a price published by `asOf` (any, when null); null when none. */
  firstDate: string | null;
  lastDate: string | null;
}

/** What is stored of each metal's prices of a kind: why a series can be empty (docs/domain.md). */
export function selectPriceCoverage(prisma: PrismaClient, read: PriceCoverageRead): Promise<PriceCoverageRecord[]> {
  const visible = read.asOf == null ? sql`TRUE` : sql`(rs.published_on IS NULL OR rs.published_on <= ${read.asOf}::date)`;
  return queryRows<PriceCoverageRecord>(
    prisma,
    sql`SELECT pp.metal::text AS metal, count(*)::int AS stored,
      to_char(min(pp.date) FILTER (WHERE ${visible}), 'YYYY-MM-DD') AS "firstDate", to_char(max(pp.date) FILTER (WHERE ${visible}), 'YYYY-MM-DD') AS "lastDate"
    FROM price_points pp JOIN sources rs ON rs.id = pp.source_id
    WHERE pp.metal::text = ANY(${read.metals}) AND pp.kind = ${priceKindSql(read.kind)}
    GROUP BY pp.metal`,
  );
}
