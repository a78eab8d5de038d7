// What a list resolver reads of the operation below its field (src/modules/common/selection.ts):
// fields through fragments and inline fragments, and their arguments as the field's resolver gets them.
import { buildSchema, GraphQLScalarType, parse, type FragmentDefinitionNode, type GraphQLObjectType, type OperationDefinitionNode, type FieldNode } from 'graphql';
import { argumentsOf, fieldNodesAt, selects } from '../../src/modules/common/selection';

const schema = buildSchema(`
  scalar Day
  type Query { list: Conn }
  type Conn { totalCount: Int edges: [Edge] }
  type Edge { node: Item }
  type Item { value: Int since(date: Day!, n: Int = 2): Int }
`);
// A scalar that refuses what is not YYYY-MM-DD, as the API's Date does.
const day = schema.getType('Day') as GraphQLScalarType;
const parseDay = (v: unknown) => {
  if (typeof v !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(v)) throw new TypeError(`not a day: ${String(v)}`);
  return `day:${v}`;
};
day.parseValue = parseDay;
day.parseLiteral = (ast) => parseDay('value' in ast ? ast.value : undefined);

function infoOf(source: string, variableValues: Record<string, unknown> = {}) {
  const doc = parse(source);
  const op = doc.definitions.find((d) => d.kind === 'OperationDefinition') as OperationDefinitionNode;
  const fragments = Object.fromEntries(
    doc.definitions.filter((d): d is FragmentDefinitionNode => d.kind === 'FragmentDefinition').map((f) => [f.name.value, f]),
  );
  const list = op.selectionSet.selections[0] as FieldNode;
  return { fieldNodes: [list], fragments, variableValues };
}
const sinceField = (schema.getType('Item') as GraphQLObjectType).getFields().since;

describe('fieldNodesAt / selects', () => {
  test.each([
    ['directly', '{ list { totalCount } }', true],
    ['not asked', '{ list { edges { node { value } } } }', false],
    ['in a fragment', '{ list { ...F } } fragment F on Conn { totalCount }', true],
    ['in an inline fragment', '{ list { ... on Conn { totalCount } } }', true],
    ['a fragment spread twice, without it', '{ list { ...F ...F } } fragment F on Conn { edges { node { value } } }', false],
  ])('totalCount %s', (_, source, expected) => {
    expect(selects(infoOf(source), ['totalCount'])).toBe(expected);
  });

  test('a path through lists, fragments and aliases finds every selection of the field', () => {
    const info = infoOf(`{ list { edges { node { a: since(date: "2020-01-01") ...N } } ... on Conn { edges { node { since(date: "2021-01-01") } } } } }
      fragment N on Item { b: since(date: "2022-01-01") }`);
    const nodes = fieldNodesAt(info, ['edges', 'node', 'since']);
    expect(nodes.map((n) => n.alias?.value ?? n.name.value)).toEqual(['a', 'b', 'since']);
    expect(fieldNodesAt(info, ['edges', 'cursor', 'since'])).toEqual([]);
  });
});

describe('argumentsOf', () => {
  test('literals and variables, coerced by the scalar, with defaults', () => {
    const info = infoOf('query ($d: Day!) { list { edges { node { a: since(date: "2020-01-01") b: since(date: $d, n: 5) } } } }', { d: 'day:2024-02-29' });
    expect(argumentsOf(info, fieldNodesAt(info, ['edges', 'node', 'since']), sinceField)).toEqual([
      { date: 'day:2020-01-01', n: 2 },
      { date: 'day:2024-02-29', n: 5 },
    ]);
  });

  test('a selection whose arguments do not coerce is left out (its resolver reports it)', () => {
    const info = infoOf('{ list { edges { node { a: since(date: "2020-1-1") b: since(date: "2020-01-02") } } } }');
    expect(argumentsOf(info, fieldNodesAt(info, ['edges', 'node', 'since']), sinceField)).toEqual([{ date: 'day:2020-01-02', n: 2 }]);
  });
});
