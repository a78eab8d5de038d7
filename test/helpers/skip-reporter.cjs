// A jest reporter that ends a run by saying which suites were skipped for want of a service, and how
// to run them (one line each): the PostgreSQL half of every suite on both databases without
// TEST_DATABASE_URL, the Redis suites without a reachable Redis, the browser test without Chromium.
// `npm run test:all` starts what it can and runs everything.
const { readFileSync, existsSync } = require('node:fs');
const { redisAnswers } = require('./redis-probe.cjs');
const path = require('node:path');

const inCi = Boolean(process.env.CI && process.env.CI !== 'false');

const redisReachable = () => redisAnswers(process.env.TEST_REDIS_URL || 'redis://127.0.0.1:6379');

/** The requirements, each with the files that need it (read from their text) and how to run them. */
const REQUIREMENTS = [
  {
    name: 'PostgreSQL',
    missing: () => !process.env.TEST_DATABASE_URL,
    needs: (text) => /databaseKinds|TEST_DATABASE_URL/.test(text),
    what: (n) => `the PostgreSQL half of ${n} suite${n === 1 ? '' : 's'} (no TEST_DATABASE_URL)`,
    how: 'TEST_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/postgres npm test, or npm run test:all',
  },
  {
    name: 'Redis',
    missing: () => !redisReachable(),
    needs: (text) => /describeWithRedis|testWithRedis/.test(text),
    what: (n) => `${n} Redis suite${n === 1 ? '' : 's'} (no Redis at ${process.env.TEST_REDIS_URL || 'redis://127.0.0.1:6379'})`,
    how: 'start redis-server, or set TEST_REDIS_URL, or npm run test:all',
  },
  {
    name: 'Chromium',
    missing: () => !existsSync(process.env.CHROMIUM_PATH || '/usr/bin/chromium'),
    needs: (text) => /playwright-core/.test(text),
    what: (n) => `${n} browser suite${n === 1 ? '' : 's'} (no Chromium at ${process.env.CHROMIUM_PATH || '/usr/bin/chromium'})`,
    how: 'apt-get install chromium (or set CHROMIUM_PATH), then npm test',
  },
];

class SkipReporter {
  onRunComplete(_contexts, results) {
    if (inCi) return;
    const files = [...new Set(results.testResults.map((r) => r.testFilePath))];
    const lines = [];
    for (const req of REQUIREMENTS) {
      const needing = files.filter((f) => {
        try {
          return req.needs(readFileSync(f, 'utf8'));
        } catch {
          return false;
        }
      });
      if (needing.length === 0 || !req.missing()) continue;
      const names = needing.length <= 4 ? ` [${needing.map((f) => path.relative(process.cwd(), f)).join(', ')}]` : '';
      lines.push(`  skipped ${req.what(needing.length)}${names}: ${req.how}`);
    }
    if (lines.length) process.stderr.write(`\nNot run for want of a service (CI runs them all):\n${lines.join('\n')}\n`);
  }
}

module.exports = SkipReporter;
