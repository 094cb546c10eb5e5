// Drives a running JupyterLab in headless Chromium as an analyst would, and takes screenshots:
//   node tests/browser/lab_session.mjs BASE_URL TOKEN NOTEBOOK OUT.png [STEP...]
// Steps: run-all, restart, period=VALUE (edits notebook 02's parameters cell), run-cell=N
// (runs only code cell N, counting from 0), open-link (follows the last output's link),
// find=TEXT (scrolls to the first output text TEXT), save,
// top, bottom (scroll to the notebook's start or end).
import { chromium } from 'playwright-core';
import { CHROMIUM_FLAGS } from './chromium.mjs';

const [base, token, notebook, out, ...steps] = process.argv.slice(2);

async function palette(page, command) {
  await page.keyboard.press('Control+Shift+C');
  await page.keyboard.type(command);
  await page.keyboard.press('Enter');
}

async function idle(page) {
  await page.waitForTimeout(1000);
  await page.waitForFunction(
    () => ![...document.querySelectorAll('.jp-InputArea-prompt')].some((p) => p.textContent.includes('*')),
    null,
    { timeout: 180000 },
  );
  await page.waitForTimeout(500);
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  headless: true,
  args: CHROMIUM_FLAGS,
});
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  await page.goto(`${base}/lab/tree/${notebook}?reset&token=${token}`);
  await page.waitForSelector('.jp-NotebookPanel:visible .jp-Cell', { timeout: 60000 });
  const panel = page.locator('.jp-NotebookPanel:visible');
  await page.waitForTimeout(3000);
  const news = page.locator('.jp-toast-button', { hasText: 'No' });
  if (await news.count()) await news.first().click();
  for (const step of steps) {
    if (step === 'run-all') {
      await palette(page, 'Run All Cells');
      await idle(page);
    } else if (step === 'restart') {
      await palette(page, 'Restart Kernel');
      await page.waitForTimeout(500);
      const accept = page.locator('.jp-Dialog .jp-mod-accept');
      if (await accept.count()) await accept.click();
      await page.waitForTimeout(3000);
    } else if (step.startsWith('period=')) {
      const editor = panel.locator('.jp-CodeCell .cm-content').nth(0);
      await editor.click();
      await page.keyboard.press('Control+Home');
      await page.keyboard.press('End');
      await page.keyboard.press('Shift+Home');
      await page.keyboard.type(`period = "${step.slice(7)}"  # YYYY-MM..YYYY-MM, YYYY-MM or YYYY/YY`);
      await page.keyboard.press('Escape');
    } else if (step.startsWith('run-cell=')) {
      await panel.locator('.jp-CodeCell').nth(Number(step.slice(9))).locator('.jp-InputPrompt').click();
      await page.keyboard.press('Control+Enter');
      await idle(page);
    } else if (step.startsWith('find=')) {
      await panel.locator('.jp-OutputArea-output', { hasText: step.slice(5) }).last()
        .locator(`text=${step.slice(5)}`).first().scrollIntoViewIfNeeded();
      await page.waitForTimeout(500);
    } else if (step === 'save') {
      await page.keyboard.press('Control+s');
      await page.waitForTimeout(2000);
    } else if (step === 'top') {
      await panel.locator('.jp-Cell').first().scrollIntoViewIfNeeded();
      await page.waitForTimeout(500);
    } else if (step === 'bottom') {
      await panel.locator('.jp-CodeCell').last().scrollIntoViewIfNeeded();
      await page.waitForTimeout(500);
    } else if (step === 'open-link') {
      await panel.locator('.jp-OutputArea-output a').last().click();
      await page.waitForTimeout(4000);
    }
  }
  await page.screenshot({ path: out });
} finally {
  await browser.close();
}
