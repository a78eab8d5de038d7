// Per-request DataLoaders of countries: by database id and by ISO3 code, each priming the other.
// Raw SQL (as the list reads) rather than Prisma's model queries: a model query costs more CPU in
// Prisma's query compiler than the statement does in PostgreSQL, and these run on most requests.
import DataLoader from 'dataloader';
import { KnownValuesLoader } from '../../loaders/known-values';
import type { PrismaClient } from '../../generated/prisma/client';
import { Country } from './country.type';
import { queryRows, sql, type Sql } from '../common/sql';
import { COUNTRY_COLUMNS } from './country.sql';
import { whenLoaded } from '../common/loaded';

export function createCountryLoaders(prisma: PrismaClient) {
  const read = (where: Sql) => queryRows<Parameters<typeof Country.fromRow>[0]>(prisma, sql`SELECT ${COUNTRY_COLUMNS} FROM countries c WHERE ${where}`);

  // Lists that join the countries they point to prime this one: their rows' country fields answer synchronously (loadNow).
  const countryById: KnownValuesLoader<number, Country | null> = new KnownValuesLoader(async function countryById(ids) {
    const rows = (await read(sql`c.id = ANY(${[...ids]})`)).map(Country.fromRow);
    const byId = new Map(rows.map((c) => [c.dbId, c]));
    for (const c of rows) countryByIso3.prime(c.iso3, c);
    return ids.map((id) => byId.get(id) ?? null);
  });

  const countryByIso3: DataLoader<string, Country | null> = new DataLoader(async function countryByIso3(codes) {
    const rows = (await read(sql`c.iso3 = ANY(${[...codes]})`)).map(Country.fromRow);
    const byIso3 = new Map(rows.map((c) => [c.iso3, c]));
    for (const c of rows) countryById.prime(c.dbId, c);
    return codes.map((code) => byIso3.get(code) ?? null);
  });

  return { countryById, countryByIso3 };
}

export type CountryLoaders = ReturnType<typeof createCountryLoaders>;

/** The country a row points to, as of the row's as-of date: now when a list primed it, else loaded. */
export function countryAsOf(loaders: Pick<CountryLoaders, 'countryById'>, id: number, asOf: string | null): Country | Promise<Country> {
  return whenLoaded(loaders.countryById.loadNow(id), (c) => c!.withAsOf(asOf));
}
