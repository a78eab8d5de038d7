// The production feature's fields on Country (type-graphql lets several resolvers extend one type).
import { Args, Ctx, FieldResolver, Float, Int, Resolver, Root } from 'type-graphql';
import type { AppContext } from '../../context';
import { declineStreak, rank, rankOf, share } from '../../metrics';
import { Country } from '../country/country.type';
import { CountryProductionArgs, CountryYearStatArgs, DeclineStreakArgs } from '../country/country-fields.args';
import { ProductionYear } from './production-year.type';

@Resolver(() => Country)
export class CountryProductionResolver {
  @FieldResolver(() => [ProductionYear], {
    description: 'Production rows of one metal (silver by default), ordered by stage, year and months; full years and partial periods (January-November) alike unless fullYearOnly.',
  })
  production(@Root() country: Country, @Args(() => CountryProductionArgs) args: CountryProductionArgs, @Ctx() { loaders }: AppContext) {
    return loaders.productionByCountry.load({
      asOf: country.asOf,
      countryId: country.dbId,
      metal: args.metal,
      stage: args.stage ?? null,
      yearFrom: args.yearFrom ?? null,
      yearTo: args.yearTo ?? null,
      fullYearOnly: args.fullYearOnly ?? false,
    });
  }

  @FieldResolver(() => Float, {
    nullable: true,
    description: "Share of world output in a full year, 0..1: this country's tonnes / the WLD tonnes (same metal, stage, year). Null when either is missing.",
  })
  async worldShare(@Root() country: Country, @Args(() => CountryYearStatArgs) args: CountryYearStatArgs, @Ctx() { loaders }: AppContext) {
    const [own, world] = await Promise.all([
      loaders.productionByObservation.load({ asOf: country.asOf, countryId: country.dbId, metal: args.metal, stage: args.stage, monthFrom: 1, monthTo: 12, year: args.year }),
      loaders.worldProductionByYear.load({ asOf: country.asOf, metal: args.metal, stage: args.stage, year: args.year }),
    ]);
    return share(own?.tonnes, world?.tonnes);
  }

  @FieldResolver(() => Int, {
    nullable: true,
    description: '1-based rank by tonnes among countries (not aggregates) in a full year, same metal and stage; ties share a rank. Null when the country has no row.',
  })
  async productionRank(@Root() country: Country, @Args(() => CountryYearStatArgs) args: CountryYearStatArgs, @Ctx() { loaders }: AppContext) {
    const rows = await loaders.nationalProductionByYear.load({ asOf: country.asOf, metal: args.metal, stage: args.stage, year: args.year });
    return rank(rows.map((r) => ({ key: r.countryId, value: r.tonnes })), country.dbId);
  }

  @FieldResolver(() => Int, {
    nullable: true,
    description:
      'How many countries (not aggregates) productionRank ranks for the same arguments, i.e. the countries with a row for that metal, stage and full year ("3rd of 24"). Null when productionRank is (the country has no row).',
  })
  async productionRankOf(@Root() country: Country, @Args(() => CountryYearStatArgs) args: CountryYearStatArgs, @Ctx() { loaders }: AppContext) {
    const rows = await loaders.nationalProductionByYear.load({ asOf: country.asOf, metal: args.metal, stage: args.stage, year: args.year });
    return rankOf(rows.map((r) => ({ key: r.countryId, value: r.tonnes })), country.dbId)?.of ?? null;
  }

  @FieldResolver(() => Int, {
    nullable: true,
    description:
      'How many consecutive full years, ending at the latest full year in the data, each fell against the year before (0 when the latest did not fall). Null when there is no full-year data.',
  })
  async declineStreak(@Root() country: Country, @Args(() => DeclineStreakArgs) args: DeclineStreakArgs, @Ctx() { loaders }: AppContext) {
    const series = await loaders.productionBySeries.load({ asOf: country.asOf, countryId: country.dbId, metal: args.metal, stage: args.stage, monthFrom: 1, monthTo: 12 });
    return declineStreak(series.map((r) => ({ year: r.year, value: r.tonnes })));
  }
}
