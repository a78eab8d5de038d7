// The visible cost over HTTP, on every database kind: extensions.cost on every response, lists
// costed by the most items they can hold in the data, and a costly nested list refused.
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
});
