// Arguments of Country's fields (production, exports, imports, exportSummary, worldShare, productionRank, declineStreak).
import { ArgsType, Field, Int } from 'type-graphql';
import { Metal, ProductionStage } from '../common/enums';
import { Iso3Code, MonthRange, NotAfter, YearRange } from '../common/validation';

@ArgsType()
export class CountryProductionArgs {
  @Field(() => Metal, { nullable: true, defaultValue: Metal.SILVER, description: 'The metal.' })
  metal: Metal;

  @Field(() => ProductionStage, { nullable: true, description: 'Only this stage (both when omitted).' })
  stage?: ProductionStage | null;

  @Field(() => Int, { nullable: true, description: 'Only years from this one on (1800..2100; not after yearTo).' })
  @YearRange()
  @NotAfter('yearTo')
  yearFrom?: number | null;

  @Field(() => Int, { nullable: true, description: 'Only years up to this one (1800..2100).' })
  @YearRange()
  yearTo?: number | null;

  @Field(() => Boolean, { nullable: true, defaultValue: false, description: 'true: only full-year rows (months 1..12), no partial periods such as January-November.' })
  fullYearOnly: boolean;
}

@ArgsType()
export class CountryExportsArgs {
  @Field(() => Metal, { nullable: true, defaultValue: Metal.SILVER, description: 'The metal.' })
  metal: Metal;

  @Field(() => Int, { nullable: true, description: 'Only this year (1800..2100); all years when omitted.' })
  @YearRange()
  year?: number | null;

  @Field(() => String, { nullable: true, description: 'Only flows to this partner (ISO3, any case); "WLD" = the total to all destinations.' })
  @Iso3Code()
  partnerIso3?: string | null;
}

@ArgsType()
export class CountryImportsArgs {
  @Field(() => Metal, { nullable: true, defaultValue: Metal.SILVER, description: 'The metal.' })
  metal: Metal;

  @Field(() => Int, { nullable: true, description: 'Only this year (1800..2100); all years when omitted.' })
  @YearRange()
  year?: number | null;

  @Field(() => String, { nullable: true, description: 'Only flows reported by this exporting country (ISO3, any case).' })
  @Iso3Code()
  reporterIso3?: string | null;
}

@ArgsType()
export class CountryYearStatArgs {
  @Field(() => Metal, { nullable: true, defaultValue: Metal.SILVER, description: 'The metal.' })
  metal: Metal;

  @Field(() => ProductionStage, { nullable: true, defaultValue: ProductionStage.MINE, description: 'The stage.' })
  stage: ProductionStage;

  @Field(() => Int, { description: 'The full year compared (1800..2100).' })
  @YearRange()
  year: number;
}

@ArgsType()
export class DeclineStreakArgs {
  @Field(() => Metal, { nullable: true, defaultValue: Metal.SILVER, description: 'The metal.' })
  metal: Metal;

  @Field(() => ProductionStage, { nullable: true, defaultValue: ProductionStage.REFINED, description: 'The stage.' })
  stage: ProductionStage;
}

@ArgsType()
export class CountryExportSummaryArgs {
  @Field(() => Metal, { nullable: true, defaultValue: Metal.SILVER, description: 'The metal.' })
  metal: Metal;

  @Field(() => Int, { description: 'The calendar year (1800..2100).' })
  @YearRange()
  year: number;

  @Field(() => Int, { nullable: true, defaultValue: 1, description: 'First month of the stored period summed up (1..12; not after monthTo).' })
  @MonthRange()
  @NotAfter('monthTo')
  monthFrom: number;

  @Field(() => Int, { nullable: true, defaultValue: 12, description: 'Last month of the stored period (1..12), e.g. 10 for January-October.' })
  @MonthRange()
  monthTo: number;
}
