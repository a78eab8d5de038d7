// Test databases on every kind under test: PGlite in memory always, PostgreSQL when
// TEST_DATABASE_URL names a server (each call gets its own fresh database on it, dropped by drop()).
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { migrateDatabase, openDatabase, type Database, type DatabaseKind, type QueryEvent } from '../../src/db';
import type { PrismaClient } from '../../src/generated/prisma/client';

export const databaseKinds: DatabaseKind[] = process.env.TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];

export interface TestDatabase {
  kind: DatabaseKind;
  db: Database;
  prisma: PrismaClient;
  url?: string;
  drop(): Promise<void>;
}

export async function createTestDatabase(
  kind: DatabaseKind,
  opts: { migrate?: boolean; onQuery?: (e: QueryEvent) => void } = {},
): Promise<TestDatabase> {
  const { migrate = true, onQuery } = opts;
  if (kind === 'pglite') {
    const db = await openDatabase({ databaseUrl: '', pgliteDir: 'memory://', onQuery });
    try {
      if (migrate) await migrateDatabase(db);
    } catch (err) {
      await db.close();
      throw err;
    }
    return { kind, db, prisma: db.prisma, drop: () => db.close() };
  }

  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) throw new Error('createTestDatabase("postgres") needs TEST_DATABASE_URL (a PostgreSQL server to create test databases on)');
  // Unique across jest workers and repeated runs; lower case so it needs no quoting anywhere.
  const name = `argentum_test_${Date.now().toString(36)}_${process.pid}_${randomBytes(4).toString('hex')}`;
  await adminQuery(serverUrl, `CREATE DATABASE "${name}"`);
  const url = withDatabase(serverUrl, name);
  const dropDatabase = () => adminQuery(serverUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  let db: Database;
  try {
    db = await openDatabase({ databaseUrl: url, onQuery });
    try {
      if (migrate) await migrateDatabase(db);
    } catch (err) {
      await db.close();
      throw err;
    }
  } catch (err) {
    await dropDatabase().catch(() => {});
    throw err;
  }
  let dropped = false;
  return {
    kind,
    db,
    prisma: db.prisma,
    url,
    drop: async () => {
      if (dropped) return;
      dropped = true;
      await db.close().catch(() => {});
      await dropDatabase();
    },
  };
}

function withDatabase(serverUrl: string, database: string): string {
  const u = new URL(serverUrl);
  u.pathname = `/${database}`;
  return u.toString();
}

// CREATE/DROP DATABASE cannot run inside the test database itself, so use a short-lived
// connection to the database TEST_DATABASE_URL names (any database on that server will do).
async function adminQuery(serverUrl: string, sql: string): Promise<void> {
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
