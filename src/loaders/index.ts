// Per-request DataLoaders, composed from the features' own loader factories
// (src/modules/<feature>/<feature>.loaders.ts). Every relation and every lookup a computed field
// needs goes through one of them, so a request makes one SQL statement per loader it touches (per
// tick), whatever the number of rows.
import 'reflect-metadata';
import type { PrismaClient } from '../generated/prisma/client';
import { createCountryLoaders } from '../modules/country/country.loaders';
import { createPriceLoaders } from '../modules/price/price.loaders';
import { createProductionLoaders } from '../modules/production/production.loaders';
import { createReserveLoaders } from '../modules/reserves/reserves.loaders';
import { createRevisionLoaders } from '../modules/revisions/revisions.loaders';
import { createSeriesLoaders } from '../modules/series/series.loaders';
import { createSourceLoaders } from '../modules/source/source.loaders';
import { createTradeLoaders } from '../modules/trade/trade.loaders';

/** Every feature's loaders, by name. */
export type Loaders = ReturnType<typeof createCountryLoaders> &
  ReturnType<typeof createSourceLoaders> &
  ReturnType<typeof createProductionLoaders> &
  ReturnType<typeof createTradeLoaders> &
  ReturnType<typeof createPriceLoaders> &
  ReturnType<typeof createReserveLoaders> &
  ReturnType<typeof createSeriesLoaders> &
  ReturnType<typeof createRevisionLoaders>;

/**
 * Each feature's loaders, made from the request's client. Trade's prime country's, so its factory
 * gets the request's loaders too.
 */
const FEATURES: ReadonlyArray<(prisma: PrismaClient, loaders: Loaders) => object> = [
  (prisma) => createCountryLoaders(prisma),
  (prisma) => createSourceLoaders(prisma),
  (prisma) => createProductionLoaders(prisma),
  (prisma, loaders) => createTradeLoaders(prisma, loaders),
  (prisma) => createPriceLoaders(prisma),
  (prisma) => createReserveLoaders(prisma),
  (prisma) => createSeriesLoaders(prisma),
  (prisma) => createRevisionLoaders(prisma),
];

/** The names each feature gives its loaders, read from one set made without a client (the factories only construct loaders). */
const NAMES = FEATURES.map((make) => Object.keys(make(null as unknown as PrismaClient, {} as Loaders)));

const PRISMA = Symbol('prisma');
const GROUPS = Symbol('feature loaders');
interface LazyLoaders {
  [PRISMA]: PrismaClient;
  /** Each feature's loaders, once one of them has been read. */
  [GROUPS]: Array<Record<string, unknown> | undefined>;
}

// A request's loaders are made by feature when one of them is first read: a request reads one or
// two features' of about thirty loaders, and the rest (each with its caches) lived, unused, for the
// whole request, long enough to be promoted to the old generation under load.
const lazyLoaders = {};
const seen = new Set<string>();
FEATURES.forEach((make, i) => {
  for (const name of NAMES[i]) {
    if (seen.has(name)) throw new Error(`createLoaders: two features name a loader "${name}"`);
    seen.add(name);
    Object.defineProperty(lazyLoaders, name, {
      enumerable: true,
      get(this: LazyLoaders) {
        const groups = this[GROUPS];
        const group = groups[i] ?? (groups[i] = make(this[PRISMA], this as unknown as Loaders) as Record<string, unknown>);
        return group[name];
      },
    });
  }
});

export function createLoaders(prisma: PrismaClient): Loaders {
  const loaders = Object.create(lazyLoaders) as LazyLoaders;
  loaders[PRISMA] = prisma;
  loaders[GROUPS] = new Array(FEATURES.length);
  return loaders as unknown as Loaders;
}
