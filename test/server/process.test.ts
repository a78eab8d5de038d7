// The entry point as a real process (src/index.ts under node, compiled on the fly by swc as under jest;
// `npm start` runs the tsc build of the same code): start-up failures, serving, and SIGTERM.
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { databaseKinds, createTestDatabase } from '../helpers/db';

const root = path.resolve(__dirname, '..', '..');
const hook = path.join(__dirname, 'fixtures', 'swc-register.js');

interface Running {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
}

function run(env: Record<string, string>): Running {
  const child = spawn(process.execPath, ['-r', hook, 'src/index.ts'], {
    cwd: root,
    env: {
      ...process.env,
      NODE_OPTIONS: '',
      NODE_ENV: 'production',
      LOG_LEVEL: 'info',
      DATABASE_URL: '',
      PGLITE_DIR: 'memory://',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (err += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, stdout: () => out, stderr: () => err, exited };
}

async function freePort(): Promise<number> {
  const srv = net.createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const { port } = srv.address() as net.AddressInfo;
  await new Promise((r) => srv.close(r));
  return port;
}

async function waitFor(cond: () => boolean, ms: number, what: string) {
  const until = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const logLines = (text: string) =>
  text
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as Record<string, unknown>);

describe('the process', () => {
  it('refuses a bad PORT with one clear line and exit code 1', async () => {
    const p = run({ PORT: 'abc' });
    expect(await p.exited).toBe(1);
    expect(p.stderr().trim()).toBe('argentum: invalid configuration: PORT must be an integer 1..65535, got "abc"');
  });

  it('reports an unreachable database in one line and exits 1', async () => {
    const p = run({ DATABASE_URL: 'postgresql://postgres:secret@127.0.0.1:1/argentum' });
    expect(await p.exited).toBe(1);
    const lines = p.stderr().trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^argentum: cannot start: database: Cannot connect to PostgreSQL at .*127\.0\.0\.1:1.*connection refused/);
    expect(p.stderr() + p.stdout()).not.toMatch(/secret/);
    // The structured log says the same, without a stack trace.
    const fatal = logLines(p.stdout()).find((l) => l.level === 60);
    expect(fatal).toMatchObject({ reason: expect.stringMatching(/connection refused/) });
    expect(p.stdout()).not.toMatch(/"stack"|\n\s+at /);
  });

  if (databaseKinds.includes('postgres')) {
    it('refuses an unmigrated PostgreSQL database: "run npm run db:migrate"', async () => {
      const tdb = await createTestDatabase('postgres', { migrate: false });
      try {
        const p = run({ DATABASE_URL: tdb.url! });
        expect(await p.exited).toBe(1);
        expect(p.stderr()).toMatch(/missing \d+ migration\(s\) \(\d+_init(, \d+_\w+)*\): run npm run db:migrate/);
      } finally {
        await tdb.drop();
      }
    });
  }

  it('on PGlite: migrates, seeds, serves, and shuts down cleanly on SIGTERM (exit 0)', async () => {
    const port = await freePort();
    const p = run({ PORT: String(port), HOST: '127.0.0.1' });
    try {
      await waitFor(() => /argentum listening on/.test(p.stdout()), 90_000, 'the listening line');
      const url = `http://127.0.0.1:${port}`;
      const res = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: 'query Ratio { goldSilverRatio(date: "2026-01-12") }' }),
      });
      expect(await res.json()).toEqual({ data: { goldSilverRatio: 53.7 }, extensions: { cost: { requested: 0, limit: 1000 } } });
      // An idle keep-alive connection stays open (fetch pools it): shutdown must not wait for it.
      const started = Date.now();
      p.child.kill('SIGTERM');
      expect(await p.exited).toBe(0);
      expect(Date.now() - started).toBeLessThan(5000);
      const msgs = logLines(p.stdout()).map((l) => l.msg);
      expect(msgs).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/^applied \d+ migration\(s\)$/),
          'dataset loaded',
          expect.stringMatching(/^POST \/graphql Ratio 200 /),
          'SIGTERM: shutting down (draining in-flight requests)',
          'shut down cleanly',
        ]),
      );
    } finally {
      if (p.child.exitCode === null) p.child.kill('SIGKILL');
    }
  });
});
