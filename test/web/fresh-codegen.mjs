// Runs GraphQL Code Generator in memory (generate(config, false): nothing is written) with the
// project's codegen.yml and prints the outputs as JSON. @graphql-codegen/cli is ESM-only in
// parts (yargs), so test/web/codegen.test.ts runs this in a child process instead of under jest.
import path from 'node:path';
import { generate, loadCodegenConfig } from '@graphql-codegen/cli';

const root = path.resolve(process.argv[2] ?? process.cwd());
const { config } = await loadCodegenConfig({ configFilePath: path.join(root, 'codegen.yml') });
const outputs = await generate({ ...config, cwd: root, silent: true, verbose: false, watch: false }, false);
process.stdout.write(JSON.stringify(outputs.map((o) => ({ filename: o.filename, content: o.content }))));
