// The CSV formats the importer accepts: one kind per file, snake_case columns.
// This table is the single source of truth for header checks, kind inference and `--help`.
import { METALS, PRICE_KINDS, PRODUCTION_STAGES, WORLD_ISO3, YEAR_MAX, YEAR_MIN } from '../domain';

export type ImportKind = 'sources' | 'countries' | 'production' | 'exports' | 'prices' | 'reserves' | 'country-aliases';

/** Dependency order: facts and aliases reference countries and sources. */
export const IMPORT_KINDS: readonly ImportKind[] = ['sources', 'countries', 'production', 'exports', 'prices', 'reserves', 'country-aliases'];

export interface ColumnSpec {
  name: string;
  /** The cell may be empty (the column itself must still be in the header unless `optionalColumn`). */
  optional: boolean;
  /** The column may be left out of the header altogether. */
  optionalColumn?: boolean;
  description: string;
}

export interface KindSpec {
  kind: ImportKind;
  title: string;
  /** Columns that make up the natural key (what a re-import matches on). */
  key: string[];
  /** For figures: the columns that identify the observation; each source's value of it is one revision. */
  observation?: string[];
  columns: ColumnSpec[];
}

const c = (name: string, description: string, optional = false, optionalColumn = false): ColumnSpec => ({
  name,
  description,
  optional,
  optionalColumn,
});

const metalDoc = `metal: ${METALS.join(', ')}`;
const isEstimateDoc =
  'true when the figure is an estimate: marked so by its publisher (e.g. USGS "e") or derived by argentum; true or false';
const isDerivedDoc =
  'true when argentum computed the figure from reported ones (its source\'s note gives the rule); such a figure is an estimate, so is_estimate must be true; true or false (empty or no column = false)';
const sourceDoc =
  'name of the source (a row of sources.csv, in the database or earlier in the same import); the same observation under another source is another revision of it';
const periodDocs = [
  c('year', `calendar year, ${YEAR_MIN}..${YEAR_MAX}`),
  c('month_from', 'first month of the period, 1..12 (1 with month_to 12 = the full year)'),
  c('month_to', 'last month of the period, month_from..12 (e.g. 1..11 = January-November)'),
];

export const KIND_SPECS: Record<ImportKind, KindSpec> = {
  sources: {
    kind: 'sources',
    title: 'where figures come from',
    key: ['name'],
    columns: [
      c('name', 'unique name that data rows refer to in their source column, e.g. USGS'),
      c('publisher', 'who published it', true),
      c('url', 'http(s) address of the publication', true),
      c('published_on', 'publication date, YYYY-MM-DD (decides the current value among revisions, and "as of"); empty = the start of time', true),
      c('note', 'free text: what the source covers, or the rule a derived figure follows', true),
      c('licence', 'the terms of use, e.g. CC BY 4.0 (empty or no column = none recorded)', true, true),
    ],
  },
  countries: {
    kind: 'countries',
    title: 'countries and aggregates',
    key: ['iso3'],
    columns: [
      c('iso3', `ISO 3166-1 alpha-3 code, 3 letters (${WORLD_ISO3} = the world aggregate; user-assigned codes such as XOC for other aggregates)`),
      c('iso2', 'ISO 3166-1 alpha-2 code, 2 capital letters; empty for aggregates', true),
      c('name', 'English name'),
      c('is_aggregate', 'true for aggregates such as WLD (the world); true or false (empty = false)', true, true),
    ],
  },
  'country-aliases': {
    kind: 'country-aliases',
    title: 'other names a country is searched by (countries(filter: { search }))',
    key: ['alias'],
    columns: [
      c('iso3', 'the country, alpha-3 code of a known country'),
      c(
        'alias',
        'a common name or short form, e.g. UK, Britain, America (at most 100 characters); names one country whatever its case, so a second row of the same alias moves it. Codes need no alias: alpha-2 and alpha-3 codes are searched as they are',
      ),
    ],
  },
  production: {
    kind: 'production',
    title: "a country's output of a metal at one stage for months month_from..month_to of a year",
    key: ['country_iso3', 'metal', 'stage', 'year', 'month_from', 'month_to', 'source'],
    observation: ['country_iso3', 'metal', 'stage', 'year', 'month_from', 'month_to'],
    columns: [
      c('country_iso3', `producing country, alpha-3 code of a known country (${WORLD_ISO3} = world total)`),
      c('metal', metalDoc),
      c(
        'stage',
        `${PRODUCTION_STAGES.join(', ')} (MINE = mine production as USGS reports it; REFINED = refined metal; REFINED_PRIMARY / REFINED_SECONDARY = refinery production from primary material / from scrap, as USGS reports it for the US)`,
      ),
      ...periodDocs,
      c('tonnes', 'metric tonnes, a non-negative decimal number with a dot (at most 3 decimals), e.g. 697.5'),
      c('is_estimate', isEstimateDoc),
      c('is_derived', isDerivedDoc, true, true),
      c('source', sourceDoc),
    ],
  },
  exports: {
    kind: 'exports',
    title: "a reporter country's exports of a metal to one partner for a period",
    key: ['reporter_iso3', 'partner_iso3', 'metal', 'year', 'month_from', 'month_to', 'source'],
    observation: ['reporter_iso3', 'partner_iso3', 'metal', 'year', 'month_from', 'month_to'],
    columns: [
      c('reporter_iso3', 'exporting country, alpha-3 code of a known country'),
      c('partner_iso3', `destination, alpha-3 code of a known country; ${WORLD_ISO3} = all destinations together (reporter ${WORLD_ISO3} = the world's exports to the partner, i.e. the partner's imports)`),
      c('metal', metalDoc),
      ...periodDocs,
      c('tonnes', 'metric tonnes, non-negative decimal (at most 3 decimals); may be empty if value_usd is given', true),
      c('value_usd', 'value in US dollars, non-negative decimal (at most 2 decimals); may be empty if tonnes is given', true),
      c('is_estimate', isEstimateDoc),
      c('is_derived', isDerivedDoc, true, true),
      c('source', sourceDoc),
    ],
  },
  prices: {
    kind: 'prices',
    title: "a metal's price in USD per troy ounce",
    key: ['metal', 'kind', 'date', 'source'],
    observation: ['metal', 'kind', 'date'],
    columns: [
      c('metal', metalDoc),
      c(
        'kind',
        `${PRICE_KINDS.join(', ')} (SPOT = that day; MONTHLY_AVERAGE = the month starting on date, which must be a 1st; ANNUAL_AVERAGE = the year starting on date, which must be January 1)`,
      ),
      c('date', `YYYY-MM-DD, a real calendar date in ${YEAR_MIN}..${YEAR_MAX}`),
      c('price_usd_per_oz', 'USD per troy ounce, a positive decimal number with a dot (at most 4 decimals)'),
      c('is_estimate', isEstimateDoc),
      c('is_derived', isDerivedDoc, true, true),
      c('source', sourceDoc),
    ],
  },
  reserves: {
    kind: 'reserves',
    title: "a country's reserves of a metal as one source (e.g. a USGS edition) estimates them; no year: the source's publication dates them",
    key: ['country_iso3', 'metal', 'source'],
    observation: ['country_iso3', 'metal'],
    columns: [
      c('country_iso3', `country, alpha-3 code of a known country (${WORLD_ISO3} = world total)`),
      c('metal', metalDoc),
      c('tonnes', 'metric tonnes of metal content, a non-negative decimal number with a dot (at most 3 decimals)'),
      c('is_estimate', isEstimateDoc),
      c('source', 'name of the source (a row of sources.csv, in the database or earlier in the same import); each source holds one value per country and metal'),
    ],
  },
};

/** The text `--help` prints for the file formats. */
export function describeFormats(): string {
  const out: string[] = [];
  for (const kind of IMPORT_KINDS) {
    const spec = KIND_SPECS[kind];
    out.push(`${kind} (${spec.title}); rows are matched on ${spec.key.join(', ')}:`);
    if (spec.observation) {
      out.push(`  a row is one revision of the observation (${spec.observation.join(', ')}): a new source adds a revision, the same source updates it;`);
      out.push('  the current value of each observation touched is chosen again (a non-estimate first, then the latest published_on, then the latest stored)');
    }
    out.push(`  header: ${spec.columns.map((col) => col.name).join(',')}`);
    const width = Math.max(...spec.columns.map((col) => col.name.length));
    for (const col of spec.columns) {
      const flags = col.optionalColumn ? ' [optional column]' : col.optional ? ' [may be empty]' : '';
      out.push(`  ${col.name.padEnd(width)}  ${col.description}${flags}`);
    }
    out.push('');
  }
  return out.join('\n');
}
