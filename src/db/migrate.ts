import { readdir, readFile, mkdir, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import type { MigrationList } from '@prisma/schema-engine-wasm' with { 'resolution-mode': 'import' };
import { databaseInternals, openDatabase, type Database } from './database.js';
import { DatabaseError } from './errors.js';
import { createSchemaEngine, type SchemaEngine } from './schema-engine.js';

// src/db (tsx, jest) and dist/db (compiled) both sit two levels below the project root.
const projectRoot = path.resolve(__dirname, '..', '..');
export const migrationsDir = path.join(projectRoot, 'prisma', 'migrations');
export const schemaPath = path.join(projectRoot, 'prisma', 'schema.prisma');
const lockfileName = 'migration_lock.toml';
const noFilters = { externalTables: [], externalEnums: [] };

/** The migrations directory as the Prisma CLI reads it (same shape, same ordering). */
export async function loadMigrations(dir = migrationsDir): Promise<MigrationList> {
  const lockContent = await readFile(path.join(dir, lockfileName), 'utf8').catch(() => null);
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const migrationDirectories = await Promise.all(
    entries
      .filter((e) => e.isDirectory())
      .map(async (e) => ({
        path: e.name,
        migrationFile: {
          path: 'migration.sql',
          content: await readFile(path.join(dir, e.name, 'migration.sql'), 'utf8').then(
            (value) => ({ tag: 'ok' as const, value }),
            (err: Error) => ({ tag: 'error' as const, value: err.message }),
          ),
        },
      })),
  );
  migrationDirectories.sort((a, b) => a.path.localeCompare(b.path));
  return { baseDir: dir, lockfile: { path: lockfileName, content: lockContent }, shadowDbInitScript: '', migrationDirectories };
}

async function readSchema(): Promise<{ path: string; content: string }> {
  return { path: schemaPath, content: await readFile(schemaPath, 'utf8') };
}

/** Runs `fn` with a schema engine on `db`, turning engine failures into one-line DatabaseErrors. */
async function withEngine<T>(db: Database, what: string, fn: (engine: SchemaEngine) => Promise<T>): Promise<T> {
  const { engine } = await createSchemaEngine(databaseInternals(db).adapterFactory(), await readSchema());
  try {
    return await fn(engine);
  } catch (err) {
    throw new DatabaseError(`${what} failed on ${db.label}: ${engineErrorMessage(err)}`, { cause: err });
  } finally {
    engine.free();
  }
}

// Engine errors carry a Rust span trace after the message ("0: sql_schema_connector::...");
// keep the message, plus the migration's name, which only appears in that trace.
function engineErrorMessage(err: unknown): string {
  const raw = err instanceof Error ? err.message : typeof err === 'string' ? err : JSON.stringify(err);
  const [message, trace = ''] = raw.split(/\n\s*0: /, 2);
  const text = message.replace(/^external connector error\s*/i, '').replace(/\s+/g, ' ').trim();
  const migration = /migration_name="([^"]+)"/.exec(trace)?.[1];
  return migration ? `migration ${migration}: ${text}` : text;
}

/** Applies pending migrations like `prisma migrate deploy` (same _prisma_migrations bookkeeping). */
export async function migrateDatabase(db: Database, opts: { dir?: string } = {}): Promise<{ applied: string[] }> {
  const migrationsList = await loadMigrations(opts.dir);
  const out = await withEngine(db, 'Migration', (engine) => engine.applyMigrations({ migrationsList, filters: noFilters }));
  return { applied: out.appliedMigrationNames };
}

/** SQL that would take the database `db` to schema.prisma; '' when they agree. */
export async function diffDatabaseToSchema(db: Database): Promise<string> {
  const schema = await readSchema();
  const out = await withEngine(db, 'Diff', (engine) =>
    engine.diff({
      from: { tag: 'schemaDatasource', files: [schema], configDir: projectRoot },
      to: { tag: 'schemaDatamodel', files: [schema] },
      script: true,
      exitCode: null,
      filters: noFilters,
    }),
  );
  return emptyDiffToBlank(out.stdout ?? '');
}

// The engine answers an empty diff with a comment line, not with nothing.
function emptyDiffToBlank(script: string): string {
  return script.replace(/^-- This is an empty migration\.\s*$/m, '').trim() ? script : '';
}

export interface CreatedMigration {
  name: string | null; // null when schema.prisma and the migrations already agree
  file?: string;
  sql: string;
}

/**
 * `prisma migrate dev --create-only` without the native engine: applies the existing migrations to a
 * throwaway in-memory PGlite, diffs it against schema.prisma and writes the result as a new migration.
 */
export async function createMigration(name: string, opts: { dir?: string; now?: Date } = {}): Promise<CreatedMigration> {
  const dir = opts.dir ?? migrationsDir;
  const slug = name.trim().toLowerCase().replace(/[^a-z0-9_]+/g, '_').replace(/^_+|_+$/g, '');
  if (!slug) throw new DatabaseError(`Invalid migration name "${name}": use letters, digits and underscores`);
  const shadow = await openDatabase({ databaseUrl: '', pgliteDir: 'memory://' });
  try {
    await migrateDatabase(shadow, { dir });
    const sql = await diffDatabaseToSchema(shadow);
    if (!sql) return { name: null, sql: '' };
    const dirName = `${timestamp(opts.now ?? new Date())}_${slug}`;
    await mkdir(path.join(dir, dirName), { recursive: false }).catch((err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') return mkdir(path.join(dir, dirName), { recursive: true });
      throw new DatabaseError(`Cannot create migration directory ${path.join(dir, dirName)}: ${err.message}`);
    });
    const file = path.join(dir, dirName, 'migration.sql');
    await writeFile(file, sql);
    // Same lock file `prisma migrate dev` writes, so the Prisma CLI accepts this directory.
    await writeFile(
      path.join(dir, lockfileName),
      '# Please do not edit this file manually\n# It should be added in your version-control system (e.g., Git)\nprovider = "postgresql"\n',
    );
    return { name: dirName, file, sql };
  } finally {
    await shadow.close();
  }
}

// Prisma names migration directories by UTC time, YYYYMMDDHHMMSS.
function timestamp(d: Date): string {
  return d.toISOString().replace(/[-:T]/g, '').slice(0, 14);
}
