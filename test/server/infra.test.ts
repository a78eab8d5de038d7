// Server behaviour that does not depend on the API's schema or the database: a small schema of our
// own with a slow field (draining), failing fields (masking) and nested lists (cost from variables),
// served over HTTP by createServer with a stand-in database.
import { buildSchema, GraphQLError } from 'graphql';
import type { Database } from '../../src/db';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/logger';
import { createServer } from '../../src/server';

const schema = buildSchema(`
  type Query {
    hello: String!
    slow(ms: Int!): String!
    boom: String
    bad(value: Int!): String
    items(first: Int): [Item!]!
  }
  type Item { name: String! children(first: Int): [Item!]! }
`);
const rootValue: Record<string, unknown> = {
  hello: () => 'world',
  slow: ({ ms }: { ms: number }) => new Promise((r) => setTimeout(() => r(`slept ${ms}`), ms)),
  boom: () => {
    throw new Error('relation "secret_table" does not exist: SELECT * FROM secret_table WHERE password = $1');
  },
  bad: ({ value }: { value: number }) => {
    throw new GraphQLError(`value must be positive, got ${value}`, { extensions: { code: 'BAD_USER_INPUT' } });
  },
};
// buildSchema has no resolvers: resolve Query fields from rootValue via the context-free default resolver.
for (const [name, field] of Object.entries(schema.getQueryType()!.getFields())) {
  const fn = rootValue[name] as ((args: unknown) => unknown) | undefined;
  if (fn) field.resolve = (_src, args) => fn(args);
}

const context = () => ({});

interface InfraServer {
  url: string;
  logs: Record<string, unknown>[];
  graphql(query: string, variables?: object): Promise<{ status: number; body: any }>;
  stop(): Promise<void>;
}

/** createServer over a stand-in database (ping succeeds until `down` is set). */
async function startInfraServer(env: Record<string, string | undefined> = {}): Promise<InfraServer & { db: { down: boolean } }> {
  const state = { down: false };
  const db = {
    kind: 'pglite',
    label: 'stand-in',
    prisma: null,
    ping: async () => {
      if (state.down) throw new Error('stand-in database is down');
    },
    close: async () => {},
  } as unknown as Database;
  // A stand-in database has no data version to watch: the response cache is tested in test/cache.
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'info', RESPONSE_CACHE: 'off', ...env });
  const logs: Record<string, unknown>[] = [];
  const logger = createLogger(config, { write: (line: string) => void logs.push(JSON.parse(line)) });
  const server = await createServer({ db, config, logger, schema, context });
  const url = await server.start(0, '127.0.0.1');
  return {
    url,
    logs,
    db: state,
    async graphql(query, variables) {
      const res = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query, variables }),
      });
      return { status: res.status, body: await res.json() };
    },
    stop: () => server.stop(),
  };
}

// NODE_ENV unset (undefined) must behave as production: no stack traces, no internal messages.
describe.each(['test', 'production', 'development', undefined])('errors with NODE_ENV=%s', (nodeEnv) => {
  let s: InfraServer;
  beforeAll(async () => {
    s = await startInfraServer({ NODE_ENV: nodeEnv });
  });
  afterAll(() => s?.stop());

  it('masks internal errors outside development, shows them (with a stack) in development', async () => {
    const { status, body } = await s.graphql('query Boom { boom hello }');
    expect(status).toBe(200);
    expect(body.data).toEqual({ boom: null, hello: 'world' });
    expect(body.errors).toHaveLength(1);
    const [e] = body.errors;
    expect(e.path).toEqual(['boom']);
    expect(e.extensions.code).toBe('INTERNAL_SERVER_ERROR');
    if (nodeEnv === 'development') {
      expect(e.message).toMatch(/secret_table/);
      expect(Array.isArray(e.extensions.stacktrace)).toBe(true);
    } else {
      expect(e.message).toBe('Internal server error');
      expect(JSON.stringify(body)).not.toMatch(/secret_table|SELECT|stacktrace|at /);
      expect(JSON.stringify(body)).not.toContain(process.cwd());
    }
    // The server's own log keeps the real error for operators.
    expect(JSON.stringify(s.logs)).toMatch(/secret_table/);
  });

  it('gives request errors a stack trace only in development', async () => {
    const { body } = await s.graphql('{ hello');
    expect(body.errors[0].extensions.code).toBe('GRAPHQL_PARSE_FAILED');
    expect(body.errors[0].extensions.stacktrace === undefined).toBe(nodeEnv !== 'development');
    if (nodeEnv !== 'development') expect(JSON.stringify(body)).not.toContain(process.cwd());
  });

  it('keeps the message of a BAD_USER_INPUT error', async () => {
    const { body } = await s.graphql('{ bad(value: -1) }');
    expect(body.errors[0]).toMatchObject({ message: 'value must be positive, got -1', extensions: { code: 'BAD_USER_INPUT' } });
    expect(body.errors[0].extensions.stacktrace === undefined).toBe(nodeEnv !== 'development');
  });

  it('strips "Did you mean" only in production', async () => {
    const { status, body } = await s.graphql('{ helo }');
    // No Accept header: application/json, under which a request error is HTTP 200 (src/http-status.ts).
    expect(status).toBe(200);
    expect(body.errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    if (nodeEnv !== 'development' && nodeEnv !== 'test') {
      expect(body.errors[0].message).toBe('Cannot query field "helo" on type "Query".');
    } else {
      expect(body.errors[0].message).toMatch(/Did you mean "hello"\?/);
    }
  });
});

describe('limits with variables', () => {
  let s: InfraServer;
  beforeAll(async () => {
    s = await startInfraServer();
  });
  afterAll(() => s?.stop());

  it('costs lists by their first argument, read from variables, and refuses before execution', async () => {
    const q = 'query Items($n: Int) { items(first: $n) { name children(first: $n) { name } } }';
    const ok = await s.graphql(q, { n: 30 }); // 30 x (1 + 30 x 1) = 930
    expect(ok.status).toBe(200);
    const refused = await s.graphql(q, { n: 40 }); // 40 x (1 + 40) = 1640
    expect(refused.status).toBe(400);
    expect(refused.body.errors[0]).toMatchObject({
      message: 'Query cost 1640 exceeds the maximum of 1000; ask for smaller pages (first: n) or fewer nested lists',
      extensions: { code: 'QUERY_LIMIT_EXCEEDED', limit: 'cost', maximum: 1000, actual: 1640 },
    });
    expect(refused.body.data).toBeUndefined();
  });
});

describe('graceful stop', () => {
  it('drains an in-flight request, then refuses new connections', async () => {
    const s = await startInfraServer();
    const inFlight = s.graphql('{ slow(ms: 1500) }');
    await new Promise((r) => setTimeout(r, 300));
    const stopping = s.stop();
    const res = await inFlight;
    expect(res).toMatchObject({ status: 200, body: { data: { slow: 'slept 1500' } } });
    await stopping;
    await expect(fetch(`${s.url}/health`)).rejects.toThrow();
  });
});

describe('HTTP behaviour', () => {
  let s: Awaited<ReturnType<typeof startInfraServer>>;
  beforeAll(async () => {
    s = await startInfraServer();
  });
  afterAll(() => s?.stop());

  it('GET /health answers 200 {status: ok}', async () => {
    const res = await fetch(`${s.url}/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
  });

  it('GET /ready is 200 while the database answers, 503 with the reason when not', async () => {
    const ok = await fetch(`${s.url}/ready`);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ status: 'ready', database: 'pglite', cache: 'off' });
    s.db.down = true;
    try {
      const down = await fetch(`${s.url}/ready`);
      expect(down.status).toBe(503);
      expect(await down.json()).toEqual({ status: 'unavailable', reason: 'stand-in database is down' });
    } finally {
      s.db.down = false;
    }
  });

  it('refuses a body over 100 KB with 413 and a JSON error', async () => {
    const query = `{ hello } # ${'x'.repeat(150 * 1024)}`;
    const res = await fetch(`${s.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query }),
    });
    expect(res.status).toBe(413);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    const body = await res.json();
    expect(body.errors[0].extensions.code).toBe('PAYLOAD_TOO_LARGE');
    expect(body.errors[0].message).toMatch(/exceeds the limit of 100kb \(102400 bytes\)/);
    // The server is still fine afterwards.
    expect((await s.graphql('{ hello }')).body).toEqual({ data: { hello: 'world' } });
  });

  it('accepts a body just under the limit', async () => {
    const query = `{ hello } # ${'x'.repeat(90 * 1024)}`;
    expect(await s.graphql(query)).toEqual({ status: 200, body: { data: { hello: 'world' } } });
  });

  it('refuses batched requests (a JSON array)', async () => {
    const res = await fetch(`${s.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([{ query: '{ hello }' }, { query: '{ hello }' }]),
    });
    expect(res.status).toBe(400);
    expect(await res.text()).toMatch(/batching/i);
  });

  it('answers malformed JSON with 400 and a JSON error, not an HTML page', async () => {
    const res = await fetch(`${s.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"query": ',
    });
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.errors[0]).toMatchObject({ extensions: { code: 'BAD_REQUEST' } });
    expect(body.errors[0].message).toMatch(/^Request body is not valid JSON/);
  });

  it('keeps CSRF prevention on: a simple GET operation without a preflight header is refused', async () => {
    const res = await fetch(`${s.url}/graphql?query=${encodeURIComponent('{ hello }')}`);
    expect(res.status).toBe(400);
    expect(await res.text()).toMatch(/CSRF/);
    const allowed = await fetch(`${s.url}/graphql?query=${encodeURIComponent('{ hello }')}`, {
      headers: { 'apollo-require-preflight': 'true' },
    });
    expect(allowed.status).toBe(200);
  });

  it('refuses a query deeper than 10 with 400 before execution', async () => {
    let inner = 'name';
    for (let i = 0; i < 9; i++) inner = `children(first: 1) { ${inner} }`;
    const res = await s.graphql(`{ items(first: 1) { ${inner} } }`); // depth 11: items, 9 x children, name
    expect(res.status).toBe(400);
    expect(res.body.errors[0]).toMatchObject({
      message: 'Query depth 11 exceeds the maximum of 10 nested fields',
      extensions: { code: 'QUERY_LIMIT_EXCEEDED', limit: 'depth', maximum: 10, actual: 11 },
    });
  });

  it('answers unknown routes with a JSON 404', async () => {
    const res = await fetch(`${s.url}/nope`);
    expect(res.status).toBe(404);
    expect((await res.json()).errors[0].extensions.code).toBe('NOT_FOUND');
  });

  it('writes one log line per request, with operation name, duration, status and error count', async () => {
    const before = s.logs.length;
    await s.graphql('query Greeting { hello }');
    await s.graphql('query Broken { boom }');
    await new Promise((r) => setTimeout(r, 50)); // the line is written when the response closes
    const lines = s.logs.slice(before).filter((l) => l.path === '/graphql');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({ level: 30, method: 'POST', status: 200, operationName: 'Greeting', errors: 0, cost: 0 });
    expect(typeof lines[0].durationMs).toBe('number');
    expect(lines[0].msg).toMatch(/^POST \/graphql Greeting 200 [\d.]+ms$/);
    expect(lines[1]).toMatchObject({ operationName: 'Broken', errors: 1, status: 200 });
    // Nothing else was logged for the successful request.
    expect(s.logs.slice(before).filter((l) => l.msg !== undefined && String(l.msg).includes('Greeting'))).toHaveLength(1);
  });
});

describe.each([
  ['development', /id="embeddableSandbox"/],
  ['production', /Welcome to Apollo Server/],
  [undefined, /Welcome to Apollo Server/],
])('landing page with NODE_ENV=%s', (nodeEnv, expected) => {
  it('GET /graphql with Accept: text/html serves it', async () => {
    const s = await startInfraServer({ NODE_ENV: nodeEnv });
    try {
      const res = await fetch(`${s.url}/graphql`, { headers: { accept: 'text/html' } });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/text\/html/);
      const html = await res.text();
      expect(html).toMatch(expected);
      if (nodeEnv !== 'development') expect(html).not.toMatch(/EmbeddedSandbox/);
      else expect(html).toMatch(/new window\.EmbeddedSandbox/);
    } finally {
      await s.stop();
    }
  });
});

describe('CORS for frontends on other origins', () => {
  const preflight = (url: string, origin: string) =>
    fetch(`${url}/graphql`, {
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });

  it('allows any origin by default (a public, read-only API) on preflight and on the request', async () => {
    const s = await startInfraServer();
    try {
      const pre = await preflight(s.url, 'https://news.example');
      expect(pre.status).toBe(204);
      expect(pre.headers.get('access-control-allow-origin')).toBe('*');
      expect(pre.headers.get('access-control-allow-headers')).toMatch(/content-type/i);
      const res = await fetch(`${s.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: 'https://news.example' },
        body: JSON.stringify({ query: '{ hello }' }),
      });
      expect(res.headers.get('access-control-allow-origin')).toBe('*');
      expect(await res.json()).toEqual({ data: { hello: 'world' } });
    } finally {
      await s.stop();
    }
  });

  it('with CORS_ORIGINS set, allows only the listed origins', async () => {
    const s = await startInfraServer({ CORS_ORIGINS: 'https://a.example, http://localhost:5173' });
    try {
      expect((await preflight(s.url, 'http://localhost:5173')).headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
      expect((await preflight(s.url, 'https://evil.example')).headers.get('access-control-allow-origin')).toBeNull();
    } finally {
      await s.stop();
    }
  });

  it('with CORS_ORIGINS=off, sends no CORS headers', async () => {
    const s = await startInfraServer({ CORS_ORIGINS: 'off' });
    try {
      expect((await preflight(s.url, 'https://a.example')).headers.get('access-control-allow-origin')).toBeNull();
    } finally {
      await s.stop();
    }
  });
});
