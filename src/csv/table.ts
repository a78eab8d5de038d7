// An operation's result as a table (docs/api.md "CSV"): one list of the data, one row per item, one
// column per leaf field as a dotted path (`partner.iso3`). Pure: the HTTP side is src/csv/middleware.ts.
//
// Which list: the lists of an answer are the arrays reached from `data` through objects only (an
// array inside a list's items is a cell of that list, never a list of its own). Each is named by its
// response path, aliases as the response has them, dots between keys (`priceSeries.observations`,
// `country.exports`); a connection's list is its `edges` (`pricePoints.edges`, `pricePoints.edges.node`
// is accepted too) and its rows are the nodes. With one list (or one list of objects besides lists of
// scalars such as `metals`), that one; with more, the client names one (`csvPath`), else CsvPathError.

export interface Table {
  /** The response path of the list, e.g. `country.exports` or `pricePoints.edges`. */
  path: string;
  /** The header: dotted field paths, or a metal's name for a price table's values. */
  columns: string[];
  /** Where each column's cell is in an item: a dotted path, numbers indexing arrays (`values.0`). */
  paths: string[];
  items: unknown[];
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const isObject = (v: unknown): v is Record<string, Json> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A list of the answer: its response path, its rows, the object that holds it. */
export interface AnswerList {
  path: string;
  items: unknown[];
  parent: Record<string, Json>;
  /** Every item is a scalar (or a list): not a list of objects. Empty lists count as lists of objects. */
  scalars: boolean;
  /** A connection's edges (the items are the nodes). */
  edges: boolean;
}

/** Why no list could be chosen: the message names what was wrong and `paths` what is accepted. */
export class CsvPathError extends Error {
  constructor(
    message: string,
    readonly paths: string[],
    readonly chosen?: string,
  ) {
    super(message);
    this.name = 'CsvPathError';
  }
}

/** The lists of an answer, in document order (depth first, not into lists). */
export function listsOf(data: unknown, path = '', into: AnswerList[] = []): AnswerList[] {
  if (!isObject(data)) return into;
  for (const [key, value] of Object.entries(data)) {
    const here = path ? `${path}.${key}` : key;
    if (Array.isArray(value)) {
      const edges = value.length > 0 && value.every((e) => isObject(e) && 'node' in e);
      const items = edges ? value.map((e) => (e as Record<string, Json>).node) : value;
      into.push({ path: here, items, parent: data, scalars: items.length > 0 && items.every((i) => !isObject(i)), edges });
    } else listsOf(value, here, into);
  }
  return into;
}

const listing = (paths: string[]) => paths.join(', ');

/**
 * The list to export: `chosen` when given (a list's path; `<edges>.node` for a connection's edges),
 * else the only one. Null when the answer has no list. CsvPathError when `chosen` is not a list of
 * the answer, or when the answer has several lists and none was chosen.
 */
export function chooseList(data: unknown, chosen?: string): AnswerList | null {
  const lists = listsOf(data);
  const paths = lists.map((l) => l.path);
  if (chosen !== undefined) {
    const list = lists.find((l) => l.path === chosen) ?? lists.find((l) => l.edges && `${l.path}.node` === chosen);
    if (list) return list;
    const what = paths.length ? `the answer's lists are ${listing(paths)}` : 'the answer has no list';
    throw new CsvPathError(`CSV path "${chosen}" is not a list of the answer: ${what} (a list's response path, aliases as in the response, dots between keys).`, paths, chosen);
  }
  if (lists.length === 0) return null;
  if (lists.length === 1) return lists[0];
  const ofObjects = lists.filter((l) => !l.scalars);
  if (ofObjects.length === 1) return ofObjects[0];
  throw new CsvPathError(
    `The answer has ${lists.length} lists: choose the one to export as CSV with the csvPath query parameter or the X-CSV-Path header, one of ${listing(paths)}.`,
    paths,
  );
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

/**
 * A price table (Query.priceTable): a list whose parent has `metals` (names) and whose items have
 * `values` in that order. Its `values` column becomes one column per metal, named by the metal,
 * the way FRED downloads several series at once (`date,SILVER,GOLD`). Null when the list is not one.
 */
function namedValues(list: AnswerList): string[] | null {
  const names = list.parent.metals;
  if (!Array.isArray(names) || names.length === 0 || !names.every((n) => typeof n === 'string')) return null;
  const fits = (item: unknown) => isObject(item) && Array.isArray(item.values) && item.values.length === names.length;
  if (list.items.length === 0 || !list.items.every(fits)) return null;
  return names as string[];
}

/** The chosen list (see chooseList) as a table; null when the answer has no list. */
export function tableOf(data: unknown, chosen?: string): Table | null {
  const list = chooseList(data, chosen);
  if (!list) return null;
  const found: string[] = [];
  for (const item of list.items) addPaths(item, '', found);
  // An object that is null in one item and has fields in another: its fields are the columns.
  const columns = found.filter((c) => !found.some((other) => other.startsWith(`${c}.`)));
  // A list of scalars: one column.
  if (columns.length === 0 && list.items.length > 0) return { path: list.path, columns: ['value'], paths: ['value'], items: list.items.map((value) => ({ value })) };
  const metals = columns.includes('values') ? namedValues(list) : null;
  if (!metals) return { path: list.path, columns, paths: columns, items: list.items };
  const at = columns.indexOf('values');
  return {
    path: list.path,
    columns: [...columns.slice(0, at), ...metals, ...columns.slice(at + 1)],
    paths: [...columns.slice(0, at), ...metals.map((_, i) => `values.${i}`), ...columns.slice(at + 1)],
    items: list.items,
  };
}

/**
 * Text that a spreadsheet would run as a formula (OWASP, CSV injection): a cell that starts with
 * `=`, `+`, `-`, `@`, a tab or a carriage return.
 */
export const FORMULA_START = /^[=+\-@\t\r]/;
/** A neutralised cell (what csv-stringify's `quoted_match` quotes). */
export const NEUTRALISED = /^'[=+\-@\t\r]/;

/** Text as a cell: prefixed with `'` when a spreadsheet would read it as a formula. */
export function safeText(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/**
 * The cells of one item at `paths` (a Table's): null and missing as empty, lists and objects as
 * JSON, text neutralised (safeText), numbers and booleans as they are.
 */
export function rowOf(item: unknown, paths: readonly string[]): Array<string | number | boolean | null> {
  return paths.map((path) => {
    let v: unknown = item;
    for (const key of path.split('.')) v = isObject(v) ? v[key] : Array.isArray(v) && /^\d+$/.test(key) ? v[Number(key)] : undefined;
    if (v == null) return null;
    if (typeof v === 'string') return safeText(v);
    if (typeof v === 'object') return safeText(JSON.stringify(v));
    return v as number | boolean;
  });
}
