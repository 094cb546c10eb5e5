// Load a local HTML page in Debian's Chromium, with the network shut off, and run axe-core.
//
// Usage: node check_page.mjs PAGE.html
// Prints one JSON object on stdout:
//   {url, axeVersion, violations: [...], incomplete: [...], blockedRequests: [...]}
// Every request that is not file: or data: is blocked and listed in blockedRequests
// (a self-contained page makes none). axe-core runs with its default rules.
// Exit status: 0 when the checks ran (whatever they found), 2 on a usage or browser error.
// CHROMIUM_PATH overrides the browser (default /usr/bin/chromium).

import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { withOfflinePage } from './chromium.mjs';

const require = createRequire(import.meta.url);

async function checkPage(pagePath) {
  const url = pathToFileURL(resolve(pagePath)).href;
  return withOfflinePage(async (page, blockedRequests) => {
    await page.goto(url, { waitUntil: 'load' });
    await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
    const results = await page.evaluate(async () => {
      // eslint-disable-next-line no-undef
      const run = await axe.run(document, { resultTypes: ['violations', 'incomplete'] });
      return { axeVersion: run.testEngine.version, violations: run.violations, incomplete: run.incomplete };
    });
    return { url, ...results, blockedRequests };
  });
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
