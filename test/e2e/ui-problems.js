#!/usr/bin/env node
// UI check with Playwright in Chromium: in code-server (with the .vsix installed), open a connection pool file
// that has a mistake; the Problems panel must list it with its rule id. Saves a screenshot to <outDir>.
// usage: node test/e2e/ui-problems.js <baseUrl> <workspaceDir> <outDir>
'use strict';
const fs = require('fs'), path = require('path'), os = require('os');
const HOST = process.env.E2E_HOST_DIR || path.resolve(__dirname, '../../.e2e/host');
const { chromium } = require(path.join(HOST, 'node_modules/playwright-core'));
const [base, ws, outDir] = process.argv.slice(2);
const FILE = 'egpl_ds_connpool_map.xml';
const RULE = 'jdbc/unknown-property';
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'];

(async () => {
  if (!outDir) throw new Error('usage: ui-problems.js <baseUrl> <workspaceDir> <outDir>');
  fs.mkdirSync(outDir, { recursive: true });
  const t0 = Date.now();
  const log = (...a) => console.log(`[ui ${((Date.now() - t0) / 1000).toFixed(1)}s]`, ...a);
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'chromium-ui-'));
  const ctx = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium', headless: true, viewport: { width: 1400, height: 850 }, args: CHROMIUM_ARGS,
  });
  const page = ctx.pages()[0] || await ctx.newPage();
  const shot = path.join(outDir, 'problems-panel.png');
  let ok = false;
  try {
    await page.goto(`${base}/?folder=${encodeURIComponent(path.resolve(ws))}`);
    await page.waitForSelector('.monaco-workbench', { timeout: 60000 });
    log('workbench up');
    await page.locator('.explorer-folders-view .monaco-list-row', { hasText: FILE }).first().click({ timeout: 60000 });
    await page.waitForSelector(`.tab[aria-label*="${FILE}"]`, { timeout: 30000 });
    log('editor open');
    await page.keyboard.press('Control+Shift+M');             // View: Show Problems
    const row = page.locator('.markers-panel .monaco-list-row', { hasText: RULE }).first();
    await row.waitFor({ timeout: 60000 });
    const text = (await row.innerText()).replace(/\s+/g, ' ').trim();
    log('Problems panel row:', text);
    if (!text.includes(RULE) || !/integratedSecuirty/.test(text)) throw new Error(`unexpected Problems row: ${text}`);
    // the squiggle is in the editor too
    await page.waitForSelector('.monaco-editor .squiggly-warning, .monaco-editor .squiggly-error', { timeout: 30000 });
    // the JDBC URL injection grammar is live: without it the Url text is one token; with it the port is its own
    // token, coloured differently from the host
    const tokens = await page.$$eval('.monaco-editor .view-line', (lines) => {
      const line = lines.find((l) => l.textContent.includes('jdbc:sqlserver://'));
      return line ? [...line.querySelectorAll('span > span')].map((s) => ({ text: s.textContent, cls: s.className })) : [];
    });
    const port = tokens.find((t) => t.text === '1433');
    const host = tokens.find((t) => t.text === 'ecedb.example.com');
    const semicolon = tokens.find((t) => t.text === ';');
    log('Url line tokens:', tokens.map((t) => `${t.text}<${t.cls}>`).join(' '));
    if (!port || !host || !semicolon || new Set([port.cls, host.cls, semicolon.cls]).size !== 3) throw new Error('the JDBC URL grammar did not split the Url text into coloured parts');
    ok = true;
  } catch (e) {
    console.error('[ui] FAILED:', e.message);
  } finally {
    await page.screenshot({ path: shot }).catch((e) => console.error('[ui] screenshot failed:', e.message));
    log('screenshot:', shot);
    await ctx.close().catch(() => {});
    fs.rmSync(profile, { recursive: true, force: true });
  }
  process.exit(ok ? 0 : 1);
})().catch((e) => { console.error(e); process.exit(1); });
