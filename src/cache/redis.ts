// One Redis client per instance (ioredis), shared by the response cache and Apollo's persisted-query
// store. Redis is an optimisation, never a dependency: while it is unreachable every command is
// skipped at once (no offline queue, so no request waits for it), the service answers uncached from
// Redis's point of view, and one warning is logged per outage.
import type { KeyValueCache, KeyValueCacheSetOptions } from '@apollo/utils.keyvaluecache';
import type { Redis } from 'ioredis';
import type { Logger } from '../logger.js';

export interface RedisConnection {
  client: Redis;
  /** Commands are worth sending (connected and ready). */
  available(): boolean;
  /** For /ready and logs. */
  state(): 'connected' | 'connecting' | 'unreachable';
  /** Resolves at the first outcome of connecting (ready or failed), or after `ms`: start-up waits this long at most. */
  settled(ms: number): Promise<void>;
  /** A command failed although the client looked ready (timeout, server error): logged once per outage. */
  reportFailure(err: unknown): void;
  close(): Promise<void>;
}

/** Starts connecting (in the background: the service starts without waiting for Redis). */
export function connectRedis(url: string, logger: Logger): RedisConnection {
  const shown = redactRedisUrl(url);
  // Loaded here, not at the top: an instance without REDIS_URL never needs it (about 10 MB of RSS).
  const { Redis: RedisClient } = require('ioredis') as typeof import('ioredis');
  const client = new RedisClient(url, {
    // Fail commands at once while disconnected instead of queueing them behind a dead connection.
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    connectTimeout: 2000,
    // A slow Redis must not make a cached answer slower than computing it.
    commandTimeout: 1000,
    // Keep trying in the background, at most every 5 s.
    retryStrategy: (times) => Math.min(100 * 2 ** Math.min(times, 6), 5000),
    connectionName: 'argentum',
  });
  let everReady = false;
  let warned = false;
  const warn = (err: unknown) => {
    if (warned) return;
    warned = true;
    const reason = err instanceof Error ? err.message || err.name : String(err);
    logger.warn({ redis: shown, reason }, `redis at ${shown} is unreachable (${reason}): answering without the shared cache until it is back`);
  };
  client.on('error', warn);
  client.on('ready', () => {
    if (warned) logger.info({ redis: shown }, `redis at ${shown} is reachable again`);
    else if (!everReady) logger.info({ redis: shown }, `redis: connected to ${shown}`);
    everReady = true;
    warned = false;
  });
  let closing: Promise<void> | undefined;
  return {
    client,
    available: () => client.status === 'ready',
    settled: (ms) =>
      client.status === 'ready' || warned
        ? Promise.resolve()
        : new Promise<void>((resolve) => {
            const done = () => {
              clearTimeout(timer);
              client.off('ready', done);
              client.off('error', done);
              resolve();
            };
            const timer = setTimeout(done, ms);
            client.once('ready', done);
            client.once('error', done);
          }),
    state: () => (client.status === 'ready' ? 'connected' : warned ? 'unreachable' : 'connecting'),
    reportFailure: warn,
    close: () =>
      (closing ??= (async () => {
        if (client.status === 'ready') await client.quit().catch(() => client.disconnect());
        else client.disconnect();
      })()),
  };
}

/**
 * Apollo's KeyValueCache (its `cache` option: automatic persisted queries) over the same ioredis
 * client: a three-method adapter rather than keyv + @keyv/redis, which would open a second
 * connection through another Redis client and hide its outages behind another error policy.
 * Misses while Redis is unreachable: clients then send the full query again, as APQ intends.
 */
export class RedisKeyValueCache implements KeyValueCache<string> {
  constructor(
    private readonly redis: RedisConnection,
    private readonly prefix: string,
  ) {}

  async get(key: string): Promise<string | undefined> {
    if (!this.redis.available()) return undefined;
    try {
      return (await this.redis.client.get(this.prefix + key)) ?? undefined;
    } catch (err) {
      this.redis.reportFailure(err);
      return undefined;
    }
  }

  async set(key: string, value: string, options?: KeyValueCacheSetOptions): Promise<void> {
    if (!this.redis.available()) return;
    try {
      const ttl = options?.ttl;
      if (typeof ttl === 'number' && ttl > 0) await this.redis.client.set(this.prefix + key, value, 'EX', Math.ceil(ttl));
      else await this.redis.client.set(this.prefix + key, value);
    } catch (err) {
      this.redis.reportFailure(err);
    }
  }

  async delete(key: string): Promise<boolean | void> {
    if (!this.redis.available()) return;
    try {
      return (await this.redis.client.del(this.prefix + key)) > 0;
    } catch (err) {
      this.redis.reportFailure(err);
    }
  }
}

export function redactRedisUrl(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/@]*:)[^@/]*@/i, '$1***@');
}
