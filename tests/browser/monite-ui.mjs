// Mounts Monite's drop-in receivables screen (@monite/sdk-react, bundled by monite-ui/build.mjs) against a local
// instance of our API in headless Debian chromium (playwright-core with executablePath, never a downloaded browser),
// drives it as a user would, and reports what happened as one JSON object on stdout; the xunit test
// (MoniteUiBrowserTests) asserts. The page is served from its own loopback port, so every API call is a cross-origin
// call the API's CORS must allow. Requests to hosts other than the page's, the API's and its blob storage's are
// aborted and listed, never followed.
//
//   node monite-ui.mjs '{"apiUrl": "http://127.0.0.1:5000/v1", "entityId": "...", "pagePort": 5001, "tokens": {"admin": "...",
//     "restricted": "..."}, "allowedHosts": ["127.0.0.1:5000", "127.0.0.1:10000"], "customer": "Buyer AG",
//     "paymentTerms": "Net 14", "product": "Consulting", "currency": "EUR", "screenshot": "/tmp/x.png"}'
//
// Each step ("list", "create", "issue", "pay", "pdf", "restricted") reports what it saw, or {"error": ...} when the UI
// did not get there; a failed step does not stop the ones that do not depend on it.
import { chromium } from 'playwright-core';
import { build } from './monite-ui/build.mjs';
import { startPageServer } from './monite-ui/server.mjs';

const input = JSON.parse(process.argv[2]);
const step = Number(input.stepTimeoutMs ?? 30000);
await build();
// The page's port comes from the test when the API must know the page's origin in advance (its CORS setting).
const { server, url: pageUrl } = await startPageServer({ port: input.pagePort ?? 0, tokens: input.tokens });
const pageHost = new URL(pageUrl).host;
const allowedHosts = [pageHost, ...input.allowedHosts];

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  headless: true,
  // Running as root in CI containers: chromium's sandbox needs user namespaces it may not have there.
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
});

const network = [];
const blocked = [];
const consoleErrors = [];
const pdfs = new Map();
const report = { pageOrigin: pageUrl, network, blocked, consoleErrors };

async function openAs(user) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, deviceScaleFactor: 1 });
  await context.route('**/*', (route) => {
    const request = route.request();
    const url = new URL(request.url());
    // data: and blob: URLs and the browser's own PDF viewer (chrome-extension:) never leave it.
    if (['data:', 'blob:', 'chrome:', 'chrome-extension:'].includes(url.protocol)) return route.continue();
    if (!allowedHosts.includes(url.host)) {
      blocked.push(`${request.method()} ${request.url()}`);
      return route.abort('blockedbyclient');
    }
    // PDFs are fetched here and handed on, so that their bytes are known however chromium shows them.
    if (!url.pathname.endsWith('.pdf')) return route.continue();
    return route.fetch().then(async (response) => {
      pdfs.set(url.origin + url.pathname + url.search, { status: response.status(), contentType: response.headers()['content-type'], bytes: await response.body() });
      return route.fulfill({ response });
    });
  });
  const page = await context.newPage();
  page.on('console', (message) => { if (message.type() === 'error') consoleErrors.push(`${user}: ${message.text()}`); });
  page.on('pageerror', (error) => consoleErrors.push(`${user}: ${error}`));
  page.on('requestfinished', async (request) => {
    const url = new URL(request.url());
    if (!url.protocol.startsWith('http')) return;
    const response = await request.response();
    const entry = { user, method: request.method(), url: request.url(), status: response?.status() ?? null };
    if (response && response.status() >= 400) entry.body = (await response.text().catch(() => '')).slice(0, 500);
    network.push(entry);
  });
  page.on('requestfailed', (request) => {
    if (!new URL(request.url()).protocol.startsWith('http')) return;
    network.push({ user, method: request.method(), url: request.url(), status: null, failure: request.failure()?.errorText });
  });
  const query = new URLSearchParams({ api: input.apiUrl, entity: input.entityId, user });
  // The permissions the screen is gated on: both answers are awaited, so "the button is disabled" is never
  // just "the permissions have not loaded (or failed)".
  const me = responseTo(page, 'GET', '/entity_users/me');
  const role = responseTo(page, 'GET', '/entity_users/my_role');
  await page.goto(`${pageUrl}/?${query}`);
  const [meResponse, roleResponse] = await Promise.all([me, role]).catch((error) => { throw new Error(`the UI never asked for its user and role: ${error.message}`); });
  return { context, page, me: meResponse.status(), myRole: roleResponse.status() };
}

// Runs one step; a failure is reported as {error} with what the screen showed, and the run goes on.
async function run(name, page, body) {
  try {
    report[name] = await body();
  } catch (error) {
    report[name] = { error: String(error?.message ?? error).split('\n')[0] };
    if (page) report[name].screen = (await page.locator('body').innerText().catch(() => '')).slice(0, 1500);
  }
  return !report[name].error;
}

const button = (scope, label) => scope.locator('button').filter({ hasText: new RegExp(`^${label}$`, 'i') });
const listRows = async (page) => page.locator('.MuiDataGrid-row').evaluateAll((rows) => rows.map((row) => ({ id: row.getAttribute('data-id'), text: row.innerText.replace(/\s+/g, ' ').trim() })));
// A response awaited across a click; when the step fails before awaiting it, its timeout must not end the run.
const responseTo = (page, method, path) => {
  const response = page.waitForResponse((r) => r.request().method() === method && new URL(r.url()).pathname.endsWith(path), { timeout: step });
  response.catch(() => {});
  return response;
};

async function choose(page, dialog, combobox, option) {
  await dialog.locator(combobox).click();
  const options = page.getByRole('option');
  await options.first().waitFor({ timeout: step });
  if (option) await options.filter({ hasText: option }).first().click();
  else await options.first().click();
}

try {
  let admin;
  await run('list', null, async () => {
    admin = await openAs('admin');
    const { page } = admin;
    // The list is shown only when the role allows receivable.read; "Access Restricted" otherwise.
    await page.locator('.MuiDataGrid-row, .Monite-AccessRestriction, :text("Access Restricted")').first().waitFor({ timeout: step });
    await page.waitForLoadState('networkidle', { timeout: step }).catch(() => {});
    return {
      me: admin.me,
      myRole: admin.myRole,
      rows: await listRows(page),
      createDisabled: await page.locator('#actions').isDisabled(),
    };
  });

  const page = admin?.page;
  const details = page?.locator('.Monite-Receivables-Dialog-ReceivableDetails');
  const created = page && !report.list.error && await run('create', page, async () => {
    await page.locator('#actions').click();
    const dialog = page.locator('.Monite-Receivables-Dialog-CreateReceivable');
    await dialog.locator('input[placeholder="Select counterpart"]').click();
    await page.getByRole('option', { name: input.customer }).click();
    await choose(page, dialog, '#mui-component-select-default_billing_address_id');
    await choose(page, dialog, '#mui-component-select-counterpart_vat_id_id');
    await choose(page, dialog, '#mui-component-select-entity_vat_id_id');
    await choose(page, dialog, '#payment_terms_id', input.paymentTerms);
    // One line: a product of the entity's catalogue, in the invoice's currency (the only kind of line the form makes).
    await button(dialog, 'add item').click();
    const currency = page.getByRole('combobox', { name: 'Currency' });
    await currency.click();
    await currency.fill(input.currency);
    await page.getByRole('option').first().click();
    await page.locator('input#search-by-name').last().fill(input.product);
    await page.getByText(input.product, { exact: true }).last().click();
    await button(page, 'add').click();
    const total = (await dialog.innerText()).match(/Total\s+(\S+)/)?.[1] ?? null;
    const posted = responseTo(page, 'POST', '/v1/receivables');
    await dialog.locator('button[type=submit]').click();
    const response = await posted;
    const body = await response.json().catch(() => null);
    await details.waitFor({ timeout: step });
    return { status: response.status(), id: body?.id ?? null, request: JSON.parse(response.request().postData() ?? 'null'), formTotal: total };
  });

  const issued = created && await run('issue', page, async () => {
    // The delivery choices stay disabled while the details load (slowly on a busy machine), and a click on a disabled
    // choice is silently lost: choose "Issue only" again until the Issue button shows, within the step's deadline.
    const issue = button(details, 'issue');
    for (const until = Date.now() + step; !(await issue.isVisible());) {
      if (Date.now() > until) throw new Error('the Issue button never showed after choosing "Issue only"');
      await details.getByText('Issue only').click();
      await issue.waitFor({ timeout: 2_000 }).catch(() => {});
    }
    const posted = responseTo(page, 'POST', `/receivables/${report.create.id}/issue`);
    await issue.click();
    const response = await posted;
    if (response.status() !== 200) throw new Error(`POST /receivables/{id}/issue answered ${response.status()}: ${(await response.text()).slice(0, 300)}`);
    await details.getByText('Issued', { exact: true }).first().waitFor({ timeout: step });
    return { status: response.status(), title: (await details.innerText()).split('\n')[0] };
  });

  issued && await run('pay', page, async () => {
    await button(details, 'record payment').click();
    const form = page.getByRole('dialog').last();
    const due = (await form.innerText()).match(/full amount due of \D*([\d.,]+)/)?.[1];
    await form.locator('input#amount').fill(due ?? '');
    await button(form, 'save').click();
    const posted = responseTo(page, 'POST', '/v1/payment_records');
    await button(page.getByRole('dialog').last(), 'confirm').click();
    const response = await posted;
    if (response.status() !== 201) throw new Error(`POST /payment_records answered ${response.status()}: ${(await response.text()).slice(0, 300)}`);
    await details.getByText('Paid', { exact: true }).first().waitFor({ timeout: step });
    return { status: response.status(), amount: due, request: JSON.parse(response.request().postData() ?? 'null') };
  });

  // The PDF panel of the invoice just made: pdfobject's iframe on the pdf_link file_url, which chromium's viewer shows.
  created && await run('pdf', page, async () => {
    const frame = details.locator('iframe.pdfobject');
    await frame.waitFor({ timeout: step });
    const src = await frame.getAttribute('src');
    const url = new URL(src);
    const key = url.origin + url.pathname + url.search;
    for (let waited = 0; !pdfs.has(key) && waited < step; waited += 250) await page.waitForTimeout(250);
    const pdf = pdfs.get(key);
    if (!pdf) throw new Error(`the PDF panel's ${src} was never loaded`);
    return { src: key, status: pdf.status, contentType: pdf.contentType, start: pdf.bytes.subarray(0, 5).toString('latin1'), size: pdf.bytes.length };
  });

  if (page && !report.list.error) {
    // The receivables screen with its invoices, for the README.
    // The screen as it opens afresh: the list as the API now tells it (the UI keeps its own cached page otherwise).
    await page.reload();
    await page.locator('.MuiDataGrid-row').first().waitFor({ timeout: step }).catch(() => {});
    await page.waitForLoadState('networkidle', { timeout: step }).catch(() => {});
    report.listAfter = { rows: await listRows(page) };
    if (input.screenshot) await page.screenshot({ path: input.screenshot });
  }
  await admin?.context.close();

  // A user whose role reads receivables but may not create them: the list shows, the create button is disabled.
  await run('restricted', null, async () => {
    if (!input.tokens.restricted) throw new Error('no token for the restricted entity user was handed in');
    const restricted = await openAs('restricted');
    const { page } = restricted;
    await page.locator('.MuiDataGrid-row, :text("Access Restricted")').first().waitFor({ timeout: step });
    const result = {
      me: restricted.me,
      myRole: restricted.myRole,
      listShown: await page.locator('.MuiDataGrid-row').count() > 0,
      createDisabled: await page.locator('#actions').isDisabled(),
    };
    await restricted.context.close();
    return result;
  });
} finally {
  await browser.close();
  server.close();
}

process.stdout.write(JSON.stringify(report));
