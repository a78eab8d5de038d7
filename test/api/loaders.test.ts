// Loader unit tests (no database): a fake Prisma client records calls, so each batch function
// must be called once for N loads, with one findMany whatever N is.
import { createLoaders } from '../../src/loaders';
import type { PrismaClient } from '../../src/generated/prisma/client';

function fakePrisma(rows: Record<string, any[]>) {
  const calls: Array<{ model: string; args: any }> = [];
  const model = (name: string) => ({
    findMany: jest.fn(async (args: any) => {
      calls.push({ model: name, args });
      return rows[name] ?? [];
    }),
  });
  const prisma = {
    country: model('country'),
    source: model('source'),
    productionYear: model('productionYear'),
    exportFlow: model('exportFlow'),
    pricePoint: model('pricePoint'),
  };
  return { prisma: prisma as unknown as PrismaClient, calls };
}

const countryRow = (id: number) => ({ id, iso3: `C${String.fromCharCode(64 + (id % 26) + 1)}A`, iso2: null, name: `Country ${id}`, isAggregate: false });
const productionRow = (id: number, countryId: number, year: number, tonnes: number) => ({
  id, countryId, metal: 'SILVER', stage: 'MINE', year, monthFrom: 1, monthTo: 12, tonnes: { toString: () => String(tonnes) }, isEstimate: false, sourceId: null,
});

describe('createLoaders', () => {
  test('countryById: one findMany for N loads, results in key order, missing ids null', async () => {
    const { prisma, calls } = fakePrisma({ country: [countryRow(3), countryRow(1), countryRow(2)] });
    const loaders = createLoaders(prisma);
    const result = await Promise.all([1, 2, 3, 4, 2].map((id) => loaders.countryById.load(id)));
    expect(calls).toHaveLength(1);
    expect(calls[0].args.where).toEqual({ id: { in: [1, 2, 3, 4] } });
    expect(result.map((c) => c?.dbId ?? null)).toEqual([1, 2, 3, null, 2]);
    // countryById primes countryByIso3: no second call
    await loaders.countryByIso3.load(result[0]!.iso3);
    expect(calls).toHaveLength(1);
  });

  test('productionByCountry: N countries with the same arguments -> one findMany; rows distributed per country', async () => {
    const rows = [productionRow(1, 1, 2023, 10), productionRow(2, 1, 2024, 9), productionRow(3, 2, 2024, 5)];
    const { prisma, calls } = fakePrisma({ productionYear: rows });
    const loaders = createLoaders(prisma);
    const key = { metal: 'SILVER' as const, stage: 'MINE' as const, yearFrom: null, yearTo: null, fullYearOnly: false };
    const [a, b, c] = await Promise.all([1, 2, 3].map((countryId) => loaders.productionByCountry.load({ countryId, ...key })));
    expect(calls).toHaveLength(1);
    expect(calls[0].args.where).toMatchObject({ countryId: { in: [1, 2, 3] }, metal: 'SILVER', stage: 'MINE' });
    expect(a.map((r) => r.year)).toEqual([2023, 2024]);
    expect(b.map((r) => r.tonnes)).toEqual([5]); // Decimal -> number at the edge
    expect(c).toEqual([]);
  });

  test('productionBySeries: yoyChange, lowestSince and declineStreak of many rows share one findMany', async () => {
    const { prisma, calls } = fakePrisma({ productionYear: [productionRow(1, 1, 2023, 10), productionRow(2, 2, 2023, 5)] });
    const loaders = createLoaders(prisma);
    const series = (countryId: number) => ({ countryId, metal: 'SILVER' as const, stage: 'MINE' as const, monthFrom: 1, monthTo: 12 });
    const loads = Array.from({ length: 40 }, (_, i) => loaders.productionBySeries.load(series((i % 2) + 1)));
    const results = await Promise.all(loads);
    expect(calls).toHaveLength(1);
    expect(results[0].map((r) => r.dbId)).toEqual([1]);
    expect(results[1].map((r) => r.dbId)).toEqual([2]);
  });

  test('pricesByDate: goldSilverRatio and changeSince keys batch into one findMany', async () => {
    const date = new Date('2026-01-12T00:00:00Z');
    const price = (id: number, metal: string, p: number) => ({ id, metal, kind: 'SPOT', date, priceUsdPerOz: p, isEstimate: false, sourceId: null });
    const { prisma, calls } = fakePrisma({ pricePoint: [price(1, 'SILVER', 85.7), price(2, 'GOLD', 4602.09)] });
    const loaders = createLoaders(prisma);
    const [onDay, other] = await Promise.all([
      loaders.pricesByDate.load({ kind: 'SPOT', date: '2026-01-12' }),
      loaders.pricesByDate.load({ kind: 'SPOT', date: '2025-01-01' }),
      loaders.pricesByDate.load({ kind: 'SPOT', date: '2026-01-12' }),
    ]);
    expect(calls).toHaveLength(1);
    expect(onDay.map((p) => p.metal)).toEqual(['SILVER', 'GOLD']);
    expect(other).toEqual([]);
  });

  test('loaders are per request: a new set does not reuse the cache', async () => {
    const { prisma, calls } = fakePrisma({ source: [{ id: 1, name: 'USGS', publisher: null, url: null, publishedOn: null, note: null }] });
    await createLoaders(prisma).sourceById.load(1);
    await createLoaders(prisma).sourceById.load(1);
    expect(calls).toHaveLength(2);
  });
});
