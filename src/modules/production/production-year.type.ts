import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { troyOunces } from '../../metrics';
import { Metal, ProductionStage } from '../common/enums';
import { toGlobalId } from '../common/global-id';
import { Node } from '../node/node.interface';

@ObjectType('ProductionYear', {
  simpleResolvers: true,
  implements: Node,
  description:
    "A country's output of one metal at one stage for months monthFrom..monthTo of a year (1..12 = the full year; 1..11 = January-November).",
})
export class ProductionYear {
  /** Database ids (not exposed). */
  dbId: number;
  countryId: number;
  /** The country's code when the read joined it (lists ordered by it). */
  countryIso3?: string;
  sourceId: number | null;
  /**
   * The like-for-like row a year earlier when the fetch that read this row also read that year
   * (null: there is none); undefined when not known, and a loader must look.
   */
  previousRow?: ProductionYear | null;
  /** The as-of date this row was read for (YYYY-MM-DD), null for current values: what computed fields on it compare with. */
  asOf: string | null;

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

  @Field(() => Boolean, { description: 'True when the figure is an estimate: marked so by its publisher (e.g. USGS "e" for the latest year) or derived by argentum.' })
  isEstimate: boolean;

  @Field(() => Boolean, { description: 'True when argentum computed the figure from reported ones (its source\'s note gives the rule); a derived figure is always an estimate.' })
  isDerived: boolean;

  @Field(() => Boolean, {
    description:
      'True when this revision is the current value of its observation (a non-estimate outranks an estimate, then the latest publication). A row read `asOf` a date is the value as of then; isCurrent still says whether it is the value today.',
  })
  isCurrent: boolean;

  /** A row as the production SQL reads it (see production.sql.ts): numbers, no Decimal objects. */
  static fromTuple(t: ProductionTuple, asOf: string | null, countryIso3?: string): ProductionYear {
    const p = new ProductionYear();
    p.dbId = t[0];
    p.countryId = t[1];
    p.sourceId = t[2];
    p.metal = t[3];
    p.stage = t[4];
    p.year = t[5];
    p.monthFrom = t[6];
    p.monthTo = t[7];
    p.tonnes = t[8];
    p.isEstimate = t[9];
    p.isDerived = t[10];
    p.isCurrent = t[11];
    p.asOf = asOf;
    if (countryIso3 !== undefined) p.countryIso3 = countryIso3;
    return p;
  }
}

/** A production row as the production SQL reads it: one JSON array, in this order. */
export type ProductionTuple = [
  id: number,
  countryId: number,
  sourceId: number | null,
  metal: Metal,
  stage: ProductionStage,
  year: number,
  monthFrom: number,
  monthTo: number,
  tonnes: number,
  isEstimate: boolean,
  isDerived: boolean,
  isCurrent: boolean,
];
