// A DataLoader whose primed values can be read synchronously. DataLoader caches promises, so a
// field whose value a list's own read already brought still returned a promise, and the executor
// paid a microtask and an async step per row for it (changeSince on each of a page's 100 prices).
import DataLoader from 'dataloader';

export class KnownValuesLoader<K, V, C = K> extends DataLoader<K, V, C> {
  readonly #keyOf: (key: K) => C;
  readonly #caches: boolean;
  /** Values primed into an empty cache entry: what `load` answers for their keys. */
  readonly #known = new Map<C, V>();
  /**
   * Known values not yet handed to DataLoader's cache: most primed keys are only read by loadNow,
   * so the resolved promise DataLoader would keep for each is made when `load` first asks for it.
   */
  readonly #unpromised = new Set<C>();
  /** Keys with a cache entry (loaded or primed): priming them again changes nothing, as in DataLoader. */
  readonly #cached = new Set<C>();
  /** Lookups of values a read brought, asked when a key without a cache entry is read (primeFrom). */
  readonly #sources: Array<(key: K) => V | undefined> = [];
  /** Keys cleared since: their sources' values are forgotten too, as a primed value would be. */
  readonly #cleared = new Set<C>();
  /**
   * The last key object asked for and its cache key: a list's rows often ask with one key object
   * (see changeSince), whose cache key (a string built from its fields) is then made once.
   */
  #lastKey: K | undefined;
  #lastCacheKey: C | undefined;

  constructor(batch: DataLoader.BatchLoadFn<K, V>, options?: DataLoader.Options<K, V, C>) {
    super(batch, options);
    // DataLoader's own default: the key itself.
    this.#keyOf = options?.cacheKeyFn ?? ((key: K) => key as unknown as C);
    this.#caches = options?.cache !== false;
  }

  /**
   * Primes lazily: `lookUp` answers the keys whose values a read brought (undefined for others), and
   * is asked only when such a key is read without a cache entry; its answer is then primed. For a
   * read of many keys whose values are mostly reached another way (a page's prices carry their
   * dates' prices): no key is made for each of them unless it is asked for.
   */
  primeFrom(lookUp: (key: K) => V | undefined): this {
    if (this.#caches) this.#sources.push(lookUp);
    return this;
  }

  #primeFromSources(key: K, k: C): void {
    if (this.#sources.length === 0 || this.#cached.has(k) || this.#cleared.has(k)) return;
    for (const lookUp of this.#sources) {
      const value = lookUp(key);
      if (value !== undefined) {
        this.prime(key, value);
        return;
      }
    }
  }

  #cacheKeyOf(key: K): C {
    if (key !== this.#lastKey) {
      this.#lastCacheKey = this.#keyOf(key);
      this.#lastKey = key;
    }
    return this.#lastCacheKey as C;
  }

  /** The value now when it was primed; otherwise `load(key)`. */
  loadNow(key: K): V | Promise<V> {
    const k = this.#cacheKeyOf(key);
    this.#primeFromSources(key, k);
    return this.#known.has(k) ? this.#known.get(k)! : this.#loadEntry(key, k);
  }

  override load(key: K): Promise<V> {
    const k = this.#cacheKeyOf(key);
    this.#primeFromSources(key, k);
    return this.#loadEntry(key, k);
  }

  /** DataLoader's load, with a known value handed to its cache first. */
  #loadEntry(key: K, k: C): Promise<V> {
    if (this.#unpromised.delete(k)) super.prime(key, this.#known.get(k)!);
    this.#cached.add(k);
    return super.load(key);
  }

  override prime(key: K, value: V | PromiseLike<V> | Error): this {
    // Without a cache DataLoader ignores priming; so does this.
    if (!this.#caches) return this;
    const k = this.#keyOf(key);
    if (this.#cached.has(k)) return this;
    this.#cached.add(k);
    // An Error or a promise is not a value to answer with now.
    const thenable = value !== null && typeof value === 'object' && typeof (value as PromiseLike<V>).then === 'function';
    if (value instanceof Error || thenable) return super.prime(key, value);
    this.#known.set(k, value as V);
    this.#unpromised.add(k);
    return this;
  }

  override clear(key: K): this {
    const k = this.#keyOf(key);
    this.#known.delete(k);
    this.#unpromised.delete(k);
    this.#cached.delete(k);
    this.#cleared.add(k);
    return super.clear(key);
  }

  override clearAll(): this {
    this.#known.clear();
    this.#unpromised.clear();
    this.#cached.clear();
    this.#sources.length = 0;
    this.#cleared.clear();
    return super.clearAll();
  }
}
