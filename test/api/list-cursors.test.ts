// Cursors belong to their list (issue #20): a cursor carries a fingerprint of the filter, order and
// asOf of the list it came from, and is refused, naming the argument, by a list with another one;
// the page size may change between pages. Expected dates are worked from data/prices.csv (World Bank
// Pink Sheet monthly averages, one a month from 1960-01-01).
import { databaseKinds, type TestDatabase } from '../helpers/db';
import { createSeededTestDatabase } from '../helpers/seed';
import { ok, runner, type Run } from './graphql';

const OTHER_LIST =
  /^Argument "(after|before)" is a cursor of (pricePoints|productionYears|countries) with a different filter or order \(or asOf\); accepted: a cursor from a page of the same list with the same filter, order and asOf/;

describe.each(databaseKinds)('cursors belong to their list (%s)', (kind) => {
  let tdb: TestDatabase;
  let run: Run;

  beforeAll(async () => {
    tdb = await createSeededTestDatabase(kind);
    run = runner(tdb.prisma);
  });
  afterAll(async () => {
    await tdb?.drop();
  });

  const PRICES = `query($filter: PricePointFilter!, $first: Int, $after: String, $last: Int, $before: String) {
    pricePoints(filter: $filter, first: $first, after: $after, last: $last, before: $before) {
      pageInfo { startCursor endCursor } edges { node { date metal kind } } } }`;
  const SILVER_MONTHLY = { metal: 'SILVER', kind: 'MONTHLY_AVERAGE' };
  const dates = (data: any) => data.pricePoints.edges.map((e: any) => e.node.date);

  test('a cursor of one filter passed as `after` with another filter is refused, naming after', async () => {
    const page = (await ok(run, PRICES, { filter: SILVER_MONTHLY, first: 3 })).pricePoints;
    const res = await run(PRICES, { filter: { metal: 'GOLD', kind: 'ANNUAL_AVERAGE' }, first: 3, after: page.pageInfo.endCursor });
    expect(res.data?.pricePoints ?? null).toBeNull();
    expect(res.errors).toHaveLength(1);
    expect(res.errors![0].message).toMatch(OTHER_LIST);
    expect(res.errors![0].message).toMatch(/^Argument "after" is a cursor of pricePoints/);
    expect(res.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'after' });
  });

  test('a cursor of the same filter with another asOf is refused', async () => {
    const page = (await ok(run, PRICES, { filter: { ...SILVER_MONTHLY, asOf: '2026-03-31' }, first: 3 })).pricePoints;
    const other = await run(PRICES, { filter: { ...SILVER_MONTHLY, asOf: '2026-04-01' }, first: 3, after: page.pageInfo.endCursor });
    expect(other.errors?.[0].message).toMatch(OTHER_LIST);
    expect(other.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'after' });
    // Without asOf is another list too (current values).
    const current = await run(PRICES, { filter: SILVER_MONTHLY, first: 3, after: page.pageInfo.endCursor });
    expect(current.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'after' });
    // The same asOf continues: 1960-04, -05, -06 after 1960-01..03.
    const same = await ok(run, PRICES, { filter: { ...SILVER_MONTHLY, asOf: '2026-03-31' }, first: 3, after: page.pageInfo.endCursor });
    expect(dates(same)).toEqual(['1960-04-01', '1960-05-01', '1960-06-01']);
  });

  test('a cursor passed as `before` with another filter is refused, naming before', async () => {
    const page = (await ok(run, PRICES, { filter: SILVER_MONTHLY, last: 2 })).pricePoints;
    const res = await run(PRICES, { filter: { ...SILVER_MONTHLY, dateFrom: '2000-01-01' }, last: 2, before: page.pageInfo.startCursor });
    expect(res.errors?.[0].message).toMatch(/^Argument "before" is a cursor of pricePoints with a different filter or order/);
    expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'before' });
  });

  test('the same filter written differently, and another page size, are the same list', async () => {
    const page1 = (await ok(run, PRICES, { filter: SILVER_MONTHLY, first: 5 })).pricePoints;
    expect(dates({ pricePoints: page1 })).toEqual(['1960-01-01', '1960-02-01', '1960-03-01', '1960-04-01', '1960-05-01']);
    // Keys in another order and an explicit null are the same filter; 7 rows instead of 5 is fine.
    const page2 = await ok(run, PRICES, { filter: { kind: 'MONTHLY_AVERAGE', metal: 'SILVER', dateTo: null }, first: 7, after: page1.pageInfo.endCursor });
    expect(dates(page2)).toEqual(['1960-06-01', '1960-07-01', '1960-08-01', '1960-09-01', '1960-10-01', '1960-11-01', '1960-12-01']);
  });

  test('cursors of productionYears and countries carry their filter too', async () => {
    const PRODUCTION = `query($filter: ProductionYearFilter, $after: String) {
      productionYears(first: 2, filter: $filter, orderBy: { field: TONNES, direction: DESC }, after: $after) { pageInfo { endCursor } } }`;
    const prod = (await ok(run, PRODUCTION, { filter: { metal: 'SILVER', stage: 'MINE', yearFrom: 2024, yearTo: 2024 } })).productionYears;
    const res = await run(PRODUCTION, { filter: { metal: 'SILVER', stage: 'MINE', yearFrom: 2024, yearTo: 2024, isAggregate: false }, after: prod.pageInfo.endCursor });
    expect(res.errors?.[0].message).toMatch(/^Argument "after" is a cursor of productionYears with a different filter or order/);

    const COUNTRIES = `query($filter: CountryFilter, $asOf: Date, $after: String) {
      countries(first: 2, filter: $filter, asOf: $asOf, after: $after) { pageInfo { endCursor } } }`;
    const countries = (await ok(run, COUNTRIES, { filter: { isAggregate: false } })).countries;
    const res2 = await run(COUNTRIES, { filter: { isAggregate: true }, after: countries.pageInfo.endCursor });
    expect(res2.errors?.[0].message).toMatch(/^Argument "after" is a cursor of countries with a different filter or order/);
    const res3 = await run(COUNTRIES, { filter: { isAggregate: false }, asOf: '2025-01-01', after: countries.pageInfo.endCursor });
    expect(res3.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'after' });
  });

  test('a cursor of the older format (no fingerprint) is refused with what is accepted', async () => {
    const old = Buffer.from('PricePoint:DATE_ASC:["1960-01-01","SILVER","MONTHLY_AVERAGE","1"]', 'utf8').toString('base64');
    const res = await run(PRICES, { filter: SILVER_MONTHLY, first: 2, after: old });
    expect(res.errors?.[0].message).toMatch(/^Argument "after" is a cursor of an older format that does not name its list; accepted: a cursor from a page of the same list/);
    expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'after' });
  });
});
