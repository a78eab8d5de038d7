// Plain requests for /graphql in front of express. Express's app and router, the body parser and
// the other middlewares of /graphql cost about 0.2 ms per request on this project's bench machine,
// five times what reading the body, hashing it and writing the stored answer cost (0.04 ms): for a
// cache hit they were the whole bill. So a plain request (a JSON POST or a GET, no API key, not
// asking for CSV) is first looked up here, with the same CORS headers, the same request rate limit
// and the same key as the response cache's middleware. A POST that is not answered from memory goes
// to `execute` (Apollo without express, src/direct-execution.ts) when given; anything else goes to
// express as before. A POST's body read here is handed over (bodyParser) so that express.json()
// parses it from memory, with its own checks and errors.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import proxyaddr from 'proxy-addr';
import vary from 'vary';
import { countRequest, REQUEST_COUNTED, addressClient, type RateLimits } from '../limits/rate-limit.js';
import type { ResponseCache } from './response-cache.js';

type Locals = { locals: Record<string, unknown> };

export interface HitPathOptions {
  cache: Pick<ResponseCache, 'mode' | 'serveFromMemory'>;
  /** BODY_LIMIT in bytes: a larger (or unsized) body is express's to refuse. */
  bodyLimitBytes: number;
  /** The CORS middleware of /graphql (absent with CORS_ORIGINS=off). */
  cors?: (req: IncomingMessage, res: ServerResponse, next: (err?: unknown) => void) => void;
  rateLimits?: RateLimits;
  /** Express's compiled `trust proxy` (app.get('trust proxy fn')): the client address as req.ip sees it. */
  trustProxy: Parameters<typeof proxyaddr>[1];
  /** Where everything else goes: the express app. */
  express: (req: IncomingMessage, res: ServerResponse) => void;
  /** Where a POST not answered from memory goes, with its body (otherwise: express). */
  execute?: (req: IncomingMessage, res: ServerResponse & Locals, body: Buffer) => void;
}

/** `application/json`, optionally with the UTF-8 charset: what express.json() reads as is. */
const PLAIN_JSON = /^application\/json\s*(?:;\s*charset\s*=\s*"?utf-8"?\s*)?$/i;
const PRE_READ_BODY = Symbol('argentum.preReadBody');

/** Whether the hit path may answer this request (only headers are looked at: the body is still unread). */
export function isPlainGraphQLRequest(req: IncomingMessage, bodyLimitBytes: number): boolean {
  const h = req.headers;
  // An API key is verified (and may be refused) by express; CSV is converted there.
  if (h.authorization !== undefined || h['x-api-key'] !== undefined) return false;
  if (h.accept !== undefined && /csv/i.test(h.accept)) return false;
  if (req.method === 'GET') return req.url!.startsWith('/graphql?');
  if (req.method !== 'POST' || req.url !== '/graphql') return false;
  if (h['content-type'] === undefined || !PLAIN_JSON.test(h['content-type'])) return false;
  if (h['transfer-encoding'] !== undefined) return false;
  if (h['content-encoding'] !== undefined && h['content-encoding'].toLowerCase() !== 'identity') return false;
  const length = Number(h['content-length']);
  return Number.isInteger(length) && length > 0 && length <= bodyLimitBytes;
}

export function createHitPath(opts: HitPathOptions): (req: IncomingMessage, res: ServerResponse) => void {
  const { cache, rateLimits, express } = opts;

  function lookUp(req: IncomingMessage, res: ServerResponse & Locals): void {
    if (req.method === 'GET') {
      const url = req.url!;
      if (!cache.serveFromMemory(req, res, url.slice(url.indexOf('?') + 1))) express(req, res);
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.once('error', () => res.destroy());
    req.once('end', () => {
      const body = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks);
      if (cache.serveFromMemory(req, res, body)) return;
      if (opts.execute) opts.execute(req, res, body);
      else expressWithBody(express, req, res, body);
    });
  }

  function counted(req: IncomingMessage, res: ServerResponse & Locals): void {
    // As csvResponses() says on express's side (after CORS): answers differ by Accept.
    vary(res, 'Accept');
    if (!rateLimits) return lookUp(req, res);
    countRequest(rateLimits, addressClient(proxyaddr(req, opts.trustProxy))).then(
      (outcome) => {
        for (const [name, value] of Object.entries(outcome.headers)) res.setHeader(name, value);
        if (outcome.refusal) {
          res.statusCode = 429;
          res.setHeader('content-type', 'application/json; charset=utf-8');
          res.end(JSON.stringify(outcome.refusal));
          return;
        }
        (req as unknown as Record<symbol, unknown>)[REQUEST_COUNTED] = true;
        lookUp(req, res);
      },
      // The limiter failed (not a refusal): express's own limiter answers as it would.
      () => express(req, res),
    );
  }

  return function hitPath(req, res) {
    if ((cache.mode === 'off' && !opts.execute) || !isPlainGraphQLRequest(req, opts.bodyLimitBytes)) return express(req, res);
    const withLocals = res as ServerResponse & Locals;
    withLocals.locals ??= Object.create(null) as Record<string, unknown>;
    if (!opts.cors) return counted(req, withLocals);
    opts.cors(req, res, (err) => (err ? express(req, res) : counted(req, withLocals)));
  };
}

/** Hands a request whose body was read here to express, which parses it from memory (bodyParser). */
export function expressWithBody(express: (req: IncomingMessage, res: ServerResponse) => void, req: IncomingMessage, res: ServerResponse, body: Buffer): void {
  (req as unknown as Record<symbol, Buffer>)[PRE_READ_BODY] = body;
  express(req, res);
}

/**
 * express.json() with these options, also for a body the hit path has already read: the same
 * parser reads it again from memory (same limits, charset checks and errors); `verify` sees the
 * request itself either way.
 */
export function bodyParser(options: { limit: number; verify: (req: Request, res: Response, buf: Buffer) => void }): RequestHandler {
  const json = express.json(options);
  const replayed = express.json({ limit: options.limit });
  return function parseBody(req: Request, res: Response, next: NextFunction) {
    const body = (req as unknown as Record<symbol, Buffer | undefined>)[PRE_READ_BODY];
    if (body === undefined) return json(req, res, next);
    // What body-parser looks at: the headers, whether the request is finished, and the stream.
    const replay = Object.assign(Readable.from([body]), { headers: req.headers, complete: false, socket: req.socket }) as unknown as Request;
    replayed(replay, res, (err?: unknown) => {
      if (!err) {
        req.body = replay.body;
        options.verify(req, res, body);
      }
      next(err);
    });
  };
}
