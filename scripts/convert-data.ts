// Converts the raw public files (World Bank Pink Sheet prices, USGS Mineral Commodity Summaries tables)
// into the dataset's own CSV kinds in data/. A one-off tool for whoever refreshes the dataset: the
// committed data/*.csv are the dataset; nothing runs this at install, start or test time.
//
// Usage: npx tsx scripts/convert-data.ts <raw-dir> [--check]
//   <raw-dir> holds, as collected:
//     worldbank_pinksheet_precious_monthly.csv   month,gold_usd_per_troy_oz,silver_usd_per_troy_oz,platinum_usd_per_troy_oz
//     worldbank_pinksheet_precious_annual.csv    year,gold_usd_per_troy_oz,silver_usd_per_troy_oz,platinum_usd_per_troy_oz
//     usgs_mcs_silver_mine_production_by_country.csv, usgs_mcs2025_gold_mine_production_by_country.csv
//                                                edition,country,year,mine_production_t,estimated,reserves_t
//     usgs_mcs_world_totals.csv                  metal,edition,year,world_mine_production_t,estimated
//     usgs_mcs_silver_us_salient.csv             edition,year,estimated,mine_t,refinery_primary_t,refinery_secondary_t,
//                                                imports_t,exports_t,apparent_consumption_t,price_usd_per_troy_oz
//   --check  writes nothing; exits 1 when data/ differs from what the raw files give.
//
// The rows of the sources this script owns (OWNED_SOURCES) are regenerated; every other row of
// data/*.csv (the article's figures) is kept as it is. Countries are added or updated by iso3.
// Figures are copied as written (no arithmetic, no rounding); where two raw tables give the same
// figure for the same edition (a country table's world total and the world totals file, the US
// salient mine production and the country table) they must agree, else the script stops.
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { parse } from 'csv-parse/sync';

const DATA_DIR = path.resolve(__dirname, '..', 'data');

type Edition = 'MCS2024' | 'MCS2025' | 'MCS2026';
const EDITION_SOURCE: Record<Edition, string> = {
  MCS2024: 'USGS Mineral Commodity Summaries 2024',
  MCS2025: 'USGS Mineral Commodity Summaries 2025',
  MCS2026: 'USGS Mineral Commodity Summaries 2026',
};
const WORLD_BANK = 'World Bank Pink Sheet';
const OWNED_SOURCES = [...Object.values(EDITION_SOURCE), WORLD_BANK];

const USGS = 'U.S. Geological Survey';
const PUBLIC_DOMAIN = 'Public domain (U.S. Government work)';
// The raw files give only the month of each edition: the last day of that month is used, so that an
// edition never counts as published before it could have been read ("as of" queries).
const dayNote = (month: string) =>
  `Published in ${month}; the day is not recorded, so published_on is the last day of that month.`;
const mcsCommon =
  'Metric tons of metal content. Each edition gives two years; the later is the survey\'s own estimate ("e", is_estimate true), which the next edition revises. "World total (rounded)" is stored as WLD; "Other countries" as the aggregate XOC (a user-assigned ISO 3166 code; the countries it covers differ by table and edition).';

const SOURCES: Record<string, { publisher: string; url: string; publishedOn: string; licence: string; note: string }> = {
  [EDITION_SOURCE.MCS2024]: {
    publisher: USGS,
    url: 'https://pubs.usgs.gov/periodicals/mcs2024/mcs2024-silver.pdf',
    publishedOn: '2024-01-31',
    licence: PUBLIC_DOMAIN,
    note: `USGS Mineral Commodity Summaries 2024, silver and gold chapters (gold: https://pubs.usgs.gov/periodicals/mcs2024/mcs2024-gold.pdf): world mine production only, 2022 and 2023 (2023 estimated). ${mcsCommon} ${dayNote('January 2024')}`,
  },
  [EDITION_SOURCE.MCS2025]: {
    publisher: USGS,
    url: 'https://pubs.usgs.gov/periodicals/mcs2025/mcs2025-silver.pdf',
    publishedOn: '2025-01-31',
    licence: PUBLIC_DOMAIN,
    note: `USGS Mineral Commodity Summaries 2025. Silver chapter: "World Mine Production and Reserves" (mine production 2023 and 2024, reserves) and "Salient Statistics-United States" 2020-2024. Gold chapter (https://pubs.usgs.gov/periodicals/mcs2025/mcs2025-gold.pdf): "World Mine Production and Reserves" (2023 and 2024; Indonesia and Mali are marked estimated for 2023 too). ${mcsCommon} Reserves are as of the edition (no year); NA (silver: Kazakhstan, Sweden; gold: Burkina Faso) is no row. Australia's silver reserves footnote: JORC-compliant reserves 27,000 t. US salient statistics: mine production (stage MINE, the same figures as the country table), refinery production from primary material (REFINED_PRIMARY) and from secondary material, i.e. scrap (REFINED_SECONDARY), exports (export flows USA to WLD) and imports (export flows WLD to USA, the world's exports to the US); apparent consumption and the average price (Engelhard's industrial bullion quotations) are not stored. The article's USGS figures for 2024 (world about 25,000 t, Mexico 6,300, China 3,300, Peru 3,100, Kazakhstan 1,000) are this edition's estimates. ${dayNote('January 2025')}`,
  },
  [EDITION_SOURCE.MCS2026]: {
    publisher: USGS,
    url: 'https://pubs.usgs.gov/periodicals/mcs2026/mcs2026-silver.pdf',
    publishedOn: '2026-02-28',
    licence: PUBLIC_DOMAIN,
    note: `USGS Mineral Commodity Summaries 2026. Silver chapter: "World Mine Production and Reserves" (mine production 2024 and 2025, reserves) and "Salient Statistics-United States" 2021-2025; gold: world mine production 2024 and 2025 only. ${mcsCommon} Reserves are as of the edition (no year); NA (Kazakhstan, Sweden) is no row. Australia's silver reserves footnote: JORC-compliant reserves 22,000 t. US salient statistics as in MCS 2025 (MINE, REFINED_PRIMARY, REFINED_SECONDARY, exports USA to WLD, imports WLD to USA; apparent consumption and the Engelhard price not stored). ${dayNote('February 2026')}`,
  },
  [WORLD_BANK]: {
    publisher: 'World Bank',
    url: 'https://www.worldbank.org/en/research/commodity-markets',
    publishedOn: '2026-03-03',
    licence: 'CC BY 4.0',
    note: 'World Bank Commodity Price Data (The Pink Sheet), "Updated on March 03, 2026": workbooks CMO-Historical-Data-Monthly.xlsx (sheet "Monthly Prices") and CMO-Historical-Data-Annual.xlsx (sheet "Annual Prices (Nominal)"), nominal US dollars per troy ounce. Stored as MONTHLY_AVERAGE dated the first of each month (1960-01 to 2026-02) and ANNUAL_AVERAGE dated January 1 (1960 to 2025). Series: silver, UK 99.9% refined, London afternoon fixing (Handy & Harman before July 1976; unrefined silver before 1962); gold, UK 99.5% fine, London afternoon fixing, average of daily rates, and a spot average of daily rates from June 2025; platinum, UK 99.9% refined, London afternoon fixing. In the 1960s the monthly rows repeat the annual value, as the source does. Licence CC BY 4.0; attribution: World Bank Commodity Price Data (The Pink Sheet).',
  },
};

/** USGS country names -> [iso3, iso2, name, is_aggregate]. */
const COUNTRIES: Record<string, [string, string, string, boolean]> = {
  'World total (rounded)': ['WLD', '', 'World', true],
  'Other countries': ['XOC', '', 'Other countries', true],
  'United States': ['USA', 'US', 'United States', false],
  Argentina: ['ARG', 'AR', 'Argentina', false],
  Australia: ['AUS', 'AU', 'Australia', false],
  Bolivia: ['BOL', 'BO', 'Bolivia', false],
  Brazil: ['BRA', 'BR', 'Brazil', false],
  'Burkina Faso': ['BFA', 'BF', 'Burkina Faso', false],
  Canada: ['CAN', 'CA', 'Canada', false],
  Chile: ['CHL', 'CL', 'Chile', false],
  China: ['CHN', 'CN', 'China', false],
  Colombia: ['COL', 'CO', 'Colombia', false],
  Ghana: ['GHA', 'GH', 'Ghana', false],
  India: ['IND', 'IN', 'India', false],
  Indonesia: ['IDN', 'ID', 'Indonesia', false],
  Kazakhstan: ['KAZ', 'KZ', 'Kazakhstan', false],
  Mali: ['MLI', 'ML', 'Mali', false],
  Mexico: ['MEX', 'MX', 'Mexico', false],
  Peru: ['PER', 'PE', 'Peru', false],
  Poland: ['POL', 'PL', 'Poland', false],
  Russia: ['RUS', 'RU', 'Russia', false],
  'South Africa': ['ZAF', 'ZA', 'South Africa', false],
  Sweden: ['SWE', 'SE', 'Sweden', false],
  Tanzania: ['TZA', 'TZ', 'Tanzania', false],
  Uzbekistan: ['UZB', 'UZ', 'Uzbekistan', false],
};

// The article's USGS figures (silver mine production 2024) must be MCS 2025's, one revision each.
const ARTICLE_USGS_2024: Record<string, string> = { WLD: '25000', MEX: '6300', CHN: '3300', PER: '3100', KAZ: '1000' };

// ---------------------------------------------------------------------------------------------

type Row = Record<string, string>;

function readCsv(file: string): Row[] {
  return parse(readFileSync(file, 'utf8'), { columns: true, bom: true, skip_empty_lines: true, trim: true }) as Row[];
}

function fail(message: string): never {
  throw new Error(message);
}

/** A figure as written: digits with an optional decimal part (no sign, exponent or separators). */
function figure(raw: string, where: string): string {
  if (!/^\d+(\.\d+)?$/.test(raw)) fail(`${where}: '${raw}' is not a plain non-negative number`);
  return raw;
}

function bool(raw: string, where: string): boolean {
  if (raw !== 'true' && raw !== 'false') fail(`${where}: '${raw}' is not true or false`);
  return raw === 'true';
}

function edition(raw: string, where: string): Edition {
  if (!(raw in EDITION_SOURCE)) fail(`${where}: unknown edition '${raw}'`);
  return raw as Edition;
}

function country(name: string, where: string): string {
  const c = COUNTRIES[name] ?? fail(`${where}: no ISO code for the USGS country name '${name}'`);
  return c[0];
}

const cell = (v: string | number | boolean) => {
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};
const line = (cells: (string | number | boolean)[]) => cells.map(cell).join(',');

/** Rows keyed by their natural key; adding the same key twice must give the same values. */
class Table {
  private readonly rows = new Map<string, (string | number | boolean)[]>();
  constructor(private readonly keyWidth: number) {}
  add(cells: (string | number | boolean)[], where: string) {
    const key = cells.slice(0, this.keyWidth).concat(cells[cells.length - 1]).join('|');
    const before = this.rows.get(key);
    if (before && line(before) !== line(cells)) fail(`${where}: ${line(cells)} disagrees with ${line(before)} (same figure, same edition)`);
    this.rows.set(key, cells);
  }
  lines(): string[] {
    return [...this.rows.values()].map(line);
  }
}

function convert(rawDir: string) {
  const raw = (name: string) => readCsv(path.join(rawDir, name));
  // Key: the observation columns (first keyWidth cells) plus the source (the last cell).
  const production = new Table(6); // country_iso3,metal,stage,year,month_from,month_to,tonnes,is_estimate,is_derived,source
  const flows = new Table(6); // reporter_iso3,partner_iso3,metal,year,month_from,month_to,tonnes,value_usd,is_estimate,is_derived,source
  const prices = new Table(3); // metal,kind,date,price_usd_per_oz,is_estimate,is_derived,source
  const reserves = new Table(2); // country_iso3,metal,tonnes,is_estimate,source
  const usedCountries = new Set<string>();

  const mine = (iso3: string, metal: string, year: string, tonnes: string, estimated: boolean, src: string, where: string, stage = 'MINE') => {
    usedCountries.add(iso3);
    production.add([iso3, metal, stage, year, 1, 12, tonnes, estimated, false, src], where);
  };

  for (const [file, metal] of [
    ['usgs_mcs_silver_mine_production_by_country.csv', 'SILVER'],
    ['usgs_mcs2025_gold_mine_production_by_country.csv', 'GOLD'],
  ] as const) {
    raw(file).forEach((r, i) => {
      const where = `${file}:${i + 2}`;
      const src = EDITION_SOURCE[edition(r.edition, where)];
      const iso3 = country(r.country, where);
      mine(iso3, metal, r.year, figure(r.mine_production_t, where), bool(r.estimated, where), src, where);
      // Reserves are per edition (repeated on both year rows of the table); NA (blank) is no row.
      if (r.reserves_t !== '') reserves.add([iso3, metal, figure(r.reserves_t, where), false, src], where);
    });
  }

  raw('usgs_mcs_world_totals.csv').forEach((r, i) => {
    const where = `usgs_mcs_world_totals.csv:${i + 2}`;
    const metal = r.metal === 'silver' ? 'SILVER' : r.metal === 'gold' ? 'GOLD' : fail(`${where}: unknown metal '${r.metal}'`);
    mine('WLD', metal, r.year, figure(r.world_mine_production_t, where), bool(r.estimated, where), EDITION_SOURCE[edition(r.edition, where)], where);
  });

  raw('usgs_mcs_silver_us_salient.csv').forEach((r, i) => {
    const where = `usgs_mcs_silver_us_salient.csv:${i + 2}`;
    const src = EDITION_SOURCE[edition(r.edition, where)];
    const estimated = bool(r.estimated, where);
    mine('USA', 'SILVER', r.year, figure(r.mine_t, where), estimated, src, where);
    mine('USA', 'SILVER', r.year, figure(r.refinery_primary_t, where), estimated, src, where, 'REFINED_PRIMARY');
    mine('USA', 'SILVER', r.year, figure(r.refinery_secondary_t, where), estimated, src, where, 'REFINED_SECONDARY');
    usedCountries.add('WLD');
    flows.add(['USA', 'WLD', 'SILVER', r.year, 1, 12, figure(r.exports_t, where), '', estimated, false, src], where);
    flows.add(['WLD', 'USA', 'SILVER', r.year, 1, 12, figure(r.imports_t, where), '', estimated, false, src], where);
  });

  const metals = [['SILVER', 'silver_usd_per_troy_oz'], ['GOLD', 'gold_usd_per_troy_oz'], ['PLATINUM', 'platinum_usd_per_troy_oz']] as const;
  const monthly = raw('worldbank_pinksheet_precious_monthly.csv');
  const annual = raw('worldbank_pinksheet_precious_annual.csv');
  for (const [metal, column] of metals) {
    monthly.forEach((r, i) => {
      const where = `worldbank_pinksheet_precious_monthly.csv:${i + 2}`;
      if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(r.month)) fail(`${where}: '${r.month}' is not YYYY-MM`);
      prices.add([metal, 'MONTHLY_AVERAGE', `${r.month}-01`, figure(r[column], where), false, false, WORLD_BANK], where);
    });
    annual.forEach((r, i) => {
      const where = `worldbank_pinksheet_precious_annual.csv:${i + 2}`;
      if (!/^\d{4}$/.test(r.year)) fail(`${where}: '${r.year}' is not a year`);
      prices.add([metal, 'ANNUAL_AVERAGE', `${r.year}-01-01`, figure(r[column], where), false, false, WORLD_BANK], where);
    });
  }

  const mcs2025 = production.lines().map((l) => l.split(','));
  for (const [iso3, tonnes] of Object.entries(ARTICLE_USGS_2024)) {
    const row = mcs2025.find((c) => c[0] === iso3 && c[1] === 'SILVER' && c[2] === 'MINE' && c[3] === '2024' && c[9] === EDITION_SOURCE.MCS2025);
    if (row?.[6] !== tonnes) fail(`the article's USGS figure ${iso3} 2024 = ${tonnes} t is not MCS 2025's (${row?.[6]})`);
  }
  return { production, flows, prices, reserves, usedCountries };
}

// ---------------------------------------------------------------------------------------------
// Merging into data/*.csv: keep the rows of other sources, replace this script's own.

interface CsvFile {
  header: string[];
  rows: string[][];
}

function readData(kind: string): CsvFile {
  const file = path.join(DATA_DIR, `${kind}.csv`);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return { header: [], rows: [] };
  }
  const [header, ...rows] = parse(text, { bom: true, skip_empty_lines: true, relax_column_count: true }) as string[][];
  return { header, rows };
}

/** The file's rows in `header`'s column order (missing optional columns are empty), minus owned sources. */
function keptRows(kind: string, header: string[], sourceColumn: string, owned: Set<string>): string[] {
  const { header: had, rows } = readData(kind);
  return rows
    .map((r) => Object.fromEntries(had.map((h, i) => [h, r[i] ?? ''])))
    .filter((r) => !owned.has(r[sourceColumn]))
    .map((r) => line(header.map((h) => r[h] ?? '')));
}

function render(header: string[], lines: string[]): string {
  return `${[header.join(','), ...lines].join('\n')}\n`;
}

function main(argv: string[]) {
  const check = argv.includes('--check');
  const rawDir = argv.find((a) => !a.startsWith('--')) ?? fail('usage: npx tsx scripts/convert-data.ts <raw-dir> [--check]');
  const { production, flows, prices, reserves, usedCountries } = convert(rawDir);
  const owned = new Set(OWNED_SOURCES);
  const out: Record<string, string> = {};

  const sourcesHeader = ['name', 'publisher', 'url', 'published_on', 'note', 'licence'];
  out.sources = render(sourcesHeader, [
    ...keptRows('sources', sourcesHeader, 'name', owned),
    ...OWNED_SOURCES.map((name) => {
      const s = SOURCES[name];
      return line([name, s.publisher, s.url, s.publishedOn, s.note, s.licence]);
    }),
  ]);

  const countriesHeader = ['iso3', 'iso2', 'name', 'is_aggregate'];
  const ours = Object.values(COUNTRIES).filter(([iso3]) => usedCountries.has(iso3));
  const existing = readData('countries');
  const existingCodes = new Set(existing.rows.map((r) => r[existing.header.indexOf('iso3')]));
  out.countries = render(countriesHeader, [
    // Countries already listed keep their place (and are updated); new ones follow by code.
    ...existing.rows.map((r) => {
      const iso3 = r[existing.header.indexOf('iso3')];
      const c = ours.find(([code]) => code === iso3);
      return c ? line([c[0], c[1], c[2], c[3]]) : line(countriesHeader.map((h) => r[existing.header.indexOf(h)] ?? ''));
    }),
    ...ours.filter(([iso3]) => !existingCodes.has(iso3)).sort((a, b) => a[0].localeCompare(b[0])).map((c) => line([c[0], c[1], c[2], c[3]])),
  ]);

  const productionHeader = ['country_iso3', 'metal', 'stage', 'year', 'month_from', 'month_to', 'tonnes', 'is_estimate', 'is_derived', 'source'];
  out.production = render(productionHeader, [...keptRows('production', productionHeader, 'source', owned), ...production.lines()]);
  const exportsHeader = ['reporter_iso3', 'partner_iso3', 'metal', 'year', 'month_from', 'month_to', 'tonnes', 'value_usd', 'is_estimate', 'is_derived', 'source'];
  out.exports = render(exportsHeader, [...keptRows('exports', exportsHeader, 'source', owned), ...flows.lines()]);
  const pricesHeader = ['metal', 'kind', 'date', 'price_usd_per_oz', 'is_estimate', 'is_derived', 'source'];
  out.prices = render(pricesHeader, [...keptRows('prices', pricesHeader, 'source', owned), ...prices.lines()]);
  const reservesHeader = ['country_iso3', 'metal', 'tonnes', 'is_estimate', 'source'];
  out.reserves = render(reservesHeader, [...keptRows('reserves', reservesHeader, 'source', owned), ...reserves.lines()]);

  let differs = false;
  for (const [kind, text] of Object.entries(out)) {
    const file = path.join(DATA_DIR, `${kind}.csv`);
    let before = '';
    try {
      before = readFileSync(file, 'utf8');
    } catch {
      /* a new file */
    }
    if (before === text) continue;
    differs = true;
    if (check) process.stderr.write(`data/${kind}.csv differs from the conversion\n`);
    else {
      writeFileSync(file, text);
      process.stderr.write(`wrote data/${kind}.csv (${text.trimEnd().split('\n').length - 1} rows)\n`);
    }
  }
  if (check && differs) process.exit(1);
  if (!differs) process.stderr.write('data/ is up to date\n');
}

main(process.argv.slice(2));
