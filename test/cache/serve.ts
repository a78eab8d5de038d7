// Servers for the cache tests: createServer over a test database that the test owns, so that several
// servers can share one database (as instances behind a load balancer do), with HTTP helpers.
import 'reflect-metadata';
import type { GraphQLSchema } from 'graphql';
import type { Database } from '../../src/db';
import { loadConfig, type AppConfig } from '../../src/config';
import { createLogger } from '../../src/logger';
import { createServer, type AppServer } from '../../src/server';

export interface HttpResult {
  status: number;
  headers: Headers;
  text: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

export interface CacheTestServer {
  url: string;
  server: AppServer;
  config: AppConfig;
  logs: Record<string, unknown>[];
  /** POST /graphql with a JSON body (given as an object, or as the exact string to send). */
  post(body: object | string, headers?: Record<string, string>): Promise<HttpResult>;
  /** GET /graphql?params (objects are JSON-encoded), with the CSRF preflight header unless headers say otherwise. */
  get(params: Record<string, string | object>, headers?: Record<string, string>): Promise<HttpResult>;
  stop(): Promise<void>;
}

export async function serveCache(
  db: Database,
  opts: { env?: Record<string, string>; schema?: GraphQLSchema; context?: (db: Database) => object } = {},
): Promise<CacheTestServer> {
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'info', ...opts.env });
  const logs: Record<string, unknown>[] = [];
  const logger = createLogger(config, { write: (line: string) => void logs.push(JSON.parse(line)) });
  const server = await createServer({ db, config, logger, schema: opts.schema, context: opts.context });
  const url = await server.start(0, '127.0.0.1');
  const request = async (input: string, init: RequestInit): Promise<HttpResult> => {
    const res = await fetch(input, init);
    const text = await res.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // not JSON (304 has no body)
    }
    return { status: res.status, headers: res.headers, text, body };
  };
  return {
    url,
    server,
    config,
    logs,
    post: (body, headers = {}) =>
      request(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      }),
    get: (params, headers = { 'apollo-require-preflight': 'true' }) => {
      const qs = new URLSearchParams(Object.entries(params).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]));
      return request(`${url}/graphql?${qs}`, { headers: { accept: 'application/json', ...headers } });
    },
    stop: () => server.stop(),
  };
}
