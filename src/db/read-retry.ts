// Reads that survive a dropped connection or a restarting server: a read that fails because the
// connection broke, or because PostgreSQL is starting up or shutting down, is tried again with
// backoff until a time budget runs out. Only for clients that read (the API's); writes are never
// retried blindly, since a write whose answer was lost may have been committed.
import type { PrismaClient } from '../generated/prisma/client.js';

/** PostgreSQL SQLSTATEs of a connection that broke or a server that cannot serve yet. */
const TRANSIENT_SQLSTATES = new Set(['57P01', '57P02', '57P03', '08000', '08001', '08003', '08004', '08006', '08007']);
/** Prisma's codes for an unreachable or vanished server, and a pool that timed out. */
const TRANSIENT_PRISMA_CODES = new Set(['P1001', 'P1002', 'P1008', 'P1017', 'P2024']);
const TRANSIENT_NODE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH']);
/** The driver adapter's error kinds for the same (its DriverAdapterError's cause, on direct reads). */
const TRANSIENT_ADAPTER_KINDS = new Set(['DatabaseNotReachable', 'ConnectionClosed', 'SocketTimeout']);
const TRANSIENT_MESSAGES =
  /Connection terminated|connection (?:was )?closed|server (?:has )?closed the connection|terminating connection|the database system is (?:starting up|shutting down)|Can't reach database server|ECONNREFUSED|ECONNRESET/i;

/** True when `err` (or what caused it) is a broken connection or a server not ready, worth trying again. */
export function isTransientConnectionError(err: unknown): boolean {
  for (let e: any = err, depth = 0; e && depth < 8; e = e.cause ?? e.originalError, depth++) {
    if (typeof e.code === 'string' && (TRANSIENT_PRISMA_CODES.has(e.code) || TRANSIENT_NODE_CODES.has(e.code) || TRANSIENT_SQLSTATES.has(e.code))) return true;
    if (typeof e.originalCode === 'string' && TRANSIENT_SQLSTATES.has(e.originalCode)) return true;
    if (typeof e.kind === 'string' && TRANSIENT_ADAPTER_KINDS.has(e.kind)) return true;
    if (typeof e.message === 'string' && TRANSIENT_MESSAGES.test(e.message)) return true;
    if (typeof e !== 'object') break;
  }
  return false;
}

export interface ReadRetryOptions {
  /** Give up after this long since the first attempt (ms). Default 10000. */
  budgetMs?: number;
  /** The first wait, doubled per attempt up to maxDelayMs (ms). Defaults 50 and 1000. */
  firstDelayMs?: number;
  maxDelayMs?: number;
  /** Told of each retry (for the log). */
  onRetry?: (err: unknown, attempt: number, delayMs: number) => void;
}

/** Runs `read`, trying again on transient connection errors with exponential backoff and jitter, within the budget. */
export async function retryRead<T>(read: () => Promise<T>, opts: ReadRetryOptions = {}): Promise<T> {
  const budget = opts.budgetMs ?? 10_000;
  const started = Date.now();
  let delay = opts.firstDelayMs ?? 50;
  for (let attempt = 1; ; attempt++) {
    try {
      return await read();
    } catch (err) {
      const left = budget - (Date.now() - started);
      if (!isTransientConnectionError(err) || left <= 0) throw err;
      const wait = Math.min(left, delay / 2 + Math.random() * (delay / 2));
      opts.onRetry?.(err, attempt, wait);
      await new Promise((resolve) => setTimeout(resolve, wait));
      delay = Math.min(delay * 2, opts.maxDelayMs ?? 1000);
    }
  }
}

const retriedClients = new WeakMap<object, ReadRetryOptions>();

/**
 * Marks a client whose reads (those made through readWithRetries: the API's read path) are retried.
 * A WeakMap lookup per read, not a client extension: an extension wrapping every operation cost a
 * third more CPU per request on the bench.
 */
export function enableReadRetries(prisma: PrismaClient, opts: ReadRetryOptions = {}): void {
  retriedClients.set(prisma, opts);
}

/** Runs a read, retried as enableReadRetries set for this client (else once). */
export function readWithRetries<T>(prisma: PrismaClient, read: () => Promise<T>): Promise<T> {
  const opts = retriedClients.get(prisma);
  return opts ? retryRead(read, opts) : read();
}
