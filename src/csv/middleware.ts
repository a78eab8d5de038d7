// `Accept: text/csv` on /graphql (docs/api.md "CSV"): the operation runs as any other (CSRF
// prevention, persisted queries, limits, the response cache all apply to its JSON answer), and the
// JSON answer is turned into CSV on the way out: the first list, one line per item, RFC 4180
// quoting (csv-stringify). An answer with errors, or without a list, stays JSON. Rows are written in
// batches with backpressure, so a long list streams instead of being built as one string.
import type { NextFunction, Request, Response } from 'express';
import { stringify } from 'csv-stringify/sync';
import { rowOf, tableOf } from './table.js';

export const CSV_CONTENT_TYPE = 'text/csv; charset=utf-8; header=present';
const ROWS_PER_WRITE = 500;

/** True when the client prefers CSV to JSON (`*\/*` and equal preferences go to JSON). */
export function wantsCsv(req: Request): boolean {
  return req.accepts(['application/json', 'application/graphql-response+json', 'text/csv']) === 'text/csv';
}

type Chunk = string | Buffer | Uint8Array;

export function csvResponses() {
  return function csvResponse(req: Request, res: Response, next: NextFunction): void {
    if (!wantsCsv(req)) {
      res.vary('Accept');
      next();
      return;
    }
    // The operation answers JSON; this middleware turns it into CSV. A validator of the JSON
    // representation (ETag) says nothing about the CSV one.
    req.headers.accept = 'application/json';
    delete req.headers['if-none-match'];
    res.vary('Accept');

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
      const table = res.statusCode === 200 ? tableFromJson(body) : null;
      if (!table) return end(body);
      void streamCsv(res, table, write, end);
      return res;
    } as typeof res.end;

    next();
  };
}

function tableFromJson(body: Buffer) {
  let parsed: { data?: unknown; errors?: unknown[] };
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    return null;
  }
  if (parsed.errors?.length || parsed.data == null) return null;
  return tableOf(parsed.data);
}

async function streamCsv(
  res: Response,
  table: NonNullable<ReturnType<typeof tableOf>>,
  write: (chunk: Chunk) => boolean,
  end: (chunk?: Chunk) => Response,
): Promise<void> {
  res.removeHeader('content-length');
  res.removeHeader('etag');
  res.setHeader('content-type', CSV_CONTENT_TYPE);
  res.setHeader('content-disposition', `attachment; filename="${table.path.split('.')[0]}.csv"`);
  const lines = (rows: unknown[][]) => stringify(rows, { record_delimiter: 'windows', cast: { boolean: (b) => String(b) } });
  write(lines([table.columns]));
  for (let i = 0; i < table.items.length; i += ROWS_PER_WRITE) {
    const batch = table.items.slice(i, i + ROWS_PER_WRITE).map((item) => rowOf(item, table.columns));
    if (!write(lines(batch)) && !res.destroyed) await new Promise((resolve) => res.once('drain', resolve));
    if (res.destroyed) return;
  }
  end();
}
