// Debian's Chromium, headless and offline: what check_page.mjs and layout_page.mjs share.
//
// withOfflinePage(callback) opens a fresh profile, blocks every request that is not file: or
// data: (listing it in the `blocked` array it passes on), calls callback(page, blocked) and
// closes the browser and removes the profile, whatever happens.
// CHROMIUM_PATH overrides the browser (default /usr/bin/chromium).

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export async function withOfflinePage(callback) {
  const userDataDir = mkdtempSync(join(tmpdir(), 'cci-chromium-'));
  const blocked = [];
  let context;
  try {
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
      headless: true,
      args: CHROMIUM_FLAGS,
    });
    await context.route('**/*', (route) => {
      const requested = route.request().url();
      if (requested.startsWith('file:') || requested.startsWith('data:')) {
        return route.continue();
      }
      blocked.push(requested);
      return route.abort('blockedbyclient');
    });
    const page = context.pages()[0] ?? (await context.newPage());
    return await callback(page, blocked);
  } finally {
    if (context) await context.close();
    rmSync(userDataDir, { recursive: true, force: true });
  }
}
