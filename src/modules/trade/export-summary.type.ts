import { Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';
import type { ExportSummary as ExportSummaryFigures } from '../../metrics';
import { Metal } from '../common/enums';

// The values are the metrics' ShareBasis strings, so a total's basis passes through unchanged.
export const ShareBasis = {
  REPORTER_WORLD_TOTAL: 'REPORTER_WORLD_TOTAL',
  SUM_OF_PARTNERS: 'SUM_OF_PARTNERS',
} as const;
export type ShareBasis = (typeof ShareBasis)[keyof typeof ShareBasis];

registerEnumType(ShareBasis, {
  name: 'ShareBasis',
  description: "Which total of a reporter's exports (one metal, one period) a share or summary divides by.",
  valuesConfig: {
    REPORTER_WORLD_TOTAL: { description: "The reporter's own total: its flow to WLD (all destinations) for the period." },
    SUM_OF_PARTNERS: { description: 'The sum of its flows to single countries (no WLD row with tonnes; aggregates left out).' },
  },
});

@ObjectType('ExportSummary', {
  simpleResolvers: true,
  description:
    "A reporter's exports of a metal over one stored period (months monthFrom..monthTo of a year), summed up: the total, its value and implied price, and how much of it the named partners cover.",
})
export class ExportSummary {
  /** Where the figures come from (the `sources` field loads them). */
  sourceIds: number[];

  @Field(() => Metal, { description: 'The metal exported.' })
  metal: Metal;

  @Field(() => Int, { description: 'Calendar year.' })
  year: number;

  @Field(() => Int, { description: 'First month of the period (1 = January).' })
  monthFrom: number;

  @Field(() => Int, { description: 'Last month of the period (12 = December).' })
  monthTo: number;

  @Field(() => Float, { nullable: true, description: 'Total exports in tonnes, from the basis totalBasis names. Null when no flow has tonnes.' })
  totalTonnes: number | null;

  @Field(() => Float, {
    nullable: true,
    description: "Total value in US dollars, from the same basis as the tonnes. Null when that basis has no value (on SUM_OF_PARTNERS, when any partner's value is missing).",
  })
  totalValueUsd: number | null;

  @Field(() => Float, {
    nullable: true,
    description: 'Implied price in US dollars per troy ounce: totalValueUsd / (totalTonnes x 32,150.7466), never an average of the flows\' prices. Null when either is missing or the tonnes are 0.',
  })
  unitPriceUsdPerOz: number | null;

  @Field(() => Int, { description: 'How many single-country partners have a flow in the period (WLD and other aggregates are not counted).' })
  partnerCount: number;

  @Field(() => Float, { nullable: true, description: 'Tonnes to the single-country partners together: 0 when there are none; null when none of their flows has tonnes.' })
  namedTonnes: number | null;

  @Field(() => Float, {
    nullable: true,
    description: 'Share of totalTonnes the single-country partners cover, 0..1 (namedTonnes / totalTonnes; 1 on SUM_OF_PARTNERS). Null when either is missing or the total is 0.',
  })
  namedShare: number | null;

  @Field(() => ShareBasis, {
    nullable: true,
    description: "The total's basis: the reporter's WLD row when it has tonnes, else the sum of its single-country flows. Null when no flow has tonnes or value.",
  })
  totalBasis: ShareBasis | null;

  @Field(() => Boolean, { description: 'True when any flow the totals or the named partners use is an estimate.' })
  isEstimate: boolean;

  static of(period: { metal: Metal; year: number; monthFrom: number; monthTo: number }, figures: ExportSummaryFigures): ExportSummary {
    return Object.assign(new ExportSummary(), period, figures);
  }
}
