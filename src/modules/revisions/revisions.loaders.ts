// Per-request DataLoader of who last wrote a revision and when (the audit trail of the API's writes).
import DataLoader from 'dataloader';
import type { PrismaClient } from '../../generated/prisma/client';
import { join, queryRows, raw, sql } from '../common/sql';

export type RevisionTable = 'production_years' | 'export_flows' | 'price_points';

export interface RevisionWrite {
  writtenAt: Date;
  /** The name of the API key that wrote it; null when an import did. */
  writtenBy: string | null;
}

/** Canonical key: table and id, e.g. "price_points:12". */
export const revisionKey = (table: RevisionTable, id: number): string => `${table}:${id}`;

export function createRevisionLoaders(prisma: PrismaClient) {
  const revisionWrite = new DataLoader<string, RevisionWrite | null>(async function revisionWrite(keys) {
    const idsByTable = new Map<RevisionTable, number[]>();
    for (const key of keys) {
      const [table, id] = key.split(':') as [RevisionTable, string];
      idsByTable.set(table, [...(idsByTable.get(table) ?? []), Number(id)]);
    }
    // One statement for every table asked about in this tick.
    const parts = [...idsByTable].map(
      ([table, ids]) =>
        sql`SELECT ${table}::text AS "table", r.id, r.written_at AS "writtenAt", k.name AS "writtenBy"
            FROM ${raw(table)} r LEFT JOIN api_keys k ON k.id = r.written_by WHERE r.id IN (${join(ids)})`,
    );
    const rows = await queryRows<{ table: RevisionTable; id: number; writtenAt: Date; writtenBy: string | null }>(prisma, join(parts, ' UNION ALL '));
    const byKey = new Map(rows.map((r) => [revisionKey(r.table, r.id), { writtenAt: r.writtenAt, writtenBy: r.writtenBy }]));
    return keys.map((k) => byKey.get(k) ?? null);
  });
  return { revisionWrite };
}

export type RevisionLoaders = ReturnType<typeof createRevisionLoaders>;
