// Review fixes, on every database kind, over the seeded dataset plus synthetic rows in this file's
// own database (the article's figures elsewhere stay as they are):
// - pricePoints `order` (DATE_DESC = latest first) over more than 100 prices, paged with cursors;
// - cursors name their connection: another connection's cursor or a malformed one is BAD_USER_INPUT;
// - countries(filter: {search}) takes `%`, `_` and `\` literally (no LIKE wildcards);
// - ranges the wrong way round (yearFrom > yearTo, monthFrom > monthTo, dateFrom > dateTo) are rejected;
// - lowestSince, declineStreak and yoyChange on a longer synthetic series (country TST).
import type { PrismaClient } from '../../src/generated/prisma/client';
import { databaseKinds, type TestDatabase } from '../helpers/db';
import { createSeededTestDatabase } from '../helpers/seed';
import { createRefinedSeries } from '../helpers/series';
import { ok, round, runner, type Run } from './graphql';

/** Synthetic SPOT prices: SILVER and GOLD on 150 days from 2019-01-01, all older than the dataset's (2025-2026). */
const SYNTHETIC_DAYS = 150;
const day = (i: number) => new Date(Date.UTC(2019, 0, 1 + i));
const iso = (d: Date) => d.toISOString().slice(0, 10);
/** The dataset's SPOT dates (data/prices.csv), both metals on each. */
const DATASET_DATES = ['2025-01-01', '2026-01-01', '2026-01-12'];

async function addSyntheticRows(prisma: PrismaClient): Promise<void> {
  const source = await prisma.source.create({ data: { name: 'Synthetic (test)' } });
  await prisma.pricePoint.createMany({
    data: Array.from({ length: SYNTHETIC_DAYS }, (_, i) => [
      { metal: 'SILVER' as const, kind: 'SPOT' as const, date: day(i), priceUsdPerOz: 15 + (i % 7), sourceId: source.id, isCurrent: true },
      { metal: 'GOLD' as const, kind: 'SPOT' as const, date: day(i), priceUsdPerOz: 1300 + i, sourceId: source.id, isCurrent: true },
    ]).flat(),
  });
  // Names with LIKE's special characters.
  await prisma.country.createMany({
    data: [
      { iso3: 'TPC', name: 'Hundred 100% Land' },
      { iso3: 'TUS', name: 'Under_score Land' },
      { iso3: 'TBS', name: 'Back\\slash Land' },
    ],
  });
  // A refined silver series: full years 2018..2023, January-November 2020, 2022, 2023 and 2024,
  // and a January-June 2022 row (a third period, which no other period may be compared with).
  await createRefinedSeries(prisma, { iso3: 'TST', name: 'Testland' }, source.id, [[2022, 6, 300]]);
}

const decode = (cursor: string) => Buffer.from(cursor, 'base64').toString('utf8');

describe.each(databaseKinds)('review fixes (%s)', (kind) => {
  let tdb: TestDatabase;
  let run: Run;

  beforeAll(async () => {
    tdb = await createSeededTestDatabase(kind);
    await addSyntheticRows(tdb.prisma);
    run = runner(tdb.prisma);
  });
  afterAll(async () => {
    await tdb?.drop();
  });

  describe('pricePoints order', () => {
    const allDates = [...Array.from({ length: SYNTHETIC_DAYS }, (_, i) => iso(day(i))), ...DATASET_DATES];
    const PAGE = `query($order: PricePointOrder, $after: String, $first: Int) {
      pricePoints(filter: { kind: SPOT }, order: $order, first: $first, after: $after) {
        totalCount pageInfo { hasNextPage hasPreviousPage endCursor } edges { cursor node { id date metal goldSilverRatio } } } }`;

    test('DATE_DESC: the first page holds the latest prices, SILVER before GOLD on a date', async () => {
      const data = await ok(run, PAGE, { order: 'DATE_DESC', first: 100 });
      const c = data.pricePoints;
      expect(c.totalCount).toBe(2 * allDates.length); // 306: more than one page of 100
      expect(c.edges).toHaveLength(100);
      expect(c.pageInfo.hasNextPage).toBe(true);
      expect(c.edges.slice(0, 4).map((e: any) => `${e.node.date} ${e.node.metal}`)).toEqual([
        '2026-01-12 SILVER',
        '2026-01-12 GOLD',
        '2026-01-01 SILVER',
        '2026-01-01 GOLD',
      ]);
      expect(round(c.edges[0].node.goldSilverRatio)).toBe(53.7);
      const dates = c.edges.map((e: any) => e.node.date);
      expect(dates).toEqual([...dates].sort().reverse());
    });

    test('DATE_ASC is the default and still starts with the oldest', async () => {
      const byDefault = await ok(run, PAGE, { first: 2 });
      const asc = await ok(run, PAGE, { order: 'DATE_ASC', first: 2 });
      expect(byDefault.pricePoints.edges.map((e: any) => `${e.node.date} ${e.node.metal}`)).toEqual(['2019-01-01 SILVER', '2019-01-01 GOLD']);
      expect(asc.pricePoints.edges).toEqual(byDefault.pricePoints.edges);
    });

    test.each(['DATE_DESC', 'DATE_ASC'])('%s: cursors walk every price exactly once, in a stable order', async (order) => {
      const seen: string[] = [];
      const ids = new Set<string>();
      let after: string | null = null;
      let pages = 0;
      for (;;) {
        const data: any = await ok(run, PAGE, { order, first: 100, after });
        const c = data.pricePoints;
        expect(c.pageInfo.hasPreviousPage).toBe(pages > 0);
        for (const e of c.edges) {
          seen.push(`${e.node.date} ${e.node.metal}`);
          ids.add(e.node.id);
        }
        pages++;
        if (!c.pageInfo.hasNextPage) break;
        after = c.pageInfo.endCursor;
        if (pages > 10) throw new Error('too many pages');
      }
      expect(pages).toBe(4); // 306 prices, 100 a page
      expect(ids.size).toBe(306);
      const dates = order === 'DATE_DESC' ? [...allDates].reverse() : allDates;
      expect(seen).toEqual(dates.flatMap((d) => [`${d} SILVER`, `${d} GOLD`]));
    });

    test('with a date window and DATE_DESC, the latest of the window come first', async () => {
      const data = await ok(
        run,
        `{ pricePoints(filter: { metal: SILVER, kind: SPOT, dateTo: "2025-12-31" }, order: DATE_DESC, first: 2) { totalCount edges { node { date } } } }`,
      );
      expect(data.pricePoints.totalCount).toBe(SYNTHETIC_DAYS + 1);
      expect(data.pricePoints.edges.map((e: any) => e.node.date)).toEqual(['2025-01-01', iso(day(SYNTHETIC_DAYS - 1))]);
    });
  });

  describe('cursors name their connection', () => {
    const MALFORMED = (shown: string) =>
      `Argument "after" must be a cursor returned by this connection (an edge's cursor or pageInfo.endCursor), got ${shown}.`;

    test('a cursor encodes the connection, the order, its list\'s fingerprint and its row\'s sort-key values', async () => {
      const data = await ok(
        run,
        `{ pricePoints(filter: {}, first: 2) { edges { cursor } } countries(first: 1) { edges { cursor } }
           productionYears(first: 1) { edges { cursor } } exportFlows(first: 1) { edges { cursor } } }`,
      );
      for (const e of data.pricePoints.edges) expect(decode(e.cursor)).toMatch(/^PricePoint:DATE_ASC:[0-9a-f]{10}:\["\d{4}-\d\d-\d\d","[A-Z]+","[A-Z_]+","\d+"\]$/);
      expect(decode(data.countries.edges[0].cursor)).toMatch(/^Country:NAME_ASC:[0-9a-f]{10}:\["[^"]+","\d+"\]$/);
      expect(decode(data.productionYears.edges[0].cursor)).toMatch(/^ProductionYear:COUNTRY:[0-9a-f]{10}:\["[A-Z]{3}","[A-Z]+","[A-Z_]+","\d{4}","\d+","\d+","\d+"\]$/);
      expect(decode(data.exportFlows.edges[0].cursor)).toMatch(/^ExportFlow:REPORTER:[0-9a-f]{10}:\["[A-Z]{3}","[A-Z]+","\d{4}","\d+","\d+","[^"]+","\d+"\]$/);
    });

    test('a cursor of another connection is BAD_USER_INPUT naming `after`, the connection and the value', async () => {
      const countries = await ok(run, `{ countries(first: 3) { pageInfo { endCursor } } }`);
      const cursor = countries.countries.pageInfo.endCursor;
      const res = await run(`query($a: String) { pricePoints(filter: {}, after: $a) { totalCount } }`, { a: cursor });
      expect(res.errors).toHaveLength(1);
      expect(res.errors![0].message).toBe(
        `Argument "after" must be a cursor returned by pricePoints (an edge's cursor or pageInfo.endCursor), got a cursor of countries: "${cursor}".`,
      );
      expect(res.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'after' });
      // ...and the other way round.
      const prices = await ok(run, `{ pricePoints(filter: {}, first: 1) { pageInfo { endCursor } } }`);
      const back = await run(`query($a: String) { productionYears(after: $a) { totalCount } }`, { a: prices.pricePoints.pageInfo.endCursor });
      expect(back.errors![0].message).toMatch(/^Argument "after" must be a cursor returned by productionYears .*got a cursor of pricePoints: /);
      expect(back.errors![0].extensions?.code).toBe('BAD_USER_INPUT');
    });

    test.each([
      ['the old bare offset', 'cursor:5'],
      ['an offset cursor of the former format', 'PricePoint:offset:5'],
      ['values that are not text', 'PricePoint:DATE_ASC:[1,2,3,4]'],
      ['values that are not JSON', 'PricePoint:DATE_ASC:[2026-01-01]'],
      ['an unknown connection', 'Source:offset:5'],
      ['a negative offset', 'PricePoint:offset:-1'],
      ['no offset', 'PricePoint:offset:'],
      ['a leading zero', 'PricePoint:offset:01'],
      ['an inherited property name', 'toString:offset:1'],
    ])('a malformed cursor (%s) is BAD_USER_INPUT naming `after`', async (_name, text) => {
      const cursor = Buffer.from(text, 'utf8').toString('base64');
      const res = await run(`query($a: String) { pricePoints(filter: {}, after: $a) { totalCount } }`, { a: cursor });
      expect(res.errors).toHaveLength(1);
      expect(res.errors![0].message).toBe(MALFORMED(JSON.stringify(cursor)));
      expect(res.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'after' });
    });
  });

  describe('countries search is literal text', () => {
    const q = `query($s: String) { countries(filter: { search: $s }, first: 100) { edges { node { iso3 } } } }`;
    const search = async (s: string) => (await ok(run, q, { s })).countries.edges.map((e: any) => e.node.iso3);

    test.each([
      ['%', ['TPC']],
      ['_', ['TUS']],
      ['\\', ['TBS']],
      ['0% l', ['TPC']],
      ['UNDER_S', ['TUS']],
      ['k\\s', ['TBS']],
      ['%land', []],
      ['a_d', []],
    ])('search %j', async (s, expected) => {
      expect(await search(s)).toEqual(expected);
    });

    test('plain searches still match case-insensitively', async () => {
      expect(await search('united')).toEqual(['GBR', 'USA']);
      expect(await search(' LAND')).toEqual(['TBS', 'TPC', 'TUS']);
    });
  });

  describe('ranges the wrong way round are BAD_USER_INPUT naming both arguments and values', () => {
    test.each([
      ['productionYears years', `{ productionYears(filter: { yearFrom: 2025, yearTo: 2020 }) { totalCount } }`, 'filter.yearFrom', 'Argument "filter.yearFrom" (2025) must not be after "filter.yearTo" (2020).'],
      ['productionYears months', `{ productionYears(filter: { monthFrom: 11, monthTo: 1 }) { totalCount } }`, 'filter.monthFrom', 'Argument "filter.monthFrom" (11) must not be after "filter.monthTo" (1).'],
      ['exportFlows years', `{ exportFlows(filter: { yearFrom: 2025, yearTo: 2024 }) { totalCount } }`, 'filter.yearFrom', 'Argument "filter.yearFrom" (2025) must not be after "filter.yearTo" (2024).'],
      ['exportFlows months', `{ exportFlows(filter: { monthFrom: 10, monthTo: 3 }) { totalCount } }`, 'filter.monthFrom', 'Argument "filter.monthFrom" (10) must not be after "filter.monthTo" (3).'],
      ['Country.production years', `{ country(iso3: "KAZ") { production(yearFrom: 2025, yearTo: 2020) { year } } }`, 'yearFrom', 'Argument "yearFrom" (2025) must not be after "yearTo" (2020).'],
      ['pricePoints dates', `{ pricePoints(filter: { dateFrom: "2026-01-12", dateTo: "2025-01-01" }) { totalCount } }`, 'filter.dateFrom', 'Argument "filter.dateFrom" ("2026-01-12") must not be after "filter.dateTo" ("2025-01-01").'],
    ])('%s', async (_name, query, argument, message) => {
      const res = await run(query);
      expect(res.errors).toHaveLength(1);
      expect(res.errors![0].message).toBe(message);
      expect(res.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument });
    });

    test('through variables', async () => {
      const res = await run(`query($f: ProductionYearFilter) { productionYears(filter: $f) { totalCount } }`, { f: { yearFrom: 2024, yearTo: 2023 } });
      expect(res.errors![0].message).toBe('Argument "filter.yearFrom" (2024) must not be after "filter.yearTo" (2023).');
      const dates = await run(`query($f: PricePointFilter!) { pricePoints(filter: $f) { totalCount } }`, { f: { dateFrom: '2025-01-02', dateTo: '2025-01-01' } });
      expect(dates.errors![0].message).toBe('Argument "filter.dateFrom" ("2025-01-02") must not be after "filter.dateTo" ("2025-01-01").');
    });

    test('equal bounds and one-sided ranges pass', async () => {
      const data = await ok(
        run,
        `{ a: productionYears(filter: { yearFrom: 2024, yearTo: 2024, monthFrom: 1, monthTo: 1 }) { totalCount }
           b: pricePoints(filter: { dateFrom: "2026-01-12", dateTo: "2026-01-12" }) { totalCount }
           c: exportFlows(filter: { yearFrom: 2100 }) { totalCount }
           country(iso3: "KAZ") { production(yearFrom: 2024, yearTo: 2024, stage: REFINED) { year } } }`,
      );
      expect(data.a.totalCount).toBe(0);
      expect(data.b.totalCount).toBe(2);
      expect(data.c.totalCount).toBe(0);
      expect(data.country.production.map((p: any) => p.year)).toEqual([2024, 2024]);
    });
  });

  describe('lowestSince, declineStreak and yoyChange on a longer series (TST)', () => {
    let rows: any[];
    const find = (year: number, monthTo: number) => rows.find((r) => r.year === year && r.monthTo === monthTo);

    beforeAll(async () => {
      const data = await ok(
        run,
        `{ country(iso3: "TST") { declineStreak mine: declineStreak(stage: MINE)
             production(stage: REFINED) { year monthFrom monthTo isFullYear tonnes lowestSince yoyChange { previous absolute percent } } } }`,
      );
      rows = data.country.production;
      rows.forEach((r) => (r.declineStreak = data.country.declineStreak));
      expect(data.country.mine).toBeNull(); // no mine data at all
    });

    test('lowestSince of a full year: the latest earlier full year at or below it', () => {
      expect(find(2023, 12).lowestSince).toBe(2019); // 700: 2022 800, 2021 850, 2020 900 are higher; 2019 600 (not 2018 500, which is earlier)
      expect(find(2022, 12).lowestSince).toBe(2019); // 800
      expect(find(2021, 12).lowestSince).toBe(2019); // 850
      expect(find(2020, 12).lowestSince).toBe(2019); // 900: 2019 is the latest earlier year at or below
      expect(find(2019, 12).lowestSince).toBe(2018); // 600 vs 500
      expect(find(2018, 12).lowestSince).toBeNull(); // no earlier year
    });

    test('lowestSince of a partial period compares only rows with the same months', () => {
      // Jan-Nov 2023 = 650: Jan-Nov 2022 (760) is higher, Jan-Nov 2020 (640) is not. Neither the
      // full year 2019 (600) nor January-June 2022 (300) counts.
      expect(find(2023, 11).lowestSince).toBe(2020);
      expect(find(2022, 11).lowestSince).toBe(2020);
      expect(find(2024, 11).lowestSince).toBeNull(); // 600: below every earlier Jan-Nov row
      expect(find(2022, 6).lowestSince).toBeNull(); // the only Jan-Jun row
    });

    test('declineStreak counts full years only: 2021, 2022 and 2023 each fell', () => {
      // 900 -> 850 -> 800 -> 700 after 600 in 2019; Jan-Nov 2024 (600, below 2023) neither extends
      // the streak nor, as the latest year, breaks it; Jan-Jun 2022 (300) does not break it either.
      expect(rows[0].declineStreak).toBe(3);
    });

    test('yoyChange of a January-November row compares with January-November a year earlier, never the full year', () => {
      const janNov2023 = find(2023, 11);
      expect(janNov2023.yoyChange.previous).toBe(760); // not the full year 2022 (800)
      expect(janNov2023.yoyChange.absolute).toBe(-110);
      expect(round(janNov2023.yoyChange.percent, 2)).toBe(-14.47);
      expect(find(2024, 11).yoyChange.previous).toBe(650); // not the full year 2023 (700)
      expect(find(2022, 11).yoyChange).toBeNull(); // no Jan-Nov 2021, though the full year 2021 exists
      expect(find(2022, 6).yoyChange).toBeNull();
      expect(find(2023, 12).yoyChange).toEqual({ previous: 800, absolute: -100, percent: -12.5 });
    });

    test('the same through productionYears', async () => {
      const data = await ok(
        run,
        `{ productionYears(filter: { countryIso3: ["tst"], monthTo: 11, yearFrom: 2023 }) { edges { node { year lowestSince yoyChange { previous } } } } }`,
      );
      expect(data.productionYears.edges.map((e: any) => e.node)).toEqual([
        { year: 2023, lowestSince: 2020, yoyChange: { previous: 760 } },
        { year: 2024, lowestSince: null, yoyChange: { previous: 650 } },
      ]);
    });
  });
});
