// Relay connections: `edges { cursor node }`, `pageInfo`, `totalCount`; paging with `first` (default
// 20, at most 100) and `after`, and on connections ordered by date also `last` and `before`.
// Keyset paging: a cursor holds its row's sort-key values (base64 of
// `<Connection>:<ORDER>:<list>:["2026-01-12","SILVER",...]`), so a page starts right after that row even
// when rows were added or removed before it between two requests. `<list>` fingerprints what selects
// the list's rows (filter, asOf): a cursor of another connection, order or list is refused, since its
// position means nothing in another list (it would silently skip rows).
import 'reflect-metadata';
import { createHash } from 'node:crypto';
import { ArgsType, Field, InputType, Int, ObjectType, registerEnumType, type ClassType } from 'type-graphql';
import type { PrismaClient } from '../../generated/prisma/client';
import { BadUserInputError, showValue } from './errors';
import { allSql, anySql, empty, join, queryRows, raw, sql, type Sql } from './sql';
import { selects, type SelectionInfo } from './selection';
import { IntRange } from './validation';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

@ArgsType()
export class ConnectionArgs {
  @Field(() => Int, { nullable: true, description: `How many items to return: 1..${MAX_PAGE_SIZE}; ${DEFAULT_PAGE_SIZE} when omitted.` })
  @IntRange(1, MAX_PAGE_SIZE)
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'Return the items after this cursor (an `endCursor` or edge `cursor` from an earlier page of the same list, with the same filter, order and asOf; the page size may change). A cursor of another list is refused.' })
  after?: string | null;
}

/** ConnectionArgs and backward paging, for connections ordered by date. */
@ArgsType()
export class BidirectionalConnectionArgs extends ConnectionArgs {
  @Field(() => Int, { nullable: true, description: `Page backward: how many items to return before \`before\` (or the last ones): 1..${MAX_PAGE_SIZE}; not with \`first\`.` })
  last?: number | null;

  @Field(() => String, { nullable: true, description: 'Return the items before this cursor (an edge `cursor` or `startCursor` of an earlier page with the same filter, order and asOf); with `last`. A cursor of another list is refused.' })
  before?: string | null;
}

export enum OrderDirection {
  ASC = 'ASC',
  DESC = 'DESC',
}

registerEnumType(OrderDirection, {
  name: 'OrderDirection',
  description: 'Ascending or descending.',
  valuesConfig: { ASC: { description: 'Smallest (or earliest, or A) first.' }, DESC: { description: 'Largest (or latest, or Z) first.' } },
});

/** The `orderBy` input of a connection: `{ field, direction }`, e.g. ExportFlowOrderBy. */
export function orderByInput<F extends string>(name: string, fieldEnum: object, what: string) {
  @InputType(`${name}OrderBy`, { description: `The order of a list of ${what}: a field and a direction; ties are broken in a fixed order, so pages are stable.` })
  class OrderBy {
    @Field(() => fieldEnum, { description: 'What to order by.' })
    field: F;

    @Field(() => OrderDirection, { nullable: true, defaultValue: OrderDirection.ASC, description: 'ASC (the default) or DESC.' })
    direction: OrderDirection;
  }
  return OrderBy;
}

@ObjectType('PageInfo', { simpleResolvers: true, description: 'Where a page sits in the whole list (Relay cursor connections).' })
export class PageInfo {
  @Field(() => Boolean, { description: 'True when more items follow this page.' })
  hasNextPage: boolean;

  @Field(() => Boolean, { description: 'True when items precede this page.' })
  hasPreviousPage: boolean;

  @Field(() => String, { nullable: true, description: 'Cursor of the first item of this page; null when the page is empty.' })
  startCursor: string | null;

  @Field(() => String, { nullable: true, description: 'Cursor of the last item of this page (pass it as `after` for the next page); null when the page is empty.' })
  endCursor: string | null;
}

/** The connections that issue cursors, named after their node type. */
export type ConnectionName = 'Country' | 'ProductionYear' | 'ExportFlow' | 'PricePoint';

/** Where each connection is queried (for error messages). */
const CONNECTION_FIELDS: Record<ConnectionName, string> = {
  Country: 'countries',
  ProductionYear: 'productionYears',
  ExportFlow: 'exportFlows',
  PricePoint: 'pricePoints',
};

/**
 * One key a connection is sorted on: a SQL expression that is never null (nullable columns are
 * COALESCEd to an end), its SQL type (for the cursor's value), its direction, and the same value
 * read from a node, as text. An ordering ends with a unique key (the id), so it is total.
 */
export interface SortKey<TNode> {
  sql: Sql;
  type: string;
  desc?: boolean;
  of(node: TNode): string;
}

export interface Ordering<TNode> {
  /** Named in cursors: a cursor of one ordering is refused by another. */
  name: string;
  keys: ReadonlyArray<SortKey<TNode>>;
}

/**
 * What selects a list's rows, besides the connection and its order: the filter and asOf as the
 * arguments give them (and, for a nested connection, its parent). Page size is not part of it:
 * changing `first`/`last` between pages is fine.
 */
export type ListSelection = Record<string, unknown>;

/** Characters of the sha256 kept in a cursor: enough to tell a client's lists apart, and short. */
const FINGERPRINT_LENGTH = 10;

/**
 * A JSON value for `value` that does not depend on how it was written: object keys sorted, null and
 * absent fields dropped (both mean "no condition"), dates as YYYY-MM-DD (the API's dates are days).
 */
function canonical(value: unknown): unknown {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString().slice(0, 10);
  if (Array.isArray(value)) return value.map(canonical);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[key];
      if (v != null) out[key] = canonical(v);
    }
    return out;
  }
  return value;
}

/** The fingerprint of a list (hex, FINGERPRINT_LENGTH characters): once per connection, never per row. */
export function listFingerprint(selection: ListSelection): string {
  return createHash('sha256').update(JSON.stringify(canonical(selection))).digest('hex').slice(0, FINGERPRINT_LENGTH);
}

/** The text every cursor of one page starts with; the row's sort-key values follow. */
const cursorPrefix = (connection: ConnectionName, ordering: string, list: string) => `${connection}:${ordering}:${list}:`;

const encodeCursor = (prefix: string, values: string[]): string => Buffer.from(`${prefix}${JSON.stringify(values)}`, 'utf8').toString('base64');

/** A cursor of the format before lists were fingerprinted: `<Connection>:<ORDER>:["value",...]`. */
function isOldCursor(decoded: string): boolean {
  const m = /^([A-Za-z]+):[A-Z_]+:(\[.*\])$/.exec(decoded);
  if (!m || !Object.hasOwn(CONNECTION_FIELDS, m[1])) return false;
  try {
    const values: unknown = JSON.parse(m[2]);
    return Array.isArray(values) && values.every((v) => typeof v === 'string');
  } catch {
    return false;
  }
}

/**
 * The sort-key values in a cursor that `connection` issued for `ordering` on the list `list`
 * (listFingerprint). A malformed cursor, or one of another connection, order or list, is a
 * BadUserInputError naming the argument.
 */
function decodeCursor(connection: ConnectionName, ordering: Ordering<unknown>, list: string, cursor: string, argument: string): string[] {
  const decoded = /^[A-Za-z0-9+/]+={0,2}$/.test(cursor) ? Buffer.from(cursor, 'base64').toString('utf8') : '';
  const m = /^([A-Za-z]+):([A-Z_]+):([0-9a-f]+):(\[.*\])$/.exec(decoded);
  let values: unknown;
  try {
    values = m ? JSON.parse(m[4]) : undefined;
  } catch {
    values = undefined;
  }
  const valid = m && Object.hasOwn(CONNECTION_FIELDS, m[1]) && Array.isArray(values) && values.every((v) => typeof v === 'string');
  if (!valid) {
    // Cursors issued before they carried their list's fingerprint: say so rather than "malformed".
    if (isOldCursor(decoded)) {
      throw new BadUserInputError(
        `Argument "${argument}" is a cursor of an older format that does not name its list; accepted: a cursor from a page of the same list fetched now (same filter, order and asOf), so start again from the first page.`,
        argument,
      );
    }
    throw new BadUserInputError(
      `Argument "${argument}" must be a cursor returned by this connection (an edge's cursor or pageInfo.${argument === 'before' ? 'startCursor' : 'endCursor'}), got ${showValue(cursor)}.`,
      argument,
    );
  }
  const issuer = m[1] as ConnectionName;
  if (issuer !== connection) {
    throw new BadUserInputError(
      `Argument "${argument}" must be a cursor returned by ${CONNECTION_FIELDS[connection]} (an edge's cursor or pageInfo.endCursor), ` +
        `got a cursor of ${CONNECTION_FIELDS[issuer]}: ${showValue(cursor)}.`,
      argument,
    );
  }
  if (m[2] !== ordering.name || (values as string[]).length !== ordering.keys.length) {
    throw new BadUserInputError(
      `Argument "${argument}" is a cursor of ${CONNECTION_FIELDS[connection]} in the order ${m[2]}; pass the same order (orderBy) as for the page it came from, here ${ordering.name}.`,
      argument,
    );
  }
  if (m[3] !== list) {
    throw new BadUserInputError(
      `Argument "${argument}" is a cursor of ${CONNECTION_FIELDS[connection]} with a different filter or order (or asOf); ` +
        `accepted: a cursor from a page of the same list with the same filter, order and asOf (the page size may change). Leave "${argument}" out to start from the ${argument === 'before' ? 'end' : 'beginning'}.`,
      argument,
    );
  }
  return values as string[];
}

/** Rows strictly after `values` in the ordering (before them when `reverse`): a lexicographic comparison per key direction. */
function keysetWhere(keys: ReadonlyArray<SortKey<unknown>>, values: string[], reverse: boolean): Sql {
  const value = (i: number) => sql`${values[i]}::${raw(keys[i].type)}`;
  return anySql(
    keys.map((key, i) => {
      const after = Boolean(key.desc) === reverse;
      const equal = keys.slice(0, i).map((k, j) => sql`${k.sql} = ${value(j)}`);
      return allSql([...equal, after ? sql`${key.sql} > ${value(i)}` : sql`${key.sql} < ${value(i)}`]);
    }),
  );
}

const orderSql = (keys: ReadonlyArray<SortKey<unknown>>, reverse: boolean) =>
  join(keys.map((k) => (Boolean(k.desc) !== reverse ? sql`${k.sql} DESC` : sql`${k.sql} ASC`)), ', ');

/** Connection arguments with backward paging (connections ordered by date). */
export interface PagingArgs {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
}

/** The rows to fetch for a page: those `where` selects in `orderBy`, `take` of them (one more than the page, to see whether more follow). */
export interface PageWindow<TNode> {
  connection: ConnectionName;
  ordering: Ordering<TNode>;
  /** What the page's cursors start with: connection, order and the list's fingerprint (made when first read). */
  readonly cursorPrefix: string;
  size: number;
  take: number;
  /** Paging backward (last/before): rows are fetched in reverse and turned round. */
  backward: boolean;
  /** Whether the page starts (forward) or ends (backward) at a cursor. */
  fromCursor: boolean;
  where: Sql;
  orderBy: Sql;
  /** The cursor's sort-key values, for callers that page without SQL. */
  cursorValues: string[] | null;
}

/**
 * The rows of a page of `connection` in `ordering`, for the list that `selection` selects (its filter
 * and asOf, e.g. `{ filter: args.filter }`): a cursor from another list is refused.
 */
export function pageWindow<TNode>(connection: ConnectionName, ordering: Ordering<TNode>, args: PagingArgs, selection: ListSelection): PageWindow<TNode> {
  if (args.first != null && args.last != null) throw new BadUserInputError('Arguments "first" and "last" cannot be used together: page forward with first/after or backward with last/before.', 'last');
  if (args.after != null && args.before != null) throw new BadUserInputError('Arguments "after" and "before" cannot be used together: page forward with first/after or backward with last/before.', 'before');
  const backward = args.last != null || args.before != null;
  if (backward && args.first != null) throw new BadUserInputError('Argument "before" pages backward: use it with "last", not "first".', 'first');
  if (args.last != null && (args.last < 1 || args.last > MAX_PAGE_SIZE || !Number.isInteger(args.last))) {
    throw new BadUserInputError(`Argument "last" must be between 1 and ${MAX_PAGE_SIZE}, got ${args.last}.`, 'last');
  }
  const size = (backward ? args.last : args.first) ?? DEFAULT_PAGE_SIZE;
  const cursor = backward ? args.before : args.after;
  // Fingerprinted only when a cursor is read or written: many pages ask for neither.
  let list: string | undefined;
  let prefix: string | undefined;
  const listOf = () => (list ??= listFingerprint({ ...selection, ordering: ordering.name }));
  const values = cursor != null ? decodeCursor(connection, ordering as Ordering<unknown>, listOf(), cursor, backward ? 'before' : 'after') : null;
  return {
    connection,
    ordering,
    get cursorPrefix() {
      return (prefix ??= cursorPrefix(connection, ordering.name, listOf()));
    },
    size,
    take: size + 1,
    backward,
    fromCursor: values != null,
    where: values ? keysetWhere(ordering.keys as ReadonlyArray<SortKey<unknown>>, values, backward) : sql`TRUE`,
    orderBy: orderSql(ordering.keys as ReadonlyArray<SortKey<unknown>>, backward),
    cursorValues: values,
  };
}

/** The shape every XxxConnection object has at run time. */
export interface ConnectionValue<TNode> {
  edges: Array<{ readonly cursor: string; readonly node: TNode }>;
  pageInfo: PageInfo;
  readonly totalCount: Promise<number>;
}

/** An edge whose cursor is made when read: most pages ask for pageInfo's, not every edge's. */
class Edge<TNode> {
  constructor(
    readonly node: TNode,
    private readonly cursorOf: (node: TNode) => string,
  ) {}

  get cursor(): string {
    return this.cursorOf(this.node);
  }
}

/**
 * Builds a connection from rows fetched with `pageWindow` (up to size + 1 rows, in the window's
 * order). `count` runs only when the query asks for totalCount.
 */
export function toConnection<TNode>(rows: TNode[], window: PageWindow<TNode>, count: () => Promise<number>): ConnectionValue<TNode> {
  const more = rows.length > window.size;
  const page = rows.slice(0, window.size);
  if (window.backward) page.reverse();
  const cursorOf = (node: TNode) => encodeCursor(window.cursorPrefix, window.ordering.keys.map((k) => k.of(node)));
  const edges = page.map((node) => new Edge(node, cursorOf));
  let counted: Promise<number> | undefined;
  return {
    edges,
    pageInfo: {
      // Forward: more rows follow; a cursor means rows precede. Backward: the other way round.
      hasNextPage: window.backward ? window.fromCursor : more,
      hasPreviousPage: window.backward ? more : window.fromCursor,
      get startCursor() {
        return edges.length ? edges[0].cursor : null;
      },
      get endCursor() {
        return edges.length ? edges[edges.length - 1].cursor : null;
      },
    },
    get totalCount() {
      counted ??= count();
      return counted;
    },
  };
}

/**
 * Declares the `<Name>Edge` and `<Name>Connection` object types for a node type.
 * `what` is the plural used in descriptions ("countries").
 */
export function connectionType<TNode extends object>(NodeClass: ClassType<TNode>, name: string, what: string) {
  @ObjectType(`${name}Edge`, { simpleResolvers: true, description: `One of the ${what} in a page, with its cursor.` })
  class Edge {
    @Field(() => String, { description: 'Opaque cursor of this item; pass it as `after` to continue after it.' })
    cursor: string;

    @Field(() => NodeClass, { description: 'The item.' })
    node: TNode;
  }

  @ObjectType(`${name}Connection`, { simpleResolvers: true, description: `A page of ${what} (Relay cursor connection).` })
  class Connection {
    @Field(() => [Edge], { description: `The ${what} on this page, in order.` })
    edges: Edge[];

    @Field(() => PageInfo, { description: 'Cursors and whether more items precede or follow.' })
    pageInfo: PageInfo;

    // Not simple: the value is a promise (counted only when asked), which a resolver must await.
    @Field(() => Int, { simple: false, description: `How many ${what} match the filter in all (all pages).` })
    totalCount: number;
  }

  return Connection;
}

/** The `n` of a `SELECT count(*)::int AS n ...` (a connection's totalCount). */
export async function countRows(prisma: PrismaClient, query: Sql): Promise<number> {
  const [row] = await queryRows<{ n: number }>(prisma, query);
  return row?.n ?? 0;
}

/** Whether the operation reads `totalCount` of the connection this resolver returns (through fragments too). */
export const asksTotalCount = (info: SelectionInfo): boolean => selects(info, ['totalCount']);

// A page query asked to count the whole list carries the count as a column of each row: one
// statement instead of two when a query reads `totalCount` (most paging UIs do).
const pageTotals = new WeakMap<readonly unknown[], number>();

/** The SELECT-list item `, (<count query>) AS "totalCount"` (nothing without a count query). */
export const totalColumn = (count: Sql | undefined): Sql => (count ? sql`, (${count}) AS "totalCount"` : empty);

/** Remembers the count a page query carried (none on an empty page), for pageTotalOr; returns `rows`. */
export function keepPageTotal<T>(rows: T[], records: ReadonlyArray<{ totalCount?: number }>): T[] {
  const total = records[0]?.totalCount;
  if (total !== undefined) pageTotals.set(rows, total);
  return rows;
}

/** The list's total for toConnection: the one the page query carried, else `count` (run if read). */
export function pageTotalOr(rows: readonly unknown[], count: () => Promise<number>): () => Promise<number> {
  const total = pageTotals.get(rows);
  return total === undefined ? count : () => Promise.resolve(total);
}
