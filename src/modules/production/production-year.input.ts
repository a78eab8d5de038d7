import { Field, Float, InputType, Int } from 'type-graphql';
import { Metal, ProductionStage } from '../common/enums';

@InputType('ProductionYearInput', {
  description:
    "One revision of a country's output: the observation (country, metal, stage, year, months) and the value one source gives. A source the observation already has updates that revision; a new source adds a revision. Checked by the importer's rules (production.csv).",
})
export class ProductionYearInput {
  @Field(() => String, { description: 'The producing country, by ISO 3166-1 alpha-3 code of a known country (WLD = world total).' })
  countryIso3: string;

  @Field(() => Metal, { description: 'The metal produced.' })
  metal: Metal;

  @Field(() => ProductionStage, { description: 'MINE (mine output) or REFINED (refined metal).' })
  stage: ProductionStage;

  @Field(() => Int, { description: 'Calendar year.' })
  year: number;

  @Field(() => Int, { nullable: true, defaultValue: 1, description: 'First month of the period (1 with monthTo 12 = the full year).' })
  monthFrom?: number | null;

  @Field(() => Int, { nullable: true, defaultValue: 12, description: 'Last month of the period, monthFrom..12.' })
  monthTo?: number | null;

  @Field(() => Float, { description: 'Output in metric tonnes, non-negative, at most 3 decimals.' })
  tonnes: number;

  @Field(() => Boolean, { nullable: true, defaultValue: false, description: 'The figure is an estimate (its publisher says so, or argentum derived it).' })
  isEstimate?: boolean | null;

  @Field(() => Boolean, { nullable: true, defaultValue: false, description: 'argentum computed the figure from reported ones; a derived figure must be an estimate.' })
  isDerived?: boolean | null;

  @Field(() => String, { description: 'The name of a known source (see `Source.name`).' })
  sourceName: string;
}
