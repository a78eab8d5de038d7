import { Field, Float, InputType, Int } from 'type-graphql';
import { Metal } from '../common/enums';

@InputType('ExportFlowInput', {
  description:
    "One revision of a country's exports of a metal to a partner for some months of a year, as one source gives it. A source the observation already has updates that revision; a new source adds a revision. Checked by the importer's rules (exports.csv).",
})
export class ExportFlowInput {
  @Field(() => String, { description: 'The exporting country, by ISO 3166-1 alpha-3 code of a known country.' })
  reporterIso3: string;

  @Field(() => String, { description: 'The destination, by alpha-3 code of a known country; WLD = all destinations together.' })
  partnerIso3: string;

  @Field(() => Metal, { description: 'The metal exported.' })
  metal: Metal;

  @Field(() => Int, { description: 'Calendar year.' })
  year: number;

  @Field(() => Int, { nullable: true, defaultValue: 1, description: 'First month of the period.' })
  monthFrom?: number | null;

  @Field(() => Int, { nullable: true, defaultValue: 12, description: 'Last month of the period, monthFrom..12.' })
  monthTo?: number | null;

  @Field(() => Float, { nullable: true, description: 'Quantity in metric tonnes (at most 3 decimals); tonnes, valueUsd or both.' })
  tonnes?: number | null;

  @Field(() => Float, { nullable: true, description: 'Value in US dollars (at most 2 decimals); tonnes, valueUsd or both.' })
  valueUsd?: number | null;

  @Field(() => Boolean, { nullable: true, defaultValue: false, description: 'The figure is an estimate.' })
  isEstimate?: boolean | null;

  @Field(() => Boolean, { nullable: true, defaultValue: false, description: 'argentum computed the figure from reported ones; a derived figure must be an estimate.' })
  isDerived?: boolean | null;

  @Field(() => String, { description: 'The name of a known source (see `Source.name`).' })
  sourceName: string;
}
