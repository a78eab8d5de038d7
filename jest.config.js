// Two projects: every suite on the server's default executor (graphql-jit), and the API suites again
// on graphql-js (GRAPHQL_EXECUTOR=graphql-js is a supported setting, so both must give the same
// answers). A reporter ends a run by saying which suites were skipped for want of a service.
const base = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  transform: {
    '^.+\\.(t|j)sx?$': [
      '@swc/jest',
      {
        jsc: {
          target: 'es2022',
          parser: { syntax: 'typescript', decorators: true, tsx: true },
          transform: { legacyDecorator: true, decoratorMetadata: true },
        },
        module: { type: 'commonjs' },
      },
    ],
  },
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  testTimeout: 120000,
};

/** @type {import('jest').Config} */
module.exports = {
  projects: [
    { ...base, displayName: 'graphql-jit', testMatch: ['**/*.test.ts'] },
    {
      ...base,
      displayName: 'graphql-js',
      testMatch: ['<rootDir>/test/api/**/*.test.ts', '<rootDir>/test/acceptance/**/*.test.ts'],
      setupFiles: ['<rootDir>/test/helpers/executor-graphql-js.ts'],
    },
  ],
  reporters: ['default', '<rootDir>/test/helpers/skip-reporter.cjs'],
  testTimeout: 120000,
  // PGlite boots a WASM Postgres per test file; two workers match the machine's two cores.
  maxWorkers: 2,
};
