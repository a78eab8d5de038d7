// The embedded database keeps its data on disk across processes: `db:migrate` in one process,
// a write in a second (whose migrate finds nothing to do), a read in a third, all on one PGLITE_DIR.
// Each child boots PGlite, so this is the slowest file here; three children are enough.
import { execFile, spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { DatabaseError, openDatabase } from '../../src/db';

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
    expect(migrate.stdout).toMatch(/^PGlite at .*: applied 2 migration\(s\):\n {2}\d{14}_init\n {2}\d{14}_revisions\n$/);

    const write = JSON.parse((await inChild(['test/db/fixtures/pglite-child.ts', 'write'])).stdout);
    expect(write).toEqual({ label: `PGlite at ${dir}`, applied: [], sources: [{ name: 'written by a child process', publishedOn: '2025-12-31T00:00:00.000Z' }] });

    const read = JSON.parse((await inChild(['test/db/fixtures/pglite-child.ts', 'read'])).stdout);
    expect(read).toEqual({ label: `PGlite at ${dir}`, applied: [], sources: [{ name: 'written by a child process', publishedOn: '2025-12-31T00:00:00.000Z' }] });
  });

  test('refuses a second process while one has the directory open, and allows it after close', async () => {
    const db = await openDatabase({ databaseUrl: '', pgliteDir: dir });
    try {
      expect(existsSync(`${dir}.lock`)).toBe(true);
      const second = await inChild(['test/db/fixtures/pglite-child.ts', 'read']).then(
        () => 'opened',
        (err: { code?: number; stderr?: string }) => ({ code: err.code, stderr: err.stderr }),
      );
      expect(second).toEqual({ code: 1, stderr: expect.stringContaining(`is in use by process ${process.pid}`) });
      // In this process too: a second open would be a second, diverging copy.
      await expect(openDatabase({ databaseUrl: '', pgliteDir: dir })).rejects.toThrow(/already open in this process/);
    } finally {
      await db.close();
    }
    expect(existsSync(`${dir}.lock`)).toBe(false);
    const read = JSON.parse((await inChild(['test/db/fixtures/pglite-child.ts', 'read'])).stdout);
    expect(read.sources).toHaveLength(1);
  });

  test('takes over a stale lock left by a process that died', async () => {
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
    writeFileSync(`${dir}.lock`, `${dead.stdout.toString()}\n`);
    const db = await openDatabase({ databaseUrl: '', pgliteDir: dir });
    try {
      expect((await db.prisma.source.count())).toBe(1);
    } finally {
      await db.close();
    }
    expect(existsSync(`${dir}.lock`)).toBe(false);
  });

  test('the error is a one-line DatabaseError', async () => {
    writeFileSync(`${dir}.lock`, `${process.ppid}\n`); // a live process that is not this one
    try {
      const err = await openDatabase({ databaseUrl: '', pgliteDir: dir }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(DatabaseError);
      expect((err as Error).message).toMatch(new RegExp(`^Cannot open PGlite at ${dir}: it is in use by process ${process.ppid} [^\n]*DATABASE_URL[^\n]*$`));
    } finally {
      await rm(`${dir}.lock`, { force: true });
    }
  });
});
