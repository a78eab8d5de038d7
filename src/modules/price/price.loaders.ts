// Per-request DataLoaders of the price feature.
import DataLoader from 'dataloader';
import type { PrismaClient } from '../../generated/prisma/client';
import { groupBy } from '../../loaders/batch';
import { KnownValuesLoader } from '../../loaders/known-values';
import type { Metal, PriceKind } from '../common/enums';
import { anySql, distinctOf, metalSql, priceKindSql, sql } from '../common/sql';
import type { PricePoint } from './price-point.type';
import { selectPriceRevisions, selectPrices } from './price.sql';

export interface PriceDateKey {
  /** null: current values; YYYY-MM-DD: as of that date. */
  asOf: string | null;
  kind: PriceKind;
  /** YYYY-MM-DD */
  date: string;
}

/** One price observation: a metal's price of a kind on a date. */
export interface PriceObservationKey extends PriceDateKey {
  metal: Metal;
}

/** The pricesByDate key of a price's own kind and date. */
export const priceDateOf = (p: PricePoint): PriceDateKey => ({ asOf: p.asOf, kind: p.kind, date: p.day });
const priceDateKeyOf = (k: PriceDateKey) => `${k.asOf}|${k.kind}|${k.date}`;
const observationKeyOf = (k: PriceObservationKey) => `${priceDateKeyOf(k)}|${k.metal}`;
export const priceObservationOf = (p: PricePoint): PriceObservationKey => ({ asOf: p.asOf, kind: p.kind, date: p.day, metal: p.metal });

const datesWhere = (keys: readonly PriceDateKey[]) =>
  anySql(
    [...groupBy(keys, (k) => k.kind).values()].map(
      (g) => sql`pp.kind = ${priceKindSql(g[0].kind)} AND pp.date = ANY(${distinctOf(g, (k) => k.date)}::date[])`,
    ),
  );

/**
 * Primes pricesByDate with what a page read brought (selectPricesWithDays): each price's kind and
 * date with `sameDay[i]` (lazily: the page's own fields read `sameDay` directly, so a key is made
 * only for a date asked for again), and each of the page's kinds on the `since` dates with the
 * `alsoOn` prices (a key with none gets []: no price is the answer).
 */
export function primeComparedPrices(
  loader: KnownValuesLoader<PriceDateKey, PricePoint[], string>,
  read: { prices: readonly PricePoint[]; sameDay: readonly PricePoint[][]; alsoOn: readonly PricePoint[] },
  asOf: string | null,
  since: readonly string[],
): void {
  let byDate: Map<string, PricePoint[]> | undefined;
  loader.primeFrom((key) => {
    if (!byDate) {
      byDate = new Map();
      // The first price of a kind and date wins, as when each was primed in turn.
      read.prices.forEach((p, i) => {
        const k = priceDateKeyOf(priceDateOf(p));
        if (!byDate!.has(k)) byDate!.set(k, read.sameDay[i] as PricePoint[]);
      });
    }
    return byDate.get(priceDateKeyOf(key));
  });
  const byKey = groupBy(read.alsoOn, (r) => priceDateKeyOf(priceDateOf(r)));
  for (const kind of new Set(read.prices.map((p) => p.kind))) {
    for (const date of since) {
      const key = { asOf, kind, date };
      loader.prime(key, byKey.get(priceDateKeyOf(key)) ?? []);
    }
  }
}

export function createPriceLoaders(prisma: PrismaClient) {
  /** A revision by database id (any revision, current or not: `node(id:)`). */
  const pricePointById = new DataLoader<number, PricePoint | null>(async function pricePointById(ids) {
    const rows = await selectPriceRevisions(prisma, sql`pp.id = ANY(${[...ids]})`, null);
    const byId = new Map(rows.map((r) => [r.dbId, r]));
    return ids.map((id) => byId.get(id) ?? null);
  });

  /**
   * Every metal's price of a kind on a date (for goldSilverRatio and changeSince), by metal; what a
   * page primed is read synchronously (loadNow).
   */
  const pricesByDate = new KnownValuesLoader<PriceDateKey, PricePoint[], string>(
    async function pricesByDate(keys) {
      const scopes = groupBy(keys, (k) => String(k.asOf));
      const rows = (
        await Promise.all([...scopes.values()].map((g) => selectPrices(prisma, { asOf: g[0].asOf, keyWhere: datesWhere(g), orderBy: sql`pp.metal, pp.id` })))
      ).flat();
      const byKey = groupBy(rows, (r) => priceDateKeyOf(priceDateOf(r)));
      return keys.map((k) => byKey.get(priceDateKeyOf(k)) ?? []);
    },
    { cacheKeyFn: priceDateKeyOf },
  );

  /** Every revision of one price (published by the key's as-of date), oldest publication first. */
  const priceRevisions = new DataLoader<PriceObservationKey, PricePoint[], string>(
    async function priceRevisions(keys) {
      const scopes = groupBy(keys, (k) => String(k.asOf));
      const rows = (
        await Promise.all(
          [...scopes.values()].map((g) =>
            selectPriceRevisions(prisma, sql`(${datesWhere(g)}) AND ${anySql(distinctOf(g, (k) => k.metal).map((m) => sql`pp.metal = ${metalSql(m)}`))}`, g[0].asOf),
          ),
        )
      ).flat();
      const byKey = groupBy(rows, (r) => observationKeyOf(priceObservationOf(r)));
      return keys.map((k) => byKey.get(observationKeyOf(k)) ?? []);
    },
    { cacheKeyFn: observationKeyOf },
  );

  return { pricePointById, pricesByDate, priceRevisions };
}

export type PriceLoaders = ReturnType<typeof createPriceLoaders>;

