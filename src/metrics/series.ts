import { roundRatio } from './units.js';
/** One figure of a yearly series (same country, metal, stage and months). */
export interface YearValue {
  year: number;
  value: number;
}

/**
 * The latest earlier year whose value was <= `current.value` ("the lowest since 2012").
 * Null when no earlier year is as low (a record low in the data) or there is no earlier year.
 */
export function lowestSince(series: ReadonlyArray<YearValue>, current: YearValue): number | null {
  let best: number | null = null;
  for (const p of series) {
    if (p.year < current.year && p.value <= current.value && (best === null || p.year > best)) best = p.year;
  }
  return best;
}

/**
 * How many consecutive years, ending at the latest year of the series, each fell against the
 * year before. Pass full-year figures only. Null when the series is empty; 0 when the latest
 * year did not fall (or has no preceding year). A missing year ends the streak.
 */
export function declineStreak(series: ReadonlyArray<YearValue>): number | null {
  if (series.length === 0) return null;
  const byYear = new Map<number, number>();
  for (const p of series) byYear.set(p.year, p.value);
  let year = Math.max(...byYear.keys());
  let streak = 0;
  while (byYear.has(year - 1) && byYear.get(year)! < byYear.get(year - 1)!) {
    streak++;
    year--;
  }
  return streak;
}

/** part / total; null when either is missing or total is 0. */
export function share(part: number | null | undefined, total: number | null | undefined): number | null {
  if (part == null || total == null || total === 0) return null;
  return roundRatio(part / total);
}

/** Years reserves last at an annual output: reserves / output; null when either is missing or the output is 0. */
export function reserveLifeYears(reserves: number | null | undefined, annualOutput: number | null | undefined): number | null {
  if (reserves == null || annualOutput == null || annualOutput === 0) return null;
  return roundRatio(reserves / annualOutput);
}

/**
 * 1-based competition rank ("1224") of `key` among `entries` by value, highest first: one plus
 * the number of entries with a strictly greater value, so ties share a rank. Null when `key`
 * is not among the entries.
 */
export function rank<K>(entries: ReadonlyArray<{ key: K; value: number }>, key: K): number | null {
  const own = entries.find((e) => e.key === key);
  if (!own) return null;
  return 1 + entries.filter((e) => e.value > own.value).length;
}

/** Gold price / silver price (same kind and date); null when either is missing or silver is 0. */
export function goldSilverRatio(gold: number | null | undefined, silver: number | null | undefined): number | null {
  if (gold == null || silver == null || silver === 0) return null;
  return roundRatio(gold / silver);
}

/** `rank` with how many entries were ranked ("3rd of 24"); null when `key` is not among them. */
export function rankOf<K>(entries: ReadonlyArray<{ key: K; value: number }>, key: K): { rank: number; of: number } | null {
  const r = rank(entries, key);
  return r == null ? null : { rank: r, of: entries.length };
}

/**
 * The two prices a gold/silver ratio divides, gold first: empty when the ratio is null (either is
 * missing or silver is 0), so that a ratio and its prices are always shown together.
 */
export function ratioPrices<P extends { metal: string; priceUsdPerOz: number }>(prices: ReadonlyArray<P>): P[] {
  const gold = prices.find((p) => p.metal === 'GOLD');
  const silver = prices.find((p) => p.metal === 'SILVER');
  if (!gold || !silver || goldSilverRatio(gold.priceUsdPerOz, silver.priceUsdPerOz) == null) return [];
  return [gold, silver];
}
