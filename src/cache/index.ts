// Caching for one server instance: the data version it watches, the Redis connection (REDIS_URL),
// the response cache in front of Apollo and Apollo's persisted-query store. createServer owns it.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { printSchema, type GraphQLSchema } from 'graphql';
import type { Response } from 'express';
import type { AppConfig } from '../config.js';
import { watchDataVersion, type Database, type DataVersionSource } from '../db/index.js';
import type { Logger } from '../logger.js';
import { connectRedis, type RedisConnection } from './redis.js';
import { createResponseCache, type ResponseCache } from './response-cache.js';

export { CACHE_STATUS, CACHED_OPERATION_NAME, type CacheMode, type ResponseCache } from './response-cache.js';
export { connectRedis, RedisKeyValueCache, type RedisConnection } from './redis.js';
export { MemoryResponseStore, RedisResponseStore, encodeEntry, decodeEntry, type CachedResponse } from './store.js';

export interface Caching extends ResponseCache {
  /** The data version this instance serves (undefined when the response cache is off). */
  versions?: DataVersionSource;
  redis?: RedisConnection;
}

export interface CreateCachingOptions {
  db: Database;
  config: AppConfig;
  logger: Logger;
  schema: GraphQLSchema;
  responseOf(contextValue: unknown): Response | undefined;
  /** Defaults to watchDataVersion(db) when the response cache is on. */
  versions?: DataVersionSource;
}

/** How long start-up waits for the first read of the data version before serving uncached. */
const FIRST_READ_TIMEOUT_MS = 10_000;
/** How long start-up waits for Redis to connect (an unreachable one fails at once or times out at 2 s). */
const REDIS_CONNECT_WAIT_MS = 3000;

export async function createCaching(opts: CreateCachingOptions): Promise<Caching> {
  const { db, config, logger } = opts;
  const ownsVersions = config.responseCache && !opts.versions;
  const versions = config.responseCache ? (opts.versions ?? watchDataVersion(db, { logger })) : undefined;
  if (versions) {
    try {
      await versions.ready(FIRST_READ_TIMEOUT_MS);
    } catch (err) {
      // The listener keeps trying; until it has read the version, answers are simply not cached.
      logger.warn({ reason: (err as Error).message }, 'data version not known yet: serving uncached until it is');
    }
  }
  const redis = config.redisUrl ? connectRedis(config.redisUrl, logger) : undefined;
  // Serve with the shared cache from the first request when Redis is there; never wait long for it.
  await redis?.settled(REDIS_CONNECT_WAIT_MS);
  const cache = createResponseCache({
    config,
    logger,
    versions,
    redis,
    fingerprint: fingerprint(opts.schema, config),
    responseOf: opts.responseOf,
  });
  logger.info(
    { responseCache: cache.mode, dataVersion: versions?.current()?.version.toString() },
    `response cache: ${cache.mode}${versions?.current() ? ` (data version ${versions.current()!.version})` : ''}`,
  );
  return {
    ...cache,
    versions,
    redis,
    async close() {
      await cache.close();
      if (ownsVersions) await versions?.close();
      await redis?.close();
    },
  };
}

/** What shapes an answer besides the data and the request: the schema, the limits and the release. */
function fingerprint(schema: GraphQLSchema, config: AppConfig): string {
  let release = '';
  try {
    // src/cache and dist/cache both sit two levels below the project root.
    release = JSON.parse(readFileSync(path.resolve(__dirname, '..', '..', 'package.json'), 'utf8')).version ?? '';
  } catch {
    // no package.json beside us: the schema and limits still tell releases apart
  }
  return createHash('sha1')
    .update(printSchema(schema))
    .update(`\n${[config.maxDepth, config.maxIntrospectionDepth, config.maxAliases, config.maxDirectives, config.maxTokens, config.maxCost].join(',')}\n${release}`)
    .digest('base64url')
    .slice(0, 12);
}
