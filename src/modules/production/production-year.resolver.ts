import { Args, Ctx, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import type { AppContext } from '../../context';
import type { Prisma } from '../../generated/prisma/client';
import { lowestSince, yoyChange } from '../../metrics';
import { ChangeType } from '../common/change.type';
import { pageWindow, toConnection } from '../common/connection';
import { normaliseIso3 } from '../common/validation';
import { Country } from '../country/country.type';
import { Source } from '../source/source.type';
import { ProductionYearConnection } from './production-year.connection';
import { ProductionYear } from './production-year.type';
import { ProductionYearsArgs, type ProductionYearFilter } from './production-years.args';

function productionYearWhere(f: ProductionYearFilter | null | undefined): Prisma.ProductionYearWhereInput {
  if (!f) return {};
  return {
    ...(f.countryIso3 ? { country: { iso3: { in: f.countryIso3.map(normaliseIso3) } } } : {}),
    ...(f.metal ? { metal: f.metal } : {}),
    ...(f.stage ? { stage: f.stage } : {}),
    ...(f.yearFrom != null || f.yearTo != null
      ? { year: { ...(f.yearFrom != null ? { gte: f.yearFrom } : {}), ...(f.yearTo != null ? { lte: f.yearTo } : {}) } }
      : {}),
    ...(f.monthFrom != null ? { monthFrom: f.monthFrom } : {}),
    ...(f.monthTo != null ? { monthTo: f.monthTo } : {}),
    ...(f.fullYearOnly ? { AND: [{ monthFrom: 1 }, { monthTo: 12 }] } : {}),
    ...(f.isEstimate != null ? { isEstimate: f.isEstimate } : {}),
  };
}

const seriesOf = (p: ProductionYear) => ({ countryId: p.countryId, metal: p.metal, stage: p.stage, monthFrom: p.monthFrom, monthTo: p.monthTo });

@Resolver(() => ProductionYear)
export class ProductionYearResolver {
  @Query(() => ProductionYearConnection, {
    description: 'Production rows (tonnes of a metal by country, stage and period), ordered by country code, metal, stage, year and months.',
  })
  async productionYears(@Args(() => ProductionYearsArgs) args: ProductionYearsArgs, @Ctx() { prisma, loaders }: AppContext) {
    const where = { ...productionYearWhere(args.filter), isCurrent: true };
    const window = pageWindow('ProductionYear', args);
    const rows = await prisma.productionYear.findMany({
      where,
      orderBy: [{ country: { iso3: 'asc' } }, { metal: 'asc' }, { stage: 'asc' }, { year: 'asc' }, { monthFrom: 'asc' }, { monthTo: 'asc' }, { id: 'asc' }],
      skip: window.skip,
      take: window.take,
    });
    const items = rows.map(ProductionYear.fromRow);
    for (const p of items) loaders.productionById.prime(p.dbId, p);
    return toConnection(items, window, () => prisma.productionYear.count({ where }));
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
  async previous(@Root() p: ProductionYear, @Ctx() { loaders }: AppContext) {
    const series = await loaders.productionBySeries.load(seriesOf(p));
    return series.find((r) => r.year === p.year - 1) ?? null;
  }

  @FieldResolver(() => ChangeType, {
    nullable: true,
    description:
      'Change in tonnes against the same months a year earlier (same country, metal, stage): January-November compares with January-November. Null when that row is missing.',
  })
  async yoyChange(@Root() p: ProductionYear, @Ctx() { loaders }: AppContext) {
    const series = await loaders.productionBySeries.load(seriesOf(p));
    return yoyChange(p.tonnes, series.find((r) => r.year === p.year - 1)?.tonnes);
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
