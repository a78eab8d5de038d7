// CSV import: validate every row of every file first, then write everything in one transaction.
import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import type { PrismaClient } from '../generated/prisma/client.js';
import { bumpDataVersion } from '../db/data-version.js';
import { IMPORT_KINDS, type ImportKind } from './spec.js';
import { ImportValidationError, validateFile, validateRecord, type ImportProblem, type ValidatedFile } from './validate.js';
import { deleteRevision, loadKnownRefs, lockFigureWrites, revisionIdOf, writeFile, type FigureRecord, type ImportCounts, type RevisionTableName, type Writer } from './write.js';

export type { ImportKind } from './spec.js';
export { IMPORT_KINDS, KIND_SPECS, describeFormats } from './spec.js';
export type { ImportProblem } from './validate.js';
export { ImportValidationError, formatProblem } from './validate.js';
export type { ImportCounts, RevisionTableName, Writer } from './write.js';

export interface ImportOptions {
  kind?: ImportKind;
  dryRun?: boolean;
  /** Called as rows are written (and once validation is done), with rows done and rows in all. */
  onProgress?: (done: number, total: number) => void;
}

export interface FileToImport {
  file: string;
  kind?: ImportKind;
}

export interface FileResult {
  file: string;
  kind: ImportKind;
  counts: ImportCounts;
}

/** Interactive transactions on PGlite (single-threaded WASM) can be slow for big files. */
const TRANSACTION_OPTIONS = { maxWait: 60_000, timeout: 15 * 60_000 };

/**
 * Imports several files all-or-nothing: every row of every file is validated first (files may
 * refer to countries and sources of the files before them), then all are written in one transaction.
 * Throws ImportValidationError with every problem, having written nothing.
 */
export async function importFiles(
  prisma: PrismaClient,
  files: FileToImport[],
  opts: { dryRun?: boolean; onProgress?: (done: number, total: number) => void } = {},
): Promise<FileResult[]> {
  const known = await loadKnownRefs(prisma);
  const problems: ImportProblem[] = [];
  const validated: ValidatedFile[] = [];
  for (const f of files) {
    let text: string;
    try {
      text = await readFile(f.file, 'utf8');
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      problems.push({ file: f.file, line: 1, column: '(file)', message: `cannot read the file: ${code === 'ENOENT' ? 'no such file' : (err as Error).message}` });
      continue;
    }
    const result = validateFile(text, f.file, known, f.kind);
    problems.push(...result.problems);
    if (result.file) validated.push(result.file);
  }
  if (problems.length > 0) throw new ImportValidationError(problems);

  const total = validated.reduce((n, vf) => n + vf.rows.length, 0);
  let done = 0;
  const progress = (n: number) => {
    done += n;
    opts.onProgress?.(done, total);
  };
  opts.onProgress?.(0, total);

  const run = async (db: Parameters<typeof writeFile>[0], writer?: Writer) => {
    const results: FileResult[] = [];
    for (const vf of validated) results.push({ file: vf.file, kind: vf.kind, counts: await writeFile(db, vf, !!opts.dryRun, progress, writer) });
    return results;
  };
  if (opts.dryRun) return run(prisma);
  const results = await prisma.$transaction(async (tx) => {
    const results = await run(tx, { by: null, at: await lockFigureWrites(tx) });
    // Caches key answers on the data version: bump it with the writes (same transaction). An import
    // that changed nothing keeps the version, so re-running the same files does not empty the caches.
    if (results.some((r) => r.counts.inserted + r.counts.updated > 0)) await bumpDataVersion(tx);
    return results;
  }, TRANSACTION_OPTIONS);
  await analyzeWrittenTables(prisma, results);
  return results;
}

const TABLE_OF: Record<ImportKind, string> = {
  sources: 'sources',
  countries: 'countries',
  production: 'production_years',
  exports: 'export_flows',
  prices: 'price_points',
  reserves: 'reserves',
  'country-aliases': 'country_aliases',
};
/** Rows written to a table that make its planner statistics worth refreshing at once. */
const ANALYZE_AFTER_ROWS = 1000;

/**
 * Refreshes the planner's statistics of the tables a large import wrote. Autovacuum would, but
 * only a minute or more later: until then a freshly loaded table is planned as nearly empty (a
 * 600-row read planned for 1 row scanned five times the rows it needed). After the commit, and
 * never failing the import, whose data is already in.
 */
async function analyzeWrittenTables(prisma: PrismaClient, results: FileResult[]): Promise<void> {
  const written = new Map<string, number>();
  for (const r of results) written.set(TABLE_OF[r.kind], (written.get(TABLE_OF[r.kind]) ?? 0) + r.counts.inserted + r.counts.updated);
  const tables = [...written].filter(([, n]) => n >= ANALYZE_AFTER_ROWS).map(([t]) => t);
  if (tables.length > 0) await prisma.$executeRawUnsafe(`ANALYZE ${tables.join(', ')}`).catch(() => {});
}

/** Imports one CSV file all-or-nothing in one transaction; the kind is inferred from the header unless given. */
export async function importFile(prisma: PrismaClient, file: string, opts: ImportOptions = {}): Promise<ImportCounts> {
  const [result] = await importFiles(prisma, [{ file, kind: opts.kind }], opts);
  return result.counts;
}

/** The data/ directory of this repository, wherever the process was started. */
export const DEFAULT_DATA_DIR = path.resolve(__dirname, '..', '..', 'data');

function displayPath(p: string): string {
  const rel = path.relative(process.cwd(), p);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : p;
}

/**
 * Imports sources, countries, production, exports, prices, reserves and country aliases (`<kind>.csv` in dataDir) in one
 * transaction. Idempotent: a second run reports every row unchanged and writes nothing.
 */
export async function seedDataset(
  prisma: PrismaClient,
  dataDir: string = DEFAULT_DATA_DIR,
  opts: { dryRun?: boolean; onProgress?: (done: number, total: number) => void } = {},
): Promise<Record<ImportKind, ImportCounts>> {
  const files = IMPORT_KINDS.map((kind) => ({ file: displayPath(path.resolve(dataDir, `${kind}.csv`)), kind }));
  const results = await importFiles(prisma, files, opts);
  const out = {} as Record<ImportKind, ImportCounts>;
  for (const r of results) out[r.kind] = r.counts;
  return out;
}

/** True when the reference tables and at least one table of figures hold rows (e.g. after seedDataset). */
export async function isDatasetLoaded(prisma: PrismaClient): Promise<boolean> {
  const [sources, countries, production, exportFlows, prices] = await Promise.all([
    prisma.source.count(),
    prisma.country.count(),
    prisma.productionYear.count(),
    prisma.exportFlow.count(),
    prisma.pricePoint.count(),
  ]);
  return sources > 0 && countries > 0 && production + exportFlows + prices > 0;
}

/** What one write through the API did: the revision's id and whether anything changed. */
export interface RecordResult {
  id: number;
  counts: ImportCounts;
}

/**
 * Writes one figure given as the importer's columns -> cell text (the API's upserts): validated by the
 * importer's rules against the countries and sources in the database, written by the importer's code
 * (a new source adds a revision, a known one updates its revision; the current value is chosen
 * again), recorded as written by `writtenBy`, with the data version bumped when anything changed; all
 * in one transaction. Throws ImportValidationError (problems name the columns), having written nothing.
 */
export async function writeRecord(
  prisma: PrismaClient,
  kind: FigureRecord['kind'],
  cells: Record<string, string>,
  opts: { writtenBy: number; label: string },
): Promise<RecordResult> {
  return prisma.$transaction(async (tx) => {
    const at = await lockFigureWrites(tx);
    const { row, problems } = validateRecord(kind, cells, await loadKnownRefs(tx), opts.label);
    if (!row) throw new ImportValidationError(problems);
    const counts = await writeFile(tx, { kind, file: opts.label, rows: [row] } as ValidatedFile, false, () => {}, { by: opts.writtenBy, at });
    if (counts.inserted + counts.updated > 0) await bumpDataVersion(tx);
    const id = await revisionIdOf(tx, { kind, row } as FigureRecord);
    if (id === null) throw new Error(`the ${kind} revision just written was not found`);
    return { id, counts };
  });
}

/** Deletes one revision (the current value of its observation is chosen again); false when there is none. */
export async function removeRevision(prisma: PrismaClient, table: RevisionTableName, id: number): Promise<boolean> {
  return prisma.$transaction(async (tx) => {
    await lockFigureWrites(tx);
    const deleted = await deleteRevision(tx, table, id);
    if (deleted) await bumpDataVersion(tx);
    return deleted;
  });
}
