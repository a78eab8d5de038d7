import { Args, Ctx, Query, Resolver } from 'type-graphql';
import type { AppContext } from '../../context';
import type { Prisma } from '../../generated/prisma/client';
import { pageWindow, toConnection } from '../common/connection';
import { asOfDay } from '../common/as-of';
import { normaliseIso3 } from '../common/validation';
import { CountriesArgs, type CountryFilter } from './countries.args';
import { CountryArgs } from './country.args';
import { Country } from './country.type';
import { CountryConnection } from './country.connection';

/**
 * `search` as literal text for Prisma's `contains` (LIKE/ILIKE '%...%' on PostgreSQL, whose escape
 * character is the backslash): `\`, `%` and `_` match themselves, never as wildcards.
 */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function countryWhere(filter: CountryFilter | null | undefined): Prisma.CountryWhereInput {
  if (!filter) return {};
  return {
    ...(filter.iso3 ? { iso3: { in: filter.iso3.map(normaliseIso3) } } : {}),
    ...(filter.isAggregate != null ? { isAggregate: filter.isAggregate } : {}),
    ...(filter.search ? { name: { contains: escapeLike(filter.search), mode: 'insensitive' as const } } : {}),
  };
}

@Resolver(() => Country)
export class CountryResolver {
  @Query(() => Country, { nullable: true, description: 'One country by ISO 3166-1 alpha-3 code (any case); null when there is none.' })
  async country(@Args(() => CountryArgs) { iso3, asOf }: CountryArgs, @Ctx() { loaders }: AppContext): Promise<Country | null> {
    const country = await loaders.countryByIso3.load(normaliseIso3(iso3));
    return country?.withAsOf(asOfDay(asOf)) ?? null;
  }

  @Query(() => CountryConnection, { description: 'Countries and aggregates (WLD), ordered by name.' })
  async countries(@Args(() => CountriesArgs) args: CountriesArgs, @Ctx() { prisma, loaders }: AppContext) {
    const where = countryWhere(args.filter);
    const window = pageWindow('Country', args);
    const rows = await prisma.country.findMany({ where, orderBy: [{ name: 'asc' }, { id: 'asc' }], skip: window.skip, take: window.take });
    const countries = rows.map(Country.fromRow);
    for (const c of countries) {
      loaders.countryById.prime(c.dbId, c);
      loaders.countryByIso3.prime(c.iso3, c);
    }
    const asOf = asOfDay(args.asOf);
    return toConnection(
      countries.map((c) => c.withAsOf(asOf)),
      window,
      () => prisma.country.count({ where }),
    );
  }
}
