import { Field, Float, ObjectType } from 'type-graphql';

@ObjectType('Change', { simpleResolvers: true, description: 'How a figure moved against an earlier one of the same series.' })
export class ChangeType {
  @Field(() => Float, { description: 'The earlier figure, in the same unit as the figure itself.' })
  previous: number;

  @Field(() => Float, { description: 'The figure minus the earlier one, in the same unit (6 decimal places).' })
  absolute: number;

  @Field(() => Float, { nullable: true, description: 'Change in percent: 100 * (figure / previous - 1), 4 decimal places. Null when previous is 0.' })
  percent: number | null;

  @Field(() => Float, { nullable: true, description: 'The figure divided by the earlier one (2.0 = doubled), 10 significant digits. Null when previous is 0.' })
  ratio: number | null;

  @Field(() => Boolean, { description: 'True when the figure or the earlier one is an estimate (marked so by its publisher, or derived by argentum).' })
  isEstimate: boolean;

  /** The earlier figure's source (the `previousSource` field loads it). */
  previousSourceId: number | null;
}
