import { ValidateNested } from 'class-validator';
import { ArgsType, Field, InputType } from 'type-graphql';
import { ConnectionArgs } from '../common/connection';
import { DateScalar } from '../common/date.scalar';
import { Iso3Code } from '../common/validation';

@InputType('CountryFilter', { description: 'Which countries to list; all conditions must hold.' })
export class CountryFilter {
  @Field(() => [String], { nullable: true, description: 'Only these ISO 3166-1 alpha-3 codes (any case), e.g. ["KAZ", "MEX"].' })
  @Iso3Code()
  iso3?: string[] | null;

  @Field(() => Boolean, { nullable: true, description: 'true: only aggregates such as WLD; false: only countries.' })
  isAggregate?: boolean | null;

  @Field(() => String, { nullable: true, description: 'Only names containing this text (case-insensitive), e.g. "kaz".' })
  search?: string | null;
}

@ArgsType()
export class CountriesArgs extends ConnectionArgs {
  @Field(() => CountryFilter, { nullable: true, description: 'Which countries to list (all when omitted). Ordered by name.' })
  @ValidateNested()
  filter?: CountryFilter | null;

  @Field(() => DateScalar, {
    nullable: true,
    description: 'Answer as of this date (YYYY-MM-DD) for every field nested below: only figures published by then. Current values when omitted.',
  })
  asOf?: Date | null;
}
