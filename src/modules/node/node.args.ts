import { ArgsType, Field, ID } from 'type-graphql';

@ArgsType()
export class NodeArgs {
  @Field(() => ID, { description: 'A global id, as returned in any object\'s `id`.' })
  id: string;
}
