// Per-request DataLoaders of countries: by database id and by ISO3 code, each priming the other.
import DataLoader from 'dataloader';
import type { PrismaClient } from '../../generated/prisma/client';
import { Country } from './country.type';
import { readWithRetries } from '../../db/read-retry';

export function createCountryLoaders(prisma: PrismaClient) {
  const countryById: DataLoader<number, Country | null> = new DataLoader(async function countryById(ids) {
    const rows = (await readWithRetries(prisma, () => prisma.country.findMany({ where: { id: { in: [...ids] } } }))).map(Country.fromRow);
    const byId = new Map(rows.map((c) => [c.dbId, c]));
    for (const c of rows) countryByIso3.prime(c.iso3, c);
    return ids.map((id) => byId.get(id) ?? null);
  });

  const countryByIso3: DataLoader<string, Country | null> = new DataLoader(async function countryByIso3(codes) {
    const rows = (await readWithRetries(prisma, () => prisma.country.findMany({ where: { iso3: { in: [...codes] } } }))).map(Country.fromRow);
    const byIso3 = new Map(rows.map((c) => [c.iso3, c]));
    for (const c of rows) countryById.prime(c.dbId, c);
    return codes.map((code) => byIso3.get(code) ?? null);
  });

  return { countryById, countryByIso3 };
}

export type CountryLoaders = ReturnType<typeof createCountryLoaders>;
