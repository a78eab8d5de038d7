// The production feature's loaders on a real database: one statement per batch, rows distributed
// to their keys, and what the list loader already knows (the year-earlier row, whole series) asked
// of no statement again.
import { createCountryLoaders } from '../../src/modules/country/country.loaders';
import { createProductionLoaders, previousRowOf } from '../../src/modules/production/production.loaders';
import { databaseKinds } from '../helpers/db';
import { createCountingDatabase, type CountingDatabase } from './helpers';

describe.each(databaseKinds)('production loaders (%s)', (kind) => {
  let db: CountingDatabase;
  let ids: { a: number; b: number; c: number; world: number };

  beforeAll(async () => {
    db = await createCountingDatabase(kind);
    const p = db.prisma;
    const source = await p.source.create({ data: { name: 'Loader test' } });
    const [a, b, c, world] = await Promise.all([
      p.country.create({ data: { iso3: 'PAA', name: 'A' } }),
      p.country.create({ data: { iso3: 'PBB', name: 'B' } }),
      p.country.create({ data: { iso3: 'PCC', name: 'C' } }),
      p.country.create({ data: { iso3: 'WLD', name: 'World', isAggregate: true } }),
    ]);
    ids = { a: a.id, b: b.id, c: c.id, world: world.id };
    const row = (countryId: number, year: number, tonnes: number, monthTo = 12) => ({
      countryId, metal: 'SILVER' as const, stage: 'MINE' as const, year, monthFrom: 1, monthTo, tonnes, sourceId: source.id, isCurrent: true,
    });
    await p.productionYear.createMany({
      data: [
        row(a.id, 2020, 100), row(a.id, 2021, 90), row(a.id, 2022, 80.5), row(a.id, 2022, 70, 11),
        row(b.id, 2021, 50), row(b.id, 2022, 55),
        row(world.id, 2022, 1000),
      ],
    });
  });
  afterAll(() => db?.drop());

  const loaders = () => createProductionLoaders(db.prisma);
  const list = (countryId: number, extra: Partial<{ yearFrom: number; yearTo: number; fullYearOnly: boolean }> = {}) => ({
    asOf: null, countryId, metal: 'SILVER' as const, stage: 'MINE' as const, yearFrom: null, yearTo: null, fullYearOnly: false, ...extra,
  });

  test('productionByCountry: three countries, one statement; rows by stage, year and months, as numbers', async () => {
    const l = loaders();
    db.reset();
    const [a, b, c] = await Promise.all([ids.a, ids.b, ids.c].map((id) => l.productionByCountry.load(list(id))));
    expect(db.statements()).toHaveLength(1);
    expect(a.map((r) => [r.year, r.monthTo, r.tonnes])).toEqual([[2020, 12, 100], [2021, 12, 90], [2022, 11, 70], [2022, 12, 80.5]]);
    expect(b.map((r) => r.tonnes)).toEqual([50, 55]);
    expect(c).toEqual([]);
  });

  test('yearFrom: the year before is read too, so yoyChange of the first year needs no statement; rows outside are not returned', async () => {
    const l = loaders();
    db.reset();
    const rows = await l.productionByCountry.load(list(ids.a, { yearFrom: 2022, fullYearOnly: true }));
    expect(rows.map((r) => r.year)).toEqual([2022]);
    const previous = await previousRowOf(rows[0], l);
    expect(previous?.tonnes).toBe(90);
    expect(db.statements()).toHaveLength(1);
  });

  test('a year-earlier row known missing is null without a statement; one the fetch did not read is loaded (one statement for many)', async () => {
    const l = loaders();
    const rows = await l.productionByCountry.load(list(ids.a));
    db.reset();
    expect(await previousRowOf(rows[0], l)).toBeNull(); // 2020 has no 2019, and the fetch read every year
    expect(db.statements()).toHaveLength(0);
    const unknown = { ...rows[1], previousRow: undefined } as typeof rows[1];
    const other = { ...rows[3], previousRow: undefined } as typeof rows[3];
    const [p1, p2] = await Promise.all([previousRowOf(unknown, l), previousRowOf(other, l)]);
    expect([p1?.year, p2?.year]).toEqual([2020, 2021]);
    expect(db.statements()).toHaveLength(1);
  });

  test('an unbounded fetch primes whole series; a bounded one does not', async () => {
    const l = loaders();
    await l.productionByCountry.load(list(ids.a));
    db.reset();
    const series = await l.productionBySeries.load({ asOf: null, countryId: ids.a, metal: 'SILVER', stage: 'MINE', monthFrom: 1, monthTo: 12 });
    expect(series.map((r) => r.year)).toEqual([2020, 2021, 2022]);
    expect(db.statements()).toHaveLength(0);

    const bounded = loaders();
    await bounded.productionByCountry.load(list(ids.b, { yearFrom: 2022 }));
    db.reset();
    const whole = await bounded.productionBySeries.load({ asOf: null, countryId: ids.b, metal: 'SILVER', stage: 'MINE', monthFrom: 1, monthTo: 12 });
    expect(whole.map((r) => r.year)).toEqual([2021, 2022]);
    expect(db.statements()).toHaveLength(1);
  });

  test('worldProductionByYear and nationalProductionByYear: one statement each for many keys; aggregates are not ranked', async () => {
    const l = loaders();
    db.reset();
    const [world2022, world2021] = await Promise.all([2022, 2021].map((year) => l.worldProductionByYear.load({ asOf: null, metal: 'SILVER', stage: 'MINE', year })));
    expect(world2022?.tonnes).toBe(1000);
    expect(world2021).toBeNull();
    const national = await Promise.all([2022, 2021].map((year) => l.nationalProductionByYear.load({ asOf: null, metal: 'SILVER', stage: 'MINE', year })));
    expect(national[0].map((r) => r.countryId).sort()).toEqual([ids.a, ids.b].sort());
    expect(db.statements()).toHaveLength(2);
  });

  test('productionById: unknown ids are null; loaders are per request (a new set reads again)', async () => {
    const any = (await loaders().productionByCountry.load(list(ids.b)))[0];
    db.reset();
    const l = loaders();
    expect((await Promise.all([l.productionById.load(any.dbId), l.productionById.load(999999)])).map((r) => r?.tonnes ?? null)).toEqual([50, null]);
    await loaders().productionById.load(any.dbId);
    expect(db.statements()).toHaveLength(2);
    // Countries are their own feature's loaders, unaffected.
    expect(typeof createCountryLoaders(db.prisma).countryById.load).toBe('function');
  });
});
