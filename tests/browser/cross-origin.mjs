// A page on another origin calls the API with fetch(), in headless Debian chromium (playwright-core with executablePath,
// never a downloaded browser), as Monite's drop-in UI would: the browser itself sends the preflights and enforces CORS.
// Reports what each page could read, as one JSON object on stdout; the xunit test (CrossOriginTests) asserts.
//
//   node cross-origin.mjs '{"api": url, "token": t, "version": v, "origins": ["http://127.0.0.1:5173", ...]}'
import { chromium } from 'playwright-core';

const input = JSON.parse(process.argv[2]);
const executablePath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
// The page is served by the route below, not from a loopback socket, so chromium would count it as public and refuse it
// the loopback API (Local Network Access, a separate check from CORS); a UI's dev server on 127.0.0.1 is loopback too.
const browser = await chromium.launch({
  executablePath,
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-features=LocalNetworkAccessChecks,PrivateNetworkAccessRespectPreflightResults'],
});
const report = {};
try {
  for (const origin of input.origins) {
    const context = await browser.newContext();
    // The page's own origin is served from here (nothing listens there); requests to the API go to the network as they are.
    await context.route((url) => url.origin === origin, (route) => route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>UI</title>' }));
    const page = await context.newPage();
    // Chromium says why it blocked a call on the console only.
    const consoleErrors = [];
    page.on('console', (message) => { if (message.type() === 'error') consoleErrors.push(message.text()); });
    await page.goto(`${origin}/`);
    report[origin] = await page.evaluate(async ({ api, token, version }) => {
      const call = async (method, path, headers, body) => {
        try {
          const response = await fetch(api + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
          return { status: response.status, etag: response.headers.get('etag'), requestId: response.headers.get('x-request-id'), body: await response.json() };
        } catch (error) {
          return { error: String(error) };
        }
      };
      const auth = { authorization: `Bearer ${token}`, 'x-monite-version': version };
      const created = await call('POST', '/v1/entities', { ...auth, 'content-type': 'application/json' }, {
        type: 'organization', email: 'billing@browser.example',
        address: { country: 'DE', city: 'Berlin', postal_code: '10115', line1: 'Unter den Linden 1' },
        organization: { legal_name: 'Browser GmbH' },
      });
      const read = created.body?.id ? await call('GET', `/v1/entities/${created.body.id}`, auth) : null;
      const unauthorized = await call('GET', '/v1/entities', { 'x-monite-version': version });
      return { created, read, unauthorized };
    }, input);
    report[origin].consoleErrors = consoleErrors;
    await context.close();
  }
} finally {
  await browser.close();
}
process.stdout.write(JSON.stringify(report));
