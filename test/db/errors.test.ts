// Unusable database settings fail fast with one printable line that names the database
// without its password: from openDatabase() and from the db CLI.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { DatabaseError, openDatabase } from '../../src/db';

const run = promisify(execFile);
const root = path.resolve(__dirname, '..', '..');

async function openError(databaseUrl: string): Promise<DatabaseError> {
  const err = await openDatabase({ databaseUrl }).then(
    (db) => db.close().then(() => new Error('opened')),
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(DatabaseError);
  const message = (err as DatabaseError).message;
  expect(message).not.toContain('\n');
  expect(message).not.toContain('secret');
  return err as DatabaseError;
}

describe('database errors', () => {
  test('unreachable PostgreSQL: one line, URL without its password, the cause', async () => {
    const err = await openError('postgresql://postgres:secret@127.0.0.1:1/x');
    expect(err.message).toBe(
      'Cannot connect to PostgreSQL at postgresql://postgres@127.0.0.1:1/x: connection refused (is the server running and accepting TCP connections?)',
    );
  });

  test('unknown host', async () => {
    const err = await openError('postgresql://postgres:secret@no-such-host.invalid:5432/x');
    expect(err.message).toMatch(/^Cannot connect to PostgreSQL at postgresql:\/\/postgres@no-such-host\.invalid:5432\/x: unknown host$/);
  });

  test('unsupported URL scheme', async () => {
    const err = await openError('mysql://root:secret@127.0.0.1/argentum');
    expect(err.message).toBe('Cannot use DATABASE_URL mysql://root@127.0.0.1/argentum: unsupported scheme "mysql" (expected postgresql://)');
  });

  test('not a URL', async () => {
    const err = await openError('argentum');
    expect(err.message).toMatch(/^Cannot use DATABASE_URL argentum: not a valid URL/);
  });

  test('PGlite directory that cannot be created', async () => {
    const file = path.join(await mkdtemp(path.join(tmpdir(), 'argentum-notadir-')), 'file');
    await writeFile(file, '');
    const err = await openDatabase({ databaseUrl: '', pgliteDir: path.join(file, 'db') }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DatabaseError);
    expect((err as Error).message).toBe(`Cannot open PGlite at ${path.join(file, 'db')}: ENOTDIR: not a directory, mkdir '${path.join(file, 'db')}'`);
    await rm(path.dirname(file), { recursive: true, force: true });
  });

  const serverUrl = process.env.TEST_DATABASE_URL;
  const withServer = serverUrl ? test : test.skip;

  withServer('unknown database on a running server', async () => {
    const u = new URL(serverUrl!);
    u.pathname = '/argentum_no_such_database';
    u.password = 'secret';
    const err = await openError(u.toString());
    expect(err.message).toMatch(/^Cannot connect to PostgreSQL at postgresql:\/\/[^:@]+@.*\/argentum_no_such_database: database "argentum_no_such_database" does not exist$/);
  });

  withServer('unknown role (authentication refused)', async () => {
    const u = new URL(serverUrl!);
    u.username = 'argentum_no_such_role';
    u.password = 'secret';
    const err = await openError(u.toString());
    expect(err.message).toMatch(/^Cannot connect to PostgreSQL at postgresql:\/\/argentum_no_such_role@.*: authentication failed \(.*argentum_no_such_role.*\)$/);
  });

  test('db CLI: one line on stderr, exit code 1, no stack trace', async () => {
    const tsx = path.join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs');
    const res = await run(process.execPath, [tsx, 'src/db/cli.ts', 'migrate'], {
      cwd: root,
      env: { ...process.env, NODE_OPTIONS: '', DATABASE_URL: 'postgresql://postgres:secret@127.0.0.1:1/x' },
    }).then(
      () => ({ code: 0, stderr: '' }),
      (e: { code: number; stderr: string }) => e,
    );
    expect(res.code).toBe(1);
    expect(res.stderr).toBe('error: Cannot connect to PostgreSQL at postgresql://postgres@127.0.0.1:1/x: connection refused (is the server running and accepting TCP connections?)\n');
  });
});
