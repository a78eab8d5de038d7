// Per-request DataLoaders of the production feature. Each batch function sends one statement for
// all the keys of a tick, whatever their number; the list loader primes the narrower loaders with
// what it fetched (rows, and rows known not to exist), so computed fields ask again only for what
// is missing.
import DataLoader from 'dataloader';
import type { PrismaClient } from '../../generated/prisma/client';
import { Metal, ProductionStage } from '../common/enums';
import { allSql, anySql, distinctOf, metalSql, rangeSql, sql, stageSql, type Sql } from '../common/sql';
import { groupBy } from '../../loaders/batch';
import { WORLD_ISO3 } from '../../domain';
import type { ProductionYear } from './production-year.type';
import { selectProduction, selectProductionRevisions } from './production.sql';

/** The arguments of `Country.production` for one country. */
export interface ProductionListKey {
  /** null: current values; YYYY-MM-DD: as of that date. */
  asOf: string | null;
  countryId: number;
  metal: Metal;
  stage: ProductionStage | null;
  yearFrom: number | null;
  yearTo: number | null;
  fullYearOnly: boolean;
}

/** One production series: same country, metal, stage and months, all years. */
export interface ProductionSeriesKey {
  asOf: string | null;
  countryId: number;
  metal: Metal;
  stage: ProductionStage;
  monthFrom: number;
  monthTo: number;
}

/** One observation: a series in one year. */
export interface ProductionObservationKey extends ProductionSeriesKey {
  year: number;
}

/** Full-year production of every country for one metal, stage and year. */
export interface ProductionYearKey {
  asOf: string | null;
  metal: Metal;
  stage: ProductionStage;
  year: number;
}

// Canonical string keys: cheap to build, equal for equal keys.
export const seriesKeyOf = (k: ProductionSeriesKey) => `${k.asOf}|${k.countryId}|${k.metal}|${k.stage}|${k.monthFrom}|${k.monthTo}`;
export const observationKeyOf = (k: ProductionObservationKey) => `${seriesKeyOf(k)}|${k.year}`;
const listKeyOf = (k: ProductionListKey) => `${k.asOf}|${k.countryId}|${k.metal}|${k.stage}|${k.yearFrom}|${k.yearTo}|${k.fullYearOnly}`;
const yearKeyOf = (k: ProductionYearKey) => `${k.asOf}|${k.metal}|${k.stage}|${k.year}`;
const sameGroup = (k: { asOf: string | null; metal: Metal; stage: ProductionStage; monthFrom: number; monthTo: number }) =>
  `${k.metal}|${k.stage}|${k.monthFrom}|${k.monthTo}`;

/** The observation a row belongs to, `yearsBack` years earlier. */
export const observationOf = (r: ProductionYear, yearsBack = 0): ProductionObservationKey => ({
  asOf: r.asOf,
  countryId: r.countryId,
  metal: r.metal,
  stage: r.stage,
  monthFrom: r.monthFrom,
  monthTo: r.monthTo,
  year: r.year - yearsBack,
});
export const seriesOf = (r: ProductionYear): ProductionSeriesKey => observationOf(r);

const BY_STAGE_YEAR_MONTHS = sql`p.stage, p.year, p.month_from, p.month_to, p.id`;

/**
 * The first year a list fetch reads: the year before `yearFrom`, so that yoyChange of the range's
 * first year needs no statement of its own (one more row per series, one statement less).
 */
const firstYearRead = (k: ProductionListKey) => (k.yearFrom == null ? null : k.yearFrom - 1);

/** Whether a list fetch with these arguments holds every row of the series of `r` in `year`. */
function listCovers(k: ProductionListKey, r: ProductionYear, year: number): boolean {
  const from = firstYearRead(k);
  return (
    (k.stage == null || k.stage === r.stage) &&
    (from == null || year >= from) &&
    (k.yearTo == null || year <= k.yearTo) &&
    (!k.fullYearOnly || (r.monthFrom === 1 && r.monthTo === 12))
  );
}

const METAL_CODE = new Map(Object.values(Metal).map((m, i) => [m, i]));
const STAGE_CODE = new Map(Object.values(ProductionStage).map((s, i) => [s, i]));

/**
 * A number naming an observation among one country's rows of one as-of date: the year-earlier
 * lookup of a 600-row list made two objects and two strings per row with string keys.
 */
const observationCode = (r: ProductionYear, year: number) =>
  (((METAL_CODE.get(r.metal)! * STAGE_CODE.size + STAGE_CODE.get(r.stage)!) * 16 + r.monthFrom) * 16 + r.monthTo) * 4096 + year;

/**
 * Runs a batch once per as-of date among its keys (usually one: a request reads current values or
 * one date), each as one statement, and hands back every row fetched.
 */
async function perScope<K extends { asOf: string | null }>(keys: readonly K[], read: (asOf: string | null, keys: K[]) => Promise<ProductionYear[]>) {
  const scopes = groupBy(keys, (k) => String(k.asOf));
  const fetched = await Promise.all([...scopes.values()].map((g) => read(g[0].asOf, g)));
  return fetched.flat();
}

export function createProductionLoaders(prisma: PrismaClient) {
  /** A revision by database id (any revision, current or not: `node(id:)`). */
  const productionById = new DataLoader<number, ProductionYear | null>(async function productionById(ids) {
    const rows = await selectProductionRevisions(prisma, sql`p.id = ANY(${[...ids]})`, null);
    const byId = new Map(rows.map((r) => [r.dbId, r]));
    return ids.map((id) => byId.get(id) ?? null);
  });

  const observationsWhere = <K extends ProductionSeriesKey>(keys: K[], extra: (g: K[]) => Sql[]) =>
    anySql(
      [...groupBy(keys, sameGroup).values()].map((g) => {
        const k = g[0];
        return allSql([
          sql`p.metal = ${metalSql(k.metal)} AND p.stage = ${stageSql(k.stage)} AND p.month_from = ${k.monthFrom} AND p.month_to = ${k.monthTo}`,
          sql`p.country_id = ANY(${distinctOf(g, (x) => x.countryId)})`,
          ...extra(g),
        ]);
      }),
    );

  /** One row by series and year (yoyChange's earlier row, a country's row in worldShare); null when none. */
  const productionByObservation = new DataLoader<ProductionObservationKey, ProductionYear | null, string>(
    async function productionByObservation(keys) {
      const rows = await perScope(keys, (asOf, scoped) =>
        selectProduction(prisma, { asOf, keyWhere: observationsWhere(scoped, (g) => [sql`p.year = ANY(${distinctOf(g, (x) => x.year)})`]), orderBy: sql`p.id` }),
      );
      const byKey = new Map(rows.map((r) => [observationKeyOf(observationOf(r)), r]));
      return keys.map((k) => byKey.get(observationKeyOf(k)) ?? null);
    },
    { cacheKeyFn: observationKeyOf },
  );

  /** Every revision of one observation (published by the key's as-of date), oldest publication first. */
  const productionRevisions = new DataLoader<ProductionObservationKey, ProductionYear[], string>(
    async function productionRevisions(keys) {
      const scopes = groupBy(keys, (k) => String(k.asOf));
      const rows = (
        await Promise.all(
          [...scopes.values()].map((g) =>
            selectProductionRevisions(prisma, observationsWhere(g, (h) => [sql`p.year = ANY(${distinctOf(h, (x) => x.year)})`]), g[0].asOf),
          ),
        )
      ).flat();
      const byKey = groupBy(rows, (r) => observationKeyOf(observationOf(r)));
      return keys.map((k) => byKey.get(observationKeyOf(k)) ?? []);
    },
    { cacheKeyFn: observationKeyOf },
  );

  /** Every year of a production series (for lowestSince and declineStreak), by year. */
  const productionBySeries = new DataLoader<ProductionSeriesKey, ProductionYear[], string>(
    async function productionBySeries(keys) {
      const rows = await perScope(keys, (asOf, scoped) =>
        selectProduction(prisma, { asOf, keyWhere: observationsWhere(scoped, () => []), orderBy: sql`p.year, p.id` }),
      );
      const bySeries = groupBy(rows, (r) => seriesKeyOf(seriesOf(r)));
      return keys.map((k) => bySeries.get(seriesKeyOf(k)) ?? []);
    },
    { cacheKeyFn: seriesKeyOf },
  );

  /**
   * A country's production rows for the `Country.production` arguments, by stage, year and months.
   * One statement per tick for every country and argument set, reading from the year before
   * `yearFrom` so that each row's year-earlier row is known (found or missing: yoyChange needs no
   * statement). Fetches without year bounds prime whole series (for lowestSince and declineStreak).
   */
  const productionByCountry = new DataLoader<ProductionListKey, ProductionYear[], string>(
    async function productionByCountry(keys) {
      const rows = await perScope(keys, (asOf, scoped) => {
        const groups = groupBy(scoped, (k) => `${k.metal}|${k.stage}|${k.yearFrom}|${k.yearTo}|${k.fullYearOnly}`);
        const keyWhere = anySql(
          [...groups.values()].map((g) => {
            const k = g[0];
            const conditions: Sql[] = [sql`p.country_id = ANY(${distinctOf(g, (x) => x.countryId)})`, sql`p.metal = ${metalSql(k.metal)}`];
            if (k.stage) conditions.push(sql`p.stage = ${stageSql(k.stage)}`);
            conditions.push(...rangeSql(sql`p.year`, firstYearRead(k), k.yearTo));
            if (k.fullYearOnly) conditions.push(sql`p.month_from = 1 AND p.month_to = 12`);
            return allSql(conditions);
          }),
        );
        return selectProduction(prisma, { asOf, keyWhere, orderBy: BY_STAGE_YEAR_MONTHS });
      });
      const byCountry = groupBy(rows, (r) => `${r.asOf}|${r.countryId}`);
      // Per country (and as-of date), its rows by observation: where each row's year-earlier row is.
      const observations = new Map<string, Map<number, ProductionYear>>();
      const observationsOf = (countryKey: string) => {
        let found = observations.get(countryKey);
        if (!found) {
          found = new Map();
          for (const r of byCountry.get(countryKey) ?? []) found.set(observationCode(r, r.year), r);
          observations.set(countryKey, found);
        }
        return found;
      };
      const results = keys.map((k) =>
        (byCountry.get(`${k.asOf}|${k.countryId}`) ?? []).filter(
          (r) =>
            r.metal === k.metal &&
            (k.stage == null || r.stage === k.stage) &&
            (k.yearFrom == null || r.year >= k.yearFrom) &&
            (k.yearTo == null || r.year <= k.yearTo) &&
            (!k.fullYearOnly || (r.monthFrom === 1 && r.monthTo === 12)),
        ),
      );
      keys.forEach((k, i) => {
        // The row a year before each row, when this fetch read that year: found, or known missing.
        // Kept on the row itself (no promise per row): yoyChange and previous answer synchronously.
        const ofCountry = results[i].length > 0 ? observationsOf(`${k.asOf}|${k.countryId}`) : undefined;
        for (const r of results[i]) {
          if (r.previousRow !== undefined) continue;
          if (listCovers(k, r, r.year - 1)) r.previousRow = ofCountry!.get(observationCode(r, r.year - 1)) ?? null;
        }
        if (k.yearFrom != null || k.yearTo != null) return;
        // No year bounds: every series fetched is whole. The full-year series of each stage asked
        // is primed even when empty (no rows is the answer); partial periods only when fetched.
        const series = new Map<string, { key: ProductionSeriesKey; rows: ProductionYear[] }>();
        const add = (key: ProductionSeriesKey) => {
          const ck = seriesKeyOf(key);
          let s = series.get(ck);
          if (!s) series.set(ck, (s = { key, rows: [] }));
          return s;
        };
        for (const stage of k.stage ? [k.stage] : Object.values(ProductionStage)) {
          add({ asOf: k.asOf, countryId: k.countryId, metal: k.metal, stage, monthFrom: 1, monthTo: 12 });
        }
        // results[i] is ordered by stage, year, months, id: each series' rows come out by year.
        for (const r of results[i]) add(seriesOf(r)).rows.push(r);
        for (const { key, rows: list } of series.values()) {
          if (k.fullYearOnly && !(key.monthFrom === 1 && key.monthTo === 12)) continue;
          productionBySeries.prime(key, list);
        }
      });
      return results;
    },
    { cacheKeyFn: listKeyOf },
  );

  const yearGroupsWhere = (keys: readonly ProductionYearKey[]) =>
    anySql(
      [...groupBy(keys, (k) => `${k.metal}|${k.stage}`).values()].map(
        (g) =>
          sql`p.metal = ${metalSql(g[0].metal)} AND p.stage = ${stageSql(g[0].stage)} AND p.year = ANY(${distinctOf(g, (k) => k.year)})
            AND p.month_from = 1 AND p.month_to = 12`,
      ),
    );

  /** The world total (country WLD) for a metal, stage and full year. */
  const worldProductionByYear = new DataLoader<ProductionYearKey, ProductionYear | null, string>(
    async function worldProductionByYear(keys) {
      const rows = await perScope(keys, (asOf, scoped) =>
        selectProduction(prisma, {
          asOf,
          keyWhere: sql`(${yearGroupsWhere(scoped)}) AND p.country_id = (SELECT id FROM countries WHERE iso3 = ${WORLD_ISO3})`,
          orderBy: sql`p.id`,
        }),
      );
      const byKey = new Map(rows.map((r) => [yearKeyOf(r), r]));
      return keys.map((k) => byKey.get(yearKeyOf(k)) ?? null);
    },
    { cacheKeyFn: yearKeyOf },
  );

  /** Full-year rows of every non-aggregate country for a metal, stage and year (for ranks). */
  const nationalProductionByYear = new DataLoader<ProductionYearKey, ProductionYear[], string>(
    async function nationalProductionByYear(keys) {
      const rows = await perScope(keys, (asOf, scoped) =>
        selectProduction(prisma, {
          asOf,
          keyWhere: sql`(${yearGroupsWhere(scoped)}) AND p.country_id IN (SELECT id FROM countries WHERE NOT is_aggregate)`,
          orderBy: sql`p.id`,
        }),
      );
      const byKey = groupBy(rows, yearKeyOf);
      return keys.map((k) => byKey.get(yearKeyOf(k)) ?? []);
    },
    { cacheKeyFn: yearKeyOf },
  );

  return {
    productionById,
    productionByObservation,
    productionRevisions,
    productionBySeries,
    productionByCountry,
    worldProductionByYear,
    nationalProductionByYear,
  };
}

export type ProductionLoaders = ReturnType<typeof createProductionLoaders>;

/** The like-for-like row a year earlier: known from the fetch that read `p`, else loaded. */
export function previousRowOf(p: ProductionYear, loaders: Pick<ProductionLoaders, 'productionByObservation'>): ProductionYear | null | Promise<ProductionYear | null> {
  return p.previousRow !== undefined ? p.previousRow : loaders.productionByObservation.load(observationOf(p, 1));
}
