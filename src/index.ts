// Entry point (`npm start` runs the compiled dist/index.js):
// config -> database (migrate + seed for PGlite) -> server -> listen; SIGTERM/SIGINT shut down gracefully.
import 'reflect-metadata';
import { loadConfig, ConfigError, type AppConfig } from './config.js';
import { createLogger, type Logger } from './logger.js';
import { bootstrapDatabase, StartupError } from './bootstrap.js';
import { createServer } from './server.js';
import { DatabaseError, type Database } from './db/index.js';
import { tuneRuntime } from './runtime-tuning.js';

async function main(): Promise<void> {
  let config: AppConfig;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(`argentum: invalid configuration: ${err.message.split('\n').join('; ')}`);
      process.exit(1);
    }
    throw err;
  }
  const logger = createLogger(config);
  const v8Flags = tuneRuntime(config);
  if (v8Flags.length) logger.debug({ v8Flags }, `V8 flags: ${v8Flags.join(' ')}`);

  let db: Database;
  try {
    db = await bootstrapDatabase(config, logger);
  } catch (err) {
    fail(logger, 'cannot start: database', err);
  }

  let server: Awaited<ReturnType<typeof createServer>>;
  let url: string;
  try {
    server = await createServer({ db, config, logger });
    url = await server.start(config.port, config.host);
  } catch (err) {
    await db.close().catch(() => {});
    fail(logger, 'cannot start: server', err);
  }
  logger.info(
    { url, graphql: `${url}/graphql`, nodeEnv: config.nodeEnv, database: db.label },
    `argentum listening on ${url} (GraphQL at ${url}/graphql)`,
  );

  let shutdownStarted: number | undefined;
  const shutdown = async (signal: NodeJS.Signals) => {
    if (shutdownStarted !== undefined) {
      // Ctrl-C reaches both npm and node, and npm forwards it: a repeat within a second is the same request.
      if (Date.now() - shutdownStarted < 1000) return;
      logger.warn({ signal }, `${signal} again: exiting now`);
      process.exit(1);
    }
    shutdownStarted = Date.now();
    logger.info({ signal }, `${signal}: shutting down (draining in-flight requests)`);
    const started = Date.now();
    // Belt and braces: the drain plugin already bounds the wait by config.shutdownTimeoutMs.
    const force = setTimeout(() => {
      logger.error('shutdown took too long: exiting');
      process.exit(1);
    }, config.shutdownTimeoutMs + 5000);
    force.unref();
    try {
      await server.stop();
      await db.close();
      logger.info({ durationMs: Date.now() - started }, 'shut down cleanly');
      process.exit(0);
    } catch (err) {
      logger.error({ err }, 'error during shutdown');
      process.exit(1);
    }
  };
  process.on('SIGTERM', (s) => void shutdown(s));
  process.on('SIGINT', (s) => void shutdown(s));
}

function fail(logger: Logger, what: string, err: unknown): never {
  const message = err instanceof Error ? err.message : String(err);
  // Expected failures (unreachable database, pending migrations, port in use) are explained by their
  // message; a stack trace would only bury it. Anything else keeps its stack for debugging.
  const expected = err instanceof DatabaseError || err instanceof StartupError || (err as NodeJS.ErrnoException)?.code === 'EADDRINUSE';
  logger.fatal(expected ? { reason: message } : { err }, `${what}: ${message}`);
  // Also one plain line on stderr, for humans reading a terminal.
  console.error(`argentum: ${what}: ${message}`);
  process.exit(1);
}

main().catch((err) => {
  console.error('argentum: unexpected error during start:', err);
  process.exit(1);
});
