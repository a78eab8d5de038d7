// Configuration from environment variables, validated once at start.
// A bad value fails with one clear line, e.g. `PORT must be an integer 1..65535, got "abc"`.
// Each variable is declared once below (CONFIG_VARS: name, parser, default, description); the
// README's configuration table is checked against those declarations by a test.

export type NodeEnv = 'development' | 'production' | 'test';
export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

export interface AppConfig {
  /** TCP port to listen on. Env PORT, default 4000. */
  port: number;
  /** Interface to bind. Env HOST, default 0.0.0.0. */
  host: string;
  /** Env NODE_ENV: development | production | test, default production. */
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
  /** Env MAX_INTROSPECTION_DEPTH: deepest nesting accepted in operations that select __schema. */
  maxIntrospectionDepth: number;
  /** Env MAX_ALIASES: most aliases accepted in one operation. */
  maxAliases: number;
  /** Env MAX_DIRECTIVES: most directives accepted in one operation. */
  maxDirectives: number;
  /** Env MAX_TOKENS: most lexical tokens accepted in one document. */
  maxTokens: number;
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
  /** Env READ_RETRY_MS: retry budget of a read on a broken connection, default 10000. */
  readRetryMs: number;
  /** Env PREPARED_STATEMENTS (on|off, default on): PostgreSQL reads as named statements (src/db/prepared-statements.ts). */
  preparedStatements: boolean;
  /** Env HEAP_GROWTH: % the old generation may grow past the live heap before a full GC, default 100; undefined = V8's own (`auto`). */
  heapGrowthPercent: number | undefined;
  /** Env RATE_LIMIT: on (default) | off. */
  rateLimit: boolean;
  /** Env RATE_LIMIT_REQUESTS: requests per minute per client, default 600. */
  rateLimitRequests: number;
  /** Env RATE_LIMIT_COST: query cost points per minute per client, default 60000. */
  rateLimitCost: number;
  /** Env TRUST_PROXY: proxy hops trusted for the client address; 0 (off) by default. */
  trustProxy: number;
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
const EXECUTORS = ['jit', 'graphql-js'] as const;

const show = (v: unknown) => JSON.stringify(v);

/** A refused value: the message follows the variable's name, e.g. `must be an integer 1..10, got "x"`. */
class Invalid extends Error {}

/** One environment variable: its parser, default and description (the README's table is made of these). */
export interface ConfigVar<T> {
  /** The value used when the variable is unset or blank, written as it would be set; undefined: unset. */
  readonly default?: string;
  /** The README's default when `default` alone does not say it (e.g. it depends on another variable). */
  readonly defaultText?: string;
  /** What it does and what is accepted (markdown, one line). */
  readonly description: string;
  /** Parses a set value (trimmed, not blank); throws Invalid saying what is accepted. */
  parse(value: string): T;
}

/** Declares a variable; keeps whether it has a default in its type (a default means never undefined). */
function variable<T, D extends string | undefined = undefined>(spec: ConfigVar<T> & { default?: D }): ConfigVar<T> & { default: D } {
  return spec as ConfigVar<T> & { default: D };
}

function int(min: number, max: number) {
  return (s: string): number => {
    const n = Number(s);
    if (!/^\d+$/.test(s) || !Number.isSafeInteger(n) || n < min || n > max) {
      throw new Invalid(`must be an integer ${min}..${max}, got ${show(s)}`);
    }
    return n;
  };
}

function oneOf<T extends readonly string[]>(values: T) {
  return (s: string): T[number] => {
    const v = s.toLowerCase();
    if (!values.includes(v)) throw new Invalid(`must be one of ${values.join('|')}, got ${show(s)}`);
    return v as T[number];
  };
}

function url(schemes: RegExp, accepted: string) {
  return (s: string): string => {
    let ok = schemes.test(s);
    if (ok) {
      try {
        new URL(s);
      } catch {
        ok = false;
      }
    }
    if (!ok) throw new Invalid(`must be a ${accepted} URL, got ${show(redactUrl(s))}`);
    return s;
  };
}

const UNITS: Record<string, number> = { b: 1, kb: 1024, mb: 1024 * 1024, gb: 1024 * 1024 * 1024 };

/** Parses `100kb`, `1mb`, `2048` (bytes), as express's body parser (the `bytes` package) does. */
export function parseByteSize(raw: string): number | undefined {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(b|kb|mb|gb)?\s*$/i.exec(raw);
  if (!m) return undefined;
  const n = Math.floor(Number(m[1]) * UNITS[(m[2] ?? 'b').toLowerCase()]);
  return n > 0 ? n : undefined;
}

/** Every environment variable the service reads, in the order of the README's table. */
export const CONFIG_VARS = {
  PORT: variable({ default: '4000', description: 'TCP port to listen on', parse: int(1, 65535) }),
  HOST: variable({
    default: '0.0.0.0',
    description: 'interface to bind',
    parse: (s) => {
      if (!/^[A-Za-z0-9.:[\]-]+$/.test(s)) throw new Invalid(`must be a host name or IP address, got ${show(s)}`);
      return s;
    },
  }),
  NODE_ENV: variable({
    // Unset is production: stack traces and internal messages only when development is asked for.
    default: 'production',
    description: '`production`, `test` or `development`; only `development` (set explicitly) shows internal error messages and stack traces; `production` also hides schema hints',
    parse: oneOf(NODE_ENVS),
  }),
  LOG_LEVEL: variable({
    defaultText: '`info` (`silent` with `NODE_ENV=test`)',
    description: 'pino levels `fatal` .. `trace`, or `silent`',
    parse: oneOf(LOG_LEVELS),
  }),
  DATABASE_URL: variable({
    description: '`postgresql://...`: use that PostgreSQL server instead of PGlite',
    parse: url(/^postgres(ql)?:\/\//i, 'postgresql:// or postgres://'),
  }),
  PGLITE_DIR: variable({
    defaultText: '`./.data`',
    description: 'where the embedded database lives; `memory://` keeps it in memory',
    parse: (s) => s,
  }),
  MAX_DEPTH: variable({
    default: '10',
    description: 'deepest nesting of fields accepted (`{ sources { name } }` is 2); `__schema` selections excepted',
    parse: int(1, 100),
  }),
  MAX_INTROSPECTION_DEPTH: variable({
    default: '20',
    description: 'deepest nesting accepted in an operation that selects `__schema` (the standard introspection query has 15)',
    parse: int(1, 100),
  }),
  MAX_ALIASES: variable({ default: '15', description: 'most aliases in one operation (`__typename` included)', parse: int(0, 1000) }),
  MAX_DIRECTIVES: variable({ default: '50', description: 'most directives in one operation', parse: int(0, 1000) }),
  MAX_TOKENS: variable({
    default: '1000',
    description: 'most tokens (names, values, punctuation) in one document; the standard introspection query has about 190',
    // Each level of nesting takes 3 tokens: the cap keeps documents within what graphql-js's
    // recursive parser and the limit rules handle (about 2,000 levels) with room to spare.
    parse: int(1, 4000),
  }),
  MAX_COST: variable({
    default: '1000',
    description: 'highest query cost accepted (a list costs the most items it can return times their cost; see [Limits](#limits))',
    parse: int(1, 1_000_000_000),
  }),
  BODY_LIMIT: variable({
    default: '100kb',
    description: 'largest request body (`100kb`, `1mb`, `2048` bytes); larger gets 413',
    parse: (s) => {
      const bytes = parseByteSize(s);
      if (bytes === undefined) throw new Invalid(`must be a size such as 100kb, 1mb or 2048, got ${show(s)}`);
      return { text: s, bytes };
    },
  }),
  SHUTDOWN_TIMEOUT_MS: variable({
    default: '10000',
    description: 'how long SIGTERM/SIGINT wait for in-flight requests',
    parse: int(0, 600_000),
  }),
  CORS_ORIGINS: variable({
    default: '*',
    description: 'which browser origins may call `/graphql`: `*`, a comma-separated list of origins, or `off`',
    parse: (s): '*' | 'off' | string[] => {
      if (s === '*') return '*';
      if (s.toLowerCase() === 'off') return 'off';
      const origins = s.split(',').map((o) => o.trim()).filter(Boolean);
      const bad = origins.find((o) => !/^https?:\/\/[A-Za-z0-9.-]+(:\d{1,5})?$/.test(o));
      if (bad !== undefined) {
        throw new Invalid(`must be *, off, or comma-separated origins such as https://example.org,http://localhost:5173, got ${show(bad)}`);
      }
      return origins;
    },
  }),
  GRAPHQL_EXECUTOR: variable({
    default: 'jit',
    description: '`jit`: graphql-jit compiles each distinct operation once (faster on long lists); `graphql-js`: the reference executor',
    parse: oneOf(EXECUTORS),
  }),
  RESPONSE_CACHE: variable({
    default: 'on',
    description: '`off`: every request is executed, no `x-cache` header (see [Cache and several instances](#cache-and-several-instances))',
    parse: oneOf(['on', 'off'] as const),
  }),
  RESPONSE_CACHE_MAX_ENTRIES: variable({ default: '10000', description: 'answers kept in the in-process response cache', parse: int(1, 10_000_000) }),
  RESPONSE_CACHE_MAX_BYTES: variable({
    default: '64mb',
    description: 'bytes of answers kept in the in-process response cache',
    parse: (s) => {
      const bytes = parseByteSize(s);
      if (bytes === undefined || bytes < 1024) {
        throw new Invalid(`must be a size of at least 1kb such as 64mb, 512kb or 1gb, got ${show(s)}`);
      }
      return bytes;
    },
  }),
  RESPONSE_CACHE_TTL: variable({ default: '3600', description: 'seconds a cached answer lives in Redis', parse: int(1, 31_536_000) }),
  CACHE_MAX_AGE: variable({
    default: '60',
    description: 'seconds in `Cache-Control: public, max-age=N` of successful GET queries (`0` allowed: revalidate with the ETag)',
    parse: int(0, 31_536_000),
  }),
  READ_RETRY_MS: variable({
    default: '10000',
    description: 'how long a read whose database connection broke (or whose server is starting up) is retried, with backoff, before it fails; `0`: never',
    parse: int(0, 600_000),
  }),
  PREPARED_STATEMENTS: variable({
    default: 'on',
    description:
      "PostgreSQL: the API's reads run as named (prepared) statements, parsed and planned once per connection; `off` for a pooler that cannot keep them (PgBouncer in transaction mode before 1.21)",
    parse: oneOf(['on', 'off'] as const),
  }),
  HEAP_GROWTH: variable({
    default: '100',
    description:
      'how far, in percent, the JavaScript heap may grow past what was live at the last full garbage collection before the next one (`10`..`400`); `auto`: V8 decides (up to 4x, which holds 100+ MB more under load for no measured gain)',
    parse: (s): number | undefined => {
      if (s.toLowerCase() === 'auto') return undefined;
      const n = Number(s);
      if (!/^\d+$/.test(s) || n < 10 || n > 400) throw new Invalid(`must be auto or a percentage 10..400, got ${show(s)}`);
      return n;
    },
  }),
  RATE_LIMIT: variable({
    default: 'on',
    description: '`off`: no rate limits (for benchmarks); see [Rate limits](#rate-limits)',
    parse: oneOf(['on', 'off'] as const),
  }),
  RATE_LIMIT_REQUESTS: variable({
    default: '600',
    description: 'requests per minute per API key, else per client address',
    parse: int(1, 10_000_000),
  }),
  RATE_LIMIT_COST: variable({
    default: '60000',
    description: 'query cost points per minute per API key, else per client address',
    parse: int(1, 1_000_000_000),
  }),
  TRUST_PROXY: variable({
    default: 'off',
    description: 'behind a reverse proxy: how many proxies to trust for the client address (`X-Forwarded-For`), or `off`',
    parse: (s): number => {
      if (s.toLowerCase() === 'off') return 0;
      if (/^[0-9]{1,2}$/.test(s)) return Number(s);
      throw new Invalid(`must be off or a number of proxy hops such as 1, got ${show(s)}`);
    },
  }),
  REDIS_URL: variable({
    description: '`redis://` or `rediss://`: share cached answers and persisted queries between instances',
    parse: url(/^rediss?:\/\//i, 'redis:// or rediss://'),
  }),
  REDIS_PREFIX: variable({
    default: 'argentum:',
    description: 'prefix of every Redis key',
    parse: (s) => {
      if (!/^[\x21-\x7e]{1,100}$/.test(s)) {
        throw new Invalid(`must be 1..100 printable characters without spaces, such as argentum: or app1:cache:, got ${show(s)}`);
      }
      return s;
    },
  }),
};

export type ConfigVarName = keyof typeof CONFIG_VARS;

type ParsedVars = {
  [K in ConfigVarName]: ReturnType<(typeof CONFIG_VARS)[K]['parse']> | ((typeof CONFIG_VARS)[K] extends { default: string } ? never : undefined);
};

/** The README's configuration table (markdown), one row per variable in declaration order. */
export function configTable(): string {
  const rows = Object.entries(CONFIG_VARS).map(([name, v]) => {
    const dflt = v.defaultText ?? (v.default !== undefined ? `\`${v.default}\`` : 'unset');
    return `| \`${name}\` | ${dflt} | ${v.description} |`;
  });
  return ['| variable | default | |', '|---|---|---|', ...rows].join('\n');
}

/** Hides the password of a URL so that it can be printed. */
function redactUrl(v: string): string {
  return v.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/@]*:)[^@/]*@/i, '$1***@');
}

/** Reads and validates the configuration. Throws ConfigError naming every bad variable, one per line. */
export function loadConfig(env: NodeJS.ProcessEnv | Record<string, string | undefined> = process.env): AppConfig {
  const problems: string[] = [];
  const parsed: Record<string, unknown> = {};
  for (const [name, v] of Object.entries(CONFIG_VARS) as [string, ConfigVar<unknown>][]) {
    const raw = env[name]?.trim();
    const value = raw === undefined || raw === '' ? v.default : raw;
    if (value === undefined) continue;
    try {
      parsed[name] = v.parse(value);
    } catch (err) {
      if (!(err instanceof Invalid)) throw err;
      problems.push(`${name} ${err.message}`);
    }
  }
  if (problems.length) throw new ConfigError(problems.join('\n'));
  const c = parsed as ParsedVars;
  return {
    port: c.PORT,
    host: c.HOST,
    nodeEnv: c.NODE_ENV,
    isDevelopment: c.NODE_ENV === 'development',
    logLevel: c.LOG_LEVEL ?? (c.NODE_ENV === 'test' ? 'silent' : 'info'),
    databaseUrl: c.DATABASE_URL,
    pgliteDir: c.PGLITE_DIR,
    maxDepth: c.MAX_DEPTH,
    maxIntrospectionDepth: c.MAX_INTROSPECTION_DEPTH,
    maxAliases: c.MAX_ALIASES,
    maxDirectives: c.MAX_DIRECTIVES,
    maxTokens: c.MAX_TOKENS,
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
    readRetryMs: c.READ_RETRY_MS,
    preparedStatements: c.PREPARED_STATEMENTS === 'on',
    heapGrowthPercent: c.HEAP_GROWTH,
    rateLimit: c.RATE_LIMIT === 'on',
    rateLimitRequests: c.RATE_LIMIT_REQUESTS,
    rateLimitCost: c.RATE_LIMIT_COST,
    trustProxy: c.TRUST_PROXY,
    redisUrl: c.REDIS_URL,
    redisPrefix: c.REDIS_PREFIX,
  };
}
