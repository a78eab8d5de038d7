import { ArgsType, Field } from 'type-graphql';
import { Iso3Code } from '../common/validation';

@ArgsType()
export class CountryArgs {
  @Field(() => String, { description: 'ISO 3166-1 alpha-3 code, e.g. "KAZ" (any case); "WLD" for the world total.' })
  @Iso3Code()
  iso3: string;
}
