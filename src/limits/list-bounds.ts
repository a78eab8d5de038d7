// How many items a list field without paging can return at most, from the data itself, for the
// cost model: a country's `exports` can hold hundreds of flows, so a fixed guess of 10 per list let
// `countries(first: 40) { exports { tonnes } }` (about 13,000 rows) pass as cheap. Counted per
// owner in one statement over the current rows, and refreshed when the data version changes. The
// same statement reads the stored coverage of the series (first and last price date per metal and
// kind, first and last production year per metal and stage): a series costs the periods it can hold.
import type { PrismaClient } from '../generated/prisma/client.js';

/** The largest list each plain list field can return, per owner (a country, an observation). */
export interface ListBoundStats {
  /** Country.production: per country and metal; per country, metal and stage; and the same per year. */
  productionPerMetal: number;
  productionPerStage: number;
  productionPerMetalYear: number;
  productionPerStageYear: number;
  /** Country.exports / imports: per reporter (partner) and metal, and per year. */
  exportsPerMetal: number;
  exportsPerMetalYear: number;
  importsPerMetal: number;
  importsPerMetalYear: number;
  /** `revisions` of one observation. */
  productionRevisions: number;
  flowRevisions: number;
  priceRevisions: number;
  /** Query.sources. */
  sources: number;
  /** Stored prices of one metal and kind (a series' observations at the stored frequency). */
  pricesPerSeries: number;
  /**
   * The stored coverage that bounds a series by its range (src/limits/cost.ts): the first and last
   * date (YYYY-MM-DD) of the prices of each metal and kind, keyed `METAL/KIND`, and the first and last
   * year of the production of each metal and stage, keyed `METAL/STAGE`. Over every row, revisions
   * included, so that a series `asOf` an earlier date is within it too. A key without rows is absent.
   */
  priceCoverage: Record<string, Coverage<string>>;
  productionCoverage: Record<string, Coverage<number>>;
}

/** The first and the last stored period of a series (dates YYYY-MM-DD, or years). */
export interface Coverage<T> {
  first: T;
  last: T;
}

const maxPerGroup = (table: string, group: string, where = 'is_current') =>
  `(SELECT coalesce(max(n), 0)::int FROM (SELECT count(*) AS n FROM ${table} WHERE ${where} GROUP BY ${group}) g)`;

const STATS_SQL = `SELECT
  ${maxPerGroup('production_years', 'country_id, metal')} AS "productionPerMetal",
  ${maxPerGroup('production_years', 'country_id, metal, stage')} AS "productionPerStage",
  ${maxPerGroup('production_years', 'country_id, metal, year')} AS "productionPerMetalYear",
  ${maxPerGroup('production_years', 'country_id, metal, stage, year')} AS "productionPerStageYear",
  ${maxPerGroup('export_flows', 'reporter_id, metal')} AS "exportsPerMetal",
  ${maxPerGroup('export_flows', 'reporter_id, metal, year')} AS "exportsPerMetalYear",
  ${maxPerGroup('export_flows', 'partner_id, metal')} AS "importsPerMetal",
  ${maxPerGroup('export_flows', 'partner_id, metal, year')} AS "importsPerMetalYear",
  ${maxPerGroup('production_years', 'country_id, metal, stage, year, month_from, month_to', 'TRUE')} AS "productionRevisions",
  ${maxPerGroup('export_flows', 'reporter_id, partner_id, metal, year, month_from, month_to', 'TRUE')} AS "flowRevisions",
  ${maxPerGroup('price_points', 'metal, kind, date', 'TRUE')} AS "priceRevisions",
  (SELECT count(*)::int FROM sources) AS "sources",
  ${maxPerGroup('price_points', 'metal, kind')} AS "pricesPerSeries",
  (SELECT coalesce(json_object_agg(metal::text || '/' || kind::text, json_build_object('first', to_char(first, 'YYYY-MM-DD'), 'last', to_char(last, 'YYYY-MM-DD'))), '{}'::json)
     FROM (SELECT metal, kind, min(date) AS first, max(date) AS last FROM price_points GROUP BY metal, kind) c) AS "priceCoverage",
  (SELECT coalesce(json_object_agg(metal::text || '/' || stage::text, json_build_object('first', first, 'last', last)), '{}'::json)
     FROM (SELECT metal, stage, min(year) AS first, max(year) AS last FROM production_years GROUP BY metal, stage) c) AS "productionCoverage"`;

export async function readListBoundStats(prisma: PrismaClient): Promise<ListBoundStats> {
  const [row] = await prisma.$queryRawUnsafe<ListBoundStats[]>(STATS_SQL);
  // json columns come parsed from the drivers; a string (another adapter's choice) is parsed here.
  const parsed = <T>(v: unknown): T => (typeof v === 'string' ? JSON.parse(v) : (v ?? {})) as T;
  return { ...row, priceCoverage: parsed(row.priceCoverage), productionCoverage: parsed(row.productionCoverage) };
}

/**
 * The stats for the current data: read once per data version (`versionTag`), or at most every
 * `maxAgeMs` when there is no version to go by. Concurrent callers share one read.
 */
export function createListBounds(prisma: PrismaClient, versionTag: () => string | undefined, maxAgeMs = 60_000) {
  let cached: { key: string; at: number; stats: Promise<ListBoundStats> } | undefined;
  return function listBoundStats(): Promise<ListBoundStats> {
    const tag = versionTag();
    const now = Date.now();
    const fresh = cached && (tag ? cached.key === tag : now - cached.at < maxAgeMs);
    if (!fresh) {
      const stats = readListBoundStats(prisma);
      cached = { key: tag ?? '', at: now, stats };
      stats.catch(() => {
        if (cached?.stats === stats) cached = undefined;
      });
    }
    return cached!.stats;
  };
}
