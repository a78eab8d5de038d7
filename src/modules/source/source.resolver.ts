import { Ctx, Query, Resolver } from 'type-graphql';
import type { AppContext } from '../../context';
import { Source } from './source.type';
import { readWithRetries } from '../../db/read-retry';

@Resolver(() => Source)
export class SourceResolver {
  @Query(() => [Source], { description: 'Every source the figures cite, ordered by name.' })
  async sources(@Ctx() { prisma, loaders }: AppContext): Promise<Source[]> {
    const sources = (await readWithRetries(prisma, () => prisma.source.findMany({ orderBy: [{ name: 'asc' }, { id: 'asc' }] }))).map(Source.fromRow);
    for (const s of sources) loaders.sourceById.prime(s.dbId, s);
    return sources;
  }
}
