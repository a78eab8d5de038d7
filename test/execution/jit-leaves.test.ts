// The graphql-jit executor (src/execution/jit-gateway.ts) answers leaves and resolvers as graphql-js
// does. graphql-jit is patched (patches/graphql-jit+*.patch) to serialise a leaf that is neither null
// nor an Error without building its error's locations and path, and to call a resolver without
// closures unless it answers a promise: this checks that the other cases still report the same
// errors, at the same paths, with the same nulls.
import { execute, parse, GraphQLError, GraphQLFloat, GraphQLInt, GraphQLList, GraphQLNonNull, GraphQLObjectType, GraphQLSchema, GraphQLString } from 'graphql';
import { compileQuery } from 'graphql-jit';
import { createJitExecution } from '../../src/execution/jit-gateway';

const Row = new GraphQLObjectType({
  name: 'Row',
  fields: {
    id: { type: new GraphQLNonNull(GraphQLInt) },
    price: { type: new GraphQLNonNull(GraphQLFloat) },
    ratio: { type: GraphQLFloat },
    label: { type: GraphQLString },
    // A field with a resolver, which answers (or fails) in each way a resolver can.
    computed: {
      type: GraphQLFloat,
      resolve: (r: { id: number }) => {
        if (r.id === 1) return 1.5;
        if (r.id === 2) throw new Error('thrown');
        if (r.id === 3) return Promise.resolve(3.5);
        if (r.id === 4) return Promise.reject(new Error('rejected'));
        return null;
      },
    },
    required: {
      type: new GraphQLNonNull(GraphQLFloat),
      resolve: (r: { id: number }) => (r.id === 2 ? null : r.id === 3 ? Promise.resolve(null) : r.id === 4 ? new Error('returned') : r.id),
    },
  },
});

const rows = [
  { id: 1, price: 2.5, ratio: 0.5, label: 'fine' },
  { id: 2, price: null, ratio: null, label: null },
  { id: 3, price: new Error('no price'), ratio: new Error('no ratio'), label: 'x' },
  { id: 4, price: 'not a number', ratio: Number.NaN, label: 7 },
  { id: 5, price: 0, ratio: 0, label: '' },
];

const schema = new GraphQLSchema({
  query: new GraphQLObjectType({
    name: 'Query',
    fields: {
      rows: { type: new GraphQLList(Row), resolve: () => rows },
      one: { type: Row, args: { i: { type: new GraphQLNonNull(GraphQLInt) } }, resolve: (_s, { i }) => rows[i] },
    },
  }),
});

const plain = (errors: readonly GraphQLError[] | undefined) =>
  (errors ?? []).map((e) => ({ message: e.message, path: e.path, locations: e.locations })).sort((a, b) => JSON.stringify(a.path).localeCompare(JSON.stringify(b.path)));

/** How many errors graphql-js and graphql-jit report for each query. */
const graphqlJsErrors: Record<string, number> = {
  '{ rows { id price ratio label } }': 3,
  '{ rows { id ratio label } }': 2,
  'query ($i: Int!) { one(i: $i) { id price ratio } }': 1,
  'query ($i: Int!) { one(i: $i) { price ratio label } }': 0,
  '{ rows { id computed } }': 2,
  '{ rows { id required } }': 3,
};
const expectedJitErrors: Record<string, number> = {
  '{ rows { id price ratio label } }': 5,
  '{ rows { id ratio label } }': 2,
  'query ($i: Int!) { one(i: $i) { id price ratio } }': 2,
  'query ($i: Int!) { one(i: $i) { price ratio label } }': 0,
  '{ rows { id computed } }': 2,
  '{ rows { id required } }': 3,
};

describe('graphql-jit leaves and resolvers, as graphql-js answers them', () => {
  const jit = createJitExecution(schema);
  test.each([
    ['a list of rows', '{ rows { id price ratio label } }', {}],
    ['nullable leaves only', '{ rows { id ratio label } }', {}],
    ['one row, by variable', 'query ($i: Int!) { one(i: $i) { id price ratio } }', { i: 2 }],
    ['a zero and an empty string', 'query ($i: Int!) { one(i: $i) { price ratio label } }', { i: 4 }],
    ['resolvers: values, throws, promises, rejections', '{ rows { id computed } }', {}],
    ['resolvers of a non-null field: null, a null promise, an Error', '{ rows { id required } }', {}],
  ])('%s', async (_what, query, variables) => {
    const document = parse(query);
    const expected = await execute({ schema, document, variableValues: variables });
    const actual = await jit({ document, documentKey: query, variables, context: {} });
    expect(actual.data).toEqual(expected.data);
    // Every error graphql-js reports, at its path; graphql-jit also reports a row's other failing
    // fields after a non-null one has made the row null (graphql-js stops at the first).
    expect(plain(actual.errors)).toEqual(expect.arrayContaining(plain(expected.errors)));
    expect(actual.errors?.length ?? 0).toBe(expectedJitErrors[query]);
    expect(expected.errors?.length ?? 0).toBe(graphqlJsErrors[query]);
  });
});

test('the patch is applied: a leaf is serialised without its error path, a resolver called without closures', () => {
  const compiled = compileQuery(schema, parse('{ rows { price computed } }'), undefined, { debug: true } as never);
  const code = (compiled as unknown as { __DO_NOT_USE_THIS_OR_YOU_WILL_BE_FIRED_compilation: string }).__DO_NOT_USE_THIS_OR_YOU_WILL_BE_FIRED_compilation;
  expect(code).toMatch(/__context\.leafValue = /);
  expect(code).toMatch(/__resolved = __context\.resolvers\./);
});
