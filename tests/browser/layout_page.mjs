// Load a local HTML page in Debian's Chromium at given widths and report what does not fit.
//
// Usage: node layout_page.mjs PAGE.html WIDTH [WIDTH...] [--screenshots FOLDER]
// Prints one JSON object on stdout: {"<width>": {viewport, scrollWidth, outside, scrolled}}
// where `outside` lists the elements (tag, class, first words) whose box reaches past the
// right edge of <main>'s content or of the window, or whose content is wider than its box
// (clipped), and `scrolled` the captions of tables that scroll sideways in their region. With --screenshots, a full-page PNG per width is written there.
// The network is shut off, as in check_page.mjs. Exit status 2 on a usage or browser error.

import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { withOfflinePage } from './chromium.mjs';

function findOutside() {
  const main = document.querySelector('main');
  const box = main.getBoundingClientRect();
  const style = getComputedStyle(main);
  const right = Math.min(box.right - parseFloat(style.paddingRight), window.innerWidth) + 1;
  // A table wider than the screen scrolls sideways inside its region: listed, not outside.
  const scrolled = [...main.querySelectorAll('.table-wrap')]
    .filter((wrap) => wrap.scrollWidth > wrap.clientWidth + 1)
    .map((wrap) => wrap.getAttribute('aria-label'));
  const outside = [];
  const selector = 'table, figure, img, p, li, h1, h2, h3, h4, caption, th, td, .table-wrap';
  for (const element of main.querySelectorAll(selector)) {
    if (element.closest('.visually-hidden')) continue;
    const wrap = element.closest('.table-wrap');
    if (wrap && wrap !== element) continue; // judged by its region
    const rect = element.getBoundingClientRect();
    const clipped = !wrap && element.tagName !== 'IMG' && element.scrollWidth > element.clientWidth + 1;
    if (rect.right > right || clipped) {
      outside.push({
        tag: element.tagName.toLowerCase(),
        class: element.className || '',
        text: (element.textContent || element.getAttribute('alt') || '').trim().slice(0, 60),
        right: Math.round(rect.right),
        limit: Math.round(right),
      });
    }
  }
  return {
    viewport: window.innerWidth,
    scrollWidth: document.documentElement.scrollWidth,
    outside,
    scrolled,
  };
}

async function layout(pagePath, widths, shots) {
  const url = pathToFileURL(resolve(pagePath)).href;
  return withOfflinePage(async (page) => {
    const report = {};
    for (const width of widths) {
      await page.setViewportSize({ width, height: 900 });
      await page.goto(url, { waitUntil: 'load' });
      report[width] = await page.evaluate(findOutside);
      if (shots) await page.screenshot({ path: join(shots, `page-${width}.png`), fullPage: true });
    }
    return report;
  });
}

const args = process.argv.slice(2);
const shotAt = args.indexOf('--screenshots');
const shots = shotAt >= 0 ? args.splice(shotAt, 2)[1] : null;
const [pagePath, ...widthArgs] = args;
const widths = widthArgs.map(Number).filter((w) => w > 0);
if (!pagePath || widths.length === 0) {
  process.stderr.write('Usage: node layout_page.mjs PAGE.html WIDTH [WIDTH...] [--screenshots FOLDER]\n');
  process.exit(2);
}
try {
  process.stdout.write(JSON.stringify(await layout(pagePath, widths, shots)) + '\n');
} catch (error) {
  process.stderr.write(`layout_page: ${error.stack || error}\n`);
  process.exit(2);
}
