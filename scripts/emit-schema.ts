// `npm run schema`: rewrites schema.graphql from the type-graphql classes.
//
// tsx (esbuild) cannot emit decorator metadata, which type-graphql needs, so this script (run by
// tsx, and itself free of decorators) compiles src/**/*.ts with @swc/core (the same options as
// jest) into node_modules/.cache/argentum-schema/ and loads buildAppSchema from there. About a
// second, offline, nothing but installed packages. `--check` only compares (exit 1 when stale).
import { transformFileSync } from '@swc/core';
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const root = resolve(__dirname, '..');
const srcDir = join(root, 'src');
const outDir = join(root, 'node_modules', '.cache', 'argentum-schema');
const schemaFile = join(root, 'schema.graphql');

function* tsFiles(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'web' && entry.name !== 'node_modules') yield* tsFiles(path);
    } else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) {
      yield path;
    }
  }
}

function compile(): void {
  rmSync(outDir, { recursive: true, force: true });
  for (const file of tsFiles(srcDir)) {
    const { code } = transformFileSync(file, {
      jsc: {
        target: 'es2022',
        parser: { syntax: 'typescript', decorators: true },
        transform: { legacyDecorator: true, decoratorMetadata: true },
      },
      module: { type: 'commonjs' },
      sourceMaps: false,
      swcrc: false,
      configFile: false,
    });
    const out = join(outDir, relative(srcDir, file)).replace(/\.ts$/, '.js');
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, code);
  }
}

async function main(): Promise<void> {
  const check = process.argv.includes('--check');
  compile();
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { buildAppSchema, printAppSchema } = require(join(outDir, 'schema.js')) as typeof import('../src/schema');
  const sdl = printAppSchema(await buildAppSchema());
  const current = (() => {
    try {
      return readFileSync(schemaFile, 'utf8');
    } catch {
      return '';
    }
  })();
  if (check) {
    if (current !== sdl) {
      console.error('schema.graphql is out of date: run `npm run schema`.');
      process.exit(1);
    }
    console.log('schema.graphql is up to date.');
    return;
  }
  if (current === sdl) {
    console.log('schema.graphql is up to date.');
  } else {
    writeFileSync(schemaFile, sdl);
    console.log(`Wrote ${relative(process.cwd(), schemaFile) || schemaFile} (${sdl.split('\n').length} lines).`);
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.stack ?? err.message : err);
  process.exit(1);
});
