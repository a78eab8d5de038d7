// Opens the database the configuration names and makes it ready to serve:
// - PGlite (embedded, no DATABASE_URL): applies migrations and loads data/*.csv when the dataset is
//   missing, so that `npm install && npm start` serves data with no other step;
// - PostgreSQL: checks that every migration is applied (else: "run npm run db:migrate") and warns
//   when the dataset is not loaded (`npm run db:seed`). It never changes a shared server's schema.
import * as path from 'node:path';
import type { AppConfig } from './config.js';
import type { Logger } from './logger.js';
import { openDatabase, migrateDatabase, loadMigrations, type Database } from './db/index.js';
import { seedDataset, isDatasetLoaded } from './import/index.js';

// src/ (jest) and dist/ (compiled) both sit one level below the project root.
export const projectRoot = path.resolve(__dirname, '..');
export const dataDir = path.join(projectRoot, 'data');

/** A start-up failure with a one-line message for the operator. */
export class StartupError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StartupError';
  }
}

export async function bootstrapDatabase(config: AppConfig, logger: Logger): Promise<Database> {
  const db = await openDatabase({ databaseUrl: config.databaseUrl ?? '', pgliteDir: config.pgliteDir, preparedStatements: config.preparedStatements });
  logger.info({ database: db.label }, `database: ${db.label}`);
  try {
    if (db.kind === 'pglite') {
      const { applied } = await migrateDatabase(db);
      if (applied.length) logger.info({ applied }, `applied ${applied.length} migration(s)`);
      if (!(await isDatasetLoaded(db.prisma))) {
        logger.info({ dataDir }, 'loading the dataset from data/*.csv');
        const started = Date.now();
        const counts = await seedDataset(db.prisma, dataDir);
        logger.info({ counts, durationMs: Date.now() - started }, 'dataset loaded');
      }
    } else {
      const pending = await pendingMigrations(db);
      if (pending.length) {
        throw new StartupError(
          `${db.label} is missing ${pending.length} migration(s) (${pending.join(', ')}): run npm run db:migrate`,
        );
      }
      if (!(await isDatasetLoaded(db.prisma))) {
        logger.warn(`the dataset is not loaded on ${db.label}: run npm run db:seed`);
      }
    }
  } catch (err) {
    await db.close().catch(() => {});
    throw err;
  }
  return db;
}

/** Migrations in prisma/migrations that _prisma_migrations does not record as finished. */
export async function pendingMigrations(db: Database): Promise<string[]> {
  const wanted = (await loadMigrations()).migrationDirectories.map((m) => m.path);
  let applied: Set<string>;
  try {
    const rows = await db.prisma.$queryRawUnsafe<{ migration_name: string }[]>(
      'SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL',
    );
    applied = new Set(rows.map((r) => r.migration_name));
  } catch {
    applied = new Set(); // no _prisma_migrations table: nothing applied yet
  }
  return wanted.filter((name) => !applied.has(name));
}
