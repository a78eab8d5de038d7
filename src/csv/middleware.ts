// `Accept: text/csv` on /graphql (docs/api.md "CSV"): the operation runs as any other (CSRF
// prevention, persisted queries, limits, the response cache all apply to its JSON answer), and the
// JSON answer is turned into CSV on the way out: one list of it (src/csv/table.ts: the only one, or
// the one the client names with the `csvPath` query parameter or the `X-CSV-Path` header), one line
// per item, RFC 4180 quoting (csv-stringify), text that a spreadsheet would run as a formula
// neutralised, `Content-Disposition: attachment; filename="<operation>-<list>.csv"` and a
// `Link: <url>; rel="license"` per licence of the sources behind the answer (src/csv/sources.ts).
// An answer with errors, or without a list, stays JSON; an answer whose list is not (or cannot be)
// chosen is a 400 naming the lists. Rows are written in batches with backpressure, so a long list
// streams instead of being built as one string.
import type { NextFunction, Request, Response } from 'express';
import { stringify } from 'csv-stringify/sync';
import { ErrorCodes } from '../errors.js';
import { CACHED_OPERATION_NAME } from '../cache/response-cache.js';
import { CsvPathError, NEUTRALISED, rowOf, tableOf, type Table } from './table.js';
import { licenceLinks } from './licences.js';
import { CSV_INFO_KEY, CSV_SOURCES_LOCAL, type CsvInfo, type CsvSources } from './sources.js';

export const CSV_CONTENT_TYPE = 'text/csv; charset=utf-8; header=present';
/** The query-string parameter and the header that name the list to export. */
export const CSV_PATH_PARAMETER = 'csvPath';
export const CSV_PATH_HEADER = 'X-CSV-Path';
/**
 * The Accept a CSV request goes on with: Apollo answers it JSON, and the response cache keys its
 * answer apart from a JSON request's (it carries CsvInfo, which JSON clients must not see).
 */
export const CSV_CACHE_ACCEPT = 'application/json, text/csv;q=0.001';
const ROWS_PER_WRITE = 500;

/** True when the client prefers CSV to JSON (`*\/*` and equal preferences go to JSON). */
export function wantsCsv(req: Request): boolean {
  return req.accepts(['application/json', 'application/graphql-response+json', 'text/csv']) === 'text/csv';
}

type Chunk = string | Buffer | Uint8Array;

/** The list the client named: by parameter, header or both (the same); a CsvPathError when they differ. */
export function requestedPath(req: Request): string | undefined {
  const named = new Set<string>();
  const add = (v: unknown) => {
    if (typeof v === 'string' && v.trim()) named.add(v.trim());
  };
  const param = (req.query as Record<string, unknown>)[CSV_PATH_PARAMETER];
  if (Array.isArray(param)) param.forEach(add);
  else add(param);
  add(req.headers[CSV_PATH_HEADER.toLowerCase()]);
  if (named.size > 1) {
    const given = [...named].map((p) => `"${p}"`).join(' and ');
    throw new CsvPathError(`The ${CSV_PATH_PARAMETER} parameter and the ${CSV_PATH_HEADER} header name different lists (${given}): name one list, in either or both.`, []);
  }
  return named.values().next().value;
}

/** The 400 of a list that is not (or cannot be) chosen, as a GraphQL error. */
function pathErrorBody(err: CsvPathError): string {
  const extensions = { code: ErrorCodes.BAD_REQUEST, paths: err.paths, ...(err.chosen !== undefined ? { csvPath: err.chosen } : {}) };
  return `${JSON.stringify({ errors: [{ message: err.message, extensions }] })}\n`;
}

function sendPathError(res: Response, err: CsvPathError, end: (chunk?: Chunk) => Response): Response {
  const body = Buffer.from(pathErrorBody(err), 'utf8');
  res.statusCode = 400;
  res.removeHeader('etag');
  res.removeHeader('x-cache');
  res.setHeader('cache-control', 'no-store');
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.setHeader('content-length', body.length);
  res.locals.graphql = { ...(res.locals.graphql as object | undefined), errors: 1 };
  return end(body);
}

export function csvResponses() {
  return function csvResponse(req: Request, res: Response, next: NextFunction): void {
    res.vary('Accept');
    if (!wantsCsv(req)) {
      next();
      return;
    }
    // A CSV answer also depends on the list named in the header (the parameter is in the URL).
    res.vary(CSV_PATH_HEADER);
    let chosen: string | undefined;
    try {
      chosen = requestedPath(req);
    } catch (err) {
      sendPathError(res, err as CsvPathError, res.end.bind(res) as (chunk?: Chunk) => Response);
      return;
    }
    // The operation answers JSON; this middleware turns it into CSV. A validator of the JSON
    // representation (ETag) says nothing about the CSV one.
    req.headers.accept = CSV_CACHE_ACCEPT;
    delete req.headers['if-none-match'];
    const sources: CsvSources = { ids: new Set() };
    res.locals[CSV_SOURCES_LOCAL] = sources;

    const chunks: Buffer[] = [];
    const write = res.write.bind(res) as (chunk: Chunk, cb?: (err?: Error | null) => void) => boolean;
    const end = res.end.bind(res) as (chunk?: Chunk | (() => void), cb?: () => void) => Response;
    const toBuffer = (c: Chunk, encoding?: unknown) => (typeof c === 'string' ? Buffer.from(c, (typeof encoding === 'string' ? encoding : 'utf8') as BufferEncoding) : Buffer.from(c));

    res.write = function bufferWrite(chunk: Chunk, encoding?: unknown): boolean {
      chunks.push(toBuffer(chunk, encoding));
      return true;
    } as typeof res.write;

    res.end = function endAsCsv(chunk?: unknown, encoding?: unknown): Response {
      if (chunk != null && typeof chunk !== 'function') chunks.push(toBuffer(chunk as Chunk, encoding));
      res.write = write as typeof res.write;
      res.end = end as typeof res.end;
      const body = Buffer.concat(chunks);
      const answer = res.statusCode === 200 ? parseAnswer(body) : null;
      if (!answer) return end(body);
      const info = answer[CSV_INFO_KEY] as CsvInfo | undefined;
      let table: Table | null = null;
      if (!answer.errors?.length && answer.data != null) {
        try {
          table = tableOf(answer.data, chosen);
        } catch (err) {
          if (err instanceof CsvPathError) return sendPathError(res, err, end);
          throw err;
        }
      }
      if (!table) {
        // Stays JSON, without what was meant for the CSV.
        if (!info) return end(body);
        delete answer[CSV_INFO_KEY];
        const json = Buffer.from(`${JSON.stringify(answer)}\n`, 'utf8');
        res.setHeader('content-length', json.length);
        return end(json);
      }
      const operation = info?.operation ?? (res.locals.graphql as { operationName?: string | null } | undefined)?.operationName ?? (res.locals[CACHED_OPERATION_NAME] as string | undefined);
      void streamCsv(res, table, { filename: csvFilename(operation, table.path), licences: info?.licences ?? [] }, write, end);
      return res;
    } as typeof res.end;

    next();
  };
}

type Answer = { data?: unknown; errors?: unknown[]; [CSV_INFO_KEY]?: unknown };

function parseAnswer(body: Buffer): Answer | null {
  try {
    const parsed = JSON.parse(body.toString('utf8')) as unknown;
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Answer) : null;
  } catch {
    return null;
  }
}

/** `<operation>-<list>.csv`: the operation's name (`query` when anonymous), the list's path with `-` for dots; only [A-Za-z0-9_.-]. */
export function csvFilename(operation: string | null | undefined, path: string): string {
  return `${operation || 'query'}-${path.replace(/\./g, '-')}.csv`.replace(/[^A-Za-z0-9_.-]/g, '_');
}

async function streamCsv(
  res: Response,
  table: Table,
  meta: { filename: string; licences: string[] },
  write: (chunk: Chunk) => boolean,
  end: (chunk?: Chunk) => Response,
): Promise<void> {
  res.removeHeader('content-length');
  res.removeHeader('etag');
  res.setHeader('content-type', CSV_CONTENT_TYPE);
  res.setHeader('content-disposition', `attachment; filename="${meta.filename}"`);
  if (meta.licences.length) res.setHeader('link', licenceLinks(meta.licences));
  // A neutralised cell (`'=...`) is quoted too, as OWASP's guidance on CSV injection asks.
  const lines = (rows: unknown[][]) => stringify(rows, { record_delimiter: 'windows', quoted_match: NEUTRALISED, cast: { boolean: (b) => String(b) } });
  write(lines([table.columns]));
  for (let i = 0; i < table.items.length; i += ROWS_PER_WRITE) {
    const batch = table.items.slice(i, i + ROWS_PER_WRITE).map((item) => rowOf(item, table.paths));
    if (!write(lines(batch)) && !res.destroyed) await new Promise((resolve) => res.once('drain', resolve));
    if (res.destroyed) return;
  }
  end();
}
