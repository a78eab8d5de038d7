// The embedded database keeps its data on disk across processes: `db:migrate` in one process,
// a write in a second (whose migrate finds nothing to do), a read in a third, all on one PGLITE_DIR.
// Each child boots PGlite, so this is the slowest file here; three children are enough.
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const root = path.resolve(__dirname, '..', '..');
const tsx = path.join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs');

describe('PGlite on disk', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'argentum-pglite-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  // NODE_OPTIONS from `npm test` (--experimental-vm-modules) is not needed by the children.
  const inChild = (args: string[]) =>
    run(process.execPath, [tsx, ...args], { cwd: root, env: { ...process.env, NODE_OPTIONS: '', DATABASE_URL: '', PGLITE_DIR: dir } });

  test('persists across processes', async () => {
    const migrate = await inChild(['src/db/cli.ts', 'migrate']);
    expect(migrate.stdout).toMatch(/^PGlite at .*: applied 1 migration\(s\):\n {2}\d{14}_init\n$/);

    const write = JSON.parse((await inChild(['test/db/fixtures/pglite-child.ts', 'write'])).stdout);
    expect(write).toEqual({ label: `PGlite at ${dir}`, applied: [], sources: [{ name: 'written by a child process', publishedOn: '2025-12-31T00:00:00.000Z' }] });

    const read = JSON.parse((await inChild(['test/db/fixtures/pglite-child.ts', 'read'])).stdout);
    expect(read).toEqual({ label: `PGlite at ${dir}`, applied: [], sources: [{ name: 'written by a child process', publishedOn: '2025-12-31T00:00:00.000Z' }] });
  });
});
