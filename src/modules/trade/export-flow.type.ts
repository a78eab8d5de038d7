import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import type { ExportFlow as ExportFlowRow } from '../../generated/prisma/client';
import { troyOunces } from '../../metrics';
import { Metal } from '../common/enums';
import { toGlobalId } from '../common/global-id';
import { Node } from '../node/node.interface';

@ObjectType('ExportFlow', {
  implements: Node,
  description:
    "A reporter country's exports of a metal to one partner for months monthFrom..monthTo of a year. Partner WLD = all destinations together (the reporter's total).",
})
export class ExportFlow {
  /** Database ids (not exposed). */
  dbId: number;
  reporterId: number;
  partnerId: number;
  sourceId: number | null;

  @Field(() => ID, { description: 'Opaque global id (see `node`).' })
  get id(): string {
    return toGlobalId('ExportFlow', this.dbId);
  }

  @Field(() => Metal, { description: 'The metal exported.' })
  metal: Metal;

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

  @Field(() => Float, { nullable: true, description: 'Quantity in metric tonnes; null when the source gives only the value.' })
  tonnes: number | null;

  @Field(() => Float, { nullable: true, description: 'Quantity in troy ounces (tonnes x 32,150.7466); null when tonnes is.' })
  get troyOunces(): number | null {
    return this.tonnes == null ? null : troyOunces(this.tonnes);
  }

  @Field(() => Float, { nullable: true, description: 'Value in US dollars; null when the source gives only the quantity.' })
  valueUsd: number | null;

  @Field(() => Boolean, { description: 'True when argentum derived the figures (e.g. from a reported percentage change) rather than a source reporting them.' })
  isEstimate: boolean;

  static fromRow(row: ExportFlowRow): ExportFlow {
    return Object.assign(new ExportFlow(), {
      dbId: row.id,
      reporterId: row.reporterId,
      partnerId: row.partnerId,
      sourceId: row.sourceId,
      metal: row.metal,
      year: row.year,
      monthFrom: row.monthFrom,
      monthTo: row.monthTo,
      tonnes: row.tonnes == null ? null : Number(row.tonnes),
      valueUsd: row.valueUsd == null ? null : Number(row.valueUsd),
      isEstimate: row.isEstimate,
    });
  }
}
