// Read-path SQL helpers. Loaders and list resolvers read raw SQL with numeric columns cast to
// float8, so rows arrive as plain numbers: Prisma's model queries build a Decimal object per
// numeric value, which the profile showed as a fifth of a request's CPU. The API's client reads
// through its driver adapter directly (src/db/direct-read.ts); other clients through $queryRaw.
import { Prisma, type PrismaClient } from '../../generated/prisma/client';
import { directReaderOf } from '../../db/direct-read';
import { readWithRetries } from '../../db/read-retry';
import type { Metal, PriceKind, ProductionStage } from '../../generated/prisma/enums';

export type Sql = Prisma.Sql;
export const sql = Prisma.sql;
export const join = Prisma.join;
export const empty = Prisma.empty;
export const raw = Prisma.raw;

/** The rows of a SELECT, typed by the caller (the SQL's column aliases must match). */
export function queryRows<T>(prisma: PrismaClient, query: Sql): Promise<T[]> {
  // Retried on a broken connection when the server enabled it for this client (src/db/read-retry.ts).
  const direct = directReaderOf(prisma);
  if (direct) return readWithRetries(prisma, () => direct(query.text, query.values) as Promise<T[]>);
  return readWithRetries(prisma, () => prisma.$queryRaw<T[]>(query));
}

/** `(a) OR (b) ...` for a batch's key groups; FALSE for none. */
export function anySql(conditions: Sql[]): Sql {
  if (conditions.length === 0) return sql`FALSE`;
  if (conditions.length === 1) return conditions[0];
  return sql`(${join(conditions.map((c) => sql`(${c})`), ' OR ')})`;
}

/** `a AND b ...`; TRUE for none. */
export function allSql(conditions: Sql[]): Sql {
  if (conditions.length === 0) return sql`TRUE`;
  return join(conditions, ' AND ');
}

/** An inclusive range condition on a column; null bounds are open. */
export function rangeSql(column: Sql, from: unknown, to: unknown): Sql[] {
  const out: Sql[] = [];
  if (from != null) out.push(sql`${column} >= ${from}`);
  if (to != null) out.push(sql`${column} <= ${to}`);
  return out;
}

/** The distinct values of a key field, in first-seen order. */
export function distinctOf<T, V>(items: readonly T[], field: (item: T) => V): V[] {
  return [...new Set(items.map(field))];
}

// Enum parameters need a cast: PostgreSQL has no `enum = text` operator.
export const metalSql = (metal: Metal): Sql => sql`${metal}::"Metal"`;
export const stageSql = (stage: ProductionStage): Sql => sql`${stage}::"ProductionStage"`;
export const priceKindSql = (kind: PriceKind): Sql => sql`${kind}::"PriceKind"`;

/**
 * The revisions a read sees, as a FROM item named `alias` (docs/domain.md, "Editions, revisions
 * and as of"). Now (asOf null): the rows the writer marked current, through the partial index on
 * is_current. As of a date: among the revisions whose source was published by then (no date = the
 * start of time), per observation a non-estimate before an estimate, then the latest publication,
 * then the latest stored. `keyWhere` (conditions on the observation key only, over `alias`) is
 * applied before the pick so that the database reads only the observations asked for.
 */
export function revisionsFrom(table: string, alias: string, observationKey: string[], asOf: string | null, keyWhere: Sql = sql`TRUE`): { from: Sql; where: Sql } {
  const a = raw(alias);
  if (asOf == null) return { from: sql`${raw(table)} ${a}`, where: sql`${a}.is_current AND ${keyWhere}` };
  const key = raw(observationKey.map((c) => `${alias}.${c}`).join(', '));
  return {
    from: sql`(SELECT DISTINCT ON (${key}) ${a}.* FROM ${raw(table)} ${a} JOIN sources rs ON rs.id = ${a}.source_id
      WHERE (rs.published_on IS NULL OR rs.published_on <= ${asOf}::date) AND ${keyWhere}
      ORDER BY ${key}, ${a}.is_estimate, rs.published_on DESC NULLS LAST, ${a}.id DESC) ${a}`,
    where: sql`TRUE`,
  };
}

/** Every revision of the observations `keyWhere` selects that was published by `asOf` (all when null), oldest publication first. */
export function allRevisionsFrom(table: string, alias: string, asOf: string | null, keyWhere: Sql): { from: Sql; where: Sql; orderBy: Sql } {
  const a = raw(alias);
  return {
    from: sql`${raw(table)} ${a} JOIN sources rs ON rs.id = ${a}.source_id`,
    where: asOf == null ? keyWhere : sql`(rs.published_on IS NULL OR rs.published_on <= ${asOf}::date) AND ${keyWhere}`,
    orderBy: sql`rs.published_on ASC NULLS FIRST, ${a}.id`,
  };
}
