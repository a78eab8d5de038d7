import { ArgsType, Field } from 'type-graphql';
import { DateScalar } from '../common/date.scalar';
import { Iso3Code } from '../common/validation';

@ArgsType()
export class CountryArgs {
  @Field(() => String, { description: 'ISO 3166-1 alpha-3 code, e.g. "KAZ" (any case); "WLD" for the world total.' })
  @Iso3Code()
  iso3: string;

  @Field(() => DateScalar, {
    nullable: true,
    description:
      'Answer as of this date (YYYY-MM-DD): only figures published by then, and every field nested below (computed ones included) as it could have been answered then. Current values when omitted.',
  })
  asOf?: Date | null;
}
