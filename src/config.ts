// Configuration from environment variables, validated once at start.
// A bad value fails with one clear line, e.g. `PORT must be an integer 1..65535, got "abc"`.
import { z } from 'zod';

export type NodeEnv = 'development' | 'production' | 'test';
export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

export interface AppConfig {
  /** TCP port to listen on. Env PORT, default 4000. */
  port: number;
  /** Interface to bind. Env HOST, default 0.0.0.0. */
  host: string;
  /** Env NODE_ENV: development | production | test, default development. */
  nodeEnv: NodeEnv;
  /** true only when nodeEnv is development: stack traces and unmasked internal errors. */
  isDevelopment: boolean;
  /** Env LOG_LEVEL, default info (silent under test). */
  logLevel: LogLevel;
  /** Env DATABASE_URL: PostgreSQL (postgresql:// or postgres://). Unset = embedded PGlite. */
  databaseUrl?: string;
  /** Env PGLITE_DIR: where PGlite keeps its files (default ./.data; memory:// = in memory). */
  pgliteDir?: string;
  /** Env MAX_DEPTH: deepest query nesting accepted, default 10. */
  maxDepth: number;
  /** Env MAX_COST: highest query cost accepted, default 1000 (see src/limits/cost.ts). */
  maxCost: number;
  /** Env BODY_LIMIT: largest request body, e.g. 100kb (default), 1mb, 2048 (bytes). */
  bodyLimit: string;
  /** Env BODY_LIMIT in bytes. */
  bodyLimitBytes: number;
  /** Env SHUTDOWN_TIMEOUT_MS: how long shutdown waits for in-flight requests, default 10000. */
  shutdownTimeoutMs: number;
  /**
   * Env CORS_ORIGINS: which browser origins may call /graphql. `*` (default: a public, read-only
   * API without cookies), a comma-separated list of origins (https://a.example,http://localhost:5173),
   * or `off` (same origin only).
   */
  corsOrigins: '*' | 'off' | string[];
  /** Env GRAPHQL_EXECUTOR: jit (default; graphql-jit, compiled per document) or graphql-js (the reference executor). */
  executor: 'jit' | 'graphql-js';

  // Response cache and several instances (src/cache; README "Cache and several instances").
  /** Env RESPONSE_CACHE: on (default) | off. Off: no cached answers and no x-cache header. */
  responseCache: boolean;
  /** Env RESPONSE_CACHE_MAX_ENTRIES: answers kept in process, default 10000. */
  responseCacheMaxEntries: number;
  /** Env RESPONSE_CACHE_MAX_BYTES: bytes of answers kept in process, e.g. 64mb (default). */
  responseCacheMaxBytes: number;
  /** Env RESPONSE_CACHE_TTL: seconds an answer lives in Redis, default 3600. */
  responseCacheTtlSeconds: number;
  /** Env CACHE_MAX_AGE: seconds of `Cache-Control: public, max-age=N` on successful GET queries, default 60 (0 allowed). */
  cacheMaxAge: number;
  /** Env REDIS_URL: redis:// or rediss://; shares the response cache and persisted queries between instances. Unset = in process only. */
  redisUrl?: string;
  /** Env REDIS_PREFIX: prefix of every Redis key, default `argentum:`. */
  redisPrefix: string;
}

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
const NODE_ENVS = ['development', 'production', 'test'] as const;

const show = (v: unknown) => JSON.stringify(v);

function intVar(name: string, min: number, max: number, dflt: number) {
  return z
    .string()
    .optional()
    .transform((raw, ctx) => {
      if (raw === undefined || raw.trim() === '') return dflt;
      const s = raw.trim();
      const n = Number(s);
      if (!/^\d+$/.test(s) || !Number.isSafeInteger(n) || n < min || n > max) {
        ctx.addIssue({ code: 'custom', message: `${name} must be an integer ${min}..${max}, got ${show(raw)}` });
        return z.NEVER;
      }
      return n;
    });
}

function enumVar<T extends readonly string[]>(name: string, values: T, dflt: T[number]) {
  return z
    .string()
    .optional()
    .transform((raw, ctx) => {
      if (raw === undefined || raw.trim() === '') return dflt;
      const v = raw.trim().toLowerCase();
      if (!values.includes(v)) {
        ctx.addIssue({ code: 'custom', message: `${name} must be one of ${values.join('|')}, got ${show(raw)}` });
        return z.NEVER;
      }
      return v as T[number];
    });
}

const UNITS: Record<string, number> = { b: 1, kb: 1024, mb: 1024 * 1024, gb: 1024 * 1024 * 1024 };

/** Parses `100kb`, `1mb`, `2048` (bytes), as express's body parser (the `bytes` package) does. */
export function parseByteSize(raw: string): number | undefined {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(b|kb|mb|gb)?\s*$/i.exec(raw);
  if (!m) return undefined;
  const n = Math.floor(Number(m[1]) * UNITS[(m[2] ?? 'b').toLowerCase()]);
  return n > 0 ? n : undefined;
}

const EXECUTORS = ['jit', 'graphql-js'] as const;

const schema = z.object({
  GRAPHQL_EXECUTOR: enumVar('GRAPHQL_EXECUTOR', EXECUTORS, 'jit'),
  PORT: intVar('PORT', 1, 65535, 4000),
  HOST: z
    .string()
    .optional()
    .transform((raw, ctx) => {
      if (raw === undefined || raw.trim() === '') return '0.0.0.0';
      const v = raw.trim();
      if (!/^[A-Za-z0-9.:[\]-]+$/.test(v)) {
        ctx.addIssue({ code: 'custom', message: `HOST must be a host name or IP address, got ${show(raw)}` });
        return z.NEVER;
      }
      return v;
    }),
  NODE_ENV: enumVar('NODE_ENV', NODE_ENVS, 'development'),
  LOG_LEVEL: z
    .string()
    .optional()
    .transform((raw, ctx) => {
      if (raw === undefined || raw.trim() === '') return undefined;
      const v = raw.trim().toLowerCase();
      if (!(LOG_LEVELS as readonly string[]).includes(v)) {
        ctx.addIssue({ code: 'custom', message: `LOG_LEVEL must be one of ${LOG_LEVELS.join('|')}, got ${show(raw)}` });
        return z.NEVER;
      }
      return v as LogLevel;
    }),
  DATABASE_URL: z
    .string()
    .optional()
    .transform((raw, ctx) => {
      if (raw === undefined || raw.trim() === '') return undefined;
      const v = raw.trim();
      let ok = /^postgres(ql)?:\/\//i.test(v);
      if (ok) {
        try {
          new URL(v);
        } catch {
          ok = false;
        }
      }
      if (!ok) {
        ctx.addIssue({
          code: 'custom',
          message: `DATABASE_URL must be a postgresql:// or postgres:// URL, got ${show(redactUrl(v))}`,
        });
        return z.NEVER;
      }
      return v;
    }),
  PGLITE_DIR: z
    .string()
    .optional()
    .transform((raw) => (raw === undefined || raw.trim() === '' ? undefined : raw.trim())),
  MAX_DEPTH: intVar('MAX_DEPTH', 1, 100, 10),
  MAX_COST: intVar('MAX_COST', 1, 1_000_000_000, 1000),
  BODY_LIMIT: z
    .string()
    .optional()
    .transform((raw, ctx) => {
      if (raw === undefined || raw.trim() === '') return { text: '100kb', bytes: 100 * 1024 };
      const bytes = parseByteSize(raw);
      if (bytes === undefined) {
        ctx.addIssue({ code: 'custom', message: `BODY_LIMIT must be a size such as 100kb, 1mb or 2048, got ${show(raw)}` });
        return z.NEVER;
      }
      return { text: raw.trim(), bytes };
    }),
  SHUTDOWN_TIMEOUT_MS: intVar('SHUTDOWN_TIMEOUT_MS', 0, 600_000, 10_000),
  CORS_ORIGINS: z
    .string()
    .optional()
    .transform((raw, ctx): '*' | 'off' | string[] => {
      if (raw === undefined || raw.trim() === '' || raw.trim() === '*') return '*';
      if (raw.trim().toLowerCase() === 'off') return 'off';
      const origins = raw.split(',').map((o) => o.trim()).filter(Boolean);
      const bad = origins.find((o) => !/^https?:\/\/[A-Za-z0-9.-]+(:\d{1,5})?$/.test(o));
      if (bad !== undefined) {
        ctx.addIssue({
          code: 'custom',
          message: `CORS_ORIGINS must be *, off, or comma-separated origins such as https://example.org,http://localhost:5173, got ${show(bad)}`,
        });
        return z.NEVER;
      }
      return origins;
    }),
  RESPONSE_CACHE: enumVar('RESPONSE_CACHE', ['on', 'off'] as const, 'on'),
  RESPONSE_CACHE_MAX_ENTRIES: intVar('RESPONSE_CACHE_MAX_ENTRIES', 1, 10_000_000, 10_000),
  RESPONSE_CACHE_MAX_BYTES: z
    .string()
    .optional()
    .transform((raw, ctx) => {
      if (raw === undefined || raw.trim() === '') return 64 * 1024 * 1024;
      const bytes = parseByteSize(raw);
      if (bytes === undefined || bytes < 1024) {
        ctx.addIssue({ code: 'custom', message: `RESPONSE_CACHE_MAX_BYTES must be a size of at least 1kb such as 64mb, 512kb or 1gb, got ${show(raw)}` });
        return z.NEVER;
      }
      return bytes;
    }),
  RESPONSE_CACHE_TTL: intVar('RESPONSE_CACHE_TTL', 1, 31_536_000, 3600),
  CACHE_MAX_AGE: intVar('CACHE_MAX_AGE', 0, 31_536_000, 60),
  REDIS_URL: z
    .string()
    .optional()
    .transform((raw, ctx) => {
      if (raw === undefined || raw.trim() === '') return undefined;
      const v = raw.trim();
      let ok = /^rediss?:\/\//i.test(v);
      if (ok) {
        try {
          new URL(v);
        } catch {
          ok = false;
        }
      }
      if (!ok) {
        ctx.addIssue({ code: 'custom', message: `REDIS_URL must be a redis:// or rediss:// URL, got ${show(redactUrl(v))}` });
        return z.NEVER;
      }
      return v;
    }),
  REDIS_PREFIX: z
    .string()
    .optional()
    .transform((raw, ctx) => {
      if (raw === undefined || raw === '') return 'argentum:';
      if (!/^[\x21-\x7e]{1,100}$/.test(raw)) {
        ctx.addIssue({ code: 'custom', message: `REDIS_PREFIX must be 1..100 printable characters without spaces, such as argentum: or app1:cache:, got ${show(raw)}` });
        return z.NEVER;
      }
      return raw;
    }),
});

/** Hides the password of a URL so that it can be printed. */
function redactUrl(v: string): string {
  return v.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/@]*:)[^@/]*@/i, '$1***@');
}

/** Reads and validates the configuration. Throws ConfigError naming every bad variable, one per line. */
export function loadConfig(env: NodeJS.ProcessEnv | Record<string, string | undefined> = process.env): AppConfig {
  const result = schema.safeParse({
    PORT: env.PORT,
    HOST: env.HOST,
    NODE_ENV: env.NODE_ENV,
    LOG_LEVEL: env.LOG_LEVEL,
    DATABASE_URL: env.DATABASE_URL,
    PGLITE_DIR: env.PGLITE_DIR,
    MAX_DEPTH: env.MAX_DEPTH,
    MAX_COST: env.MAX_COST,
    BODY_LIMIT: env.BODY_LIMIT,
    SHUTDOWN_TIMEOUT_MS: env.SHUTDOWN_TIMEOUT_MS,
    CORS_ORIGINS: env.CORS_ORIGINS,
    GRAPHQL_EXECUTOR: env.GRAPHQL_EXECUTOR,
    RESPONSE_CACHE: env.RESPONSE_CACHE,
    RESPONSE_CACHE_MAX_ENTRIES: env.RESPONSE_CACHE_MAX_ENTRIES,
    RESPONSE_CACHE_MAX_BYTES: env.RESPONSE_CACHE_MAX_BYTES,
    RESPONSE_CACHE_TTL: env.RESPONSE_CACHE_TTL,
    CACHE_MAX_AGE: env.CACHE_MAX_AGE,
    REDIS_URL: env.REDIS_URL,
    REDIS_PREFIX: env.REDIS_PREFIX,
  });
  if (!result.success) {
    const lines = result.error.issues.map((i) =>
      i.code === 'custom' ? i.message : `${String(i.path[0] ?? 'config')}: ${i.message}`,
    );
    throw new ConfigError(lines.join('\n'));
  }
  const c = result.data;
  return {
    port: c.PORT,
    host: c.HOST,
    nodeEnv: c.NODE_ENV,
    isDevelopment: c.NODE_ENV === 'development',
    logLevel: c.LOG_LEVEL ?? (c.NODE_ENV === 'test' ? 'silent' : 'info'),
    databaseUrl: c.DATABASE_URL,
    pgliteDir: c.PGLITE_DIR,
    maxDepth: c.MAX_DEPTH,
    maxCost: c.MAX_COST,
    bodyLimit: c.BODY_LIMIT.text,
    bodyLimitBytes: c.BODY_LIMIT.bytes,
    shutdownTimeoutMs: c.SHUTDOWN_TIMEOUT_MS,
    corsOrigins: c.CORS_ORIGINS,
    executor: c.GRAPHQL_EXECUTOR,
    responseCache: c.RESPONSE_CACHE === 'on',
    responseCacheMaxEntries: c.RESPONSE_CACHE_MAX_ENTRIES,
    responseCacheMaxBytes: c.RESPONSE_CACHE_MAX_BYTES,
    responseCacheTtlSeconds: c.RESPONSE_CACHE_TTL,
    cacheMaxAge: c.CACHE_MAX_AGE,
    redisUrl: c.REDIS_URL,
    redisPrefix: c.REDIS_PREFIX,
  };
}
