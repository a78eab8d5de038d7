// Figure's provenance field: its sources, loaded by id in one batch for all the figures of a level
// (the values read are already loaded, so the figure carries their source ids).
import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { AppContext } from '../../context';
import { Source } from '../source/source.type';
import { Figure } from './figure.type';

@Resolver(() => Figure)
export class FigureResolver {
  @FieldResolver(() => [Source], {
    description:
      'Every source of the stored values the figure was computed from, each once, in the order the sources were stored (ascending internal id; for the dataset, the order of data/sources.csv). Empty when value is null.',
  })
  async sources(@Root() f: Figure, @Ctx() { loaders }: AppContext): Promise<Source[]> {
    if (f.sourceIds.length === 0) return [];
    const sources = await loaders.sourceById.loadMany(f.sourceIds);
    // A failed read is an error, not a shorter list.
    return sources.filter((s): s is Source => {
      if (s instanceof Error) throw s;
      return s != null;
    });
  }
}
