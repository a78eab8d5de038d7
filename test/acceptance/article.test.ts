// The figures the article states, recomputed by the API over HTTP from the seeded dataset (data/*.csv),
// on every database kind under test. One operation per figure (docs/domain.md: "the API computes, and tests assert").
import { databaseKinds } from '../helpers/db';
import { startTestServer, type TestServer } from '../helpers/server';

const round = (n: number, digits: number) => Number(n.toFixed(digits));

describe.each(databaseKinds)('the article, over HTTP (%s)', (kind) => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer(kind);
  });
  afterAll(() => s?.stop());

  /** POSTs the operation and returns its data, failing on any error. */
  async function data(query: string, variables?: object) {
    const { status, body } = await s.graphql(query, variables);
    expect(body.errors).toBeUndefined();
    expect(status).toBe(200);
    return body.data;
  }

  it('Kazakhstan refined silver 2024: -21.2% vs 2023', async () => {
    const d = await data(`query KazRefined2024 {
      country(iso3: "KAZ") {
        production(metal: SILVER, stage: REFINED, yearFrom: 2024, yearTo: 2024, fullYearOnly: true) {
          year monthFrom monthTo tonnes yoyChange { previous percent }
        }
      }
    }`);
    const rows = d.country.production;
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ year: 2024, monthFrom: 1, monthTo: 12, tonnes: 697.5 });
    expect(round(rows[0].yoyChange.percent, 1)).toBe(-21.2);
  });

  it('Kazakhstan refined silver January-November 2025: -11.1% vs January-November 2024', async () => {
    const d = await data(`query KazRefinedJanNov2025 {
      country(iso3: "KAZ") {
        production(stage: REFINED, yearFrom: 2025, yearTo: 2025) { year monthFrom monthTo tonnes yoyChange { percent } }
      }
    }`);
    const row = d.country.production.find((r: { monthTo: number }) => r.monthTo === 11);
    expect(row).toMatchObject({ year: 2025, monthFrom: 1, monthTo: 11, tonnes: 567.5 });
    expect(round(row.yoyChange.percent, 1)).toBe(-11.1);
  });

  const totalExports = (year: number) => `query KazExportsTotal {
    country(iso3: "KAZ") {
      exports(metal: SILVER, year: ${year}, partnerIso3: "WLD") {
        year monthFrom monthTo tonnes valueUsd unitPriceUsdPerOz
        tonnesYoyChange { percent } valueYoyChange { percent }
        partner { iso3 }
      }
    }
  }`;

  it('exports to WLD January-October 2025: 34.97 USD/oz', async () => {
    const [flow] = (await data(totalExports(2025))).country.exports;
    expect(flow).toMatchObject({ year: 2025, monthFrom: 1, monthTo: 10, tonnes: 516.8, partner: { iso3: 'WLD' } });
    expect(round(flow.unitPriceUsdPerOz, 2)).toBe(34.97);
  });

  it('exports to WLD January-October 2024: 26.68 USD/oz', async () => {
    const [flow] = (await data(totalExports(2024))).country.exports;
    expect(flow).toMatchObject({ year: 2024, monthFrom: 1, monthTo: 10 });
    expect(round(flow.unitPriceUsdPerOz, 2)).toBe(26.68);
  });

  it('exports January-October 2025: tonnes -9.0% year on year', async () => {
    const [flow] = (await data(totalExports(2025))).country.exports;
    expect(round(flow.tonnesYoyChange.percent, 1)).toBe(-9.0);
  });

  it('exports January-October 2025: value +19.3% year on year', async () => {
    const [flow] = (await data(totalExports(2025))).country.exports;
    expect(round(flow.valueYoyChange.percent, 1)).toBe(19.3);
  });

  it("the UK's share of Kazakhstan's January-October 2025 exports: 0.469", async () => {
    const d = await data(`query KazExportsToUk {
      country(iso3: "KAZ") { exports(year: 2025, partnerIso3: "GBR") { tonnes share partner { iso3 name } } }
    }`);
    const [flow] = d.country.exports;
    expect(flow).toMatchObject({ tonnes: 242.4, partner: { iso3: 'GBR' } });
    expect(round(flow.share, 3)).toBe(0.469);
  });

  it('gold/silver ratio on 2026-01-12: 53.7', async () => {
    const d = await data('query Ratio($date: Date!) { goldSilverRatio(date: $date) }', { date: '2026-01-12' });
    expect(round(d.goldSilverRatio, 1)).toBe(53.7);
  });

  it('silver SPOT on 2026-01-01 against 2025-01-01: ratio 2.33', async () => {
    const d = await data(`query SilverSince {
      pricePoints(filter: { metal: SILVER, kind: SPOT, dateFrom: "2026-01-01", dateTo: "2026-01-01" }) {
        edges { node { date priceUsdPerOz changeSince(date: "2025-01-01") { previous ratio } } }
      }
    }`);
    const [{ node }] = d.pricePoints.edges;
    expect(node).toMatchObject({ date: '2026-01-01', priceUsdPerOz: 72.8 });
    expect(node.changeSince.previous).toBe(31.3);
    expect(round(node.changeSince.ratio, 2)).toBe(2.33);
  });

  // The article's 0.04 is 1,000 / 25,000, MCS 2025's estimates (its figures as of its date); the
  // current values are MCS 2026's reported 850 / 25,300.
  it("Kazakhstan's share of world mine production in 2024: 850 / 25,300 now (the article: 1,000 / 25,000)", async () => {
    const d = await data('query KazWorldShare { country(iso3: "KAZ") { worldShare(metal: SILVER, stage: MINE, year: 2024) } }');
    expect(d.country.worldShare).toBe(0.03359683794); // 850 / 25,300 = 0.0335968379446..., a ratio: 10 significant digits
  });

  it('one nested request: a country with production, exports with partners, and prices', async () => {
    const d = await data(`query KazakhstanOverview {
      country(iso3: "KAZ") {
        iso3 iso2 name isAggregate
        production(stage: REFINED) { year monthFrom monthTo tonnes isEstimate source { name } }
        exports(year: 2025) { tonnes valueUsd share partner { iso3 name isAggregate } }
      }
      pricePoints(filter: { metal: SILVER, kind: SPOT }, first: 10) {
        totalCount
        edges { node { date priceUsdPerOz goldSilverRatio } }
      }
    }`);
    const c = d.country;
    expect(c).toMatchObject({ iso3: 'KAZ', iso2: 'KZ', name: 'Kazakhstan', isAggregate: false });

    const production = c.production.map((p: any) => [p.year, p.monthTo, p.tonnes, p.isEstimate, p.source?.name]);
    expect(production).toEqual(
      expect.arrayContaining([
        [2023, 12, 885.152, true, 'Derived from EnergyProm reported change'],
        [2024, 12, 697.5, false, 'EnergyProm'],
        [2024, 11, 638.358, true, 'Derived from EnergyProm reported change'],
        [2025, 11, 567.5, false, 'EnergyProm'],
      ]),
    );

    const byPartner = Object.fromEntries(c.exports.map((e: any) => [e.partner.iso3, e]));
    expect(byPartner.WLD).toMatchObject({ tonnes: 516.8, valueUsd: 581100000, partner: { isAggregate: true } });
    expect(byPartner.GBR).toMatchObject({ tonnes: 242.4, partner: { name: 'United Kingdom' } });
    expect(byPartner.USA).toMatchObject({ tonnes: 155.4 });
    expect(round(byPartner.USA.share, 3)).toBe(0.301);

    const prices = d.pricePoints.edges.map((e: any) => [e.node.date, e.node.priceUsdPerOz, round(e.node.goldSilverRatio, 1)]);
    expect(prices).toEqual([
      ['2025-01-01', 31.3, 89.3],
      ['2026-01-01', 72.8, 60.3],
      ['2026-01-12', 85.7, 53.7],
    ]);
    expect(d.pricePoints.totalCount).toBe(3);
  });
});
