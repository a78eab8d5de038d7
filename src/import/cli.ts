// Import CSV files into the database:
//   npm run import -- <file.csv>... [--kind K] [--dry-run]
//   npm run import -- --seed [dir] [--dry-run]        (npm run db:seed)
//   npm run import -- --help
import * as path from 'node:path';
import { loadMigrations, migrateDatabase, openDatabase, type Database } from '../db/index.js';
import {
  DEFAULT_DATA_DIR,
  IMPORT_KINDS,
  ImportValidationError,
  describeFormats,
  formatProblem,
  importFiles,
  seedDataset,
  type FileResult,
  type ImportCounts,
  type ImportKind,
} from './index.js';

const USAGE = `usage:
  npm run import -- <file.csv>... [--kind ${IMPORT_KINDS.join('|')}] [--dry-run]
  npm run import -- --seed [dir] [--dry-run]     (also: npm run db:seed)
  npm run import -- --help`;

const HELP = `${USAGE}

Imports CSV files of precious-metals statistics. Every row of every file is validated before
anything is written; any problem is printed as file:line: column: message (line 1 = the header)
and the command exits with status 1, leaving the database untouched. Valid files are written in
one transaction: rows are matched on their natural key (below) and inserted, updated or, when
nothing changed, left alone, so importing the same file twice changes nothing. A figure's key is
its observation plus its source: a value under a new source (a new edition) is a new revision, and
each observation written gets its current value chosen again (docs/domain.md).

options:
  --kind K     the kind of every file given; by default inferred from each file's header
  --dry-run    validate and count what would be inserted/updated/unchanged, write nothing
  --seed [dir] import sources, countries, production, exports, prices, reserves and country-aliases
               (<kind>.csv) from dir
               (default: the repository's data/ directory) in one transaction
  --help       this text

database: DATABASE_URL (PostgreSQL), else the embedded PGlite database in PGLITE_DIR (default ./.data).
A PostgreSQL database must be migrated first (npm run db:migrate); the embedded PGlite database is
migrated automatically, since it belongs to this application alone.
Files refer to countries and sources by iso3 code and name: they must be in the database already
or in a file before them in the same command (give sources.csv and countries.csv first).
Cells are trimmed; enum values and ISO codes are case-insensitive; numbers use a dot as the
decimal separator and no thousands separators; empty lines are skipped.

file formats (columns in any order; header names are case-insensitive):

${describeFormats()}`;

class UsageError extends Error {}

interface Args {
  help: boolean;
  dryRun: boolean;
  kind?: ImportKind;
  seed: boolean;
  seedDir?: string;
  files: string[];
}

function parseArgs(argv: string[]): Args {
  const args: Args = { help: false, dryRun: false, seed: false, files: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--help' || a === '-h') args.help = true;
    else if (a === '--dry-run') args.dryRun = true;
    else if (a === '--seed') {
      args.seed = true;
      if (argv[i + 1] !== undefined && !argv[i + 1].startsWith('-')) args.seedDir = argv[++i];
    } else if (a === '--kind' || a.startsWith('--kind=')) {
      const value = a === '--kind' ? argv[++i] : a.slice('--kind='.length);
      if (!value) throw new UsageError(`--kind needs a value: ${IMPORT_KINDS.join(', ')}`);
      if (!(IMPORT_KINDS as readonly string[]).includes(value)) throw new UsageError(`unknown --kind '${value}'; accepted: ${IMPORT_KINDS.join(', ')}`);
      args.kind = value as ImportKind;
    } else if (a.startsWith('-')) throw new UsageError(`unknown option ${a}`);
    else args.files.push(a);
  }
  if (!args.help) {
    if (args.seed && args.files.length > 0) throw new UsageError('--seed imports a directory; give either --seed [dir] or files, not both');
    if (args.seed && args.kind) throw new UsageError('--kind does not apply to --seed (each file is named after its kind)');
    if (!args.seed && args.files.length === 0) throw new UsageError('no file given');
  }
  return args;
}

/** PGlite (embedded, ours alone) is migrated here; PostgreSQL must have been migrated with npm run db:migrate. */
async function ensureMigrated(db: Database): Promise<void> {
  if (db.kind === 'pglite') {
    const { applied } = await migrateDatabase(db);
    if (applied.length) process.stderr.write(`${db.label}: applied ${applied.length} migration(s)\n`);
    return;
  }
  const expected = (await loadMigrations()).migrationDirectories.map((d) => d.path);
  const [{ t }] = await db.prisma.$queryRaw<{ t: string | null }[]>`SELECT to_regclass('_prisma_migrations')::text AS t`;
  const hint = 'run `npm run db:migrate` with the same DATABASE_URL first';
  if (!t) throw new CliError(`${db.label} is not migrated (no _prisma_migrations table): ${hint}`);
  const rows = await db.prisma.$queryRaw<{ migration_name: string }[]>`
    SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`;
  const applied = new Set(rows.map((r) => r.migration_name));
  const pending = expected.filter((name) => !applied.has(name));
  if (pending.length) throw new CliError(`${db.label} has ${pending.length} pending migration(s) (${pending.join(', ')}): ${hint}`);
}

class CliError extends Error {}

function progressReporter(): (done: number, total: number) => void {
  const tty = process.stderr.isTTY;
  let lastStep = -1;
  return (done, total) => {
    if (total < 2000) return;
    const pct = Math.floor((100 * done) / total);
    if (tty) {
      process.stderr.write(`\rwriting: ${pct}% (${done}/${total} rows)${done >= total ? '\n' : ''}`);
    } else {
      const step = Math.floor(pct / 10);
      if (step !== lastStep) {
        lastStep = step;
        process.stderr.write(`writing: ${pct}% (${done}/${total} rows)\n`);
      }
    }
  };
}

const countsText = (c: ImportCounts, dryRun: boolean) =>
  dryRun
    ? `would insert ${c.inserted}, update ${c.updated}, leave ${c.unchanged} unchanged`
    : `${c.inserted} inserted, ${c.updated} updated, ${c.unchanged} unchanged`;

/** One line for a database failure, without Prisma's multi-line invocation frames. */
function oneLine(err: unknown): string {
  const msg = err instanceof Error ? err.message : String(err);
  const lines = msg.split('\n').map((l) => l.trim()).filter(Boolean);
  const text = /invocation/.test(lines[0] ?? '') && lines.length > 1 ? lines[lines.length - 1] : lines.join(' ');
  return text || (err instanceof Error ? err.name : 'unknown error');
}

async function main(argv: string[]): Promise<number> {
  let args: Args;
  try {
    args = parseArgs(argv);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    process.stderr.write(`error: ${err.message}\n${USAGE}\n(--help describes the file formats)\n`);
    return 2;
  }
  if (args.help) {
    process.stdout.write(`${HELP}\n`);
    return 0;
  }

  let db: Database | undefined;
  try {
    db = await openDatabase();
    await ensureMigrated(db);
    const onProgress = progressReporter();
    let results: FileResult[];
    if (args.seed) {
      const dir = args.seedDir ?? DEFAULT_DATA_DIR;
      const counts = await seedDataset(db.prisma, dir, { dryRun: args.dryRun, onProgress });
      const shown = path.relative(process.cwd(), dir) || '.';
      results = IMPORT_KINDS.map((kind) => ({ file: path.join(shown, `${kind}.csv`), kind, counts: counts[kind] }));
    } else {
      results = await importFiles(db.prisma, args.files.map((file) => ({ file, kind: args.kind })), { dryRun: args.dryRun, onProgress });
    }
    const where = args.dryRun ? `dry run against ${db.label}, nothing written` : db.label;
    process.stdout.write(`${where}:\n`);
    for (const r of results) process.stdout.write(`  ${r.file} (${r.kind}): ${countsText(r.counts, args.dryRun)}\n`);
    return 0;
  } catch (err) {
    if (err instanceof ImportValidationError) {
      for (const p of err.problems) process.stderr.write(`${formatProblem(p)}\n`);
      process.stderr.write(`${err.problems.length} problem${err.problems.length === 1 ? '' : 's'}; nothing was imported\n`);
    } else if (err instanceof CliError) {
      process.stderr.write(`error: ${err.message}\n`);
    } else {
      process.stderr.write(`error: ${db ? `${db.label}: ` : ''}${oneLine(err)}\n`);
    }
    return 1;
  } finally {
    await db?.close().catch(() => {});
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`error: ${oneLine(err)}\n`);
    process.exit(1);
  },
);
