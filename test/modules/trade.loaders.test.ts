// The trade feature's loaders on a real database: one statement per batch; an exports fetch
// brings the partner countries (priming countryById), without a partner argument it primes whole
// reporter periods (so `share` reads nothing more), and without a year argument it knows each
// flow's year-earlier flow.
import { createCountryLoaders } from '../../src/modules/country/country.loaders';
import { createTradeLoaders, previousFlowOf, reporterPeriodOf } from '../../src/modules/trade/trade.loaders';
import { databaseKinds } from '../helpers/db';
import { createCountingDatabase, type CountingDatabase } from './helpers';

describe.each(databaseKinds)('trade loaders (%s)', (kind) => {
  let db: CountingDatabase;
  let ids: Record<'rep' | 'a' | 'b' | 'group' | 'world', number>;

  beforeAll(async () => {
    db = await createCountingDatabase(kind);
    const p = db.prisma;
    const source = await p.source.create({ data: { name: 'Loader test' } });
    const make = (iso3: string, isAggregate = false) => p.country.create({ data: { iso3, name: iso3, isAggregate } });
    const [rep, a, b, group, world] = await Promise.all([make('TRP'), make('TAA'), make('TBB'), make('TGG', true), make('WLD', true)]);
    ids = { rep: rep.id, a: a.id, b: b.id, group: group.id, world: world.id };
    const flow = (partnerId: number, year: number, tonnes: number | null) => ({
      reporterId: rep.id, partnerId, metal: 'SILVER' as const, year, tonnes, valueUsd: 1e6, sourceId: source.id, isCurrent: true,
    });
    await p.exportFlow.createMany({
      data: [flow(a.id, 2021, 20), flow(b.id, 2021, 60), flow(a.id, 2022, 10), flow(b.id, 2022, 30), flow(group.id, 2022, 1000), flow(world.id, 2022, 50)],
    });
  });
  afterAll(() => db?.drop());

  const loaders = () => {
    const country = createCountryLoaders(db.prisma);
    return { ...country, ...createTradeLoaders(db.prisma, country) };
  };
  const exportsOf = (countryId: number, year: number | null = null, otherIso3: string | null = null) => ({ asOf: null, countryId, metal: 'SILVER' as const, year, otherIso3 });

  test('exports: by period, the largest first; imports of two partners in one statement', async () => {
    const l = loaders();
    db.reset();
    const flows = await l.exportFlowsByReporter.load(exportsOf(ids.rep));
    expect(flows.map((f) => [f.year, f.tonnes])).toEqual([[2021, 60], [2021, 20], [2022, 1000], [2022, 50], [2022, 30], [2022, 10]]);
    const [ia, ib] = await Promise.all([l.exportFlowsByPartner.load(exportsOf(ids.a)), l.exportFlowsByPartner.load(exportsOf(ids.b))]);
    expect([ia.length, ib.length]).toEqual([2, 2]);
    expect(db.statements()).toHaveLength(2);
  });

  test('share: the WLD row when it has tonnes, else the sum over single countries (not aggregates); primed periods read nothing', async () => {
    const l = loaders();
    const flows = await l.exportFlowsByReporter.load(exportsOf(ids.rep));
    db.reset();
    const totals = await Promise.all(flows.map((f) => l.exportTotalByPeriod.load(reporterPeriodOf(f)).then((t) => t.tonnes)));
    expect(totals).toEqual([80, 80, 50, 50, 50, 50]);
    // The periods and the partners' countries (to tell WLD and aggregates apart) came with the list.
    expect(db.statements()).toHaveLength(0);
  });

  test('a list of exports comes with its partner countries (countryById primed), and a list of imports with its reporters', async () => {
    const l = loaders();
    db.reset();
    const flows = await l.exportFlowsByReporter.load(exportsOf(ids.rep));
    expect(db.statements()).toHaveLength(1);
    const isoOf = new Map([[ids.a, 'TAA'], [ids.b, 'TBB'], [ids.group, 'TGG'], [ids.world, 'WLD']]);
    const partners = await l.countryById.loadMany(flows.map((f) => f.partnerId));
    expect(partners.map((c) => (c instanceof Error ? c : c?.iso3))).toEqual(flows.map((f) => isoOf.get(f.partnerId)));
    expect(db.statements()).toHaveLength(1);

    const imports = await l.exportFlowsByPartner.load({ asOf: null, countryId: flows[0].partnerId, metal: 'SILVER', year: null, otherIso3: null });
    const reporters = await l.countryById.loadMany(imports.map((f) => f.reporterId));
    expect(reporters.map((c) => (c instanceof Error ? c : c?.iso3))).toEqual(imports.map(() => 'TRP'));
    expect(imports.length).toBeGreaterThan(0);
    expect(db.statements()).toHaveLength(2);
  });

  test('share without a primed period: one statement for the periods, one for the partners', async () => {
    const l = loaders();
    db.reset();
    const totals = await Promise.all([2021, 2022].map((year) => l.exportTotalByPeriod.load({ asOf: null, reporterId: ids.rep, metal: 'SILVER', year, monthFrom: 1, monthTo: 12 })));
    // 2021 has no WLD row: TAA + TBB; 2022's WLD row leads (the aggregate TGG is never summed).
    expect(totals.map((t) => [t.tonnes, t.basis, t.used.length])).toEqual([
      [80, 'SUM_OF_PARTNERS', 2],
      [50, 'REPORTER_WORLD_TOTAL', 3],
    ]);
    expect(db.statements()).toHaveLength(2);
  });

  test('a partner filter does not prime periods (they would miss partners)', async () => {
    const l = loaders();
    const [flow] = await l.exportFlowsByReporter.load(exportsOf(ids.rep, 2022, 'TAA'));
    expect(flow.tonnes).toBe(10);
    db.reset();
    expect((await l.exportTotalByPeriod.load(reporterPeriodOf(flow))).tonnes).toBe(50);
    expect(db.statements().length).toBe(2);
  });

  test('year-earlier flows: known without a statement from a list fetch (with or without a year), loaded in one statement otherwise', async () => {
    const all = loaders();
    const flows = await all.exportFlowsByReporter.load(exportsOf(ids.rep));
    db.reset();
    const previous = await Promise.all(flows.map((f) => previousFlowOf(f, all)));
    expect(previous.map((f) => f?.tonnes ?? null)).toEqual([null, null, null, null, 60, 20]);
    expect(db.statements()).toHaveLength(0);

    // A year argument reads the year before in the same statement, but lists only the year asked.
    const one = loaders();
    db.reset();
    const of2022 = await one.exportFlowsByReporter.load(exportsOf(ids.rep, 2022));
    expect(db.statements()).toHaveLength(1);
    expect(of2022.map((f) => f.year)).toEqual([2022, 2022, 2022, 2022]);
    db.reset();
    const earlier = await Promise.all(of2022.map((f) => previousFlowOf(f, one)));
    expect(earlier.map((f) => f?.tonnes ?? null)).toEqual([null, null, 60, 20]);
    expect(db.statements()).toHaveLength(0);

    // A flow read otherwise (by id) loads its year-earlier flow: one statement for all of them.
    const byId = loaders();
    const loose = await Promise.all(of2022.map((f) => byId.exportFlowById.load(f.dbId)));
    db.reset();
    const loaded = await Promise.all(loose.map((f) => previousFlowOf(f!, byId)));
    expect(loaded.map((f) => f?.tonnes ?? null)).toEqual([null, null, 60, 20]);
    expect(db.statements()).toHaveLength(1);
  });
});
