// The revisions migration on a database that holds figures from before it (only the init migration
// applied, the old one-row-per-observation dataset): every row becomes the current revision of its
// observation, the old "USGS" source becomes the MCS 2025 edition, and seeding then updates those
// rows instead of adding revisions. A row without a source stops the migration (PostgreSQL's own message).
import { cp, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { DatabaseError, migrateDatabase, migrationsDir } from '../../src/db';
import { seedDataset } from '../../src/import';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../helpers/db';

let initOnly: string;
beforeAll(async () => {
  initOnly = await mkdtemp(path.join(tmpdir(), 'argentum-init-only-'));
  const init = (await readdir(migrationsDir)).filter((n) => n.endsWith('_init'));
  expect(init).toHaveLength(1);
  await cp(path.join(migrationsDir, init[0]), path.join(initOnly, init[0]), { recursive: true });
  await cp(path.join(migrationsDir, 'migration_lock.toml'), path.join(initOnly, 'migration_lock.toml'));
});
afterAll(async () => {
  await rm(initOnly, { recursive: true, force: true });
});

/** The old dataset's shape: sources without editions, one row per observation. */
async function oldDataset(t: TestDatabase, opts: { withoutSource?: boolean } = {}) {
  const statements = [
    "INSERT INTO sources (name, publisher) VALUES ('USGS', 'U.S. Geological Survey'), ('EnergyProm', 'EnergyProm')",
    "INSERT INTO countries (iso3, iso2, name, is_aggregate) VALUES ('WLD', NULL, 'World', true), ('KAZ', 'KZ', 'Kazakhstan', false)",
    `INSERT INTO production_years (country_id, metal, stage, year, tonnes, is_estimate, source_id)
       SELECT c.id, 'SILVER', 'MINE', 2024, 1000, false, s.id FROM countries c, sources s WHERE c.iso3 = 'KAZ' AND s.name = 'USGS'`,
    `INSERT INTO production_years (country_id, metal, stage, year, tonnes, is_estimate, source_id)
       SELECT c.id, 'SILVER', 'REFINED', 2024, 697.5, false, ${opts.withoutSource ? 'NULL::int' : 's.id'} FROM countries c, sources s WHERE c.iso3 = 'KAZ' AND s.name = 'EnergyProm'`,
    `INSERT INTO price_points (metal, kind, date, price_usd_per_oz, source_id)
       SELECT 'SILVER', 'SPOT', DATE '2026-01-12', 85.7, s.id FROM sources s WHERE s.name = 'EnergyProm'`,
  ];
  for (const sql of statements) await t.prisma.$executeRawUnsafe(sql);
}

describe.each(databaseKinds)('the revisions migration on existing data (%s)', (kind) => {
  let t: TestDatabase | undefined;
  afterEach(async () => {
    await t?.drop();
    t = undefined;
  });

  test('existing rows become current revisions; USGS becomes MCS 2025; the seed then updates them in place', async () => {
    t = await createTestDatabase(kind, { migrate: false });
    await migrateDatabase(t.db, { dir: initOnly });
    await oldDataset(t);
    const { applied } = await migrateDatabase(t.db);
    expect(applied).toEqual([
      expect.stringMatching(/_revisions$/),
      expect.stringMatching(/_data_version$/),
      expect.stringMatching(/_api_keys$/),
      expect.stringMatching(/_country_aliases$/),
    ]);

    const rows = await t.prisma.productionYear.findMany({ include: { source: true }, orderBy: { id: 'asc' } });
    expect(rows.map((r) => [r.stage, r.isCurrent, r.isDerived, r.source.name])).toEqual([
      ['MINE', true, false, 'USGS Mineral Commodity Summaries 2025'],
      ['REFINED', true, false, 'EnergyProm'],
    ]);
    expect(rows[0].source.publishedOn?.toISOString().slice(0, 10)).toBe('2025-01-31');
    expect(await t.prisma.pricePoint.count({ where: { isCurrent: true } })).toBe(1);

    // Seeding the dataset: the MCS 2025 row is the same revision (updated: USGS marked 2024 as estimated).
    const counts = await seedDataset(t.prisma);
    expect(counts.sources).toMatchObject({ inserted: 6, updated: 2 });
    const kaz2024 = await t.prisma.productionYear.findMany({
      where: { country: { iso3: 'KAZ' }, metal: 'SILVER', stage: 'MINE', year: 2024 },
      include: { source: true },
      orderBy: { id: 'asc' },
    });
    expect(kaz2024.map((r) => [r.id, r.tonnes.toNumber(), r.isEstimate, r.isCurrent, r.source.name])).toEqual([
      [rows[0].id, 1000, true, false, 'USGS Mineral Commodity Summaries 2025'],
      [expect.any(Number), 850, false, true, 'USGS Mineral Commodity Summaries 2026'],
    ]);
    expect(await t.prisma.source.count({ where: { name: 'USGS' } })).toBe(0);
  });

  test('a figure without a source stops the migration, naming the table and column', async () => {
    t = await createTestDatabase(kind, { migrate: false });
    await migrateDatabase(t.db, { dir: initOnly });
    await oldDataset(t, { withoutSource: true });
    const err = await migrateDatabase(t.db).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DatabaseError);
    expect((err as Error).message).toMatch(/migration revisions: 1 production, export or price row\(s\) have no source, and every figure needs one from now on. Set their source_id \(or delete them\), then migrate again./);
  });
});
