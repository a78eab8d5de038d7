// Writing validated rows: upsert by natural key, counting inserted / updated / unchanged.
// Existing rows are loaded in one query per file, new rows go in with one multi-row INSERT per
// chunk, changed rows with one UPDATE ... FROM (VALUES ...) per chunk, and unchanged rows are not written at all.
//
// Figures are revisions (docs/domain.md "Editions, revisions and as of"): a row's natural key is its
// observation plus its source, so a value under a new source is a new row (a revision) and the same
// source again updates its row. After writing, the current revision of every observation touched is
// chosen again in SQL (recomputeCurrent), inside the same transaction.
import { Prisma } from '../generated/prisma/client.js';
import { formatCalendarDate, parseCalendarDate } from '../domain';
import type {
  AliasRow,
  CountryRow,
  ExportRow,
  KnownRefs,
  PriceRow,
  ProductionRow,
  ReserveRow,
  SourceRow,
  ValidatedFile,
} from './validate.js';
import { emptyKnownRefs } from './validate.js';

export type Db = Prisma.TransactionClient;

export interface ImportCounts {
  inserted: number;
  updated: number;
  unchanged: number;
}

/**
 * Who writes figures, recorded on every revision written: the API key (null: an import) and the time
 * the writer holds the figure lock (lockFigureWrites), the same for every row of the transaction.
 */
export interface Writer {
  by: number | null;
  at: string;
}

const CHUNK = 1000;

function chunks<T>(items: T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

const decEq = (a: string | null, b: Prisma.Decimal | null): boolean =>
  a === null || b === null ? a === b : new Prisma.Decimal(a).eq(b);
const dateStr = (d: Date | null): string | null => (d ? formatCalendarDate(d) : null);
const toDate = (s: string): Date => parseCalendarDate(s);

/** Countries and sources in the database, for reference checks. */
export async function loadKnownRefs(db: Db): Promise<KnownRefs> {
  const known = emptyKnownRefs();
  const [countries, sources] = await Promise.all([
    db.country.findMany({ select: { iso3: true, iso2: true, isAggregate: true } }),
    db.source.findMany({ select: { name: true } }),
  ]);
  for (const c of countries) known.countries.set(c.iso3.trim(), { iso2: c.iso2?.trim() ?? null, isAggregate: c.isAggregate });
  for (const s of sources) known.sources.add(s.name);
  return known;
}

async function countryIds(db: Db, iso3s: Iterable<string>): Promise<Map<string, number>> {
  const list = [...new Set(iso3s)];
  const rows = list.length ? await db.country.findMany({ where: { iso3: { in: list } }, select: { id: true, iso3: true } }) : [];
  return new Map(rows.map((r) => [r.iso3.trim(), r.id]));
}

async function sourceIds(db: Db, names: Iterable<string>): Promise<Map<string, number>> {
  const list = [...new Set(names)];
  const rows = list.length ? await db.source.findMany({ where: { name: { in: list } }, select: { id: true, name: true } }) : [];
  return new Map(rows.map((r) => [r.name, r.id]));
}

// ---------------------------------------------------------------------------------------------
// The current revision of each observation

/** A table of revisions: its observation key columns and their SQL types (for VALUES lists). */
interface RevisionTable {
  table: 'production_years' | 'export_flows' | 'price_points' | 'reserves';
  key: readonly (readonly [column: string, sqlType: string])[];
}

const PRODUCTION_TABLE: RevisionTable = {
  table: 'production_years',
  key: [['country_id', 'int'], ['metal', '"Metal"'], ['stage', '"ProductionStage"'], ['year', 'int'], ['month_from', 'int'], ['month_to', 'int']],
};
const EXPORTS_TABLE: RevisionTable = {
  table: 'export_flows',
  key: [['reporter_id', 'int'], ['partner_id', 'int'], ['metal', '"Metal"'], ['year', 'int'], ['month_from', 'int'], ['month_to', 'int']],
};
const PRICES_TABLE: RevisionTable = {
  table: 'price_points',
  key: [['metal', '"Metal"'], ['kind', '"PriceKind"'], ['date', 'date']],
};
const RESERVES_TABLE: RevisionTable = {
  table: 'reserves',
  key: [['country_id', 'int'], ['metal', '"Metal"']],
};
const REVISION_TABLES = [PRODUCTION_TABLE, EXPORTS_TABLE, PRICES_TABLE, RESERVES_TABLE];

type KeyValue = string | number;

/**
 * Marks the current revision of every observation that `touched` (a query yielding the key columns)
 * names, and unmarks the others: docs/domain.md's rule, a non-estimate before an estimate, then the
 * latest source publication (a null date is the start of time, so it sorts last), then the latest
 * stored (highest id). Two statements, clearing before setting, because the partial unique index
 * (one current revision per observation) is checked row by row.
 */
async function recomputeCurrent(db: Db, t: RevisionTable, touched: Prisma.Sql): Promise<void> {
  const cols = t.key.map(([c]) => c);
  const list = Prisma.raw(cols.join(', '));
  const qualified = Prisma.raw(cols.map((c) => `r.${c}`).join(', '));
  const touchedCols = Prisma.raw(cols.map((c) => `touched.${c}`).join(', '));
  const table = Prisma.raw(t.table);
  const best = Prisma.sql`
    touched (${list}) AS (${touched}),
    best AS (
      SELECT DISTINCT ON (${qualified}) r.id
      FROM ${table} r
      JOIN touched ON (${qualified}) = (${touchedCols})
      JOIN sources s ON s.id = r.source_id
      ORDER BY ${qualified}, r.is_estimate ASC, s.published_on DESC NULLS LAST, r.id DESC
    )`;
  await db.$executeRaw`WITH ${best}
    UPDATE ${table} r SET is_current = false
    FROM touched
    WHERE (${qualified}) = (${touchedCols}) AND r.is_current AND r.id NOT IN (SELECT id FROM best)`;
  await db.$executeRaw`WITH ${best}
    UPDATE ${table} r SET is_current = true
    FROM best
    WHERE r.id = best.id AND NOT r.is_current`;
}

/** Observation keys per statement: they travel as one JSON parameter (bind parameters cost more). */
const KEYS_PER_STATEMENT = 10_000;

/** Recomputes the current revision of the observations with these keys (values in the table's key order). */
async function recomputeObservations(db: Db, t: RevisionTable, keys: KeyValue[][]): Promise<void> {
  const unique = [...new Map(keys.map((k) => [JSON.stringify(k), k])).values()];
  const columns = Prisma.raw(t.key.map(([c, type]) => `${c} ${type}`).join(', '));
  for (const chunk of chunks(unique, KEYS_PER_STATEMENT)) {
    const json = JSON.stringify(chunk.map((k) => Object.fromEntries(k.map((v, i) => [t.key[i][0], v]))));
    await recomputeCurrent(db, t, Prisma.sql`SELECT * FROM jsonb_to_recordset(${json}::jsonb) AS k(${columns})`);
  }
}

/** Recomputes every observation that has a revision from one of these sources (their publication date changed). */
async function recomputeForSources(db: Db, ids: number[]): Promise<void> {
  if (!ids.length) return;
  for (const t of REVISION_TABLES) {
    const cols = Prisma.raw(t.key.map(([c]) => c).join(', '));
    await recomputeCurrent(db, t, Prisma.sql`SELECT DISTINCT ${cols} FROM ${Prisma.raw(t.table)} WHERE source_id IN (${Prisma.join(ids)})`);
  }
}

// ---------------------------------------------------------------------------------------------
// Plans

interface Plan<I, U> {
  inserts: I[];
  updates: U[];
  unchanged: number;
}

/** Applies a plan; `dryRun` only counts. `progress(n)` is told how many rows were handled. */
async function apply<I, U>(
  plan: Plan<I, U>,
  dryRun: boolean,
  progress: (n: number) => void,
  insert: (chunk: I[]) => Promise<unknown>,
  update: (chunk: U[]) => Promise<unknown>,
): Promise<ImportCounts> {
  progress(plan.unchanged);
  if (!dryRun) {
    for (const chunk of chunks(plan.inserts)) {
      await insert(chunk);
      progress(chunk.length);
    }
    for (const chunk of chunks(plan.updates)) {
      await update(chunk);
      progress(chunk.length);
    }
  } else {
    progress(plan.inserts.length + plan.updates.length);
  }
  return { inserted: plan.inserts.length, updated: plan.updates.length, unchanged: plan.unchanged };
}

async function writeSources(db: Db, rows: SourceRow[], dryRun: boolean, progress: (n: number) => void) {
  const existing = new Map(
    (await db.source.findMany({ where: { name: { in: rows.map((r) => r.name) } } })).map((s) => [s.name, s]),
  );
  const plan: Plan<SourceRow, { id: number; row: SourceRow }> = { inserts: [], updates: [], unchanged: 0 };
  const redated: number[] = [];
  for (const row of rows) {
    const ex = existing.get(row.name);
    if (!ex) plan.inserts.push(row);
    else if (ex.publisher === row.publisher && ex.url === row.url && dateStr(ex.publishedOn) === row.publishedOn && ex.note === row.note && ex.licence === row.licence) plan.unchanged++;
    else {
      plan.updates.push({ id: ex.id, row });
      if (dateStr(ex.publishedOn) !== row.publishedOn) redated.push(ex.id);
    }
  }
  const data = (r: SourceRow) => ({
    publisher: r.publisher,
    url: r.url,
    publishedOn: r.publishedOn ? toDate(r.publishedOn) : null,
    note: r.note,
    licence: r.licence,
  });
  const counts = await apply(
    plan,
    dryRun,
    progress,
    (chunk) => db.source.createMany({ data: chunk.map((r) => ({ name: r.name, ...data(r) })) }),
    async (chunk) => {
      for (const u of chunk) await db.source.update({ where: { id: u.id }, data: data(u.row) });
    },
  );
  // A new publication date can change which revision is current wherever the source has figures.
  if (!dryRun) await recomputeForSources(db, redated);
  return counts;
}

async function writeCountries(db: Db, rows: CountryRow[], dryRun: boolean, progress: (n: number) => void) {
  const existing = new Map(
    (await db.country.findMany({ where: { iso3: { in: rows.map((r) => r.iso3) } } })).map((c) => [c.iso3.trim(), c]),
  );
  const plan: Plan<CountryRow, { id: number; row: CountryRow }> = { inserts: [], updates: [], unchanged: 0 };
  for (const row of rows) {
    const ex = existing.get(row.iso3);
    if (!ex) plan.inserts.push(row);
    else if ((ex.iso2?.trim() ?? null) === row.iso2 && ex.name === row.name && ex.isAggregate === row.isAggregate) plan.unchanged++;
    else plan.updates.push({ id: ex.id, row });
  }
  return apply(
    plan,
    dryRun,
    progress,
    (chunk) => db.country.createMany({ data: chunk.map((r) => ({ iso3: r.iso3, iso2: r.iso2, name: r.name, isAggregate: r.isAggregate })) }),
    async (chunk) => {
      for (const u of chunk) await db.country.update({ where: { id: u.id }, data: { iso2: u.row.iso2, name: u.row.name, isAggregate: u.row.isAggregate } });
    },
  );
}

/**
 * Upserts aliases by the alias, case-insensitively (the unique index on lower(alias)): a new alias is
 * inserted; one stored for another country, or spelled in another case, is updated; aliases the file
 * does not name are left alone (like every kind: an import adds and corrects, it does not delete).
 */
async function writeAliases(db: Db, rows: AliasRow[], dryRun: boolean, progress: (n: number) => void) {
  const countries = await countryIds(db, rows.map((r) => r.iso3));
  const existing = new Map((await db.countryAlias.findMany({ select: { id: true, countryId: true, alias: true } })).map((a) => [a.alias.toLowerCase(), a]));
  type Ins = { countryId: number; alias: string };
  const plan: Plan<Ins, Ins & { id: number }> = { inserts: [], updates: [], unchanged: 0 };
  for (const row of rows) {
    const countryId = countries.get(row.iso3) ?? -1; // -1 only in a dry run, before the country exists
    const ex = existing.get(row.alias.toLowerCase());
    if (!ex) plan.inserts.push({ countryId, alias: row.alias });
    else if (ex.countryId === countryId && ex.alias === row.alias) plan.unchanged++;
    else plan.updates.push({ id: ex.id, countryId, alias: row.alias });
  }
  return apply(
    plan,
    dryRun,
    progress,
    (chunk) => db.countryAlias.createMany({ data: chunk }),
    async (chunk) => {
      for (const u of chunk) await db.countryAlias.update({ where: { id: u.id }, data: { countryId: u.countryId, alias: u.alias } });
    },
  );
}

/**
 * Marks the inserts that are the only revision of their observation (none stored, one in the file):
 * those go in as current, and need no recomputation. `observationOf` gives the observation key of a
 * file row; `stored` holds the keys of the observations that have revisions in the database.
 */
function markLoneInserts<R, I extends { current: boolean }>(rows: R[], inserts: I[], insertRow: (i: I) => R, observationOf: (row: R) => string, stored: Set<string>): void {
  const inFile = new Map<string, number>();
  for (const row of rows) inFile.set(observationOf(row), (inFile.get(observationOf(row)) ?? 0) + 1);
  for (const ins of inserts) {
    const key = observationOf(insertRow(ins));
    ins.current = !stored.has(key) && inFile.get(key) === 1;
  }
}

/**
 * Applies a plan of revisions, then recomputes the current revision of every observation updated or
 * given a further revision (`keyOf` gives an item's observation key, in the table's key order).
 * Inserts marked `current` are the only revision of their observation: they are current as written.
 */
async function applyRevisions<I extends { current: boolean }, U>(
  t: RevisionTable,
  plan: Plan<I, U>,
  dryRun: boolean,
  progress: (n: number) => void,
  keyOf: (item: I | U) => KeyValue[],
  insert: (chunk: I[]) => Promise<unknown>,
  update: (chunk: U[]) => Promise<unknown>,
  db: Db,
): Promise<ImportCounts> {
  const counts = await apply(plan, dryRun, progress, insert, update);
  if (!dryRun) await recomputeObservations(db, t, [...plan.inserts.filter((i) => !i.current).map(keyOf), ...plan.updates.map(keyOf)]);
  return counts;
}

async function writeProduction(db: Db, rows: ProductionRow[], dryRun: boolean, progress: (n: number) => void, writer: Writer) {
  const countries = await countryIds(db, rows.map((r) => r.countryIso3));
  const sources = await sourceIds(db, rows.map((r) => r.source));
  const ids = [...countries.values()];
  const years = [...new Set(rows.map((r) => r.year))];
  const existingRows = ids.length
    ? await db.productionYear.findMany({
        where: { countryId: { in: ids }, year: { in: years } },
        select: { id: true, countryId: true, metal: true, stage: true, year: true, monthFrom: true, monthTo: true, tonnes: true, isEstimate: true, isDerived: true, sourceId: true },
      })
    : [];
  const revisionKey = (r: { countryId: number; metal: string; stage: string; year: number; monthFrom: number; monthTo: number; sourceId: number }) =>
    [r.countryId, r.metal, r.stage, r.year, r.monthFrom, r.monthTo, r.sourceId].join('|');
  const existing = new Map(existingRows.map((e) => [revisionKey(e), e]));
  type Obs = { countryId: number; metal: string; stage: string; year: number; monthFrom: number; monthTo: number };
  type Ins = ProductionRow & { countryId: number; sourceId: number | null; current: boolean };
  type Upd = Obs & { id: number; tonnes: string; isEstimate: boolean; isDerived: boolean };
  const plan: Plan<Ins, Upd> = { inserts: [], updates: [], unchanged: 0 };
  for (const row of rows) {
    const countryId = countries.get(row.countryIso3);
    const sourceId = sources.get(row.source) ?? null; // null only in a dry run, before the source exists
    const ex = countryId === undefined || sourceId === null ? undefined : existing.get(revisionKey({ ...row, countryId, sourceId }));
    if (!ex) plan.inserts.push({ ...row, countryId: countryId ?? -1, sourceId, current: false });
    else if (decEq(row.tonnes, ex.tonnes) && ex.isEstimate === row.isEstimate && ex.isDerived === row.isDerived) plan.unchanged++;
    else plan.updates.push({ ...ex, tonnes: row.tonnes, isEstimate: row.isEstimate, isDerived: row.isDerived });
  }
  // Stored rows were read for every country and year of the file: all revisions of its observations.
  const observation = (r: { countryId: number; metal: string; stage: string; year: number; monthFrom: number; monthTo: number }) =>
    [r.countryId, r.metal, r.stage, r.year, r.monthFrom, r.monthTo].join('|');
  markLoneInserts(
    rows,
    plan.inserts,
    (i) => i,
    (r) => observation({ ...r, countryId: countries.get(r.countryIso3) ?? -1 }),
    new Set(existingRows.map(observation)),
  );
  return applyRevisions(
    PRODUCTION_TABLE,
    plan,
    dryRun,
    progress,
    (r) => [r.countryId, r.metal, r.stage, r.year, r.monthFrom, r.monthTo],
    // Raw multi-row INSERTs: Prisma's createMany spends ~0.5 ms of CPU per row building the query.
    (chunk) =>
      db.$executeRaw`INSERT INTO production_years (country_id, metal, stage, year, month_from, month_to, tonnes, is_estimate, is_derived, source_id, is_current, written_at, written_by)
        VALUES ${Prisma.join(chunk.map((r) => Prisma.sql`(${r.countryId}::int, ${r.metal}::"Metal", ${r.stage}::"ProductionStage", ${r.year}::int, ${r.monthFrom}::int, ${r.monthTo}::int, ${r.tonnes}::numeric, ${r.isEstimate}::boolean, ${r.isDerived}::boolean, ${r.sourceId}::int, ${r.current}::boolean, ${writer.at}::timestamptz, ${writer.by}::int)`))}`,
    (chunk) =>
      db.$executeRaw`UPDATE production_years AS t
        SET tonnes = v.tonnes, is_estimate = v.is_estimate, is_derived = v.is_derived, written_at = ${writer.at}::timestamptz, written_by = ${writer.by}::int
        FROM (VALUES ${Prisma.join(chunk.map((u) => Prisma.sql`(${u.id}::int, ${u.tonnes}::numeric, ${u.isEstimate}::boolean, ${u.isDerived}::boolean)`))})
          AS v(id, tonnes, is_estimate, is_derived)
        WHERE t.id = v.id`,
    db,
  );
}

async function writeExports(db: Db, rows: ExportRow[], dryRun: boolean, progress: (n: number) => void, writer: Writer) {
  const countries = await countryIds(db, rows.flatMap((r) => [r.reporterIso3, r.partnerIso3]));
  const sources = await sourceIds(db, rows.map((r) => r.source));
  const reporterIds = [...new Set(rows.map((r) => countries.get(r.reporterIso3)).filter((id): id is number => id !== undefined))];
  const years = [...new Set(rows.map((r) => r.year))];
  const existingRows = reporterIds.length
    ? await db.exportFlow.findMany({
        where: { reporterId: { in: reporterIds }, year: { in: years } },
        select: { id: true, reporterId: true, partnerId: true, metal: true, year: true, monthFrom: true, monthTo: true, tonnes: true, valueUsd: true, isEstimate: true, isDerived: true, sourceId: true },
      })
    : [];
  const revisionKey = (r: { reporterId: number; partnerId: number; metal: string; year: number; monthFrom: number; monthTo: number; sourceId: number }) =>
    [r.reporterId, r.partnerId, r.metal, r.year, r.monthFrom, r.monthTo, r.sourceId].join('|');
  const existing = new Map(existingRows.map((e) => [revisionKey(e), e]));
  type Obs = { reporterId: number; partnerId: number; metal: string; year: number; monthFrom: number; monthTo: number };
  type Ins = ExportRow & { reporterId: number; partnerId: number; sourceId: number | null; current: boolean };
  type Upd = Obs & { id: number; tonnes: string | null; valueUsd: string | null; isEstimate: boolean; isDerived: boolean };
  const plan: Plan<Ins, Upd> = { inserts: [], updates: [], unchanged: 0 };
  for (const row of rows) {
    const reporterId = countries.get(row.reporterIso3);
    const partnerId = countries.get(row.partnerIso3);
    const sourceId = sources.get(row.source) ?? null;
    const ex =
      reporterId === undefined || partnerId === undefined || sourceId === null
        ? undefined
        : existing.get(revisionKey({ ...row, reporterId, partnerId, sourceId }));
    if (!ex) plan.inserts.push({ ...row, reporterId: reporterId ?? -1, partnerId: partnerId ?? -1, sourceId, current: false });
    else if (decEq(row.tonnes, ex.tonnes) && decEq(row.valueUsd, ex.valueUsd) && ex.isEstimate === row.isEstimate && ex.isDerived === row.isDerived) plan.unchanged++;
    else plan.updates.push({ ...ex, tonnes: row.tonnes, valueUsd: row.valueUsd, isEstimate: row.isEstimate, isDerived: row.isDerived });
  }
  // Stored rows were read for every reporter and year of the file: all revisions of its observations.
  const observation = (r: { reporterId: number; partnerId: number; metal: string; year: number; monthFrom: number; monthTo: number }) =>
    [r.reporterId, r.partnerId, r.metal, r.year, r.monthFrom, r.monthTo].join('|');
  markLoneInserts(
    rows,
    plan.inserts,
    (i) => i,
    (r) => observation({ ...r, reporterId: countries.get(r.reporterIso3) ?? -1, partnerId: countries.get(r.partnerIso3) ?? -1 }),
    new Set(existingRows.map(observation)),
  );
  return applyRevisions(
    EXPORTS_TABLE,
    plan,
    dryRun,
    progress,
    (r) => [r.reporterId, r.partnerId, r.metal, r.year, r.monthFrom, r.monthTo],
    (chunk) =>
      db.$executeRaw`INSERT INTO export_flows (reporter_id, partner_id, metal, year, month_from, month_to, tonnes, value_usd, is_estimate, is_derived, source_id, is_current, written_at, written_by)
        VALUES ${Prisma.join(chunk.map((r) => Prisma.sql`(${r.reporterId}::int, ${r.partnerId}::int, ${r.metal}::"Metal", ${r.year}::int, ${r.monthFrom}::int, ${r.monthTo}::int, ${r.tonnes}::numeric, ${r.valueUsd}::numeric, ${r.isEstimate}::boolean, ${r.isDerived}::boolean, ${r.sourceId}::int, ${r.current}::boolean, ${writer.at}::timestamptz, ${writer.by}::int)`))}`,
    (chunk) =>
      db.$executeRaw`UPDATE export_flows AS t
        SET tonnes = v.tonnes, value_usd = v.value_usd, is_estimate = v.is_estimate, is_derived = v.is_derived, written_at = ${writer.at}::timestamptz, written_by = ${writer.by}::int
        FROM (VALUES ${Prisma.join(chunk.map((u) => Prisma.sql`(${u.id}::int, ${u.tonnes}::numeric, ${u.valueUsd}::numeric, ${u.isEstimate}::boolean, ${u.isDerived}::boolean)`))})
          AS v(id, tonnes, value_usd, is_estimate, is_derived)
        WHERE t.id = v.id`,
    db,
  );
}

async function writePrices(db: Db, rows: PriceRow[], dryRun: boolean, progress: (n: number) => void, writer: Writer) {
  const sources = await sourceIds(db, rows.map((r) => r.source));
  const dates = rows.map((r) => r.date).sort();
  const existingRows = rows.length
    ? await db.pricePoint.findMany({
        where: {
          metal: { in: [...new Set(rows.map((r) => r.metal))] },
          kind: { in: [...new Set(rows.map((r) => r.kind))] },
          date: { gte: toDate(dates[0]), lte: toDate(dates[dates.length - 1]) },
        },
        select: { id: true, metal: true, kind: true, date: true, priceUsdPerOz: true, isEstimate: true, isDerived: true, sourceId: true },
      })
    : [];
  const existing = new Map(existingRows.map((e) => [[e.metal, e.kind, dateStr(e.date), e.sourceId].join('|'), e]));
  type Ins = PriceRow & { sourceId: number | null; current: boolean };
  type Upd = { id: number; metal: string; kind: string; date: string; price: string; isEstimate: boolean; isDerived: boolean };
  const plan: Plan<Ins, Upd> = { inserts: [], updates: [], unchanged: 0 };
  for (const row of rows) {
    const sourceId = sources.get(row.source) ?? null;
    const ex = sourceId === null ? undefined : existing.get([row.metal, row.kind, row.date, sourceId].join('|'));
    if (!ex) plan.inserts.push({ ...row, sourceId, current: false });
    else if (decEq(row.priceUsdPerOz, ex.priceUsdPerOz) && ex.isEstimate === row.isEstimate && ex.isDerived === row.isDerived) plan.unchanged++;
    else plan.updates.push({ id: ex.id, metal: row.metal, kind: row.kind, date: row.date, price: row.priceUsdPerOz, isEstimate: row.isEstimate, isDerived: row.isDerived });
  }
  // Stored rows were read for the file's metals, kinds and dates: all revisions of its observations.
  const observation = (r: { metal: string; kind: string; date: string }) => [r.metal, r.kind, r.date].join('|');
  markLoneInserts(rows, plan.inserts, (i) => i, observation, new Set(existingRows.map((e) => observation({ ...e, date: dateStr(e.date)! }))));
  return applyRevisions(
    PRICES_TABLE,
    plan,
    dryRun,
    progress,
    (r) => [r.metal, r.kind, r.date],
    (chunk) =>
      db.$executeRaw`INSERT INTO price_points (metal, kind, date, price_usd_per_oz, is_estimate, is_derived, source_id, is_current, written_at, written_by)
        VALUES ${Prisma.join(chunk.map((r) => Prisma.sql`(${r.metal}::"Metal", ${r.kind}::"PriceKind", ${r.date}::date, ${r.priceUsdPerOz}::numeric, ${r.isEstimate}::boolean, ${r.isDerived}::boolean, ${r.sourceId}::int, ${r.current}::boolean, ${writer.at}::timestamptz, ${writer.by}::int)`))}`,
    (chunk) =>
      db.$executeRaw`UPDATE price_points AS t
        SET price_usd_per_oz = v.price, is_estimate = v.is_estimate, is_derived = v.is_derived, written_at = ${writer.at}::timestamptz, written_by = ${writer.by}::int
        FROM (VALUES ${Prisma.join(chunk.map((u) => Prisma.sql`(${u.id}::int, ${u.price}::numeric, ${u.isEstimate}::boolean, ${u.isDerived}::boolean)`))})
          AS v(id, price, is_estimate, is_derived)
        WHERE t.id = v.id`,
    db,
  );
}

async function writeReserves(db: Db, rows: ReserveRow[], dryRun: boolean, progress: (n: number) => void, writer: Writer) {
  const countries = await countryIds(db, rows.map((r) => r.countryIso3));
  const sources = await sourceIds(db, rows.map((r) => r.source));
  const ids = [...countries.values()];
  const existingRows = ids.length
    ? await db.reserve.findMany({
        where: { countryId: { in: ids } },
        select: { id: true, countryId: true, metal: true, tonnes: true, isEstimate: true, sourceId: true },
      })
    : [];
  const existing = new Map(existingRows.map((e) => [[e.countryId, e.metal, e.sourceId].join('|'), e]));
  type Ins = ReserveRow & { countryId: number; sourceId: number | null; current: boolean };
  type Upd = { id: number; countryId: number; metal: string; tonnes: string; isEstimate: boolean };
  const plan: Plan<Ins, Upd> = { inserts: [], updates: [], unchanged: 0 };
  for (const row of rows) {
    const countryId = countries.get(row.countryIso3);
    const sourceId = sources.get(row.source) ?? null;
    const ex = countryId === undefined || sourceId === null ? undefined : existing.get([countryId, row.metal, sourceId].join('|'));
    if (!ex) plan.inserts.push({ ...row, countryId: countryId ?? -1, sourceId, current: false });
    else if (decEq(row.tonnes, ex.tonnes) && ex.isEstimate === row.isEstimate) plan.unchanged++;
    else plan.updates.push({ id: ex.id, countryId: ex.countryId, metal: ex.metal, tonnes: row.tonnes, isEstimate: row.isEstimate });
  }
  // Stored rows were read for every country of the file: all revisions of its observations.
  const observation = (r: { countryId: number; metal: string }) => [r.countryId, r.metal].join('|');
  markLoneInserts(rows, plan.inserts, (i) => i, (r) => observation({ ...r, countryId: countries.get(r.countryIso3) ?? -1 }), new Set(existingRows.map(observation)));
  return applyRevisions(
    RESERVES_TABLE,
    plan,
    dryRun,
    progress,
    (r) => [r.countryId, r.metal],
    (chunk) =>
      db.$executeRaw`INSERT INTO reserves (country_id, metal, tonnes, is_estimate, source_id, is_current, written_at, written_by)
        VALUES ${Prisma.join(chunk.map((r) => Prisma.sql`(${r.countryId}::int, ${r.metal}::"Metal", ${r.tonnes}::numeric, ${r.isEstimate}::boolean, ${r.sourceId}::int, ${r.current}::boolean, ${writer.at}::timestamptz, ${writer.by}::int)`))}`,
    (chunk) =>
      db.$executeRaw`UPDATE reserves AS t
        SET tonnes = v.tonnes, is_estimate = v.is_estimate, written_at = ${writer.at}::timestamptz, written_by = ${writer.by}::int
        FROM (VALUES ${Prisma.join(chunk.map((u) => Prisma.sql`(${u.id}::int, ${u.tonnes}::numeric, ${u.isEstimate}::boolean)`))})
          AS v(id, tonnes, is_estimate)
        WHERE t.id = v.id`,
    db,
  );
}

/** A dry run's writer, never recorded (nothing is written). */
const DRY_RUN: Writer = { by: null, at: '-infinity' };

/**
 * Upserts one validated file. In a dry run nothing is written; the counts say what would happen.
 * `writer` (needed unless a dry run) is recorded on every revision written.
 */
export async function writeFile(db: Db, vf: ValidatedFile, dryRun: boolean, progress: (n: number) => void, writer?: Writer): Promise<ImportCounts> {
  if (!writer && !dryRun) throw new Error(`writing ${vf.file} needs its writer: take the figure lock first (lockFigureWrites gives the time)`);
  const w = writer ?? DRY_RUN;
  switch (vf.kind) {
    case 'sources':
      return writeSources(db, vf.rows, dryRun, progress);
    case 'countries':
      return writeCountries(db, vf.rows, dryRun, progress);
    case 'production':
      return writeProduction(db, vf.rows, dryRun, progress, w);
    case 'exports':
      return writeExports(db, vf.rows, dryRun, progress, w);
    case 'prices':
      return writePrices(db, vf.rows, dryRun, progress, w);
    case 'reserves':
      return writeReserves(db, vf.rows, dryRun, progress, w);
    case 'country-aliases':
      return writeAliases(db, vf.rows, dryRun, progress);
  }
}

// ---------------------------------------------------------------------------------------------
// Single revisions (the API's writes)

/** An arbitrary constant naming the advisory lock that writers of figures take (see lockFigureWrites). */
const FIGURE_WRITES_LOCK = 0x61726775; // "argu"

/**
 * Serialises writers of figures until the transaction ends. Two writers of the same observation
 * would otherwise both choose its current revision from what they see, and the one-current-revision
 * index would refuse the second at commit; imports and API writes are rare enough to take turns.
 * Returns the time at which this writer holds the lock (clock_timestamp() read once it is granted,
 * as text to keep its microseconds): the `at` of its Writer. Writers hold the lock in turn until they
 * commit, so a later commit has a later time; the transaction's start (now()) is taken before waiting.
 */
export async function lockFigureWrites(db: Db): Promise<string> {
  // OFFSET 0 keeps the subquery (the lock) from being merged into the outer query: the clock is read after it.
  const [{ at }] = await db.$queryRaw<{ at: string }[]>`SELECT clock_timestamp()::text AS at
    FROM (SELECT pg_advisory_xact_lock(${FIGURE_WRITES_LOCK}::bigint) OFFSET 0) AS locked`;
  return at;
}

/** A validated figure of a kind the API writes one at a time. */
export type FigureRecord =
  | { kind: 'production'; row: ProductionRow }
  | { kind: 'exports'; row: ExportRow }
  | { kind: 'prices'; row: PriceRow };

/** The id of the stored revision that a validated row names (its observation and its source). */
export async function revisionIdOf(db: Db, rec: FigureRecord): Promise<number | null> {
  let found: { id: number }[];
  if (rec.kind === 'production') {
    const r = rec.row;
    found = await db.$queryRaw`SELECT p.id FROM production_years p
      JOIN countries c ON c.id = p.country_id JOIN sources s ON s.id = p.source_id
      WHERE c.iso3 = ${r.countryIso3} AND p.metal = ${r.metal}::"Metal" AND p.stage = ${r.stage}::"ProductionStage"
        AND p.year = ${r.year}::int AND p.month_from = ${r.monthFrom}::int AND p.month_to = ${r.monthTo}::int AND s.name = ${r.source}`;
  } else if (rec.kind === 'exports') {
    const r = rec.row;
    found = await db.$queryRaw`SELECT f.id FROM export_flows f
      JOIN countries rc ON rc.id = f.reporter_id JOIN countries pc ON pc.id = f.partner_id JOIN sources s ON s.id = f.source_id
      WHERE rc.iso3 = ${r.reporterIso3} AND pc.iso3 = ${r.partnerIso3} AND f.metal = ${r.metal}::"Metal"
        AND f.year = ${r.year}::int AND f.month_from = ${r.monthFrom}::int AND f.month_to = ${r.monthTo}::int AND s.name = ${r.source}`;
  } else {
    const r = rec.row;
    found = await db.$queryRaw`SELECT p.id FROM price_points p JOIN sources s ON s.id = p.source_id
      WHERE p.metal = ${r.metal}::"Metal" AND p.kind = ${r.kind}::"PriceKind" AND p.date = ${r.date}::date AND s.name = ${r.source}`;
  }
  return found[0]?.id ?? null;
}

export type RevisionTableName = 'production_years' | 'export_flows' | 'price_points';
const TABLES_BY_NAME: Record<RevisionTableName, RevisionTable> = {
  production_years: PRODUCTION_TABLE,
  export_flows: EXPORTS_TABLE,
  price_points: PRICES_TABLE,
};

/**
 * Deletes one revision and chooses the current value of its observation again (another revision
 * becomes current, or the observation is gone). False when no revision has that id.
 */
export async function deleteRevision(db: Db, tableName: RevisionTableName, id: number): Promise<boolean> {
  const t = TABLES_BY_NAME[tableName];
  const cols = Prisma.raw(t.key.map(([c]) => c).join(', '));
  const deleted = await db.$queryRaw<Record<string, unknown>[]>`DELETE FROM ${Prisma.raw(t.table)} WHERE id = ${id}::int RETURNING ${cols}`;
  if (deleted.length === 0) return false;
  const key = t.key.map(([c]) => {
    const v = deleted[0][c];
    return v instanceof Date ? formatCalendarDate(v) : (v as KeyValue);
  });
  await recomputeObservations(db, t, [key]);
  return true;
}
