// Query shapes meant to exhaust the server, over HTTP on every database kind: each is refused
// before execution with HTTP 400, a code and a message naming the limit, and none crashes a rule.
import { getIntrospectionQuery } from 'graphql';
import { databaseKinds } from '../helpers/db';
import { startTestServer, type TestServer } from '../helpers/server';

/** The GraphQL-over-HTTP media type, with which every refused request is a 400 (see src/http-status.ts). */
const GRAPHQL_RESPONSE = { accept: 'application/graphql-response+json' };

const aliases = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: __typename`).join(' ')} }`;

describe.each(databaseKinds)('abusive queries (%s, NODE_ENV=production)', (kind) => {
  let s: TestServer;
  /** The same API with a token limit high enough for the other rules to see 1,000 aliases. */
  let roomy: TestServer;
  beforeAll(async () => {
    [s, roomy] = await Promise.all([
      startTestServer(kind, { env: { NODE_ENV: 'production' } }),
      startTestServer(kind, { env: { NODE_ENV: 'production', MAX_TOKENS: '4000' } }),
    ]);
  });
  afterAll(() => Promise.all([s?.stop(), roomy?.stop()]));

  const refused = async (server: TestServer, query: string) => {
    const res = await server.graphql(query, undefined, GRAPHQL_RESPONSE);
    expect(res.status).toBe(400);
    expect(res.body.data).toBeUndefined();
    expect(res.body.errors).toHaveLength(1);
    return res.body.errors[0];
  };

  it('refuses fragments that spread each other (graphql-js), not a stack overflow', async () => {
    const error = await refused(s, 'query { ...A } fragment A on Query { ...B } fragment B on Query { ...A }');
    expect(error).toMatchObject({
      message: 'Cannot spread fragment "A" within itself via "B".',
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
    });
  });

  it('refuses a fragment cycle through nested fields', async () => {
    const error = await refused(s, 'query { country(iso3: "KAZ") { ...A } } fragment A on Country { exports { partner { ...A } } }');
    expect(error).toMatchObject({ message: 'Cannot spread fragment "A" within itself.', extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } });
  });

  it('refuses introspection nested 50 ofTypes deep', async () => {
    const error = await refused(s, `{ __schema { types { ${'ofType { '.repeat(50)}name${' }'.repeat(50)} } } }`);
    expect(error).toEqual({
      message: 'Introspection depth 53 exceeds the maximum of 20 nested fields for operations that select __schema',
      extensions: { code: 'QUERY_LIMIT_EXCEEDED', limit: 'introspectionDepth', maximum: 20, actual: 53 },
    });
  });

  it('answers the standard introspection query', async () => {
    const { status, body } = await s.graphql(getIntrospectionQuery({ descriptions: true, inputValueDeprecation: true, schemaDescription: true }));
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    expect(body.data.__schema.queryType.name).toBe('Query');
  });

  it('refuses 1,000 aliases: by the token limit by default, by the alias limit when tokens allow', async () => {
    expect(await refused(s, aliases(1000))).toEqual({
      message: 'Query has more than 1000 tokens (names, values and punctuation); at most 1000 are accepted',
      extensions: { code: 'QUERY_LIMIT_EXCEEDED', limit: 'tokens', maximum: 1000 },
    });
    expect(await refused(roomy, aliases(1000))).toEqual({
      message: 'Query has 1000 aliases; at most 15 are accepted',
      extensions: { code: 'QUERY_LIMIT_EXCEEDED', limit: 'aliases', maximum: 15, actual: 1000 },
    });
  });

  it('accepts 15 aliases and refuses 16', async () => {
    const ok = await s.graphql(aliases(15));
    expect([ok.status, ok.body.errors]).toEqual([200, undefined]);
    expect(await refused(s, aliases(16))).toMatchObject({
      message: 'Query has 16 aliases; at most 15 are accepted',
      extensions: { code: 'QUERY_LIMIT_EXCEEDED', limit: 'aliases' },
    });
  });

  it('refuses 51 directives', async () => {
    const query = `{ sources { ${Array.from({ length: 51 }, () => 'name @include(if: true)').join(' ')} } }`;
    expect(await refused(s, query)).toEqual({
      message: 'Query has 51 directives; at most 50 are accepted',
      extensions: { code: 'QUERY_LIMIT_EXCEEDED', limit: 'directives', maximum: 50, actual: 51 },
    });
  });

  it('refuses the deepest nesting the largest token limit lets through, without a crash', async () => {
    // 4,000 tokens (the highest MAX_TOKENS accepted) allow about 1,330 levels: the parser and
    // every recursive rule must still answer.
    const levels = 1328;
    const query = `{ country(iso3: "KAZ") { ${'exports { partner { '.repeat(levels / 2)}name${' } }'.repeat(levels / 2)} } }`;
    const error = await refused(roomy, query);
    expect(error).toMatchObject({ extensions: { code: 'QUERY_LIMIT_EXCEEDED', limit: 'depth', maximum: 10, actual: levels + 2 } });
  });

  it('keeps the limits 400 for a client that accepts only application/json', async () => {
    const res = await s.graphql(aliases(16), undefined, { accept: 'application/json' });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].extensions.code).toBe('QUERY_LIMIT_EXCEEDED');
  });
});
