// Where cached answers live: in process (lru-cache, bounded by entries and bytes) and, with REDIS_URL,
// in Redis as well (shared by every instance, with a TTL). Keys already hold the data version, so
// nothing here ever has to be invalidated: an answer of an older version is simply never asked for.
import { LRUCache } from 'lru-cache';
import type { RedisConnection } from './redis.js';

export interface CachedResponse {
  /** The response body exactly as sent (UTF-8 JSON). */
  body: Buffer;
  contentType: string;
  /** Strong ETag of the body, quoted. */
  etag: string;
  /** For the request log of a HIT (Apollo is not entered); '' when the operation has no name. */
  operationName: string;
}

export class MemoryResponseStore {
  private readonly lru: LRUCache<string, CachedResponse>;

  constructor(opts: { maxEntries: number; maxBytes: number }) {
    this.lru = new LRUCache<string, CachedResponse>({
      max: opts.maxEntries,
      maxSize: opts.maxBytes,
      // Key, body and a little for the object itself.
      sizeCalculation: (entry, key) => entry.body.length + key.length + entry.contentType.length + entry.etag.length + entry.operationName.length + 64,
    });
  }

  get(key: string): CachedResponse | undefined {
    return this.lru.get(key);
  }

  set(key: string, entry: CachedResponse): void {
    // lru-cache refuses (does not store) an entry larger than maxSize by itself.
    this.lru.set(key, entry);
  }

  clear(): void {
    this.lru.clear();
  }

  get size(): number {
    return this.lru.size;
  }
}

/** Redis value: `etag\ncontent-type\noperation-name\n` then the body bytes (none of the three can hold a newline). */
export function encodeEntry(entry: CachedResponse): Buffer {
  return Buffer.concat([Buffer.from(`${entry.etag}\n${entry.contentType}\n${entry.operationName}\n`, 'latin1'), entry.body]);
}

export function decodeEntry(buf: Buffer): CachedResponse | undefined {
  const first = buf.indexOf(10);
  const second = first < 0 ? -1 : buf.indexOf(10, first + 1);
  const third = second < 0 ? -1 : buf.indexOf(10, second + 1);
  if (third < 0) return undefined;
  return {
    etag: buf.toString('latin1', 0, first),
    contentType: buf.toString('latin1', first + 1, second),
    operationName: buf.toString('latin1', second + 1, third),
    body: buf.subarray(third + 1),
  };
}

export class RedisResponseStore {
  constructor(
    private readonly redis: RedisConnection,
    /** REDIS_PREFIX + 'response:' */
    private readonly prefix: string,
    private readonly ttlSeconds: number,
  ) {}

  available(): boolean {
    return this.redis.available();
  }

  /** Never rejects: an unreachable or slow Redis is a miss. */
  async get(key: string): Promise<CachedResponse | undefined> {
    if (!this.redis.available()) return undefined;
    try {
      const buf = await this.redis.client.getBuffer(this.prefix + key);
      return buf ? decodeEntry(buf) : undefined;
    } catch (err) {
      this.redis.reportFailure(err);
      return undefined;
    }
  }

  /** Fire and forget: the response does not wait for Redis. */
  set(key: string, entry: CachedResponse): void {
    if (!this.redis.available()) return;
    this.redis.client.set(this.prefix + key, encodeEntry(entry), 'EX', this.ttlSeconds).catch((err: unknown) => this.redis.reportFailure(err));
  }
}
