import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { troyOunces } from '../../metrics';
import { Metal } from '../common/enums';
import { toGlobalId } from '../common/global-id';
import { Node } from '../node/node.interface';

@ObjectType('ExportFlow', {
  simpleResolvers: true,
  implements: Node,
  description:
    "A reporter country's exports of a metal to one partner for months monthFrom..monthTo of a year. Partner WLD = all destinations together (the reporter's total).",
})
export class ExportFlow {
  /** Database ids (not exposed). */
  dbId: number;
  reporterId: number;
  /** The reporter's code when the read joined it (lists ordered by it). */
  reporterIso3?: string;
  partnerId: number;
  sourceId: number | null;
  /**
   * The like-for-like flow a year earlier when the fetch that read this flow also read that year
   * (null: there is none); undefined when not known, and a loader must look.
   */
  previousFlow?: ExportFlow | null;
  /** The as-of date this flow was read for (YYYY-MM-DD), null for current values. */
  asOf: string | null;

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

  @Field(() => Boolean, { description: 'True when the figures are an estimate: marked so by their publisher, or derived by argentum.' })
  isEstimate: boolean;

  @Field(() => Boolean, { description: 'True when argentum computed the figures from reported ones (its source\'s note gives the rule); always an estimate.' })
  isDerived: boolean;

  @Field(() => Boolean, {
    description:
      'True when this revision is the current value of its observation (a non-estimate outranks an estimate, then the latest publication). A flow read `asOf` a date is the value as of then; isCurrent still says whether it is the value today.',
  })
  isCurrent: boolean;

  /** A flow as the trade SQL reads it (see trade.sql.ts), with the reporter's code when the read joined it. */
  static fromTuple(t: ExportFlowTuple, asOf: string | null, reporterIso3?: string): ExportFlow {
    const f = new ExportFlow();
    f.dbId = t[0];
    f.reporterId = t[1];
    if (reporterIso3 !== undefined) f.reporterIso3 = reporterIso3;
    f.partnerId = t[2];
    f.sourceId = t[3];
    f.metal = t[4];
    f.year = t[5];
    f.monthFrom = t[6];
    f.monthTo = t[7];
    f.tonnes = t[8];
    f.valueUsd = t[9];
    f.isEstimate = t[10];
    f.isDerived = t[11];
    f.isCurrent = t[12];
    f.asOf = asOf;
    return f;
  }
}

/** An export flow as the trade SQL reads it: one JSON array, in this order. */
export type ExportFlowTuple = [
  id: number,
  reporterId: number,
  partnerId: number,
  sourceId: number | null,
  metal: Metal,
  year: number,
  monthFrom: number,
  monthTo: number,
  tonnes: number | null,
  valueUsd: number | null,
  isEstimate: boolean,
  isDerived: boolean,
  isCurrent: boolean,
];
