// The HTTP server: express 5 + Apollo Server 5 at /graphql, health and readiness probes,
// request logs, body limit, query depth/cost limits and error masking. Builds; does not listen.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type NextFunction, type Request, type Response } from 'express';
import cors from 'cors';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import {
  ApolloServerPluginLandingPageLocalDefault,
  ApolloServerPluginLandingPageProductionDefault,
} from '@apollo/server/plugin/landingPage/default';
import { unwrapResolverError } from '@apollo/server/errors';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { GraphQLError, type GraphQLFormattedError, type GraphQLSchema } from 'graphql';
import type { AppConfig } from './config.js';
import { enableReadRetries, type Database, type DataVersionSource } from './db/index.js';
import type { Logger } from './logger.js';
import { buildAppSchema } from './schema.js';
import { createContext } from './context.js';
import { csvResponses } from './csv/middleware.js';
import { attachCsvSources, csvSourceInfo, trackCsvSources } from './csv/sources.js';
import { chargeCost, clientOf, costLimitPlugin, createListBounds, createRateLimits, keepLimitCode, parseOptions, requestRateLimit, shapeLimitRules, QUERY_COST } from './limits/index.js';
import { ErrorCodes } from './errors.js';
import { graphqlHttpStatusPlugin } from './http-status.js';
import { mountWebUi } from './web-ui.js';
import { createJitExecutor, fixedSchemaGateway } from './execution/jit-gateway.js';
import { keepBadUserInputCode } from './modules/common/errors.js';
import { createCaching, CACHE_STATUS, CACHED_OPERATION_NAME, type CacheMode } from './cache/index.js';
import { bodyParser, createHitPath, expressWithBody } from './cache/hit-path.js';
import { createDirectExecution, internalErrorAnswer } from './direct-execution.js';
import { authenticate, authStateOf, type AuthState } from './auth/authenticate.js';
import { authorizationPlugin } from './auth/authorize.js';
import { createKeyVerifier } from './auth/keys.js';

export interface CreateServerOptions {
  db: Database;
  config: AppConfig;
  logger: Logger;
  /** Defaults to buildAppSchema(); tests may pass their own. */
  schema?: GraphQLSchema;
  /** Defaults to createContext(db.prisma); tests may pass their own. */
  context?: (db: Database) => object | Promise<object>;
  /** The data version the response cache keys on. Defaults to watching db (src/db/data-version.ts). */
  dataVersion?: DataVersionSource;
}

export interface AppServer {
  app: express.Express;
  httpServer: http.Server;
  /** Listens on port (0 = any free port) and host (default config.host); resolves to the base URL. */
  start(port: number, host?: string): Promise<string>;
  /** Stops accepting connections, waits for in-flight requests (up to config.shutdownTimeoutMs), stops Apollo and the cache. Does not close the database. */
  stop(): Promise<void>;
  /** off | memory | redis (RESPONSE_CACHE, REDIS_URL). */
  cacheMode: CacheMode;
  /** The data version this instance serves; undefined when the response cache is off. Tests await it after writes. */
  dataVersion?: DataVersionSource;
}

/** Where the context keeps the express response, so that plugins can report to the request log. */
const HTTP_RESPONSE = Symbol.for('argentum.httpResponse');
/** Where the context keeps what the request's API key turned out to be (src/auth). */
const AUTH = Symbol.for('argentum.auth');

interface GraphQLLogInfo {
  operationName?: string | null;
  errors?: number;
  cost?: number;
}

/** Error codes whose messages are not meant for clients: masked unless NODE_ENV=development. */
const INTERNAL_CODES = new Set<string>([ErrorCodes.INTERNAL_SERVER_ERROR]);

/**
 * Apollo labels an error without a code INTERNAL_SERVER_ERROR; one that carries a 4xx status
 * (e.g. a persisted-query hash that does not match its query) is the client's: BAD_REQUEST.
 */
function clientErrorWithoutCode(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError | undefined {
  const original = error instanceof GraphQLError ? error : undefined;
  const status = (original?.extensions?.http as { status?: number } | undefined)?.status;
  if (formatted.extensions?.code !== ErrorCodes.INTERNAL_SERVER_ERROR || original?.extensions?.code !== undefined) return undefined;
  if (status === undefined || status < 400 || status >= 500) return undefined;
  return { ...formatted, extensions: { ...formatted.extensions, code: ErrorCodes.BAD_REQUEST } };
}

/** graphql-js appends schema hints to some messages ("Did you mean "name"?"): removed in production. */
export function stripSuggestions(message: string): string {
  return message.replace(/\s*Did you mean [^?]*\?/g, '');
}

export async function createServer(opts: CreateServerOptions): Promise<AppServer> {
  const { db, config, logger } = opts;
  const schema = opts.schema ?? (await buildAppSchema());
  // CSV answers name the licences of the sources behind them: resolvers that return objects note those sources (only for CSV requests).
  trackCsvSources(schema);
  // The API only reads: its client retries a read whose connection broke or whose server is
  // (re)starting, with backoff, for up to READ_RETRY_MS (writes keep the plain client).
  if (!opts.context) {
    enableReadRetries(db.prisma, {
      budgetMs: config.readRetryMs,
      onRetry: (err, attempt, delayMs) =>
        logger.warn({ attempt, delayMs: Math.round(delayMs), reason: err instanceof Error ? err.message.split('\n').pop() : String(err) }, 'database read failed; retrying'),
    });
  }
  const makeContext = opts.context ?? ((d: Database) => createContext(d.prisma));
  const isProduction = config.nodeEnv === 'production';

  // The response cache and the data version it keys on; Redis (REDIS_URL) for answers and persisted queries.
  const caching = await createCaching({
    db,
    config,
    logger,
    schema,
    versions: opts.dataVersion,
    responseOf: (ctx) => (ctx as Record<symbol, unknown> | undefined)?.[HTTP_RESPONSE] as Response | undefined,
  });

  const app = express();
  app.disable('x-powered-by');
  // No automatic weak ETags: the response cache gives cacheable answers a strong one, static
  // assets have their own (express.static), and nothing else needs one.
  app.set('etag', false);
  // The client address of rate limits: X-Forwarded-For only from as many proxies as configured.
  app.set('trust proxy', config.trustProxy || false);
  const rateLimits = config.rateLimit
    ? createRateLimits({ requestsPerMinute: config.rateLimitRequests, costPerMinute: config.rateLimitCost, redis: caching.redis?.client, prefix: config.redisPrefix })
    : undefined;
  // Frontends on other origins fetch from the API; no credentials are involved, so `*` is safe.
  const graphqlCors = config.corsOrigins === 'off' ? undefined : cors({ origin: config.corsOrigins, maxAge: 600 });
  // Cached answers of plain /graphql requests are sent before express (src/cache/hit-path.ts).
  // Plain POSTs that the cache does not answer from memory: Apollo without express, once it has started.
  let executeDirectly: ReturnType<typeof createDirectExecution> | undefined;
  const hitPath = createHitPath({
    cache: caching,
    bodyLimitBytes: config.bodyLimitBytes,
    cors: graphqlCors,
    rateLimits,
    trustProxy: app.get('trust proxy fn'),
    express: app,
    execute: (req, res, body) => (executeDirectly ? executeDirectly(req, res, body) : expressWithBody(app, req, res, body)),
  });
  // One log line per request, written when the response is done (GraphQL details filled in by the plugin below).
  const logRequest = requestLogger(logger);
  const httpServer = http.createServer((req, res) => {
    logRequest(req, res);
    hitPath(req, res);
  });
  let stopping = false;

  // Liveness: the process is up and serving HTTP.
  app.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });

  // Readiness: the database answers (and we are not shutting down).
  app.get('/ready', async (_req, res) => {
    if (stopping) {
      res.status(503).json({ status: 'unavailable', reason: 'shutting down' });
      return;
    }
    try {
      await withTimeout(db.ping(), 5000, 'database did not answer within 5 s');
      // The cache is reported, never required: an unreachable Redis only makes answers uncached.
      res.json({ status: 'ready', database: db.kind, ...caching.status() });
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      logger.warn({ reason }, 'readiness check failed');
      res.status(503).json({ status: 'unavailable', reason });
    }
  });

  const formatError = (received: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    // A malformed Date or unknown enum literal fails in validation, which Apollo labels
    // GRAPHQL_VALIDATION_FAILED; it is a bad argument, so it keeps BAD_USER_INPUT.
    // Refusals by the query limits keep QUERY_LIMIT_EXCEEDED (Apollo relabels validation and parse errors).
    const formatted = keepLimitCode(clientErrorWithoutCode(received, error) ?? keepBadUserInputCode(received, error), error);
    const code = formatted.extensions?.code;
    if (typeof code !== 'string' || INTERNAL_CODES.has(code)) {
      const original = unwrapResolverError(error);
      logger.error({ err: original, path: formatted.path }, 'internal error while serving a GraphQL request');
      if (!config.isDevelopment) {
        return {
          message: 'Internal server error',
          ...(formatted.locations ? { locations: formatted.locations } : {}),
          ...(formatted.path ? { path: formatted.path } : {}),
          extensions: { code: ErrorCodes.INTERNAL_SERVER_ERROR },
        };
      }
    }
    if (isProduction) return { ...formatted, message: stripSuggestions(formatted.message) };
    return formatted;
  };

  const apollo = new ApolloServer<object>({
    ...(config.executor === 'jit' ? { gateway: fixedSchemaGateway(schema, createJitExecutor(schema)) } : { schema }),
    // Automatic persisted queries: in Redis when REDIS_URL is set (shared by every instance), else Apollo's bounded in-memory store.
    ...(caching.apolloCache ? { cache: caching.apolloCache } : {}),
    // A public data API: the schema is documentation, so introspection stays on in every environment.
    introspection: true,
    allowBatchedHttpRequests: false,
    includeStacktraceInErrorResponses: config.isDevelopment,
    hideSchemaDetailsFromClientErrors: isProduction,
    nodeEnv: config.nodeEnv,
    // src/index.ts owns SIGTERM/SIGINT (drain, close the database, exit 0); Apollo's own handler would re-raise the signal.
    stopOnTerminationSignals: false,
    formatError,
    logger: logger.child({ component: 'apollo' }),
    // Shape limits (GraphQL Armor's rules, graphql-js's token limit); the cost limit is a plugin below.
    validationRules: shapeLimitRules(config),
    parseOptions: parseOptions(config),
    // csrfPrevention stays at Apollo's default (on).
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer, stopGracePeriodMillis: config.shutdownTimeoutMs }),
      isProduction
        ? ApolloServerPluginLandingPageProductionDefault({ footer: false })
        : ApolloServerPluginLandingPageLocalDefault({ footer: false, includeCookies: false }),
      // No cache hints are set; the built-in cache-control plugin would still wrap every resolver (~20% CPU on nested lists).
      ApolloServerPluginCacheControlDisabled(),
      // Roles before anything else that reads: a refused write reads and writes nothing.
      authorizationPlugin((ctx) => ((ctx as Record<symbol, unknown>)[AUTH] as AuthState | undefined) ?? { state: 'anonymous' }),
      // Lists are costed by the most items they can return in the data (read once per data version).
      costLimitPlugin(
        config.maxCost,
        createListBounds(db.prisma, () => caching.versions?.current()?.tag),
        rateLimits
          ? (cost, ctx) => {
              const res = (ctx as Record<symbol, unknown> | undefined)?.[HTTP_RESPONSE] as Response | undefined;
              return res ? chargeCost(rateLimits, clientOf(res.req), cost) : Promise.resolve();
            }
          : undefined,
      ),
      // 200 for request errors under `application/json`, as the GraphQL-over-HTTP spec asks; limits stay 400.
      graphqlHttpStatusPlugin(),
      requestInfoPlugin(),
      caching.plugin,
    ],
  });
  try {
    await apollo.start();
  } catch (err) {
    await caching.close().catch(() => {});
    throw err;
  }

  // The GraphQL context of a request, through express or not (src/direct-execution.ts).
  const contextOf = async (res: Response) => {
    const ctx = await makeContext(db);
    // A symbol key: invisible to resolvers' Object.keys/JSON, but copied when Apollo clones the context.
    (ctx as Record<symbol, unknown>)[HTTP_RESPONSE] = res;
    const auth = authStateOf(res);
    (ctx as Record<symbol, unknown>)[AUTH] = auth;
    if (auth.state === 'key') (ctx as { principal?: unknown }).principal = auth.principal;
    attachCsvSources(ctx, res);
    return ctx;
  };

  // /graphql is a router, not an express app of its own: a mounted app re-parents every request's
  // and response's prototype on the way in and out, a tenth of a cached answer's CPU.
  const graphqlRouter = express.Router();
  app.use('/graphql', graphqlRouter);
  graphqlRouter.use(
    ...(graphqlCors ? [graphqlCors] : []),
    // Requests per minute per API key or address (CORS preflights are answered above, uncounted).
    ...(rateLimits ? [requestRateLimit(rateLimits)] : []),
    // The API key, if one is presented: a key that does not verify is refused here (401).
    authenticate(createKeyVerifier(db.prisma), logger),
    // verify keeps the raw body: the response cache's key is made of it (also of a body the hit path read).
    bodyParser({ limit: config.bodyLimitBytes, verify: caching.keepRawBody }),
    // Accept: text/csv: the JSON answer (cached or not) becomes CSV on the way out.
    csvResponses(),
    // HIT: answered here without entering Apollo; MISS: Apollo answers and the cache keeps the answer.
    caching.middleware,
    // For CSV: the licences of the answer's sources go into the answer before the cache keeps it.
    csvSourceInfo(),
    expressMiddleware(apollo, { context: ({ res }) => contextOf(res) }),
  );
  executeDirectly = createDirectExecution({
    apollo,
    cacheMiddleware: caching.middleware,
    keepRawBody: caching.keepRawBody,
    context: contextOf,
    trustProxy: app.get('trust proxy fn'),
    express: (req, res, body) => expressWithBody(app, req, res, body),
    onError: (res, err) => {
      logger.error({ err }, 'unhandled error');
      setGraphQLLogInfo(res as unknown as Response, { operationName: null, errors: 1 });
      internalErrorAnswer(res);
    },
    logger,
  });

  // WEB: the dashboard at `/`, GraphiQL at `/graphiql` and their /assets (bundle in dist/web/, see src/web-ui.ts).
  mountWebUi(app);

  // Anything else: a JSON 404 (not express's HTML page).
  app.use((req, res) => {
    res.status(404).json({ errors: [{ message: `No route for ${req.method} ${req.path}`, extensions: { code: ErrorCodes.NOT_FOUND } }] });
  });

  // Errors raised before Apollo (body too large, malformed JSON) as GraphQL-style JSON, never an HTML stack trace.
  app.use((err: unknown, req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) {
      next(err);
      return;
    }
    const e = err as { status?: number; statusCode?: number; type?: string; expose?: boolean; message?: string; length?: number; limit?: number };
    const status = e.status ?? e.statusCode ?? 500;
    let message: string;
    let code: string;
    if (e.type === 'entity.too.large' || status === 413) {
      code = ErrorCodes.PAYLOAD_TOO_LARGE;
      message = `Request body${e.length ? ` of ${e.length} bytes` : ''} exceeds the limit of ${config.bodyLimit} (${config.bodyLimitBytes} bytes)`;
    } else if (e.type === 'entity.parse.failed') {
      code = ErrorCodes.BAD_REQUEST;
      message = `Request body is not valid JSON: ${e.message}`;
    } else if (status >= 400 && status < 500 && e.expose !== false) {
      code = status === 415 ? ErrorCodes.UNSUPPORTED_MEDIA_TYPE : ErrorCodes.BAD_REQUEST;
      message = e.message ?? 'Bad request';
    } else {
      logger.error({ err }, 'unhandled error');
      code = ErrorCodes.INTERNAL_SERVER_ERROR;
      message = 'Internal server error';
    }
    setGraphQLLogInfo(res, { operationName: null, errors: 1 });
    res.status(status >= 400 && status < 600 ? status : 500).json({ errors: [{ message, extensions: { code } }] });
  });

  let stopPromise: Promise<void> | undefined;
  return {
    app,
    httpServer,
    start(port: number, host = config.host) {
      return new Promise<string>((resolve, reject) => {
        const onError = (err: Error) => reject(err);
        httpServer.once('error', onError);
        httpServer.listen(port, host, () => {
          httpServer.off('error', onError);
          const addr = httpServer.address() as AddressInfo;
          const shownHost = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;
          const url = `http://${host === '0.0.0.0' || host === '::' ? 'localhost' : shownHost}:${addr.port}`;
          resolve(url);
        });
      });
    },
    stop() {
      stopping = true;
      // apollo.stop() runs the drain plugin: closes the listener, ends idle keep-alive connections,
      // waits for in-flight requests, then stops Apollo.
      stopPromise ??= apollo.stop().finally(() => caching.close());
      return stopPromise;
    },
    cacheMode: caching.mode,
    dataVersion: caching.versions,
  };
}

/** Fills the request log line with what Apollo knows: operation name, error count, cost. */
function requestInfoPlugin(): ApolloServerPlugin<object> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse(rc) {
          const res = (rc.contextValue as Record<symbol, unknown>)[HTTP_RESPONSE] as Response | undefined;
          if (!res) return;
          const body = rc.response.body;
          const resultErrors = body.kind === 'single' ? body.singleResult.errors?.length : undefined;
          setGraphQLLogInfo(res, {
            operationName: rc.operationName ?? rc.request.operationName ?? null,
            errors: resultErrors ?? rc.errors?.length ?? 0,
            cost: (rc.contextValue as Record<symbol, unknown>)[QUERY_COST] as number | undefined,
          });
        },
      };
    },
  };
}

function setGraphQLLogInfo(res: Response, info: GraphQLLogInfo) {
  res.locals.graphql = { ...(res.locals.graphql as GraphQLLogInfo | undefined), ...info };
}

const PROBES = new Set(['/health', '/ready']);

/** Logs each request once its response is done; node's request and response, so that it sees the hit path's answers too. */
function requestLogger(logger: Logger) {
  return (req: http.IncomingMessage, res: http.ServerResponse & { locals?: Record<string, unknown> }) => {
    const started = process.hrtime.bigint();
    // Before express or the hit path rewrite anything (a router strips its mount path from req.url).
    const path = req.url!.split('?')[0];
    res.once('close', () => {
      const durationMs = Math.round(Number(process.hrtime.bigint() - started) / 1e5) / 10;
      const status = res.statusCode;
      const aborted = !res.writableFinished;
      const line: Record<string, unknown> = { method: req.method, path, status, durationMs };
      if (aborted) line.aborted = true;
      if (path === '/graphql') {
        const locals = res.locals ?? {};
        const info = (locals.graphql as GraphQLLogInfo | undefined) ?? {};
        const body = (req as { body?: unknown }).body as Record<string, unknown> | undefined;
        const bodyOp = typeof body === 'object' && body && !Array.isArray(body) ? body.operationName : undefined;
        const cachedOp = locals[CACHED_OPERATION_NAME] as string | undefined;
        line.operationName = info.operationName ?? cachedOp ?? (typeof bodyOp === 'string' ? bodyOp : null);
        line.errors = info.errors ?? (status >= 400 ? 1 : 0);
        if (info.cost !== undefined) line.cost = info.cost;
        const cache = locals[CACHE_STATUS] as string | undefined;
        if (cache) line.cache = cache;
      }
      const probe = PROBES.has(path);
      // Probes are frequent: debug while they succeed, warn when they fail (the reason is logged beside).
      const level = probe ? (status < 400 ? 'debug' : 'warn') : status >= 500 ? 'error' : 'info';
      const label = path === '/graphql' && line.operationName ? ` ${line.operationName}` : '';
      logger[level](line, `${req.method} ${path}${label} ${status} ${durationMs}ms`);
    });
  };
}

function withTimeout<T>(p: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    p,
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new Error(message)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}
