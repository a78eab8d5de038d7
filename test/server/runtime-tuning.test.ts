import { loadConfig } from '../../src/config';
import { runtimeFlags } from '../../src/runtime-tuning';

describe('HEAP_GROWTH and the V8 flags of the server', () => {
  it('reads HEAP_GROWTH: 100 by default, a percentage, or auto; anything else is refused naming what is accepted', () => {
    expect(loadConfig({}).heapGrowthPercent).toBe(100);
    expect(loadConfig({ HEAP_GROWTH: '150' }).heapGrowthPercent).toBe(150);
    expect(loadConfig({ HEAP_GROWTH: 'AUTO' }).heapGrowthPercent).toBeUndefined();
    for (const bad of ['5', '401', '60%', '1.5', 'big']) {
      expect(() => loadConfig({ HEAP_GROWTH: bad })).toThrow(`HEAP_GROWTH must be auto or a percentage 10..400, got "${bad}"`);
    }
  });

  it.each([
    [{}, ['--heap-growing-percent=100']],
    [{ HEAP_GROWTH: 'auto' }, []],
    [{ DATABASE_URL: 'postgresql://u@localhost/db' }, ['--heap-growing-percent=100', '--liftoff-only']],
    [{ DATABASE_URL: 'postgresql://u@localhost/db', HEAP_GROWTH: '25' }, ['--heap-growing-percent=25', '--liftoff-only']],
  ])('%j runs with %j (PGlite keeps WebAssembly tier-up: it is PostgreSQL itself)', (env, flags) => {
    expect(runtimeFlags(loadConfig(env as Record<string, string>))).toEqual(flags);
  });
});
