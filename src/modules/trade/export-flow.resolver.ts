import type { GraphQLResolveInfo } from 'graphql';
import { Args, Ctx, FieldResolver, Float, Info, Query, Resolver, Root } from 'type-graphql';
import type { AppContext } from '../../context';
import { massIn, share, sourcedChange, unitPriceUsdPerOz, type SourcedFigure } from '../../metrics';
import { ChangeType } from '../common/change.type';
import { MassUnitArgs } from '../common/units.args';
import { asOfDay } from '../common/as-of';
import { asksTotalCount, countRows, OrderDirection, pageTotalOr, pageWindow, toConnection, type Ordering, type SortKey } from '../common/connection';
import { whenLoaded } from '../common/loaded';
import { allSql, metalSql, rangeSql, sql, type Sql } from '../common/sql';
import { normaliseIso3 } from '../common/validation';
import { Country } from '../country/country.type';
import { Source } from '../source/source.type';
import { ExportFlowConnection } from './export-flow.connection';
import { ShareBasis } from './export-summary.type';
import { ExportFlow } from './export-flow.type';
import { ExportFlowOrderField, ExportFlowsArgs, type ExportFlowFilter, type ExportFlowOrderBy } from './export-flows.args';
import { exportTotalOf, flowPeriodOf, previousFlowOf } from './trade.loaders';
import { countryAsOf } from '../country/country.loaders';
import { countFlowsSql, selectFlows } from './trade.sql';

/** The filter of `exportFlows`: conditions on the observation (over `f`) and on the value picked (and `r`, `pc`). */
function exportFlowWhere(f: ExportFlowFilter | null | undefined): { keyWhere: Sql; where: Sql } {
  if (!f) return { keyWhere: sql`TRUE`, where: sql`TRUE` };
  const key: Sql[] = [];
  const value: Sql[] = [];
  if (f.reporterIso3) value.push(sql`r.iso3 = ANY(${f.reporterIso3.map(normaliseIso3)})`);
  if (f.partnerIso3) value.push(sql`pc.iso3 = ANY(${f.partnerIso3.map(normaliseIso3)})`);
  if (f.isAggregate != null) value.push(sql`r.is_aggregate = ${f.isAggregate}`);
  if (f.partnerIsAggregate != null) value.push(sql`pc.is_aggregate = ${f.partnerIsAggregate}`);
  if (f.metal) key.push(sql`f.metal = ${metalSql(f.metal)}`);
  key.push(...rangeSql(sql`f.year`, f.yearFrom, f.yearTo));
  if (f.monthFrom != null) key.push(sql`f.month_from = ${f.monthFrom}`);
  if (f.monthTo != null) key.push(sql`f.month_to = ${f.monthTo}`);
  if (f.isEstimate != null) value.push(sql`f.is_estimate = ${f.isEstimate}`);
  return { keyWhere: allSql(key), where: allSql(value) };
}

const sourcedTonnes = (f: ExportFlow): SourcedFigure => ({ value: f.tonnes, isEstimate: f.isEstimate, sourceId: f.sourceId });
const sourcedValue = (f: ExportFlow): SourcedFigure => ({ value: f.valueUsd, isEstimate: f.isEstimate, sourceId: f.sourceId });

type Key = SortKey<ExportFlow>;
const REPORTER: Key = { sql: sql`r.iso3`, type: 'char(3)', of: (f) => f.reporterIso3! };
const METAL: Key = { sql: sql`f.metal`, type: '"Metal"', of: (f) => f.metal };
const year = (desc = false): Key => ({ sql: sql`f.year`, type: 'int', desc, of: (f) => String(f.year) });
const MONTH_FROM: Key = { sql: sql`f.month_from`, type: 'int', of: (f) => String(f.monthFrom) };
const MONTH_TO: Key = { sql: sql`f.month_to`, type: 'int', of: (f) => String(f.monthTo) };
const ID: Key = { sql: sql`f.id`, type: 'int', of: (f) => String(f.dbId) };
/** A nullable number as a key that is never null: missing values sort last in either direction. */
const lastWhenNull = (column: Sql, value: (f: ExportFlow) => number | null, desc: boolean): Key => {
  const end = desc ? '-Infinity' : 'Infinity';
  return { sql: sql`COALESCE(${column}::float8, ${end}::float8)`, type: 'float8', desc, of: (f) => String(value(f) ?? end) };
};

/** The orders of `exportFlows`; each ends with the id, so it is total (keyset cursors). */
function flowOrdering(orderBy: ExportFlowOrderBy | null | undefined): Ordering<ExportFlow> {
  const tonnesLargestFirst = lastWhenNull(sql`f.tonnes`, (f) => f.tonnes, true);
  if (!orderBy) return { name: 'REPORTER', keys: [REPORTER, METAL, year(), MONTH_FROM, MONTH_TO, tonnesLargestFirst, ID] };
  const desc = orderBy.direction === OrderDirection.DESC;
  const name = `${orderBy.field}_${orderBy.direction}`;
  switch (orderBy.field) {
    case ExportFlowOrderField.TONNES:
      return { name, keys: [lastWhenNull(sql`f.tonnes`, (f) => f.tonnes, desc), ID] };
    case ExportFlowOrderField.VALUE:
      return { name, keys: [lastWhenNull(sql`f.value_usd`, (f) => f.valueUsd, desc), ID] };
    case ExportFlowOrderField.YEAR:
      return { name, keys: [year(desc), REPORTER, METAL, MONTH_FROM, MONTH_TO, tonnesLargestFirst, ID] };
  }
}

@Resolver(() => ExportFlow)
export class ExportFlowResolver {
  @FieldResolver(() => Float, { nullable: true, description: 'The quantity in a unit of mass (tonnes converted); null when tonnes is.' })
  amount(@Root() f: ExportFlow, @Args(() => MassUnitArgs) { unit }: MassUnitArgs): number | null {
    return f.tonnes == null ? null : massIn(f.tonnes, unit);
  }

  @Query(() => ExportFlowConnection, {
    description: 'Export flows (tonnes and USD value by reporter, partner and period), ordered by reporter code, metal, year, months, then tonnes (largest first), unless `orderBy` says otherwise.',
  })
  async exportFlows(@Args(() => ExportFlowsArgs) args: ExportFlowsArgs, @Ctx() { prisma, loaders }: AppContext, @Info() info: GraphQLResolveInfo) {
    const read = { ...exportFlowWhere(args.filter), asOf: asOfDay(args.filter?.asOf), withCountries: true };
    const window = pageWindow('ExportFlow', flowOrdering(args.orderBy), args, { filter: args.filter });
    const total = asksTotalCount(info) ? countFlowsSql(read) : undefined;
    const items = await selectFlows(prisma, { ...read, where: allSql([read.where, window.where]), orderBy: window.orderBy, page: { take: window.take, skip: 0 }, total });
    return toConnection(items, window, pageTotalOr(items, () => countRows(prisma, countFlowsSql(read))));
  }

  @FieldResolver(() => Country, { description: 'The exporting country that reports the flow.' })
  reporter(@Root() f: ExportFlow, @Ctx() { loaders }: AppContext) {
    return countryAsOf(loaders, f.reporterId, f.asOf);
  }

  @FieldResolver(() => Country, { description: 'The destination; WLD = all destinations together (the reporter\'s total).' })
  partner(@Root() f: ExportFlow, @Ctx() { loaders }: AppContext) {
    // Synchronous when the list that read the flow joined its partner (exports, see trade.loaders).
    return countryAsOf(loaders, f.partnerId, f.asOf);
  }

  @FieldResolver(() => Source, { nullable: true, description: 'Where the figures come from.' })
  source(@Root() f: ExportFlow, @Ctx() { loaders }: AppContext) {
    return f.sourceId == null ? null : loaders.sourceById.load(f.sourceId);
  }

  @FieldResolver(() => Float, {
    nullable: true,
    description:
      "Share of the reporter's exports of the metal in the same period, 0..1: tonnes / the reporter's WLD-partner tonnes (else the sum of its partner rows). Null when tonnes are missing.",
  })
  share(@Root() f: ExportFlow, @Ctx() { loaders }: AppContext) {
    const tonnes = f.tonnes;
    if (tonnes == null) return null;
    // Synchronous when the list that read the flow primed its period's total (exports, see trade.loaders).
    return whenLoaded(exportTotalOf(f, loaders), (total) => share(tonnes, total.tonnes));
  }

  @FieldResolver(() => ShareBasis, {
    nullable: true,
    description:
      "Which total `share` divided by: REPORTER_WORLD_TOTAL (the reporter's WLD-partner row for the metal and period) or SUM_OF_PARTNERS (the sum of its rows for single countries). Null when share is null.",
  })
  shareBasis(@Root() f: ExportFlow, @Ctx() { loaders }: AppContext) {
    const tonnes = f.tonnes;
    if (tonnes == null) return null;
    return whenLoaded(exportTotalOf(f, loaders), (total) => (share(tonnes, total.tonnes) == null ? null : total.basis));
  }

  @FieldResolver(() => Float, {
    nullable: true,
    description: 'Average price in US dollars per troy ounce: valueUsd / (tonnes x 32,150.7466). Null when either is missing or tonnes are 0.',
  })
  unitPriceUsdPerOz(@Root() f: ExportFlow): number | null {
    return unitPriceUsdPerOz(f.valueUsd, f.tonnes);
  }

  @FieldResolver(() => ChangeType, {
    nullable: true,
    description: 'Change in tonnes against the same reporter, partner, metal and months a year earlier. Null when either figure is missing.',
  })
  tonnesYoyChange(@Root() f: ExportFlow, @Ctx() { loaders }: AppContext) {
    return whenLoaded(previousFlowOf(f, loaders), (prev) => sourcedChange(sourcedTonnes(f), prev && sourcedTonnes(prev)));
  }

  @FieldResolver(() => ChangeType, {
    nullable: true,
    description: 'Change in US dollar value against the same reporter, partner, metal and months a year earlier. Null when either figure is missing.',
  })
  valueYoyChange(@Root() f: ExportFlow, @Ctx() { loaders }: AppContext) {
    return whenLoaded(previousFlowOf(f, loaders), (prev) => sourcedChange(sourcedValue(f), prev && sourcedValue(prev)));
  }

  @FieldResolver(() => ExportFlow, {
    nullable: true,
    description: 'The like-for-like flow a year earlier (same reporter, partner, metal and months); null when there is none.',
  })
  previous(@Root() f: ExportFlow, @Ctx() { loaders }: AppContext) {
    return previousFlowOf(f, loaders);
  }

  @FieldResolver(() => [ExportFlow], {
    description:
      'Every revision of this flow (same reporter, partner, metal, year and months), one per source, oldest publication first; as of the date this flow was read for, only those published by then.',
  })
  revisions(@Root() f: ExportFlow, @Ctx() { loaders }: AppContext) {
    return loaders.exportFlowRevisions.load(flowPeriodOf(f));
  }
}
