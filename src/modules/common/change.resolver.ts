// Change's provenance field: the earlier figure's source, loaded by id in one batch for all the
// changes of a level (the earlier rows are already loaded, so they carry the id).
import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { AppContext } from '../../context';
import { Source } from '../source/source.type';
import { ChangeType } from './change.type';

@Resolver(() => ChangeType)
export class ChangeResolver {
  @FieldResolver(() => Source, { nullable: true, description: 'Where the earlier figure comes from; null when it has no source.' })
  previousSource(@Root() c: ChangeType, @Ctx() { loaders }: AppContext) {
    return c.previousSourceId == null ? null : loaders.sourceById.load(c.previousSourceId);
  }
}
