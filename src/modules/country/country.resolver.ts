import { Args, Ctx, FieldResolver, Float, Int, Query, Resolver, Root } from 'type-graphql';
import type { AppContext } from '../../context';
import type { Prisma } from '../../generated/prisma/client';
import { declineStreak, rank, share } from '../../metrics';
import { pageWindow, toConnection } from '../common/connection';
import { normaliseIso3 } from '../common/validation';
import { ProductionYear } from '../production/production-year.type';
import { ExportFlow } from '../trade/export-flow.type';
import { CountriesArgs, type CountryFilter } from './countries.args';
import { CountryArgs } from './country.args';
import { Country } from './country.type';
import { CountryExportsArgs, CountryImportsArgs, CountryProductionArgs, CountryYearStatArgs, DeclineStreakArgs } from './country-fields.args';
import { CountryConnection } from './country.connection';

/**
 * `search` as literal text for Prisma's `contains` (LIKE/ILIKE '%...%' on PostgreSQL, whose escape
 * character is the backslash): `\`, `%` and `_` match themselves, never as wildcards.
 */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function countryWhere(filter: CountryFilter | null | undefined): Prisma.CountryWhereInput {
  if (!filter) return {};
  return {
    ...(filter.iso3 ? { iso3: { in: filter.iso3.map(normaliseIso3) } } : {}),
    ...(filter.isAggregate != null ? { isAggregate: filter.isAggregate } : {}),
    ...(filter.search ? { name: { contains: escapeLike(filter.search), mode: 'insensitive' as const } } : {}),
  };
}

@Resolver(() => Country)
export class CountryResolver {
  @Query(() => Country, { nullable: true, description: 'One country by ISO 3166-1 alpha-3 code (any case); null when there is none.' })
  country(@Args(() => CountryArgs) { iso3 }: CountryArgs, @Ctx() { loaders }: AppContext): Promise<Country | null> {
    return loaders.countryByIso3.load(normaliseIso3(iso3));
  }

  @Query(() => CountryConnection, { description: 'Countries and aggregates (WLD), ordered by name.' })
  async countries(@Args(() => CountriesArgs) args: CountriesArgs, @Ctx() { prisma, loaders }: AppContext) {
    const where = countryWhere(args.filter);
    const window = pageWindow('Country', args);
    const rows = await prisma.country.findMany({ where, orderBy: [{ name: 'asc' }, { id: 'asc' }], skip: window.skip, take: window.take });
    const countries = rows.map(Country.fromRow);
    for (const c of countries) {
      loaders.countryById.prime(c.dbId, c);
      loaders.countryByIso3.prime(c.iso3, c);
    }
    return toConnection(countries, window, () => prisma.country.count({ where }));
  }

  @FieldResolver(() => [ProductionYear], {
    description: 'Production rows of one metal (silver by default), ordered by stage, year and months; full years and partial periods (January-November) alike unless fullYearOnly.',
  })
  production(@Root() country: Country, @Args(() => CountryProductionArgs) args: CountryProductionArgs, @Ctx() { loaders }: AppContext) {
    return loaders.productionByCountry.load({
      countryId: country.dbId,
      metal: args.metal,
      stage: args.stage ?? null,
      yearFrom: args.yearFrom ?? null,
      yearTo: args.yearTo ?? null,
      fullYearOnly: args.fullYearOnly ?? false,
    });
  }

  @FieldResolver(() => [ExportFlow], {
    description: "This country's exports of one metal (silver by default), by period; within a period the largest first (the WLD total leads).",
  })
  exports(@Root() country: Country, @Args(() => CountryExportsArgs) args: CountryExportsArgs, @Ctx() { loaders }: AppContext) {
    return loaders.exportFlowsByReporter.load({
      countryId: country.dbId,
      metal: args.metal,
      year: args.year ?? null,
      otherIso3: args.partnerIso3 ? normaliseIso3(args.partnerIso3) : null,
    });
  }

  @FieldResolver(() => [ExportFlow], {
    description: 'Exports to this country reported by other countries, of one metal (silver by default), by period; within a period the largest first.',
  })
  imports(@Root() country: Country, @Args(() => CountryImportsArgs) args: CountryImportsArgs, @Ctx() { loaders }: AppContext) {
    return loaders.exportFlowsByPartner.load({
      countryId: country.dbId,
      metal: args.metal,
      year: args.year ?? null,
      otherIso3: args.reporterIso3 ? normaliseIso3(args.reporterIso3) : null,
    });
  }

  @FieldResolver(() => Float, {
    nullable: true,
    description: "Share of world output in a full year, 0..1: this country's tonnes / the WLD tonnes (same metal, stage, year). Null when either is missing.",
  })
  async worldShare(@Root() country: Country, @Args(() => CountryYearStatArgs) args: CountryYearStatArgs, @Ctx() { loaders }: AppContext) {
    const [series, world] = await Promise.all([
      loaders.productionBySeries.load({ countryId: country.dbId, metal: args.metal, stage: args.stage, monthFrom: 1, monthTo: 12 }),
      loaders.worldProductionByYear.load({ metal: args.metal, stage: args.stage, year: args.year }),
    ]);
    return share(series.find((r) => r.year === args.year)?.tonnes, world?.tonnes);
  }

  @FieldResolver(() => Int, {
    nullable: true,
    description: '1-based rank by tonnes among countries (not aggregates) in a full year, same metal and stage; ties share a rank. Null when the country has no row.',
  })
  async productionRank(@Root() country: Country, @Args(() => CountryYearStatArgs) args: CountryYearStatArgs, @Ctx() { loaders }: AppContext) {
    const rows = await loaders.nationalProductionByYear.load({ metal: args.metal, stage: args.stage, year: args.year });
    return rank(rows.map((r) => ({ key: r.countryId, value: r.tonnes })), country.dbId);
  }

  @FieldResolver(() => Int, {
    nullable: true,
    description:
      'How many consecutive full years, ending at the latest full year in the data, each fell against the year before (0 when the latest did not fall). Null when there is no full-year data.',
  })
  async declineStreak(@Root() country: Country, @Args(() => DeclineStreakArgs) args: DeclineStreakArgs, @Ctx() { loaders }: AppContext) {
    const series = await loaders.productionBySeries.load({ countryId: country.dbId, metal: args.metal, stage: args.stage, monthFrom: 1, monthTo: 12 });
    return declineStreak(series.map((r) => ({ year: r.year, value: r.tonnes })));
  }
}
