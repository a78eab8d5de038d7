// Loader priming (src/loaders): production and exports fetched without restricting arguments prime
// the lookups that yoyChange, lowestSince, declineStreak, share and the yoy changes of flows need;
// fetches with year, fullYearOnly or partner arguments must not, or those fields would see only
// the filtered rows. Every case here asks for the computed fields through filtered and unfiltered
// fetches (also nested, so the lookup runs after the fetch) and expects the same answers.
// Over the seeded dataset plus synthetic rows in this file's own database, on every database kind.
import type { PrismaClient } from '../../src/generated/prisma/client';
import { databaseKinds, type TestDatabase } from '../helpers/db';
import { createSeededTestDatabase } from '../helpers/seed';
import { createRefinedSeries } from '../helpers/series';
import { ok, runner, type Run } from './graphql';

async function addSyntheticRows(prisma: PrismaClient): Promise<void> {
  const source = await prisma.source.create({ data: { name: 'Synthetic (priming test)' } });
  // Refined silver of TPR: full years 2018..2023, January-November 2020, 2022, 2023 and 2024; no mine rows.
  const tpr = await createRefinedSeries(prisma, { iso3: 'TPR', name: 'Primeland' }, source.id);
  // Exports of TPR without a WLD row in 2022 (the total is the sum of single-country partners,
  // not the aggregate TPA's row nor a row without tonnes) and with a WLD row without tonnes in 2021.
  const [pa, pb, pc, agg] = await Promise.all([
    prisma.country.create({ data: { iso3: 'TPA', name: 'Partner A' } }),
    prisma.country.create({ data: { iso3: 'TPB', name: 'Partner B' } }),
    prisma.country.create({ data: { iso3: 'TPC', name: 'Partner C' } }),
    prisma.country.create({ data: { iso3: 'TPG', name: 'Partner group', isAggregate: true } }),
  ]);
  const wld = await prisma.country.findUniqueOrThrow({ where: { iso3: 'WLD' } });
  const flow = (partnerId: number, year: number, tonnes: number | null, valueUsd: number | null) => ({
    reporterId: tpr.id, partnerId, metal: 'SILVER' as const, year, tonnes, valueUsd, sourceId: source.id, isCurrent: true,
  });
  await prisma.exportFlow.createMany({
    data: [
      flow(pa.id, 2021, 20, 2e6),
      flow(pb.id, 2021, 60, 6e6),
      flow(wld.id, 2021, null, 9e6),
      flow(pa.id, 2022, 10, 1e6),
      flow(pb.id, 2022, 30, 3e6),
      flow(pc.id, 2022, null, 5e5),
      flow(agg.id, 2022, 1000, 1e8),
    ],
  });
  // Prices of 2090 (a year no other data has): SPOT silver and gold on the 1st..5th of January, no
  // gold on the 3rd; a later source revises silver of the 4th (an as-of read before it sees the first value).
  const later = await prisma.source.create({ data: { name: 'Synthetic revision (priming test)', publishedOn: new Date('2091-06-01') } });
  const price = (metal: 'SILVER' | 'GOLD', day: number, priceUsdPerOz: number, sourceId = source.id, isCurrent = true) => ({
    metal, kind: 'SPOT' as const, date: new Date(Date.UTC(2090, 0, day)), priceUsdPerOz, sourceId, isCurrent,
  });
  await prisma.pricePoint.createMany({
    data: [
      ...[1, 2, 3, 4, 5].map((d) => price('SILVER', d, 20 + d, source.id, d !== 4)),
      ...[1, 2, 4, 5].map((d) => price('GOLD', d, 2000 + 10 * d)),
      price('SILVER', 4, 30, later.id),
    ],
  });
}

/** The 2023 silver production rows (silver is production's default metal) of KAZ, TPR and WLD: [stage, year, monthTo, tonnes]. */
const A_2023 = [
  ['KAZ', [['MINE', 2023, 12, 985], ['REFINED', 2023, 12, 885.152]]],
  ['TPR', [['REFINED', 2023, 11, 650], ['REFINED', 2023, 12, 700]]],
  ['WLD', [['MINE', 2023, 12, 25500]]],
];
/** TPR's seven flows of addSyntheticRows, as exports lists them (by year, the largest first): [year, partner, tonnes]. */
const TPR_FLOWS = [
  [2021, 'TPB', 60],
  [2021, 'TPA', 20],
  [2021, 'WLD', null],
  [2022, 'TPG', 1000],
  [2022, 'TPB', 30],
  [2022, 'TPA', 10],
  [2022, 'TPC', null],
];

describe.each(databaseKinds)('loader priming keeps computed fields complete (%s)', (kind) => {
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

  const FIELDS = `year monthTo tonnes lowestSince yoyChange { previous }`;
  const byPeriod = (rows: any[]) => Object.fromEntries(rows.map((r) => [`${r.year}:${r.monthTo}`, r]));

  describe('production', () => {
    test('yearFrom: yoyChange of the first year still compares with the year before, lowestSince still sees earlier years', async () => {
      const data = await ok(run, `{ country(iso3: "TPR") { production(stage: REFINED, yearFrom: 2022) { ${FIELDS} country { declineStreak } } } }`);
      const rows = byPeriod(data.country.production);
      expect(Object.keys(rows)).toEqual(['2022:11', '2022:12', '2023:11', '2023:12', '2024:11']);
      expect(rows['2022:12'].yoyChange.previous).toBe(850); // 2021, outside the range
      expect(rows['2022:12'].lowestSince).toBe(2019);
      expect(rows['2023:12'].lowestSince).toBe(2019);
      expect(rows['2023:11'].lowestSince).toBe(2020); // Jan-Nov 2020, outside the range
      expect(rows['2022:11'].lowestSince).toBe(2020);
      expect(rows['2022:11'].yoyChange).toBeNull(); // no Jan-Nov 2021
      expect(rows['2024:11'].yoyChange.previous).toBe(650);
      expect(rows['2024:11'].lowestSince).toBeNull();
      // Looked up after the fetch (nested): still the whole series.
      expect(data.country.production.map((r: any) => r.country.declineStreak)).toEqual([3, 3, 3, 3, 3]);
    });

    test('Kazakhstan refined 2024 with yearFrom: 2024 is still -21.2% against 2023', async () => {
      const data = await ok(run, `{ country(iso3: "KAZ") { production(stage: REFINED, yearFrom: 2024) { year monthTo yoyChange { percent previous } lowestSince } } }`);
      const rows = byPeriod(data.country.production);
      expect(Object.keys(rows)).toEqual(['2024:11', '2024:12', '2025:11']);
      // data/production.csv, KAZ refined silver: 2023 885.152 (derived), 2024 697.5; Jan-Nov 2024 638.358
      // (derived), Jan-Nov 2025 567.5. Percentages, 4 decimal places:
      //   100 * (697.5 / 885.152 - 1) = -21.19997469... -> -21.2; 100 * (567.5 / 638.358 - 1) = -11.10004104... -> -11.1.
      expect(rows['2024:12'].yoyChange).toEqual({ percent: -21.2, previous: 885.152 });
      expect(rows['2024:12'].lowestSince).toBeNull(); // 2023 (885.152) is higher
      expect(rows['2025:11'].yoyChange).toEqual({ percent: -11.1, previous: 638.358 });
    });

    test('yearTo: later years still count for declineStreak', async () => {
      const data = await ok(run, `{ country(iso3: "TPR") { production(stage: REFINED, yearTo: 2019) { ${FIELDS} country { declineStreak } } } }`);
      const rows = byPeriod(data.country.production);
      expect(Object.keys(rows)).toEqual(['2018:12', '2019:12']);
      expect(rows['2019:12'].lowestSince).toBe(2018);
      expect(rows['2019:12'].yoyChange.previous).toBe(500);
      expect(rows['2018:12'].yoyChange).toBeNull();
      expect(data.country.production[0].country.declineStreak).toBe(3); // 2021..2023, after the range
    });

    test('fullYearOnly: lowestSince of full years unaffected, partial periods still found elsewhere', async () => {
      const data = await ok(
        run,
        `{ country(iso3: "TPR") { full: production(stage: REFINED, fullYearOnly: true) { ${FIELDS} }
             all: production(stage: REFINED) { ${FIELDS} } } }`,
      );
      const full = byPeriod(data.country.full);
      expect(Object.keys(full)).toEqual(['2018:12', '2019:12', '2020:12', '2021:12', '2022:12', '2023:12']);
      expect([2018, 2019, 2020, 2021, 2022, 2023].map((y) => full[`${y}:12`].lowestSince)).toEqual([null, 2018, 2019, 2019, 2019, 2019]);
      expect(full['2023:12'].yoyChange.previous).toBe(800);
      const all = byPeriod(data.country.all);
      expect(all['2023:11'].lowestSince).toBe(2020);
      for (const k of Object.keys(full)) expect(all[k]).toEqual(full[k]);
    });

    test('fullYearOnly then a nested lookup of the whole series', async () => {
      const data = await ok(run, `{ country(iso3: "WLD") { production(stage: MINE, fullYearOnly: true, yearFrom: 2024) { year lowestSince country { declineStreak(stage: MINE) } } } }`);
      const plain = await ok(run, `{ country(iso3: "WLD") { production(stage: MINE) { year lowestSince } declineStreak(stage: MINE) } }`);
      const fromPlain = plain.country.production
        .filter((r: any) => r.year >= 2024)
        .map((r: any) => ({ year: r.year, lowestSince: r.lowestSince, country: { declineStreak: plain.country.declineStreak } }));
      // data/production.csv, WLD silver MINE from 2024: 2024 and 2025 (full years, one current each).
      expect(fromPlain.map((r: any) => r.year)).toEqual([2024, 2025]);
      expect(data.country.production).toEqual(fromPlain);
    });

    test('both stages fetched unfiltered: an empty stage is empty, the other complete', async () => {
      const data = await ok(run, `{ country(iso3: "TPR") { production { year country { mine: declineStreak(stage: MINE) refined: declineStreak(stage: REFINED) } } } }`);
      expect(data.country.production).toHaveLength(10);
      expect(data.country.production[0].country).toEqual({ mine: null, refined: 3 });
    });

    test('the same answers with and without filters in one request', async () => {
      const data = await ok(
        run,
        `{ countries(filter: { iso3: ["KAZ", "TPR", "WLD"] }) { edges { node { iso3
             a: production(yearFrom: 2023, yearTo: 2023) { stage ${FIELDS} }
             b: production { stage ${FIELDS} } } } } }`,
      );
      // 2023 silver rows: KAZ mine 985 t and refined 885.152 t (derived), WLD mine 25,500 t (data/production.csv);
      // TPR refined full year and January-November (test/helpers/series.ts).
      expect(data.countries.edges.map(({ node }: any) => [node.iso3, node.a.map((r: any) => [r.stage, r.year, r.monthTo, r.tonnes])])).toEqual(A_2023);
      for (const { node } of data.countries.edges) {
        for (const r of node.a) expect(r).toEqual(node.b.find((x: any) => x.stage === r.stage && x.year === r.year && x.monthTo === r.monthTo));
      }
    });
  });

  describe('exports', () => {
    test('year and partner filters: share against the WLD row (0.469), yoy of the WLD flow -9.0', async () => {
      const data = await ok(
        run,
        `{ country(iso3: "KAZ") {
             gbr: exports(year: 2025, partnerIso3: "GBR") { share tonnesYoyChange { percent } }
             y2025: exports(year: 2025) { partner { iso3 } share tonnesYoyChange { percent } valueYoyChange { percent } }
             wld: exports(partnerIso3: "WLD") { year share tonnesYoyChange { percent } valueYoyChange { percent } }
             wld2025: exports(year: 2025, partnerIso3: "WLD") { tonnesYoyChange { percent } } } }`,
      );
      const c = data.country;
      // data/exports.csv, KAZ Jan-Oct: 2025 WLD 516.8 t / USD 581.1m, GBR 242.4 t, USA 155.4 t; 2024 WLD 567.912 t /
      // USD 487,091,366.3 (derived). Shares are ratios, 10 significant digits: 242.4 / 516.8 = 0.46904024767... ->
      // 0.4690402477, 155.4 / 516.8 = 0.30069659442... -> 0.3006965944. Percentages, 4 decimal places:
      // 100 * (516.8 / 567.912 - 1) = -8.99998591... -> -9; 100 * (581.1e6 / 487091366.3 - 1) = 19.30000000084... -> 19.3.
      expect(c.gbr[0].share).toBe(0.4690402477);
      expect(c.gbr[0].tonnesYoyChange).toBeNull();
      expect(c.y2025.map((f: any) => f.partner.iso3)).toEqual(['WLD', 'GBR', 'USA']);
      expect(c.y2025.map((f: any) => f.share)).toEqual([1, 0.4690402477, 0.3006965944]);
      expect(c.y2025[0].tonnesYoyChange.percent).toBe(-9);
      expect(c.y2025[0].valueYoyChange.percent).toBe(19.3);
      expect(c.wld.map((f: any) => f.year)).toEqual([2024, 2025]);
      expect(c.wld.map((f: any) => f.share)).toEqual([1, 1]);
      expect(c.wld[0].tonnesYoyChange).toBeNull();
      expect(c.wld[1].tonnesYoyChange.percent).toBe(-9);
      expect(c.wld[1].valueYoyChange.percent).toBe(19.3);
      expect(c.wld2025[0].tonnesYoyChange.percent).toBe(-9);
    });

    test('year filter in one request, unfiltered in another: the same figures', async () => {
      const q = (args: string) => `{ country(iso3: "KAZ") { exports${args} { year partner { iso3 } share tonnesYoyChange { percent } valueYoyChange { percent } } } }`;
      const all = (await ok(run, q(''))).country.exports;
      const y2025 = (await ok(run, q('(year: 2025)'))).country.exports;
      expect(y2025.map((f: any) => f.partner.iso3)).toEqual(['WLD', 'GBR', 'USA']); // data/exports.csv, KAZ 2025
      expect(y2025).toEqual(all.filter((f: any) => f.year === 2025));
    });

    test('no WLD row (or one without tonnes): share against the sum of single-country partners, without the aggregate', async () => {
      const q = (args: string) =>
        `{ country(iso3: "TPR") { exports${args} { year tonnes share tonnesYoyChange { previous } valueYoyChange { previous } partner { iso3 } } } }`;
      const all = (await ok(run, q(''))).country.exports;
      const share = (year: number, iso3: string) => all.find((f: any) => f.year === year && f.partner.iso3 === iso3)?.share;
      expect(share(2022, 'TPA')).toBe(0.25); // 10 / (10 + 30)
      expect(share(2022, 'TPB')).toBe(0.75);
      expect(share(2022, 'TPG')).toBe(25); // 1000 / 40: the aggregate is not in the total
      expect(share(2022, 'TPC')).toBeNull(); // no tonnes
      expect(share(2021, 'TPA')).toBe(0.25); // WLD row without tonnes: 20 / (20 + 60)
      expect(share(2021, 'WLD')).toBeNull();
      const tpa2022 = all.find((f: any) => f.year === 2022 && f.partner.iso3 === 'TPA');
      expect(tpa2022.tonnesYoyChange).toEqual({ previous: 20 });
      expect(tpa2022.valueYoyChange).toEqual({ previous: 2e6 });
      expect(all.find((f: any) => f.year === 2022 && f.partner.iso3 === 'TPC').tonnesYoyChange).toBeNull();
      // The seven flows of addSyntheticRows, each through a filtered fetch (which reads the lookups from the database).
      expect(all.map((f: any) => [f.year, f.partner.iso3, f.tonnes])).toEqual(TPR_FLOWS);
      for (const f of all) {
        const one = (await ok(run, q(`(year: ${f.year}, partnerIso3: "${f.partner.iso3}")`))).country.exports;
        expect(one).toEqual([f]);
      }
      // And without asking for the partner (the share still tells the aggregate and WLD apart).
      const bare = (await ok(run, `{ country(iso3: "TPR") { exports { share } } }`)).country.exports;
      expect(bare.map((f: any) => f.share)).toEqual(all.map((f: any) => f.share));
    });

    test('imports: the year-earlier flow, fetched with and without a year', async () => {
      const q = (args: string) => `{ country(iso3: "TPA") { imports${args} { year tonnesYoyChange { previous } share } } }`;
      expect((await ok(run, q(''))).country.imports).toEqual([
        { year: 2021, tonnesYoyChange: null, share: 0.25 },
        { year: 2022, tonnesYoyChange: { previous: 20 }, share: 0.25 },
      ]);
      expect((await ok(run, q('(year: 2022)'))).country.imports).toEqual([{ year: 2022, tonnesYoyChange: { previous: 20 }, share: 0.25 }]);
    });
  });

  describe('prices', () => {
    // A page asking for goldSilverRatio, ratioPrices or changeSince reads the prices they compare in
    // its own statement and primes the loader; read one by one (node), the same fields go through the loader.
    const FIELDS = `id date priceUsdPerOz goldSilverRatio ratioPrices { metal priceUsdPerOz } first: changeSince(date: $first) { ratio } ...Since`;
    const FRAGMENT = `fragment Since on PricePoint { third: changeSince(date: "2090-01-03") { absolute } none: changeSince(date: "2090-02-01") { ratio } }`;
    const page = (args: string) =>
      `query ($first: Date!) { pricePoints(filter: { kind: SPOT, dateFrom: "2090-01-01", dateTo: "2090-12-31" }${args}) { edges { node { ${FIELDS} } } } } ${FRAGMENT}`;
    const one = `query ($id: ID!, $first: Date!) { node(id: $id) { ... on PricePoint { ${FIELDS} } } } ${FRAGMENT}`;

    test.each([
      // Nine current SPOT prices in 2090: silver on the 1st..5th, gold on the 1st, 2nd, 4th and 5th.
      ['forward', ', first: 100', 9],
      ['backward', ', last: 3, orderBy: { field: DATE, direction: DESC }', 3],
      ['after a cursor', ', first: 4, order: DATE_DESC', 4],
    ])('%s: the page answers what each price read alone answers', async (_, args, length) => {
      const nodes = (await ok(run, page(args), { first: '2090-01-01' })).pricePoints.edges.map((e: any) => e.node);
      expect(nodes).toHaveLength(length);
      for (const n of nodes) expect((await ok(run, one, { id: n.id, first: '2090-01-01' })).node).toEqual(n);
    });

    test('the values: a missing gold price, a missing date, the current revision', async () => {
      const nodes = (await ok(run, page(', first: 100'), { first: '2090-01-01' })).pricePoints.edges.map((e: any) => e.node);
      const silver = Object.fromEntries(nodes.filter((n: any) => n.ratioPrices.length !== 1 || n.ratioPrices[0].metal === 'SILVER').filter((n: any) => n.priceUsdPerOz < 100).map((n: any) => [n.date, n]));
      expect(silver['2090-01-02'].goldSilverRatio).toBe(91.81818182); // 2020 / 22, a ratio: 10 significant digits
      expect(silver['2090-01-02'].ratioPrices).toEqual([{ metal: 'GOLD', priceUsdPerOz: 2020 }, { metal: 'SILVER', priceUsdPerOz: 22 }]);
      expect(silver['2090-01-03'].goldSilverRatio).toBeNull();
      expect(silver['2090-01-03'].ratioPrices).toEqual([]);
      expect(silver['2090-01-04'].priceUsdPerOz).toBe(30);
      expect(silver['2090-01-04'].goldSilverRatio).toBe(68); // 2040 / 30, the later revision of silver
      expect(silver['2090-01-05'].first.ratio).toBe(1.19047619); // 25 / 21 = 1.190476190476..., 10 significant digits
      expect(silver['2090-01-05'].third.absolute).toBe(2); // 25 - 23
      expect(silver['2090-01-05'].none).toBeNull();
      const gold = nodes.find((n: any) => n.date === '2090-01-05' && n.priceUsdPerOz > 100);
      expect(gold.third).toBeNull(); // no gold on the 3rd
      expect(gold.first.ratio).toBe(1.019900498); // 2050 / 2010 = 1.0199004975..., 10 significant digits
    });

    test('as of a date: the comparisons read the values published by then', async () => {
      const data = await ok(
        run,
        `query ($since: Date!) { pricePoints(filter: { metal: SILVER, kind: SPOT, dateFrom: "2090-01-04", dateTo: "2090-01-05", asOf: "2091-01-01" }) {
          edges { node { date priceUsdPerOz goldSilverRatio changeSince(date: $since) { ratio } } } } }`,
        { since: '2090-01-04' },
      );
      const [fourth, fifth] = data.pricePoints.edges.map((e: any) => e.node);
      expect(fourth).toEqual({ date: '2090-01-04', priceUsdPerOz: 24, goldSilverRatio: 85, changeSince: { ratio: 1 } });
      expect(fifth).toMatchObject({ date: '2090-01-05', priceUsdPerOz: 25, goldSilverRatio: 82 });
      expect(fifth.changeSince.ratio).toBe(1.041666667); // 25 / 24, 10 significant digits
    });

    test('a changeSince date that is not a date is refused by its own resolver, the page still answers', async () => {
      const res = await run(`{ pricePoints(filter: { metal: SILVER, kind: SPOT, dateFrom: "2090-01-01" }, first: 2) { edges { node { goldSilverRatio changeSince(date: "2090-13-01") { ratio } } } } }`);
      expect(res.errors?.[0].message).toMatch(/2090-13-01/);
    });
  });
});
