// Rate limits per API key, else per client address (req.ip: behind a proxy, TRUST_PROXY says how
// many hops of X-Forwarded-For to believe): requests per minute, checked before anything else on
// /graphql, and query cost per minute, charged once an operation's cost is known. Counted in Redis
// when REDIS_URL is set, so every instance shares one budget (rate-limiter-flexible, with an
// in-process limiter standing in while Redis is unreachable); in process otherwise.
// Answers carry RateLimit-Limit / -Remaining / -Reset and RateLimit-Policy; a refusal is HTTP 429
// with Retry-After and the code RATE_LIMITED.
import { createHash } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { GraphQLError } from 'graphql';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { Redis } from 'ioredis';
import { ErrorCodes } from '../errors.js';
import { apiKeyOf } from '../auth/authenticate.js';

const WINDOW_SECONDS = 60;

export interface RateLimits {
  requests: RateLimiterAbstract;
  cost: RateLimiterAbstract;
  requestsPerMinute: number;
  costPerMinute: number;
}

export function createRateLimits(opts: { requestsPerMinute: number; costPerMinute: number; redis?: Redis; prefix: string }): RateLimits {
  const make = (name: string, points: number): RateLimiterAbstract => {
    const memory = new RateLimiterMemory({ keyPrefix: `${opts.prefix}rl:${name}`, points, duration: WINDOW_SECONDS });
    if (!opts.redis) return memory;
    return new RateLimiterRedis({
      storeClient: opts.redis,
      keyPrefix: `${opts.prefix}rl:${name}`,
      points,
      duration: WINDOW_SECONDS,
      // Redis unreachable: count in process rather than refuse or let everything through.
      insuranceLimiter: memory,
      rejectIfRedisNotReady: true,
    });
  };
  return {
    requests: make('requests', opts.requestsPerMinute),
    cost: make('cost', opts.costPerMinute),
    requestsPerMinute: opts.requestsPerMinute,
    costPerMinute: opts.costPerMinute,
  };
}

/** Whose budget a request spends: its API key (hashed: keys are never stored in clear), else its address. */
export function clientOf(req: Request): string {
  const key = apiKeyOf(req);
  if (key) return `key:${createHash('sha256').update(key).digest('hex').slice(0, 32)}`;
  return addressClient(req.ip ?? req.socket.remoteAddress);
}

/** The budget of a request without an API key: its client address. */
export const addressClient = (ip: string | undefined) => `ip:${ip ?? 'unknown'}`;

function headersOf(res: RateLimiterRes, limit: number): Record<string, string> {
  const reset = Math.max(1, Math.ceil(res.msBeforeNext / 1000));
  return {
    'RateLimit-Limit': String(limit),
    'RateLimit-Remaining': String(Math.max(0, res.remainingPoints)),
    'RateLimit-Reset': String(reset),
    'RateLimit-Policy': `${limit};w=${WINDOW_SECONDS}`,
  };
}

function refusal(what: string, limit: number, res: RateLimiterRes): { message: string; headers: Record<string, string> } {
  const retryAfter = Math.max(1, Math.ceil(res.msBeforeNext / 1000));
  return {
    message: `Rate limit exceeded: more than ${limit} ${what} per minute from this ${'API key or client address'}; retry after ${retryAfter} s.`,
    headers: { ...headersOf(res, limit), 'Retry-After': String(retryAfter) },
  };
}

/** Set on a request whose one request was already counted (by the hit path, src/cache/hit-path.ts). */
export const REQUEST_COUNTED = Symbol('argentum.requestCounted');

/** One more request of `client`: the RateLimit headers to answer with, and the 429 body when over the limit. */
export async function countRequest(
  limits: RateLimits,
  client: string,
): Promise<{ headers: Record<string, string>; refusal?: { errors: Array<{ message: string; extensions: { code: string } }> } }> {
  try {
    return { headers: headersOf(await limits.requests.consume(client, 1), limits.requestsPerMinute) };
  } catch (err) {
    if (!(err instanceof RateLimiterRes)) throw err;
    const { message, headers } = refusal('requests', limits.requestsPerMinute, err);
    return { headers, refusal: { errors: [{ message, extensions: { code: ErrorCodes.RATE_LIMITED } }] } };
  }
}

/** Requests per minute: before the body is read, the cache or Apollo. */
export function requestRateLimit(limits: RateLimits) {
  return async function rateLimitRequests(req: Request, res: Response, next: NextFunction): Promise<void> {
    if ((req as unknown as Record<symbol, unknown>)[REQUEST_COUNTED]) return next();
    let outcome: Awaited<ReturnType<typeof countRequest>>;
    try {
      outcome = await countRequest(limits, clientOf(req));
    } catch (err) {
      next(err);
      return;
    }
    res.set(outcome.headers);
    if (outcome.refusal) res.status(429).json(outcome.refusal);
    else next();
  };
}

/**
 * Charges an operation's cost to its client (called by the cost plugin once the cost is known);
 * over the budget: a GraphQLError that Apollo answers with 429 and the headers.
 */
export async function chargeCost(limits: RateLimits, client: string, cost: number): Promise<void> {
  if (cost <= 0) return;
  try {
    await limits.cost.consume(client, cost);
  } catch (err) {
    if (!(err instanceof RateLimiterRes)) throw err;
    // A refused operation does not run, so it spends nothing of the budget.
    await limits.cost.reward(client, cost).catch(() => {});
    const { message, headers } = refusal('query cost points', limits.costPerMinute, err);
    throw new GraphQLError(message, {
      extensions: { code: ErrorCodes.RATE_LIMITED, http: { status: 429, headers: new Map(Object.entries(headers)) } },
    });
  }
}
