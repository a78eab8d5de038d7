// Parsing and validation of import files. Pure: no database access. Every problem is collected
// (never just the first) as `file:line: column: message`, line = physical line, header = line 1.
import * as path from 'node:path';
import { parse } from 'csv-parse/sync';
import {
  CalendarDateError,
  METALS,
  MONTH_MAX,
  MONTH_MIN,
  PRICE_KINDS,
  PRODUCTION_STAGES,
  WORLD_ISO3,
  YEAR_MAX,
  YEAR_MIN,
  formatCalendarDate,
  normalizeIso2,
  normalizeIso3,
  parseCalendarDate,
  type Metal,
  type PriceKind,
  type ProductionStage,
} from '../domain';
import { IMPORT_KINDS, KIND_SPECS, type ImportKind, type KindSpec } from './spec.js';

export interface ImportProblem {
  file: string;
  line: number;
  column: string;
  message: string;
}

export function formatProblem(p: ImportProblem): string {
  return `${p.file}:${p.line}: ${p.column}: ${p.message}`;
}

export class ImportValidationError extends Error {
  problems: ImportProblem[];
  constructor(problems: ImportProblem[]) {
    const shown = problems.slice(0, 50).map(formatProblem);
    if (problems.length > shown.length) shown.push(`... and ${problems.length - shown.length} more`);
    super(`${problems.length} problem${problems.length === 1 ? '' : 's'} found, nothing was imported:\n${shown.join('\n')}`);
    this.name = 'ImportValidationError';
    this.problems = problems;
  }
}

export type { Metal };
export type Stage = ProductionStage;
export type PriceKindName = PriceKind;

export interface SourceRow {
  line: number;
  name: string;
  publisher: string | null;
  url: string | null;
  publishedOn: string | null; // YYYY-MM-DD
  note: string | null;
  licence: string | null;
}
export interface CountryRow {
  line: number;
  iso3: string;
  iso2: string | null;
  name: string;
  isAggregate: boolean;
}
export interface AliasRow {
  line: number;
  iso3: string;
  alias: string;
}
export interface ProductionRow {
  line: number;
  countryIso3: string;
  metal: Metal;
  stage: Stage;
  year: number;
  monthFrom: number;
  monthTo: number;
  tonnes: string; // canonical decimal string
  isEstimate: boolean;
  isDerived: boolean;
  source: string;
}
export interface ExportRow {
  line: number;
  reporterIso3: string;
  partnerIso3: string;
  metal: Metal;
  year: number;
  monthFrom: number;
  monthTo: number;
  tonnes: string | null;
  valueUsd: string | null;
  isEstimate: boolean;
  isDerived: boolean;
  source: string;
}
export interface PriceRow {
  line: number;
  metal: Metal;
  kind: PriceKindName;
  date: string; // YYYY-MM-DD
  priceUsdPerOz: string;
  isEstimate: boolean;
  isDerived: boolean;
  source: string;
}
export interface ReserveRow {
  line: number;
  countryIso3: string;
  metal: Metal;
  tonnes: string;
  isEstimate: boolean;
  source: string;
}

export interface RowsByKind {
  sources: SourceRow;
  countries: CountryRow;
  production: ProductionRow;
  exports: ExportRow;
  prices: PriceRow;
  reserves: ReserveRow;
  'country-aliases': AliasRow;
}

export type ValidatedFile = {
  [K in ImportKind]: { kind: K; file: string; rows: RowsByKind[K][] };
}[ImportKind];

/** Countries and sources a file may refer to: those in the database plus those earlier in the same import. */
export interface KnownRefs {
  countries: Map<string, { iso2: string | null; isAggregate: boolean }>;
  sources: Set<string>;
}

export function emptyKnownRefs(): KnownRefs {
  return { countries: new Map(), sources: new Set() };
}

// ---------------------------------------------------------------------------------------------
// CSV

export interface CsvRecord {
  line: number;
  cells: string[];
}
export interface ParsedCsv {
  header: string[];
  records: CsvRecord[];
}

/** Parses CSV text; a syntax error (e.g. an unclosed quote) becomes a problem on its line. */
export function parseCsv(text: string, file: string): { csv?: ParsedCsv; problems: ImportProblem[] } {
  let raw: { record: string[]; info: { lines: number } }[];
  try {
    raw = parse(text, {
      bom: true,
      info: true,
      skip_empty_lines: true,
      relax_column_count: true,
      trim: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (err) {
    const e = err as { message?: string; lines?: number };
    const message = String(e.message ?? err).replace(/^Invalid Record Length: /, '');
    return { problems: [{ file, line: e.lines ?? 1, column: '(file)', message: `not valid CSV: ${message}` }] };
  }
  // Ignore records that are only empty cells (e.g. a line of commas from a spreadsheet).
  const records: CsvRecord[] = [];
  for (const { record, info } of raw) {
    if (record.every((cell) => cell === '')) continue;
    // info.lines is the line the record ends on; quoted cells may span lines.
    const spanned = record.reduce((n, cell) => n + (cell.match(/\n/g)?.length ?? 0), 0);
    records.push({ line: info.lines - spanned, cells: record });
  }
  if (records.length === 0) {
    return { problems: [{ file, line: 1, column: '(header)', message: 'the file is empty: expected a header line of column names' }] };
  }
  const [head, ...rest] = records;
  return { csv: { header: head.cells.map((h) => h.trim().toLowerCase()), records: rest }, problems: [] };
}

/**
 * Which kind a header belongs to: the kind sharing the most column names with it,
 * the file name (production.csv, ...) breaking ties. Undefined when nothing matches.
 */
export function inferKind(header: string[], file?: string): ImportKind | undefined {
  const base = file ? path.basename(file).toLowerCase().replace(/\.csv$/, '') : '';
  let best: ImportKind | undefined;
  let bestScore = 0;
  for (const kind of IMPORT_KINDS) {
    const columns = KIND_SPECS[kind].columns;
    const names = new Set(columns.map((col) => col.name));
    const required = columns.filter((col) => !col.optionalColumn).map((col) => col.name);
    if (!header.some((h) => names.has(h))) continue;
    // Fraction of the kind's required columns present, minus a little per foreign column (optional
    // columns are not foreign); the file name breaks ties.
    const matched = required.filter((name) => header.includes(name)).length;
    const foreign = header.filter((h) => h !== '' && !names.has(h)).length;
    const score = matched / required.length - foreign * 0.01 + (base === kind ? 0.001 : 0);
    if (score > bestScore) {
      bestScore = score;
      best = kind;
    }
  }
  return best;
}

// ---------------------------------------------------------------------------------------------
// Cell parsers: return the value or throw CellError with what was wrong and what is accepted.

class CellError extends Error {}

const quote = (raw: string) => {
  const s = raw.replace(/\r/g, '\\r').replace(/\n/g, '\\n'); // keep every problem on one line
  return s.length > 40 ? `'${s.slice(0, 40)}...'` : `'${s}'`;
};

function parseInteger(raw: string, what: string, min: number, max: number): number {
  if (!/^[+-]?\d+$/.test(raw)) throw new CellError(`${quote(raw)} is not a whole number; accepted: ${what} ${min}..${max}`);
  const n = Number(raw);
  if (n < min || n > max) throw new CellError(`${raw} is out of range; accepted: ${what} ${min}..${max}`);
  return n;
}

/** Non-negative decimal with a dot, returned in canonical form (no leading/trailing zeros). */
function parseDecimal(raw: string, opts: { scale: number; intDigits: number; positive?: boolean }): string {
  const accepted = `a ${opts.positive ? 'positive' : 'non-negative'} decimal number with a dot and at most ${opts.scale} decimals, no thousands separators, e.g. 697.5`;
  const m = /^([+-]?)(\d*)(?:\.(\d*))?$/.exec(raw);
  if (!m || (m[2] === '' && (m[3] ?? '') === '')) throw new CellError(`${quote(raw)} is not a number; accepted: ${accepted}`);
  let intPart = m[2].replace(/^0+(?=\d)/, '') || '0';
  const frac = (m[3] ?? '').replace(/0+$/, '');
  const isZero = /^0*$/.test(intPart) && frac === '';
  if (m[1] === '-' && !isZero) throw new CellError(`${raw} is negative; accepted: ${accepted}`);
  if (opts.positive && isZero) throw new CellError(`${raw} is zero; accepted: ${accepted}`);
  if (frac.length > opts.scale) throw new CellError(`${raw} has more than ${opts.scale} decimals; accepted: ${accepted}`);
  intPart = intPart.replace(/^0+(?=\d)/, '');
  if (intPart.length > opts.intDigits) throw new CellError(`${raw} is too large; accepted: at most ${opts.intDigits} digits before the decimal point`);
  return frac ? `${intPart}.${frac}` : intPart;
}

function parseBoolean(raw: string): boolean {
  const v = raw.toLowerCase();
  if (v === 'true') return true;
  if (v === 'false') return false;
  throw new CellError(`${quote(raw)} is not a boolean; accepted: true or false`);
}

function parseEnum<T extends string>(raw: string, values: readonly T[], what: string): T {
  const v = raw.toUpperCase();
  const hit = values.find((x) => x === v);
  if (!hit) throw new CellError(`unknown ${what} ${quote(raw)}; accepted: ${values.join(', ')}`);
  return hit;
}

/** YYYY-MM-DD that exists on the calendar, in the domain's years. */
export function parseIsoDate(raw: string): string {
  const accepted = `a date YYYY-MM-DD in ${YEAR_MIN}..${YEAR_MAX}, e.g. 2026-01-12`;
  try {
    return formatCalendarDate(parseCalendarDate(raw));
  } catch (err) {
    if (!(err instanceof CalendarDateError)) throw err;
    if (err.reason === 'format') throw new CellError(`${quote(raw)} is not a date; accepted: ${accepted}`);
    if (err.reason === 'range') throw new CellError(`${raw} is out of range; accepted: ${accepted}`);
    throw new CellError(`${raw} is not a real calendar date; accepted: ${accepted}`);
  }
}

function parseIso3(raw: string): string {
  const code = normalizeIso3(raw);
  if (!code) throw new CellError(`${quote(raw)} is not an ISO 3166-1 alpha-3 code; accepted: 3 letters, e.g. KAZ`);
  return code;
}

function parseIso2(raw: string): string {
  const code = normalizeIso2(raw);
  if (!code) throw new CellError(`${quote(raw)} is not an ISO 3166-1 alpha-2 code; accepted: 2 letters, e.g. KZ, or empty`);
  return code;
}

function parseUrl(raw: string): string {
  let ok = false;
  try {
    const u = new URL(raw);
    ok = u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    ok = false;
  }
  if (!ok) throw new CellError(`${quote(raw)} is not a URL; accepted: an http:// or https:// address, or empty`);
  return raw;
}

function listKnown(names: Iterable<string>): string {
  const all = [...names].sort();
  if (all.length === 0) return 'none yet';
  return all.length > 20 ? `${all.slice(0, 20).join(', ')}, ... (${all.length} in all)` : all.join(', ');
}

// ---------------------------------------------------------------------------------------------
// Files

function checkHeader(spec: KindSpec, header: string[], file: string, problems: ImportProblem[]): boolean {
  const names = new Set(spec.columns.map((col) => col.name));
  const seen = new Set<string>();
  let fatal = false;
  header.forEach((h, i) => {
    if (h === '') {
      problems.push({ file, line: 1, column: `(column ${i + 1})`, message: `empty column name; accepted ${spec.kind} columns: ${[...names].join(', ')}` });
    } else if (!names.has(h)) {
      problems.push({ file, line: 1, column: h, message: `unknown column for ${spec.kind}; accepted columns: ${[...names].join(', ')}` });
    } else if (seen.has(h)) {
      problems.push({ file, line: 1, column: h, message: 'column appears more than once in the header' });
      fatal = true;
    }
    seen.add(h);
  });
  for (const col of spec.columns) {
    if (!seen.has(col.name) && !col.optionalColumn) {
      problems.push({ file, line: 1, column: col.name, message: `missing column; a ${spec.kind} header needs: ${spec.columns.filter((x) => !x.optionalColumn).map((x) => x.name).join(',')}` });
      fatal = true;
    }
  }
  return !fatal;
}

/** Row accessor that records problems instead of throwing. */
class RowReader {
  ok = true;
  constructor(
    private readonly file: string,
    readonly line: number,
    private readonly cells: Map<string, string>,
    private readonly problems: ImportProblem[],
  ) {}
  problem(column: string, message: string) {
    this.ok = false;
    this.problems.push({ file: this.file, line: this.line, column, message });
  }
  raw(column: string): string {
    return this.cells.get(column) ?? '';
  }
  /** Parses a required cell; returns undefined (and records a problem) when it is empty or invalid. */
  req<T>(column: string, parser: (raw: string) => T, emptyHint: string): T | undefined {
    const raw = this.raw(column);
    if (raw === '') {
      this.problem(column, `empty; expected ${emptyHint}`);
      return undefined;
    }
    return this.run(column, raw, parser);
  }
  /** Parses an optional cell; null when empty. */
  opt<T>(column: string, parser: (raw: string) => T): T | null | undefined {
    const raw = this.raw(column);
    if (raw === '') return null;
    return this.run(column, raw, parser);
  }
  private run<T>(column: string, raw: string, parser: (raw: string) => T): T | undefined {
    try {
      return parser(raw);
    } catch (err) {
      if (err instanceof CellError) {
        this.problem(column, err.message);
        return undefined;
      }
      throw err;
    }
  }
}

const text = (maxLen: number) => (raw: string) => {
  if (raw.length > maxLen) throw new CellError(`too long (${raw.length} characters); accepted: at most ${maxLen}`);
  return raw;
};
const TONNES = { scale: 3, intDigits: 11 };
const USD = { scale: 2, intDigits: 16 };
const PRICE = { scale: 4, intDigits: 8, positive: true };
const year = (raw: string) => parseInteger(raw, 'a year', YEAR_MIN, YEAR_MAX);
const month = (raw: string) => parseInteger(raw, 'a month', MONTH_MIN, MONTH_MAX);
const metal = (raw: string) => parseEnum(raw, METALS, 'metal');

function checkCountry(r: RowReader, column: string, iso3: string | undefined, known: KnownRefs): string | undefined {
  if (iso3 === undefined) return undefined;
  if (!known.countries.has(iso3)) {
    r.problem(column, `unknown country '${iso3}': not in the database nor earlier in this import (import it with countries.csv first); known: ${listKnown(known.countries.keys())}`);
    return undefined;
  }
  return iso3;
}

function checkSource(r: RowReader, known: KnownRefs): string | undefined {
  const name = r.req('source', text(200), 'the name of a source: every figure needs one');
  if (name === undefined) return undefined;
  if (!known.sources.has(name)) {
    r.problem('source', `unknown source ${quote(name)}: not in the database nor earlier in this import (import it with sources.csv first); known: ${listKnown(known.sources)}`);
    return undefined;
  }
  return name;
}

/** The optional is_derived cell (empty or no column = false); a derived figure must be an estimate. */
function checkDerived(r: RowReader, isEstimate: boolean | undefined): boolean | undefined {
  const isDerived = r.opt('is_derived', parseBoolean);
  if (isDerived === undefined) return undefined;
  if (isDerived && isEstimate === false) {
    r.problem('is_derived', 'true with is_estimate false; accepted: a derived figure is an estimate, so set is_estimate to true (or is_derived to false)');
    return undefined;
  }
  return isDerived ?? false;
}

function checkPeriod(r: RowReader): { year?: number; monthFrom?: number; monthTo?: number } {
  const y = r.req('year', year, `a year ${YEAR_MIN}..${YEAR_MAX}`);
  const monthFrom = r.req('month_from', month, 'a month 1..12');
  const monthTo = r.req('month_to', month, 'a month 1..12');
  if (monthFrom !== undefined && monthTo !== undefined && monthFrom > monthTo) {
    r.problem('month_to', `${monthTo} is before month_from ${monthFrom}; accepted: a month month_from..12`);
  }
  return { year: y, monthFrom, monthTo };
}

type RowValidator<K extends ImportKind> = (r: RowReader, known: KnownRefs) => RowsByKind[K] | undefined;

const validators: { [K in ImportKind]: RowValidator<K> } = {
  sources(r) {
    const name = r.req('name', text(200), 'a source name');
    const publisher = r.opt('publisher', text(500));
    const url = r.opt('url', parseUrl);
    const publishedOn = r.opt('published_on', parseIsoDate);
    const note = r.opt('note', text(10_000));
    const licence = r.opt('licence', text(200));
    if (!r.ok || name === undefined || publisher === undefined || url === undefined || publishedOn === undefined || note === undefined || licence === undefined) return undefined;
    return { line: r.line, name, publisher, url, publishedOn, note, licence };
  },
  countries(r, known) {
    const iso3 = r.req('iso3', parseIso3, 'an ISO 3166-1 alpha-3 code, e.g. KAZ');
    const iso2 = r.opt('iso2', parseIso2);
    const name = r.req('name', text(200), 'the country name');
    const isAggregate = r.opt('is_aggregate', parseBoolean) ?? false;
    if (iso3 !== undefined && iso2) {
      for (const [other, c] of known.countries) {
        if (other !== iso3 && c.iso2 === iso2) r.problem('iso2', `'${iso2}' already belongs to ${other}; accepted: an alpha-2 code no other country has`);
      }
    }
    if (!r.ok || iso3 === undefined || iso2 === undefined || name === undefined || isAggregate === undefined) return undefined;
    return { line: r.line, iso3, iso2, name, isAggregate };
  },
  'country-aliases'(r, known) {
    const iso3 = checkCountry(r, 'iso3', r.req('iso3', parseIso3, 'a country code, e.g. GBR'), known);
    const alias = r.req('alias', text(100), 'a name the country is known by, e.g. UK');
    if (alias !== undefined) {
      // A code is searched as a code: an alias spelled like another country's code would make it ambiguous.
      for (const [other, c] of known.countries) {
        if (other !== iso3 && (other === alias.toUpperCase() || c.iso2 === alias.toUpperCase())) {
          r.problem('alias', `${quote(alias)} is the ISO code of ${other}; accepted: a name that is no other country's alpha-2 or alpha-3 code`);
        }
      }
    }
    if (!r.ok || iso3 === undefined || alias === undefined) return undefined;
    return { line: r.line, iso3, alias };
  },
  production(r, known) {
    const countryIso3 = checkCountry(r, 'country_iso3', r.req('country_iso3', parseIso3, 'a country code, e.g. KAZ'), known);
    const m = r.req('metal', metal, `a metal (${METALS.join(', ')})`);
    const stage = r.req('stage', (raw) => parseEnum(raw, PRODUCTION_STAGES, 'stage'), `a stage (${PRODUCTION_STAGES.join(', ')})`);
    const { year: y, monthFrom, monthTo } = checkPeriod(r);
    const tonnes = r.req('tonnes', (raw) => parseDecimal(raw, TONNES), 'tonnes, e.g. 697.5');
    const isEstimate = r.req('is_estimate', parseBoolean, 'true or false');
    const isDerived = checkDerived(r, isEstimate);
    const source = checkSource(r, known);
    if (!r.ok || [countryIso3, m, stage, y, monthFrom, monthTo, tonnes, isEstimate, isDerived, source].includes(undefined)) return undefined;
    return { line: r.line, countryIso3: countryIso3!, metal: m!, stage: stage!, year: y!, monthFrom: monthFrom!, monthTo: monthTo!, tonnes: tonnes!, isEstimate: isEstimate!, isDerived: isDerived!, source: source! };
  },
  exports(r, known) {
    const reporterIso3 = checkCountry(r, 'reporter_iso3', r.req('reporter_iso3', parseIso3, 'a country code, e.g. KAZ'), known);
    const partnerIso3 = checkCountry(r, 'partner_iso3', r.req('partner_iso3', parseIso3, 'a country code, e.g. GBR, or WLD'), known);
    if (reporterIso3 !== undefined && reporterIso3 === partnerIso3) r.problem('partner_iso3', `'${partnerIso3}' is the reporter itself; accepted: another country, or ${WORLD_ISO3} for all destinations`);
    const m = r.req('metal', metal, `a metal (${METALS.join(', ')})`);
    const { year: y, monthFrom, monthTo } = checkPeriod(r);
    const tonnes = r.opt('tonnes', (raw) => parseDecimal(raw, TONNES));
    const valueUsd = r.opt('value_usd', (raw) => parseDecimal(raw, USD));
    if (r.raw('tonnes') === '' && r.raw('value_usd') === '') r.problem('tonnes', 'tonnes and value_usd are both empty; accepted: at least one of them');
    const isEstimate = r.req('is_estimate', parseBoolean, 'true or false');
    const isDerived = checkDerived(r, isEstimate);
    const source = checkSource(r, known);
    if (!r.ok || [reporterIso3, partnerIso3, m, y, monthFrom, monthTo, tonnes, valueUsd, isEstimate, isDerived, source].includes(undefined)) return undefined;
    return { line: r.line, reporterIso3: reporterIso3!, partnerIso3: partnerIso3!, metal: m!, year: y!, monthFrom: monthFrom!, monthTo: monthTo!, tonnes: tonnes!, valueUsd: valueUsd!, isEstimate: isEstimate!, isDerived: isDerived!, source: source! };
  },
  prices(r, known) {
    const m = r.req('metal', metal, `a metal (${METALS.join(', ')})`);
    const kind = r.req('kind', (raw) => parseEnum(raw, PRICE_KINDS, 'price kind'), `a price kind (${PRICE_KINDS.join(', ')})`);
    const date = r.req('date', parseIsoDate, 'a date YYYY-MM-DD');
    if (date !== undefined && kind === 'MONTHLY_AVERAGE' && !date.endsWith('-01')) r.problem('date', `${date} is not the first of a month; accepted for MONTHLY_AVERAGE: YYYY-MM-01, the month the average covers`);
    if (date !== undefined && kind === 'ANNUAL_AVERAGE' && !date.endsWith('-01-01')) r.problem('date', `${date} is not January 1; accepted for ANNUAL_AVERAGE: YYYY-01-01, the year the average covers`);
    const price = r.req('price_usd_per_oz', (raw) => parseDecimal(raw, PRICE), 'a price in USD per troy ounce, e.g. 31.3');
    const isEstimate = r.req('is_estimate', parseBoolean, 'true or false');
    const isDerived = checkDerived(r, isEstimate);
    const source = checkSource(r, known);
    if (!r.ok || [m, kind, date, price, isEstimate, isDerived, source].includes(undefined)) return undefined;
    return { line: r.line, metal: m!, kind: kind!, date: date!, priceUsdPerOz: price!, isEstimate: isEstimate!, isDerived: isDerived!, source: source! };
  },
  reserves(r, known) {
    const countryIso3 = checkCountry(r, 'country_iso3', r.req('country_iso3', parseIso3, 'a country code, e.g. MEX'), known);
    const m = r.req('metal', metal, `a metal (${METALS.join(', ')})`);
    const tonnes = r.req('tonnes', (raw) => parseDecimal(raw, TONNES), 'tonnes, e.g. 37000');
    const isEstimate = r.req('is_estimate', parseBoolean, 'true or false');
    const source = checkSource(r, known);
    if (!r.ok || [countryIso3, m, tonnes, isEstimate, source].includes(undefined)) return undefined;
    return { line: r.line, countryIso3: countryIso3!, metal: m!, tonnes: tonnes!, isEstimate: isEstimate!, source: source! };
  },
};

const keyOf: { [K in ImportKind]: (row: RowsByKind[K]) => string } = {
  sources: (r) => r.name,
  countries: (r) => r.iso3,
  production: (r) => [r.countryIso3, r.metal, r.stage, r.year, r.monthFrom, r.monthTo, r.source].join('|'),
  exports: (r) => [r.reporterIso3, r.partnerIso3, r.metal, r.year, r.monthFrom, r.monthTo, r.source].join('|'),
  prices: (r) => [r.metal, r.kind, r.date, r.source].join('|'),
  reserves: (r) => [r.countryIso3, r.metal, r.source].join('|'),
  // An alias names one country whatever its case (the unique index on lower(alias)).
  'country-aliases': (r) => r.alias.toLowerCase(),
};

export function naturalKey<K extends ImportKind>(kind: K, row: RowsByKind[K]): string {
  return keyOf[kind](row);
}

/**
 * Validates a parsed file of a given kind against the known references. On success `known`
 * gains the file's sources/countries, so that later files of the same import may refer to them.
 */
export function validateFile(
  text: string,
  file: string,
  known: KnownRefs,
  kindOpt?: ImportKind,
): { file?: ValidatedFile; kind?: ImportKind; problems: ImportProblem[] } {
  const { csv, problems } = parseCsv(text, file);
  if (!csv) return { problems };
  const kind = kindOpt ?? inferKind(csv.header, file);
  if (!kind) {
    problems.push({
      file,
      line: 1,
      column: '(header)',
      message: `cannot tell which kind of file this is from its header; expected the columns of one of: ${IMPORT_KINDS.map((k) => `${k} (${KIND_SPECS[k].columns.map((col) => col.name).join(',')})`).join('; ')}; or pass --kind`,
    });
    return { problems };
  }
  const spec = KIND_SPECS[kind];
  if (!checkHeader(spec, csv.header, file, problems)) return { kind, problems };

  const rows: RowsByKind[typeof kind][] = [];
  const firstLine = new Map<string, number>();
  const validator = validators[kind] as RowValidator<typeof kind>;
  const iso2Lines = new Map<string, number>();
  for (const rec of csv.records) {
    if (rec.cells.length !== csv.header.length) {
      problems.push({ file, line: rec.line, column: '(row)', message: `has ${rec.cells.length} field${rec.cells.length === 1 ? '' : 's'}, the header has ${csv.header.length}; accepted: one field per header column (quote cells that contain commas)` });
      continue;
    }
    const cells = new Map<string, string>();
    csv.header.forEach((h, i) => cells.set(h, rec.cells[i]));
    const reader = new RowReader(file, rec.line, cells, problems);
    const row = validator(reader, known);
    if (!row) continue;
    const key = (keyOf[kind] as (r: typeof row) => string)(row);
    const earlier = firstLine.get(key);
    if (earlier !== undefined) {
      reader.problem(spec.key.join(','), `duplicate of line ${earlier} (same ${spec.key.join(', ')}); accepted: one row per ${spec.key.join(', ')}`);
      continue;
    }
    firstLine.set(key, rec.line);
    if (kind === 'countries') {
      const iso2 = (row as CountryRow).iso2;
      if (iso2) {
        const other = iso2Lines.get(iso2);
        if (other !== undefined) {
          reader.problem('iso2', `'${iso2}' is also on line ${other}; accepted: a different alpha-2 code per country`);
          continue;
        }
        iso2Lines.set(iso2, rec.line);
      }
    }
    rows.push(row);
  }
  if (problems.length > 0) return { kind, problems };
  // Make this file's references known to the files after it.
  if (kind === 'sources') for (const r of rows as SourceRow[]) known.sources.add(r.name);
  if (kind === 'countries') for (const r of rows as CountryRow[]) known.countries.set(r.iso3, { iso2: r.iso2, isAggregate: r.isAggregate });
  return { kind, file: { kind, file, rows } as ValidatedFile, problems };
}

/**
 * Validates one record given as column -> cell text, as a row of a file of that kind would be (the
 * API's writes use it, so that a figure written through GraphQL meets the importer's rules). Problems
 * name the column; `label` stands in for the file name.
 */
export function validateRecord<K extends ImportKind>(
  kind: K,
  cells: Record<string, string>,
  known: KnownRefs,
  label: string,
): { row?: RowsByKind[K]; problems: ImportProblem[] } {
  const problems: ImportProblem[] = [];
  const reader = new RowReader(label, 1, new Map(Object.entries(cells).map(([k, v]) => [k, v.trim()])), problems);
  const row = (validators[kind] as RowValidator<K>)(reader, known);
  return problems.length > 0 || !row ? { problems } : { row, problems };
}
