// Manage API keys:
//   npm run -s keys -- create --name <name> --role editor|admin
//   npm run -s keys -- list
//   npm run -s keys -- revoke --name <name>
import { loadMigrations, migrateDatabase, openDatabase, type Database } from '../db/index.js';
import {
  KeyConflictError,
  KeyUsageError,
  ROLES,
  createApiKey,
  listApiKeys,
  normalizeKeyName,
  parseRole,
  revokeApiKey,
  type ApiKeyInfo,
} from './keys.js';

const USAGE = `usage:
  npm run -s keys -- create --name <name> --role ${ROLES.join('|')}
  npm run -s keys -- list
  npm run -s keys -- revoke --name <name>
  npm run -s keys -- --help`;

const HELP = `${USAGE}

Manages the API keys that may write figures (editor) and also delete revisions (admin).

commands:
  create   makes a key and prints it, alone, on stdout (so it can be piped or captured). It is
           shown this once: only a salted scrypt hash is stored, and a lost key cannot be recovered,
           only revoked and replaced. A name belongs to one active key at a time.
  list     name, role, creation time, status and lookup (the key's public part) of every key
  revoke   revokes the active key of that name at once; its name may then be given to a new key

options:
  --name <name>   1 to 100 characters of letters, digits, '.', '_', '@' and '-'
  --role <role>   ${ROLES.join(' or ')}
  --help          this text

database: DATABASE_URL (PostgreSQL), else the embedded PGlite database in PGLITE_DIR (default ./.data).
A PostgreSQL database must be migrated first (npm run db:migrate); the embedded PGlite database is
migrated automatically, since it belongs to this application alone.`;

class UsageError extends Error {}
class CliError extends Error {}

type Command = { help: true } | { help: false; command: 'create'; name: string; role: string } | { help: false; command: 'list' } | { help: false; command: 'revoke'; name: string };

const COMMANDS = ['create', 'list', 'revoke'] as const;
const OPTIONS_OF: Record<(typeof COMMANDS)[number], readonly string[]> = { create: ['--name', '--role'], list: [], revoke: ['--name'] };

function parseArgs(argv: string[]): Command {
  if (argv.length === 0 || argv.includes('--help') || argv.includes('-h')) return { help: true };
  const [command, ...rest] = argv;
  if (!(COMMANDS as readonly string[]).includes(command)) {
    throw new UsageError(`unknown command "${command}"; accepted: ${COMMANDS.join(', ')}`);
  }
  const cmd = command as (typeof COMMANDS)[number];
  const values: Record<string, string> = {};
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    const eq = a.indexOf('=');
    const option = a.startsWith('--') && eq > 0 ? a.slice(0, eq) : a;
    if (!OPTIONS_OF[cmd].includes(option)) {
      const accepted = OPTIONS_OF[cmd].length ? `accepted: ${OPTIONS_OF[cmd].join(', ')}` : 'it takes no options';
      throw new UsageError(`${a.startsWith('-') ? `unknown option ${option}` : `unexpected argument "${a}"`} for ${cmd}; ${accepted}`);
    }
    const value = option === a ? rest[++i] : a.slice(eq + 1);
    if (value === undefined || (option === a && value.startsWith('--'))) throw new UsageError(`${option} needs a value`);
    if (option in values) throw new UsageError(`${option} given twice`);
    values[option] = value;
  }
  const required = (option: string): string => {
    if (values[option] === undefined) throw new UsageError(`${cmd} needs ${option}`);
    return values[option];
  };
  // Names and roles are checked before the database is opened, so a typo costs no connection.
  if (cmd === 'create') return { help: false, command: cmd, name: normalizeKeyName(required('--name')), role: parseRole(required('--role')) };
  if (cmd === 'revoke') {
    const name = required('--name').trim();
    if (!name) throw new UsageError('--name needs a value');
    return { help: false, command: cmd, name };
  }
  return { help: false, command: cmd };
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

function table(keys: ApiKeyInfo[]): string {
  const rows = [
    ['NAME', 'ROLE', 'CREATED', 'STATUS', 'LOOKUP'],
    ...keys.map((k) => [k.name, k.role, k.createdAt.toISOString(), k.revokedAt ? `revoked at ${k.revokedAt.toISOString()}` : 'active', k.lookup]),
  ];
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows.map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i]))).join('  ')).join('\n');
}

/** One line for a database failure, without Prisma's multi-line invocation frames. */
function oneLine(err: unknown): string {
  const msg = err instanceof Error ? err.message : String(err);
  const lines = msg.split('\n').map((l) => l.trim()).filter(Boolean);
  const text = /invocation/.test(lines[0] ?? '') && lines.length > 1 ? lines[lines.length - 1] : lines.join(' ');
  return text || (err instanceof Error ? err.name : 'unknown error');
}

async function main(argv: string[]): Promise<number> {
  let cmd: Command;
  try {
    cmd = parseArgs(argv);
  } catch (err) {
    if (!(err instanceof UsageError || err instanceof KeyUsageError)) throw err;
    process.stderr.write(`error: ${err.message}\n${USAGE}\n`);
    return 2;
  }
  if (cmd.help) {
    process.stdout.write(`${HELP}\n`);
    return 0;
  }

  let db: Database | undefined;
  try {
    db = await openDatabase();
    await ensureMigrated(db);
    if (cmd.command === 'create') {
      const { key, principal } = await createApiKey(db.prisma, { name: cmd.name, role: cmd.role });
      // stdout carries the key alone, so that `key=$(npm run -s keys -- create ...)` captures just it.
      process.stdout.write(`${key}\n`);
      process.stderr.write(`created ${principal.role} key "${principal.name}" in ${db.label}; it is shown only this once\n`);
    } else if (cmd.command === 'list') {
      const keys = await listApiKeys(db.prisma);
      if (keys.length) process.stdout.write(`${table(keys)}\n`);
      else process.stderr.write(`no keys in ${db.label}\n`);
    } else {
      const count = await revokeApiKey(db.prisma, cmd.name);
      if (count === 0) throw new CliError(`no active key named "${cmd.name}"`);
      process.stdout.write(`revoked key "${cmd.name}"\n`);
    }
    return 0;
  } catch (err) {
    if (err instanceof CliError || err instanceof KeyConflictError || err instanceof KeyUsageError) {
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
