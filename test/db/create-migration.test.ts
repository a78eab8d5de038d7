// `npm run db:migration -- <name>` (createMigration): the SQL from the existing migrations to
// schema.prisma, written as a new migration directory, or nothing when they agree.
import { cp, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { createMigration, migrationsDir } from '../../src/db';

describe('createMigration', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'argentum-create-migration-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  test('writes the whole schema as the first migration, with a lock file like Prisma', async () => {
    const created = await createMigration('First Try', { dir: path.join(dir, 'empty'), now: new Date('2026-01-02T03:04:05Z') });
    expect(created.name).toBe('20260102030405_first_try');
    expect(created.file).toBe(path.join(dir, 'empty', '20260102030405_first_try', 'migration.sql'));
    const sql = await readFile(created.file!, 'utf8');
    expect(sql).toBe(created.sql);
    for (const table of ['sources', 'countries', 'production_years', 'export_flows', 'price_points', 'reserves']) expect(sql).toContain(`CREATE TABLE "${table}"`);
    expect(sql).toContain(`"is_current" BOOLEAN NOT NULL DEFAULT false`);
    expect(await readFile(path.join(dir, 'empty', 'migration_lock.toml'), 'utf8')).toContain('provider = "postgresql"');
    // Hand-written SQL (checks, partial indexes) is not in schema.prisma, so not in the diff.
    expect(sql).not.toContain('CHECK');
    expect(sql).not.toContain('WHERE');

    // The committed init migration is the diff of its day plus hand-added CHECK constraints: its
    // unchanged tables are created by the same statements (countries, for one).
    const [init] = (await readdir(migrationsDir)).filter((n) => n.endsWith('_init'));
    const countriesTable = /-- CreateTable\nCREATE TABLE "countries"[^;]*;/.exec(sql)?.[0];
    expect(countriesTable).toBeDefined();
    expect(await readFile(path.join(migrationsDir, init, 'migration.sql'), 'utf8')).toContain(countriesTable!);
  });

  test('reports no changes when the migrations already match schema.prisma', async () => {
    const copy = path.join(dir, 'copy');
    await cp(migrationsDir, copy, { recursive: true });
    const before = await readdir(copy);
    await expect(createMigration('nothing', { dir: copy })).resolves.toEqual({ name: null, sql: '' });
    expect(await readdir(copy)).toEqual(before);
  });
});
