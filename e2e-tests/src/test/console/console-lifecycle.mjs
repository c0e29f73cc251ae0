// The model lifecycle through the web console in a real browser (Debian's Chromium, headless), against the
// real stack: Keycloak login, an API key, a dataset upload with its PII report, a private fine-tuning job
// followed live, deploying by moving an alias, the playground, usage and billing, the tenants page of a
// platform admin. Any error in the browser console fails the run. Each page leaves a screenshot.
//
// Environment: CONSOLE_URL, DATASET (a CSV), SCREENSHOTS (a folder), NODE_MODULES_OF (a folder whose
// node_modules holds playwright-core), CHROMIUM (the browser binary).
import { createRequire } from 'node:module';
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';

const require = createRequire(path.join(process.env.NODE_MODULES_OF, 'package.json'));
const { chromium } = require('playwright-core');

const base = process.env.CONSOLE_URL.replace(/\/$/, '');
const screenshots = process.env.SCREENSHOTS;
const modelName = `console-churn-${Date.now().toString(36)}`;
// Only this run's pictures: a failure.png of an earlier run must not linger beside them.
rmSync(screenshots, { recursive: true, force: true });
mkdirSync(screenshots, { recursive: true });

const consoleErrors = [];
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
    '--disable-sync', '--no-first-run'],
});
let step = 'start';
let shot = 0;
let current = null;

function watch(page) {
  current = page;
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const text = `[${step}] ${message.text()} (${message.location().url})`;
    // The console's own pages must stay clean; Keycloak's login pages are not ours to judge, and Chromium
    // reports the 404 that the isolation step asks for as a failed resource.
    if (!page.url().startsWith(base)) console.log(`identity provider page reported: ${text}`);
    else if (step === 'another tenant' && message.text().includes('status of 404')) console.log(`expected: ${text}`);
    else consoleErrors.push(text);
  });
  page.on('pageerror', (error) => consoleErrors.push(`[${step}] uncaught: ${error.message}`));
  page.on('dialog', (dialog) => dialog.accept());
}

async function screenshot(page, name) {
  shot++;
  const file = path.join(screenshots, `${String(shot).padStart(2, '0')}-${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  console.log(`screenshot ${file}`);
}

function expectTrue(condition, message) {
  if (!condition) throw new Error(message);
}

async function login(page, username) {
  step = `login ${username}`;
  await page.goto(base + '/');
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.waitForSelector('#username');
  await page.fill('#username', username);
  await page.fill('#password', 'demo');
  await page.click('#kc-login');
  await page.waitForURL((url) => url.origin === new URL(base).origin && url.pathname !== '/callback');
  await page.getByTestId('role').waitFor();
}

async function nav(page, label) {
  step = label;
  await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: label }).click();
  await page.getByRole('heading', { level: 1 }).first().waitFor();
}

try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  watch(page);

  await login(page, 'acme-admin');
  expectTrue(await page.getByTestId('tenant').textContent() === 'acme', 'the header names the tenant');
  expectTrue(await page.getByTestId('role').textContent() === 'tenant-admin', 'the header names the role');

  step = 'api keys';
  await page.getByRole('heading', { level: 1, name: 'API keys' }).waitFor();
  await page.getByLabel('Name').fill('console-e2e');
  await page.getByRole('button', { name: 'Create key' }).click();
  const secret = await page.getByTestId('api-key-secret').textContent();
  expectTrue(secret.startsWith('myk_'), `a key secret is shown once: ${secret}`);
  await screenshot(page, 'api-key-created');
  await page.getByRole('button', { name: 'I have stored it' }).click();
  await page.getByRole('button', { name: 'Revoke key console-e2e' }).click();
  await page.getByRole('row', { name: /console-e2e/ }).getByText('revoked').waitFor();
  await screenshot(page, 'api-keys');

  await nav(page, 'Datasets');
  await page.getByRole('button', { name: 'Upload' }).click();
  await page.getByText('File is required: choose a .csv or .jsonl file').waitFor();
  await page.getByLabel('File').setInputFiles(process.env.DATASET);
  await page.getByRole('button', { name: 'Upload' }).click();
  await page.waitForURL(/\/datasets\/file-/);
  const fileId = decodeURIComponent(new URL(page.url()).pathname.split('/').pop());
  await page.getByRole('heading', { name: 'PII report' }).waitFor();
  await page.getByText(/values replaced in/).waitFor();
  await page.getByRole('cell', { name: 'EMAIL_ADDRESS' }).first().waitFor();
  await page.getByRole('meter', { name: 'This file: ε used' }).waitFor();
  await screenshot(page, 'dataset-pii-report');

  await nav(page, 'Fine-tuning');
  await page.getByRole('button', { name: 'Start job' }).click();
  await page.getByText('Training file is required').waitFor();
  await page.getByLabel('Training file').selectOption(fileId);
  await page.getByLabel('Label column').selectOption('churned');
  await page.getByLabel('Model name (suffix)').fill(modelName);
  await page.getByLabel('Epochs').fill('6');
  await page.getByLabel('Target ε').fill('2');
  await screenshot(page, 'job-form');
  await page.getByRole('button', { name: 'Start job' }).click();
  await page.waitForURL(/\/jobs\/ftjob-/);
  step = 'job';
  await page.locator('h1 .badge-succeeded').waitFor({ timeout: 240_000 });
  await page.getByRole('img', { name: /Loss per epoch/ }).waitFor();
  await page.getByRole('img', { name: /Accuracy per epoch/ }).waitFor();
  await page.getByText(/Training completed/).waitFor();
  await screenshot(page, 'job-succeeded');

  step = 'model';
  await page.getByRole('link', { name: new RegExp(`^${modelName}@\\d+$`) }).click();
  await page.getByRole('heading', { level: 1, name: modelName }).waitFor();
  await page.getByRole('heading', { name: 'Lineage' }).waitFor();
  await page.getByRole('button', { name: 'Move alias (deploy)' }).click();
  await page.getByRole('row', { name: /production/ }).getByText('deployed', { exact: true }).waitFor({ timeout: 60_000 });
  await page.getByRole('button', { name: 'History' }).click();
  await page.locator('.history li').first().waitFor();
  await screenshot(page, 'model-deployed');

  await nav(page, 'Playground');
  await page.getByLabel('Model', { exact: true }).selectOption(modelName);
  await page.getByLabel('age').fill('30');
  await page.getByLabel('monthly_spend').fill('150');
  await page.getByLabel('tenure_months').fill('3');
  await page.getByLabel('support_tickets').fill('9');
  const categories = page.locator('fieldset', { hasText: 'categories' }).locator('select');
  for (let i = 0; i < await categories.count(); i++) {
    await categories.nth(i).selectOption({ index: 1 });
  }
  await page.getByRole('button', { name: 'Run inference' }).click();
  await page.getByTestId('latency').waitFor();
  await page.getByRole('button', { name: 'Run inference' }).click();
  await page.getByText(/Over 2 calls: p50/).waitFor();
  await page.getByRole('table', { name: 'Class probabilities' }).waitFor();
  await screenshot(page, 'playground');

  await nav(page, 'Usage and billing');
  // Usage is metered asynchronously in batches: look again until the calls show.
  for (let attempt = 0; ; attempt++) {
    if (await page.getByRole('cell', { name: modelName }).count() > 0) break;
    expectTrue(attempt < 30, 'the playground calls show in the usage');
    await page.waitForTimeout(1000);
    await page.getByLabel('Period').selectOption(attempt % 2 === 0 ? '7' : '30');
  }
  await page.getByRole('img', { name: /Requests per day and model/ }).waitFor();
  await page.getByTestId('invoice-total').waitFor();
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV' }).click();
  expectTrue((await download).suggestedFilename().endsWith('.csv'), 'the usage exports as CSV');
  await screenshot(page, 'usage-and-billing');

  step = 'deep link';
  await page.goto(`${base}/models/${encodeURIComponent(modelName)}`);
  await page.getByRole('heading', { level: 1, name: modelName }).waitFor();
  step = 'keyboard';
  await page.keyboard.press('Tab');
  expectTrue(await page.evaluate(() => document.activeElement?.textContent) === 'Skip to content',
    'the first Tab stop is the skip link');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Tab');
  expectTrue(await page.evaluate(() => document.getElementById('main')?.contains(document.activeElement)),
    'the skip link leads the keyboard into the page');

  step = 'narrow screen';
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`${base}/datasets`);
  await page.getByRole('heading', { level: 1, name: 'Datasets' }).waitFor();
  expectTrue(!(await page.getByRole('navigation', { name: 'Console' }).isVisible()), 'the menu folds away on a narrow screen');
  await page.getByRole('button', { name: 'Menu' }).click();
  await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Models' }).waitFor();
  expectTrue(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1),
    'nothing overflows the narrow screen sideways');
  await screenshot(page, 'narrow-screen');
  await context.close();

  const admin = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const adminPage = await admin.newPage();
  watch(adminPage);
  await login(adminPage, 'platform-admin');
  step = 'tenants';
  await adminPage.getByRole('heading', { level: 1, name: 'Tenants' }).waitFor();
  await adminPage.getByRole('cell', { name: /acme/ }).first().waitFor();
  await adminPage.getByRole('button', { name: 'Create tenant' }).click();
  await adminPage.getByText("ID must be 3-32 lower-case letters, digits or '-'").waitFor();
  await screenshot(adminPage, 'admin-tenants');
  await admin.close();

  // Another tenant's admin following a link to acme's model finds nothing there.
  const globex = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const globexPage = await globex.newPage();
  watch(globexPage);
  await login(globexPage, 'globex-admin');
  step = 'another tenant';
  expectTrue(await globexPage.getByTestId('tenant').textContent() === 'globex', 'globex-admin acts for globex');
  await globexPage.goto(`${base}/models/${encodeURIComponent(modelName)}`);
  await globexPage.getByRole('alert').getByText('Not found').waitFor();
  await screenshot(globexPage, 'another-tenant-not-found');
  await globex.close();
} catch (error) {
  console.error(`FAILED at step "${step}": ${error.stack ?? error}`);
  if (current) {
    await current.screenshot({ path: path.join(screenshots, 'failure.png'), fullPage: true }).catch(() => undefined);
    console.error(`The page showed:\n${await current.locator('body').innerText().catch(() => '?')}`);
  }
  if (consoleErrors.length > 0) console.error(`Browser console errors:\n${consoleErrors.join('\n')}`);
  await browser.close();
  process.exit(1);
}
await browser.close();
if (consoleErrors.length > 0) {
  console.error(`The browser console reported ${consoleErrors.length} error(s):\n${consoleErrors.join('\n')}`);
  process.exit(2);
}
console.log('The console lifecycle holds in the browser with no console errors.');
