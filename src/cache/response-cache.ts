// The response cache for GraphQL reads: express middleware in front of Apollo on /graphql.
//
// Key: the data version's tag, a fingerprint of what shapes answers (schema, limits), the method, the
// Accept header, whether the request carries a valid API key (some fields, e.g. `writtenBy`, are
// answered to key holders only), and the request itself as received (POST: the raw JSON body, so document or persisted-
// query hash, variables and operationName; GET: the query string), hashed with sha1.
// HIT: the stored body and content-type are sent without entering Apollo. MISS: Apollo answers; the
// body is stored only when an Apollo plugin reported a query operation that succeeded (HTTP 200, no
// `errors`), and only if the data version has not moved meanwhile.
// GET answers also get a strong ETag and `Cache-Control: public, max-age=N` (`private` with a key) (and 304 for a matching
// If-None-Match); with RESPONSE_CACHE=off GET keeps those HTTP caching headers, computed from the body.
import { createHash } from 'node:crypto';
import { isTransientConnectionError } from '../db/read-retry.js';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { ApolloServerPlugin } from '@apollo/server';
import type { AppConfig } from '../config.js';
import type { DataVersionSource } from '../db/data-version.js';
import type { Logger } from '../logger.js';
import { AUTH_STATE, type AuthState } from '../auth/authenticate.js';
import { RedisKeyValueCache, type RedisConnection } from './redis.js';
import { MemoryResponseStore, RedisResponseStore, type CachedResponse } from './store.js';

export type CacheMode = 'off' | 'memory' | 'redis';

export interface ResponseCacheOptions {
  config: AppConfig;
  logger: Logger;
  /** Required for caching (mode memory/redis); without it only GET's HTTP caching headers are set. */
  versions?: DataVersionSource;
  /** REDIS_URL's connection: answers and persisted queries are shared through it. */
  redis?: RedisConnection;
  /** Hash of what shapes answers besides the data (schema, limits, code version), so instances of another release never share answers. */
  fingerprint: string;
  /** The express response of a request, from Apollo's context value (for the plugin). */
  responseOf(contextValue: unknown): Response | undefined;
}

export interface ResponseCache {
  mode: CacheMode;
  /** express.json()'s `verify` option: keeps the raw body, which the key is made of. */
  keepRawBody(req: Request, res: Response, buf: Buffer): void;
  /** Mount after express.json() and before Apollo's middleware. */
  middleware: RequestHandler;
  /**
   * Answers a request from the in-process store if its answer is there (true), for the hit path
   * in front of express (src/cache/hit-path.ts): `raw` is a POST's body as received, or a GET's query
   * string. False: nothing was sent (the middleware decides, with Redis too).
   */
  serveFromMemory(req: IncomingMessage, res: ServerResponse & { locals: Record<string, unknown> }, raw: Buffer | string): boolean;
  /** Tells the middleware, through res.locals, what Apollo executed and whether it succeeded. */
  plugin: ApolloServerPlugin<object>;
  /** Apollo's `cache` option (persisted queries): Redis when REDIS_URL is set, else Apollo's default. */
  apolloCache?: RedisKeyValueCache;
  /** For /ready. */
  status(): { cache: string; dataVersion?: string | null };
  close(): Promise<void>;
}

/** What the plugin reports per request (res.locals[OUTCOME]). */
interface Outcome {
  operation?: 'query' | 'mutation' | 'subscription';
  operationName?: string;
  cacheable: boolean;
  /** A query that failed because the database could not be reached (after the read retries). */
  databaseFailed?: boolean;
}

const RAW_BODY = Symbol('argentum.rawBody');
const OUTCOME = 'responseCacheOutcome';
/** res.locals key the request log reads: 'HIT' | 'MISS'. */
export const CACHE_STATUS = 'cacheStatus';
/** res.locals key of a HIT's operation name, for the request log (Apollo, which names it otherwise, is not entered). */
export const CACHED_OPERATION_NAME = 'cachedOperationName';

/** Whether the request presented a valid API key (src/auth/authenticate.ts, before this middleware): its answers may hold what anonymous ones do not. */
function withKey(res: { locals: Record<string, unknown> }): boolean {
  return (res.locals[AUTH_STATE] as AuthState | undefined)?.state === 'key';
}

const NON_PREFLIGHTED_CONTENT_TYPES = new Set(['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain']);

/**
 * Apollo's CSRF prevention (on by default) refuses "simple" requests; a cached answer must never be
 * served to a request Apollo would refuse, so such requests bypass the cache (and Apollo refuses them).
 */
function passesCsrfPrevention(req: IncomingMessage): boolean {
  const contentType = req.headers['content-type'];
  if (contentType !== undefined) {
    const essence = contentType.split(';')[0].trim().toLowerCase();
    if (!NON_PREFLIGHTED_CONTENT_TYPES.has(essence)) return true;
  }
  const name = req.headers['x-apollo-operation-name'];
  const preflight = req.headers['apollo-require-preflight'];
  return (typeof name === 'string' && name.length > 0) || (typeof preflight === 'string' && preflight.length > 0);
}

/**
 * If-None-Match as an origin server evaluates it (RFC 9110 13.1.2: `*` or a list, weak comparison).
 * Not express's req.fresh, which ignores it when the request says `Cache-Control: no-cache`, as
 * fetch() does whenever a caller sets If-None-Match itself.
 */
function ifNoneMatchHas(req: IncomingMessage, etag: string): boolean {
  const header = req.headers['if-none-match'];
  if (!header) return false;
  if (header.trim() === '*') return true;
  for (const candidate of header.split(',')) {
    const tag = candidate.trim();
    if (tag === etag || (tag.startsWith('W/') && tag.slice(2) === etag)) return true;
  }
  return false;
}

/** The query string of a GET's URL (what its key is made of); undefined without one. */
function queryStringOf(url: string): string | undefined {
  const q = url.indexOf('?');
  return q < 0 ? undefined : url.slice(q + 1);
}

export function createResponseCache(opts: ResponseCacheOptions): ResponseCache {
  const { config, versions, redis } = opts;
  const mode: CacheMode = !config.responseCache || !versions ? 'off' : redis ? 'redis' : 'memory';
  const memory = mode === 'off' ? undefined : new MemoryResponseStore({ maxEntries: config.responseCacheMaxEntries, maxBytes: config.responseCacheMaxBytes });
  const shared = mode === 'redis' ? new RedisResponseStore(redis!, `${config.redisPrefix}response:`, config.responseCacheTtlSeconds) : undefined;
  const cacheControl = `public, max-age=${config.cacheMaxAge}`;
  const privateCacheControl = `private, max-age=${config.cacheMaxAge}`;
  const cacheControlOf = (res: { locals: Record<string, unknown> }) => (withKey(res) ? privateCacheControl : cacheControl);
  // The last good answer of each request, whatever its data version: served, marked stale, when the
  // database cannot be reached, rather than an error (in process: Redis may be as unreachable).
  const lastGood = mode === 'off' ? undefined : new MemoryResponseStore({ maxEntries: config.responseCacheMaxEntries, maxBytes: config.responseCacheMaxBytes });

  // In-process answers of an older version can never be asked for again: free their memory.
  let lastTag: string | undefined;
  const unsubscribe = versions?.onChange((v) => {
    if (!v) return; // lost the listener: the version may still be the same when it is back
    if (lastTag !== undefined && v.tag !== lastTag) memory?.clear();
    lastTag = v.tag;
  });
  lastTag = versions?.current()?.tag;

  function requestKey(req: Request, res: Response, isGet: boolean, tag: string): string | undefined {
    const raw = isGet ? queryStringOf(req.originalUrl) : (req as unknown as Record<symbol, Buffer | undefined>)[RAW_BODY];
    // POST without a raw body: not JSON, which Apollo refuses.
    return raw === undefined ? undefined : keyOf(req, isGet, raw, tag, withKey(res));
  }

  function keyOf(req: IncomingMessage, isGet: boolean, raw: Buffer | string, tag: string, keyed: boolean): string | undefined {
    if (!passesCsrfPrevention(req)) return undefined;
    const hash = createHash('sha1')
      .update(isGet ? 'GET\n' : 'POST\n')
      .update(keyed ? 'key\n' : '')
      .update(req.headers.accept ?? '')
      .update('\n')
      .update(raw)
      .digest('base64url');
    return `${opts.fingerprint}:${tag}:${hash}`;
  }

  /** Sends a stored answer; needs only node's request and response (and `res.locals`), so that hits may be answered before express. */
  function serve(req: IncomingMessage, res: ServerResponse & { locals: Record<string, unknown> }, entry: CachedResponse, isGet: boolean): void {
    res.locals[CACHE_STATUS] = 'HIT';
    if (entry.operationName) res.locals[CACHED_OPERATION_NAME] = entry.operationName;
    res.setHeader('x-cache', 'HIT');
    res.setHeader('etag', entry.etag);
    if (isGet) {
      res.setHeader('cache-control', cacheControlOf(res));
      if (ifNoneMatchHas(req, entry.etag)) {
        res.statusCode = 304;
        res.end();
        return;
      }
    }
    res.setHeader('content-type', entry.contentType);
    res.setHeader('content-length', entry.body.length);
    res.end(entry.body);
  }

  /** The last good answer instead of a database failure: marked stale in a header and in the body, and not to be kept by caches. */
  function serveStale(res: Response, entry: CachedResponse, send: (body: unknown) => Response): Response {
    res.locals[CACHE_STATUS] = 'STALE';
    res.statusCode = 200;
    res.setHeader('x-cache', 'STALE');
    res.setHeader('cache-control', 'no-store');
    res.removeHeader('etag');
    const answer = JSON.parse(entry.body.toString('utf8')) as { extensions?: Record<string, unknown> };
    answer.extensions = { ...answer.extensions, stale: { reason: 'The database cannot be reached: this is the last answer given to the same request.' } };
    res.setHeader('content-type', entry.contentType);
    return send(Buffer.from(JSON.stringify(answer), 'utf8'));
  }

  /** Lets Apollo answer, and stores the answer when it is a successful query. */
  function capture(req: Request, res: Response, isGet: boolean, key?: string, tag?: string, lastGoodKey?: string): void {
    const send = res.send;
    res.send = function sendAndStore(this: Response, body?: unknown) {
      res.send = send;
      const outcome = res.locals[OUTCOME] as Outcome | undefined;
      const stale = outcome?.databaseFailed && lastGoodKey ? lastGood?.get(lastGoodKey) : undefined;
      if (stale) return serveStale(res, stale, send.bind(this));
      if (key && outcome?.operation && outcome.operation !== 'query') {
        // A mutation is never cached: say nothing about the cache.
        res.removeHeader('x-cache');
        delete res.locals[CACHE_STATUS];
      }
      if (!outcome?.cacheable || res.statusCode !== 200 || typeof body !== 'string') return send.call(this, body);
      const buf = Buffer.from(body, 'utf8');
      const etag = `"${createHash('sha1').update(buf).digest('base64url')}"`;
      if (isGet || key) res.setHeader('etag', etag);
      if (isGet) {
        res.setHeader('cache-control', cacheControlOf(res));
        // express's send() then drops the body of a 304.
        if (ifNoneMatchHas(req, etag)) res.statusCode = 304;
      }
      // An answer that took so long that the data moved on may mix versions: do not keep it.
      if (key && versions!.current()?.tag === tag) {
        const entry: CachedResponse = {
          body: buf,
          contentType: String(res.getHeader('content-type') ?? 'application/json; charset=utf-8'),
          etag,
          operationName: outcome.operationName ?? '',
        };
        memory!.set(key, entry);
        shared?.set(key, entry);
      }
      if (lastGoodKey) {
        lastGood!.set(lastGoodKey, { body: buf, contentType: String(res.getHeader('content-type') ?? 'application/json; charset=utf-8'), etag, operationName: outcome.operationName ?? '' });
      }
      // A Buffer keeps Apollo's content-type as it is (express re-adds the charset to strings only).
      return send.call(this, buf);
    } as Response['send'];
  }

  function miss(req: Request, res: Response, next: NextFunction, isGet: boolean, key: string, tag: string): void {
    res.locals[CACHE_STATUS] = 'MISS';
    res.setHeader('x-cache', 'MISS');
    capture(req, res, isGet, key, tag, requestKey(req, res, isGet, 'last-good'));
    next();
  }

  const middleware: RequestHandler = (req, res, next) => {
    const isGet = req.method === 'GET';
    if (!isGet && req.method !== 'POST') return next();
    const version = mode === 'off' ? undefined : versions!.current();
    // Unknown version (listener reconnecting): never serve from the cache.
    const key = version ? requestKey(req, res, isGet, version.tag) : undefined;
    if (key === undefined) {
      // Unknown version (e.g. the database is unreachable): executed, with the last good answer to fall back on.
      const lastGoodKey = mode === 'off' ? undefined : requestKey(req, res, isGet, 'last-good');
      if (isGet || lastGoodKey) capture(req, res, isGet, undefined, undefined, lastGoodKey);
      return next();
    }
    const local = memory!.get(key);
    if (local) return serve(req, res, local, isGet);
    if (!shared?.available()) return miss(req, res, next, isGet, key, version!.tag);
    void shared.get(key).then((entry) => {
      if (entry) {
        memory!.set(key, entry);
        serve(req, res, entry, isGet);
      } else miss(req, res, next, isGet, key, version!.tag);
    });
  };

  const plugin: ApolloServerPlugin<object> = {
    async requestDidStart() {
      return {
        async willSendResponse(rc) {
          const res = opts.responseOf(rc.contextValue);
          if (!res) return;
          const body = rc.response.body;
          const operation = rc.operation?.operation;
          const outcome: Outcome = {
            operation,
            operationName: rc.operationName ?? undefined,
            cacheable:
              operation === 'query' &&
              body.kind === 'single' &&
              !body.singleResult.errors?.length &&
              (rc.response.http.status ?? 200) === 200,
            databaseFailed: operation === 'query' && Boolean(rc.errors?.some((e) => isTransientConnectionError(e.originalError ?? e))),
          };
          res.locals[OUTCOME] = outcome;
        },
      };
    },
  };

  return {
    mode,
    keepRawBody(req, _res, buf) {
      (req as unknown as Record<symbol, Buffer>)[RAW_BODY] = buf;
    },
    middleware,
    serveFromMemory(req, res, raw) {
      const version = mode === 'off' ? undefined : versions!.current();
      const isGet = req.method === 'GET';
      // The hit path takes only requests without an API key.
      const key = version ? keyOf(req, isGet, raw, version.tag, false) : undefined;
      const entry = key === undefined ? undefined : memory!.get(key);
      if (!entry) return false;
      serve(req, res, entry, isGet);
      return true;
    },
    plugin,
    apolloCache: redis ? new RedisKeyValueCache(redis, config.redisPrefix) : undefined,
    status() {
      const dataVersion = versions ? (versions.current()?.version.toString() ?? null) : undefined;
      const cache = mode === 'redis' ? `redis ${redis!.state()}` : mode;
      return dataVersion === undefined ? { cache } : { cache, dataVersion };
    },
    async close() {
      unsubscribe?.();
    },
  };
}
