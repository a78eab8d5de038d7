// A real HTTP server on a free port over a seeded test database, for tests that speak HTTP.
import 'reflect-metadata';
import type { GraphQLSchema } from 'graphql';
import type { DatabaseKind, Database, QueryEvent } from '../../src/db';
import { loadConfig, type AppConfig } from '../../src/config';
import { createLogger } from '../../src/logger';
import { createServer, type AppServer } from '../../src/server';
import { createSeededTestDatabase } from './seed';
import { createTestDatabase, type TestDatabase } from './db';

export interface GraphQLResponse {
  status: number;
  headers: Headers;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

export interface TestServer {
  /** http://127.0.0.1:PORT */
  url: string;
  kind: DatabaseKind;
  db: Database;
  testDb: TestDatabase;
  config: AppConfig;
  server: AppServer;
  /** Every log line the server wrote (parsed pino JSON), oldest first. */
  logs: Record<string, unknown>[];
  /** POSTs { query, variables } as JSON to /graphql. */
  graphql(query: string, variables?: object, headers?: object): Promise<GraphQLResponse>;
  /** Stops the server (draining in-flight requests) and drops the database. Idempotent. */
  stop(): Promise<void>;
}

export interface StartTestServerOptions {
  /** Environment for loadConfig; defaults NODE_ENV=test, LOG_LEVEL=info (logs are captured, not printed), RATE_LIMIT=off. */
  env?: Record<string, string>;
  /** false: a migrated but empty database (default: the seeded dataset). */
  seed?: boolean;
  /** Replace the API's schema / context (server-infrastructure tests). */
  schema?: GraphQLSchema;
  context?: (db: Database) => object | Promise<object>;
  /** Told every SQL statement the server's database client runs (and the seeding's). */
  onQuery?: (e: QueryEvent) => void;
}

export async function startTestServer(kind: DatabaseKind, opts: StartTestServerOptions = {}): Promise<TestServer> {
  // Rate limits off unless a test turns them on (RATE_LIMIT=on): suites make many requests from one address.
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'info', RATE_LIMIT: 'off', ...opts.env });
  const logs: Record<string, unknown>[] = [];
  const logger = createLogger(config, {
    write(line: string) {
      try {
        logs.push(JSON.parse(line));
      } catch {
        logs.push({ msg: line });
      }
    },
  });
  const testDb = opts.seed === false ? await createTestDatabase(kind, { onQuery: opts.onQuery }) : await createSeededTestDatabase(kind, { onQuery: opts.onQuery });
  let server: AppServer;
  let url: string;
  try {
    server = await createServer({ db: testDb.db, config, logger, schema: opts.schema, context: opts.context });
    url = await server.start(0, '127.0.0.1');
  } catch (err) {
    await testDb.drop().catch(() => {});
    throw err;
  }

  const graphql = async (query: string, variables?: object, headers?: object): Promise<GraphQLResponse> => {
    const res = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', ...(headers as Record<string, string>) },
      body: JSON.stringify({ query, variables }),
    });
    return { status: res.status, headers: res.headers, body: await parseBody(res) };
  };

  let stopped: Promise<void> | undefined;
  const stop = () =>
    (stopped ??= (async () => {
      try {
        await server.stop();
      } finally {
        await testDb.drop();
      }
    })());

  return { url, kind, db: testDb.db, testDb, config, server, logs, graphql, stop };
}

async function parseBody(res: Response): Promise<unknown> {
  const text = await res.text();
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
