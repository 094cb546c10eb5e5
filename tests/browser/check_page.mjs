// Load a local HTML page in Debian's Chromium, with the network shut off, and run axe-core.
//
// Usage: node check_page.mjs PAGE.html
// Prints one JSON object on stdout:
//   {url, axeVersion, violations: [...], incomplete: [...], blockedRequests: [...]}
// Every request that is not file: or data: is blocked and listed in blockedRequests
// (a self-contained page makes none). axe-core runs with its default rules.
// Exit status: 0 when the checks ran (whatever they found), 2 on a usage or browser error.
// CHROMIUM_PATH overrides the browser (default /usr/bin/chromium).

import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);

const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

async function checkPage(pagePath) {
  const url = pathToFileURL(resolve(pagePath)).href;
  const userDataDir = mkdtempSync(join(tmpdir(), 'cci-chromium-'));
  const blockedRequests = [];
  let context;
  try {
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
      headless: true,
      args: CHROMIUM_FLAGS,
      offline: false,
    });
    await context.route('**/*', (route) => {
      const requested = route.request().url();
      if (requested.startsWith('file:') || requested.startsWith('data:')) {
        return route.continue();
      }
      blockedRequests.push(requested);
      return route.abort('blockedbyclient');
    });
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(url, { waitUntil: 'load' });
    await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
    const results = await page.evaluate(async () => {
      // eslint-disable-next-line no-undef
      const run = await axe.run(document, { resultTypes: ['violations', 'incomplete'] });
      return { axeVersion: run.testEngine.version, violations: run.violations, incomplete: run.incomplete };
    });
    return { url, ...results, blockedRequests };
  } finally {
    if (context) await context.close();
    rmSync(userDataDir, { recursive: true, force: true });
  }
}

const [pagePath] = process.argv.slice(2);
if (!pagePath) {
  process.stderr.write('Usage: node check_page.mjs PAGE.html\n');
  process.exit(2);
}
try {
  const report = await checkPage(pagePath);
  process.stdout.write(JSON.stringify(report) + '\n');
} catch (error) {
  process.stderr.write(`check_page: ${error.stack || error}\n`);
  process.exit(2);
}
