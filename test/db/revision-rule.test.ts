// One revision rule (docs/domain.md "Editions, revisions and as of"): the pure functions of
// src/domain (`compareRevisions`, `currentRevision`, `revisionsAsOf`) are the reference, and the SQL
// that ships must agree with them. One table of cases runs through both, on every database kind:
// the revisions are written by the real importer (so `is_current` is chosen by src/import/write.ts),
// current values and values as of each date are read through GraphQL (src/modules/common/sql.ts
// `revisionsFrom`), and both are compared with the domain functions on the same revisions and with
// the answer worked out by hand. Prices and production are both checked, on a fresh database that
// holds nothing but these cases.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { currentRevision, parseCalendarDate, revisionsAsOf } from '../../src/domain';
import { importFiles, type ImportKind } from '../../src/import';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../helpers/db';
import { ok, runner, type Run } from '../api/graphql';

// Sources: two share a publication date; one has none (the start of time).
const MAR = 'Rule test March'; // 2093-03-10
const JUN_A = 'Rule test June A'; // 2093-06-15
const JUN_B = 'Rule test June B'; // 2093-06-15
const SEP = 'Rule test September'; // 2093-09-01
const UNDATED = 'Rule test undated'; // no publication date
const SOURCES: [string, string | null][] = [
  [MAR, '2093-03-10'],
  [JUN_A, '2093-06-15'],
  [JUN_B, '2093-06-15'],
  [SEP, '2093-09-01'],
  [UNDATED, null],
];

/** The dates every case is read as of; null = now (the current value, `is_current`). */
const AS_OF = ['2093-01-01', '2093-03-09', '2093-03-10', '2093-06-14', '2093-06-15', '2093-08-31', '2093-09-01', null] as const;

interface CaseRevision {
  source: string;
  value: number;
  isEstimate: boolean;
}
interface RuleCase {
  name: string;
  /** In storage order: the first is written by an import before the second (so it has the lower id). */
  revisions: CaseRevision[];
  /** Worked by hand: the value read as of each date of AS_OF (null = no revision existed yet). */
  expected: (number | null)[];
}

const rev = (source: string, value: number, isEstimate = false): CaseRevision => ({ source, value, isEstimate });

//                                                              AS_OF: 01-01  03-09  03-10  06-14  06-15  08-31  09-01  now
const CASES: RuleCase[] = [
  {
    // A revision counts as of its publication date, not the day before.
    name: 'as of a publication date the revision counts; one day before it does not',
    revisions: [rev(MAR, 10), rev(JUN_A, 20)],
    expected: [null, null, 10, 10, 20, 20, 20, 20],
  },
  {
    name: 'two sources with the same publication date: the later stored wins (June B stored last)',
    revisions: [rev(JUN_A, 30), rev(JUN_B, 31)],
    expected: [null, null, null, null, 31, 31, 31, 31],
  },
  {
    name: 'two sources with the same publication date: the later stored wins (June A stored last)',
    revisions: [rev(JUN_B, 40), rev(JUN_A, 41)],
    expected: [null, null, null, null, 41, 41, 41, 41],
  },
  {
    name: 'a non-estimate wins over a later-published estimate',
    revisions: [rev(MAR, 50), rev(SEP, 51, true)],
    expected: [null, null, 50, 50, 50, 50, 50, 50],
  },
  {
    name: 'an estimate until a non-estimate is published',
    revisions: [rev(MAR, 60, true), rev(SEP, 61)],
    expected: [null, null, 60, 60, 60, 60, 61, 61],
  },
  {
    // Undated exists at every date but counts as published at the start of time: the dated one
    // wins once it exists, although the undated one was stored later (higher id).
    name: 'an undated source exists at every date and loses to a dated one (both non-estimates)',
    revisions: [rev(MAR, 70), rev(UNDATED, 71)],
    expected: [71, 71, 70, 70, 70, 70, 70, 70],
  },
  {
    name: 'an undated source loses to a dated one (both estimates)',
    revisions: [rev(UNDATED, 80, true), rev(JUN_A, 81, true)],
    expected: [80, 80, 80, 80, 81, 81, 81, 81],
  },
  {
    name: 'an undated non-estimate wins over a dated estimate',
    revisions: [rev(UNDATED, 90), rev(SEP, 91, true)],
    expected: [90, 90, 90, 90, 90, 90, 90, 90],
  },
  {
    name: 'a value only as an estimate',
    revisions: [rev(JUN_A, 100, true)],
    expected: [null, null, null, null, 100, 100, 100, 100],
  },
];

// Each case is one observation: a silver spot price on 2092-01-<n> and XRA's silver mine output in
// year 2080 + n (n = the case's position + 1). The observations' own dates play no part in "as of".
const priceDate = (i: number) => `2092-01-${String(i + 1).padStart(2, '0')}`;
const productionYear = (i: number) => 2080 + i + 1;

interface StoredRevision {
  id: number;
  isEstimate: boolean;
  publishedOn: Date | null;
  value: number;
  source: string;
}

/** What one read gives for an observation: the value and the flags and source it came with. */
interface ReadValue {
  value: number;
  isEstimate: boolean;
  isCurrent: boolean;
  source: string;
}

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'argentum-revision-rule-'));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

async function csvFile(name: string, lines: string[]): Promise<string> {
  const file = path.join(tmp, name);
  await writeFile(file, `${lines.join('\n')}\n`);
  return file;
}

test('the case table is well formed', () => {
  expect(CASES).toHaveLength(9);
  for (const c of CASES) {
    expect(c.expected).toHaveLength(AS_OF.length);
    expect(c.revisions.length).toBeGreaterThanOrEqual(1);
    for (const v of c.expected) if (v !== null) expect(c.revisions.map((r) => r.value)).toContain(v);
  }
});

describe.each(databaseKinds)('the revision rule: domain functions and shipped SQL agree (%s)', (kind) => {
  let tdb: TestDatabase;
  let run: Run;

  beforeAll(async () => {
    tdb = await createTestDatabase(kind);
    run = runner(tdb.prisma);
    const sources = await csvFile(`${kind}-sources.csv`, [
      'name,publisher,url,published_on,note,licence',
      ...SOURCES.map(([name, on]) => `${name},Rule test,,${on ?? ''},,`),
    ]);
    const countries = await csvFile(`${kind}-countries.csv`, ['iso3,iso2,name,is_aggregate', 'XRA,,Rule test aggregate,true']);
    await importFiles(tdb.prisma, [
      { file: sources, kind: 'sources' as ImportKind },
      { file: countries, kind: 'countries' as ImportKind },
    ]);
    // One import per storage round: every case's first revision, then every case's second, so
    // that within an observation the storage order (id order) is the order of the case table.
    const rounds = Math.max(...CASES.map((c) => c.revisions.length));
    for (let round = 0; round < rounds; round++) {
      const prices = ['metal,kind,date,price_usd_per_oz,is_estimate,is_derived,source'];
      const production = ['country_iso3,metal,stage,year,month_from,month_to,tonnes,is_estimate,is_derived,source'];
      CASES.forEach((c, i) => {
        const r = c.revisions[round];
        if (!r) return;
        prices.push(`SILVER,SPOT,${priceDate(i)},${r.value},${r.isEstimate},false,${r.source}`);
        production.push(`XRA,SILVER,MINE,${productionYear(i)},1,12,${r.value},${r.isEstimate},false,${r.source}`);
      });
      await importFiles(tdb.prisma, [
        { file: await csvFile(`${kind}-prices-${round}.csv`, prices), kind: 'prices' },
        { file: await csvFile(`${kind}-production-${round}.csv`, production), kind: 'production' },
      ]);
    }
  });
  afterAll(async () => {
    await tdb?.drop();
  });

  /** The stored revisions of every case, from the database (ids as the writer assigned them). */
  async function storedRevisions(table: 'prices' | 'production'): Promise<StoredRevision[][]> {
    const rows =
      table === 'prices'
        ? (await tdb.prisma.pricePoint.findMany({ where: { metal: 'SILVER', kind: 'SPOT' }, include: { source: true } })).map((r) => ({
            key: r.date.toISOString().slice(0, 10),
            id: r.id,
            isEstimate: r.isEstimate,
            publishedOn: r.source.publishedOn,
            value: r.priceUsdPerOz.toNumber(),
            source: r.source.name,
          }))
        : (await tdb.prisma.productionYear.findMany({ where: { country: { iso3: 'XRA' } }, include: { source: true } })).map((r) => ({
            key: String(r.year),
            id: r.id,
            isEstimate: r.isEstimate,
            publishedOn: r.source.publishedOn,
            value: r.tonnes.toNumber(),
            source: r.source.name,
          }));
    return CASES.map((_, i) => {
      const key = table === 'prices' ? priceDate(i) : String(productionYear(i));
      return rows.filter((r) => r.key === key).sort((a, b) => a.id - b.id);
    });
  }

  /** The values GraphQL reads as of `asOf` (null = now), per case (undefined = none). */
  async function readThroughApi(table: 'prices' | 'production', asOf: string | null): Promise<(ReadValue | undefined)[]> {
    if (table === 'prices') {
      const data = await ok(
        run,
        `query($asOf: Date) { pricePoints(first: 100, filter: { metal: SILVER, kind: SPOT, dateFrom: "2092-01-01", dateTo: "2092-12-31", asOf: $asOf }) {
          totalCount edges { node { date priceUsdPerOz isEstimate isCurrent source { name } } } } }`,
        { asOf },
      );
      const nodes = data.pricePoints.edges.map((e: any) => e.node);
      expect(data.pricePoints.totalCount).toBe(nodes.length);
      return CASES.map((_, i) => {
        const found = nodes.filter((n: any) => n.date === priceDate(i));
        expect(found.length).toBeLessThanOrEqual(1);
        return found[0] && { value: found[0].priceUsdPerOz, isEstimate: found[0].isEstimate, isCurrent: found[0].isCurrent, source: found[0].source.name };
      });
    }
    const data = await ok(
      run,
      `query($asOf: Date) { productionYears(first: 100, filter: { countryIso3: ["XRA"], asOf: $asOf }) {
        totalCount edges { node { year tonnes isEstimate isCurrent source { name } } } } }`,
      { asOf },
    );
    const nodes = data.productionYears.edges.map((e: any) => e.node);
    expect(data.productionYears.totalCount).toBe(nodes.length);
    return CASES.map((_, i) => {
      const found = nodes.filter((n: any) => n.year === productionYear(i));
      expect(found.length).toBeLessThanOrEqual(1);
      return found[0] && { value: found[0].tonnes, isEstimate: found[0].isEstimate, isCurrent: found[0].isCurrent, source: found[0].source.name };
    });
  }

  describe.each(['prices', 'production'] as const)('%s', (table) => {
    let stored: StoredRevision[][];
    beforeAll(async () => {
      stored = await storedRevisions(table);
    });

    test('every revision is stored once, in the order of the case table (ids increase), with its source', () => {
      expect(stored.map((revs) => revs.map((r) => [r.source, r.value, r.isEstimate]))).toEqual(
        CASES.map((c) => c.revisions.map((r) => [r.source, r.value, r.isEstimate])),
      );
      expect(stored.map((revs) => revs.map((r) => r.publishedOn?.toISOString().slice(0, 10) ?? null))).toEqual(
        CASES.map((c) => c.revisions.map((r) => SOURCES.find(([name]) => name === r.source)![1])),
      );
    });

    test('the domain functions give the hand-worked answer for every case and date', () => {
      const domain = CASES.map((_, i) =>
        AS_OF.map((asOf) => {
          const existing = asOf === null ? stored[i] : revisionsAsOf(stored[i], parseCalendarDate(asOf));
          return currentRevision(existing)?.value ?? null;
        }),
      );
      expect(domain).toEqual(CASES.map((c) => c.expected));
    });

    test.each(AS_OF.map((asOf, column) => [asOf ?? 'now', column] as const))(
      'as of %s: the SQL that ships (read through GraphQL) agrees with the domain functions and the hand-worked answer',
      async (_label, column) => {
        const asOf = AS_OF[column];
        const read = await readThroughApi(table, asOf);
        CASES.forEach((c, i) => {
          const domain = currentRevision(asOf === null ? stored[i] : revisionsAsOf(stored[i], parseCalendarDate(asOf)));
          const today = currentRevision(stored[i])!;
          const got = read[i];
          const label = `${c.name}, as of ${asOf ?? 'now'}`;
          // The hand-worked answer, then the domain's, then the SQL's: all three the same.
          expect({ label, value: domain?.value ?? null }).toEqual({ label, value: c.expected[column] });
          expect({ label, read: got ?? null }).toEqual({
            label,
            read: domain ? { value: domain.value, isEstimate: domain.isEstimate, isCurrent: domain.id === today.id, source: domain.source } : null,
          });
        });
      },
    );

    test('is_current as the writer stored it marks exactly the revision the domain picks today', async () => {
      const flags =
        table === 'prices'
          ? await tdb.prisma.pricePoint.findMany({ where: { metal: 'SILVER', kind: 'SPOT' }, select: { id: true, isCurrent: true } })
          : await tdb.prisma.productionYear.findMany({ where: { country: { iso3: 'XRA' } }, select: { id: true, isCurrent: true } });
      const currentIds = new Set(flags.filter((f) => f.isCurrent).map((f) => f.id));
      expect(currentIds.size).toBe(CASES.length);
      expect([...currentIds].sort((a, b) => a - b)).toEqual(stored.map((revs) => currentRevision(revs)!.id).sort((a, b) => a - b));
    });
  });
});
