// Redis for tests: TEST_REDIS_URL (default the local server CI runs), a key prefix of each test's own,
// and the cleanup of every key under it.
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';

export const testRedisUrl = process.env.TEST_REDIS_URL || 'redis://127.0.0.1:6379';

/** `argentum_test_<unique>:`, unique across jest workers and runs. */
export function uniqueRedisPrefix(): string {
  return `argentum_test_${Date.now().toString(36)}_${process.pid}_${randomBytes(4).toString('hex')}:`;
}

/** A plain client for assertions and cleanup; it connects on its first command (a suite skipped without Redis makes one and never uses it). */
export function testRedisClient(): Redis {
  return new Redis(testRedisUrl, { maxRetriesPerRequest: 1, lazyConnect: true });
}

/** The keys under a prefix (SCAN, not KEYS: the server may be shared). */
export async function keysUnder(redis: Redis, prefix: string): Promise<string[]> {
  const keys: string[] = [];
  let cursor = '0';
  do {
    const [next, batch] = await redis.scan(cursor, 'MATCH', `${escapeGlob(prefix)}*`, 'COUNT', 500);
    cursor = next;
    keys.push(...batch);
  } while (cursor !== '0');
  return keys;
}

/** Deletes every key under the prefix. */
export async function deleteKeysUnder(redis: Redis, prefix: string): Promise<void> {
  const keys = await keysUnder(redis, prefix);
  for (let i = 0; i < keys.length; i += 500) await redis.del(...keys.slice(i, i + 500));
}

function escapeGlob(s: string): string {
  return s.replace(/[*?[\]\\]/g, '\\$&');
}
