// writtenAt follows commit order (issue #21): a revision's written_at is the time its writer holds
// the figure lock, not its transaction's start, so of two writers the one that commits later has the
// later time even when its transaction began first. On PostgreSQL the writers really overlap (one
// waits for the lock the other holds); PGlite runs one transaction at a time, where the rule holds trivially.
import { createApiKey } from '../../src/auth/keys';
import type { PrismaClient } from '../../src/generated/prisma/client';
import { writeRecord } from '../../src/import';
import { validateRecord, type ValidatedFile } from '../../src/import/validate';
import { loadKnownRefs, lockFigureWrites, writeFile, type Db } from '../../src/import/write';
import { databaseKinds, type TestDatabase } from '../helpers/db';
import { createSeededTestDatabase } from '../helpers/seed';

const SOURCE = 'EnergyProm';

const priceCells = (date: string, price: string) => ({ metal: 'SILVER', kind: 'SPOT', date, price_usd_per_oz: price, is_estimate: 'false', source: SOURCE });

/** What writeRecord does in its transaction, as one writer of the importer: the lock, then the write. */
async function writePrice(tx: Db, date: string, price: string): Promise<void> {
  const at = await lockFigureWrites(tx);
  const { row, problems } = validateRecord('prices', priceCells(date, price), await loadKnownRefs(tx), 'test');
  if (!row) throw new Error(problems.map((p) => p.message).join('; '));
  await writeFile(tx, { kind: 'prices', file: 'test', rows: [row] } as ValidatedFile, false, () => {}, { by: null, at });
}

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

/** Resolves once a session waits for an advisory lock (PostgreSQL's pg_locks). */
async function someoneWaitsForTheLock(prisma: PrismaClient): Promise<void> {
  for (const deadline = Date.now() + 10_000; Date.now() < deadline; ) {
    const [{ n }] = await prisma.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted`;
    if (n > 0) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error('no session waited for the figure lock within 10 s');
}

describe.each(databaseKinds)('writtenAt follows commit order (%s)', (kind) => {
  let tdb: TestDatabase;
  let keyId: number;
  beforeAll(async () => {
    tdb = await createSeededTestDatabase(kind);
    keyId = (await createApiKey(tdb.prisma, { name: 'ed', role: 'editor' })).principal.keyId;
  });
  afterAll(async () => {
    await tdb?.drop();
  });

  /** The revisions written on these three dates, by id (the order they were inserted under the lock), with their rank by writtenAt. */
  async function revisions(dates: [string, string, string]) {
    return tdb.prisma.$queryRaw<{ date: string; id: number; writtenAt: string; timeRank: number }[]>`
      SELECT p.date::text AS date, p.id, p.written_at::text AS "writtenAt",
        rank() OVER (ORDER BY p.written_at)::int AS "timeRank"
      FROM price_points p JOIN sources s ON s.id = p.source_id
      WHERE s.name = ${SOURCE} AND p.metal = 'SILVER' AND p.kind = 'SPOT' AND p.date::text IN (${dates[0]}, ${dates[1]}, ${dates[2]})
      ORDER BY p.id`;
  }

  test('a writer whose transaction began first but committed second has the later writtenAt', async () => {
    const prisma = tdb.prisma;
    const aBegun = deferred();
    const aGo = deferred();
    const bLocked = deferred();
    const bGo = deferred();
    let aStart = '';

    // A: begins (its now() is fixed), then waits before asking for the lock.
    const a = prisma.$transaction(async (tx) => {
      [{ start: aStart }] = await tx.$queryRaw<{ start: string }[]>`SELECT now()::text AS start`;
      aBegun.resolve();
      await aGo.promise;
      await writePrice(tx, '2026-02-02', '90');
    }, { timeout: 30_000 });
    await aBegun.promise;
    // B: begins after A, takes the lock, writes, and holds the lock until told to commit.
    const b = prisma.$transaction(async (tx) => {
      await writePrice(tx, '2026-02-03', '91');
      bLocked.resolve();
      await bGo.promise;
    }, { timeout: 30_000 });
    if (kind === 'postgres') {
      // A asks for the lock while B holds it, and waits; B then commits, and A writes after it.
      await bLocked.promise;
      aGo.resolve();
      await someoneWaitsForTheLock(prisma);
      bGo.resolve();
    } else {
      // PGlite: B's transaction waits for A's to end, so A writes and commits first.
      aGo.resolve();
      bGo.resolve();
    }
    await Promise.all([a, b]);
    // C: a write through the API's path afterwards.
    await writeRecord(prisma, 'prices', priceCells('2026-02-04', '92'), { writtenBy: keyId, label: 'input' });

    const rows = await revisions(['2026-02-02', '2026-02-03', '2026-02-04']);
    expect(rows).toHaveLength(3);
    // Inserted under the lock, ids follow the order the writers held it (= commit order).
    expect(rows.map((r) => r.date)).toEqual(kind === 'postgres' ? ['2026-02-03', '2026-02-02', '2026-02-04'] : ['2026-02-02', '2026-02-03', '2026-02-04']);
    // writtenAt ranks the revisions exactly as the ids do, without ties.
    expect(rows.map((r) => r.timeRank)).toEqual([1, 2, 3]);
    if (kind === 'postgres') {
      // A began before B wrote: its transaction's start would have ordered it first.
      const [{ before }] = await prisma.$queryRaw<{ before: boolean }[]>`SELECT ${aStart}::timestamptz < ${rows[0].writtenAt}::timestamptz AS before`;
      expect(before).toBe(true);
    }
  });

  test('an update of a revision moves its writtenAt to the time of the later writer', async () => {
    const [before] = await revisions(['2026-02-03', '2026-02-03', '2026-02-03']);
    const { id } = await writeRecord(tdb.prisma, 'prices', priceCells('2026-02-03', '91.5'), { writtenBy: keyId, label: 'input' });
    expect(id).toBe(before.id);
    const rows = await revisions(['2026-02-02', '2026-02-03', '2026-02-04']);
    expect(rows.find((r) => r.timeRank === 3)?.date).toBe('2026-02-03');
  });
});
