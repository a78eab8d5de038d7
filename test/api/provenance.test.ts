// Provenance of computed figures and the export summary through the API (docs/domain.md, computed
// fields), on the seeded real dataset, on every database kind.
import { databaseKinds, type TestDatabase } from '../helpers/db';
import { createSeededTestDatabase } from '../helpers/seed';
import { ok, round, runner, type Run } from './graphql';

const DERIVED_CHANGE = 'Derived from EnergyProm reported change';
const DERIVED_RATIO = 'Derived from EnergyProm gold/silver ratio';

describe.each(databaseKinds)('provenance and export summary (%s)', (kind) => {
  let tdb: TestDatabase;
  let run: Run;

  beforeAll(async () => {
    tdb = await createSeededTestDatabase(kind);
    run = runner(tdb.prisma);
  });
  afterAll(async () => {
    await tdb?.drop();
  });

  test('Kazakhstan refined 2024 yoyChange rests on an estimate: 2023 (885.152 t) is derived, and its source is named', async () => {
    const data = await ok(
      run,
      `{ country(iso3: "KAZ") { production(stage: REFINED, yearFrom: 2024) {
          year monthTo isEstimate yoyChange { previous percent isEstimate previousSource { name } } } } }`,
    );
    const byPeriod = Object.fromEntries(data.country.production.map((r: any) => [`${r.year}:${r.monthTo}`, r]));
    const full2024 = byPeriod['2024:12'];
    expect(full2024.isEstimate).toBe(false);
    expect(full2024.yoyChange).toMatchObject({ previous: 885.152, isEstimate: true, previousSource: { name: DERIVED_CHANGE } });
    expect(round(full2024.yoyChange.percent)).toBe(-21.2);
    // January-November 2025 vs the derived January-November 2024 (638.358 t).
    expect(byPeriod['2025:11'].yoyChange).toMatchObject({ previous: 638.358, isEstimate: true, previousSource: { name: DERIVED_CHANGE } });
  });

  test('a change between two reported figures is not an estimate (US mine silver 2024 vs 2023, both MCS 2026)', async () => {
    const data = await ok(
      run,
      `{ country(iso3: "USA") { production(stage: MINE, yearFrom: 2024, yearTo: 2024) { tonnes yoyChange { previous isEstimate previousSource { name } } } } }`,
    );
    expect(data.country.production).toEqual([
      { tonnes: 1050, yoyChange: { previous: 1020, isEstimate: false, previousSource: { name: 'USGS Mineral Commodity Summaries 2026' } } },
    ]);
  });

  test('export flows: the year-earlier change names the derived source; share says it divided by the WLD row (UK 0.469)', async () => {
    const data = await ok(
      run,
      `{ country(iso3: "KAZ") { exports(year: 2025) { partner { iso3 } share shareBasis
          tonnesYoyChange { percent isEstimate previousSource { name } } valueYoyChange { percent isEstimate previousSource { name } } } } }`,
    );
    const byPartner = Object.fromEntries(data.country.exports.map((f: any) => [f.partner.iso3, f]));
    expect(round(byPartner.GBR.share, 3)).toBe(0.469);
    expect(byPartner.GBR.shareBasis).toBe('REPORTER_WORLD_TOTAL');
    expect(byPartner.USA.shareBasis).toBe('REPORTER_WORLD_TOTAL');
    expect(byPartner.WLD.shareBasis).toBe('REPORTER_WORLD_TOTAL');
    expect(round(byPartner.WLD.tonnesYoyChange.percent)).toBe(-9);
    expect(round(byPartner.WLD.valueYoyChange.percent)).toBe(19.3);
    for (const c of [byPartner.WLD.tonnesYoyChange, byPartner.WLD.valueYoyChange]) {
      expect(c).toMatchObject({ isEstimate: true, previousSource: { name: DERIVED_CHANGE } });
    }
    expect(byPartner.GBR.tonnesYoyChange).toBeNull();
  });

  test('a reporter without a WLD row: share divides by the sum of its partners (world -> USA 2024)', async () => {
    const data = await ok(run, `{ country(iso3: "WLD") { exports(year: 2024) { partner { iso3 } tonnes share shareBasis } } }`);
    expect(data.country.exports).toEqual([{ partner: { iso3: 'USA' }, tonnes: 4430, share: 1, shareBasis: 'SUM_OF_PARTNERS' }]);
  });

  test('productionRankOf: Kazakhstan ranks 10th of 14 countries in 2024 mine silver (WLD and XOC are not ranked)', async () => {
    const data = await ok(
      run,
      `{ country(iso3: "KAZ") { productionRank(metal: SILVER, stage: MINE, year: 2024) productionRankOf(metal: SILVER, stage: MINE, year: 2024) }
         world: country(iso3: "WLD") { productionRank(year: 2024) productionRankOf(year: 2024) }
         none: country(iso3: "KAZ") { productionRankOf(year: 1900) }
         rows: productionYears(filter: { metal: SILVER, stage: MINE, yearFrom: 2024, yearTo: 2024, fullYearOnly: true }, first: 100) { edges { node { country { isAggregate } } } } }`,
    );
    const countries = data.rows.edges.filter((e: any) => !e.node.country.isAggregate).length;
    expect(countries).toBe(14);
    expect(data.country).toEqual({ productionRank: 10, productionRankOf: 14 });
    expect(data.world).toEqual({ productionRank: null, productionRankOf: null });
    expect(data.none.productionRankOf).toBeNull();
  });

  test('ratioPrices on 2026-01-12 SPOT: gold 4,602.09 (derived) and silver 85.7 (EnergyProm), ratio 53.7', async () => {
    const data = await ok(
      run,
      `{ pricePoints(filter: { kind: SPOT, dateFrom: "2026-01-12", dateTo: "2026-01-12" }) { edges { node { metal goldSilverRatio
          ratioPrices { metal kind date priceUsdPerOz isEstimate source { name } } } } } }`,
    );
    const points = data.pricePoints.edges.map((e: any) => e.node);
    expect(points.map((p: any) => p.metal).sort()).toEqual(['GOLD', 'SILVER']);
    for (const p of points) {
      expect(p.goldSilverRatio).toBe(53.7);
      expect(p.ratioPrices).toEqual([
        { metal: 'GOLD', kind: 'SPOT', date: '2026-01-12', priceUsdPerOz: 4602.09, isEstimate: true, source: { name: DERIVED_RATIO } },
        { metal: 'SILVER', kind: 'SPOT', date: '2026-01-12', priceUsdPerOz: 85.7, isEstimate: false, source: { name: 'EnergyProm' } },
      ]);
    }
  });

  test('ratioPrices is empty when there is no ratio; changeSince names the earlier price\'s source', async () => {
    const data = await ok(
      run,
      `{ pricePoints(filter: { metal: SILVER, kind: SPOT, dateFrom: "2026-01-01", dateTo: "2026-01-01" }) { edges { node { goldSilverRatio ratioPrices { metal }
          changeSince(date: "2025-01-01") { ratio isEstimate previousSource { name } } } } }
         gold: pricePoints(filter: { metal: GOLD, kind: SPOT, dateFrom: "2026-01-01", dateTo: "2026-01-01" }) { edges { node { changeSince(date: "2025-01-01") { isEstimate previousSource { name } } } } } }`,
    );
    const [silver] = data.pricePoints.edges.map((e: any) => e.node);
    expect(round(silver.changeSince.ratio, 2)).toBe(2.33);
    expect(silver.changeSince).toMatchObject({ isEstimate: false, previousSource: { name: 'EnergyProm' } });
    expect(silver.ratioPrices.map((p: any) => p.metal)).toEqual(['GOLD', 'SILVER']);
    const [gold] = data.gold.edges.map((e: any) => e.node);
    expect(gold.changeSince).toEqual({ isEstimate: true, previousSource: { name: DERIVED_RATIO } });

    // Every date of the dataset has both metals; a silver price alone has no ratio and no prices behind it.
    const source = await tdb.prisma.source.findFirstOrThrow({ where: { name: 'EnergyProm' } });
    const lone = await tdb.prisma.pricePoint.create({
      data: { metal: 'SILVER', kind: 'SPOT', date: new Date('1999-12-31T00:00:00Z'), priceUsdPerOz: 5.4, sourceId: source.id, isCurrent: true },
    });
    try {
      const alone = await ok(run, `{ pricePoints(filter: { kind: SPOT, dateFrom: "1999-12-31", dateTo: "1999-12-31" }) { edges { node { metal goldSilverRatio ratioPrices { metal } } } } }`);
      expect(alone.pricePoints.edges).toEqual([{ node: { metal: 'SILVER', goldSilverRatio: null, ratioPrices: [] } }]);
    } finally {
      await tdb.prisma.pricePoint.delete({ where: { id: lone.id } });
    }
  });

  test('exportSummary: Kazakhstan January-October 2025 is 516.8 t, USD 581.1 million, 34.97 per oz; the UK and US cover 76.97%', async () => {
    const data = await ok(
      run,
      `{ country(iso3: "KAZ") {
          s2025: exportSummary(year: 2025, monthTo: 10) { metal year monthFrom monthTo totalTonnes totalValueUsd unitPriceUsdPerOz partnerCount namedTonnes namedShare totalBasis isEstimate sources { name } }
          s2024: exportSummary(metal: SILVER, year: 2024, monthFrom: 1, monthTo: 10) { totalTonnes unitPriceUsdPerOz partnerCount namedShare totalBasis isEstimate sources { name } }
          fullYear: exportSummary(year: 2025) { totalTonnes }
          gold: exportSummary(metal: GOLD, year: 2025, monthTo: 10) { totalTonnes } } }`,
    );
    const s = data.country.s2025;
    expect(s).toMatchObject({ metal: 'SILVER', year: 2025, monthFrom: 1, monthTo: 10, totalTonnes: 516.8, totalValueUsd: 581100000, partnerCount: 2 });
    expect(round(s.unitPriceUsdPerOz, 2)).toBe(34.97);
    expect(s.namedTonnes).toBeCloseTo(242.4 + 155.4, 9);
    // (242.4 + 155.4) / 516.8: the two named destinations; the rest went to partners the article does not name.
    expect(s.namedShare).toBe(0.7697368421); // 397.8 / 516.8 = 0.76973684210526..., 10 significant digits
    expect(round(s.namedShare, 4)).toBe(0.7697);
    expect([s.totalBasis, s.isEstimate, s.sources]).toEqual(['REPORTER_WORLD_TOTAL', false, [{ name: 'EnergyProm' }]]);
    // 2024's total is derived from the reported change: an estimate, its price 26.68, no named partner.
    expect(data.country.s2024).toEqual({
      totalTonnes: 567.912,
      unitPriceUsdPerOz: expect.any(Number),
      partnerCount: 0,
      namedShare: 0,
      totalBasis: 'REPORTER_WORLD_TOTAL',
      isEstimate: true,
      sources: [{ name: DERIVED_CHANGE }],
    });
    expect(round(data.country.s2024.unitPriceUsdPerOz, 2)).toBe(26.68);
    // Summaries are of stored periods: no full-year 2025 flows, no gold flows.
    expect(data.country.fullYear).toBeNull();
    expect(data.country.gold).toBeNull();
  });

  test('exportSummary of a reporter without a WLD row sums its partners (world -> USA 2024); as of a date it uses the figures then', async () => {
    const data = await ok(
      run,
      `{ country(iso3: "WLD") { exportSummary(year: 2024) { totalTonnes totalValueUsd unitPriceUsdPerOz partnerCount namedShare totalBasis isEstimate sources { name } } }
         then: country(iso3: "WLD", asOf: "2025-06-30") { exportSummary(year: 2024) { totalTonnes sources { name } } exports(year: 2024) { tonnes source { name } } } }`,
    );
    expect(data.country.exportSummary).toEqual({
      totalTonnes: 4430,
      totalValueUsd: null,
      unitPriceUsdPerOz: null,
      partnerCount: 1,
      namedShare: 1,
      totalBasis: 'SUM_OF_PARTNERS',
      isEstimate: false,
      sources: [{ name: 'USGS Mineral Commodity Summaries 2026' }],
    });
    const [then] = data.then.exports;
    expect(data.then.exportSummary).toEqual({ totalTonnes: then.tonnes, sources: [then.source] });
    expect(then.tonnes).not.toBe(4430);
  });

  test('exportSummary refuses bad periods, naming the argument and what is accepted', async () => {
    for (const [args, pattern] of [
      ['year: 2025, monthFrom: 11, monthTo: 10', /monthFrom/],
      ['year: 2025, monthTo: 13', /monthTo.*1\.\.12|1.*12/],
      ['year: 1700', /year/],
    ] as const) {
      const res = await run(`{ country(iso3: "KAZ") { exportSummary(${args}) { totalTonnes } } }`);
      expect(res.errors?.[0]?.message).toMatch(pattern);
      expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    }
  });
});
