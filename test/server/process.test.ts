// The entry point as a real process (src/index.ts under node, compiled on the fly by swc as under jest;
// `npm start` runs the tsc build of the same code): start-up failures, serving, and SIGTERM.
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { databaseKinds, createTestDatabase } from '../helpers/db';
import { nextEvent } from '../helpers/wait';

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

/** Resolves when the process's stdout so far matches `pattern` (checked on each chunk it writes); rejects when it exits first or at the deadline. */
function waitForOutput(p: Running, pattern: RegExp, ms: number, what: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const done = (err?: Error) => {
      clearTimeout(timer);
      p.child.stdout!.off('data', check);
      p.child.off('exit', exited);
      if (err) reject(err);
      else resolve();
    };
    const check = () => {
      if (pattern.test(p.stdout())) done();
    };
    const exited = (code: number | null) => done(new Error(`the process exited (${code}) before ${what}:\n${p.stderr()}`));
    const timer = setTimeout(() => done(new Error(`timed out waiting for ${what}`)), ms);
    // Listeners added after run()'s own: by the time check runs, p.stdout() holds the chunk.
    p.child.stdout!.on('data', check);
    p.child.on('exit', exited);
    check();
  });
}

/** Resolves once `cond` holds, checked on each chunk the socket receives. */
function waitForData(cond: () => boolean, socket: net.Socket): Promise<void> {
  return new Promise((resolve, reject) => {
    const check = () => {
      if (!cond()) return;
      socket.off('data', check);
      socket.off('close', closed);
      resolve();
    };
    const closed = () => reject(new Error('the connection closed before the answer'));
    socket.on('data', check);
    socket.on('close', closed);
    check();
  });
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
    // A long grace period: the drain plugin's forced close after it cannot be what ends the idle connection.
    const p = run({ PORT: String(port), HOST: '127.0.0.1', SHUTDOWN_TIMEOUT_MS: '600000' });
    try {
      await waitForOutput(p, /argentum listening on/, 90_000, 'the listening line');
      const url = `http://127.0.0.1:${port}`;
      const res = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: 'query Ratio { goldSilverRatio(date: "2026-01-12") }' }),
      });
      expect(await res.json()).toEqual({ data: { goldSilverRatio: 53.7 }, extensions: { cost: { requested: 0, limit: 1000 } } });
      // An idle keep-alive connection stays open (fetch pools it, and this raw one after its answer):
      // shutdown must not wait for it. The server itself closes the idle connection (its 'end'
      // reaches us, not a 408 for a timed-out request), and the process exits 0.
      const idle = net.connect(port, '127.0.0.1');
      await nextEvent(idle, 'connect', { what: 'the raw connection' });
      let received = '';
      idle.on('data', (d) => (received += d));
      idle.write(`GET /health HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: keep-alive\r\n\r\n`);
      // The whole answer: its headers and as many bytes of body as Content-Length says.
      await waitForData(() => {
        const end = received.indexOf('\r\n\r\n');
        const length = /content-length: (\d+)/i.exec(received);
        return end >= 0 && length !== null && Buffer.byteLength(received.slice(end + 4)) >= Number(length[1]);
      }, idle);
      const answered = received;
      expect(answered).toMatch(/^HTTP\/1\.1 200 /);
      expect(answered).toMatch(/keep-alive/i);
      const closedByServer = nextEvent(idle, 'end', { timeoutMs: 60_000, what: 'the server closing the idle connection' });
      p.child.kill('SIGTERM');
      await closedByServer;
      expect(received).toBe(answered); // nothing more was sent: closed, not answered with a timeout
      expect(await p.exited).toBe(0);
      idle.destroy();
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
