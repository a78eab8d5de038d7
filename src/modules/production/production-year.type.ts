import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import type { ProductionYear as ProductionYearRow } from '../../generated/prisma/client';
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

  static fromRow(row: ProductionYearRow): ProductionYear {
    return Object.assign(new ProductionYear(), {
      dbId: row.id,
      countryId: row.countryId,
      sourceId: row.sourceId,
      metal: row.metal,
      stage: row.stage,
      year: row.year,
      monthFrom: row.monthFrom,
      monthTo: row.monthTo,
      tonnes: Number(row.tonnes),
      isEstimate: row.isEstimate,
    });
  }
}
