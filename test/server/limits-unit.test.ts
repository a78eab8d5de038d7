// The shape limits (depth, introspection depth, aliases, directives, tokens) and the cost model on a small schema shaped like the API's (no database needed).
import { buildSchema, getIntrospectionQuery, parse, validate, specifiedRules, visit, type ValidationRule } from 'graphql';
import { computeQueryCost, keepLimitCode, parseOptions, shapeLimitRules } from '../../src/limits';

const schema = buildSchema(`
  type Query {
    country(iso3: String!): Country
    countries(first: Int, after: String): CountryConnection!
    pricePoints(first: Int, last: Int, before: String): PricePointConnection!
    sources: [Source!]!
  }
  type CountryConnection { edges: [CountryEdge!]! pageInfo: PageInfo! totalCount: Int! }
  type CountryEdge { cursor: String! node: Country! }
  type PageInfo { hasNextPage: Boolean! endCursor: String }
  interface Node { id: ID! }
  type Country implements Node {
    id: ID! iso3: String! name: String!
    production(yearFrom: Int): [ProductionYear!]!
    exports(year: Int): [ExportFlow!]!
  }
  type ProductionYear implements Node { id: ID! year: Int! tonnes: Float! source: Source yoyChange: Change }
  type Change { percent: Float }
  type ExportFlow implements Node { id: ID! partner: Country! reporter: Country! tonnes: Float }
  type Source implements Node { id: ID! name: String! }
  type PricePointConnection { edges: [PricePointEdge!]! pageInfo: PageInfo! }
  type PricePointEdge { cursor: String! node: PricePoint! }
  type PricePoint implements Node { id: ID! date: String! source: Source }
`);

const cost = (q: string, variables?: Record<string, unknown>) =>
  computeQueryCost({ schema, document: parse(q), variables });

/** A query of the given depth (nested fields): country { exports { partner { exports { ... } } } }. */
function deepQuery(depth: number): string {
  const fields: string[] = [];
  for (let i = 0; i < depth - 2; i++) fields.push(i % 2 === 0 ? 'exports' : 'partner');
  let inner = fields.length % 2 === 1 ? 'tonnes' : 'name';
  for (const f of fields.reverse()) inner = `${f} { ${inner} }`;
  return `{ country(iso3: "KAZ") { ${inner} } }`;
}

describe('cost', () => {
  it('counts one per object, lists at their bound, scalars free', () => {
    expect(cost('{ country(iso3: "KAZ") { name } }')).toBe(1);
    expect(cost('{ country(iso3: "KAZ") { production { year tonnes } } }')).toBe(1 + 10);
    // yoyChange is a value computed in memory (not a Node): free; the source is an entity: 1.
    expect(cost('{ country(iso3: "KAZ") { production { source { name } yoyChange { percent } } } }')).toBe(1 + 10 * 2);
    expect(cost('{ sources { name } }')).toBe(10);
  });

  it('multiplies connections by first (default 20), edges/pageInfo/totalCount free', () => {
    expect(cost('{ countries { totalCount pageInfo { hasNextPage } edges { cursor node { name } } } }')).toBe(1 + 20);
    expect(cost('{ countries(first: 5) { edges { node { name } } } }')).toBe(1 + 5);
    expect(cost('query($n: Int) { countries(first: $n) { edges { node { name } } } }', { n: 50 })).toBe(1 + 50);
    expect(
      cost('{ countries(first: 100) { edges { node { production { year } exports { partner { name } } } } } }'),
    ).toBe(1 + 100 * (1 + 10 + 10 * 2));
  });

  it('multiplies connections by last like first: clamped to 1..100, the larger of both, 20 when neither', () => {
    const page = (args: string) => cost(`{ pricePoints${args} { edges { node { date source { name } } } } }`);
    // 1 + n x (node 1 + source 1).
    expect(page('(last: 100)')).toBe(1 + 100 * 2);
    expect(page('(last: 100)')).toBe(page('(first: 100)'));
    expect(page('(last: 7, before: "x")')).toBe(1 + 7 * 2);
    expect(page('(last: 5000)')).toBe(1 + 100 * 2);
    expect(page('(last: 0)')).toBe(1 + 1 * 2);
    expect(page('(first: 3, last: 40)')).toBe(1 + 40 * 2);
    expect(page('')).toBe(1 + 20 * 2);
    expect(cost('query($n: Int) { pricePoints(last: $n) { edges { node { date } } } }', { n: 60 })).toBe(1 + 60);
  });

  it('lets the nested series of 50 countries with yoyChange through (1 + 50 x (1 + 10))', () => {
    expect(
      cost('{ countries(first: 50) { edges { node { iso3 production { year tonnes yoyChange { percent } } } } } }'),
    ).toBe(551);
  });

  it('does not count introspection', () => {
    expect(cost('{ __schema { types { name fields { name args { name type { name ofType { name } } } } } } }')).toBe(0);
  });
});

const LIMITS = { maxDepth: 10, maxIntrospectionDepth: 20, maxAliases: 15, maxDirectives: 50, maxTokens: 1000 };

const limitErrors = (q: string, limits: Partial<typeof LIMITS> = {}) =>
  validate(schema, parse(q), [...specifiedRules, ...shapeLimitRules({ ...LIMITS, ...limits })]).map((e) => e.message);

/** `__schema { types { ofType { ofType ... } } }` with `n` ofTypes. */
const deepIntrospection = (n: number) => `{ __schema { types { ${'ofType { '.repeat(n)}name${' }'.repeat(n)} } } }`;

describe('depth (GraphQL Armor: nested fields)', () => {
  it('counts nested fields, the top-level field being 1', () => {
    expect(deepQuery(3)).toBe('{ country(iso3: "KAZ") { exports { tonnes } } }');
    expect(limitErrors(deepQuery(9))).toEqual([]);
    expect(limitErrors(deepQuery(10))).toEqual([]);
    expect(limitErrors(deepQuery(11))).toEqual(['Query depth 11 exceeds the maximum of 10 nested fields']);
    expect(limitErrors('{ sources { name } }', { maxDepth: 2 })).toEqual([]);
    expect(limitErrors('{ sources { name } }', { maxDepth: 1 })).toEqual(['Query depth 2 exceeds the maximum of 1 nested fields']);
  });

  it('follows fragments, which add no level of their own', () => {
    const q = `
      fragment P on ExportFlow { partner { exports { partner { exports { partner { name } } } } } }
      { country(iso3: "KAZ") { exports { ...P } } }`;
    expect(limitErrors(q, { maxDepth: 5 })).toEqual(['Query depth 8 exceeds the maximum of 5 nested fields']);
    expect(limitErrors('{ country(iso3: "KAZ") { ... on Country { exports { tonnes } } } }', { maxDepth: 3 })).toEqual([]);
  });

  it('refuses fragments that spread each other through graphql-js, without a crash', () => {
    const cycles = [
      'query { ...A } fragment A on Query { ...B } fragment B on Query { ...A }',
      'fragment A on Country { exports { partner { ...A } } } { country(iso3: "KAZ") { ...A } }',
      'query { ...A } fragment A on Query { sources { name } ...A }',
    ];
    for (const q of cycles) {
      expect(limitErrors(q).some((m) => /^Cannot spread fragment "A" within itself/.test(m))).toBe(true);
    }
  });

  it('measures __schema against the introspection maximum, and the standard introspection query fits', () => {
    expect(limitErrors(getIntrospectionQuery({ descriptions: true, specifiedByUrl: true, directiveIsRepeatable: true, schemaDescription: true, inputValueDeprecation: true }))).toEqual([]);
    expect(limitErrors(deepIntrospection(17))).toEqual([]);
    expect(limitErrors(deepIntrospection(50))).toEqual([
      'Introspection depth 53 exceeds the maximum of 20 nested fields for operations that select __schema',
    ]);
    // __type is no exception: it counts as any other field.
    expect(limitErrors(`{ __type(name: "Country") { fields { type { ${'ofType { '.repeat(8)}name${' }'.repeat(8)} } } } }`)).toEqual([
      'Query depth 12 exceeds the maximum of 10 nested fields',
    ]);
  });
});

/** How often validating `query` with `rules` reads the `selections` of a selection set. */
function selectionReads(query: string, rules: ValidationRule[]): number {
  const document = parse(query);
  let reads = 0;
  visit(document, {
    SelectionSet(node) {
      const selections = node.selections;
      Object.defineProperty(node, 'selections', {
        get: () => {
          reads++;
          return selections;
        },
      });
    },
  });
  reads = 0;
  validate(schema, document, rules);
  return reads;
}

describe('aliases and directives (GraphQL Armor)', () => {
  const aliases = (n: number, field = '__typename') =>
    `{ ${Array.from({ length: n }, (_, i) => `a${i}: ${field}`).join(' ')} }`;

  it('accepts 15 aliases and refuses 16, __typename included', () => {
    expect(limitErrors(aliases(15))).toEqual([]);
    expect(limitErrors(aliases(16))).toEqual(['Query has 16 aliases; at most 15 are accepted']);
  });

  it('counts aliases in fragments, also in fragments that spread each other', () => {
    const q = `{ ...F ...F } fragment F on Query { ${Array.from({ length: 10 }, (_, i) => `s${i}: sources { name }`).join(' ')} }`;
    expect(limitErrors(q)).toEqual(['Query has 20 aliases; at most 15 are accepted']);
    const cyclic = `{ ...A } fragment A on Query { x: __typename ...B } fragment B on Query { y: __typename ...A }`;
    expect(limitErrors(cyclic).some((m) => /within itself/.test(m))).toBe(true);
  });

  it('refuses 1,000 aliases with one error, not one per alias, with work that grows with the query, not faster', () => {
    expect(limitErrors(aliases(1000, 'sources { name }'))).toEqual(['Query has 1000 aliases; at most 15 are accepted']);
    // The shape rules' own work, counted instead of timed: how often they read a selection set's
    // selections, beyond what graphql-js's traversal reads without them.
    const work = (n: number) => selectionReads(aliases(n, 'sources { name }'), shapeLimitRules(LIMITS)) - selectionReads(aliases(n, 'sources { name }'), []);
    const [w1000, w2000] = [work(1000), work(2000)];
    expect(w1000).toBeGreaterThanOrEqual(1000); // every alias is looked at...
    expect(w2000).toBeLessThanOrEqual(2 * w1000); // ...and twice the aliases cost at most twice the reads
  });

  it('accepts 50 directives and refuses 51', () => {
    const directives = (n: number) => `{ sources { ${Array.from({ length: n }, () => 'name @include(if: true)').join(' ')} } }`;
    expect(limitErrors(directives(50))).toEqual([]);
    expect(limitErrors(directives(51))).toEqual(['Query has 51 directives; at most 50 are accepted']);
  });
});

describe('tokens (graphql-js parser)', () => {
  it('stops parsing past maxTokens with a message that keepLimitCode turns into QUERY_LIMIT_EXCEEDED', () => {
    const q = `{ ${'sources { name } '.repeat(300)}}`;
    let message = '';
    try {
      parse(q, parseOptions({ maxTokens: 1000 }));
    } catch (err) {
      message = (err as Error).message;
    }
    expect(keepLimitCode({ message, extensions: { code: 'GRAPHQL_PARSE_FAILED' } }, undefined)).toEqual({
      message: 'Query has more than 1000 tokens (names, values and punctuation); at most 1000 are accepted',
      extensions: { code: 'QUERY_LIMIT_EXCEEDED', limit: 'tokens', maximum: 1000 },
    });
  });
});
