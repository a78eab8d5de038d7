// Relay connections: `edges { cursor node }`, `pageInfo`, `totalCount`; forward paging with
// `first` (default 20, at most 100) and `after` (an opaque cursor: base64 of "<Connection>:offset:<n>",
// e.g. "PricePoint:offset:99", so that a cursor of one connection is rejected by another).
import 'reflect-metadata';
import { ArgsType, Field, Int, ObjectType, type ClassType } from 'type-graphql';
import type { PrismaClient } from '../../generated/prisma/client';
import { BadUserInputError, showValue } from './errors';
import { queryRows, type Sql } from './sql';
import { IntRange } from './validation';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

@ArgsType()
export class ConnectionArgs {
  @Field(() => Int, { nullable: true, description: `How many items to return: 1..${MAX_PAGE_SIZE}; ${DEFAULT_PAGE_SIZE} when omitted.` })
  @IntRange(1, MAX_PAGE_SIZE)
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'Return the items after this cursor (an `endCursor` or edge `cursor` from an earlier page of the same list, with the same filter and order).' })
  after?: string | null;
}

@ObjectType('PageInfo', { description: 'Where a page sits in the whole list (Relay cursor connections).' })
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

export function encodeCursor(connection: ConnectionName, offset: number): string {
  return Buffer.from(`${connection}:offset:${offset}`, 'utf8').toString('base64');
}

/**
 * The offset in a cursor that `connection` issued. Throws a BadUserInputError naming `after` for a
 * malformed cursor, and for a cursor of another connection (saying which).
 */
export function decodeCursor(connection: ConnectionName, cursor: string): number {
  const decoded = /^[A-Za-z0-9+/]+={0,2}$/.test(cursor) ? Buffer.from(cursor, 'base64').toString('utf8') : '';
  const m = /^([A-Za-z]+):offset:(0|[1-9][0-9]{0,8})$/.exec(decoded);
  if (!m || !Object.hasOwn(CONNECTION_FIELDS, m[1])) {
    throw new BadUserInputError(
      `Argument "after" must be a cursor returned by this connection (an edge's cursor or pageInfo.endCursor), got ${showValue(cursor)}.`,
      'after',
    );
  }
  const issuer = m[1] as ConnectionName;
  if (issuer !== connection) {
    throw new BadUserInputError(
      `Argument "after" must be a cursor returned by ${CONNECTION_FIELDS[connection]} (an edge's cursor or pageInfo.endCursor), ` +
        `got a cursor of ${CONNECTION_FIELDS[issuer]}: ${showValue(cursor)}.`,
      'after',
    );
  }
  return Number(m[2]);
}

/** The rows to fetch for a page: skip `skip`, take `take` (one more than the page, to see whether more follow). */
export interface PageWindow {
  connection: ConnectionName;
  skip: number;
  take: number;
  size: number;
}

export function pageWindow(connection: ConnectionName, args: { first?: number | null; after?: string | null }): PageWindow {
  const size = args.first ?? DEFAULT_PAGE_SIZE;
  const skip = args.after != null ? decodeCursor(connection, args.after) + 1 : 0;
  return { connection, skip, take: size + 1, size };
}

/** The shape every XxxConnection object has at run time. */
export interface ConnectionValue<TNode> {
  edges: Array<{ cursor: string; node: TNode }>;
  pageInfo: PageInfo;
  readonly totalCount: Promise<number>;
}

/**
 * Builds a connection from rows fetched with `pageWindow` (up to size + 1 rows). `count` runs
 * only when the query asks for totalCount.
 */
export function toConnection<TNode>(rows: TNode[], window: PageWindow, count: () => Promise<number>): ConnectionValue<TNode> {
  const page = rows.slice(0, window.size);
  const edges = page.map((node, i) => ({ cursor: encodeCursor(window.connection, window.skip + i), node }));
  let counted: Promise<number> | undefined;
  return {
    edges,
    pageInfo: {
      hasNextPage: rows.length > window.size,
      hasPreviousPage: window.skip > 0,
      startCursor: edges.length ? edges[0].cursor : null,
      endCursor: edges.length ? edges[edges.length - 1].cursor : null,
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
  @ObjectType(`${name}Edge`, { description: `One of the ${what} in a page, with its cursor.` })
  class Edge {
    @Field(() => String, { description: 'Opaque cursor of this item; pass it as `after` to continue after it.' })
    cursor: string;

    @Field(() => NodeClass, { description: 'The item.' })
    node: TNode;
  }

  @ObjectType(`${name}Connection`, { description: `A page of ${what} (Relay cursor connection).` })
  class Connection {
    @Field(() => [Edge], { description: `The ${what} on this page, in order.` })
    edges: Edge[];

    @Field(() => PageInfo, { description: 'Cursors and whether more items precede or follow.' })
    pageInfo: PageInfo;

    @Field(() => Int, { description: `How many ${what} match the filter in all (all pages).` })
    totalCount: number;
  }

  return Connection;
}

/** The `n` of a `SELECT count(*)::int AS n ...` (a connection's totalCount). */
export async function countRows(prisma: PrismaClient, query: Sql): Promise<number> {
  const [row] = await queryRows<{ n: number }>(prisma, query);
  return row?.n ?? 0;
}
