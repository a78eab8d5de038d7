// Per-request DataLoader of sources by database id.
import DataLoader from 'dataloader';
import type { PrismaClient } from '../../generated/prisma/client';
import { Source } from './source.type';
import { readWithRetries } from '../../db/read-retry';

export function createSourceLoaders(prisma: PrismaClient) {
  const sourceById = new DataLoader<number, Source | null>(async function sourceById(ids) {
    const rows = (await readWithRetries(prisma, () => prisma.source.findMany({ where: { id: { in: [...ids] } } }))).map(Source.fromRow);
    const byId = new Map(rows.map((s) => [s.dbId, s]));
    return ids.map((id) => byId.get(id) ?? null);
  });
  return { sourceById };
}

export type SourceLoaders = ReturnType<typeof createSourceLoaders>;
