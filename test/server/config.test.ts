import { loadConfig, ConfigError, parseByteSize } from '../../src/config';

describe('loadConfig', () => {
  it('has defaults', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      port: 4000,
      host: '0.0.0.0',
      nodeEnv: 'development',
      isDevelopment: true,
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
