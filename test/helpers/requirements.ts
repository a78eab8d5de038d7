// What some suites need beyond the repository (README "Test"): a PostgreSQL server
// (TEST_DATABASE_URL), a Redis server (TEST_REDIS_URL, default the local one) and Chromium. Without
// one, outside CI, its suites are skipped and test/helpers/skip-reporter.cjs says so at the end of
// the run, with how to run them; in CI (CI=true) nothing is skipped: a missing service fails.
import { spawnSync } from 'node:child_process';
import { testRedisUrl } from './redis';

const inCi = Boolean(process.env.CI && process.env.CI !== 'false');

let redisReachable: boolean | undefined;

/** Whether a Redis server answers PING at TEST_REDIS_URL (asked once per test file, synchronously: suites are declared synchronously). */
export function haveRedis(): boolean {
  if (redisReachable === undefined) {
    const probe = `const s=require('net').connect(+process.argv[2],process.argv[1]);s.setTimeout(1000,()=>process.exit(1));s.on('error',()=>process.exit(1));s.on('connect',()=>s.write('PING\\r\\n'));s.on('data',d=>process.exit(String(d).startsWith('+PONG')||String(d).startsWith('-NOAUTH')?0:1));`;
    const url = new URL(testRedisUrl);
    redisReachable = spawnSync(process.execPath, ['-e', probe, url.hostname, url.port || '6379'], { timeout: 3000 }).status === 0;
  }
  return redisReachable;
}

/** `describe` when a Redis server is reachable (or in CI, where its absence must fail), else `describe.skip`. */
export const describeWithRedis: jest.Describe = (inCi || haveRedis() ? describe : describe.skip) as jest.Describe;

/** `test` when a Redis server is reachable (or in CI), else `test.skip`. */
export const testWithRedis: jest.It = (inCi || haveRedis() ? test : test.skip) as jest.It;
