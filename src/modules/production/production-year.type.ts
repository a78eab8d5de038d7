import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { troyOunces } from '../../metrics';
import { Metal, ProductionStage } from '../common/enums';
import { toGlobalId } from '../common/global-id';
import { Node } from '../node/node.interface';

@ObjectType('ProductionYear', {
  implements: Node,
  description:
    "A country's output of one metal at one stage for months monthFrom..monthTo of a year (1..12 = the full year; 1..11 = January-November).",
})
export class ProductionYear {
  /** Database ids (not exposed). */
  dbId: number;
  countryId: number;
  sourceId: number | null;
  /**
   * The like-for-like row a year earlier when the fetch that read this row also read that year
   * (null: there is none); undefined when not known, and a loader must look.
   */
  previousRow?: ProductionYear | null;

  @Field(() => ID, { description: 'Opaque global id (see `node`).' })
  get id(): string {
    return toGlobalId('ProductionYear', this.dbId);
  }

  @Field(() => Metal, { description: 'The metal produced.' })
  metal: Metal;

  @Field(() => ProductionStage, { description: 'MINE (mine output) or REFINED (refined metal).' })
  stage: ProductionStage;

  @Field(() => Int, { description: 'Calendar year.' })
  year: number;

  @Field(() => Int, { description: 'First month of the period (1 = January).' })
  monthFrom: number;

  @Field(() => Int, { description: 'Last month of the period (12 = December).' })
  monthTo: number;

  @Field(() => Boolean, { description: 'True when the period is the full year (months 1..12).' })
  get isFullYear(): boolean {
    return this.monthFrom === 1 && this.monthTo === 12;
  }

  @Field(() => Float, { description: 'Output in metric tonnes.' })
  tonnes: number;

  @Field(() => Float, { description: 'Output in troy ounces (tonnes x 32,150.7466).' })
  get troyOunces(): number {
    return troyOunces(this.tonnes);
  }

  @Field(() => Boolean, { description: 'True when argentum derived the figure (e.g. from a reported percentage change) rather than a source reporting it.' })
  isEstimate: boolean;

  /** A row as the production SQL selects it (see production.sql.ts): numbers, no Decimal objects. */
  static fromRecord(r: ProductionRecord): ProductionYear {
    const p = new ProductionYear();
    p.dbId = r.id;
    p.countryId = r.countryId;
    p.sourceId = r.sourceId;
    p.metal = r.metal;
    p.stage = r.stage;
    p.year = r.year;
    p.monthFrom = r.monthFrom;
    p.monthTo = r.monthTo;
    p.tonnes = r.tonnes;
    p.isEstimate = r.isEstimate;
    return p;
  }
}

/** The columns the production SQL selects. */
export interface ProductionRecord {
  id: number;
  countryId: number;
  sourceId: number | null;
  metal: Metal;
  stage: ProductionStage;
  year: number;
  monthFrom: number;
  monthTo: number;
  tonnes: number;
  isEstimate: boolean;
}
