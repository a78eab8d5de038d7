import { ValidateNested } from 'class-validator';
import { ArgsType, Field, InputType, Int, registerEnumType } from 'type-graphql';
import { ConnectionArgs, orderByInput } from '../common/connection';
import { DateScalar } from '../common/date.scalar';
import { Metal, ProductionStage } from '../common/enums';
import { Iso3Code, MonthRange, NotAfter, YearRange } from '../common/validation';

@InputType('ProductionYearFilter', { description: 'Which production rows to list; all conditions must hold.' })
export class ProductionYearFilter {
  @Field(() => [String], { nullable: true, description: 'Only these countries (ISO 3166-1 alpha-3 codes, any case), e.g. ["KAZ", "WLD"].' })
  @Iso3Code()
  countryIso3?: string[] | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'true: only aggregates (WLD, the world; XOC, "Other countries"); false: only countries, e.g. to rank producers without the world total.',
  })
  isAggregate?: boolean | null;

  @Field(() => Metal, { nullable: true, description: 'Only this metal.' })
  metal?: Metal | null;

  @Field(() => ProductionStage, { nullable: true, description: 'Only this stage.' })
  stage?: ProductionStage | null;

  @Field(() => Int, { nullable: true, description: 'Only this year (1800..2100); the same as yearFrom and yearTo both this year.' })
  @YearRange()
  year?: number | null;

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

  @Field(() => Int, { nullable: true, description: 'Only periods ending in this month (1..12), e.g. 11 for January-November.' })
  @MonthRange()
  monthTo?: number | null;

  @Field(() => Boolean, { nullable: true, description: 'true: only full-year rows (months 1..12).' })
  fullYearOnly?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: 'true: only estimates; false: only figures not marked as estimates.' })
  isEstimate?: boolean | null;

  @Field(() => DateScalar, {
    nullable: true,
    description: 'As of this date (YYYY-MM-DD): each observation\'s value among the figures published by then (nested and computed fields too). Current values when omitted.',
  })
  asOf?: Date | null;
}

export enum ProductionYearOrderField {
  YEAR = 'YEAR',
  TONNES = 'TONNES',
}

registerEnumType(ProductionYearOrderField, {
  name: 'ProductionYearOrderField',
  description: 'What production rows can be ordered by.',
  valuesConfig: {
    YEAR: { description: 'The year (ties: country code, metal, stage, months).' },
    TONNES: { description: 'The tonnes (ties: when stored).' },
  },
});

export const ProductionYearOrderBy = orderByInput<ProductionYearOrderField>('ProductionYear', ProductionYearOrderField, 'production rows');
export type ProductionYearOrderBy = InstanceType<typeof ProductionYearOrderBy>;

@ArgsType()
export class ProductionYearsArgs extends ConnectionArgs {
  @Field(() => ProductionYearOrderBy, {
    nullable: true,
    description: 'The order: by YEAR or TONNES, ASC or DESC. When omitted: by country code, metal, stage, year and months.',
  })
  @ValidateNested()
  orderBy?: ProductionYearOrderBy | null;

  @Field(() => ProductionYearFilter, {
    nullable: true,
    description: 'Which rows to list (all when omitted). Ordered by country code, metal, stage, year and months.',
  })
  @ValidateNested()
  filter?: ProductionYearFilter | null;
}
