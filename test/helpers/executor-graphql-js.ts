// The graphql-js project of jest.config.js: the API suites' runner (test/api/graphql.ts) executes on
// graphql-js instead of the server's default graphql-jit.
process.env.TEST_EXECUTOR = 'graphql-js';
