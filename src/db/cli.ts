// Database commands without Prisma's native engine:
//   tsx src/db/cli.ts migrate                  apply pending migrations to DATABASE_URL or PGlite (PGLITE_DIR)
//   tsx src/db/cli.ts create-migration <name>  write prisma/migrations/<timestamp>_<name>/migration.sql
import * as path from 'node:path';
import { openDatabase } from './database.js';
import { createMigration, migrateDatabase } from './migrate.js';

const usage = 'usage: db migrate | db create-migration <name>';

async function main(argv: string[]): Promise<void> {
  const [command, ...args] = argv;
  if (command === 'migrate') {
    const db = await openDatabase();
    try {
      const { applied } = await migrateDatabase(db);
      if (applied.length === 0) console.log(`${db.label}: no pending migrations`);
      else console.log(`${db.label}: applied ${applied.length} migration(s):\n${applied.map((n) => `  ${n}`).join('\n')}`);
    } finally {
      await db.close();
    }
  } else if (command === 'create-migration') {
    if (args.length !== 1) throw new Error(`create-migration takes one name (${usage})`);
    const created = await createMigration(args[0]);
    if (!created.name) console.log('no changes: prisma/schema.prisma and prisma/migrations agree');
    else console.log(`created ${path.relative(process.cwd(), created.file!)}`);
  } else {
    throw new Error(command ? `unknown command "${command}" (${usage})` : usage);
  }
}

main(process.argv.slice(2)).then(
  () => process.exit(0),
  (err: unknown) => {
    // One line, no stack: these are operator-facing errors (bad URL, failed migration).
    console.error(`error: ${err instanceof Error ? err.message.replace(/\s*\n\s*/g, ' ') : String(err)}`);
    process.exit(1);
  },
);
