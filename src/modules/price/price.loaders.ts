// Per-request DataLoaders of the price feature.
import DataLoader from 'dataloader';
import type { PrismaClient } from '../../generated/prisma/client';
import { groupBy } from '../../loaders/batch';
import type { PriceKind } from '../common/enums';
import { anySql, distinctOf, priceKindSql, sql } from '../common/sql';
import type { PricePoint } from './price-point.type';
import { selectPrices } from './price.sql';

export interface PriceDateKey {
  kind: PriceKind;
  /** YYYY-MM-DD */
  date: string;
}

const priceDateKeyOf = (k: PriceDateKey) => `${k.kind}|${k.date}`;

export function createPriceLoaders(prisma: PrismaClient) {
  const pricePointById = new DataLoader<number, PricePoint | null>(async function pricePointById(ids) {
    const rows = await selectPrices(prisma, sql`pp.id = ANY(${[...ids]})`, sql`pp.id`);
    const byId = new Map(rows.map((r) => [r.dbId, r]));
    return ids.map((id) => byId.get(id) ?? null);
  });

  /** Every metal's price of a kind on a date (for goldSilverRatio and changeSince), by metal. */
  const pricesByDate = new DataLoader<PriceDateKey, PricePoint[], string>(
    async function pricesByDate(keys) {
      const where = anySql(
        [...groupBy(keys, (k) => k.kind).values()].map(
          (g) => sql`pp.kind = ${priceKindSql(g[0].kind)} AND pp.date = ANY(${distinctOf(g, (k) => k.date)}::date[])`,
        ),
      );
      const rows = await selectPrices(prisma, where, sql`pp.metal, pp.id`);
      const byKey = groupBy(rows, (r) => `${r.kind}|${r.day}`);
      return keys.map((k) => byKey.get(priceDateKeyOf(k)) ?? []);
    },
    { cacheKeyFn: priceDateKeyOf },
  );

  return { pricePointById, pricesByDate };
}

export type PriceLoaders = ReturnType<typeof createPriceLoaders>;
