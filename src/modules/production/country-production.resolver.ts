// The production feature's fields on Country (type-graphql lets several resolvers extend one type).
import { Args, Ctx, FieldResolver, Float, Int, Resolver, Root } from 'type-graphql';
import type { AppContext } from '../../context';
import { declineStreak, rank, rankOf, share } from '../../metrics';
import { Figure } from '../common/figure.type';
import { Country } from '../country/country.type';
import { CountryProductionArgs, CountryYearStatArgs, DeclineStreakArgs } from '../country/country-fields.args';
import { ProductionYear } from './production-year.type';

/** The two rows worldShare divides: the country's full-year row and the WLD row (same metal, stage, year). */
function worldShareRows(country: Country, args: CountryYearStatArgs, loaders: AppContext['loaders']) {
  return Promise.all([
    loaders.productionByObservation.load({ asOf: country.asOf, countryId: country.dbId, metal: args.metal, stage: args.stage, monthFrom: 1, monthTo: 12, year: args.year }),
    loaders.worldProductionByYear.load({ asOf: country.asOf, metal: args.metal, stage: args.stage, year: args.year }),
  ]);
}

/** The rows productionRank ranks: every non-aggregate country's full-year row (same metal, stage, year). */
function rankedRows(country: Country, args: CountryYearStatArgs, loaders: AppContext['loaders']) {
  return loaders.nationalProductionByYear.load({ asOf: country.asOf, metal: args.metal, stage: args.stage, year: args.year });
}

const rankEntries = (rows: readonly ProductionYear[]) => rows.map((r) => ({ key: r.countryId, value: r.tonnes }));

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
    description: "Share of world output in a full year, 0..1: this country's tonnes / the WLD tonnes (same metal, stage, year), 10 significant digits. Null when either is missing.",
  })
  async worldShare(@Root() country: Country, @Args(() => CountryYearStatArgs) args: CountryYearStatArgs, @Ctx() { loaders }: AppContext) {
    const [own, world] = await worldShareRows(country, args, loaders);
    return share(own?.tonnes, world?.tonnes);
  }

  @FieldResolver(() => Figure, {
    description:
      "worldShare (same arguments and value) with its provenance: isEstimate when the country's row or the WLD row is an estimate; sources = the sources of those two rows. Value null (no sources, not an estimate) when worldShare is: either row missing, or the WLD tonnes 0.",
  })
  async worldShareFigure(@Root() country: Country, @Args(() => CountryYearStatArgs) args: CountryYearStatArgs, @Ctx() { loaders }: AppContext) {
    const [own, world] = await worldShareRows(country, args, loaders);
    return Figure.of(share(own?.tonnes, world?.tonnes), [own, world]);
  }

  @FieldResolver(() => Int, {
    nullable: true,
    description: '1-based rank by tonnes among countries (not aggregates) in a full year, same metal and stage; ties share a rank. Null when the country has no row.',
  })
  async productionRank(@Root() country: Country, @Args(() => CountryYearStatArgs) args: CountryYearStatArgs, @Ctx() { loaders }: AppContext) {
    return rank(rankEntries(await rankedRows(country, args, loaders)), country.dbId);
  }

  @FieldResolver(() => Figure, {
    description:
      "productionRank (same arguments and value) with its provenance. The rank compares every ranked row, so all of them count: isEstimate when any non-aggregate country's row for that metal, stage and full year is an estimate; sources = the sources of all those rows. Value null (no sources, not an estimate) when productionRank is: the country has no row.",
  })
  async productionRankFigure(@Root() country: Country, @Args(() => CountryYearStatArgs) args: CountryYearStatArgs, @Ctx() { loaders }: AppContext) {
    const rows = await rankedRows(country, args, loaders);
    return Figure.of(rank(rankEntries(rows), country.dbId), rows);
  }

  @FieldResolver(() => Int, {
    nullable: true,
    description:
      'How many countries (not aggregates) productionRank ranks for the same arguments, i.e. the countries with a row for that metal, stage and full year ("3rd of 24"). Null when productionRank is (the country has no row).',
  })
  async productionRankOf(@Root() country: Country, @Args(() => CountryYearStatArgs) args: CountryYearStatArgs, @Ctx() { loaders }: AppContext) {
    return rankOf(rankEntries(await rankedRows(country, args, loaders)), country.dbId)?.of ?? null;
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
