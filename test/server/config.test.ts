import { loadConfig, ConfigError, parseByteSize } from '../../src/config';

describe('loadConfig', () => {
  it('has defaults', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      port: 4000,
      host: '0.0.0.0',
      nodeEnv: 'production',
      isDevelopment: false,
      logLevel: 'info',
      maxDepth: 10,
      maxCost: 1000,
      bodyLimit: '100kb',
      bodyLimitBytes: 102400,
    });
    expect(c.databaseUrl).toBeUndefined();
    expect(c.corsOrigins).toBe('*');
  });

  it('reads GRAPHQL_EXECUTOR: jit by default, graphql-js on request; anything else is refused naming the choices', () => {
    expect(loadConfig({}).executor).toBe('jit');
    expect(loadConfig({ GRAPHQL_EXECUTOR: 'graphql-js' }).executor).toBe('graphql-js');
    expect(() => loadConfig({ GRAPHQL_EXECUTOR: 'fast' })).toThrow('GRAPHQL_EXECUTOR must be one of jit|graphql-js, got "fast"');
  });

  it('reads CORS_ORIGINS as *, off or a list of origins', () => {
    expect(loadConfig({ CORS_ORIGINS: 'off' }).corsOrigins).toBe('off');
    expect(loadConfig({ CORS_ORIGINS: 'https://a.example, http://localhost:5173' }).corsOrigins).toEqual([
      'https://a.example',
      'http://localhost:5173',
    ]);
  });

  it('reads every variable', () => {
    const c = loadConfig({
      PORT: '8080',
      HOST: '127.0.0.1',
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      DATABASE_URL: 'postgres://u:p@db:5432/argentum',
      PGLITE_DIR: '/tmp/x',
      MAX_DEPTH: '12',
      MAX_COST: '5000',
      BODY_LIMIT: '1mb',
    });
    expect(c).toMatchObject({
      port: 8080,
      host: '127.0.0.1',
      nodeEnv: 'production',
      isDevelopment: false,
      logLevel: 'warn',
      databaseUrl: 'postgres://u:p@db:5432/argentum',
      pgliteDir: '/tmp/x',
      maxDepth: 12,
      maxCost: 5000,
      bodyLimitBytes: 1024 * 1024,
    });
  });

  it('is silent under test unless LOG_LEVEL says otherwise', () => {
    expect(loadConfig({ NODE_ENV: 'test' }).logLevel).toBe('silent');
    expect(loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'debug' }).logLevel).toBe('debug');
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT must be an integer 1..65535, got "abc"'],
    [{ PORT: '70000' }, 'PORT must be an integer 1..65535, got "70000"'],
    [{ PORT: '80.5' }, 'PORT must be an integer 1..65535, got "80.5"'],
    [{ NODE_ENV: 'staging' }, 'NODE_ENV must be one of development|production|test, got "staging"'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL must be one of fatal|error|warn|info|debug|trace|silent, got "loud"'],
    [{ DATABASE_URL: 'mysql://x@y/z' }, 'DATABASE_URL must be a postgresql:// or postgres:// URL, got "mysql://x@y/z"'],
    [{ MAX_DEPTH: '0' }, 'MAX_DEPTH must be an integer 1..100, got "0"'],
    [{ BODY_LIMIT: 'lots' }, 'BODY_LIMIT must be a size such as 100kb, 1mb or 2048, got "lots"'],
    [{ CORS_ORIGINS: 'example.org' }, 'CORS_ORIGINS must be *, off, or comma-separated origins such as https://example.org,http://localhost:5173, got "example.org"'],
  ])('refuses %j with one clear line', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('never prints a password from a bad DATABASE_URL', () => {
    expect(() => loadConfig({ DATABASE_URL: 'mysql://user:secret@host/db' })).toThrow(
      'DATABASE_URL must be a postgresql:// or postgres:// URL, got "mysql://user:***@host/db"',
    );
  });

  it('names every bad variable, one per line', () => {
    try {
      loadConfig({ PORT: 'x', NODE_ENV: 'y' });
      throw new Error('expected a ConfigError');
    } catch (err) {
      expect((err as Error).message.split('\n')).toHaveLength(2);
    }
  });

  it('parses byte sizes like express', () => {
    expect(parseByteSize('100kb')).toBe(102400);
    expect(parseByteSize('2048')).toBe(2048);
    expect(parseByteSize('1.5mb')).toBe(1572864);
    expect(parseByteSize('-1')).toBeUndefined();
  });
});

describe('loadConfig: response cache and Redis', () => {
  it('has defaults: cache on, in process, 60 s max-age', () => {
    expect(loadConfig({})).toMatchObject({
      responseCache: true,
      responseCacheMaxEntries: 10_000,
      responseCacheMaxBytes: 64 * 1024 * 1024,
      responseCacheTtlSeconds: 3600,
      cacheMaxAge: 60,
      redisPrefix: 'argentum:',
    });
    expect(loadConfig({}).redisUrl).toBeUndefined();
  });

  it('reads every variable', () => {
    expect(
      loadConfig({
        RESPONSE_CACHE: 'OFF',
        RESPONSE_CACHE_MAX_ENTRIES: '500',
        RESPONSE_CACHE_MAX_BYTES: '1gb',
        RESPONSE_CACHE_TTL: '120',
        CACHE_MAX_AGE: '0',
        REDIS_URL: 'rediss://:pw@cache.internal:6380/2',
        REDIS_PREFIX: 'app1:cache:',
      }),
    ).toMatchObject({
      responseCache: false,
      responseCacheMaxEntries: 500,
      responseCacheMaxBytes: 1024 * 1024 * 1024,
      responseCacheTtlSeconds: 120,
      cacheMaxAge: 0,
      redisUrl: 'rediss://:pw@cache.internal:6380/2',
      redisPrefix: 'app1:cache:',
    });
  });

  it.each([
    [{ RESPONSE_CACHE: 'yes' }, 'RESPONSE_CACHE must be one of on|off, got "yes"'],
    [{ RESPONSE_CACHE_MAX_ENTRIES: '0' }, 'RESPONSE_CACHE_MAX_ENTRIES must be an integer 1..10000000, got "0"'],
    [{ RESPONSE_CACHE_MAX_BYTES: '10' }, 'RESPONSE_CACHE_MAX_BYTES must be a size of at least 1kb such as 64mb, 512kb or 1gb, got "10"'],
    [{ RESPONSE_CACHE_TTL: '0' }, 'RESPONSE_CACHE_TTL must be an integer 1..31536000, got "0"'],
    [{ CACHE_MAX_AGE: '-1' }, 'CACHE_MAX_AGE must be an integer 0..31536000, got "-1"'],
    [{ REDIS_URL: 'http://:secret@cache:6379' }, 'REDIS_URL must be a redis:// or rediss:// URL, got "http://:***@cache:6379"'],
    [{ REDIS_PREFIX: 'has space:' }, 'REDIS_PREFIX must be 1..100 printable characters without spaces, such as argentum: or app1:cache:, got "has space:"'],
  ])('refuses %j with one clear line', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });
});
