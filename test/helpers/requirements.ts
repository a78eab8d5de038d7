// What some suites need beyond the repository (README "Test"): a PostgreSQL server
// (TEST_DATABASE_URL), a Redis server (TEST_REDIS_URL, default the local one) and Chromium. Without
// one, outside CI, its suites are skipped and test/helpers/skip-reporter.cjs says so at the end of
// the run, with how to run them; in CI (CI=true) nothing is skipped: a missing service fails.
import { testRedisUrl } from './redis';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { redisAnswers } = require('./redis-probe.cjs') as { redisAnswers: (url: string) => boolean };

const inCi = Boolean(process.env.CI && process.env.CI !== 'false');

let redisReachable: boolean | undefined;

/** Whether a Redis server answers PING at TEST_REDIS_URL (asked once per test file, synchronously: suites are declared synchronously). */
export function haveRedis(): boolean {
  if (redisReachable === undefined) {
    redisReachable = redisAnswers(testRedisUrl);
  }
  return redisReachable;
}

/** `describe` when a Redis server is reachable (or in CI, where its absence must fail), else `describe.skip`. */
export const describeWithRedis: jest.Describe = (inCi || haveRedis() ? describe : describe.skip) as jest.Describe;

/** `test` when a Redis server is reachable (or in CI), else `test.skip`. */
export const testWithRedis: jest.It = (inCi || haveRedis() ? test : test.skip) as jest.It;
