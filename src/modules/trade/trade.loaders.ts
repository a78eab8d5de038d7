// Per-request DataLoaders of the trade feature (export flows). One statement per loader and tick;
// the list loaders prime the narrower ones (whole reporter periods, year-earlier flows, the
// countries on the other side) with what they fetched, so `share`, the year-over-year changes and
// `partner` usually need no statement of their own.
import DataLoader from 'dataloader';
import type { PrismaClient } from '../../generated/prisma/client';
import { WORLD_ISO3 } from '../../domain';
import { exportTotal, type ExportTotal, type PartnerFlow, type PartnerKind } from '../../metrics';
import { groupBy } from '../../loaders/batch';
import { KnownValuesLoader } from '../../loaders/known-values';
import type { Metal } from '../common/enums';
import { allSql, anySql, distinctOf, metalSql, sql, type Sql } from '../common/sql';
import type { CountryLoaders } from '../country/country.loaders';
import type { Country } from '../country/country.type';
import type { ExportFlow } from './export-flow.type';
import { selectFlowRevisions, selectFlows, selectFlowsWithCountries } from './trade.sql';

export interface ExportFlowQueryKey {
  /** null: current values; YYYY-MM-DD: as of that date. */
  asOf: string | null;
  /** The reporter (exports) or the partner (imports). */
  countryId: number;
  metal: Metal;
  year: number | null;
  /** The other side's ISO3 code (upper case), or null for all. */
  otherIso3: string | null;
}

/** One reporter's flows of a metal for one period. */
export interface ReporterPeriodKey {
  asOf: string | null;
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

const queryKeyOf = (k: ExportFlowQueryKey) => `${k.asOf}|${k.countryId}|${k.metal}|${k.year}|${k.otherIso3}`;
export const reporterPeriodKeyOf = (k: ReporterPeriodKey) => `${k.asOf}|${k.reporterId}|${k.metal}|${k.year}|${k.monthFrom}|${k.monthTo}`;
export const flowKeyOf = (k: ExportFlowPeriodKey) => `${reporterPeriodKeyOf(k)}|${k.partnerId}`;

/** The flow of the same reporter, partner, metal and months `yearsBack` years earlier. */
export const flowPeriodOf = (f: ExportFlow, yearsBack = 0): ExportFlowPeriodKey => ({
  asOf: f.asOf,
  reporterId: f.reporterId,
  partnerId: f.partnerId,
  metal: f.metal,
  year: f.year - yearsBack,
  monthFrom: f.monthFrom,
  monthTo: f.monthTo,
});
export const reporterPeriodOf = (f: ExportFlow): ReporterPeriodKey => flowPeriodOf(f);

/** Within a country's flows: by period, then the largest first (so the WLD total leads). */
const BY_PERIOD_THEN_TONNES = sql`f.year, f.month_from, f.month_to, f.tonnes DESC NULLS LAST, f.id`;

const reporterPeriodsWhere = <K extends ReporterPeriodKey>(keys: readonly K[], extra: (g: K[]) => Sql[] = () => []) =>
  anySql(
    [...groupBy(keys, (k) => `${k.metal}|${k.year}|${k.monthFrom}|${k.monthTo}`).values()].map((g) =>
      allSql([
        sql`f.metal = ${metalSql(g[0].metal)} AND f.year = ${g[0].year} AND f.month_from = ${g[0].monthFrom} AND f.month_to = ${g[0].monthTo}`,
        sql`f.reporter_id = ANY(${distinctOf(g, (k) => k.reporterId)})`,
        ...extra(g),
      ]),
    ),
  );

/** What kind of partner a country is for export totals (src/metrics/trade.ts). */
const partnerKindOf = (c: Country | null | undefined): PartnerKind =>
  c?.iso3 === WORLD_ISO3 ? 'WORLD' : c?.isAggregate === false ? 'COUNTRY' : 'AGGREGATE';

/** A reporter period's flows with the kind of each one's partner. */
const partnerFlowsOf = (flows: readonly ExportFlow[], kinds: ReadonlyMap<number, PartnerKind>): Array<PartnerFlow & { flow: ExportFlow }> =>
  flows.map((f) => ({ flow: f, partner: kinds.get(f.partnerId)!, tonnes: f.tonnes, valueUsd: f.valueUsd, isEstimate: f.isEstimate, sourceId: f.sourceId }));

/** Runs a batch once per as-of date among its keys (usually one), each as one statement. */
async function perScope<K extends { asOf: string | null }>(keys: readonly K[], read: (asOf: string | null, keys: K[]) => Promise<ExportFlow[]>) {
  const scopes = groupBy(keys, (k) => String(k.asOf));
  return (await Promise.all([...scopes.values()].map((g) => read(g[0].asOf, g)))).flat();
}

export function createTradeLoaders(prisma: PrismaClient, { countryById }: Pick<CountryLoaders, 'countryById'>) {
  const exportFlowById = new DataLoader<number, ExportFlow | null>(async function exportFlowById(ids) {
    const rows = await selectFlowRevisions(prisma, sql`f.id = ANY(${[...ids]})`, null);
    const byId = new Map(rows.map((r) => [r.dbId, r]));
    return ids.map((id) => byId.get(id) ?? null);
  });

  /** One flow by reporter, partner, metal and period (the like-for-like flow a year earlier); null when none. */
  const exportFlowByPeriod = new DataLoader<ExportFlowPeriodKey, ExportFlow | null, string>(
    async function exportFlowByPeriod(keys) {
      const rows = await perScope(keys, (asOf, scoped) =>
        selectFlows(prisma, { asOf, keyWhere: reporterPeriodsWhere(scoped, (g) => [sql`f.partner_id = ANY(${distinctOf(g, (k) => k.partnerId)})`]), orderBy: sql`f.id` }),
      );
      const byKey = new Map(rows.map((r) => [flowKeyOf(flowPeriodOf(r)), r]));
      return keys.map((k) => byKey.get(flowKeyOf(k)) ?? null);
    },
    { cacheKeyFn: flowKeyOf },
  );

  /** Every revision of one flow (published by the key's as-of date), oldest publication first. */
  const exportFlowRevisions = new DataLoader<ExportFlowPeriodKey, ExportFlow[], string>(
    async function exportFlowRevisions(keys) {
      const scopes = groupBy(keys, (k) => String(k.asOf));
      const rows = (
        await Promise.all(
          [...scopes.values()].map((g) =>
            selectFlowRevisions(prisma, reporterPeriodsWhere(g, (h) => [sql`f.partner_id = ANY(${distinctOf(h, (k) => k.partnerId)})`]), g[0].asOf),
          ),
        )
      ).flat();
      const byKey = groupBy(rows, (r) => flowKeyOf(flowPeriodOf(r)));
      return keys.map((k) => byKey.get(flowKeyOf(k)) ?? []);
    },
    { cacheKeyFn: flowKeyOf },
  );

  /** Every flow (all partners) of a reporter, metal and period: what `share` divides by. */
  const flowsByReporterPeriod = new DataLoader<ReporterPeriodKey, ExportFlow[], string>(
    async function flowsByReporterPeriod(keys) {
      const rows = await perScope(keys, (asOf, scoped) => selectFlows(prisma, { asOf, keyWhere: reporterPeriodsWhere(scoped), orderBy: sql`f.id` }));
      const byKey = groupBy(rows, (r) => reporterPeriodKeyOf(reporterPeriodOf(r)));
      return keys.map((k) => byKey.get(reporterPeriodKeyOf(k)) ?? []);
    },
    { cacheKeyFn: reporterPeriodKeyOf },
  );

  /**
   * A reporter period's flows with what kind of partner each has (WLD, a single country, another
   * aggregate): what totals, shares and summaries are computed from (src/metrics/trade.ts). The
   * flows come from flowsByReporterPeriod, the partners from countryById (usually loaded already
   * for `partner`): no statement per row.
   */
  const partnerFlowsByPeriod = new DataLoader<ReporterPeriodKey, Array<PartnerFlow & { flow: ExportFlow }>, string>(
    async function partnerFlowsByPeriod(keys) {
      const periods = await flowsByReporterPeriod.loadMany(keys);
      const flows = periods.flatMap((p) => {
        if (p instanceof Error) throw p;
        return p;
      });
      const partnerIds = distinctOf(flows, (f) => f.partnerId);
      const kinds = new Map<number, PartnerKind>();
      (await countryById.loadMany(partnerIds)).forEach((c, i) => {
        if (c instanceof Error) throw c;
        kinds.set(partnerIds[i], partnerKindOf(c));
      });
      return periods.map((p) => partnerFlowsOf(p as ExportFlow[], kinds));
    },
    { cacheKeyFn: reporterPeriodKeyOf },
  );

  /**
   * A reporter's total for a metal and period (docs/domain.md, ExportFlow.share): its WLD-partner
   * row when that has tonnes, else the sum of its rows for single countries; the basis says which.
   */
  const exportTotalByPeriod = new KnownValuesLoader<ReporterPeriodKey, ExportTotal, string>(
    async function exportTotalByPeriod(keys) {
      return (await partnerFlowsByPeriod.loadMany(keys)).map((p) => {
        if (p instanceof Error) throw p;
        return exportTotal(p);
      });
    },
    { cacheKeyFn: reporterPeriodKeyOf },
  );

  /**
   * A country's exports (side 'reporter') or imports (side 'partner') for the field's arguments, by
   * period then tonnes (largest first, so the WLD total leads). One statement per distinct set of
   * arguments in the tick (usually one), whatever the number of countries.
   */
  const flowsQuery = (side: 'reporter' | 'partner') =>
    new DataLoader<ExportFlowQueryKey, ExportFlow[], string>(
      async function flowsByCountry(keys) {
        const own = side === 'reporter' ? sql`f.reporter_id` : sql`f.partner_id`;
        const other = side === 'reporter' ? sql`f.partner_id` : sql`f.reporter_id`;
        const ownId = (f: ExportFlow) => (side === 'reporter' ? f.reporterId : f.partnerId);
        const groups = [...groupBy(keys, (k) => `${k.asOf}|${k.metal}|${k.year}|${k.otherIso3}`).values()];
        const results = new Map<string, ExportFlow[]>();
        await Promise.all(
          groups.map(async (g) => {
            const k = g[0];
            const conditions = [sql`${own} = ANY(${distinctOf(g, (x) => x.countryId)})`, sql`f.metal = ${metalSql(k.metal)}`];
            // A year argument reads the year before too (a few rows more, one statement less): the
            // year-over-year changes then need no statement of their own.
            if (k.year != null) conditions.push(sql`f.year BETWEEN ${k.year - 1} AND ${k.year}`);
            if (k.otherIso3) conditions.push(sql`${other} = (SELECT id FROM countries WHERE iso3 = ${k.otherIso3})`);
            // The other side's countries come with the rows: `partner` (or `reporter`) then needs no statement.
            const { flows: rows, countries } = await selectFlowsWithCountries(prisma, { asOf: k.asOf, keyWhere: allSql(conditions), orderBy: BY_PERIOD_THEN_TONNES }, side === 'reporter' ? 'partner' : 'reporter');
            for (const c of countries) countryById.prime(c.dbId, c);
            const listed = k.year == null ? rows : rows.filter((f) => f.year === k.year);
            // Every listed flow's year-earlier flow (same reporter, partner, metal and months) is among
            // the rows read, or does not exist; kept on the flow (no promise per row).
            const byFlow = new Map(rows.map((f) => [flowKeyOf(flowPeriodOf(f)), f]));
            for (const f of listed) f.previousFlow ??= byFlow.get(flowKeyOf(flowPeriodOf(f, 1))) ?? null;
            // Exports with no partner argument hold every partner of each period fetched, and the rows
            // brought those partners: what share divides by, known now (share answers synchronously).
            if (side === 'reporter' && k.otherIso3 == null) {
              const kinds = new Map(countries.map((c) => [c.dbId, partnerKindOf(c)]));
              for (const list of groupBy(rows, (f) => reporterPeriodKeyOf(reporterPeriodOf(f))).values()) {
                const period = reporterPeriodOf(list[0]);
                const partnerFlows = partnerFlowsOf(list, kinds);
                flowsByReporterPeriod.prime(period, list);
                partnerFlowsByPeriod.prime(period, partnerFlows);
                exportTotalByPeriod.prime(period, exportTotal(partnerFlows));
              }
            }
            const byCountry = groupBy(listed, (f) => String(ownId(f)));
            for (const x of g) results.set(queryKeyOf(x), byCountry.get(String(x.countryId)) ?? []);
          }),
        );
        return keys.map((k) => results.get(queryKeyOf(k)) ?? []);
      },
      { cacheKeyFn: queryKeyOf },
    );

  return {
    exportFlowById,
    exportFlowByPeriod,
    exportFlowRevisions,
    flowsByReporterPeriod,
    partnerFlowsByPeriod,
    exportTotalByPeriod,
    exportFlowsByReporter: flowsQuery('reporter'),
    exportFlowsByPartner: flowsQuery('partner'),
  };
}

export type TradeLoaders = ReturnType<typeof createTradeLoaders>;

/** The reporter's total for the flow's metal and period: now when the list that read `f` primed it, else loaded. */
export function exportTotalOf(f: ExportFlow, loaders: Pick<TradeLoaders, 'exportTotalByPeriod'>): ExportTotal | Promise<ExportTotal> {
  return loaders.exportTotalByPeriod.loadNow(reporterPeriodOf(f));
}

/** The like-for-like flow a year earlier: known from the fetch that read `f`, else loaded. */
export function previousFlowOf(f: ExportFlow, loaders: Pick<TradeLoaders, 'exportFlowByPeriod'>): ExportFlow | null | Promise<ExportFlow | null> {
  return f.previousFlow !== undefined ? f.previousFlow : loaders.exportFlowByPeriod.load(flowPeriodOf(f, 1));
}
