// The depth and cost rules on a small schema shaped like the API's (no database needed).
import { buildSchema, parse, validate, specifiedRules } from 'graphql';
import { computeQueryCost, createDepthLimitRule } from '../../src/limits';

const schema = buildSchema(`
  type Query {
    country(iso3: String!): Country
    countries(first: Int, after: String): CountryConnection!
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
`);

const cost = (q: string, variables?: Record<string, unknown>) =>
  computeQueryCost({ schema, document: parse(q), variables });

const depthErrors = (q: string, max = 10) =>
  validate(schema, parse(q), [...specifiedRules, createDepthLimitRule(max)]).map((e) => e.message);

/** A query of the given depth: country { exports { partner { exports { ... } } } }. */
function deepQuery(depth: number): string {
  const fields: string[] = [];
  for (let i = 0; i < depth - 1; i++) fields.push(i % 2 === 0 ? 'exports' : 'partner');
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

  it('lets the nested series of 50 countries with yoyChange through (1 + 50 x (1 + 10))', () => {
    expect(
      cost('{ countries(first: 50) { edges { node { iso3 production { year tonnes yoyChange { percent } } } } } }'),
    ).toBe(551);
  });

  it('does not count introspection', () => {
    expect(cost('{ __schema { types { name fields { name args { name type { name ofType { name } } } } } } }')).toBe(0);
  });
});

describe('depth', () => {
  it('counts nested selection sets below the top-level field', () => {
    expect(depthErrors(deepQuery(9))).toEqual([]);
    expect(depthErrors(deepQuery(10))).toEqual([]);
    expect(depthErrors(deepQuery(11))).toEqual(['Query depth 11 exceeds the maximum of 10']);
    expect(depthErrors(deepQuery(12))).toEqual(['Query depth 12 exceeds the maximum of 10']);
    expect(deepQuery(2)).toBe('{ country(iso3: "KAZ") { exports { tonnes } } }');
    expect(depthErrors('{ country(iso3: "KAZ") { name } }', 1)).toEqual([]);
    expect(depthErrors('{ country(iso3: "KAZ") { exports { tonnes } } }', 1)).toEqual(['Query depth 2 exceeds the maximum of 1']);
  });

  it('follows fragments and ignores introspection', () => {
    const q = `
      fragment P on ExportFlow { partner { exports { partner { exports { partner { name } } } } } }
      { country(iso3: "KAZ") { exports { ...P } } }`;
    expect(depthErrors(q, 5)).toEqual(['Query depth 7 exceeds the maximum of 5']);
    expect(depthErrors('{ __schema { types { fields { type { ofType { ofType { name } } } } } } }', 1)).toEqual([]);
  });

  it('survives fragment cycles (reported by graphql-js, not a crash)', () => {
    const q = `fragment A on Country { exports { partner { ...A } } } { country(iso3: "KAZ") { ...A } }`;
    const errors = depthErrors(q);
    expect(errors.some((m) => /Cannot spread fragment "A" within itself/.test(m))).toBe(true);
  });
});
