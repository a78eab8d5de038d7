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

  /** A row as the trade SQL selects it (see trade.sql.ts). */
  static fromRecord(r: ExportFlowRecord, asOf: string | null): ExportFlow {
    const f = new ExportFlow();
    f.dbId = r.id;
    f.reporterId = r.reporterId;
    if (r.reporterIso3 !== undefined) f.reporterIso3 = r.reporterIso3;
    f.partnerId = r.partnerId;
    f.sourceId = r.sourceId;
    f.metal = r.metal;
    f.year = r.year;
    f.monthFrom = r.monthFrom;
    f.monthTo = r.monthTo;
    f.tonnes = r.tonnes;
    f.valueUsd = r.valueUsd;
    f.isEstimate = r.isEstimate;
    f.isDerived = r.isDerived;
    f.isCurrent = r.isCurrent;
    f.asOf = asOf;
    return f;
  }
}

/** The columns the trade SQL selects. */
export interface ExportFlowRecord {
  id: number;
  reporterId: number;
  /** The reporter's code when the read joined it (lists ordered by it). */
  reporterIso3?: string;
  partnerId: number;
  sourceId: number | null;
  metal: Metal;
  year: number;
  monthFrom: number;
  monthTo: number;
  tonnes: number | null;
  valueUsd: number | null;
  isEstimate: boolean;
  isDerived: boolean;
  isCurrent: boolean;
}
