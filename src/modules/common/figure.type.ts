// Figure: a computed number with its provenance, for the computed fields whose inputs may be
// estimates from different editions (worldShare, productionRank, reserveLifeYears, goldSilverRatio).
import { Field, Float, ObjectType } from 'type-graphql';

/** What a figure needs to know of a stored value it read: its estimate flag and source. */
export interface StoredValue {
  isEstimate: boolean;
  sourceId: number | null;
}

@ObjectType('Figure', {
  simpleResolvers: true,
  description:
    'A computed number with its provenance: whether it rests on an estimate, and the sources (editions) of the stored values it was computed from. The field that returns it says which values those are.',
})
export class Figure {
  @Field(() => Float, { nullable: true, description: 'The number; null when it cannot be given (the field that returns this figure says when).' })
  value: number | null;

  @Field(() => Boolean, {
    description: 'True when any stored value it was computed from is an estimate (marked so by its publisher, or derived by argentum). False when value is null.',
  })
  isEstimate: boolean;

  /** The sources of the values read, each once, ascending (the `sources` field loads them). */
  sourceIds: number[];

  /**
   * A figure of `value` computed from `read` (missing values are skipped). A null value carries no
   * provenance, so that a figure and its sources are always shown together (as ratioPrices does).
   */
  static of(value: number | null, read: Iterable<StoredValue | null | undefined>): Figure {
    const f = new Figure();
    f.value = value;
    f.isEstimate = false;
    f.sourceIds = [];
    if (value == null) return f;
    const ids = new Set<number>();
    for (const r of read) {
      if (!r) continue;
      if (r.isEstimate) f.isEstimate = true;
      if (r.sourceId != null) ids.add(r.sourceId);
    }
    f.sourceIds = [...ids].sort((a, b) => a - b);
    return f;
  }
}
