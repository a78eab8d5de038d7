// Per-request DataLoaders: every relation and every lookup a computed field needs goes through
// one of these, so a request makes one SQL statement per loader it touches (per tick), whatever
// the number of rows. Each batch function issues a single findMany (OR of the grouped keys) and
// distributes the rows in memory. Loaders return GraphQL model instances (Decimals as numbers).
import 'reflect-metadata';
import DataLoader from 'dataloader';
import type { PrismaClient } from '../generated/prisma/client';
import { ProductionStage, type Metal, type PriceKind } from '../generated/prisma/enums';
import { Country } from '../modules/country/country.type';
import { PricePoint } from '../modules/price/price-point.type';
import { ProductionYear } from '../modules/production/production-year.type';
import { Source } from '../modules/source/source.type';
import { ExportFlow } from '../modules/trade/export-flow.type';
import { anyOf, distinct, groupBy } from './batch';

/** The aggregate country that stands for the world total. */
export const WORLD_ISO3 = 'WLD';

export interface ProductionQueryKey {
  countryId: number;
  metal: Metal;
  stage: ProductionStage | null;
  yearFrom: number | null;
  yearTo: number | null;
  fullYearOnly: boolean;
}

/** One production series: same country, metal, stage and months, all years. */
export interface ProductionSeriesKey {
  countryId: number;
  metal: Metal;
  stage: ProductionStage;
  monthFrom: number;
  monthTo: number;
}

/** Full-year production of every country for one metal, stage and year. */
export interface ProductionYearKey {
  metal: Metal;
  stage: ProductionStage;
  year: number;
}

export interface ExportFlowQueryKey {
  /** The reporter (exports) or the partner (imports). */
  countryId: number;
  metal: Metal;
  year: number | null;
  /** The other side's ISO3 code (upper case), or null for all. */
  otherIso3: string | null;
}

/** One reporter's flows of a metal for one period. */
export interface ReporterPeriodKey {
  reporterId: number;
  metal: Metal;
  year: number;
  monthFrom: number;
  monthTo: number;
}

/** One flow: reporter, partner, metal and period. */
export interface ExportFlowPeriodKey extends ReporterPeriodKey {
  partnerId: number;
}

export interface PriceDateKey {
  kind: PriceKind;
  /** YYYY-MM-DD */
  date: string;
}

const json = (k: unknown) => JSON.stringify(k);
const periodWhere = (k: { year: number; monthFrom: number; monthTo: number }) => ({ year: k.year, monthFrom: k.monthFrom, monthTo: k.monthTo });
const byPeriodThenTonnes = (a: ExportFlow, b: ExportFlow) =>
  a.year - b.year || a.monthFrom - b.monthFrom || a.monthTo - b.monthTo || (b.tonnes ?? -1) - (a.tonnes ?? -1) || a.dbId - b.dbId;

function byIdLoader<T extends { dbId: number }>(fetch: (ids: number[]) => Promise<T[]>) {
  return new DataLoader<number, T | null>(async (ids) => {
    const rows = await fetch([...ids]);
    const byId = new Map(rows.map((r) => [r.dbId, r]));
    return ids.map((id) => byId.get(id) ?? null);
  });
}

export function createLoaders(prisma: PrismaClient) {
  const countryById = byIdLoader(async (ids) =>
    (await prisma.country.findMany({ where: { id: { in: ids } } })).map((r) => {
      const c = Country.fromRow(r);
      countryByIso3.prime(c.iso3, c);
      return c;
    }),
  );

  const countryByIso3 = new DataLoader<string, Country | null>(async (codes) => {
    const rows = (await prisma.country.findMany({ where: { iso3: { in: [...codes] } } })).map(Country.fromRow);
    const byIso3 = new Map(rows.map((c) => [c.iso3, c]));
    for (const c of rows) countryById.prime(c.dbId, c);
    return codes.map((code) => byIso3.get(code) ?? null);
  });

  const sourceById = byIdLoader(async (ids) => (await prisma.source.findMany({ where: { id: { in: ids } } })).map(Source.fromRow));

  const productionById = byIdLoader(async (ids) =>
    (await prisma.productionYear.findMany({ where: { id: { in: ids } } })).map(ProductionYear.fromRow),
  );

  const exportFlowById = byIdLoader(async (ids) =>
    (await prisma.exportFlow.findMany({ where: { id: { in: ids } } })).map(ExportFlow.fromRow),
  );

  const pricePointById = byIdLoader(async (ids) =>
    (await prisma.pricePoint.findMany({ where: { id: { in: ids } } })).map(PricePoint.fromRow),
  );

  /** A country's production rows matching the `Country.production` arguments, by stage, year, months. */
  const productionByCountry = new DataLoader<ProductionQueryKey, ProductionYear[], string>(
    async (keys) => {
      const groups = groupBy(keys, ({ countryId: _, ...rest }) => json(rest));
      const where = anyOf(
        [...groups.values()].map((g) => {
          const k = g[0];
          return {
            isCurrent: true,
            countryId: { in: distinct(g.map((x) => x.countryId)) },
            metal: k.metal,
            ...(k.stage ? { stage: k.stage } : {}),
            ...(k.yearFrom != null || k.yearTo != null
              ? { year: { ...(k.yearFrom != null ? { gte: k.yearFrom } : {}), ...(k.yearTo != null ? { lte: k.yearTo } : {}) } }
              : {}),
            ...(k.fullYearOnly ? { monthFrom: 1, monthTo: 12 } : {}),
          };
        }),
      );
      const rows = (
        await prisma.productionYear.findMany({
          where,
          orderBy: [{ stage: 'asc' }, { year: 'asc' }, { monthFrom: 'asc' }, { monthTo: 'asc' }, { id: 'asc' }],
        })
      ).map(ProductionYear.fromRow);
      for (const r of rows) productionById.prime(r.dbId, r);
      const results = keys.map((k) =>
        rows.filter(
          (r) =>
            r.countryId === k.countryId &&
            r.metal === k.metal &&
            (!k.stage || r.stage === k.stage) &&
            (k.yearFrom == null || r.year >= k.yearFrom) &&
            (k.yearTo == null || r.year <= k.yearTo) &&
            (!k.fullYearOnly || (r.monthFrom === 1 && r.monthTo === 12)),
        ),
      );
      // A key without year bounds and without fullYearOnly got every row of its country, metal and
      // stage(s): each series in it is complete, so productionBySeries need not read it again. The
      // full-year series of each stage covered is primed even when empty (no rows is the answer).
      // A year- or month-restricted fetch primes nothing: its series would be missing years.
      keys.forEach((k, i) => {
        if (k.yearFrom != null || k.yearTo != null || k.fullYearOnly) return;
        const series = new Map<string, { key: ProductionSeriesKey; rows: ProductionYear[] }>();
        const add = (key: ProductionSeriesKey) => {
          const ck = seriesCacheKey(key);
          if (!series.has(ck)) series.set(ck, { key, rows: [] });
          return series.get(ck)!;
        };
        for (const stage of k.stage ? [k.stage] : Object.values(ProductionStage)) {
          add({ countryId: k.countryId, metal: k.metal, stage, monthFrom: 1, monthTo: 12 });
        }
        // results[i] is ordered by stage, year, months, id: each series' rows come out by year.
        for (const r of results[i]) add(seriesOf(r)).rows.push(r);
        for (const { key, rows: list } of series.values()) productionBySeries.prime(key, list);
      });
      return results;
    },
    { cacheKeyFn: json },
  );

  const seriesOf = (r: ProductionYear): ProductionSeriesKey => ({
    countryId: r.countryId,
    metal: r.metal,
    stage: r.stage,
    monthFrom: r.monthFrom,
    monthTo: r.monthTo,
  });
  const seriesCacheKey = (k: ProductionSeriesKey) => json([k.countryId, k.metal, k.stage, k.monthFrom, k.monthTo]);

  /** Every year of a production series (for yoyChange, lowestSince, declineStreak, worldShare), by year. */
  const productionBySeries = new DataLoader<ProductionSeriesKey, ProductionYear[], string>(
    async (keys) => {
      const groups = groupBy(keys, (k) => json([k.metal, k.stage, k.monthFrom, k.monthTo]));
      const where = anyOf(
        [...groups.values()].map((g) => ({
          isCurrent: true,
          metal: g[0].metal,
          stage: g[0].stage,
          monthFrom: g[0].monthFrom,
          monthTo: g[0].monthTo,
          countryId: { in: distinct(g.map((k) => k.countryId)) },
        })),
      );
      const rows = (await prisma.productionYear.findMany({ where, orderBy: [{ year: 'asc' }, { id: 'asc' }] })).map(ProductionYear.fromRow);
      const bySeries = groupBy(rows, (r) => seriesCacheKey(seriesOf(r)));
      return keys.map((k) => bySeries.get(seriesCacheKey(k)) ?? []);
    },
    { cacheKeyFn: seriesCacheKey },
  );

  const yearGroupsWhere = (keys: readonly ProductionYearKey[]) =>
    anyOf(
      [...groupBy(keys, (k) => json([k.metal, k.stage])).values()].map((g) => ({
        isCurrent: true,
        metal: g[0].metal,
        stage: g[0].stage,
        year: { in: distinct(g.map((k) => k.year)) },
        monthFrom: 1,
        monthTo: 12,
      })),
    );
  const yearKey = (k: { metal: Metal; stage: ProductionStage; year: number }) => json([k.metal, k.stage, k.year]);

  /** The world total (country WLD) for a metal, stage and full year. */
  const worldProductionByYear = new DataLoader<ProductionYearKey, ProductionYear | null, string>(
    async (keys) => {
      const rows = (
        await prisma.productionYear.findMany({ where: { AND: [yearGroupsWhere(keys), { country: { iso3: WORLD_ISO3 } }] } })
      ).map(ProductionYear.fromRow);
      const byKey = new Map(rows.map((r) => [yearKey(r), r]));
      return keys.map((k) => byKey.get(yearKey(k)) ?? null);
    },
    { cacheKeyFn: yearKey },
  );

  /** Full-year rows of every non-aggregate country for a metal, stage and year (for ranks). */
  const nationalProductionByYear = new DataLoader<ProductionYearKey, ProductionYear[], string>(
    async (keys) => {
      const rows = (
        await prisma.productionYear.findMany({ where: { AND: [yearGroupsWhere(keys), { country: { isAggregate: false } }] } })
      ).map(ProductionYear.fromRow);
      const byKey = groupBy(rows, yearKey);
      return keys.map((k) => byKey.get(yearKey(k)) ?? []);
    },
    { cacheKeyFn: yearKey },
  );

  const flowKey = (k: ExportFlowPeriodKey) => json([k.reporterId, k.partnerId, k.metal, k.year, k.monthFrom, k.monthTo]);
  const previousOf = (f: ExportFlow): ExportFlowPeriodKey => ({
    reporterId: f.reporterId,
    partnerId: f.partnerId,
    metal: f.metal,
    year: f.year - 1,
    monthFrom: f.monthFrom,
    monthTo: f.monthTo,
  });
  /**
   * Every flow of a reporter, metal and period (all partners), by reporterPeriodKey, as fetched by
   * an exports query without a partner argument in this request: reporterTotalByPeriod computes
   * those totals from them instead of reading the rows again.
   */
  const completeReporterPeriods = new Map<string, ExportFlow[]>();

  /**
   * A country's exports (side 'reporter') or imports (side 'partner') matching the field's
   * arguments, by period then tonnes (largest first, so the WLD total leads). One statement per
   * distinct set of arguments in the query (usually one), whatever the number of countries.
   */
  const flowsQuery = (side: 'reporter' | 'partner') =>
    new DataLoader<ExportFlowQueryKey, ExportFlow[], string>(
      async (keys) => {
        const own = side === 'reporter' ? 'reporterId' : 'partnerId';
        const other = side === 'reporter' ? 'partner' : 'reporter';
        const groups = [...groupBy(keys, ({ countryId: _, ...rest }) => json(rest)).values()];
        const results = await Promise.all(
          groups.map(async (g) => {
            const k = g[0];
            const rows = await prisma.exportFlow.findMany({
              where: {
                isCurrent: true,
                [own]: { in: distinct(g.map((x) => x.countryId)) },
                metal: k.metal,
                ...(k.year != null ? { year: k.year } : {}),
                ...(k.otherIso3 ? { [other]: { iso3: k.otherIso3 } } : {}),
              },
            });
            const flows = rows.map(ExportFlow.fromRow).sort(byPeriodThenTonnes);
            for (const f of flows) exportFlowById.prime(f.dbId, f);
            const byCountry = groupBy(flows, (f) => String(f[own]));
            // No year argument: every year of each (reporter, partner) pair fetched is here, so each
            // flow's year-earlier flow is either among them or does not exist (null).
            if (k.year == null) {
              const byFlowKey = new Map(flows.map((f) => [flowKey(f), f]));
              for (const f of flows) exportFlowByPeriod.prime(previousOf(f), byFlowKey.get(flowKey(previousOf(f))) ?? null);
            }
            // Exports with no partner argument: each reporter's periods fetched have all their
            // partners, enough for reporterTotalByPeriod (which still needs the partners' countries).
            if (side === 'reporter' && k.otherIso3 == null) {
              for (const [key, list] of groupBy(flows, reporterPeriodKey)) completeReporterPeriods.set(key, list);
            }
            return g.map((x) => [json(x), byCountry.get(String(x.countryId)) ?? []] as const);
          }),
        );
        const byKey = new Map(results.flat());
        return keys.map((k) => byKey.get(json(k)) ?? []);
      },
      { cacheKeyFn: json },
    );

  const reporterPeriodWhere = (keys: readonly ReporterPeriodKey[]) =>
    anyOf(
      [...groupBy(keys, (k) => json([k.metal, k.year, k.monthFrom, k.monthTo])).values()].map((g) => ({
        isCurrent: true,
        metal: g[0].metal,
        ...periodWhere(g[0]),
        reporterId: { in: distinct(g.map((k) => k.reporterId)) },
      })),
    );
  const reporterPeriodKey = (k: ReporterPeriodKey) => json([k.reporterId, k.metal, k.year, k.monthFrom, k.monthTo]);

  /**
   * A reporter's total exports in tonnes for a metal and period: its WLD-partner row when that
   * has tonnes, else the sum of its rows for single countries; null when neither has tonnes.
   * Two statements (WLD rows, country rows), issued together -- none for periods an exports fetch in
   * this request already has whole (completeReporterPeriods): those are computed from its rows by
   * the same rule, with the partners' countries from countryById.
   */
  const reporterTotalByPeriod = new DataLoader<ReporterPeriodKey, number | null, string>(
    async (keys) => {
      const known = keys.filter((k) => completeReporterPeriods.has(reporterPeriodKey(k)));
      const unknown = keys.filter((k) => !completeReporterPeriods.has(reporterPeriodKey(k)));
      const world = new Map<string, number | null>();
      const sums = new Map<string, number>();
      const add = (f: ExportFlow) => {
        if (f.tonnes == null) return;
        const k = reporterPeriodKey(f);
        sums.set(k, (sums.get(k) ?? 0) + f.tonnes);
      };
      await Promise.all([
        // Periods whose flows this request already has: the same rule over those rows, with the
        // partners' countries from countryById (usually loaded already for `partner`).
        (async () => {
          if (!known.length) return;
          const flows = known.flatMap((k) => completeReporterPeriods.get(reporterPeriodKey(k))!);
          const partnerIds = distinct(flows.map((f) => f.partnerId));
          const countries = await countryById.loadMany(partnerIds);
          const partner = new Map<number, Country | null>();
          partnerIds.forEach((id, i) => {
            const c = countries[i];
            if (c instanceof Error) throw c;
            partner.set(id, c);
          });
          for (const f of [...flows].sort((a, b) => a.dbId - b.dbId)) {
            const p = partner.get(f.partnerId);
            if (p?.iso3 === WORLD_ISO3) world.set(reporterPeriodKey(f), f.tonnes);
            else if (p?.isAggregate === false) add(f);
          }
        })(),
        (async () => {
          if (!unknown.length) return;
          const where = reporterPeriodWhere(unknown);
          const [worldRows, countryRows] = await Promise.all([
            prisma.exportFlow.findMany({ where: { AND: [where, { partner: { iso3: WORLD_ISO3 } }] } }),
            prisma.exportFlow.findMany({ where: { AND: [where, { partner: { isAggregate: false } }] } }),
          ]);
          for (const f of worldRows.map(ExportFlow.fromRow)) world.set(reporterPeriodKey(f), f.tonnes);
          countryRows.map(ExportFlow.fromRow).forEach(add);
        })(),
      ]);
      return keys.map((k) => world.get(reporterPeriodKey(k)) ?? sums.get(reporterPeriodKey(k)) ?? null);
    },
    { cacheKeyFn: reporterPeriodKey },
  );

  /** One flow by reporter, partner, metal and period (the like-for-like row a year earlier, for yoy changes). */
  const exportFlowByPeriod = new DataLoader<ExportFlowPeriodKey, ExportFlow | null, string>(
    async (keys) => {
      const where = anyOf(
        [...groupBy(keys, (k) => json([k.metal, k.year, k.monthFrom, k.monthTo])).values()].map((g) => ({
          isCurrent: true,
          metal: g[0].metal,
          ...periodWhere(g[0]),
          reporterId: { in: distinct(g.map((k) => k.reporterId)) },
          partnerId: { in: distinct(g.map((k) => k.partnerId)) },
        })),
      );
      const rows = (await prisma.exportFlow.findMany({ where })).map(ExportFlow.fromRow);
      const byKey = new Map(rows.map((r) => [flowKey(r), r]));
      return keys.map((k) => byKey.get(flowKey(k)) ?? null);
    },
    { cacheKeyFn: flowKey },
  );

  /** Every metal's price of a kind on a date (for goldSilverRatio and changeSince). */
  const pricesByDate = new DataLoader<PriceDateKey, PricePoint[], string>(
    async (keys) => {
      const where = anyOf(
        [...groupBy(keys, (k) => k.kind).values()].map((g) => ({
          isCurrent: true,
          kind: g[0].kind,
          date: { in: distinct(g.map((k) => k.date)).map((d) => new Date(`${d}T00:00:00.000Z`)) },
        })),
      );
      const rows = (await prisma.pricePoint.findMany({ where, orderBy: [{ metal: 'asc' }] })).map(PricePoint.fromRow);
      const byKey = groupBy(rows, (r) => json([r.kind, r.day]));
      return keys.map((k) => byKey.get(json([k.kind, k.date])) ?? []);
    },
    { cacheKeyFn: (k) => json([k.kind, k.date]) },
  );

  return {
    countryById,
    countryByIso3,
    sourceById,
    productionById,
    exportFlowById,
    pricePointById,
    productionByCountry,
    productionBySeries,
    worldProductionByYear,
    nationalProductionByYear,
    exportFlowsByReporter: flowsQuery('reporter'),
    exportFlowsByPartner: flowsQuery('partner'),
    reporterTotalByPeriod,
    exportFlowByPeriod,
    pricesByDate,
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
