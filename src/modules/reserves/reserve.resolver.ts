import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { AppContext } from '../../context';
import { Source } from '../source/source.type';
import { Reserve } from './reserve.type';

@Resolver(() => Reserve)
export class ReserveResolver {
  @FieldResolver(() => Source, { description: 'The edition that gives the estimate.' })
  async source(@Root() r: Reserve, @Ctx() { loaders }: AppContext): Promise<Source> {
    return (await loaders.sourceById.load(r.sourceId))!;
  }
}
