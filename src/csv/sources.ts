// The sources behind a CSV answer, for its `Link: <licence>; rel="license"` headers (docs/api.md "CSV").
//
// Only when CSV is asked for: the CSV middleware puts a CsvSources in res.locals; the request's
// context takes its id set (attachCsvSources); every resolver of the schema that returns objects
// adds, to that set, the sources of what it returned: a Source, a stored figure's `sourceId`, or the
// `sourceIds` of a computed one (Series, Figure, ExportSummary, PriceTable). Containers (connections,
// edges, a country) are looked through; a figure is not (the figures it refers to, e.g. `previous`,
// count when their own field is resolved). Without CSV a wrapped resolver reads one absent property
// of the context, and fields without a resolver of their own (most leaves) are not wrapped.
//
// The licences are looked up when Apollo sends its JSON answer, and written into that answer (an
// internal top-level key, never sent as JSON) so that an answer that the response cache keeps for a
// CSV request (its key differs from JSON's: see CSV_CACHE_ACCEPT) brings them along when it is
// served again without running a resolver.
import type { NextFunction, Request, Response } from 'express';
import { getNamedType, isCompositeType, isObjectType, type GraphQLSchema } from 'graphql';
import { Source } from '../modules/source/source.type.js';
import { licenceUrls } from './licences.js';

/** What a CSV request collects: the source ids read, and how to look sources up. */
export interface CsvSources {
  ids: Set<number>;
  load?: (ids: number[]) => Promise<ArrayLike<{ licence?: string | null } | null | Error>>;
}

/** res.locals key of a CSV request's CsvSources. */
export const CSV_SOURCES_LOCAL = 'csvSources';
/** The context's key of the id set (a symbol: invisible to resolvers' Object.keys and JSON). */
const CONTEXT_IDS = Symbol.for('argentum.csvSourceIds');
/** The JSON answer's internal key: what the CSV of it needs besides the data. */
export const CSV_INFO_KEY = '__argentumCsv';

/** What the CSV middleware reads from an answer's CSV_INFO_KEY. */
export interface CsvInfo {
  /** Licence pages of the sources behind the answer (see licences.ts). */
  licences: string[];
  /** The operation's name; null when anonymous. */
  operation: string | null;
}

const wrapped = new WeakSet<GraphQLSchema>();

/** Wraps, once per schema, the resolvers of fields that return objects (see above). */
export function trackCsvSources(schema: GraphQLSchema): void {
  if (wrapped.has(schema)) return;
  wrapped.add(schema);
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      const resolve = field.resolve;
      const returned = getNamedType(field.type);
      if (!resolve || !isCompositeType(returned)) continue;
      field.resolve = function resolveAndTrack(source, args, context, info) {
        const result = resolve(source, args, context, info);
        const ids = (context as Record<symbol, Set<number> | undefined> | null)?.[CONTEXT_IDS];
        if (ids === undefined) return result;
        if (result instanceof Promise) {
          return result.then((value: unknown) => {
            addSources(value, ids);
            return value;
          });
        }
        addSources(result, ids);
        return result;
      };
    }
  }
}

/** How deep containers are looked through (a connection's edges' nodes are three levels down). */
const MAX_DEPTH = 4;

/** Adds the sources of `value` (see above) to `ids`. */
export function addSources(value: unknown, ids: Set<number>, depth = 0): void {
  if (typeof value !== 'object' || value === null || depth > MAX_DEPTH) return;
  if (Array.isArray(value)) {
    for (const v of value) addSources(v, ids, depth + 1);
    return;
  }
  if (value instanceof Source) {
    ids.add(value.dbId);
    return;
  }
  if (value instanceof Promise || value instanceof Date) return;
  const own = value as Record<string, unknown>;
  const figure = Object.prototype.hasOwnProperty.call(own, 'sourceId') || Object.prototype.hasOwnProperty.call(own, 'sourceIds');
  if (figure) {
    if (typeof own.sourceId === 'number') ids.add(own.sourceId);
    if (Array.isArray(own.sourceIds)) for (const id of own.sourceIds) if (typeof id === 'number') ids.add(id);
    return;
  }
  // Own data properties only: a getter (a connection's totalCount, a lazy cursor) may read the database.
  for (const descriptor of Object.values(Object.getOwnPropertyDescriptors(own))) {
    if ('value' in descriptor && descriptor.enumerable && typeof descriptor.value === 'object') addSources(descriptor.value, ids, depth + 1);
  }
}

/** Gives the request's context the CSV request's id set, and CsvSources the context's source loader. Called for every request: does nothing without CSV. */
export function attachCsvSources(context: object, res: { locals?: Record<string, unknown> }): void {
  const sources = res.locals?.[CSV_SOURCES_LOCAL] as CsvSources | undefined;
  if (!sources) return;
  (context as Record<symbol, unknown>)[CONTEXT_IDS] = sources.ids;
  const loader = (context as { loaders?: { sourceById?: { loadMany(ids: number[]): Promise<ArrayLike<Source | null | Error>> } } }).loaders?.sourceById;
  if (loader) sources.load = (ids) => loader.loadMany(ids);
}

/** The licence pages of the sources collected. */
export async function licencesOf(sources: CsvSources): Promise<string[]> {
  if (sources.ids.size === 0 || !sources.load) return [];
  const found = await sources.load([...sources.ids].sort((a, b) => a - b));
  const licences: Array<string | null | undefined> = [];
  for (let i = 0; i < found.length; i++) {
    const s = found[i];
    if (s instanceof Error) throw s;
    licences.push(s?.licence);
  }
  return licenceUrls(licences);
}

/** A JSON answer's text with CsvInfo under CSV_INFO_KEY (unchanged when it is not a JSON object). */
export function withCsvInfo(body: string, info: CsvInfo): string {
  const text = body.trimEnd();
  if (!text.startsWith('{') || !text.endsWith('}') || /^\{\s*\}$/.test(text)) return body;
  return `${text.slice(0, -1)},${JSON.stringify(CSV_INFO_KEY)}:${JSON.stringify(info)}}\n`;
}

/**
 * Mounted after the response cache's middleware (before Apollo's): for a CSV request, writes
 * CsvInfo into Apollo's successful answer before the cache keeps it and the CSV middleware reads it.
 */
export function csvSourceInfo() {
  return function addCsvInfo(_req: Request, res: Response, next: NextFunction): void {
    const sources = res.locals[CSV_SOURCES_LOCAL] as CsvSources | undefined;
    if (!sources) {
      next();
      return;
    }
    const send = res.send;
    res.send = function sendWithCsvInfo(this: Response, body?: unknown) {
      res.send = send;
      if (res.statusCode !== 200 || typeof body !== 'string' || !body.startsWith('{"data"')) return send.call(this, body);
      const operation = (res.locals.graphql as { operationName?: string | null } | undefined)?.operationName ?? null;
      licencesOf(sources).then(
        (licences) => send.call(this, withCsvInfo(body, { licences, operation })),
        // Without its licences the file would claim none: the answer goes without CSV info (and the CSV without Link headers).
        () => send.call(this, body),
      );
      return res;
    } as Response['send'];
    next();
  };
}
