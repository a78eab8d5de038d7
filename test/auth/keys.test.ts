// API keys: the library on every database kind, and the CLI as a user runs it (npm run -s keys).
import { spawn } from 'node:child_process';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  KeyConflictError,
  KeyUsageError,
  createApiKey,
  createKeyVerifier,
  listApiKeys,
  parseApiKey,
  revokeApiKey,
} from '../../src/auth/keys';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../helpers/db';

const root = path.resolve(__dirname, '..', '..');
const KEY_FORMAT = /^argk_[0-9a-f]{16}_[A-Za-z0-9_-]{43}$/;

function run(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['run', '-s', 'keys', '--', ...args], {
      cwd: root,
      env: { ...process.env, NODE_OPTIONS: '', NO_UPDATE_NOTIFIER: '1', npm_config_update_notifier: 'false', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe.each(databaseKinds)('keys on %s', (kind) => {
  let tdb: TestDatabase;
  beforeAll(async () => {
    tdb = await createTestDatabase(kind);
  });
  afterAll(async () => {
    await tdb?.drop();
  });

  test('a created key has the format and verifies to its principal', async () => {
    const { key, principal } = await createApiKey(tdb.prisma, { name: '  alice@example.org ', role: 'editor' });
    expect(key).toMatch(KEY_FORMAT);
    expect(principal).toEqual({ keyId: expect.any(Number), name: 'alice@example.org', role: 'editor' });
    expect(parseApiKey(key)).toEqual({ lookup: key.slice(5, 21) });
    const verifier = createKeyVerifier(tdb.prisma);
    expect(await verifier.verify(key)).toEqual(principal);
    // The cached path gives the same answer.
    expect(await verifier.verify(key)).toEqual(principal);
    // A fresh verifier (no cache) as well: the hash alone suffices.
    expect(await createKeyVerifier(tdb.prisma).verify(key)).toEqual(principal);

    const admin = await createApiKey(tdb.prisma, { name: 'ops', role: 'admin' });
    expect(await verifier.verify(admin.key)).toEqual({ keyId: admin.principal.keyId, name: 'ops', role: 'admin' });
  });

  test('the row holds neither the key nor its secret, in any column', async () => {
    const { key, principal } = await createApiKey(tdb.prisma, { name: 'row-check', role: 'admin' });
    const secret = key.slice(22);
    const secretBytes = Buffer.from(secret, 'base64url');
    expect(secretBytes).toHaveLength(32);
    const forbidden = [key, secret, secretBytes.toString('base64'), secretBytes.toString('hex'), secretBytes.toString('base64').replace(/=+$/, '')];
    const rows = await tdb.prisma.$queryRaw<Record<string, unknown>[]>`SELECT * FROM api_keys WHERE id = ${principal.keyId}`;
    expect(rows).toHaveLength(1);
    const columns = Object.keys(rows[0]);
    expect(columns.sort()).toEqual(['created_at', 'hash', 'id', 'lookup', 'name', 'revoked_at', 'role', 'salt']);
    for (const col of columns) {
      const value = String(rows[0][col] instanceof Date ? (rows[0][col] as Date).toISOString() : rows[0][col]);
      for (const f of forbidden) expect({ col, contains: value.includes(f) }).toEqual({ col, contains: false });
    }
    expect(Buffer.from(String(rows[0].salt), 'base64')).toHaveLength(16);
    expect(Buffer.from(String(rows[0].hash), 'base64')).toHaveLength(32);
  });

  test('a wrong secret with a right lookup, malformed text and unknown lookups do not verify', async () => {
    const { key } = await createApiKey(tdb.prisma, { name: 'wrong-secret', role: 'editor' });
    const verifier = createKeyVerifier(tdb.prisma);
    expect(await verifier.verify(key)).not.toBeNull();
    // A character in the middle of the secret: every bit of it is significant (the last one's low bits are not).
    const wrong = key.slice(0, 30) + (key[30] === 'A' ? 'B' : 'A') + key.slice(31);
    expect(wrong).toMatch(KEY_FORMAT);
    // After a cached success with the right key, too: the cache holds the right key's digest only.
    expect(await verifier.verify(wrong)).toBeNull();
    expect(await createKeyVerifier(tdb.prisma).verify(wrong)).toBeNull();
    expect(await verifier.verify(`argk_0000000000000000_${key.slice(22)}`)).toBeNull();
    for (const text of ['', key.toUpperCase(), ` ${key}`, `${key}\n`, key.slice(0, -1), `${key}A`, key.replace('argk_', 'argx_')]) {
      expect(parseApiKey(text)).toBeNull();
      expect(await verifier.verify(text)).toBeNull();
    }
  });

  test('revocation takes effect at once, even after a cached success', async () => {
    const { key } = await createApiKey(tdb.prisma, { name: 'short-lived', role: 'admin' });
    const verifier = createKeyVerifier(tdb.prisma);
    expect(await verifier.verify(key)).not.toBeNull();
    expect(await verifier.verify(key)).not.toBeNull();
    expect(await revokeApiKey(tdb.prisma, 'short-lived')).toBe(1);
    expect(await verifier.verify(key)).toBeNull();
    expect(await revokeApiKey(tdb.prisma, 'short-lived')).toBe(0);
    const listed = (await listApiKeys(tdb.prisma)).find((k) => k.name === 'short-lived');
    expect(listed).toEqual({ name: 'short-lived', role: 'admin', createdAt: expect.any(Date), revokedAt: expect.any(Date), lookup: parseApiKey(key)!.lookup });
  });

  test('an active name is refused a second key; after revocation it can be reused', async () => {
    const first = await createApiKey(tdb.prisma, { name: 'bot', role: 'editor' });
    const again = createApiKey(tdb.prisma, { name: ' bot', role: 'admin' });
    await expect(again).rejects.toThrow(KeyConflictError);
    await expect(again).rejects.toThrow('an active key named "bot" already exists; revoke it first or choose another name');
    expect(await revokeApiKey(tdb.prisma, 'bot')).toBe(1);
    const second = await createApiKey(tdb.prisma, { name: 'bot', role: 'admin' });
    expect(second.principal.keyId).not.toBe(first.principal.keyId);
    const verifier = createKeyVerifier(tdb.prisma);
    expect(await verifier.verify(first.key)).toBeNull();
    expect(await verifier.verify(second.key)).toEqual({ keyId: second.principal.keyId, name: 'bot', role: 'admin' });
    const bots = (await listApiKeys(tdb.prisma)).filter((k) => k.name === 'bot');
    expect(bots.map((k) => [k.role, k.revokedAt === null])).toEqual([
      ['editor', false],
      ['admin', true],
    ]);
  });

  test('bad roles and names are refused with what is accepted', async () => {
    const before = await tdb.prisma.apiKey.count();
    await expect(createApiKey(tdb.prisma, { name: 'x', role: 'owner' })).rejects.toThrow(new KeyUsageError('invalid --role "owner"; accepted: editor, admin'));
    await expect(createApiKey(tdb.prisma, { name: 'x', role: 'ADMIN' })).rejects.toThrow(KeyUsageError);
    for (const name of ['', '   ', 'has space', 'semi;colon', 'ünïcode', 'x'.repeat(101)]) {
      await expect(createApiKey(tdb.prisma, { name, role: 'editor' })).rejects.toThrow(
        expect.objectContaining({ name: 'KeyUsageError', message: expect.stringMatching(/^invalid --name .*; accepted: 1 to 100 characters of letters, digits, '\.', '_', '@' and '-'$/) }),
      );
    }
    expect(await tdb.prisma.apiKey.count()).toBe(before);
    // The longest accepted name.
    await expect(createApiKey(tdb.prisma, { name: 'x'.repeat(100), role: 'editor' })).resolves.toBeDefined();
  });

  test('list is in creation order and shows no secrets', async () => {
    const keys = await listApiKeys(tdb.prisma);
    expect(keys.length).toBeGreaterThan(3);
    for (const k of keys) expect(Object.keys(k).sort()).toEqual(['createdAt', 'lookup', 'name', 'revokedAt', 'role']);
    const times = keys.map((k) => k.createdAt.getTime());
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  test('database errors propagate from verify', async () => {
    const broken = { apiKey: { findUnique: () => Promise.reject(new Error('connection lost')) } } as unknown as Parameters<typeof createKeyVerifier>[0];
    await expect(createKeyVerifier(broken).verify(`argk_${'0'.repeat(16)}_${'A'.repeat(43)}`)).rejects.toThrow('connection lost');
  });
});

describe.each(databaseKinds)('npm run keys on %s', (kind) => {
  let tdb: TestDatabase | undefined;
  let tmp: string;
  let env: Record<string, string>;
  beforeAll(async () => {
    tmp = await mkdtemp(path.join(os.tmpdir(), 'argentum-keys-'));
    if (kind === 'postgres') {
      tdb = await createTestDatabase('postgres');
      env = { DATABASE_URL: tdb.url!, PGLITE_DIR: path.join(tmp, 'unused') };
    } else {
      // An empty DATABASE_URL selects PGlite (openDatabase treats '' as unset).
      env = { DATABASE_URL: '', PGLITE_DIR: path.join(tmp, 'pglite') };
    }
  });
  afterAll(async () => {
    await tdb?.drop();
    await rm(tmp, { recursive: true, force: true });
  });

  test('create prints only the key; list shows it without the key; revoke revokes', async () => {
    const created = await run(['create', '--name', 'ci-bot', '--role', 'editor'], env);
    expect(created).toEqual({ code: 0, stdout: expect.stringMatching(/^argk_\S+\n$/), stderr: expect.stringMatching(/created editor key "ci-bot"/) });
    const key = created.stdout.slice(0, -1);
    expect(key).toMatch(KEY_FORMAT);
    const { lookup } = parseApiKey(key)!;
    if (tdb) expect(await createKeyVerifier(tdb.prisma).verify(key)).toEqual({ keyId: expect.any(Number), name: 'ci-bot', role: 'editor' });

    const dup = await run(['create', '--name=ci-bot', '--role=admin'], env);
    expect(dup).toEqual({ code: 1, stdout: '', stderr: 'error: an active key named "ci-bot" already exists; revoke it first or choose another name\n' });

    const listed = await run(['list'], env);
    expect(listed).toMatchObject({ code: 0, stderr: '' });
    const lines = listed.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^NAME +ROLE +CREATED +STATUS +LOOKUP$/);
    expect(lines.slice(1)).toEqual([expect.stringMatching(new RegExp(`^ci-bot +editor +\\d{4}-\\d\\d-\\d\\dT\\S+Z +active +${lookup}$`))]);
    expect(listed.stdout).not.toContain(key.slice(22));

    const revoked = await run(['revoke', '--name', 'ci-bot'], env);
    expect(revoked).toEqual({ code: 0, stdout: 'revoked key "ci-bot"\n', stderr: '' });
    if (tdb) expect(await createKeyVerifier(tdb.prisma).verify(key)).toBeNull();
    const again = await run(['revoke', '--name', 'ci-bot'], env);
    expect(again).toEqual({ code: 1, stdout: '', stderr: 'error: no active key named "ci-bot"\n' });

    const after = await run(['list'], env);
    expect(after.stdout).toMatch(new RegExp(`^ci-bot +editor +\\S+ +revoked at \\d{4}-\\S+Z +${lookup}$`, 'm'));
  });
});

// Argument errors are found before a database is opened, so this runs once, not per database;
// the six processes run side by side since each mostly waits for tsx to start.
describe('npm run keys arguments', () => {
  test('bad arguments exit 2 naming the option and what is accepted', async () => {
    const env = { DATABASE_URL: '', PGLITE_DIR: path.join(os.tmpdir(), 'argentum-keys-never-opened') };
    const [unknown, role, name, missing, option, help] = await Promise.all([
      run(['rotate'], env),
      run(['create', '--name', 'x', '--role', 'owner'], env),
      run(['create', '--name', 'a b', '--role', 'admin'], env),
      run(['revoke'], env),
      run(['list', '--role', 'admin'], env),
      run([], env),
    ]);
    expect(unknown).toMatchObject({ code: 2, stdout: '', stderr: expect.stringMatching(/^error: unknown command "rotate"; accepted: create, list, revoke\nusage:/) });
    expect(role).toMatchObject({ code: 2, stdout: '', stderr: expect.stringMatching(/^error: invalid --role "owner"; accepted: editor, admin\n/) });
    expect(name).toMatchObject({ code: 2, stdout: '', stderr: expect.stringMatching(/^error: invalid --name "a b"; accepted: 1 to 100 characters/) });
    expect(missing).toMatchObject({ code: 2, stderr: expect.stringMatching(/^error: revoke needs --name\n/) });
    expect(option).toMatchObject({ code: 2, stderr: expect.stringMatching(/^error: unknown option --role for list; it takes no options\n/) });
    expect(help).toMatchObject({ code: 0, stderr: '', stdout: expect.stringMatching(/^usage:\n.*create --name <name> --role editor\|admin/) });
    await expect(stat(env.PGLITE_DIR)).rejects.toThrow(/ENOENT/);
  });
});
