import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { AppContext } from '../../context';
import { Source } from '../source/source.type';
import { ExportSummary } from './export-summary.type';

@Resolver(() => ExportSummary)
export class ExportSummaryResolver {
  @FieldResolver(() => [Source], { description: 'The sources of the flows the summary uses, each once.' })
  async sources(@Root() s: ExportSummary, @Ctx() { loaders }: AppContext): Promise<Source[]> {
    const sources = await loaders.sourceById.loadMany(s.sourceIds);
    return sources.filter((x): x is Source => {
      if (x instanceof Error) throw x;
      return x != null;
    });
  }
}
