// The price feature's loaders on a real database: prices on many dates in one statement.
import { createPriceLoaders } from '../../src/modules/price/price.loaders';
import { databaseKinds } from '../helpers/db';
import { createCountingDatabase, type CountingDatabase } from './helpers';

describe.each(databaseKinds)('price loaders (%s)', (kind) => {
  let db: CountingDatabase;
  let silverId: number;

  beforeAll(async () => {
    db = await createCountingDatabase(kind);
    const p = db.prisma;
    const source = await p.source.create({ data: { name: 'Loader test' } });
    const date = new Date('2026-01-12T00:00:00Z');
    const silver = await p.pricePoint.create({ data: { metal: 'SILVER', kind: 'SPOT', date, priceUsdPerOz: 85.7, sourceId: source.id, isCurrent: true } });
    await p.pricePoint.create({ data: { metal: 'GOLD', kind: 'SPOT', date, priceUsdPerOz: 4602.09, sourceId: source.id, isCurrent: true } });
    await p.pricePoint.create({ data: { metal: 'SILVER', kind: 'MONTHLY_AVERAGE', date: new Date('2026-01-01T00:00:00Z'), priceUsdPerOz: 92.062, sourceId: source.id, isCurrent: true } });
    silverId = silver.id;
  });
  afterAll(() => db?.drop());

  test('pricesByDate: keys of several dates and kinds in one statement; by metal; numbers and YYYY-MM-DD days', async () => {
    const l = createPriceLoaders(db.prisma);
    db.reset();
    const [onDay, none, monthly, again] = await Promise.all([
      l.pricesByDate.load({ asOf: null, kind: 'SPOT', date: '2026-01-12' }),
      l.pricesByDate.load({ asOf: null, kind: 'SPOT', date: '2025-01-01' }),
      l.pricesByDate.load({ asOf: null, kind: 'MONTHLY_AVERAGE', date: '2026-01-01' }),
      l.pricesByDate.load({ asOf: null, kind: 'SPOT', date: '2026-01-12' }),
    ]);
    expect(db.statements()).toHaveLength(1);
    expect(onDay.map((p) => [p.metal, p.priceUsdPerOz, p.day])).toEqual([['SILVER', 85.7], ['GOLD', 4602.09]].map(([m, v]) => [m, v, '2026-01-12']));
    expect(none).toEqual([]);
    expect(monthly.map((p) => p.priceUsdPerOz)).toEqual([92.062]);
    expect(again).toBe(onDay);
  });

  test('pricePointById: found and missing in one statement', async () => {
    const l = createPriceLoaders(db.prisma);
    db.reset();
    const [found, missing] = await Promise.all([l.pricePointById.load(silverId), l.pricePointById.load(999999)]);
    expect(found?.date).toBe('2026-01-12');
    expect(missing).toBeNull();
    expect(db.statements()).toHaveLength(1);
  });
});
