// The data version: one row in data_version, bumped in the same transaction as every write to the
// figures, with pg_notify so that every instance learns the new version at commit. Response caches
// key their answers on it (src/cache), so an answer computed before a write is never served after it.
//
// Watching it: on PostgreSQL a dedicated pg client LISTENs (reconnecting with backoff, re-reading the
// version after each reconnect; while it is disconnected the version is unknown and callers must not
// serve cached answers). On PGlite (one process) PGlite's own listen() hears the notifications that
// the same instance's commits raise, so the importer and later mutations need no other path.
import type { PGlite } from '@electric-sql/pglite';
import { Client } from 'pg';
import type { Prisma, PrismaClient } from '../generated/prisma/client.js';
import { databaseInternals, type Database } from './database.js';

/** The PostgreSQL notification channel; the payload is the new version in decimal. */
export const DATA_VERSION_CHANNEL = 'argentum_data_version';

export interface DataVersion {
  /** Random per database (a recreated database starts again at version 1). */
  epoch: string;
  version: bigint;
  /** `epoch:version`: what caches put in their keys. */
  tag: string;
}

const makeVersion = (epoch: string, version: bigint): DataVersion => ({ epoch, version, tag: `${epoch}:${version}` });

/**
 * Bumps the data version inside the caller's transaction and notifies DATA_VERSION_CHANNEL (delivered
 * at commit, dropped on rollback). Every write to the figures calls it in its own transaction:
 * the importer does; mutations must. Returns the new version.
 */
export async function bumpDataVersion(tx: Prisma.TransactionClient | PrismaClient): Promise<bigint> {
  // One statement: upsert keeps working if the row was ever deleted; the LATERAL runs pg_notify once
  // for the new version (pg_notify returns void, which Prisma cannot read as a column).
  const rows = await tx.$queryRaw<{ version: string }[]>`
    WITH bumped AS (
      INSERT INTO data_version (id, version) VALUES (1, 1)
      ON CONFLICT (id) DO UPDATE SET version = data_version.version + 1
      RETURNING version
    )
    SELECT bumped.version::text AS version
    FROM bumped CROSS JOIN LATERAL (SELECT pg_notify(${DATA_VERSION_CHANNEL}, bumped.version::text)) AS notified`;
  return BigInt(rows[0].version);
}

const READ_SQL = 'SELECT epoch::text AS epoch, version::text AS version FROM data_version WHERE id = 1';
type VersionRow = { epoch: string; version: string };
const fromRows = (rows: VersionRow[]): DataVersion =>
  rows.length ? makeVersion(rows[0].epoch, BigInt(rows[0].version)) : makeVersion('none', 0n);

/** The committed data version, read through Prisma. */
export async function readDataVersion(prisma: Prisma.TransactionClient | PrismaClient): Promise<DataVersion> {
  return fromRows(await prisma.$queryRawUnsafe<VersionRow[]>(READ_SQL));
}

/** What the server and tests need of the data version. */
export interface DataVersionSource {
  /** The version this instance knows, or undefined while it cannot know it (listener disconnected, not yet read). */
  current(): DataVersion | undefined;
  /** Resolves with the version as soon as it is known. */
  ready(timeoutMs?: number): Promise<DataVersion>;
  /** Resolves once the known version is at least `version` (e.g. after a write, to await its notification). */
  waitFor(version: bigint, timeoutMs?: number): Promise<DataVersion>;
  /** Called whenever current() changes: a new version, or lost (undefined) and regained. Returns an unsubscribe. */
  onChange(listener: (v: DataVersion | undefined) => void): () => void;
  close(): Promise<void>;
}

/** The subset of a pino logger the watcher uses. */
export interface WatchLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

export interface WatchDataVersionOptions {
  logger?: WatchLogger;
  /** Reconnect delays on PostgreSQL: the first, doubled per failed attempt up to the last (ms). Default 100 and 5000. */
  reconnectDelayMs?: { first: number; max: number };
  /** PostgreSQL: how often the listening connection re-reads the version (a heartbeat that also finds dead connections). Default 30000 ms. */
  heartbeatMs?: number;
}

/** Starts watching the data version of a database opened by openDatabase(). Await ready() before relying on current(). */
export function watchDataVersion(db: Database, opts: WatchDataVersionOptions = {}): DataVersionSource {
  const target = databaseInternals(db).listenTarget;
  return target.kind === 'pglite' ? new PgliteWatcher(target.pglite, opts) : new PostgresWatcher(target.connectionString, db.label, opts);
}

/** The known version, its change listeners and waiters; shared by both watchers. */
abstract class VersionState implements DataVersionSource {
  private value: DataVersion | undefined;
  private readonly listeners = new Set<(v: DataVersion | undefined) => void>();
  protected closed = false;

  current(): DataVersion | undefined {
    return this.value;
  }

  protected set(v: DataVersion | undefined): void {
    if (v?.tag === this.value?.tag) return;
    this.value = v;
    for (const listener of [...this.listeners]) listener(v);
  }

  /** A notified version: only ever forward, and only while the epoch is known. */
  protected advance(version: bigint): void {
    if (this.value && version > this.value.version) this.set(makeVersion(this.value.epoch, version));
  }

  onChange(listener: (v: DataVersion | undefined) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  ready(timeoutMs?: number): Promise<DataVersion> {
    return this.until((v) => v !== undefined, timeoutMs, 'the data version to be read');
  }

  waitFor(version: bigint, timeoutMs?: number): Promise<DataVersion> {
    return this.until((v) => v !== undefined && v.version >= version, timeoutMs, `data version ${version}`);
  }

  private until(ok: (v: DataVersion | undefined) => boolean, timeoutMs: number | undefined, what: string): Promise<DataVersion> {
    if (ok(this.value)) return Promise.resolve(this.value!);
    return new Promise((resolve, reject) => {
      let timer: NodeJS.Timeout | undefined;
      const off = this.onChange((v) => {
        if (!ok(v)) return;
        off();
        if (timer) clearTimeout(timer);
        resolve(v!);
      });
      if (timeoutMs !== undefined) {
        timer = setTimeout(() => {
          off();
          reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what} (known: ${this.value?.version ?? 'none'})`));
        }, timeoutMs);
        timer.unref();
      }
    });
  }

  abstract close(): Promise<void>;
}

/** PGlite: one process, no connection to lose; its listen() hears this instance's own commits. */
class PgliteWatcher extends VersionState {
  private readonly started: Promise<void>;
  private unlisten?: () => Promise<void>;

  constructor(pglite: PGlite, opts: WatchDataVersionOptions) {
    super();
    this.started = (async () => {
      // Listen first, then read: a commit in between is heard, never missed.
      this.unlisten = await pglite.listen(DATA_VERSION_CHANNEL, (payload) => this.advance(parseVersion(payload)));
      this.set(fromRows((await pglite.query<VersionRow>(READ_SQL)).rows));
    })().catch((err: unknown) => {
      opts.logger?.warn({ reason: message(err) }, `data version: cannot watch PGlite: ${message(err)}`);
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.started;
    // The database may already be closed (its owner closes it too): nothing left to unlisten then.
    await this.unlisten?.().catch(() => {});
    this.set(undefined);
  }
}

/** PostgreSQL: a dedicated client LISTENs; it reconnects with backoff and re-reads after each connect. */
class PostgresWatcher extends VersionState {
  private client: Client | undefined;
  private attempt = 0;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private heartbeat: NodeJS.Timeout | undefined;
  private down = false;
  private readonly first: number;
  private readonly max: number;
  private readonly heartbeatMs: number;

  constructor(
    private readonly connectionString: string,
    private readonly label: string,
    private readonly opts: WatchDataVersionOptions,
  ) {
    super();
    this.first = opts.reconnectDelayMs?.first ?? 100;
    this.max = opts.reconnectDelayMs?.max ?? 5000;
    this.heartbeatMs = opts.heartbeatMs ?? 30_000;
    void this.connect();
  }

  private async connect(): Promise<void> {
    this.reconnectTimer = undefined;
    if (this.closed) return;
    const client = new Client({
      connectionString: this.connectionString,
      application_name: 'argentum data-version listener',
      keepAlive: true,
      connectionTimeoutMillis: 10_000,
      query_timeout: 10_000,
    });
    this.client = client;
    client.on('error', (err) => this.lost(client, err));
    client.on('end', () => this.lost(client, new Error('connection ended')));
    client.on('notification', (msg) => {
      if (this.client === client && msg.channel === DATA_VERSION_CHANNEL && msg.payload) this.advance(parseVersion(msg.payload));
    });
    try {
      await client.connect();
      // Listen first, then read: a commit in between is heard, never missed.
      await client.query(`LISTEN ${DATA_VERSION_CHANNEL}`);
      const read = fromRows((await client.query<VersionRow>(READ_SQL)).rows);
      if (this.client !== client) return; // lost or closed meanwhile
      this.attempt = 0;
      this.set(read);
      if (this.down) {
        this.down = false;
        this.opts.logger?.info({ dataVersion: read.version.toString() }, `data version: listening again on ${this.label} (version ${read.version})`);
      }
      this.heartbeat = setInterval(() => void this.beat(client), this.heartbeatMs);
      this.heartbeat.unref();
    } catch (err) {
      this.lost(client, err);
    }
  }

  private async beat(client: Client): Promise<void> {
    try {
      const read = fromRows((await client.query<VersionRow>(READ_SQL)).rows);
      // Same connection as the notifications, so this read and them arrive in commit order.
      if (this.client === client) this.set(read);
    } catch (err) {
      this.lost(client, err);
    }
  }

  private lost(client: Client, err: unknown): void {
    if (this.client !== client) return;
    this.client = undefined;
    clearInterval(this.heartbeat);
    client.removeAllListeners('notification');
    client.on('error', () => {}); // late socket errors of a client being dropped
    client.end().catch(() => {});
    this.set(undefined);
    if (this.closed) return;
    if (!this.down) {
      this.down = true;
      this.opts.logger?.warn(
        { reason: message(err) },
        `data version: lost the listening connection to ${this.label} (${message(err)}); cached answers are not served until it is back`,
      );
    }
    const delay = Math.min(this.max, this.first * 2 ** this.attempt++);
    this.reconnectTimer = setTimeout(() => void this.connect(), delay * (0.75 + Math.random() * 0.5));
    this.reconnectTimer.unref();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.reconnectTimer);
    clearInterval(this.heartbeat);
    const client = this.client;
    this.client = undefined;
    this.set(undefined);
    if (client) {
      client.removeAllListeners('notification');
      client.on('error', () => {});
      await client.end().catch(() => {});
    }
  }
}

function parseVersion(payload: string): bigint {
  return /^\d+$/.test(payload) ? BigInt(payload) : -1n;
}

function message(err: unknown): string {
  return err instanceof Error ? err.message || err.name : String(err);
}
