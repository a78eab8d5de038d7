// The visible cost over HTTP, on every database kind: extensions.cost on every response, lists
// costed by the most items they can hold in the data, and a costly nested list refused; series costed
// by the periods their range and frequency can hold within the stored coverage.
import { bumpDataVersion } from '../../src/db';
import { databaseKinds } from '../helpers/db';
import { startTestServer, type TestServer } from '../helpers/server';

describe.each(databaseKinds)('query cost (%s)', (kind) => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer(kind);
  });
  afterAll(async () => {
    await s?.stop();
  });

  /** Direct writes bump the data version, as every write must (the cost model's bounds follow it). */
  async function dataChanged() {
    const version = await bumpDataVersion(s.db.prisma);
    await s.server.dataVersion?.waitFor(version, 30_000);
  }

  test('every response carries extensions.cost { requested, limit }, errors included', async () => {
    const okRes = await s.graphql(`{ country(iso3: "KAZ") { name } }`);
    expect(okRes.body.extensions.cost).toEqual({ requested: 1, limit: 1000 });
    const listed = await s.graphql(`{ countries(first: 5) { edges { node { name } } } }`);
    expect(listed.body.extensions.cost).toEqual({ requested: 6, limit: 1000 });
    const bad = await s.graphql(`{ country(iso3: "KAZ") { production(yearFrom: 2030, yearTo: 2020) { year } } }`);
    expect(bad.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(bad.body.extensions.cost.limit).toBe(1000);
    const invalid = await s.graphql(`{ nothing }`);
    expect(invalid.body.extensions.cost).toEqual({ requested: 0, limit: 1000 });
  });

  test('a page backward (`last`) is costed like a page forward (`first`), clamped the same way', async () => {
    const page = (args: string) => `{ pricePoints(filter: { metal: SILVER, kind: MONTHLY_AVERAGE }, ${args}) { edges { node { date } } } }`;
    // 1 for the connection + 100 x (each edge's node: a PricePoint entity, 1; its date, 0) = 101.
    const forward = await s.graphql(page('first: 100'));
    const backward = await s.graphql(page('last: 100'));
    expect(forward.body.errors).toBeUndefined();
    expect(backward.body.errors).toBeUndefined();
    expect(backward.body.data.pricePoints.edges).toHaveLength(forward.body.data.pricePoints.edges.length);
    expect(forward.body.extensions.cost.requested).toBe(101);
    expect(backward.body.extensions.cost.requested).toBe(101);
    // Out of range: clamped to 1..100 for the cost, refused by the resolver naming the argument.
    const tooMany = await s.graphql(page('last: 5000'));
    expect(tooMany.body.extensions.cost.requested).toBe(101);
    expect(tooMany.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(tooMany.body.errors[0].message).toMatch(/last/);
  });

  test('estimates are kept per document and variables: the same operation with other variables is costed anew', async () => {
    const page = `query Page($n: Int) { countries(first: $n) { edges { node { name } } } }`;
    const requested = async (n: number) => (await s.graphql(page, { n })).body.extensions.cost.requested;
    expect(await requested(5)).toBe(6);
    expect(await requested(12)).toBe(13);
    expect(await requested(5)).toBe(6);
    // The same text under another operation name is another entry too.
    expect((await s.graphql(page.replace('Page', 'Other'), { n: 12 })).body.extensions.cost.requested).toBe(13);
  });

  test('a nested list costs the most items it can hold: a reporter with 300 flows makes countries(first: 40) { exports } refused', async () => {
    const query = `{ countries(first: 40) { edges { node { exports { tonnes } } } } }`;
    const before = await s.graphql(query);
    expect(before.status).toBe(200);
    const [{ n: mostFlows }] = await s.db.prisma.$queryRawUnsafe<{ n: number }[]>(
      `SELECT coalesce(max(n), 0)::int AS n FROM (SELECT count(*) AS n FROM export_flows WHERE is_current GROUP BY reporter_id, metal) g`,
    );
    expect(mostFlows).toBeLessThan(300);
    // 1 + 40 x (1 + the most flows a reporter has for a metal).
    expect(before.body.extensions.cost.requested).toBe(1 + 40 * (1 + mostFlows));

    const prisma = s.db.prisma;
    const source = await prisma.source.create({ data: { name: 'Cost test' } });
    const reporter = await prisma.country.create({ data: { iso3: 'QCT', name: 'Cost test reporter' } });
    const partners = await prisma.country.findMany({ where: { isAggregate: false, NOT: { id: reporter.id } }, take: 15 });
    await prisma.exportFlow.createMany({
      data: partners.flatMap((p) =>
        Array.from({ length: 20 }, (_, i) => ({ reporterId: reporter.id, partnerId: p.id, metal: 'SILVER' as const, year: 2000 + i, tonnes: 1, sourceId: source.id, isCurrent: true })),
      ),
    });
    await dataChanged();
    try {
      const refused = await s.graphql(query);
      expect(refused.status).toBe(400);
      expect(refused.body.errors[0].message).toBe(
        `Query cost ${1 + 40 * 301} exceeds the maximum of 1000; ask for smaller pages (first: n) or fewer nested lists`,
      );
      expect(refused.body.errors[0].extensions).toMatchObject({ code: 'QUERY_LIMIT_EXCEEDED', limit: 'cost', actual: 1 + 40 * 301 });
      expect(refused.body.extensions.cost).toEqual({ requested: 1 + 40 * 301, limit: 1000 });
      // Narrowed to a year, the same list holds at most 15 flows per reporter: allowed.
      const oneYear = await s.graphql(`{ countries(first: 40) { edges { node { exports(year: 2010) { tonnes } } } } }`);
      expect(oneYear.status).toBe(200);
      expect(oneYear.body.extensions.cost.requested).toBe(1 + 40 * (1 + 15));
    } finally {
      await prisma.exportFlow.deleteMany({ where: { reporterId: reporter.id } });
      await prisma.country.delete({ where: { id: reporter.id } });
      await prisma.source.delete({ where: { id: source.id } });
      await dataChanged();
    }
  });

  test('a year range bounds a production list by years x the most rows per year', async () => {
    const res = await s.graphql(`{ countries(first: 10) { edges { node { production(stage: MINE, yearFrom: 2023, yearTo: 2024) { tonnes } } } } }`);
    const perYear = await s.db.prisma.$queryRawUnsafe<{ n: number }[]>(
      `SELECT coalesce(max(n), 0)::int AS n FROM (SELECT count(*) AS n FROM production_years WHERE is_current GROUP BY country_id, metal, stage, year) g`,
    );
    expect(res.body.extensions.cost.requested).toBe(1 + 10 * (1 + 2 * perYear[0].n));
  });
  /** requested cost of a query that must be accepted and answered without errors. */
  async function accepted(query: string, variables?: object): Promise<number> {
    const res = await s.graphql(query, variables);
    expect(res.body.errors).toBeUndefined();
    expect(res.status).toBe(200);
    return res.body.extensions.cost.requested;
  }
  const days = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / 86_400_000 + 1;
  const coverage = async (metal: string, kind: string) => {
    const [row] = await s.db.prisma.$queryRawUnsafe<{ first: string; last: string }[]>(
      `SELECT to_char(min(date), 'YYYY-MM-DD') AS first, to_char(max(date), 'YYYY-MM-DD') AS last FROM price_points WHERE metal = '${metal}' AND kind = '${kind}'`,
    );
    return row;
  };

  test('thirteen one-month price series in one request are accepted with the default limit, 2 each', async () => {
    // 2025-01 .. 2026-01, within the monthly averages (1960-01 to 2026-02 in data/prices.csv).
    const months = Array.from({ length: 13 }, (_, i) => `${2025 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`);
    const query = `{ ${months
      .map((m, i) => `m${i + 1}: priceSeries(metal: SILVER, kind: MONTHLY_AVERAGE, dateFrom: "${m}-01", dateTo: "${m}-28") { observations { date value } }`)
      .join(' ')} }`;
    const res = await s.graphql(query);
    expect(res.status).toBe(200);
    expect(res.body.errors).toBeUndefined();
    expect(res.body.extensions.cost).toEqual({ requested: 13 * (1 + 1), limit: 1000 });
    months.forEach((m, i) => expect(res.body.data[`m${i + 1}`].observations).toEqual([{ date: `${m}-01`, value: expect.any(Number) }]));
  });

  test('a price series costs 1 + ceil(periods / 10) (+ its sources), worked from data/prices.csv', async () => {
    const gold = (args: string, fields = 'observations { value }') => `{ priceSeries(metal: GOLD, ${args}) { ${fields} } }`;
    // 1960-01 .. 1999-12: 480 months.
    expect(await accepted(gold('kind: MONTHLY_AVERAGE, dateFrom: "1960-01-01", dateTo: "1999-12-31"'))).toBe(1 + 48);
    // The same periods asked only for statistics: every period is read all the same.
    expect(await accepted(gold('kind: MONTHLY_AVERAGE, dateFrom: "1960-01-01", dateTo: "1999-12-31"', 'stats { mean min { value } }'))).toBe(1 + 48);
    // Quarterly over 1960-1969: 40 quarters.
    expect(await accepted(gold('kind: MONTHLY_AVERAGE, frequency: QUARTERLY, dateFrom: "1960-01-01", dateTo: "1969-12-31"'))).toBe(1 + 4);
    // Annual averages start in 1960: 1950 .. mid-1969 holds 1960 .. 1969, 10 years; sources at most every source.
    const [{ n: sources }] = await s.db.prisma.$queryRawUnsafe<{ n: number }[]>(`SELECT count(*)::int AS n FROM sources`);
    expect(await accepted(gold('kind: ANNUAL_AVERAGE, dateFrom: "1950-01-01", dateTo: "1969-06-30"', 'observations { value } sources { name }'))).toBe(1 + 1 + sources);
    // Unbounded: every month of the coverage (1960-01 to 2026-02 when written: 794, cost 81).
    const { first, last } = await coverage('GOLD', 'MONTHLY_AVERAGE');
    expect(first).toBe('1960-01-01');
    const months = (Number(last.slice(0, 4)) - 1960) * 12 + Number(last.slice(5, 7));
    expect(months).toBeGreaterThanOrEqual(794);
    expect(await accepted(gold('kind: MONTHLY_AVERAGE'))).toBe(1 + Math.ceil(months / 10));
    // Dates from variables.
    const q = `query($from: Date, $to: Date) { priceSeries(metal: GOLD, kind: MONTHLY_AVERAGE, dateFrom: $from, dateTo: $to) { observations { value } } }`;
    expect(await accepted(q, { from: '2020-01-01', to: '2020-06-30' })).toBe(1 + 1);
    // A date that is not one: the argument's own error, not a cost.
    const bad = await s.graphql(q, { from: '2020-02-30', to: '2020-06-30' });
    expect(bad.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
  });

  test('a price table costs its rows x metals: two metals over a year of monthly averages, 24 values', async () => {
    const table = `{ priceTable(metals: [GOLD, SILVER], kind: MONTHLY_AVERAGE, dateFrom: "2020-01-01", dateTo: "2020-12-31") { metals rows { date values } } }`;
    const res = await s.graphql(table);
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.priceTable.rows).toHaveLength(12);
    expect(res.body.extensions.cost.requested).toBe(1 + Math.ceil(24 / 10));
  });

  test('a production series costs the years it can hold: a page of countries with one is cheap', async () => {
    // SILVER MINE (the defaults) is stored for 2020 .. 2025: 6 years, one point; 811 with the old bound.
    const [years] = await s.db.prisma.$queryRawUnsafe<{ first: number; last: number }[]>(
      `SELECT min(year) AS first, max(year) AS last FROM production_years WHERE metal = 'SILVER' AND stage = 'MINE'`,
    );
    expect(years).toEqual({ first: 2020, last: 2025 });
    expect(await accepted(`{ countries(first: 10) { edges { node { productionSeries { observations { value } } } } } }`)).toBe(1 + 10 * (1 + 1 + 1));
  });

  test('an unbounded daily series of many years costs more than a one-year one, and than the old bound', async () => {
    const spot = (range: string) => `{ priceSeries(metal: GOLD, kind: SPOT${range}) { observations { value } } }`;
    const oneYear = spot(', dateFrom: "2025-01-01", dateTo: "2025-12-31"');
    expect(await accepted(oneYear)).toBe(1 + 37);
    const stored = await coverage('GOLD', 'SPOT');
    expect(await accepted(spot(''))).toBe(1 + Math.ceil(days(stored.first, stored.last) / 10));

    const prisma = s.db.prisma;
    const source = await prisma.source.create({ data: { name: 'Cost test spot' } });
    await prisma.pricePoint.create({
      data: { metal: 'GOLD', kind: 'SPOT', date: new Date('1990-01-02T00:00:00Z'), priceUsdPerOz: 400, sourceId: source.id, isCurrent: true },
    });
    await dataChanged();
    try {
      const expected = 1 + Math.ceil(days('1990-01-02', stored.last) / 10);
      const refused = await s.graphql(spot(''));
      expect(refused.status).toBe(400);
      expect(refused.body.errors[0].extensions).toMatchObject({ code: 'QUERY_LIMIT_EXCEEDED', limit: 'cost', actual: expected });
      // Before: every series' observations cost ceil(max(stored prices of a series, production rows of a stage) / 10).
      const [{ n: before }] = await prisma.$queryRawUnsafe<{ n: number }[]>(
        `SELECT ceil(greatest(
           (SELECT max(n) FROM (SELECT count(*) AS n FROM price_points WHERE is_current GROUP BY metal, kind) p),
           (SELECT max(n) FROM (SELECT count(*) AS n FROM production_years WHERE is_current GROUP BY country_id, metal, stage) q)) / 10.0)::int AS n`,
      );
      expect(expected).toBeGreaterThan(before);
      expect(await accepted(oneYear)).toBe(1 + 37);
    } finally {
      await prisma.pricePoint.deleteMany({ where: { sourceId: source.id } });
      await prisma.source.delete({ where: { id: source.id } });
      await dataChanged();
    }
  });
});
