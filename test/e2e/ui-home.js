#!/usr/bin/env node
// UI check with Playwright in Chromium on a fresh copy of the example ECE home (code-server with the .vsix installed),
// as an admin would use it. Each step checks the text the screen must show (Playwright text queries) and saves a
// screenshot to <outDir>:
//   problems-home.png      the Problems panel with findings of files that were never opened (and their rule ids)
//   hover-url.png          a hover on a Url property: the property's finding first, then the URL's parts
//   quick-fix-menu.png     the quick-fix menu on a pool finding: "Convert every pool ..." offered once
//   convert-preview.png    ECE: Convert to Windows Authentication → Preview...: the changes ticked, no password in
//                          their labels (VS Code's own line preview shows the text an edit removes, struck through)
// then Apply, the zip question answered, and the files on disk converted and saved.
// usage: node test/e2e/ui-home.js <baseUrl> <homeDir> <outDir>
'use strict';
const fs = require('fs'), path = require('path'), os = require('os');
const HOST = process.env.E2E_HOST_DIR || path.resolve(__dirname, '../../.e2e/host');
const { chromium } = require(path.join(HOST, 'node_modules/playwright-core'));
const [base, home, outDir] = process.argv.slice(2);
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'];
const POOL = path.join('eService', 'installation', 'dataaccess', 'egpl_ds_connpool_map.xml');
const INDEXSTATS = path.join('UpdateDBIndexStats', 'input.properties');

/** The passwords of the example (pool file and input.properties): they must never be shown in the preview's labels. */
function secrets() {
  const pool = fs.readFileSync(path.join(home, POOL), 'utf8');
  const input = fs.readFileSync(path.join(home, INDEXSTATS), 'utf8');
  const out = [...pool.matchAll(/<Password\b[^>]*>([^<]+)<\/Password>/g)].map((m) => m[1]);
  for (const m of input.matchAll(/^[ \t]*(?:ACTIVE|REPORTS)_PASS[ \t]*[=:][ \t]*(\S.*?)[ \t]*$/gm)) out.push(m[1]);
  return [...new Set(out)].filter((s) => s.length >= 4);
}

const norm = (t) => t.replace(/\s+/g, ' ').trim();

/** Polls `ok()` every 200 ms until it holds, or fails with `why()` after `ms` (for what the page fires no event for). */
async function until(ok, why, ms) {
  const end = Date.now() + ms;
  while (!(await ok())) {
    if (Date.now() > end) throw new Error(await why());
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** How many findings `ece-config check` (the built CLI of this checkout) reports for the home. */
function cliTotal() {
  const cli = path.resolve(__dirname, '..', '..', 'dist', 'cli.js');
  const r = require('child_process').spawnSync(process.execPath, [cli, 'check', '--format', 'json', '--settings', path.join(home, '.vscode', 'settings.json'), '.'], { cwd: home, encoding: 'utf8' });
  if (r.status !== 0 && r.status !== 1) throw new Error(`ece-config check failed: ${r.stderr}`);
  return JSON.parse(r.stdout).files.reduce((n, f) => n + f.diagnostics.length, 0);
}

(async () => {
  if (!outDir) throw new Error('usage: ui-home.js <baseUrl> <homeDir> <outDir>');
  fs.mkdirSync(outDir, { recursive: true });
  const t0 = Date.now();
  const log = (...a) => console.log(`[ui-home ${((Date.now() - t0) / 1000).toFixed(1)}s]`, ...a);
  const passwords = secrets();
  if (passwords.length < 2) throw new Error(`the example home should hold passwords to convert (found ${passwords.length})`);
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'chromium-ui-home-'));
  const ctx = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium', headless: true, viewport: { width: 1500, height: 950 }, args: CHROMIUM_ARGS,
  });
  const page = ctx.pages()[0] || await ctx.newPage();
  const shot = (name) => page.screenshot({ path: path.join(outDir, name) }).then(() => log('screenshot', name));
  let step = 'start';
  let ok = false;
  try {
    await page.goto(`${base}/?folder=${encodeURIComponent(path.resolve(home))}`);
    await page.waitForSelector('.monaco-workbench', { timeout: 60000 });
    log('workbench up');

    // 1. Problems panel, before any file is opened: the server loaded the home in the background.
    step = 'Problems panel';
    await page.locator('.explorer-folders-view').waitFor({ timeout: 60000 });
    await page.keyboard.press('Control+Shift+M');
    const panel = page.locator('.markers-panel');
    await panel.locator('.monaco-list-row', { hasText: 'egpl_ds_connpool_map.xml' }).first().waitFor({ timeout: 60000 });
    // the panel's count is what ece-config check finds in the whole home (the list below is scrolled, so count there)
    const total = cliTotal();
    const badge = page.locator('.panel .composite-bar .action-item', { hasText: 'Problems' }).locator('.badge-content').first();
    await until(async () => norm(await badge.innerText().catch(() => '')) === String(total),
      async () => `the Problems badge says ${await badge.innerText().catch(() => '?')}, ece-config check finds ${total}`, 60000);
    log(`Problems badge: ${total}, as ece-config check`);
    const rule = panel.locator('.monaco-list-row', { hasText: 'connpool/mixed-authentication' }).first();
    await rule.waitFor({ timeout: 60000 });
    const ruleText = norm(await rule.innerText());
    if (ruleText.includes('`')) throw new Error(`a Problems row shows a backtick: ${ruleText}`);
    if (!/"Platform_MSSQL_Pool_Batch" still uses SQL authentication/.test(ruleText)) throw new Error(`unexpected Problems row: ${ruleText}`);
    if (await page.locator('.tabs-container .tab').count() !== 0) throw new Error('an editor is open: the findings must come without opening a file');
    log('Problems row:', ruleText);
    await shot('problems-home.png');

    // 2. Open the pool file (Quick Open) and hover on the host of the second pool's Url.
    step = 'hover on a Url';
    await page.keyboard.press('Control+P');
    await page.locator('.quick-input-widget input').fill('egpl_ds_connpool_map.xml');
    await page.locator('.quick-input-widget .monaco-list-row', { hasText: 'egpl_ds_connpool_map.xml' }).first().waitFor({ timeout: 30000 });
    await page.keyboard.press('Enter');
    await page.waitForSelector('.tab[aria-label*="egpl_ds_connpool_map.xml"]', { timeout: 30000 });
    // Go to Line, until the status bar says the cursor is there (a key pressed while the editor is still opening is lost).
    const goTo = async (line, col) => {
      const where = page.locator('.statusbar-item', { hasText: `Ln ${line}, Col ` }); // the column shown counts tabs as their width
      await until(async () => {
        if (await where.count()) return true;
        await page.locator('.monaco-editor .view-lines').first().click();
        await page.keyboard.press('Control+G');
        const input = page.locator('.quick-input-widget input');
        await input.waitFor({ timeout: 5000 });
        await input.fill(`:${line}:${col}`);
        await page.keyboard.press('Enter');
        await where.waitFor({ timeout: 2000 }).catch(() => undefined);
        return (await where.count()) > 0;
      }, async () => `the cursor did not reach line ${line}, column ${col} (status bar: ${norm(await page.locator('.statusbar').innerText())})`, 30000);
    };
    await goTo(17, 40);   // inside 10.20.30.40
    await page.keyboard.press('Control+K');
    await page.keyboard.press('Control+I');
    const hover = page.locator('.monaco-hover:visible').first();
    await hover.getByText('is an IP address', { exact: false }).first().waitFor({ timeout: 30000 });
    await hover.getByText('Server:', { exact: false }).first().waitFor({ timeout: 30000 });
    const hoverText = norm(await hover.innerText());
    log('hover:', hoverText.slice(0, 200));
    if (hoverText.indexOf('is an IP address') > hoverText.indexOf('Server:')) throw new Error('the property\'s finding should come before the URL description');
    if (passwords.some((p) => hoverText.includes(p))) throw new Error('the hover shows a password');
    await shot('hover-url.png');
    await page.keyboard.press('Escape');

    // 3. The quick-fix menu on the mixed-authentication finding (the pool's name): each action once.
    step = 'quick-fix menu';
    await goTo(13, 25);
    await page.keyboard.press('Control+.');
    const menu = page.locator('.action-widget');
    await menu.getByText('to Windows authentication', { exact: false }).first().waitFor({ timeout: 30000 });
    const items = (await menu.locator('.monaco-list-row').allInnerTexts()).map(norm).filter(Boolean);
    log('quick fixes:', items.join(' | '));
    if (new Set(items).size !== items.length) throw new Error(`an action is offered twice: ${items.join(' | ')}`);
    if (items.filter((t) => /Convert every pool/i.test(t)).length !== 1) throw new Error(`"Convert every pool ..." should be offered once: ${items.join(' | ')}`);
    await shot('quick-fix-menu.png');
    await page.keyboard.press('Escape');

    // 4. Commands where they belong: with the pool file active, the palette offers Convert, not the web.config one.
    step = 'command palette';
    await page.keyboard.press('Control+Shift+P');
    await page.locator('.quick-input-widget input').fill('>ECE: ');
    await page.locator('.quick-input-widget .monaco-list-row', { hasText: 'Convert to Windows Authentication' }).first().waitFor({ timeout: 30000 });
    const commands = (await page.locator('.quick-input-widget .monaco-list-row').allInnerTexts()).map(norm);
    log('palette:', commands.join(' | '));
    if (commands.some((c) => /Restrict Framing|Insert Finesse Gadget Tab/.test(c))) throw new Error(`web.config/Finesse commands offered on a pool file: ${commands.join(' | ')}`);

    // 5. Convert to Windows Authentication → Preview...
    step = 'conversion preview';
    await page.locator('.quick-input-widget .monaco-list-row', { hasText: 'Convert to Windows Authentication' }).first().click();
    const dialog = page.locator('.monaco-dialog-box');
    await dialog.getByText('"Preview..." opens the refactor preview', { exact: false }).waitFor({ timeout: 30000 });
    const dialogText = norm(await dialog.innerText());
    if (passwords.some((p) => dialogText.includes(p))) throw new Error('the confirmation shows a password');
    for (const b of ['Convert and Save', 'Preview...', 'Cancel']) await dialog.getByRole('button', { name: b }).waitFor({ timeout: 5000 });
    await dialog.getByRole('button', { name: 'Preview...' }).click();
    const preview = page.locator('.bulk-edit-panel').first();
    await preview.locator('.monaco-list-row', { hasText: 'egpl_ds_connpool_map.xml' }).first().waitFor({ timeout: 30000 });
    // Every row of the tree: the panel is maximised so the whole (virtualised) list is in view, which is checked.
    await page.locator('.panel .global-actions .action-label[aria-label*="Maximize"], .panel .title-actions .action-label[aria-label*="Maximize"], .panel .action-label.codicon-chevron-up').first().click();
    const allRows = async () => {
      const fits = await preview.locator('.monaco-list').first().evaluate((list) => {
        const rowsEl = list.querySelector('.monaco-list-rows');
        return rowsEl.getBoundingClientRect().height <= list.getBoundingClientRect().height + 1;
      });
      if (!fits) throw new Error('the preview list is longer than the maximised panel');
      return preview.locator('.monaco-list-row').evaluateAll((els) => els.map((el) => {
        const box = el.querySelector('.monaco-checkbox, [role="checkbox"], input[type="checkbox"]');
        const checked = box ? (box.getAttribute('aria-checked') === 'true' || box.classList.contains('checked') || box.checked === true) : null;
        return { index: Number(el.getAttribute('data-index')), text: el.innerText.replace(/\s+/g, ' ').trim(), level: Number(el.getAttribute('aria-level') || 0), checked };
      }).sort((a, b) => a.index - b.index));
    };
    // Grouped by file (VS Code's default): every line of every planned change ticked, one line (the opener) not.
    await until(async () => (await preview.locator('.monaco-list-row[aria-level="2"]').count()) >= 3, () => 'the preview lists the lines it changes', 30000);
    let rows = await allRows();
    log('preview by file:', rows.map((r) => `${r.checked ? '[x]' : '[ ]'} ${r.text}`).join(' | ').slice(0, 900));
    if (rows.some((r) => r.checked === null)) throw new Error('a preview row without a checkbox');
    const untickedByFile = rows.filter((r) => !r.checked);
    if (untickedByFile.length !== 1 || untickedByFile[0].level !== 2) throw new Error(`exactly one line (the opener) should be unticked: ${untickedByFile.map((r) => r.text).join(' | ')}`);
    const changedLines = rows.filter((r) => r.level === 2 && r.checked).length;
    // (the example's reportsdb_utility.properties says IS_WINDOWS_AUTHENTICATION=true with trailing blanks: set to true)
    for (const name of ['egpl_ds_connpool_map.xml', 'reportsdb_utility.properties', 'input.properties']) {
      if (!rows.some((r) => r.level === 1 && r.text.startsWith(name))) throw new Error(`the preview has no changes of ${name}`);
    }
    // Grouped by change (the annotation labels): what each change does, no password in any label.
    await page.locator('.panel .title-actions .action-label[aria-label*="Group Changes By Type"], .panel .title-actions .action-label[aria-label*="Group Changes by Type"]').first().click();
    await preview.getByText('Password emptied', { exact: false }).first().waitFor({ timeout: 30000 });
    await until(async () => (await preview.locator('.monaco-list-row[aria-level="3"]').count()) >= changedLines, () => 'every change is listed under its label', 30000);
    rows = await allRows();
    log('preview by change:', rows.filter((r) => r.level === 1).map((r) => r.text).join(' | ').slice(0, 1200));
    const groups = [];
    for (const r of rows) if (r.level === 1) groups.push({ label: r.text, items: [] }); else groups[groups.length - 1].items.push(r);
    for (const g of groups) if (passwords.some((p) => g.label.includes(p))) throw new Error(`a change label shows a password: ${g.label}`);
    const opener = groups.filter((g) => /changes no text/.test(g.label));
    if (opener.length !== 1 || opener[0].items.some((r) => r.checked)) throw new Error('one unticked entry says it changes no text');
    const changes = groups.filter((g) => g !== opener[0]);
    if (changes.length !== changedLines) throw new Error(`one label per changed line: ${changes.length} labels, ${changedLines} lines`);
    for (const g of changes) if (g.items.some((r) => !r.checked)) throw new Error(`unticked: ${g.label}`);
    for (const want of ['Password emptied', 'User emptied', 'integratedSecurity=true', 'IS_WINDOWS_AUTHENTICATION set to true', 'REPORTS_USER blanked', 'REPORTS_PASS blanked']) {
      if (!changes.some((g) => g.label.includes(want))) throw new Error(`no change labelled "${want}"`);
    }
    await shot('convert-preview.png');
    await preview.getByRole('button', { name: 'Apply' }).first().click();
    const zipDialog = page.locator('.monaco-dialog-box');
    await zipDialog.getByText('deployment.zip', { exact: false }).first().waitFor({ timeout: 30000 });
    await zipDialog.getByRole('button', { name: 'Convert the Zip Copy' }).click();

    // 6. On disk: the three files saved converted, the zip rewritten with a backup beside it.
    step = 'files on disk';
    const converted = () => {
      const pool = fs.readFileSync(path.join(home, POOL), 'utf8');
      const input = fs.readFileSync(path.join(home, INDEXSTATS), 'utf8');
      const lib = fs.readdirSync(path.join(home, 'service', 'lib'));
      return !/integratedSecurity=false/i.test(pool) && !passwords.some((p) => pool.includes(p) || input.includes(p)) && lib.length === 2;
    };
    await until(converted, () => 'the conversion did not reach the disk (pool file, input.properties, zip backup)', 30000);
    await page.getByText('Converted to Windows authentication and saved', { exact: false }).first().waitFor({ timeout: 30000 });
    ok = true;
  } catch (e) {
    console.error(`[ui-home] FAILED at ${step}:`, e.message);
    await shot(`failed-${step.replace(/\W+/g, '-')}.png`).catch(() => {});
  } finally {
    await ctx.close().catch(() => {});
    fs.rmSync(profile, { recursive: true, force: true });
  }
  process.exit(ok ? 0 : 1);
})().catch((e) => { console.error(e); process.exit(1); });
