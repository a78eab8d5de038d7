// Per-request DataLoader of the series feature: a price series' periods by its canonical read
// (the same series asked twice in one request, e.g. under two aliases, is read once).
import DataLoader from 'dataloader';
import type { PrismaClient } from '../../generated/prisma/client';
import { selectPricePeriods, type PeriodRecord, type PricePeriodsRead } from './series.sql';

const readKeyOf = (r: PricePeriodsRead) =>
  [[...r.metals].sort().join('+'), r.kind, r.frequency, r.aggregation, r.from, r.until, r.asOf].join('|');

export function createSeriesLoaders(prisma: PrismaClient) {
  /** One statement per distinct read: each groups its own range and metals into periods. */
  const pricePeriods = new DataLoader<PricePeriodsRead, PeriodRecord[], string>(
    async function pricePeriods(reads) {
      return Promise.all(reads.map((r) => selectPricePeriods(prisma, r)));
    },
    { cacheKeyFn: readKeyOf },
  );
  return { pricePeriods };
}

export type SeriesLoaders = ReturnType<typeof createSeriesLoaders>;
