// Prisma's schema engine compiled to WASM: migrations and diffs with no native engine download
// (see docs/stack.md). The package is ESM-only and loads its .wasm through an ESM
// import that Node cannot do, so we import the JS glue and instantiate the WASM ourselves.
import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { bindMigrationAwareSqlAdapterFactory, type SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import type { SchemaEngine } from '@prisma/schema-engine-wasm' with { 'resolution-mode': 'import' };

type Glue = typeof import('@prisma/schema-engine-wasm', { with: { 'resolution-mode': 'import' } }) & {
  __wbg_set_wasm(exports: WebAssembly.Exports): void;
};

// A real dynamic import(): swc (jest) compiles `import()` to require(),
// which cannot load this ESM file (under jest it needs NODE_OPTIONS=--experimental-vm-modules).
// The nonce makes the source unique per module instance: V8 caches compiled functions by source,
// and a cached one keeps the dynamic-import handler of the first jest test file that compiled it
// ("import after the Jest environment has been torn down" in the next file of the same worker).
const importEsm = new Function('specifier', `return import(specifier); // ${process.pid}-${Date.now()}-${Math.random()}`) as (
  specifier: string,
) => Promise<unknown>;

let gluePromise: Promise<Glue> | undefined;

function loadGlue(): Promise<Glue> {
  gluePromise ??= (async () => {
    const gluePath = require.resolve('@prisma/schema-engine-wasm/schema_engine_bg');
    const glue = (await importEsm(gluePath)) as Glue;
    const bytes = await readFile(path.join(path.dirname(gluePath), 'schema_engine_bg.wasm'));
    const { instance } = await WebAssembly.instantiate(bytes, { './schema_engine_bg.js': withUnrefTimers(glue) });
    glue.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
    return glue;
  })();
  gluePromise.catch(() => (gluePromise = undefined));
  return gluePromise;
}

// The engine arms a 10 s timer around its database work (lock/query timeouts) and never clears it;
// left alone, every CLI run and test process lingers 10 s after finishing. The engine's own work is
// always waiting on a driver's socket or promise chain, so unref'd timers do not cut it short.
function withUnrefTimers(glue: Glue): WebAssembly.ModuleImports {
  const imports: WebAssembly.ModuleImports = { ...(glue as unknown as WebAssembly.ModuleImports) };
  for (const [name, fn] of Object.entries(imports)) {
    if (name.startsWith('__wbg_setTimeout_') && typeof fn === 'function') {
      imports[name] = (...args: unknown[]) => {
        const timer = (fn as (...a: unknown[]) => unknown)(...args);
        (timer as { unref?: () => void } | undefined)?.unref?.();
        return timer;
      };
    }
  }
  return imports;
}

export type { SchemaEngine };

/**
 * A schema engine working through a driver adapter factory; `logs` collects its log lines (JSON),
 * for debugging. Call `engine.free()` when done.
 */
export async function createSchemaEngine(
  adapterFactory: SqlMigrationAwareDriverAdapterFactory,
  schema?: { path: string; content: string },
): Promise<{ engine: SchemaEngine; logs: string[] }> {
  const glue = await loadGlue();
  const logs: string[] = [];
  const engine = await glue.SchemaEngine.new(
    { datamodels: schema ? [[schema.path, schema.content]] : undefined },
    (line: string) => logs.push(line),
    bindMigrationAwareSqlAdapterFactory(adapterFactory),
  );
  return { engine, logs };
}
