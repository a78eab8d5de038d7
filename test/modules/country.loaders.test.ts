// Country and source loaders on a real database: by id and by code, each priming the other.
import { createCountryLoaders } from '../../src/modules/country/country.loaders';
import { createSourceLoaders } from '../../src/modules/source/source.loaders';
import { databaseKinds } from '../helpers/db';
import { createCountingDatabase, type CountingDatabase } from './helpers';

describe.each(databaseKinds)('country and source loaders (%s)', (kind) => {
  let db: CountingDatabase;
  let ids: number[];
  let sourceId: number;

  beforeAll(async () => {
    db = await createCountingDatabase(kind);
    ids = (await Promise.all(['CAA', 'CBB'].map((iso3) => db.prisma.country.create({ data: { iso3, name: iso3 } })))).map((c) => c.id);
    sourceId = (await db.prisma.source.create({ data: { name: 'Loader test' } })).id;
  });
  afterAll(() => db?.drop());

  test('countryById: one statement for many ids, missing null, and the codes are primed', async () => {
    const l = createCountryLoaders(db.prisma);
    db.reset();
    const found = await Promise.all([...ids, 999999, ids[0]].map((id) => l.countryById.load(id)));
    expect(found.map((c) => c?.iso3 ?? null)).toEqual(['CAA', 'CBB', null, 'CAA']);
    expect(await l.countryByIso3.load('CBB')).toBe(found[1]);
    expect(db.statements()).toHaveLength(1);
  });

  test('countryByIso3 primes countryById', async () => {
    const l = createCountryLoaders(db.prisma);
    db.reset();
    const c = await l.countryByIso3.load('CAA');
    expect(await l.countryById.load(c!.dbId)).toBe(c);
    expect(await l.countryByIso3.load('ZZZ')).toBeNull();
    expect(db.statements()).toHaveLength(2);
  });

  test('sourceById: one statement; a new set of loaders reads again (nothing cached across requests)', async () => {
    db.reset();
    const s = await createSourceLoaders(db.prisma).sourceById.load(sourceId);
    expect(s?.name).toBe('Loader test');
    await createSourceLoaders(db.prisma).sourceById.load(sourceId);
    expect(db.statements()).toHaveLength(2);
  });
});
