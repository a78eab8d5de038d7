// An operation's result as a table (docs/api.md "CSV"): the first list in the data (a connection's
// nodes, a plain list, or a series' observations), one row per item, one column per leaf field as a
// dotted path (`partner.iso3`). Pure: the HTTP side is src/csv/middleware.ts.

export interface Table {
  /** The response path of the list, e.g. `country.exports` or `pricePoints.edges.node`. */
  path: string;
  columns: string[];
  items: unknown[];
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const isObject = (v: unknown): v is Record<string, Json> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The items of a list-like value, or null when it is not one. */
function itemsOf(value: unknown, path: string): { items: unknown[]; path: string } | null {
  if (Array.isArray(value)) {
    // A connection's edges: the nodes are the items.
    if (value.length > 0 && value.every((e) => isObject(e) && 'node' in e)) return { items: value.map((e) => (e as Record<string, Json>).node), path: `${path}.node` };
    return { items: value, path };
  }
  return null;
}

/** The first list in document order, depth first (a connection's `edges`/`nodes`, a series' `observations`). */
export function firstList(data: unknown, path = ''): { items: unknown[]; path: string } | null {
  if (!isObject(data)) return null;
  for (const [key, value] of Object.entries(data)) {
    const here = path ? `${path}.${key}` : key;
    const list = itemsOf(value, here);
    if (list) return list;
    const inner = firstList(value, here);
    if (inner) return inner;
  }
  return null;
}

/**
 * Adds the leaf paths of one item, in field order; a list inside an item is one column (its JSON).
 * A path whose object was null in an earlier item goes where that object's column is, so the
 * columns keep the query's order.
 */
function addPaths(value: unknown, prefix: string, into: string[]): void {
  if (isObject(value)) {
    for (const [key, v] of Object.entries(value)) addPaths(v, prefix ? `${prefix}.${key}` : key, into);
    return;
  }
  if (!prefix || into.includes(prefix)) return;
  const parts = prefix.split('.');
  for (let depth = parts.length - 1; depth > 0; depth--) {
    const ancestor = parts.slice(0, depth).join('.');
    let last = -1;
    into.forEach((c, i) => {
      if (c === ancestor || c.startsWith(`${ancestor}.`)) last = i;
    });
    if (last >= 0) {
      into.splice(last + 1, 0, prefix);
      return;
    }
  }
  into.push(prefix);
}

export function tableOf(data: unknown): Table | null {
  const list = firstList(data);
  if (!list) return null;
  const paths: string[] = [];
  for (const item of list.items) addPaths(item, '', paths);
  // An object that is null in one item and has fields in another: its fields are the columns.
  const columns = paths.filter((c) => !paths.some((other) => other.startsWith(`${c}.`)));
  // A list of scalars: one column.
  if (columns.length === 0 && list.items.length > 0) return { path: list.path, columns: ['value'], items: list.items.map((value) => ({ value })) };
  return { path: list.path, columns, items: list.items };
}

/** The cells of one item for the columns: null and missing as empty, lists as JSON, the rest as text. */
export function rowOf(item: unknown, columns: readonly string[]): Array<string | number | boolean | null> {
  return columns.map((column) => {
    let v: unknown = item;
    for (const key of column.split('.')) v = isObject(v) ? v[key] : undefined;
    if (v == null) return null;
    if (typeof v === 'object') return JSON.stringify(v);
    return v as string | number | boolean;
  });
}
