// Names people use (issue #20): countries(filter: { search }) finds countries by ISO codes and the
// common names of data/country-aliases.csv; productionYears and exportFlows leave aggregates out (or
// keep only them) with isAggregate. Expected values are worked by hand from data/countries.csv,
// data/country-aliases.csv, data/production.csv and data/exports.csv (current values: the latest
// edition's non-estimates).
import { databaseKinds, type TestDatabase } from '../helpers/db';
import { createSeededTestDatabase } from '../helpers/seed';
import { ok, runner, type Run } from './graphql';

describe.each(databaseKinds)('names and aggregates (%s)', (kind) => {
  let tdb: TestDatabase;
  let run: Run;

  beforeAll(async () => {
    tdb = await createSeededTestDatabase(kind);
    run = runner(tdb.prisma);
  });
  afterAll(async () => {
    await tdb?.drop();
  });

  describe('countries search by codes and common names', () => {
    const Q = `query($s: String, $orderBy: CountryOrderBy) {
      countries(filter: { search: $s }, orderBy: $orderBy, first: 100) { totalCount edges { node { iso3 } } } }`;
    const search = async (s: string, orderBy?: unknown) => {
      const data = (await ok(run, Q, orderBy ? { s, orderBy } : { s })).countries;
      const codes = data.edges.map((e: any) => e.node.iso3);
      expect(data.totalCount).toBe(codes.length);
      return codes;
    };

    test.each([
      // Aliases (data/country-aliases.csv), any case.
      ['UK', ['GBR']],
      ['uk', ['GBR']],
      ['Britain', ['GBR']],
      ['Great Britain', ['GBR']],
      ['America', ['USA']],
      ['United States of America', ['USA']],
      ['Kazakstan', ['KAZ']],
      ['Russian Federation', ['RUS']],
      ['PRC', ['CHN']],
      // Alpha-2 and alpha-3 codes (data/countries.csv).
      ['US', ['USA']], // not Russia, Australia (names containing "us"): a short search that is a code means the code
      ['us', ['USA']],
      ['USA', ['USA']],
      ['KZ', ['KAZ']],
      ['kaz', ['KAZ']],
      ['GB', ['GBR']],
      ['ind', ['IND']], // India's code: not Indonesia
      // Not a code or alias: the name contains the text, as before (ordered by name).
      ['chi', ['CHL', 'CHN']], // Chile, China
      ['united', ['GBR', 'USA']], // United Kingdom, United States
      ['russia', ['RUS']],
      [' Britain ', ['GBR']], // codes and aliases match the trimmed text
      ['LAND', ['POL']], // Poland
      [' LAND', []], // the name match is literal, spaces count: no name has " land"
    ])('search %j', async (s, expected) => {
      expect(await search(s)).toEqual(expected);
    });

    test('a longer search matches names and aliases together; the list keeps its order', async () => {
      // "Bolivia (Plurinational State of)" is an alias of BOL; no name contains it.
      expect(await search('Bolivia (Plurinational State of)')).toEqual(['BOL']);
      expect(await search('united', { field: 'ISO3', direction: 'DESC' })).toEqual(['USA', 'GBR']);
      // "Republic of South Africa" is an alias of ZAF; "South Africa" is a name.
      expect(await search('south africa')).toEqual(['ZAF']);
    });

    test('search combines with the other conditions', async () => {
      const data = await ok(run, `{ countries(filter: { search: "US", isAggregate: true }) { totalCount } }`);
      expect(data.countries.totalCount).toBe(0);
    });
  });

  describe('isAggregate on productionYears', () => {
    const Q = `query($agg: Boolean) {
      productionYears(filter: { metal: SILVER, stage: MINE, year: 2024, isAggregate: $agg }, orderBy: { field: TONNES, direction: DESC }, first: 100) {
        totalCount edges { node { tonnes country { iso3 } } } } }`;

    test('false: the 2024 silver mine ranking without the world and other countries', async () => {
      const data = (await ok(run, Q, { agg: false })).productionYears;
      // USGS MCS 2026, 2024 column: 14 countries.
      expect(data.totalCount).toBe(14);
      expect(data.edges.map((e: any) => e.node.tonnes)).toEqual([5780, 3510, 3430, 1490, 1320, 1280, 1200, 1050, 1050, 850, 774, 700, 432, 366]);
      expect(data.edges.slice(0, 3).map((e: any) => e.node.country.iso3)).toEqual(['MEX', 'PER', 'CHN']);
      expect(data.edges.map((e: any) => e.node.country.iso3).sort()).toEqual(
        ['ARG', 'AUS', 'BOL', 'CAN', 'CHL', 'CHN', 'IND', 'KAZ', 'MEX', 'PER', 'POL', 'RUS', 'SWE', 'USA'],
      );
    });

    test('true: only the aggregates', async () => {
      const data = (await ok(run, Q, { agg: true })).productionYears;
      expect(data.totalCount).toBe(2);
      expect(data.edges.map((e: any) => [e.node.country.iso3, e.node.tonnes])).toEqual([['WLD', 25300], ['XOC', 2110]]);
    });

    test('omitted: both (16 rows, the world first)', async () => {
      const data = (await ok(run, Q, {})).productionYears;
      expect(data.totalCount).toBe(16);
      expect(data.edges[0].node.country.iso3).toBe('WLD');
    });
  });

  describe('isAggregate and partnerIsAggregate on exportFlows', () => {
    const Q = `query($agg: Boolean, $partnerAgg: Boolean) {
      exportFlows(filter: { isAggregate: $agg, partnerIsAggregate: $partnerAgg }, orderBy: { field: YEAR }, first: 100) {
        totalCount edges { node { year tonnes reporter { iso3 } partner { iso3 } } } } }`;
    const flows = async (vars: Record<string, boolean>) => (await ok(run, Q, vars)).exportFlows;

    test('isAggregate is about the reporter', async () => {
      // 16 observations: KAZ 4 (to WLD 2024 and 2025, GBR, USA), USA->WLD 2020..2025, WLD->USA 2020..2025.
      expect((await flows({})).totalCount).toBe(16);
      const countries = await flows({ agg: false });
      expect(countries.totalCount).toBe(10);
      expect(new Set(countries.edges.map((e: any) => e.node.reporter.iso3))).toEqual(new Set(['KAZ', 'USA']));
      const world = await flows({ agg: true });
      expect(world.totalCount).toBe(6);
      // The world's exports to the US (US imports), current values: MCS 2026 over MCS 2025's estimate for 2024.
      expect(world.edges.map((e: any) => [e.node.reporter.iso3, e.node.partner.iso3, e.node.year, e.node.tonnes])).toEqual([
        ['WLD', 'USA', 2020, 6730],
        ['WLD', 'USA', 2021, 6160],
        ['WLD', 'USA', 2022, 4490],
        ['WLD', 'USA', 2023, 4950],
        ['WLD', 'USA', 2024, 4430],
        ['WLD', 'USA', 2025, 7600],
      ]);
    });

    test('partnerIsAggregate is about the partner; both together', async () => {
      expect((await flows({ partnerAgg: true })).totalCount).toBe(8); // KAZ->WLD 2, USA->WLD 6
      expect((await flows({ partnerAgg: false })).totalCount).toBe(8); // KAZ->GBR, KAZ->USA, WLD->USA 6
      const both = await flows({ agg: false, partnerAgg: false });
      expect(both.edges.map((e: any) => [e.node.reporter.iso3, e.node.partner.iso3, e.node.tonnes])).toEqual([
        ['KAZ', 'GBR', 242.4],
        ['KAZ', 'USA', 155.4],
      ]);
    });
  });
});
