// Serves the browser bundle built by `npm run build:web` (scripts/build-web.mjs) from dist/web/:
//   /          the dashboard (dist/web/index.html)
//   /graphiql  GraphiQL pointed at /graphql (dist/web/graphiql/index.html)
//   /assets/*  their scripts and styles
// Mount it after /graphql, /health and /ready so that those keep precedence.
import { existsSync } from 'node:fs';
import path from 'node:path';
import express from 'express';
import helmet from 'helmet';

/**
 * Security headers of the web pages and their assets (helmet). The pages load only their own
 * bundles: scripts from this origin only and never inline; inline styles are allowed because React,
 * Chart.js and GraphiQL set style attributes; GraphiQL's fonts are data: URIs; the API is same-origin.
 * HSTS is left to the TLS-terminating proxy (the service speaks plain HTTP and cannot know the
 * domain's policy). Not applied to /graphql, whose landing page (Apollo Sandbox) loads from Apollo's CDN.
 */
export const webSecurityHeaders = helmet({
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      scriptSrcAttr: ["'none'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:'],
      fontSrc: ["'self'", 'data:'],
      connectSrc: ["'self'"],
      objectSrc: ["'none'"],
      baseUri: ["'self'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
    },
  },
  strictTransportSecurity: false,
  xFrameOptions: { action: 'deny' },
});

/** The project root: this file runs as src/web-ui.ts (jest, tsx) or as dist/web-ui.js (compiled). */
export const projectRoot = path.resolve(__dirname, '..');
export const webDistDir = path.join(projectRoot, 'dist', 'web');

const PAGES: Record<string, string> = {
  '/': 'index.html',
  '/graphiql': path.join('graphiql', 'index.html'),
};

function notBuiltPage(page: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>argentum: web UI not built</title><link rel="icon" href="data:,"></head>
<body style="font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;line-height:1.5">
<h1>The web UI has not been built</h1>
<p>${page} is served from <code>dist/web/</code>, which does not exist yet (or is incomplete).
Build it with <code>npm run build:web</code> (or <code>npm run build</code>, which <code>npm start</code> runs first) and reload this page.</p>
<p>The GraphQL API itself works: <a href="/graphql">/graphql</a>.</p>
</body></html>
`;
}

export function mountWebUi(app: express.Express, opts: { distDir?: string } = {}): void {
  const distDir = opts.distDir ?? webDistDir;
  const assets = path.join(distDir, 'assets');

  app.use(
    '/assets',
    webSecurityHeaders,
    express.static(assets, {
      index: false,
      fallthrough: true,
      // Asset names carry no content hash: revalidate each time (cheap, ETag based).
      setHeaders: (res) => res.setHeader('Cache-Control', 'no-cache'),
    }),
  );

  for (const [route, file] of Object.entries(PAGES)) {
    const handler: express.RequestHandler = (req, res) => {
      const full = path.join(distDir, file);
      if (!existsSync(full)) {
        res.status(503).type('html').set('Cache-Control', 'no-store').send(notBuiltPage(route));
        return;
      }
      res.set('Cache-Control', 'no-cache').sendFile(full);
    };
    app.get(route, webSecurityHeaders, handler);
    if (route !== '/') app.get(`${route}/`, webSecurityHeaders, handler);
  }
}
