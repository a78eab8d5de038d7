// A migrated test database (see ./db) holding the repository's dataset (data/*.csv).
import type { DatabaseKind, QueryEvent } from '../../src/db';
import { seedDataset } from '../../src/import';
import { createTestDatabase, type TestDatabase } from './db';

export async function createSeededTestDatabase(
  kind: DatabaseKind,
  opts: { onQuery?: (e: QueryEvent) => void } = {},
): Promise<TestDatabase> {
  const tdb = await createTestDatabase(kind, { onQuery: opts.onQuery });
  try {
    await seedDataset(tdb.prisma);
  } catch (err) {
    await tdb.drop().catch(() => {});
    throw err;
  }
  return tdb;
}
