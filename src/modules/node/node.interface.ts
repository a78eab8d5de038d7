import 'reflect-metadata';
import { Field, ID, InterfaceType } from 'type-graphql';

@InterfaceType('Node', {
  description: 'An object with a global id. Any id can be fetched again with `node(id:)`; ids are opaque strings (do not parse them).',
})
export abstract class Node {
  @Field(() => ID, { description: 'Opaque global id, unique across all types.' })
  id: string;
}
