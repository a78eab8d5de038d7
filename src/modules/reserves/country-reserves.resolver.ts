// The reserves feature's fields on Country.
import { Args, ArgsType, Ctx, Field, FieldResolver, Float, Int, Resolver, Root } from 'type-graphql';
import type { AppContext } from '../../context';
import { reserveLifeYears } from '../../metrics';
import { asOfDay } from '../common/as-of';
import { DateScalar } from '../common/date.scalar';
import { Metal, ProductionStage } from '../common/enums';
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
      "Years the reserves would last at one year's mine output: reserves tonnes / that full year's MINE tonnes (same metal). Null when either is missing or the output is 0.",
  })
  async reserveLifeYears(@Root() country: Country, @Args(() => ReserveLifeArgs) { metal, year }: ReserveLifeArgs, @Ctx() { loaders }: AppContext) {
    const [reserves, output] = await Promise.all([
      loaders.reservesByCountry.load({ asOf: country.asOf, countryId: country.dbId, metal }),
      loaders.productionByObservation.load({ asOf: country.asOf, countryId: country.dbId, metal, stage: ProductionStage.MINE, monthFrom: 1, monthTo: 12, year }),
    ]);
    return reserveLifeYears(reserves?.tonnes, output?.tonnes);
  }
}
