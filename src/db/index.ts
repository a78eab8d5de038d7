export { openDatabase, type Database, type DatabaseKind, type OpenDatabaseOptions, type QueryEvent } from './database.js';
export { DatabaseError, redactUrl } from './errors.js';
export { migrateDatabase, diffDatabaseToSchema, createMigration, loadMigrations, migrationsDir, schemaPath, type CreatedMigration } from './migrate.js';
export {
  bumpDataVersion,
  readDataVersion,
  watchDataVersion,
  DATA_VERSION_CHANNEL,
  type DataVersion,
  type DataVersionSource,
  type WatchDataVersionOptions,
} from './data-version.js';
export { enableReadRetries, isTransientConnectionError, readWithRetries, retryRead, type ReadRetryOptions } from './read-retry.js';
