// Per-request DataLoaders of the series feature: a price series' periods by its canonical read
// (the same series asked twice in one request, e.g. under two aliases, is read once), and what is
// stored of a kind of price (read only when an empty series is asked why).
import DataLoader from 'dataloader';
import type { PrismaClient } from '../../generated/prisma/client';
import type { Metal, PriceKind } from '../common/enums';
import { selectPriceCoverage, selectPricePeriods, type PeriodRecord, type PriceCoverageRecord, type PricePeriodsRead } from './series.sql';

const readKeyOf = (r: PricePeriodsRead) =>
  [[...r.metals].sort().join('+'), r.kind, r.frequency, r.aggregation, r.from, r.until, r.asOf, r.ratio ? `${r.ratio.numerator}/${r.ratio.denominator}` : '', r.gaps].join('|');

export interface PriceCoverageKey {
  metal: Metal;
  kind: PriceKind;
  asOf: string | null;
}

const coverageKeyOf = (k: PriceCoverageKey) => `${k.metal}|${k.kind}|${k.asOf}`;

export function createSeriesLoaders(prisma: PrismaClient) {
  /** One statement per distinct read: each groups its own range and metals into periods. */
  const pricePeriods = new DataLoader<PricePeriodsRead, PeriodRecord[], string>(
    async function pricePeriods(reads) {
      return Promise.all(reads.map((r) => selectPricePeriods(prisma, r)));
    },
    { cacheKeyFn: readKeyOf },
  );

  /** One statement per kind and as-of date for every metal asked in a tick. */
  const priceCoverage = new DataLoader<PriceCoverageKey, PriceCoverageRecord, string>(
    async function priceCoverage(keys) {
      const groups = new Map<string, PriceCoverageKey[]>();
      for (const k of keys) {
        const g = `${k.kind}|${k.asOf}`;
        groups.set(g, [...(groups.get(g) ?? []), k]);
      }
      const found = new Map<string, PriceCoverageRecord>();
      await Promise.all(
        [...groups.values()].map(async (g) => {
          const records = await selectPriceCoverage(prisma, { metals: [...new Set(g.map((k) => k.metal))], kind: g[0].kind, asOf: g[0].asOf });
          for (const r of records) found.set(coverageKeyOf({ metal: r.metal, kind: g[0].kind, asOf: g[0].asOf }), r);
        }),
      );
      return keys.map((k) => found.get(coverageKeyOf(k)) ?? { metal: k.metal, stored: 0, firstDate: null, lastDate: null });
    },
    { cacheKeyFn: coverageKeyOf },
  );
  return { pricePeriods, priceCoverage };
}

export type SeriesLoaders = ReturnType<typeof createSeriesLoaders>;
