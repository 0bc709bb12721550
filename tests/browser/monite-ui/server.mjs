// Serves the bundled page (dist/) and a /token endpoint on a loopback port of its own: another origin than the API's,
// as a product team's app would be, so the browser's CORS checks apply to every API call.
// /token?user=<name> answers the token the test handed in for that name, in the shape the UI's fetchToken returns
// ({access_token, expires_in, token_type}); the page never sees a client id or secret.
//
//   node monite-ui/server.mjs '{"port": 0, "tokens": {"default": "<access token>"}}'   # prints {"url": ...}
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { dirname, extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';

const dist = join(dirname(fileURLToPath(import.meta.url)), 'dist');
const types = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8' };

export function startPageServer({ port = 0, tokens }) {
  const server = createServer(async (request, response) => {
    const url = new URL(request.url, 'http://page');
    if (url.pathname === '/token') {
      const token = tokens[url.searchParams.get('user') ?? 'default'];
      if (!token) { response.writeHead(404).end(); return; }
      response.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      response.end(JSON.stringify({ access_token: token, expires_in: 3600, token_type: 'Bearer' }));
      return;
    }
    const file = normalize(url.pathname === '/' ? '/index.html' : url.pathname);
    if (file.includes('..')) { response.writeHead(400).end(); return; }
    try {
      const body = await readFile(join(dist, file));
      response.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' });
      response.end(body);
    } catch {
      response.writeHead(404).end();
    }
  });
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => {
    resolve({ server, url: `http://127.0.0.1:${server.address().port}` });
  }));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { url } = await startPageServer(JSON.parse(process.argv[2] ?? '{}'));
  console.log(JSON.stringify({ url }));
}
