// The `unit` argument of the amount and price fields (docs/domain.md "Mass and price units").
import { ArgsType, Field } from 'type-graphql';
import { MassUnit, PriceUnit } from './enums';

@ArgsType()
export class MassUnitArgs {
  @Field(() => MassUnit, { description: 'The unit to give the amount in: TONNES, KILOGRAMS, TROY_OUNCES or MILLION_TROY_OUNCES.' })
  unit: MassUnit;
}

@ArgsType()
export class PriceUnitArgs {
  @Field(() => PriceUnit, { description: 'The unit to give the price in: USD_PER_TROY_OUNCE, USD_PER_GRAM or USD_PER_KILOGRAM.' })
  unit: PriceUnit;
}
