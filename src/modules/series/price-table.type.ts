// Several metals' price series side by side (Query.priceTable), one row per period, the way FRED
// downloads several series at once.
import { Field, Float, ObjectType } from 'type-graphql';
import { DateScalar } from '../common/date.scalar';
import { Metal, PriceKind } from '../common/enums';
import { Aggregation, Frequency, Units, type SeriesCoverage } from './series.type';

@ObjectType('PriceTableRow', { simpleResolvers: true, description: "One period's values of every metal of a price table." })
export class PriceTableRow {
  @Field(() => DateScalar, { description: "The period's first day (YYYY-MM-DD)." })
  date: string;

  @Field(() => [Float], {
    nullable: 'items',
    description:
      "The metals' values in the order of `metals`, each as `priceSeries` gives it; null where a metal has no value for the period (none stored, an incomplete period left out, or a transform without a comparable earlier period).",
  })
  values: Array<number | null>;

  @Field(() => Boolean, { description: 'False when any value in the row is of an incomplete period (only with includeIncomplete: true).' })
  isComplete: boolean;

  @Field(() => Boolean, { description: 'True when any value in the row used an estimate.' })
  isEstimate: boolean;
}

@ObjectType('PriceTable', { simpleResolvers: true, description: "Several metals' prices of one kind side by side: one row per period, one value per metal." })
export class PriceTable {
  @Field(() => [Metal], { description: 'The columns, in order.' })
  metals: Metal[];

  @Field(() => PriceKind, { description: 'The kind of price.' })
  kind: PriceKind;

  @Field(() => Frequency, { description: 'One row per this period.' })
  frequency: Frequency;

  @Field(() => Aggregation, { description: "How each period's stored points were combined." })
  aggregation: Aggregation;

  @Field(() => Units, { description: 'The transform applied after aggregation.' })
  units: Units;

  @Field(() => [PriceTableRow], { description: 'The periods where any metal has a value, oldest first.' })
  rows: PriceTableRow[];

  /** Ids of the sources behind the values (resolved by `sources`). */
  sourceIds: number[];
  coverage: () => Promise<SeriesCoverage>;
  incompleteLeftOut: number;
}
