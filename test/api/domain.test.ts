// The article's figures (docs/domain.md), computed by the API from the seeded dataset,
// plus node() round trips, argument validation and unknown countries, on every database kind.
import { databaseKinds } from '../helpers/db';
import { createSeededTestDatabase } from '../helpers/seed';
import type { TestDatabase } from '../helpers/db';
import { ok, round, runner, type Run } from './graphql';

describe.each(databaseKinds)('GraphQL API on the seeded dataset (%s)', (kind) => {
  let tdb: TestDatabase;
  let run: Run;

  beforeAll(async () => {
    tdb = await createSeededTestDatabase(kind);
    run = runner(tdb.prisma);
  });
  afterAll(async () => {
    await tdb?.drop();
  });

  describe('domain figures', () => {
    test('Kazakhstan refined silver: yoy -21.2% (2024) and -11.1% (January-November 2025), lowestSince, previous', async () => {
      const data = await ok(
        run,
        `{ country(iso3: "KAZ") { name production(stage: REFINED) {
            year monthFrom monthTo isFullYear tonnes troyOunces isEstimate lowestSince
            yoyChange { previous absolute percent ratio } previous { year tonnes } source { name } country { iso3 } } } }`,
      );
      expect(data.country.name).toBe('Kazakhstan');
      const rows = data.country.production;
      const find = (year: number, monthTo: number) => rows.find((r: any) => r.year === year && r.monthTo === monthTo);
      expect(rows.map((r: any) => `${r.year}:${r.monthFrom}-${r.monthTo}`)).toEqual(['2023:1-12', '2024:1-11', '2024:1-12', '2025:1-11']);

      const y2024 = find(2024, 12);
      expect(y2024.tonnes).toBe(697.5);
      expect(y2024.isFullYear).toBe(true);
      expect(y2024.troyOunces).toBeCloseTo(697.5 * 32150.7466, 3);
      expect(y2024.yoyChange.percent).toBe(-21.2); // 100 * (697.5 / 885.152 - 1) = -21.19997469..., 4 decimal places
      expect(y2024.yoyChange.previous).toBe(885.152);
      expect(y2024.yoyChange.absolute).toBe(-187.652); // 697.5 - 885.152
      expect(y2024.previous).toEqual({ year: 2023, tonnes: 885.152 });
      expect(y2024.source).toEqual({ name: 'EnergyProm' });
      expect(y2024.country).toEqual({ iso3: 'KAZ' });
      // 2023 is higher and no earlier refined figures are in the dataset: a low "in the data".
      expect(y2024.lowestSince).toBeNull();

      const janNov2025 = find(2025, 11);
      expect(janNov2025.isFullYear).toBe(false);
      expect(janNov2025.yoyChange.percent).toBe(-11.1); // 100 * (567.5 / 638.358 - 1) = -11.10004104...
      // Jan-Nov compares with Jan-Nov, never with the full year 2024.
      expect(janNov2025.yoyChange.previous).toBe(638.358);
      expect(janNov2025.lowestSince).toBeNull();

      const y2023 = find(2023, 12);
      expect(y2023.yoyChange).toBeNull();
      expect(y2023.previous).toBeNull();
      expect(y2023.isEstimate).toBe(true);
      expect(y2023.lowestSince).toBeNull();
    });

    test('lowestSince finds the latest earlier year at or below the row (WLD current values: 2023 and 2024 are new lows, 2025 the lowest since 2024)', async () => {
      const data = await ok(run, `{ country(iso3: "WLD") { production(stage: MINE) { year tonnes lowestSince yoyChange { percent } } } }`);
      const rows = data.country.production;
      const at = (year: number) => rows.find((r: any) => r.year === year);
      // Current values: 25,600 (MCS 2024), 25,500 (MCS 2025), 25,300 (MCS 2026), 26,000 (MCS 2026, estimate).
      expect(rows.map((r: any) => [r.year, r.tonnes])).toEqual([[2022, 25600], [2023, 25500], [2024, 25300], [2025, 26000]]);
      expect(at(2022).lowestSince).toBeNull();
      expect(at(2023).lowestSince).toBeNull();
      expect(at(2024).lowestSince).toBeNull();
      expect(at(2025).lowestSince).toBe(2024);
      expect(at(2024).yoyChange.percent).toBe(-0.7843); // 100 * (25,300 / 25,500 - 1) = -0.78431372..., 4 decimal places
      // A row equal to an earlier one counts as "lowest since" that year: filter the full series
      // through fullYearOnly and yearFrom to check arguments reach the loader.
      const later = await ok(run, `{ country(iso3: "WLD") { production(stage: MINE, yearFrom: 2024, fullYearOnly: true) { year } } }`);
      expect(later.country.production).toEqual([{ year: 2024 }, { year: 2025 }]);
    });

    test('worldShare 850 / 25,300, productionRank and declineStreak (current values)', async () => {
      const data = await ok(
        run,
        `{ kaz: country(iso3: "KAZ") { worldShare(year: 2024) productionRank(year: 2024) declineStreak mineStreak: declineStreak(stage: MINE)
                                        share2023: worldShare(year: 2023) rank2023: productionRank(year: 2023) gold: declineStreak(metal: GOLD) }
           mex: country(iso3: "MEX") { worldShare(year: 2024) productionRank(year: 2024) }
           wld: country(iso3: "WLD") { worldShare(year: 2024) productionRank(year: 2024) declineStreak(stage: MINE) } }`,
      );
      expect(data.kaz.worldShare).toBe(0.03359683794); // 850 / 25,300 = 0.0335968379446..., 10 significant digits
      // 2024 (MCS 2026): MEX 5,780, PER 3,510, CHN 3,430, BOL 1,490, POL 1,320, RUS 1,280, CHL 1,200, USA 1,050, AUS 1,050, KAZ 850
      expect(data.kaz.productionRank).toBe(10);
      expect(data.kaz.declineStreak).toBe(1); // refined 2024 < 2023 (the dataset has no refined years before 2023)
      expect(data.kaz.mineStreak).toBe(2); // mine 985 (2023), 850 (2024), 630 (2025, estimate)
      expect(data.kaz.share2023).toBe(0.03862745098); // 985 / 25,500 = 0.0386274509803...
      expect(data.kaz.rank2023).toBe(10); // 2023 (MCS 2025): ... AUS 1,030, USA 1,020, KAZ 985
      expect(data.kaz.gold).toBeNull(); // no refined gold data
      expect(data.mex.worldShare).toBe(0.228458498); // 5,780 / 25,300 = 0.22845849802...
      expect(data.mex.productionRank).toBe(1);
      expect(data.wld.worldShare).toBe(1);
      expect(data.wld.productionRank).toBeNull(); // aggregates are not ranked
      expect(data.wld.declineStreak).toBe(0); // 2025 (26,000) is above 2024 (25,300)
    });

    test('exports January-October: unit prices 34.97 and 26.68, yoy -9.0% / +19.3%, UK share 0.469', async () => {
      const data = await ok(
        run,
        `{ country(iso3: "kaz") { exports { year monthFrom monthTo tonnes valueUsd isEstimate partner { iso3 } reporter { iso3 } share unitPriceUsdPerOz
             tonnesYoyChange { previous percent } valueYoyChange { previous percent } source { name } } } }`,
      );
      const flows = data.country.exports;
      expect(flows.map((f: any) => `${f.year} ${f.partner.iso3}`)).toEqual(['2024 WLD', '2025 WLD', '2025 GBR', '2025 USA']);
      const [w2024, w2025, gbr, usa] = flows;
      // Levels, 6 decimal places (32,150.7466 troy ounces a tonne): 581,100,000 / (516.8 x 32,150.7466) = 34.97335594...;
      // 487,091,366.3 / (567.912 x 32,150.7466) = 26.67708200... Percentages, 4 decimal places:
      // 100 * (516.8 / 567.912 - 1) = -8.99998591... -> -9; 100 * (581.1e6 / 487,091,366.3 - 1) = 19.30000000084... -> 19.3.
      expect(w2025.unitPriceUsdPerOz).toBe(34.973356);
      expect(w2024.unitPriceUsdPerOz).toBe(26.677082);
      expect(w2025.tonnesYoyChange.percent).toBe(-9);
      expect(w2025.valueYoyChange.percent).toBe(19.3);
      expect(w2024.tonnesYoyChange).toBeNull();
      expect(w2025.share).toBe(1);
      expect(gbr.share).toBe(0.4690402477); // 242.4 / 516.8 = 0.46904024767..., 10 significant digits
      expect(usa.share).toBe(0.3006965944); // 155.4 / 516.8 = 0.30069659442...
      expect(gbr.unitPriceUsdPerOz).toBeNull(); // no value reported
      expect(gbr.valueYoyChange).toBeNull();
      expect(gbr.tonnesYoyChange).toBeNull(); // no 2024 GBR row
      expect(w2025.reporter.iso3).toBe('KAZ');
      expect(w2025.source.name).toBe('EnergyProm');
      expect(w2024.isEstimate).toBe(true);

      const filtered = await ok(run, `{ country(iso3: "KAZ") { exports(year: 2025, partnerIso3: "gbr") { tonnes } } }`);
      expect(filtered.country.exports).toEqual([{ tonnes: 242.4 }]);
      const imports = await ok(run, `{ country(iso3: "GBR") { imports { tonnes reporter { iso3 } } none: imports(reporterIso3: "USA") { tonnes } } }`);
      expect(imports.country.imports).toEqual([{ tonnes: 242.4, reporter: { iso3: 'KAZ' } }]);
      expect(imports.country.none).toEqual([]);
    });

    test('gold/silver ratio 53.7 on 2026-01-12 (query and on both price points); changeSince ratio 2.33', async () => {
      const data = await ok(
        run,
        `{ r: goldSilverRatio(date: "2026-01-12") start25: goldSilverRatio(date: "2025-01-01", kind: SPOT) start26: goldSilverRatio(date: "2026-01-01")
           missing: goldSilverRatio(date: "2026-01-02") monthly: goldSilverRatio(date: "2026-01-12", kind: MONTHLY_AVERAGE)
           pricePoints(filter: { kind: SPOT, dateFrom: "2026-01-01" }) { totalCount edges { node {
             metal date priceUsdPerOz goldSilverRatio isEstimate source { name }
             since: changeSince(date: "2025-01-01") { previous absolute percent ratio } none: changeSince(date: "2020-01-01") { ratio } } } } }`,
      );
      expect(round(data.r)).toBe(53.7);
      expect(round(data.start25)).toBe(89.3);
      expect(round(data.start26)).toBe(60.3);
      expect(data.missing).toBeNull();
      expect(data.monthly).toBeNull();
      const nodes = data.pricePoints.edges.map((e: any) => e.node);
      expect(data.pricePoints.totalCount).toBe(4);
      // by date, then metal in the enum's order (SILVER first)
      expect(nodes.map((n: any) => `${n.date} ${n.metal}`)).toEqual(['2026-01-01 SILVER', '2026-01-01 GOLD', '2026-01-12 SILVER', '2026-01-12 GOLD']);
      const on = (date: string, metal: string) => nodes.find((n: any) => n.date === date && n.metal === metal);
      expect(round(on('2026-01-12', 'GOLD').goldSilverRatio)).toBe(53.7);
      expect(on('2026-01-12', 'GOLD').goldSilverRatio).toBe(on('2026-01-12', 'SILVER').goldSilverRatio);
      const silver = on('2026-01-01', 'SILVER');
      expect(round(silver.since.ratio, 2)).toBe(2.33);
      expect(silver.since.previous).toBe(31.3);
      expect(round(silver.since.absolute, 1)).toBe(41.5);
      expect(silver.none).toBeNull();
      expect(silver.source.name).toBe('EnergyProm');
      expect(on('2026-01-12', 'GOLD').isEstimate).toBe(true);
      // 2026-01-12 vs 2026-01-01 silver: the data says +17.7% (the article's prose says 17.8).
      const jan = await ok(run, `{ pricePoints(filter: { metal: SILVER, dateFrom: "2026-01-12" }) { edges { node { changeSince(date: "2026-01-01") { percent } } } } }`);
      expect(round(jan.pricePoints.edges[0].node.changeSince.percent)).toBe(17.7);
    });

    test('sources', async () => {
      const data = await ok(run, `{ sources { id name publisher url publishedOn note } }`);
      const names = data.sources.map((s: any) => s.name);
      expect(names).toEqual([...names].sort());
      expect(names).toEqual(expect.arrayContaining(['EnergyProm', 'USGS Mineral Commodity Summaries 2025', 'World Bank Pink Sheet']));
      expect(data.sources.find((s: any) => s.name === 'USGS Mineral Commodity Summaries 2025').publisher).toBe('U.S. Geological Survey');
    });
  });

  describe('node(id:)', () => {
    test('round trip for every Node type', async () => {
      const data = await ok(
        run,
        `{ country(iso3: "KAZ") { id production { id } exports { id } }
           pricePoints(filter: {}, first: 1) { edges { node { id } } }
           sources { id } }`,
      );
      const ids: Array<[string, string]> = [
        ['Country', data.country.id],
        ['ProductionYear', data.country.production[0].id],
        ['ExportFlow', data.country.exports[0].id],
        ['PricePoint', data.pricePoints.edges[0].node.id],
        ['Source', data.sources[0].id],
      ];
      for (const [typename, id] of ids) {
        const res = await ok(run, `query($id: ID!) { node(id: $id) { __typename id } }`, { id });
        expect(res.node).toEqual({ __typename: typename, id });
        expect(id).not.toMatch(/^\d+$/); // opaque
      }
      const country = await ok(run, `query($id: ID!) { node(id: $id) { ... on Country { iso3 } } }`, { id: data.country.id });
      expect(country.node.iso3).toBe('KAZ');
    });

    test('an id of a deleted or never-existing row is null; a malformed id is BAD_USER_INPUT', async () => {
      const missing = Buffer.from('Country:999999').toString('base64');
      expect(await ok(run, `{ node(id: "${missing}") { id } }`)).toEqual({ node: null });
      const res = await run(`{ node(id: "not-an-id") { id } }`);
      expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      expect(res.errors?.[0].message).toBe('Argument "id" must be a global id returned by this API (an object\'s `id`), got "not-an-id".');
    });
  });

  describe('countries and lookups', () => {
    test('unknown country is null; iso3 is case-insensitive', async () => {
      expect(await ok(run, `{ country(iso3: "XYZ") { name } }`)).toEqual({ country: null });
      expect(await ok(run, `{ country(iso3: "mex") { iso3 iso2 name isAggregate } }`)).toEqual({
        country: { iso3: 'MEX', iso2: 'MX', name: 'Mexico', isAggregate: false },
      });
    });

    test('countries filter: iso3 list, isAggregate, search', async () => {
      const q = `query($f: CountryFilter) { countries(filter: $f) { totalCount edges { node { iso3 } } } }`;
      const iso = (d: any) => d.countries.edges.map((e: any) => e.node.iso3);
      const all = await ok(run, q);
      expect(all.countries.totalCount).toBe(26);
      // by name, the first page of 20
      expect(iso(all)).toEqual(['ARG', 'AUS', 'BOL', 'BRA', 'BFA', 'CAN', 'CHL', 'CHN', 'COL', 'GHA', 'IND', 'IDN', 'KAZ', 'MLI', 'MEX', 'XOC', 'PER', 'POL', 'RUS', 'ZAF']);
      expect(iso(await ok(run, q, { f: { iso3: ['kaz', 'MEX', 'ZZZ'] } }))).toEqual(['KAZ', 'MEX']);
      expect(iso(await ok(run, q, { f: { isAggregate: true } }))).toEqual(['XOC', 'WLD']);
      expect(iso(await ok(run, q, { f: { search: 'united' } }))).toEqual(['GBR', 'USA']);
    });

    test('productionYears and exportFlows filters', async () => {
      const p = await ok(
        run,
        `{ productionYears(filter: { countryIso3: ["KAZ"], stage: REFINED, fullYearOnly: true }) { totalCount edges { node { year } } }
           est: productionYears(filter: { isEstimate: true }) { totalCount }
           janNov: productionYears(filter: { monthTo: 11 }) { totalCount }
           mine: productionYears(filter: { metal: SILVER, stage: MINE, yearFrom: 2024, yearTo: 2024 }) { edges { node { country { iso3 } } } } }`,
      );
      expect(p.productionYears.edges.map((e: any) => e.node.year)).toEqual([2023, 2024]);
      expect(p.est.totalCount).toBe(41); // current values only
      expect(p.janNov.totalCount).toBe(2);
      expect(p.mine.edges.map((e: any) => e.node.country.iso3)).toEqual(['ARG', 'AUS', 'BOL', 'CAN', 'CHL', 'CHN', 'IND', 'KAZ', 'MEX', 'PER', 'POL', 'RUS', 'SWE', 'USA', 'WLD', 'XOC']);
      const x = await ok(
        run,
        `{ exportFlows(filter: { reporterIso3: "KAZ", yearFrom: 2025 }) { totalCount edges { node { partner { iso3 } tonnes } } }
           wld: exportFlows(filter: { partnerIso3: ["WLD"] }) { totalCount } }`,
      );
      expect(x.exportFlows.edges.map((e: any) => e.node.partner.iso3)).toEqual(['WLD', 'GBR', 'USA']);
      expect(x.wld.totalCount).toBe(8); // KAZ 2024 and 2025, USA 2020..2025
    });
  });

  describe('argument validation (BAD_USER_INPUT naming argument, value and accepted range)', () => {
    test.each([
      ['first above 100', `{ countries(first: 500) { totalCount } }`, 'Argument "first" must be between 1 and 100, got 500.'],
      ['first 0', `{ countries(first: 0) { totalCount } }`, 'Argument "first" must be between 1 and 100, got 0.'],
      ['first negative', `{ pricePoints(filter: {}, first: -1) { totalCount } }`, 'Argument "first" must be between 1 and 100, got -1.'],
      ['year in a filter', `{ productionYears(filter: { yearFrom: 1700 }) { totalCount } }`, 'Argument "filter.yearFrom" must be between 1800 and 2100, got 1700.'],
      ['year on a field', `{ country(iso3: "KAZ") { worldShare(year: 2200) } }`, 'Argument "year" must be between 1800 and 2100, got 2200.'],
      ['yearTo on production', `{ country(iso3: "KAZ") { production(yearTo: 99) { year } } }`, 'Argument "yearTo" must be between 1800 and 2100, got 99.'],
      ['month', `{ exportFlows(filter: { monthTo: 13 }) { totalCount } }`, 'Argument "filter.monthTo" must be between 1 and 12, got 13.'],
      ['month zero', `{ productionYears(filter: { monthFrom: 0 }) { totalCount } }`, 'Argument "filter.monthFrom" must be between 1 and 12, got 0.'],
      ['iso3 too short', `{ country(iso3: "KZ") { name } }`, 'Argument "iso3" must be an ISO 3166-1 alpha-3 country code (three letters A-Z, e.g. "KAZ"), got "KZ".'],
      ['iso3 with digits', `{ country(iso3: "K4Z") { name } }`, 'Argument "iso3" must be an ISO 3166-1 alpha-3 country code (three letters A-Z, e.g. "KAZ"), got "K4Z".'],
      ['iso3 in a list', `{ countries(filter: { iso3: ["KAZ", "mexico"] }) { totalCount } }`, 'Argument "filter.iso3" must be an ISO 3166-1 alpha-3 country code (three letters A-Z, e.g. "KAZ"), got "mexico".'],
      ['partnerIso3', `{ country(iso3: "KAZ") { exports(partnerIso3: "UK") { id } } }`, 'Argument "partnerIso3" must be an ISO 3166-1 alpha-3 country code (three letters A-Z, e.g. "KAZ"), got "UK".'],
      ['cursor', `{ countries(after: "bogus") { totalCount } }`, 'Argument "after" must be a cursor returned by this connection (an edge\'s cursor or pageInfo.endCursor), got "bogus".'],
      ['malformed date', `{ goldSilverRatio(date: "2026-1-12") }`, 'Date must be a calendar date in the form YYYY-MM-DD (e.g. "2026-01-12"), got "2026-1-12".'],
      ['impossible date', `{ goldSilverRatio(date: "2025-02-29") }`, 'Date must be a real calendar date, got "2025-02-29": February 2025 has 28 days.'],
      ['month 13 in a date', `{ goldSilverRatio(date: "2025-13-01") }`, 'Date must have a month between 01 and 12, got "2025-13-01".'],
      ['date not a string', `{ goldSilverRatio(date: 20260112) }`, 'Date must be a string in the form YYYY-MM-DD (e.g. "2026-01-12"), got 20260112.'],
      ['date in a filter', `{ pricePoints(filter: { dateFrom: "2025-04-31" }) { totalCount } }`, 'Date must be a real calendar date, got "2025-04-31": April 2025 has 30 days.'],
      ['unknown enum literal', `{ goldSilverRatio(date: "2026-01-12", kind: WEEKLY) }`, 'PriceKind must be one of SPOT, MONTHLY_AVERAGE, ANNUAL_AVERAGE, got WEEKLY.'],
      ['unknown enum in a filter', `{ productionYears(filter: { metal: COPPER }) { totalCount } }`, 'Metal must be one of SILVER, GOLD, PLATINUM, PALLADIUM, got COPPER.'],
    ])('%s', async (_name, query, message) => {
      const res = await run(query);
      expect(res.errors).toHaveLength(1);
      expect(res.errors![0].message).toBe(message);
      expect(res.errors![0].extensions?.code).toBe('BAD_USER_INPUT');
    });

    test.each([
      ['first', `query($n: Int) { countries(first: $n) { totalCount } }`, { n: 101 }, 'Argument "first" must be between 1 and 100, got 101.'],
      ['date variable', `query($d: Date!) { goldSilverRatio(date: $d) }`, { d: '2026-02-30' }, 'Variable "$d" got invalid value "2026-02-30"; Date must be a real calendar date, got "2026-02-30": February 2026 has 28 days.'],
      ['enum variable', `query($m: Metal) { country(iso3: "KAZ") { production(metal: $m) { year } } }`, { m: 'COPPER' }, 'Variable "$m" got invalid value "COPPER"; Metal must be one of SILVER, GOLD, PLATINUM, PALLADIUM, got "COPPER".'],
    ])('through variables: %s', async (_name, query, variables, message) => {
      const res = await run(query, variables);
      expect(res.errors).toHaveLength(1);
      expect(res.errors![0].message).toBe(message);
      expect(res.errors![0].extensions?.code).toBe('BAD_USER_INPUT');
    });

    test('valid edge values pass: first 1 and 100, years 1800 and 2100, lower-case iso3', async () => {
      const data = await ok(
        run,
        `{ a: countries(first: 1) { edges { cursor } } b: countries(first: 100) { totalCount }
           c: productionYears(filter: { yearFrom: 1800, yearTo: 2100, monthFrom: 1, monthTo: 12 }) { totalCount }
           country(iso3: "kaz") { iso3 } }`,
      );
      expect(data.a.edges).toHaveLength(1);
      expect(data.c.totalCount).toBe(106); // current full-year production rows
      expect(data.country.iso3).toBe('KAZ');
    });
  });
});
