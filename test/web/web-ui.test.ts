// mountWebUi: pages and assets from a bundle directory, a clear 503 when it has not been built,
// and everything else left to the routes behind it.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Server } from 'node:http';
import express from 'express';
import { mountWebUi, webDistDir } from '../../src/web-ui';

async function serve(distDir: string): Promise<{ url: string; server: Server }> {
  const app = express();
  app.get('/graphql', (_req, res) => {
    res.json({ route: 'graphql' });
  });
  mountWebUi(app, { distDir });
  app.use((_req, res) => {
    res.status(404).json({ route: 'fallback' });
  });
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

describe('mountWebUi', () => {
  const dirs: string[] = [];
  const servers: Server[] = [];
  afterAll(async () => {
    await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('resolves the bundle from the project root', () => {
    expect(webDistDir).toBe(path.resolve(__dirname, '../../dist/web'));
  });

  it('serves the dashboard, GraphiQL and their assets from the bundle', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'argentum-web-'));
    dirs.push(dir);
    mkdirSync(path.join(dir, 'graphiql'));
    mkdirSync(path.join(dir, 'assets'));
    writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>dashboard</title>');
    writeFileSync(path.join(dir, 'graphiql', 'index.html'), '<!doctype html><title>graphiql</title>');
    writeFileSync(path.join(dir, 'assets', 'dashboard.js'), 'console.log(1)');
    const { url, server } = await serve(dir);
    servers.push(server);

    const home = await fetch(`${url}/`);
    expect(home.status).toBe(200);
    expect(home.headers.get('content-type')).toMatch(/text\/html/);
    expect(await home.text()).toContain('dashboard');
    for (const p of ['/graphiql', '/graphiql/']) {
      const res = await fetch(`${url}${p}`);
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('graphiql');
    }
    const js = await fetch(`${url}/assets/dashboard.js`);
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toMatch(/javascript/);
    expect(await (await fetch(`${url}/graphql`)).json()).toEqual({ route: 'graphql' });
    const missing = await fetch(`${url}/assets/nope.js`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ route: 'fallback' });
    expect((await fetch(`${url}/index.html/x`)).status).toBe(404);
  });

  it('sends security headers with a content security policy on the pages and assets, not on other routes', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'argentum-web-'));
    dirs.push(dir);
    mkdirSync(path.join(dir, 'assets'));
    writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>dashboard</title>');
    writeFileSync(path.join(dir, 'assets', 'dashboard.js'), 'console.log(1)');
    const { url, server } = await serve(dir);
    servers.push(server);
    for (const p of ['/', '/graphiql', '/assets/dashboard.js']) {
      const res = await fetch(`${url}${p}`);
      const csp = res.headers.get('content-security-policy') ?? '';
      expect([p, csp]).toEqual([p, expect.stringContaining("script-src 'self'")]);
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toMatch(/script-src[^;]*unsafe/);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    }
    const api = await fetch(`${url}/graphql`);
    expect(api.headers.get('content-security-policy')).toBeNull();
  });

  it('answers 503 with a page that says how to build the bundle when it is missing', async () => {
    const { url, server } = await serve(path.join(tmpdir(), 'argentum-no-such-dir'));
    servers.push(server);
    for (const p of ['/', '/graphiql']) {
      const res = await fetch(`${url}${p}`);
      expect(res.status).toBe(503);
      expect(res.headers.get('content-type')).toMatch(/text\/html/);
      expect(await res.text()).toContain('npm run build:web');
    }
    expect(await (await fetch(`${url}/graphql`)).json()).toEqual({ route: 'graphql' });
  });
});
