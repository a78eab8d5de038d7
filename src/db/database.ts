import * as path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPg } from '@prisma/adapter-pg';
import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import { Pool } from 'pg';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { PrismaClient } from '../generated/prisma/client.js';
import { MigrationPg, MigrationPGlite } from './adapters.js';
import { enableDirectReads } from './direct-read.js';
import { preparedStatementNames } from './prepared-statements.js';
import { DatabaseError, redactUrl } from './errors.js';
import { lockPgliteDir } from './pglite-lock.js';

export type DatabaseKind = 'pglite' | 'postgres';

export interface QueryEvent {
  query: string;
  params: string;
  durationMs: number;
}

export interface OpenDatabaseOptions {
  /** Default process.env.DATABASE_URL; when set, PostgreSQL through @prisma/adapter-pg. */
  databaseUrl?: string;
  /** Default process.env.PGLITE_DIR ?? './.data'; 'memory://' keeps the database in memory. */
  pgliteDir?: string;
  /** Every SQL statement sent: Prisma's 'query' log events, and the direct reads (src/db/direct-read.ts) in the same form. */
  onQuery?: (e: QueryEvent) => void;
  /** PostgreSQL: the direct reads run as named statements (src/db/prepared-statements.ts); default true. */
  preparedStatements?: boolean;
}

export interface Database {
  kind: DatabaseKind;
  prisma: PrismaClient;
  /** Safe to print: the URL without its password, or 'PGlite at ./.data' / 'PGlite in memory'. */
  label: string;
  /** SELECT 1 on the driver; throws DatabaseError. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** What migrations need besides the public API: an adapter factory on the same connection(s). */
export interface DatabaseInternals {
  adapterFactory(): SqlMigrationAwareDriverAdapterFactory;
  /** Where notifications (LISTEN) come from: PGlite's own instance, or a connection of its own to the server (src/db/data-version.ts). */
  listenTarget: { kind: 'pglite'; pglite: PGlite } | { kind: 'postgres'; connectionString: string };
}
const internals = new WeakMap<Database, DatabaseInternals>();

export function databaseInternals(db: Database): DatabaseInternals {
  const found = internals.get(db);
  if (!found) throw new DatabaseError(`${db.label}: not opened by openDatabase()`);
  return found;
}

export async function openDatabase(opts: OpenDatabaseOptions = {}): Promise<Database> {
  const databaseUrl = opts.databaseUrl ?? (process.env.DATABASE_URL || undefined);
  return databaseUrl ? openPostgres(databaseUrl, opts) : openPglite(opts.pgliteDir ?? (process.env.PGLITE_DIR || './.data'), opts);
}

function createPrisma(adapter: PrismaPg | PrismaPGlite, onQuery?: (e: QueryEvent) => void): PrismaClient {
  if (!onQuery) return new PrismaClient({ adapter });
  const prisma = new PrismaClient({ adapter, log: [{ emit: 'event', level: 'query' }] });
  prisma.$on('query', (e) => onQuery({ query: e.query, params: e.params, durationMs: e.duration }));
  // The contract exposes the plain client type; the log option only changes $on's typing.
  return prisma as unknown as PrismaClient;
}

async function openPostgres(url: string, opts: OpenDatabaseOptions): Promise<Database> {
  const label = redactUrl(url);
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new DatabaseError(`Cannot use DATABASE_URL ${label}: not a valid URL (expected postgresql://user:password@host:port/database)`);
  }
  if (parsed.protocol !== 'postgresql:' && parsed.protocol !== 'postgres:') {
    throw new DatabaseError(`Cannot use DATABASE_URL ${label}: unsupported scheme "${parsed.protocol.replace(/:$/, '')}" (expected postgresql://)`);
  }

  // One pool of our own, shared by Prisma and the migration engine, ended by close().
  const pool = new Pool({ connectionString: url, connectionTimeoutMillis: 10_000 });
  // An idle client losing its server must not crash the process; the next query reports it.
  pool.on('error', () => {});
  const ping = async () => {
    try {
      await pool.query('SELECT 1');
    } catch (err) {
      throw new DatabaseError(`Cannot connect to PostgreSQL at ${label}: ${describePgError(err)}`, { cause: err });
    }
  };
  try {
    await ping();
  } catch (err) {
    await pool.end().catch(() => {});
    throw err;
  }

  const prisma = createPrisma(new PrismaPg(pool), opts.onQuery);
  // The API's reads run as named statements (src/db/prepared-statements.ts); Prisma's own queries do not.
  const readAdapter = new PrismaPg(pool, opts.preparedStatements === false ? {} : { statementNameGenerator: preparedStatementNames() });
  enableDirectReads(prisma, await readAdapter.connect(), opts.onQuery);
  const db: Database = {
    kind: 'postgres',
    prisma,
    label,
    ping,
    close: once(async () => {
      await prisma.$disconnect();
      await pool.end();
    }),
  };
  internals.set(db, { adapterFactory: () => new MigrationPg(pool), listenTarget: { kind: 'postgres', connectionString: url } });
  return db;
}

async function openPglite(dir: string, opts: OpenDatabaseOptions): Promise<Database> {
  const inMemory = dir.startsWith('memory://');
  const label = inMemory ? 'PGlite in memory' : `PGlite at ${dir}`;
  // PGlite resolves relative paths against the working directory, like the rest of the CLI.
  const release = inMemory ? () => {} : lockPgliteDir(path.resolve(dir), label);
  let pglite: PGlite;
  try {
    pglite = await PGlite.create(inMemory ? dir : path.resolve(dir));
  } catch (err) {
    release();
    throw new DatabaseError(`Cannot open ${label}: ${errorMessage(err)}`, { cause: err });
  }
  const prisma = createPrisma(new PrismaPGlite(pglite), opts.onQuery);
  enableDirectReads(prisma, await new PrismaPGlite(pglite).connect(), opts.onQuery);
  const db: Database = {
    kind: 'pglite',
    prisma,
    label,
    ping: async () => {
      try {
        await pglite.query('SELECT 1');
      } catch (err) {
        throw new DatabaseError(`${label}: ${errorMessage(err)}`, { cause: err });
      }
    },
    close: once(async () => {
      try {
        await prisma.$disconnect();
        if (!pglite.closed) await pglite.close();
      } finally {
        release();
      }
    }),
  };
  internals.set(db, { adapterFactory: () => new MigrationPGlite(pglite), listenTarget: { kind: 'pglite', pglite } });
  return db;
}

// close() may be called by several owners (server shutdown, test teardown); pg's pool.end() throws the second time.
function once(fn: () => Promise<void>): () => Promise<void> {
  let done: Promise<void> | undefined;
  return () => (done ??= fn());
}

// PGlite's Emscripten file system throws {name: 'ErrnoError', errno} objects with WASI errno numbers.
const wasiErrnos: Record<number, string> = { 2: 'permission denied', 20: 'file exists', 31: 'is a directory', 44: 'no such file or directory', 51: 'no space left on device', 54: 'not a directory', 63: 'operation not permitted' };

function errorMessage(err: unknown): string {
  if (err instanceof Error) return err.message || err.name;
  const e = err as { name?: string; errno?: number; message?: string } | null;
  if (e?.name === 'ErrnoError' && typeof e.errno === 'number') return `file system error: ${wasiErrnos[e.errno] ?? `errno ${e.errno}`}`;
  if (typeof e?.message === 'string') return e.message;
  return String(err);
}

/** pg's errors, in words: network codes for unreachable servers, SQLSTATEs for server refusals. */
function describePgError(err: unknown): string {
  const e = err as { code?: string; message?: string; errors?: unknown[] };
  // Several addresses (localhost = ::1 and 127.0.0.1) fail together as an AggregateError.
  if (!e.code && Array.isArray(e.errors) && e.errors.length) return describePgError(e.errors[0]);
  switch (e.code) {
    case 'ECONNREFUSED':
      return 'connection refused (is the server running and accepting TCP connections?)';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'unknown host';
    case 'ETIMEDOUT':
      return 'connection timed out';
    case '3D000': // database "x" does not exist
      return e.message ?? 'database does not exist';
    case '28P01':
    case '28000':
      return `authentication failed (${e.message})`;
    default:
      return e.code ? `${errorMessage(err)} (${e.code})` : errorMessage(err) || 'unknown error';
  }
}
