// Bundles the browser pages into dist/web/ with esbuild (minified, everything local: React,
// chart.js, GraphiQL and its CSS and fonts; nothing is fetched from a CDN at run time).
//   dist/web/index.html           dashboard (/)
//   dist/web/graphiql/index.html  GraphiQL (/graphiql)
//   dist/web/assets/*.js|*.css
// Served by src/web-ui.ts (mountWebUi). Usage: npm run build:web
import { build } from 'esbuild';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const finalDir = path.join(root, 'dist', 'web');
const started = Date.now();

const page = ({ title, script, css, body }) => `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<link rel="icon" href="data:,">
${css ? `<link rel="stylesheet" href="/assets/${css}">\n` : ''}<script type="module" src="/assets/${script}"></script>
</head>
<body>
${body}
</body>
</html>
`;

async function buildInto(outDir) {
  await mkdir(path.join(outDir, 'graphiql'), { recursive: true });
  const result = await build({
    absWorkingDir: root,
    entryPoints: {
      dashboard: 'web/src/dashboard/main.tsx',
      graphiql: 'web/src/graphiql/main.tsx',
    },
    outdir: path.join(outDir, 'assets'),
    bundle: true,
    minify: true,
    format: 'esm',
    splitting: false,
    platform: 'browser',
    target: ['es2020', 'chrome100', 'firefox100', 'safari15'],
    jsx: 'automatic',
    loader: { '.graphql': 'text', '.woff2': 'dataurl', '.woff': 'dataurl', '.ttf': 'dataurl', '.svg': 'dataurl' },
    define: { 'process.env.NODE_ENV': '"production"' },
    legalComments: 'linked',
    metafile: true,
    logLevel: 'warning',
  });

  // Guard: no import may point at the network (a CDN) or stay external.
  for (const [file, info] of Object.entries(result.metafile.inputs)) {
    for (const imp of info.imports) {
      if (imp.path === '<runtime>' || imp.path.startsWith('data:')) continue; // esbuild's helpers; inlined fonts
      if (imp.external || /^(https?:)?\/\//.test(imp.path)) {
        throw new Error(`build-web: ${file} imports ${imp.path.slice(0, 120)}, which would load at run time; bundle it instead`);
      }
    }
  }

  const outputs = Object.keys(result.metafile.outputs).map((f) => path.basename(f));
  const css = (name) => (outputs.includes(name) ? name : null);
  await writeFile(
    path.join(outDir, 'index.html'),
    page({
      title: 'argentum: precious-metals statistics',
      script: 'dashboard.js',
      css: css('dashboard.css'),
      body: '<div id="root"><p style="font-family:sans-serif;padding:1rem">Loading the dashboard…</p></div>\n<noscript>The dashboard needs JavaScript; the data is also available at <a href="/graphql">/graphql</a>.</noscript>',
    }),
  );
  await writeFile(
    path.join(outDir, 'graphiql', 'index.html'),
    page({
      title: 'argentum: GraphiQL',
      script: 'graphiql.js',
      css: css('graphiql.css'),
      body: '<div id="graphiql" style="height:100vh"><p style="font-family:sans-serif;padding:1rem">Loading GraphiQL…</p></div>',
    }),
  );
  return Object.entries(result.metafile.outputs)
    .filter(([f]) => !f.endsWith('.txt'))
    .map(([f, o]) => `${path.relative(path.join(outDir, 'assets'), f)} ${(o.bytes / 1024).toFixed(0)} KiB`);
}

// Built beside dist/web and swapped in at the end, so that a running server never serves half a bundle.
const tmpDir = path.join(root, 'dist', `.web-build-${process.pid}`);
const oldDir = path.join(root, 'dist', `.web-old-${process.pid}`);
try {
  const sizes = await buildInto(tmpDir);
  await rename(finalDir, oldDir).catch((err) => {
    if (err.code !== 'ENOENT') throw err;
  });
  await rename(tmpDir, finalDir);
  console.log(`build-web: dist/web/assets/{${sizes.join(', ')}} (${Date.now() - started} ms)`);
} finally {
  await rm(tmpDir, { recursive: true, force: true });
  await rm(oldDir, { recursive: true, force: true });
}
