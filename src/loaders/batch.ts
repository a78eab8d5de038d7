// Small helpers for batch functions: group keys, index rows, return results in key order.

/** Groups items by a string key, keeping first-seen order. */
export function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = keyOf(item);
    const g = groups.get(k);
    if (g) g.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

/** Distinct values, in first-seen order. */
export function distinct<T>(values: readonly T[]): T[] {
  return [...new Set(values)];
}

/** `{ OR: [...] }` for several conditions; the condition itself for one. */
export function anyOf<W extends object>(conditions: W[]): W | { OR: W[] } {
  return conditions.length === 1 ? conditions[0] : { OR: conditions };
}
