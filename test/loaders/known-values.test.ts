// KnownValuesLoader (src/loaders/known-values.ts): primed values answer synchronously; everything
// else behaves as DataLoader (batched loads, priming never overrides a cache entry).
import { KnownValuesLoader } from '../../src/loaders/known-values';

function loader() {
  const batches: string[][] = [];
  const l = new KnownValuesLoader<{ id: string }, string, string>(
    async (keys) => {
      batches.push(keys.map((k) => k.id));
      return keys.map((k) => `loaded ${k.id}`);
    },
    { cacheKeyFn: (k) => k.id },
  );
  return { l, batches };
}

describe('KnownValuesLoader', () => {
  test('a primed value is answered now, by an equal key; an unprimed one is loaded in one batch', async () => {
    const { l, batches } = loader();
    l.prime({ id: 'a' }, 'primed a');
    expect(l.loadNow({ id: 'a' })).toBe('primed a');
    const b = l.loadNow({ id: 'b' });
    const c = l.loadNow({ id: 'c' });
    expect(b).toBeInstanceOf(Promise);
    expect(await Promise.all([b, c])).toEqual(['loaded b', 'loaded c']);
    expect(batches).toEqual([['b', 'c']]);
    // load() still answers the primed value, without a batch.
    expect(await l.load({ id: 'a' })).toBe('primed a');
    expect(batches).toHaveLength(1);
  });

  test("the same key object asked again (a list's rows) has its cache key made once; other objects each get theirs", async () => {
    const made: string[] = [];
    const l = new KnownValuesLoader<{ id: string }, string, string>(async (keys) => keys.map((k) => `loaded ${k.id}`), {
      cacheKeyFn: (k) => (made.push(k.id), k.id),
    });
    const a = { id: 'a' };
    l.prime({ id: 'a' }, 'primed a');
    made.length = 0;
    for (let i = 0; i < 3; i++) expect(l.loadNow(a)).toBe('primed a');
    expect(made).toEqual(['a']);
    // Another object with the same values is asked for its key; after another key, `a` answers as before.
    made.length = 0;
    expect(l.loadNow({ id: 'a' })).toBe('primed a');
    expect(made).toEqual(['a']);
    expect(await l.loadNow({ id: 'b' })).toBe('loaded b');
    expect(l.loadNow(a)).toBe('primed a');
    expect(await l.load(a)).toBe('primed a');
  });

  test('priming a key already loaded or primed changes nothing, as in DataLoader', async () => {
    const { l } = loader();
    expect(await l.load({ id: 'a' })).toBe('loaded a');
    l.prime({ id: 'a' }, 'primed a');
    expect(await l.loadNow({ id: 'a' })).toBe('loaded a');
    l.prime({ id: 'b' }, 'first');
    l.prime({ id: 'b' }, 'second');
    expect(l.loadNow({ id: 'b' })).toBe('first');
    expect(await l.load({ id: 'b' })).toBe('first');
  });

  test('an Error or a promise primed is not a value now; clear and clearAll forget what was primed', async () => {
    const { l } = loader();
    l.prime({ id: 'e' }, new Error('no such row'));
    const e = l.loadNow({ id: 'e' });
    expect(e).toBeInstanceOf(Promise);
    await expect(e).rejects.toThrow('no such row');
    l.prime({ id: 'p' }, Promise.resolve('later'));
    const p = l.loadNow({ id: 'p' });
    expect(p).toBeInstanceOf(Promise);
    expect(await p).toBe('later');

    l.prime({ id: 'a' }, 'primed a');
    l.clear({ id: 'a' });
    expect(await l.loadNow({ id: 'a' })).toBe('loaded a');
    l.clearAll();
    l.prime({ id: 'a' }, 'primed again');
    expect(l.loadNow({ id: 'a' })).toBe('primed again');
  });

  test('load() and loadMany() answer a primed value without a batch', async () => {
    const { l, batches } = loader();
    l.prime({ id: 'a' }, 'primed a');
    expect(await l.load({ id: 'a' })).toBe('primed a');
    expect(await l.loadMany([{ id: 'a' }, { id: 'b' }])).toEqual(['primed a', 'loaded b']);
    expect(batches).toEqual([['b']]);
  });

  test('without a cache, priming is ignored (as DataLoader ignores it) and every read loads', async () => {
    const batches: string[][] = [];
    const l = new KnownValuesLoader<string, string>(
      async (keys) => {
        batches.push([...keys]);
        return keys.map((k) => `loaded ${k}`);
      },
      { cache: false },
    );
    l.prime('a', 'primed a');
    const now = l.loadNow('a');
    expect(now).toBeInstanceOf(Promise);
    expect(await now).toBe('loaded a');
    expect(batches).toEqual([['a']]);
  });

  test('primeFrom: a value a read brought is primed when its key is first asked, not before', async () => {
    const { l, batches } = loader();
    const asked: string[] = [];
    l.prime({ id: 'a' }, 'primed a');
    l.primeFrom((k) => {
      asked.push(k.id);
      return k.id === 'a' || k.id === 'b' ? `brought ${k.id}` : undefined;
    });
    expect(asked).toEqual([]);
    // A key with a cache entry keeps it: the lookup is not asked.
    expect(l.loadNow({ id: 'a' })).toBe('primed a');
    expect(l.loadNow({ id: 'b' })).toBe('brought b');
    expect(l.loadNow({ id: 'b' })).toBe('brought b');
    expect(await l.load({ id: 'b' })).toBe('brought b');
    expect(asked).toEqual(['b']);
    // A key the read did not bring is loaded.
    expect(await l.loadNow({ id: 'c' })).toBe('loaded c');
    expect(batches).toEqual([['c']]);
    // Cleared: forgotten, as a primed value is; clearAll forgets the lookups too.
    l.clear({ id: 'b' });
    expect(await l.loadNow({ id: 'b' })).toBe('loaded b');
    l.clearAll();
    expect(await l.loadNow({ id: 'a' })).toBe('loaded a');
    expect(asked).toEqual(['b', 'c']);
  });
});
