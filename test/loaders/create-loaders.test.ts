// createLoaders (src/loaders/index.ts): a request's loaders, made by feature when first read.
import DataLoader from 'dataloader';
import type { PrismaClient } from '../../src/generated/prisma/client';
import { createLoaders } from '../../src/loaders';

const prisma = {} as PrismaClient;
const NAMES = ['countryById', 'sourceById', 'productionById', 'exportFlowById', 'pricesByDate', 'pricePointById', 'reservesByCountry', 'pricePeriods', 'revisionWrite'];

/** The features whose loaders a request's set has made so far. */
function featuresMade(loaders: object): number {
  const groups = Object.getOwnPropertySymbols(loaders)
    .map((s) => (loaders as Record<symbol, unknown>)[s])
    .find(Array.isArray) as unknown[];
  return groups.filter((g) => g !== undefined).length;
}

describe('createLoaders', () => {
  test("every feature's loaders are there, one instance per name and request", () => {
    const a = createLoaders(prisma);
    const b = createLoaders(prisma);
    for (const name of NAMES) {
      const loader = (a as unknown as Record<string, unknown>)[name];
      expect(loader).toBeInstanceOf(DataLoader);
      expect((a as unknown as Record<string, unknown>)[name]).toBe(loader);
      expect((b as unknown as Record<string, unknown>)[name]).not.toBe(loader);
    }
    expect(Object.keys(Object.getPrototypeOf(a)).length).toBeGreaterThan(NAMES.length);
  });

  test('a feature is made when one of its loaders is first read, and only that one (trade also makes country)', () => {
    const loaders = createLoaders(prisma);
    expect(featuresMade(loaders)).toBe(0);
    const byDate = loaders.pricesByDate;
    expect(featuresMade(loaders)).toBe(1);
    expect(loaders.pricePointById).toBeInstanceOf(DataLoader);
    expect(loaders.pricesByDate).toBe(byDate);
    expect(featuresMade(loaders)).toBe(1);
    expect(loaders.exportFlowById).toBeInstanceOf(DataLoader);
    expect(featuresMade(loaders)).toBe(3);
  });
});
