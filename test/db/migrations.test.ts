// Migrations apply through the WASM schema engine exactly once, are recorded as `prisma migrate deploy`
// records them, and leave the database matching schema.prisma, on every database kind under test.
import { createHash } from 'node:crypto';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { DatabaseError, diffDatabaseToSchema, migrateDatabase, migrationsDir } from '../../src/db';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../helpers/db';

interface MigrationRow {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
  applied_steps_count: number;
  logs: string | null;
}

describe.each(databaseKinds)('migrations on %s', (kind) => {
  let t: TestDatabase;
  let names: string[];

  beforeAll(async () => {
    names = (await readdir(migrationsDir, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name).sort();
    t = await createTestDatabase(kind, { migrate: false });
  });
  afterAll(async () => {
    await t?.drop();
  });

  test('the empty database differs from schema.prisma (so an empty diff below means something)', async () => {
    expect(await diffDatabaseToSchema(t.db)).toContain('CREATE TABLE "sources"');
  });

  test('apply every migration to an empty database', async () => {
    expect(names.length).toBeGreaterThanOrEqual(1);
    expect(names[0]).toMatch(/^\d{14}_init$/);
    await expect(migrateDatabase(t.db)).resolves.toEqual({ applied: names });
  });

  test('a second apply applies nothing', async () => {
    await expect(migrateDatabase(t.db)).resolves.toEqual({ applied: [] });
  });

  test('_prisma_migrations records each migration like prisma migrate deploy', async () => {
    const rows = await t.prisma.$queryRawUnsafe<MigrationRow[]>(
      'SELECT migration_name, checksum, finished_at, rolled_back_at, applied_steps_count, logs FROM _prisma_migrations ORDER BY migration_name',
    );
    expect(rows.map((r) => r.migration_name)).toEqual(names);
    for (const row of rows) {
      const sql = await readFile(path.join(migrationsDir, row.migration_name, 'migration.sql'));
      expect(row.checksum).toBe(createHash('sha256').update(sql).digest('hex'));
      expect(row.finished_at).toBeInstanceOf(Date);
      expect(row.rolled_back_at).toBeNull();
      expect(row.applied_steps_count).toBe(1);
      expect(row.logs).toBeNull();
    }
  });

  test('schema.prisma and the migrations agree (empty diff)', async () => {
    expect(await diffDatabaseToSchema(t.db)).toBe('');
  });

  test('the hand-added check constraints are in the database', async () => {
    const rows = await t.prisma.$queryRawUnsafe<{ conname: string }[]>(
      "SELECT conname FROM pg_constraint WHERE contype = 'c' AND connamespace = 'public'::regnamespace ORDER BY conname",
    );
    expect(rows.map((r) => r.conname)).toEqual(
      expect.arrayContaining([
        'countries_iso2_check', 'countries_iso3_check',
        'export_flows_months_check', 'export_flows_period_check', 'export_flows_tonnes_check', 'export_flows_value_usd_check', 'export_flows_year_check',
        'price_points_date_check', 'price_points_price_check',
        'production_years_months_check', 'production_years_period_check', 'production_years_tonnes_check', 'production_years_year_check',
        'production_years_derived_check', 'export_flows_derived_check', 'price_points_derived_check', 'reserves_tonnes_check',
      ]),
    );
  });

  test('the hand-added partial unique indexes (one current revision per observation) are in the database', async () => {
    const rows = await t.prisma.$queryRawUnsafe<{ indexname: string; indexdef: string }[]>(
      "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' AND indexname LIKE '%current_key' ORDER BY indexname",
    );
    expect(rows.map((r) => r.indexname)).toEqual(['export_flows_current_key', 'price_points_current_key', 'production_years_current_key', 'reserves_current_key']);
    for (const r of rows) expect(r.indexdef).toMatch(/^CREATE UNIQUE INDEX .* WHERE is_current$/);
  });

  test('a failing migration gives a one-line DatabaseError naming it, and applies nothing after it', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'argentum-migrations-'));
    try {
      await cp(migrationsDir, dir, { recursive: true });
      await mkdir(path.join(dir, '20990101000000_broken'));
      await writeFile(path.join(dir, '20990101000000_broken', 'migration.sql'), 'ALTER TABLE "no_such_table" ADD COLUMN "x" INTEGER;\n');
      const err = await migrateDatabase(t.db, { dir }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(DatabaseError);
      const message = (err as Error).message;
      expect(message).not.toContain('\n');
      expect(message).toContain('20990101000000_broken');
      expect(message).toContain('no_such_table');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
