// A small database per loader test file: on every database kind, statements counted.
import type { DatabaseKind } from '../../src/db';
import { createTestDatabase, type TestDatabase } from '../helpers/db';

/** Statements that do work (not BEGIN/COMMIT and the like). */
const isCounted = (sql: string) => !/^\s*(BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE|DEALLOCATE|SET\b)/i.test(sql);

export interface CountingDatabase extends TestDatabase {
  /** Statements sent since the last reset. */
  statements(): string[];
  reset(): void;
}

export async function createCountingDatabase(kind: DatabaseKind): Promise<CountingDatabase> {
  let log: string[] = [];
  const tdb = await createTestDatabase(kind, { onQuery: (e) => log.push(e.query) });
  return Object.assign(tdb, {
    statements: () => log.filter(isCounted),
    reset: () => {
      log = [];
    },
  });
}
