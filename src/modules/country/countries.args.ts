import { ValidateNested } from 'class-validator';
import { ArgsType, Field, InputType, registerEnumType } from 'type-graphql';
import { ConnectionArgs, orderByInput } from '../common/connection';
import { DateScalar } from '../common/date.scalar';
import { Iso3Code } from '../common/validation';

@InputType('CountryFilter', { description: 'Which countries to list; all conditions must hold.' })
export class CountryFilter {
  @Field(() => [String], { nullable: true, description: 'Only these ISO 3166-1 alpha-3 codes (any case), e.g. ["KAZ", "MEX"].' })
  @Iso3Code()
  iso3?: string[] | null;

  @Field(() => Boolean, { nullable: true, description: 'true: only aggregates such as WLD; false: only countries.' })
  isAggregate?: boolean | null;

  @Field(() => String, {
    nullable: true,
    description:
      'Only countries whose name contains this text (case-insensitive, e.g. "kaz"), or whose ISO 3166-1 alpha-2 or alpha-3 code or common name is this text exactly (any case, e.g. "KZ", "UK", "Britain", "America"). A search of up to 3 characters that is a code or common name finds only those countries ("US": the United States, not Russia or Australia).',
  })
  search?: string | null;
}

export enum CountryOrderField {
  NAME = 'NAME',
  ISO3 = 'ISO3',
}

registerEnumType(CountryOrderField, {
  name: 'CountryOrderField',
  description: 'What countries can be ordered by.',
  valuesConfig: { NAME: { description: 'The name (the default).' }, ISO3: { description: 'The ISO 3166-1 alpha-3 code.' } },
});

export const CountryOrderBy = orderByInput<CountryOrderField>('Country', CountryOrderField, 'countries');
export type CountryOrderBy = InstanceType<typeof CountryOrderBy>;

@ArgsType()
export class CountriesArgs extends ConnectionArgs {
  @Field(() => CountryOrderBy, { nullable: true, description: 'The order: by NAME (the default) or ISO3, ASC or DESC.' })
  @ValidateNested()
  orderBy?: CountryOrderBy | null;

  @Field(() => CountryFilter, { nullable: true, description: 'Which countries to list (all when omitted).' })
  @ValidateNested()
  filter?: CountryFilter | null;

  @Field(() => DateScalar, {
    nullable: true,
    description: 'Answer as of this date (YYYY-MM-DD) for every field nested below: only figures published by then. Current values when omitted.',
  })
  asOf?: Date | null;
}
