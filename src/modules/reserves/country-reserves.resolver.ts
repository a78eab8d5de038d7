// The reserves feature's fields on Country.
import { Args, ArgsType, Ctx, Field, FieldResolver, Float, Int, Resolver, Root } from 'type-graphql';
import type { AppContext } from '../../context';
import { reserveLifeYears } from '../../metrics';
import { asOfDay } from '../common/as-of';
import { DateScalar } from '../common/date.scalar';
import { Metal, ProductionStage } from '../common/enums';
import { Figure } from '../common/figure.type';
import { YearRange } from '../common/validation';
import { Country } from '../country/country.type';
import { Reserve } from './reserve.type';

@ArgsType()
export class CountryReservesArgs {
  @Field(() => Metal, { nullable: true, defaultValue: Metal.SILVER, description: 'The metal.' })
  metal: Metal;

  @Field(() => DateScalar, {
    nullable: true,
    description: "The latest estimate published by this date (YYYY-MM-DD); when omitted, the country's as-of date, else the current estimate.",
  })
  asOf?: Date | null;
}

@ArgsType()
export class ReserveLifeArgs {
  @Field(() => Metal, { nullable: true, defaultValue: Metal.SILVER, description: 'The metal.' })
  metal: Metal;

  @Field(() => Int, { description: 'The year of mine output to divide by (1800..2100).' })
  @YearRange()
  year: number;
}

/** The two values reserveLifeYears divides: the reserves estimate and that full year's mine output (as of the country's date). */
function reserveLifeRows(country: Country, { metal, year }: ReserveLifeArgs, loaders: AppContext['loaders']) {
  return Promise.all([
    loaders.reservesByCountry.load({ asOf: country.asOf, countryId: country.dbId, metal }),
    loaders.productionByObservation.load({ asOf: country.asOf, countryId: country.dbId, metal, stage: ProductionStage.MINE, monthFrom: 1, monthTo: 12, year }),
  ]);
}

@Resolver(() => Country)
export class CountryReservesResolver {
  @FieldResolver(() => Reserve, {
    nullable: true,
    description: "The latest edition's reserves estimate of the metal (current, or as of a date); null when no edition gives one.",
  })
  reserves(@Root() country: Country, @Args(() => CountryReservesArgs) { metal, asOf }: CountryReservesArgs, @Ctx() { loaders }: AppContext) {
    return loaders.reservesByCountry.load({ asOf: asOf ? asOfDay(asOf) : country.asOf, countryId: country.dbId, metal });
  }

  @FieldResolver(() => Float, {
    nullable: true,
    description:
      "Years the reserves would last at one year's mine output: reserves tonnes / that full year's MINE tonnes (same metal), 10 significant digits. Null when either is missing or the output is 0.",
  })
  async reserveLifeYears(@Root() country: Country, @Args(() => ReserveLifeArgs) args: ReserveLifeArgs, @Ctx() { loaders }: AppContext) {
    const [reserves, output] = await reserveLifeRows(country, args, loaders);
    return reserveLifeYears(reserves?.tonnes, output?.tonnes);
  }

  @FieldResolver(() => Figure, {
    description:
      "reserveLifeYears (same arguments and value) with its provenance: isEstimate when the reserves estimate or the year's MINE row is an estimate; sources = the sources of those two. Value null (no sources, not an estimate) when reserveLifeYears is: either missing, or the output 0.",
  })
  async reserveLifeYearsFigure(@Root() country: Country, @Args(() => ReserveLifeArgs) args: ReserveLifeArgs, @Ctx() { loaders }: AppContext) {
    const [reserves, output] = await reserveLifeRows(country, args, loaders);
    return Figure.of(reserveLifeYears(reserves?.tonnes, output?.tonnes), [reserves, output]);
  }
}
