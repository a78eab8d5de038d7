import { ValidateNested } from 'class-validator';
import { ArgsType, Field, InputType, Int, registerEnumType } from 'type-graphql';
import { ConnectionArgs, orderByInput } from '../common/connection';
import { DateScalar } from '../common/date.scalar';
import { Metal } from '../common/enums';
import { Iso3Code, MonthRange, NotAfter, YearRange } from '../common/validation';

@InputType('ExportFlowFilter', { description: 'Which export flows to list; all conditions must hold.' })
export class ExportFlowFilter {
  @Field(() => [String], { nullable: true, description: 'Only flows reported by these exporting countries (ISO3 codes, any case); a single code is accepted too.' })
  @Iso3Code()
  reporterIso3?: string[] | null;

  @Field(() => [String], { nullable: true, description: 'Only flows to these partners (ISO3 codes, any case); "WLD" = reporters\' totals to all destinations.' })
  @Iso3Code()
  partnerIso3?: string[] | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'About the reporter: true: only flows an aggregate reports (WLD: the world\'s exports to the partner, i.e. the partner\'s imports); false: only flows a country reports.',
  })
  isAggregate?: boolean | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'About the partner: true: only flows to an aggregate (WLD: the reporter\'s total to all destinations); false: only flows to one country.',
  })
  partnerIsAggregate?: boolean | null;

  @Field(() => Metal, { nullable: true, description: 'Only this metal.' })
  metal?: Metal | null;

  @Field(() => Int, { nullable: true, description: 'Only years from this one on (1800..2100; not after yearTo).' })
  @YearRange()
  @NotAfter('yearTo')
  yearFrom?: number | null;

  @Field(() => Int, { nullable: true, description: 'Only years up to this one (1800..2100).' })
  @YearRange()
  yearTo?: number | null;

  @Field(() => Int, { nullable: true, description: 'Only periods starting in this month (1..12; not after monthTo).' })
  @MonthRange()
  @NotAfter('monthTo')
  monthFrom?: number | null;

  @Field(() => Int, { nullable: true, description: 'Only periods ending in this month (1..12), e.g. 10 for January-October.' })
  @MonthRange()
  monthTo?: number | null;

  @Field(() => Boolean, { nullable: true, description: 'true: only figures argentum derived; false: only reported figures.' })
  isEstimate?: boolean | null;

  @Field(() => DateScalar, {
    nullable: true,
    description: 'As of this date (YYYY-MM-DD): each flow\'s value among the figures published by then (nested and computed fields too). Current values when omitted.',
  })
  asOf?: Date | null;
}

export enum ExportFlowOrderField {
  YEAR = 'YEAR',
  TONNES = 'TONNES',
  VALUE = 'VALUE',
}

registerEnumType(ExportFlowOrderField, {
  name: 'ExportFlowOrderField',
  description: 'What export flows can be ordered by.',
  valuesConfig: {
    YEAR: { description: 'The year (ties: reporter code, metal, months, tonnes largest first).' },
    TONNES: { description: 'The tonnes; flows without tonnes last either way (ties: when stored).' },
    VALUE: { description: 'The value in US dollars; flows without a value last either way (ties: when stored).' },
  },
});

export const ExportFlowOrderBy = orderByInput<ExportFlowOrderField>('ExportFlow', ExportFlowOrderField, 'export flows');
export type ExportFlowOrderBy = InstanceType<typeof ExportFlowOrderBy>;

@ArgsType()
export class ExportFlowsArgs extends ConnectionArgs {
  @Field(() => ExportFlowOrderBy, {
    nullable: true,
    description: 'The order: by YEAR, TONNES or VALUE, ASC or DESC. When omitted: by reporter code, metal, year and months, then tonnes (largest first).',
  })
  @ValidateNested()
  orderBy?: ExportFlowOrderBy | null;

  @Field(() => ExportFlowFilter, {
    nullable: true,
    description: 'Which flows to list (all when omitted). Ordered by reporter code, metal, year and months, then tonnes (largest first).',
  })
  @ValidateNested()
  filter?: ExportFlowFilter | null;
}
