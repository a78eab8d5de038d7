// The data version: bumped with every write to the figures in the same transaction, heard by every
// watcher at commit (PGlite's listen, PostgreSQL's LISTEN), re-read after a lost connection.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client } from 'pg';
import { bumpDataVersion, readDataVersion, watchDataVersion, type DataVersion, type DataVersionSource } from '../../src/db';
import { DEFAULT_DATA_DIR, importFile, seedDataset } from '../../src/import';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../helpers/db';
import { serveCache } from './serve';

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'argentum-data-version-'));
});
afterAll(() => rm(tmp, { recursive: true, force: true }));

/** production.csv with Kazakhstan's refined 2024 figure replaced. */
async function productionCsvWith(tonnes: string): Promise<string> {
  const text = await readFile(path.join(DEFAULT_DATA_DIR, 'production.csv'), 'utf8');
  const changed = text.replace(/^KAZ,SILVER,REFINED,2024,1,12,697\.5,/m, `KAZ,SILVER,REFINED,2024,1,12,${tonnes},`);
  expect(changed).not.toBe(text);
  const file = path.join(tmp, `production-${tonnes}.csv`);
  await writeFile(file, changed);
  return file;
}

describe.each(databaseKinds)('data version on %s', (kind) => {
  let tdb: TestDatabase;
  let watcher: DataVersionSource;
  beforeAll(async () => {
    tdb = await createTestDatabase(kind);
    watcher = watchDataVersion(tdb.db);
  });
  afterAll(async () => {
    await watcher?.close();
    await tdb?.drop();
  });

  test('a new database is at version 0, with a random epoch', async () => {
    const v = await watcher.ready(30_000);
    expect(v.version).toBe(0n);
    expect(v.epoch).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(v.tag).toBe(`${v.epoch}:0`);
    expect(await readDataVersion(tdb.prisma)).toEqual(v);
  });

  test('bumpDataVersion in a transaction bumps it, and watchers hear the new version at commit', async () => {
    const seen: (DataVersion | undefined)[] = [];
    const off = watcher.onChange((v) => seen.push(v));
    try {
      const before = (await readDataVersion(tdb.prisma)).version;
      const bumped = await tdb.prisma.$transaction((tx) => bumpDataVersion(tx));
      expect(bumped).toBe(before + 1n);
      expect((await watcher.waitFor(bumped, 30_000)).version).toBe(bumped);
      expect(seen.map((v) => v?.version)).toEqual([bumped]);
    } finally {
      off();
    }
  });

  test('a rolled-back transaction leaves the version as it was', async () => {
    const before = await readDataVersion(tdb.prisma);
    await expect(
      tdb.prisma.$transaction(async (tx) => {
        await bumpDataVersion(tx);
        throw new Error('rolled back on purpose');
      }),
    ).rejects.toThrow('rolled back on purpose');
    expect(await readDataVersion(tdb.prisma)).toEqual(before);
    // The next real bump is the next number, and the watcher follows it.
    const next = await bumpDataVersion(tdb.prisma);
    expect(next).toBe(before.version + 1n);
    await watcher.waitFor(next, 30_000);
  });

  test('the importer bumps once per import that changes figures; not on a dry run, not when nothing changed', async () => {
    const start = (await readDataVersion(tdb.prisma)).version;
    await seedDataset(tdb.prisma);
    const seeded = (await readDataVersion(tdb.prisma)).version;
    expect(seeded).toBe(start + 1n); // five files, one transaction, one bump

    await seedDataset(tdb.prisma); // every row unchanged
    expect((await readDataVersion(tdb.prisma)).version).toBe(seeded);

    const changed = await productionCsvWith('700.25');
    expect(await importFile(tdb.prisma, changed, { dryRun: true })).toEqual({ inserted: 0, updated: 1, unchanged: expect.any(Number) });
    expect((await readDataVersion(tdb.prisma)).version).toBe(seeded);

    expect(await importFile(tdb.prisma, changed)).toEqual({ inserted: 0, updated: 1, unchanged: expect.any(Number) });
    expect((await readDataVersion(tdb.prisma)).version).toBe(seeded + 1n);
    expect((await watcher.waitFor(seeded + 1n, 30_000)).version).toBe(seeded + 1n);

    // The same file again changes nothing, so the version stays (caches keep their answers).
    await importFile(tdb.prisma, changed);
    expect((await readDataVersion(tdb.prisma)).version).toBe(seeded + 1n);
  });

  test('two databases have different epochs', async () => {
    const other = await createTestDatabase(kind);
    try {
      expect((await readDataVersion(other.prisma)).epoch).not.toBe((await readDataVersion(tdb.prisma)).epoch);
    } finally {
      await other.drop();
    }
  });
});

if (databaseKinds.includes('postgres')) {
  describe('data version on postgres: a lost listening connection', () => {
    test('while it is lost nothing is served from the cache; after reconnecting the version is re-read', async () => {
      const tdb = await createTestDatabase('postgres');
      const dbName = new URL(tdb.url!).pathname.slice(1);
      // Stays connected to the test database while new connections are refused, to write.
      const admin = new Client({ connectionString: tdb.url });
      await admin.connect();
      // ALTER DATABASE ... ALLOW_CONNECTIONS runs from another database of the server.
      const server = new Client({ connectionString: process.env.TEST_DATABASE_URL });
      await server.connect();
      const s = await serveCache(tdb.db);
      try {
        const versions = s.server.dataVersion!;
        const v0 = await versions.ready(30_000);
        const query = { query: '{ sources { name } }' };
        expect((await s.post(query)).headers.get('x-cache')).toBe('MISS');
        expect((await s.post(query)).headers.get('x-cache')).toBe('HIT');

        // Refuse new connections to this database, then cut the listener's.
        await server.query(`ALTER DATABASE "${dbName}" ALLOW_CONNECTIONS false`);
        const lost = new Promise<void>((resolve) => {
          const off = versions.onChange((v) => {
            if (v === undefined) {
              off();
              resolve();
            }
          });
        });
        const { rows } = await server.query(
          `SELECT pg_terminate_backend(pid) AS done FROM pg_stat_activity WHERE datname = $1 AND application_name = 'argentum data-version listener'`,
          [dbName],
        );
        expect(rows).toEqual([{ done: true }]);
        await lost;

        // A write while nobody listens: its notification is lost for good.
        await admin.query('BEGIN');
        await admin.query(`WITH b AS (UPDATE data_version SET version = version + 1 WHERE id = 1 RETURNING version) SELECT pg_notify('argentum_data_version', version::text) FROM b`);
        await admin.query('COMMIT');

        // The version is unknown (reconnecting is refused), so the cached answer is not served.
        expect(versions.current()).toBeUndefined();
        const during = await s.post(query);
        expect(during.headers.get('x-cache')).toBeNull();
        expect(during.body).toMatchObject({ data: { sources: [] } });

        await server.query(`ALTER DATABASE "${dbName}" ALLOW_CONNECTIONS true`);
        const back = await versions.waitFor(v0.version + 1n, 60_000);
        expect(back).toEqual({ epoch: v0.epoch, version: v0.version + 1n, tag: `${v0.epoch}:${v0.version + 1n}` });
        // A new version: a MISS, then a HIT again.
        expect((await s.post(query)).headers.get('x-cache')).toBe('MISS');
        expect((await s.post(query)).headers.get('x-cache')).toBe('HIT');

        // One warning for the outage however many reconnects failed, and one line when it is over.
        const msgs = s.logs.map((l) => String(l.msg));
        expect(msgs.filter((m) => m.startsWith('data version: lost the listening connection'))).toHaveLength(1);
        expect(msgs.filter((m) => m.startsWith('data version: listening again'))).toHaveLength(1);
      } finally {
        await server.query(`ALTER DATABASE "${dbName}" ALLOW_CONNECTIONS true`).catch(() => {});
        await s.stop();
        await admin.end();
        await server.end();
        await tdb.drop();
      }
    });
  });
}
