// Plain GraphQL POSTs (see isPlainGraphQLRequest) executed by Apollo without express. Express's app
// and router, its body parser and its response helpers cost 0.115 ms per request on the bench
// machine: half of what a `{ __typename }` costs, a tenth of a page of 100 prices. The hit path
// (src/cache/hit-path.ts) has already applied CORS and the request rate limit and read the body;
// what express's /graphql chain would still do is done here, in its order: the body parsed as JSON
// (anything else goes to express, whose parser words the error), no API key (plain requests have
// none: anonymous), the response cache's middleware (a Redis hit, or a MISS whose answer it keeps),
// then Apollo, and the answer sent as express's res.send sends it.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HeaderMap, type ApolloServer } from '@apollo/server';
import type { NextFunction, Request, Response } from 'express';
import proxyaddr from 'proxy-addr';
import { ErrorCodes } from './errors.js';
import type { Logger } from './logger.js';

type Locals = { locals: Record<string, unknown> };

export interface DirectExecutionOptions {
  apollo: ApolloServer<object>;
  /** The response cache's express middleware (it needs of express only what `res.send` gives here). */
  cacheMiddleware: (req: Request, res: Response, next: NextFunction) => void;
  /** express.json()'s `verify` of the /graphql chain (the cache keeps the raw body). */
  keepRawBody: (req: Request, res: Response, body: Buffer) => void;
  /** The GraphQL context of a request, as express's Apollo middleware makes it. */
  context: (res: Response) => Promise<object>;
  /** Express's compiled `trust proxy`: req.ip, as express would give it (rate limits charge the cost to it). */
  trustProxy: Parameters<typeof proxyaddr>[1];
  /** Where a body that is not a JSON object or array goes, to be refused as before. */
  express: (req: IncomingMessage, res: ServerResponse, body: Buffer) => void;
  /** Notes an answer that failed before Apollo could answer (as express's error handler does). */
  onError: (res: ServerResponse & Locals, err: unknown) => void;
  logger: Logger;
}

/**
 * express's res.send for what Apollo answers: a string (UTF-8, a charset added to a content-type
 * without one) or a Buffer (the cache's stored bytes), with its Content-Length.
 */
function send(this: ServerResponse, body: unknown): ServerResponse {
  const type = this.getHeader('content-type');
  let payload: string | Buffer;
  if (typeof body === 'string') {
    if (type === undefined) this.setHeader('content-type', 'text/html; charset=utf-8');
    else if (!/;\s*charset=/i.test(String(type))) this.setHeader('content-type', `${String(type)}; charset=utf-8`);
    payload = body;
  } else {
    payload = Buffer.isBuffer(body) ? body : Buffer.from(JSON.stringify(body), 'utf8');
    if (type === undefined) this.setHeader('content-type', 'application/octet-stream');
  }
  if (this.statusCode === 204 || this.statusCode === 304) {
    this.removeHeader('content-type');
    this.removeHeader('content-length');
    this.end();
    return this;
  }
  // A string is written as it is (no copy into a Buffer first): its length in UTF-8 bytes is counted.
  this.setHeader('content-length', typeof payload === 'string' ? Buffer.byteLength(payload, 'utf8') : payload.length);
  if (typeof payload === 'string') this.end(payload, 'utf8');
  else this.end(payload);
  return this;
}

export function createDirectExecution(opts: DirectExecutionOptions): (req: IncomingMessage, res: ServerResponse & Locals, body: Buffer) => void {
  const { apollo } = opts;

  async function execute(req: IncomingMessage, res: ServerResponse & Locals, parsed: unknown): Promise<void> {
    const headers = new HeaderMap();
    for (const [name, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
    }
    const answer = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: 'POST', headers, search: '', body: parsed },
      context: () => opts.context(res as unknown as Response),
    });
    for (const [name, value] of answer.headers) res.setHeader(name, value);
    res.statusCode = answer.status ?? 200;
    if (answer.body.kind === 'complete') {
      (res as unknown as Response).send(answer.body.string);
      return;
    }
    for await (const chunk of answer.body.asyncIterator) res.write(chunk);
    res.end();
  }

  // One getter for every request: a new function per request gave each request object a map of its own.
  const IP_PROPERTY: PropertyDescriptor = {
    configurable: true,
    enumerable: true,
    get(this: IncomingMessage) {
      return proxyaddr(this, opts.trustProxy);
    },
  };

  return function executeDirectly(req, res, body) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(body.toString('utf8'));
    } catch {
      parsed = undefined;
    }
    // express.json() is strict: an object or an array, else its own error.
    if (parsed === null || typeof parsed !== 'object') return opts.express(req, res, body);
    const r = res as unknown as Response;
    const q = req as unknown as Request;
    r.send = send as unknown as Response['send'];
    // What express's request would say: its client address (rate limits charge a request's cost to it).
    Object.defineProperty(q, 'ip', IP_PROPERTY);
    opts.keepRawBody(q, r, body);
    const fail = (err: unknown) => {
      if (res.headersSent) {
        opts.logger.error({ err }, 'a GraphQL answer failed while it was being sent');
        res.destroy();
        return;
      }
      opts.onError(res, err);
    };
    try {
      opts.cacheMiddleware(q, r, (err?: unknown) => (err ? fail(err) : execute(req, res, parsed).catch(fail)));
    } catch (err) {
      fail(err);
    }
  };
}

/** The JSON answer of an error raised before Apollo answered, as express's error handler gives it. */
export function internalErrorAnswer(res: ServerResponse): void {
  res.statusCode = 500;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  const body = JSON.stringify({ errors: [{ message: 'Internal server error', extensions: { code: ErrorCodes.INTERNAL_SERVER_ERROR } }] });
  res.setHeader('content-length', Buffer.byteLength(body));
  res.end(body);
}
