// Ordering and keyset paging on the top-level connections, on every database kind with the seeded
// real dataset: orderBy on each connection, pages that do not shift when rows are added between two
// requests, backward paging on prices, and cursors refused by another order.
import { databaseKinds, type TestDatabase } from '../helpers/db';
import { createSeededTestDatabase } from '../helpers/seed';
import { ok, runner, type Run } from './graphql';

describe.each(databaseKinds)('ordering and keyset paging (%s)', (kind) => {
  let tdb: TestDatabase;
  let run: Run;

  beforeAll(async () => {
    tdb = await createSeededTestDatabase(kind);
    run = runner(tdb.prisma);
  });
  afterAll(async () => {
    await tdb?.drop();
  });

  const PRICES = `query($first: Int, $after: String, $last: Int, $before: String, $dir: OrderDirection) {
    pricePoints(filter: { metal: SILVER, kind: MONTHLY_AVERAGE, dateFrom: "2020-01-01" }, orderBy: { field: DATE, direction: $dir },
                first: $first, after: $after, last: $last, before: $before) {
      totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor node { date priceUsdPerOz } } } }`;

  test('a page does not shift when a row is added before it between two requests', async () => {
    const all = (await ok(run, PRICES, { first: 100, dir: 'DESC' })).pricePoints.edges.map((e: any) => e.node.date);
    const page1 = (await ok(run, PRICES, { first: 10, dir: 'DESC' })).pricePoints;
    // A newer monthly price arrives: it sorts before page 1 (latest first).
    const source = await tdb.prisma.source.create({ data: { name: 'Paging test' } });
    await tdb.prisma.pricePoint.create({ data: { metal: 'SILVER', kind: 'MONTHLY_AVERAGE', date: new Date('2026-06-01T00:00:00Z'), priceUsdPerOz: 99, sourceId: source.id, isCurrent: true } });
    try {
      const page2 = (await ok(run, PRICES, { first: 10, after: page1.pageInfo.endCursor, dir: 'DESC' })).pricePoints;
      expect(page1.edges.map((e: any) => e.node.date)).toEqual(all.slice(0, 10));
      // With offsets, page 2 would repeat page 1's last date; with keyset cursors it continues after it.
      expect(page2.edges.map((e: any) => e.node.date)).toEqual(all.slice(10, 20));
      expect(page2.pageInfo.hasPreviousPage).toBe(true);
      expect(page2.totalCount).toBe(page1.totalCount + 1);
    } finally {
      await tdb.prisma.pricePoint.deleteMany({ where: { sourceId: source.id } });
      await tdb.prisma.source.delete({ where: { id: source.id } });
    }
  });

  test('backward paging with last/before walks the same rows as forward, page by page', async () => {
    const forward: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page: any = (await ok(run, PRICES, { first: 25, after, dir: 'ASC' })).pricePoints;
      forward.push(...page.edges.map((e: any) => e.node.date));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    const backward: string[] = [];
    let before: string | null = null;
    let pages = 0;
    for (;;) {
      const page: any = (await ok(run, PRICES, { last: 25, before, dir: 'ASC' })).pricePoints;
      // Each page is in the list's order (oldest first), however it was fetched.
      const dates = page.edges.map((e: any) => e.node.date);
      expect([...dates].sort()).toEqual(dates);
      backward.unshift(...dates);
      pages++;
      if (pages === 1) expect(page.pageInfo.hasNextPage).toBe(false);
      if (!page.pageInfo.hasPreviousPage) break;
      before = page.pageInfo.startCursor;
    }
    expect(forward.length).toBeGreaterThan(70); // monthly since 2020
    expect(backward).toEqual(forward);
    expect(pages).toBe(Math.ceil(forward.length / 25));
  });

  test('orderBy on each connection', async () => {
    const data = await ok(
      run,
      `{ byIso: countries(first: 3, orderBy: { field: ISO3, direction: DESC }) { edges { node { iso3 } } }
         byName: countries(first: 2) { edges { node { name } } }
         tonnes: productionYears(first: 3, filter: { metal: SILVER, stage: MINE, yearFrom: 2024, yearTo: 2024 }, orderBy: { field: TONNES, direction: DESC }) { edges { node { tonnes country { iso3 } } } }
         years: productionYears(first: 2, filter: { countryIso3: ["KAZ"], stage: MINE }, orderBy: { field: YEAR, direction: DESC }) { edges { node { year } } }
         value: exportFlows(first: 2, orderBy: { field: VALUE, direction: DESC }) { edges { node { valueUsd partner { iso3 } } } }
         flowTonnes: exportFlows(first: 50, orderBy: { field: TONNES }) { edges { node { tonnes } } } }`,
    );
    const codes = data.byIso.edges.map((e: any) => e.node.iso3);
    expect([...codes].sort().reverse()).toEqual(codes);
    const tonnes = data.tonnes.edges.map((e: any) => e.node.tonnes);
    expect(data.tonnes.edges[0].node.country.iso3).toBe('WLD'); // the world total is the largest row
    expect([...tonnes].sort((a, b) => b - a)).toEqual(tonnes);
    const years = data.years.edges.map((e: any) => e.node.year);
    expect(years[0]).toBeGreaterThan(years[1]);
    const values = data.value.edges.map((e: any) => e.node.valueUsd);
    expect(values[0]).toBeGreaterThanOrEqual(values[1]);
    // Flows without tonnes come last in either direction.
    const ascending = data.flowTonnes.edges.map((e: any) => e.node.tonnes);
    const known = ascending.filter((t: number | null) => t != null);
    expect(ascending.slice(0, known.length)).toEqual([...known].sort((a: number, b: number) => a - b));
  });

  test('a cursor of another order, and first with last, are refused naming the argument', async () => {
    const page = (await ok(run, PRICES, { first: 2, dir: 'ASC' })).pricePoints;
    const res = await run(PRICES, { first: 2, after: page.pageInfo.endCursor, dir: 'DESC' });
    expect(res.errors?.[0].message).toBe(
      'Argument "after" is a cursor of pricePoints in the order DATE_ASC; pass the same order (orderBy) as for the page it came from, here DATE_DESC.',
    );
    expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'after' });
    const both = await run(PRICES, { first: 2, last: 2 });
    expect(both.errors?.[0].message).toMatch(/^Arguments "first" and "last" cannot be used together/);
    const tooMany = await run(PRICES, { last: 500 });
    expect(tooMany.errors?.[0].message).toBe('Argument "last" must be between 1 and 100, got 500.');
  });
});
