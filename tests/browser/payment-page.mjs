// Opens the hosted payment page in headless Debian chromium (playwright-core with executablePath, never a downloaded
// browser) and reports what a payer sees, as one JSON object on stdout; the xunit test (PaymentPageBrowserTests) asserts.
// Every request to a host other than the allowed ones is aborted and listed: the page must need nothing from elsewhere.
//
//   node payment-page.mjs '{"active": url, "expired": url, "paid": url, "allowedHosts": ["127.0.0.1:5000"], "screenshot": path}'
import { chromium } from 'playwright-core';
import { readFile } from 'node:fs/promises';

const input = JSON.parse(process.argv[2]);
const executablePath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const browser = await chromium.launch({
  executablePath,
  headless: true,
  // Running as root in CI containers: chromium's sandbox needs user namespaces it may not have there.
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
});
const blocked = [];
const pdfs = new Map();
const consoleErrors = [];
const report = { blocked, consoleErrors };
try {
  const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 720, height: 1000 }, deviceScaleFactor: 1 });
  await context.route('**/*', (route) => {
    const url = new URL(route.request().url());
    // data: URLs and the browser's own pages (its PDF viewer's chrome:// and chrome-extension:// files) never leave it.
    if (['data:', 'chrome:', 'chrome-extension:'].includes(url.protocol)) return route.continue();
    if (input.allowedHosts.includes(url.host)) {
      // PDFs are fetched here and handed on, so that their bytes are known whether Chromium downloads or shows them.
      if (!url.pathname.endsWith('.pdf')) return route.continue();
      return route.fetch().then(async (response) => {
        pdfs.set(route.request().url(), { status: response.status(), bytes: await response.body() });
        return route.fulfill({ response });
      });
    }
    blocked.push(route.request().url());
    return route.abort('blockedbyclient');
  });
  const page = await context.newPage();
  // CSP violations and failed loads show as console errors.
  page.on('console', (message) => { if (message.type() === 'error') consoleErrors.push(message.text()); });
  page.on('pageerror', (error) => consoleErrors.push(String(error)));

  const text = async (selector) => ((await page.locator(selector).count()) ? (await page.locator(selector).first().innerText()).trim() : null);
  const state = async () => page.locator('#state').getAttribute('data-status');

  // The active link: amount, bank details, the QR code as the browser drew it, the PDF link.
  let response = await page.goto(input.active, { waitUntil: 'load' });
  const headers = response.headers();
  const qr = await page.evaluate(async () => {
    const img = document.querySelector('#epc-qr');
    if (!img) return null;
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = img.naturalWidth;
    canvas.height = img.naturalHeight;
    const context = canvas.getContext('2d');
    context.drawImage(img, 0, 0);
    const pixels = context.getImageData(0, 0, canvas.width, canvas.height).data;
    let binary = '';
    for (let i = 0; i < pixels.length; i += 0x8000) binary += String.fromCharCode(...pixels.subarray(i, i + 0x8000));
    const box = img.getBoundingClientRect();
    return { width: canvas.width, height: canvas.height, rgba: btoa(binary), complete: img.complete, shownWidth: box.width, shownHeight: box.height };
  });
  report.active = {
    status: response.status(),
    contentType: headers['content-type'],
    csp: headers['content-security-policy'],
    state: await state(),
    payee: await text('h1'),
    invoiceNumber: await text('#invoice-number'),
    amount: await text('#amount'),
    dueDate: await text('#due-date'),
    iban: await text('#iban'),
    bic: await text('#bic'),
    accountHolder: await text('#account-holder'),
    returnUrl: await page.locator('#return').getAttribute('href').catch(() => null),
    qr,
  };
  if (input.screenshot) await page.screenshot({ path: input.screenshot, fullPage: true });

  const pdfLink = page.locator('#pdf');
  if (await pdfLink.count()) {
    const href = await pdfLink.getAttribute('href');
    // Chromium downloads the PDF or opens it in its viewer, as the file's Content-Disposition says: either way the
    // route above has the bytes it received.
    await pdfLink.click();
    for (let i = 0; i < 150 && !pdfs.has(href); i++) await new Promise((resolve) => setTimeout(resolve, 100));
    const got = pdfs.get(href);
    const failure = !got ? 'not requested' : got.status !== 200 ? `status ${got.status}` : null;
    const bytes = got?.bytes ?? null;
    report.pdf = { href, failure, size: bytes?.length ?? 0, start: bytes ? bytes.subarray(0, 5).toString('latin1') : null };
  } else {
    report.pdf = null;
  }

  for (const name of ['expired', 'paid']) {
    if (!input[name]) continue;
    response = await page.goto(input[name], { waitUntil: 'load' });
    report[name] = {
      status: response.status(),
      state: await state(),
      message: await text('#state'),
      amount: await text('#amount'),
      iban: await text('#iban'),
      hasQr: (await page.locator('#epc-qr').count()) > 0,
    };
  }
} finally {
  await browser.close();
}
process.stdout.write(JSON.stringify(report));
