// The fast unit suites that cover the code `npm run test:mutation` mutates (stryker.config.json):
// pure functions only, no database, no server. One project (the Stryker jest runner wraps the test
// environment of a single config), with the transform of the main config's first project.
const { projects } = require('./jest.config.js');

const { displayName: _displayName, testMatch: _testMatch, ...base } = projects[0];

/** @type {import('jest').Config} */
module.exports = {
  ...base,
  testMatch: [
    '<rootDir>/test/metrics/**/*.test.ts',
    '<rootDir>/test/domain/domain.test.ts',
    '<rootDir>/test/import/validate.test.ts',
    '<rootDir>/test/modules/series-build.test.ts',
  ],
};
