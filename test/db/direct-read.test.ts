// Direct reads (the API client's SELECTs through the driver adapter) return what $queryRaw returns,
// value for value and type for type, on both databases; they are heard as query events; and
// clients without a direct reader (another client, a transaction) have none.
import { Prisma } from '../../src/generated/prisma/client';
import { directReaderOf } from '../../src/db/direct-read';
import type { QueryEvent } from '../../src/db';
import { queryRows, sql } from '../../src/modules/common/sql';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../helpers/db';

const typeOf = (v: unknown) => (v === null ? 'null' : v instanceof Prisma.Decimal ? 'Decimal' : Object.prototype.toString.call(v).slice(8, -1));

describe.each(databaseKinds)('direct reads (%s)', (kind) => {
  let t: TestDatabase;
  const events: QueryEvent[] = [];
  beforeAll(async () => {
    t = await createTestDatabase(kind, { migrate: false, onQuery: (e) => events.push(e) });
  });
  afterAll(() => t?.drop());

  const select = sql`SELECT 1::int AS i, 9007199254740993::int8 AS big, 12.50::numeric AS dec, 1.5::float8 AS f, true AS b,
      'x'::text AS s, DATE '2025-03-04' AS d, TIMESTAMP '2025-03-04 05:06:07.123' AS ts, TIMESTAMPTZ '2025-03-04 05:06:07+02' AS tstz,
      '{"a":[1,2]}'::jsonb AS j, ARRAY[1,2]::int[] AS ints, ARRAY['a','b']::text[] AS texts, NULL::int AS nothing,
      ${'2025-01-02'}::date AS pd, ${[3, 4]}::int[] AS pints, ${new Date(Date.UTC(2025, 0, 2, 3, 4, 5))}::timestamp AS pts`;

  test('the same values and types as $queryRaw', async () => {
    const direct = directReaderOf(t.prisma);
    expect(direct).toBeDefined();
    const [fast] = await direct!(select.text, select.values);
    const [slow] = await t.prisma.$queryRaw<Record<string, unknown>[]>(select);
    expect(Object.keys(fast)).toEqual(Object.keys(slow));
    for (const key of Object.keys(slow)) {
      expect([key, typeOf(fast[key])]).toEqual([key, typeOf(slow[key])]);
      expect([key, String(fast[key])]).toEqual([key, String(slow[key])]);
    }
    expect(fast).toEqual(slow);
    expect(fast.big).toBe(9007199254740993n);
    expect((fast.ts as Date).toISOString()).toBe('2025-03-04T05:06:07.123Z');
    expect((fast.tstz as Date).toISOString()).toBe('2025-03-04T03:06:07.000Z');
    expect((fast.pts as Date).toISOString()).toBe('2025-01-02T03:04:05.000Z');
  });

  test('queryRows reads directly, and each statement is a query event', async () => {
    events.length = 0;
    const rows = await queryRows<{ n: number }>(t.prisma, sql`SELECT generate_series(1, ${3}::int) AS n`);
    expect(rows).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
    expect(events.map((e) => e.query)).toEqual(['SELECT generate_series(1, $1::int) AS n']);
  });

  test('a column type it cannot convert is named', async () => {
    const direct = directReaderOf(t.prisma)!;
    await expect(direct('SELECT TIME \'01:02:03\' AS at', [])).rejects.toThrow('column "at" has a type this reader does not convert');
  });

  test('inside a transaction, reads go through the transaction client', async () => {
    await t.prisma.$transaction(async (tx) => {
      expect(directReaderOf(tx)).toBeUndefined();
      await tx.$executeRawUnsafe('CREATE TEMP TABLE seen_in_tx (n int) ON COMMIT DROP');
      await tx.$executeRawUnsafe('INSERT INTO seen_in_tx VALUES (7)');
      expect(await queryRows(tx as never, sql`SELECT n FROM seen_in_tx`)).toEqual([{ n: 7 }]);
    });
  });
});
