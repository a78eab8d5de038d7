import type { GraphQLResolveInfo } from 'graphql';
import { Args, Ctx, FieldResolver, Float, Info, Int, Query, Resolver, Root } from 'type-graphql';
import type { AppContext } from '../../context';
import { lowestSince, massIn, sourcedChange } from '../../metrics';
import { ChangeType } from '../common/change.type';
import { MassUnitArgs } from '../common/units.args';
import { asOfDay } from '../common/as-of';
import { asksTotalCount, countRows, OrderDirection, pageTotalOr, pageWindow, toConnection, type Ordering, type SortKey } from '../common/connection';
import { whenLoaded } from '../common/loaded';
import { allSql, metalSql, rangeSql, sql, stageSql, type Sql } from '../common/sql';
import { normaliseIso3 } from '../common/validation';
import { Country } from '../country/country.type';
import { countryAsOf } from '../country/country.loaders';
import { Source } from '../source/source.type';
import { ProductionYearConnection } from './production-year.connection';
import { ProductionYear } from './production-year.type';
import { ProductionYearOrderField, ProductionYearsArgs, type ProductionYearFilter, type ProductionYearOrderBy } from './production-years.args';
import { observationOf, previousRowOf, seriesOf } from './production.loaders';
import { countProductionSql, selectProduction } from './production.sql';

/** The filter of `productionYears`: conditions on the observation (over `p`) and on the value picked (and `c`, its country). */
function productionYearWhere(f: ProductionYearFilter | null | undefined): { keyWhere: Sql; where: Sql } {
  if (!f) return { keyWhere: sql`TRUE`, where: sql`TRUE` };
  const key: Sql[] = [];
  const value: Sql[] = [];
  if (f.countryIso3) value.push(sql`c.iso3 = ANY(${f.countryIso3.map(normaliseIso3)})`);
  if (f.isAggregate != null) value.push(sql`c.is_aggregate = ${f.isAggregate}`);
  if (f.metal) key.push(sql`p.metal = ${metalSql(f.metal)}`);
  if (f.stage) key.push(sql`p.stage = ${stageSql(f.stage)}`);
  key.push(...rangeSql(sql`p.year`, f.yearFrom, f.yearTo));
  if (f.year != null) key.push(sql`p.year = ${f.year}`);
  if (f.monthFrom != null) key.push(sql`p.month_from = ${f.monthFrom}`);
  if (f.monthTo != null) key.push(sql`p.month_to = ${f.monthTo}`);
  if (f.fullYearOnly) key.push(sql`p.month_from = 1 AND p.month_to = 12`);
  if (f.isEstimate != null) value.push(sql`p.is_estimate = ${f.isEstimate}`);
  return { keyWhere: allSql(key), where: allSql(value) };
}

type Key = SortKey<ProductionYear>;
const COUNTRY: Key = { sql: sql`c.iso3`, type: 'char(3)', of: (p) => p.countryIso3! };
const METAL: Key = { sql: sql`p.metal`, type: '"Metal"', of: (p) => p.metal };
const STAGE: Key = { sql: sql`p.stage`, type: '"ProductionStage"', of: (p) => p.stage };
const year = (desc = false): Key => ({ sql: sql`p.year`, type: 'int', desc, of: (p) => String(p.year) });
const MONTH_FROM: Key = { sql: sql`p.month_from`, type: 'int', of: (p) => String(p.monthFrom) };
const MONTH_TO: Key = { sql: sql`p.month_to`, type: 'int', of: (p) => String(p.monthTo) };
const ID: Key = { sql: sql`p.id`, type: 'int', of: (p) => String(p.dbId) };

/** The orders of `productionYears`; each ends with the id, so it is total (keyset cursors). */
function productionOrdering(orderBy: ProductionYearOrderBy | null | undefined): Ordering<ProductionYear> {
  if (!orderBy) return { name: 'COUNTRY', keys: [COUNTRY, METAL, STAGE, year(), MONTH_FROM, MONTH_TO, ID] };
  const desc = orderBy.direction === OrderDirection.DESC;
  if (orderBy.field === ProductionYearOrderField.TONNES) {
    return { name: `TONNES_${orderBy.direction}`, keys: [{ sql: sql`p.tonnes::float8`, type: 'float8', desc, of: (p) => String(p.tonnes) }, ID] };
  }
  return { name: `YEAR_${orderBy.direction}`, keys: [year(desc), COUNTRY, METAL, STAGE, MONTH_FROM, MONTH_TO, ID] };
}

@Resolver(() => ProductionYear)
export class ProductionYearResolver {
  @FieldResolver(() => Float, { description: 'The output in a unit of mass (tonnes converted).' })
  amount(@Root() p: ProductionYear, @Args(() => MassUnitArgs) { unit }: MassUnitArgs): number {
    return massIn(p.tonnes, unit);
  }

  @Query(() => ProductionYearConnection, {
    description: 'Production rows (tonnes of a metal by country, stage and period), ordered by country code, metal, stage, year and months unless `orderBy` says otherwise.',
  })
  async productionYears(@Args(() => ProductionYearsArgs) args: ProductionYearsArgs, @Ctx() { prisma, loaders }: AppContext, @Info() info: GraphQLResolveInfo) {
    const read = { ...productionYearWhere(args.filter), asOf: asOfDay(args.filter?.asOf), withCountry: true };
    const window = pageWindow('ProductionYear', productionOrdering(args.orderBy), args, { filter: args.filter });
    const total = asksTotalCount(info) ? countProductionSql(read) : undefined;
    const items = await selectProduction(prisma, { ...read, where: allSql([read.where, window.where]), orderBy: window.orderBy, page: { take: window.take, skip: 0 }, total });
    return toConnection(items, window, pageTotalOr(items, () => countRows(prisma, countProductionSql(read))));
  }

  @FieldResolver(() => Country, { description: 'The producing country (or aggregate, for WLD).' })
  country(@Root() p: ProductionYear, @Ctx() { loaders }: AppContext) {
    return countryAsOf(loaders, p.countryId, p.asOf);
  }

  @FieldResolver(() => Source, { nullable: true, description: 'Where the figure comes from.' })
  source(@Root() p: ProductionYear, @Ctx() { loaders }: AppContext) {
    return p.sourceId == null ? null : loaders.sourceById.load(p.sourceId);
  }

  @FieldResolver(() => ProductionYear, {
    nullable: true,
    description: 'The like-for-like row a year earlier (same country, metal, stage and months); null when there is none.',
  })
  previous(@Root() p: ProductionYear, @Ctx() { loaders }: AppContext) {
    return previousRowOf(p, loaders);
  }

  @FieldResolver(() => ChangeType, {
    nullable: true,
    description:
      'Change in tonnes against the same months a year earlier (same country, metal, stage): January-November compares with January-November. Null when that row is missing.',
  })
  yoyChange(@Root() p: ProductionYear, @Ctx() { loaders }: AppContext) {
    return whenLoaded(previousRowOf(p, loaders), (previous) =>
      sourcedChange({ value: p.tonnes, isEstimate: p.isEstimate, sourceId: p.sourceId }, previous && { value: previous.tonnes, isEstimate: previous.isEstimate, sourceId: previous.sourceId }),
    );
  }

  @FieldResolver(() => Int, {
    nullable: true,
    description:
      'The latest earlier year (same country, metal, stage and months) whose tonnes were at or below this row\'s ("the lowest since 2012"). Null when no earlier year is as low (a record low in the data).',
  })
  async lowestSince(@Root() p: ProductionYear, @Ctx() { loaders }: AppContext) {
    const series = await loaders.productionBySeries.load(seriesOf(p));
    return lowestSince(
      series.map((r) => ({ year: r.year, value: r.tonnes })),
      { year: p.year, value: p.tonnes },
    );
  }

  @FieldResolver(() => [ProductionYear], {
    description:
      'Every revision of this observation (same country, metal, stage, year and months), one per source, oldest publication first; as of the date this row was read for, only those published by then.',
  })
  revisions(@Root() p: ProductionYear, @Ctx() { loaders }: AppContext) {
    return loaders.productionRevisions.load(observationOf(p));
  }
}
