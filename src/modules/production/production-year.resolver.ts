import { Args, Ctx, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import type { AppContext } from '../../context';
import { lowestSince, yoyChange } from '../../metrics';
import { ChangeType } from '../common/change.type';
import { countRows, pageWindow, toConnection } from '../common/connection';
import { whenLoaded } from '../common/loaded';
import { allSql, metalSql, rangeSql, sql, stageSql, type Sql } from '../common/sql';
import { normaliseIso3 } from '../common/validation';
import { Country } from '../country/country.type';
import { Source } from '../source/source.type';
import { ProductionYearConnection } from './production-year.connection';
import { ProductionYear } from './production-year.type';
import { ProductionYearsArgs, type ProductionYearFilter } from './production-years.args';
import { previousRowOf, seriesOf } from './production.loaders';
import { PRODUCTION_WITH_COUNTRY, selectProduction } from './production.sql';

/** The filter of `productionYears` as SQL over PRODUCTION_WITH_COUNTRY. */
function productionYearWhere(f: ProductionYearFilter | null | undefined): Sql {
  if (!f) return sql`TRUE`;
  const conditions: Sql[] = [];
  if (f.countryIso3) conditions.push(sql`c.iso3 = ANY(${f.countryIso3.map(normaliseIso3)})`);
  if (f.metal) conditions.push(sql`p.metal = ${metalSql(f.metal)}`);
  if (f.stage) conditions.push(sql`p.stage = ${stageSql(f.stage)}`);
  conditions.push(...rangeSql(sql`p.year`, f.yearFrom, f.yearTo));
  if (f.monthFrom != null) conditions.push(sql`p.month_from = ${f.monthFrom}`);
  if (f.monthTo != null) conditions.push(sql`p.month_to = ${f.monthTo}`);
  if (f.fullYearOnly) conditions.push(sql`p.month_from = 1 AND p.month_to = 12`);
  if (f.isEstimate != null) conditions.push(sql`p.is_estimate = ${f.isEstimate}`);
  return allSql(conditions);
}

const LIST_ORDER = sql`c.iso3, p.metal, p.stage, p.year, p.month_from, p.month_to, p.id`;

@Resolver(() => ProductionYear)
export class ProductionYearResolver {
  @Query(() => ProductionYearConnection, {
    description: 'Production rows (tonnes of a metal by country, stage and period), ordered by country code, metal, stage, year and months.',
  })
  async productionYears(@Args(() => ProductionYearsArgs) args: ProductionYearsArgs, @Ctx() { prisma, loaders }: AppContext) {
    const where = productionYearWhere(args.filter);
    const window = pageWindow('ProductionYear', args);
    const items = await selectProduction(prisma, where, LIST_ORDER, { page: window, from: PRODUCTION_WITH_COUNTRY });
    return toConnection(items, window, () => countRows(prisma, sql`SELECT count(*)::int AS n FROM ${PRODUCTION_WITH_COUNTRY} WHERE ${where}`));
  }

  @FieldResolver(() => Country, { description: 'The producing country (or aggregate, for WLD).' })
  async country(@Root() p: ProductionYear, @Ctx() { loaders }: AppContext): Promise<Country> {
    return (await loaders.countryById.load(p.countryId))!;
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
    return whenLoaded(previousRowOf(p, loaders), (previous) => yoyChange(p.tonnes, previous?.tonnes));
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
}
