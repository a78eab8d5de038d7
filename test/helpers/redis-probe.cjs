// Whether a Redis server answers at a URL, asked synchronously (suites are declared synchronously,
// and the skip reporter runs outside the test workers): one for test/helpers/requirements.ts and
// test/helpers/skip-reporter.cjs.
const { spawnSync } = require('node:child_process');

const PROBE = `const s=require('net').connect(+process.argv[2],process.argv[1]);s.setTimeout(1000,()=>process.exit(1));s.on('error',()=>process.exit(1));s.on('connect',()=>s.write('PING\\r\\n'));s.on('data',d=>process.exit(String(d).startsWith('+PONG')||String(d).startsWith('-NOAUTH')?0:1));`;

function redisAnswers(urlText) {
  const url = new URL(urlText);
  return spawnSync(process.execPath, ['-e', PROBE, url.hostname, url.port || '6379'], { timeout: 3000 }).status === 0;
}

module.exports = { redisAnswers };
