// Figure fields (worldShareFigure, productionRankFigure, reserveLifeYearsFigure, goldSilverRatioFigure):
// the plain computed value with whether it rests on an estimate and which sources it read, on the
// seeded dataset, on every database kind. Expected values are worked out by hand from data/*.csv.
import { databaseKinds, type TestDatabase } from '../helpers/db';
import { createSeededTestDatabase } from '../helpers/seed';
import { ok, runner, type Run } from './graphql';

// Sources come out by id, i.e. in the order of data/sources.csv (the importer stores them in order).
const ENERGYPROM = 'EnergyProm';
const DERIVED_RATIO = 'Derived from EnergyProm gold/silver ratio';
const MCS2025 = 'USGS Mineral Commodity Summaries 2025';
const MCS2026 = 'USGS Mineral Commodity Summaries 2026';
const PINK_SHEET = 'World Bank Pink Sheet';

const FIGURE = '{ value isEstimate sources { name } }';
const names = (f: { sources: Array<{ name: string }> }) => f.sources.map((s) => s.name);
const NO_FIGURE = { value: null, isEstimate: false, sources: [] };

describe.each(databaseKinds)('computed figures with their sources (%s)', (kind) => {
  let tdb: TestDatabase;
  let run: Run;

  beforeAll(async () => {
    tdb = await createSeededTestDatabase(kind);
    run = runner(tdb.prisma);
  });
  afterAll(async () => {
    await tdb?.drop();
  });

  describe('Country.worldShareFigure', () => {
    test('Kazakhstan mine silver 2024: current 850 / 25,300 (both MCS 2026, reported); as of 2026-01-15, 1,000 / 25,000 (both MCS 2025 estimates)', async () => {
      const data = await ok(
        run,
        `{ now: country(iso3: "KAZ") { worldShare(metal: SILVER, stage: MINE, year: 2024) worldShareFigure(metal: SILVER, stage: MINE, year: 2024) ${FIGURE} }
           then: country(iso3: "KAZ", asOf: "2026-01-15") { worldShare(year: 2024) worldShareFigure(year: 2024) ${FIGURE} } }`,
      );
      expect(data.now.worldShareFigure.value).toBe(0.03359683794); // 850 / 25,300 = 0.0335968379446..., a ratio: 10 significant digits
      expect(data.now.worldShareFigure.value).toBe(data.now.worldShare);
      expect(data.now.worldShareFigure.isEstimate).toBe(false);
      expect(names(data.now.worldShareFigure)).toEqual([MCS2026]);
      expect(data.then.worldShareFigure).toEqual({ value: 0.04, isEstimate: true, sources: [{ name: MCS2025 }] });
      expect(data.then.worldShare).toBe(0.04);
    });

    test("two editions: US mine silver 2023 is current in MCS 2026 (1,020 t), the world's in MCS 2025 (25,500 t)", async () => {
      const data = await ok(run, `{ country(iso3: "USA") { worldShareFigure(year: 2023) ${FIGURE} } }`);
      // The WLD estimates of 2023 (MCS 2024's 26,000 t and the derived 26,595.745 t) are outranked by MCS 2025's reported figure.
      expect(data.country.worldShareFigure).toEqual({ value: 0.04, isEstimate: false, sources: [{ name: MCS2025 }, { name: MCS2026 }] });
    });

    test("an estimate on the country's side only: Indonesia's gold 2023 (100 t, estimated) of the world's 3,250 t (reported)", async () => {
      const data = await ok(
        run,
        `{ idn: country(iso3: "IDN") { worldShareFigure(metal: GOLD, year: 2023) ${FIGURE} }
           aus: country(iso3: "AUS") { worldShareFigure(metal: GOLD, year: 2023) ${FIGURE} } }`,
      );
      expect(data.idn.worldShareFigure.value).toBe(0.03076923077); // 100 / 3,250 = 0.0307692307692...
      expect(data.idn.worldShareFigure.isEstimate).toBe(true);
      expect(names(data.idn.worldShareFigure)).toEqual([MCS2025]);
      expect(data.aus.worldShareFigure.value).toBe(0.09107692308); // 296 / 3,250 = 0.0910769230769...
      expect(data.aus.worldShareFigure.isEstimate).toBe(false);
    });

    test('no figure: a year without data, and a date before any edition gave the US row', async () => {
      const data = await ok(
        run,
        `{ none: country(iso3: "KAZ") { worldShare(year: 1990) worldShareFigure(year: 1990) ${FIGURE} }
           early: country(iso3: "USA", asOf: "2025-01-01") { worldShareFigure(year: 2023) ${FIGURE} } }`,
      );
      expect(data.none).toEqual({ worldShare: null, worldShareFigure: NO_FIGURE });
      // WLD 2023 existed then (MCS 2024's estimate), the US row did not: the figure names no source.
      expect(data.early.worldShareFigure).toEqual(NO_FIGURE);
    });
  });

  describe('Country.productionRankFigure', () => {
    test('Kazakhstan mine silver 2024: 10th of 14, every ranked row from MCS 2026; as of 2026-01-15, 9th (tied with Australia at 1,000 t), all MCS 2025 estimates', async () => {
      const data = await ok(
        run,
        `{ now: country(iso3: "KAZ") { productionRank(year: 2024) productionRankFigure(metal: SILVER, stage: MINE, year: 2024) ${FIGURE} }
           then: country(iso3: "KAZ", asOf: "2026-01-15") { productionRank(year: 2024) productionRankFigure(year: 2024) ${FIGURE} } }`,
      );
      expect(data.now).toEqual({ productionRank: 10, productionRankFigure: { value: 10, isEstimate: false, sources: [{ name: MCS2026 }] } });
      expect(data.then).toEqual({ productionRank: 9, productionRankFigure: { value: 9, isEstimate: true, sources: [{ name: MCS2025 }] } });
    });

    test("the sources of every ranked row, not only the country's own: Kazakhstan 2023 (MCS 2025) ranks among the US row of MCS 2026", async () => {
      const data = await ok(run, `{ country(iso3: "KAZ") { productionRankFigure(year: 2023) ${FIGURE} } }`);
      expect(data.country.productionRankFigure).toEqual({ value: 10, isEstimate: false, sources: [{ name: MCS2025 }, { name: MCS2026 }] });
    });

    test("an estimate among the other rows: Australia's gold 2023 (296 t, reported) ranks 3rd among rows where Indonesia and Mali are estimated", async () => {
      const data = await ok(
        run,
        `{ country(iso3: "AUS") { production(metal: GOLD, stage: MINE, yearFrom: 2023, yearTo: 2023) { isEstimate } productionRankFigure(metal: GOLD, year: 2023) ${FIGURE} } }`,
      );
      expect(data.country.production).toEqual([{ isEstimate: false }]);
      expect(data.country.productionRankFigure).toEqual({ value: 3, isEstimate: true, sources: [{ name: MCS2025 }] });
    });

    test('no figure: an aggregate is not ranked, nor a country in a year without rows', async () => {
      const data = await ok(
        run,
        `{ wld: country(iso3: "WLD") { productionRankFigure(year: 2024) ${FIGURE} }
           none: country(iso3: "KAZ") { productionRankFigure(year: 1990) ${FIGURE} } }`,
      );
      expect(data.wld.productionRankFigure).toEqual(NO_FIGURE);
      expect(data.none.productionRankFigure).toEqual(NO_FIGURE);
    });
  });

  describe('Country.reserveLifeYearsFigure', () => {
    test('US silver 2024: 23,000 t reserves / 1,050 t (both MCS 2026); as of 2026-01-15, 23,000 / 1,100 (MCS 2025, the output an estimate)', async () => {
      const data = await ok(
        run,
        `{ now: country(iso3: "USA") { reserveLifeYears(year: 2024) reserveLifeYearsFigure(metal: SILVER, year: 2024) ${FIGURE} }
           then: country(iso3: "USA", asOf: "2026-01-15") { reserveLifeYearsFigure(year: 2024) ${FIGURE} } }`,
      );
      expect(data.now.reserveLifeYearsFigure.value).toBe(21.9047619); // 23,000 / 1,050 = 21.904761904..., 10 significant digits
      expect(data.now.reserveLifeYearsFigure.value).toBe(data.now.reserveLifeYears);
      expect(data.now.reserveLifeYearsFigure.isEstimate).toBe(false);
      expect(names(data.now.reserveLifeYearsFigure)).toEqual([MCS2026]);
      expect(data.then.reserveLifeYearsFigure.value).toBe(20.90909091); // 23,000 / 1,100 = 20.909090909...
      expect(data.then.reserveLifeYearsFigure.isEstimate).toBe(true);
      expect(names(data.then.reserveLifeYearsFigure)).toEqual([MCS2025]);
    });

    test("two editions: Australia's current reserves (91,000 t, MCS 2026) over its 2023 output (1,030 t, MCS 2025)", async () => {
      const data = await ok(run, `{ country(iso3: "AUS") { reserveLifeYearsFigure(year: 2023) ${FIGURE} } }`);
      expect(data.country.reserveLifeYearsFigure.value).toBe(88.34951456); // 91,000 / 1,030 = 88.349514563...
      expect(names(data.country.reserveLifeYearsFigure)).toEqual([MCS2025, MCS2026]);
      expect(data.country.reserveLifeYearsFigure.isEstimate).toBe(false);
    });

    test('no figure: Kazakhstan has no silver reserves row (NA in USGS), though its 2024 output is stored', async () => {
      const data = await ok(
        run,
        `{ country(iso3: "KAZ") { reserves { tonnes } production(stage: MINE, yearFrom: 2024, yearTo: 2024) { tonnes } reserveLifeYears(year: 2024) reserveLifeYearsFigure(year: 2024) ${FIGURE} } }`,
      );
      expect(data.country.reserves).toBeNull();
      expect(data.country.production).toEqual([{ tonnes: 850 }]);
      expect(data.country.reserveLifeYears).toBeNull();
      expect(data.country.reserveLifeYearsFigure).toEqual(NO_FIGURE);
    });
  });

  describe('Query.goldSilverRatioFigure and goldSilverRatio(asOf)', () => {
    test('SPOT on 2026-01-12: 4,602.09 (derived, an estimate) / 85.7 (EnergyProm) = 53.7', async () => {
      const data = await ok(
        run,
        `{ goldSilverRatio(date: "2026-01-12") goldSilverRatioFigure(date: "2026-01-12", kind: SPOT) ${FIGURE}
           sameDay: goldSilverRatioFigure(date: "2026-01-12", asOf: "2026-01-12") ${FIGURE} }`,
      );
      expect(data.goldSilverRatio).toBe(53.7);
      expect(data.goldSilverRatioFigure.value).toBe(data.goldSilverRatio);
      expect(data.goldSilverRatioFigure.isEstimate).toBe(true);
      expect(names(data.goldSilverRatioFigure)).toEqual([ENERGYPROM, DERIVED_RATIO]);
      // Published on the day counts as published by then.
      expect(data.sameDay).toEqual(data.goldSilverRatioFigure);
    });

    test('asOf a date before the article: neither price was published, so no ratio', async () => {
      const data = await ok(
        run,
        `{ goldSilverRatio(date: "2026-01-12", asOf: "2026-01-11") goldSilverRatioFigure(date: "2026-01-12", asOf: "2026-01-11") ${FIGURE} }`,
      );
      expect(data.goldSilverRatio).toBeNull();
      expect(data.goldSilverRatioFigure).toEqual(NO_FIGURE);
    });

    test("monthly averages of January 2025: 2,709.69 / 30.411, both the Pink Sheet's reported figures; none before its publication (2026-03-03)", async () => {
      const data = await ok(
        run,
        `{ now: goldSilverRatioFigure(date: "2025-01-01", kind: MONTHLY_AVERAGE) ${FIGURE}
           then: goldSilverRatio(date: "2025-01-01", kind: MONTHLY_AVERAGE, asOf: "2026-03-02")
           published: goldSilverRatio(date: "2025-01-01", kind: MONTHLY_AVERAGE, asOf: "2026-03-03") }`,
      );
      expect(data.now.value).toBe(89.10229851); // 2,709.69 / 30.411 = 89.102298510..., 10 significant digits
      expect(data.now.isEstimate).toBe(false);
      expect(names(data.now)).toEqual([PINK_SHEET]);
      expect(data.then).toBeNull();
      expect(data.published).toBe(89.10229851); // as of the publication date itself: counts
    });

    test('no figure: a date without prices', async () => {
      const data = await ok(run, `{ goldSilverRatio(date: "1900-01-01") goldSilverRatioFigure(date: "1900-01-01") ${FIGURE} }`);
      expect(data).toEqual({ goldSilverRatio: null, goldSilverRatioFigure: NO_FIGURE });
    });

    test('a malformed asOf is refused as user input', async () => {
      const res = await run(`{ goldSilverRatioFigure(date: "2026-01-12", asOf: "2026-13-01") { value } }`);
      expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(res.errors?.[0]?.message).toMatch(/month between 01 and 12/);
    });
  });

  test('every country: the plain fields and their figures agree, current and as of 2026-01-15', async () => {
    for (const asOf of [null, '2026-01-15']) {
      const data = await ok(
        run,
        `query($asOf: Date) { countries(first: 100, asOf: $asOf) { edges { node { iso3
            worldShare(year: 2024) worldShareFigure(year: 2024) { value }
            productionRank(year: 2024) productionRankFigure(year: 2024) { value }
            reserveLifeYears(year: 2024) reserveLifeYearsFigure(year: 2024) { value } } } } }`,
        { asOf },
      );
      const nodes = data.countries.edges.map((e: any) => e.node);
      expect(nodes.filter((n: any) => n.productionRank != null)).toHaveLength(14);
      for (const n of nodes) {
        expect([n.iso3, n.worldShareFigure.value, n.productionRankFigure.value, n.reserveLifeYearsFigure.value]).toEqual([
          n.iso3,
          n.worldShare,
          n.productionRank,
          n.reserveLifeYears,
        ]);
      }
    }
  });
});
