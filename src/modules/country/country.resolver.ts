import type { GraphQLResolveInfo } from 'graphql';
import { Args, Ctx, Info, Query, Resolver } from 'type-graphql';
import type { AppContext } from '../../context';
import { asksTotalCount, countRows, keepPageTotal, OrderDirection, pageTotalOr, pageWindow, toConnection, totalColumn, type Ordering, type SortKey } from '../common/connection';
import { allSql, queryRows, sql, type Sql } from '../common/sql';
import { asOfDay } from '../common/as-of';
import { normaliseIso3 } from '../common/validation';
import { CountriesArgs, CountryOrderField, type CountryFilter, type CountryOrderBy } from './countries.args';
import { CountryArgs } from './country.args';
import { Country } from './country.type';
import { COUNTRY_COLUMNS } from './country.sql';
import type { Country as CountryRow } from '../../generated/prisma/client';
import { CountryConnection } from './country.connection';

/**
 * `search` as literal text for Prisma's `contains` (LIKE/ILIKE '%...%' on PostgreSQL, whose escape
 * character is the backslash): `\`, `%` and `_` match themselves, never as wildcards.
 */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** Searches this short that are a code or an alias mean that country only (see searchSql). */
export const SHORT_SEARCH_LENGTH = 3;

/**
 * `search` over `c`: the name contains the text (case-insensitive), or the text, trimmed, is the
 * country's alpha-2 or alpha-3 code or one of its aliases (country_aliases, any case). A search of
 * at most SHORT_SEARCH_LENGTH characters that is some country's code or alias finds only such
 * countries: "US" means the United States, not every name containing "us" (Russia, Australia).
 */
function searchSql(search: string): Sql {
  const term = search.trim();
  const code = term.toUpperCase();
  const contains = sql`c.name ILIKE ${`%${escapeLike(search)}%`}`;
  if (!term) return contains;
  const exact = sql`(c.iso3 = ${code} OR c.iso2 = ${code}
    OR EXISTS (SELECT 1 FROM country_aliases a WHERE a.country_id = c.id AND lower(a.alias) = lower(${term})))`;
  if (term.length > SHORT_SEARCH_LENGTH) return sql`(${contains} OR ${exact})`;
  // Whether the text is anyone's code or alias: independent of the row, so planned once (an InitPlan).
  const isSomeonesName = sql`(EXISTS (SELECT 1 FROM countries x WHERE x.iso3 = ${code} OR x.iso2 = ${code})
    OR EXISTS (SELECT 1 FROM country_aliases x WHERE lower(x.alias) = lower(${term})))`;
  return sql`(${exact} OR (${contains} AND NOT ${isSomeonesName}))`;
}

/** The filter of `countries`, over `c`. */
function countryWhere(filter: CountryFilter | null | undefined): Sql {
  if (!filter) return sql`TRUE`;
  const conditions: Sql[] = [];
  if (filter.iso3) conditions.push(sql`c.iso3 = ANY(${filter.iso3.map(normaliseIso3)})`);
  if (filter.isAggregate != null) conditions.push(sql`c.is_aggregate = ${filter.isAggregate}`);
  if (filter.search) conditions.push(searchSql(filter.search));
  return allSql(conditions);
}

const ID: SortKey<Country> = { sql: sql`c.id`, type: 'int', of: (c) => String(c.dbId) };

/** The orders of `countries`; each ends with the id, so it is total (keyset cursors). */
function countryOrdering(orderBy: CountryOrderBy | null | undefined): Ordering<Country> {
  const field = orderBy?.field ?? CountryOrderField.NAME;
  const desc = orderBy?.direction === OrderDirection.DESC;
  const first: SortKey<Country> =
    field === CountryOrderField.ISO3 ? { sql: sql`c.iso3`, type: 'char(3)', desc, of: (c) => c.iso3 } : { sql: sql`c.name`, type: 'text', desc, of: (c) => c.name };
  return { name: `${field}_${desc ? 'DESC' : 'ASC'}`, keys: [first, ID] };
}

@Resolver(() => Country)
export class CountryResolver {
  @Query(() => Country, { nullable: true, description: 'One country by ISO 3166-1 alpha-3 code (any case); null when there is none.' })
  async country(@Args(() => CountryArgs) { iso3, asOf }: CountryArgs, @Ctx() { loaders }: AppContext): Promise<Country | null> {
    const country = await loaders.countryByIso3.load(normaliseIso3(iso3));
    return country?.withAsOf(asOfDay(asOf)) ?? null;
  }

  @Query(() => CountryConnection, { description: 'Countries and aggregates (WLD), ordered by name unless `orderBy` says otherwise.' })
  async countries(@Args(() => CountriesArgs) args: CountriesArgs, @Ctx() { prisma, loaders }: AppContext, @Info() info: GraphQLResolveInfo) {
    const where = countryWhere(args.filter);
    const window = pageWindow('Country', countryOrdering(args.orderBy), args, { filter: args.filter, asOf: args.asOf });
    const count = sql`SELECT count(*)::int AS n FROM countries c WHERE ${where}`;
    const rows = await queryRows<CountryRow & { totalCount?: number }>(
      prisma,
      sql`SELECT ${COUNTRY_COLUMNS}${totalColumn(asksTotalCount(info) ? count : undefined)} FROM countries c
        WHERE ${where} AND ${window.where} ORDER BY ${window.orderBy} LIMIT ${window.take}`,
    );
    const countries = rows.map(Country.fromRow);
    for (const c of countries) {
      loaders.countryById.prime(c.dbId, c);
      loaders.countryByIso3.prime(c.iso3, c);
    }
    const asOf = asOfDay(args.asOf);
    const page = keepPageTotal(
      countries.map((c) => c.withAsOf(asOf)),
      rows,
    );
    return toConnection(page, window, pageTotalOr(page, () => countRows(prisma, count)));
  }
}
