// The bench's floor: a minimal node:http server that answers POST /graphql with a response recorded
// from the real server for the same request body, so that the same load generator and checks
// measure what HTTP + JSON transport alone cost on this machine.
// Usage: node floor-server.mjs <responses.json> (a JSON object: request body -> response body);
// listens on 127.0.0.1:$PORT and exits 0 on SIGTERM.
import { readFileSync } from 'node:fs';
import http from 'node:http';

const responses = new Map(Object.entries(JSON.parse(readFileSync(process.argv[2], 'utf8'))).map(([req, res]) => [req, Buffer.from(res)]));

const server = http.createServer((req, res) => {
  if (req.method === 'GET' && req.url === '/ready') {
    res.end('ok');
    return;
  }
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const body = responses.get(Buffer.concat(chunks).toString());
    if (req.method !== 'POST' || req.url !== '/graphql' || !body) {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end('{"errors":[{"message":"floor: no recorded response for this request"}]}');
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': body.length });
    res.end(body);
  });
});
server.keepAliveTimeout = 65_000;
server.listen(Number(process.env.PORT), '127.0.0.1');
process.on('SIGTERM', () => {
  server.close(() => process.exit(0));
  server.closeAllConnections();
});
