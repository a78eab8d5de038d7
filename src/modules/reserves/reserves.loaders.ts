// Per-request DataLoader of the reserves feature: a country's reserves estimate of a metal, current
// (the latest edition) or as of a date (the latest edition published by then).
import DataLoader from 'dataloader';
import type { PrismaClient } from '../../generated/prisma/client';
import { groupBy } from '../../loaders/batch';
import type { Metal } from '../common/enums';
import { anySql, distinctOf, metalSql, queryRows, revisionsFrom, sql } from '../common/sql';
import { Reserve, type ReserveRecord } from './reserve.type';

export interface ReserveKey {
  asOf: string | null;
  countryId: number;
  metal: Metal;
}

const reserveKeyOf = (k: ReserveKey) => `${k.asOf}|${k.countryId}|${k.metal}`;

const RESERVE_COLUMNS = sql`rv.id, rv.country_id AS "countryId", rv.source_id AS "sourceId", rv.metal::text AS metal,
  rv.tonnes::float8 AS tonnes, rv.is_estimate AS "isEstimate"`;

export function createReserveLoaders(prisma: PrismaClient) {
  const reservesByCountry = new DataLoader<ReserveKey, Reserve | null, string>(
    async function reservesByCountry(keys) {
      const scopes = groupBy(keys, (k) => String(k.asOf));
      const rows = (
        await Promise.all(
          [...scopes.values()].map(async (g) => {
            const keyWhere = anySql(
              [...groupBy(g, (k) => k.metal).values()].map(
                (h) => sql`rv.metal = ${metalSql(h[0].metal)} AND rv.country_id = ANY(${distinctOf(h, (k) => k.countryId)})`,
              ),
            );
            const revisions = revisionsFrom('reserves', 'rv', ['country_id', 'metal'], g[0].asOf, keyWhere);
            const records = await queryRows<ReserveRecord>(prisma, sql`SELECT ${RESERVE_COLUMNS} FROM ${revisions.from} WHERE ${revisions.where}`);
            return records.map((r) => Reserve.fromRecord(r, g[0].asOf));
          }),
        )
      ).flat();
      const byKey = new Map(rows.map((r) => [reserveKeyOf(r), r]));
      return keys.map((k) => byKey.get(reserveKeyOf(k)) ?? null);
    },
    { cacheKeyFn: reserveKeyOf },
  );
  return { reservesByCountry };
}

export type ReserveLoaders = ReturnType<typeof createReserveLoaders>;
