// Prisma's schema engine compiled to WASM: migrations and diffs with no native engine download
// (see shared/design/STACK.md). The package is ESM-only and loads its .wasm through an ESM
// import that Node cannot do, so we import the JS glue and instantiate the WASM ourselves.
import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { bindMigrationAwareSqlAdapterFactory, type SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import type { SchemaEngine } from '@prisma/schema-engine-wasm' with { 'resolution-mode': 'import' };

type Glue = typeof import('@prisma/schema-engine-wasm', { with: { 'resolution-mode': 'import' } }) & {
  __wbg_set_wasm(exports: WebAssembly.Exports): void;
};

// A real dynamic import(): swc (jest) and tsc would otherwise turn `import()` into require(),
// which cannot load this ESM file (under jest it needs NODE_OPTIONS=--experimental-vm-modules).
const importEsm = new Function('specifier', 'return import(specifier)') as (specifier: string) => Promise<unknown>;

let gluePromise: Promise<Glue> | undefined;

function loadGlue(): Promise<Glue> {
  gluePromise ??= (async () => {
    const gluePath = require.resolve('@prisma/schema-engine-wasm/schema_engine_bg');
    const glue = (await importEsm(gluePath)) as Glue;
    const bytes = await readFile(path.join(path.dirname(gluePath), 'schema_engine_bg.wasm'));
    const { instance } = await WebAssembly.instantiate(bytes, { './schema_engine_bg.js': glue as unknown as WebAssembly.ModuleImports });
    glue.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
    return glue;
  })();
  gluePromise.catch(() => (gluePromise = undefined));
  return gluePromise;
}

export type { SchemaEngine };

/**
 * A schema engine working through a driver adapter factory. `logs` collects the engine's log lines,
 * which explain failures better than the thrown error does. Call `engine.free()` when done.
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
