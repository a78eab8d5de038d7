import { Field, Float, ObjectType } from 'type-graphql';
import { Metal } from '../common/enums';

@ObjectType('Reserve', {
  simpleResolvers: true,
  description: "A country's reserves of a metal (metric tonnes of metal content) as one edition of a survey estimated them, e.g. USGS Mineral Commodity Summaries.",
})
export class Reserve {
  /** Database ids (not exposed). */
  dbId: number;
  countryId: number;
  sourceId: number;
  /** The as-of date this estimate was read for (YYYY-MM-DD), null for the current one. */
  asOf: string | null;

  @Field(() => Metal, { description: 'The metal.' })
  metal: Metal;

  @Field(() => Float, { description: 'Reserves in metric tonnes of metal content.' })
  tonnes: number;

  @Field(() => Boolean, { description: 'True when the figure is an estimate (marked so by its publisher, or derived by argentum).' })
  isEstimate: boolean;

  static fromRecord(r: ReserveRecord, asOf: string | null): Reserve {
    const x = new Reserve();
    x.dbId = r.id;
    x.countryId = r.countryId;
    x.sourceId = r.sourceId;
    x.metal = r.metal;
    x.tonnes = r.tonnes;
    x.isEstimate = r.isEstimate;
    x.asOf = asOf;
    return x;
  }
}

/** The columns the reserves SQL selects. */
export interface ReserveRecord {
  id: number;
  countryId: number;
  sourceId: number;
  metal: Metal;
  tonnes: number;
  isEstimate: boolean;
}
