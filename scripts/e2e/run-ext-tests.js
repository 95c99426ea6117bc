#!/usr/bin/env node
// Runs the mocha suites of test/e2e/ inside code-server's extension host (VS Code's own Node extension host),
// the way @vscode/test-electron runs them in a desktop VS Code.
//
// usage: node scripts/e2e/run-ext-tests.js <baseUrl> <workspaceDir> <devPath> <testsEntry> <outDir>
//
// <devPath> is an EMPTY folder: VS Code only runs extensionTestsPath when some extensionDevelopmentPath is set,
// and an empty one loads no extension, so the extension under test is the one installed from the .vsix into the
// server's --extensions-dir (a test asserts where it was loaded from).
// The workbench reads both paths from the `payload` query parameter; the test runner's exit code arrives through
// window.codeAutomationExit, which we expose before the page loads. Extension host console output comes to the page
// console as ('%c INFO', 'color: ...', fmt, ...args) and is printed here.
'use strict';
const util = require('util'), fs = require('fs'), path = require('path'), os = require('os');
const HOST = process.env.E2E_HOST_DIR || path.resolve(__dirname, '../../.e2e/host');
const { chromium } = require(path.join(HOST, 'node_modules/playwright-core'));
const [base, ws, devPath, testsPath, outDir] = process.argv.slice(2);
if (!outDir) { console.error('usage: run-ext-tests.js <baseUrl> <workspaceDir> <devPath> <testsEntry> <outDir>'); process.exit(2); }
const TIMEOUT_MS = +(process.env.ECE_E2E_TIMEOUT_MS || 10 * 60 * 1000);
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'];

(async () => {
  fs.mkdirSync(outDir, { recursive: true });
  const logFile = fs.openSync(path.join(outDir, 'ext-tests.log'), 'w');
  const authority = new URL(base).host;                     // code-server's remoteAuthority is host:port
  const remote = (p) => `vscode-remote://${authority}${path.resolve(p)}`;
  const payload = JSON.stringify([['extensionDevelopmentPath', remote(devPath)], ['extensionTestsPath', remote(testsPath)]]);
  const url = `${base}/?folder=${encodeURIComponent(path.resolve(ws))}&payload=${encodeURIComponent(payload)}`;
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'chromium-'));
  const ctx = await chromium.launchPersistentContext(profile, { executablePath: process.env.CHROMIUM || '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
  let code;
  try {
    const page = ctx.pages()[0] || await ctx.newPage();
    let done;
    const exited = new Promise((r) => (done = r));
    await page.exposeFunction('codeAutomationExit', (c) => done(c));
    page.on('console', async (m) => {
      const a = await Promise.all(m.args().map((x) => x.jsonValue().catch(() => '?')));
      const fromExtHost = typeof a[0] === 'string' && a[0].startsWith('%c') && typeof a[1] === 'string' && a[1].startsWith('color:');
      const text = fromExtHost ? util.format(...a.slice(2)) : m.text();
      fs.writeSync(logFile, `${fromExtHost ? '[exthost]' : '[page:' + m.type() + ']'} ${text}\n`);
      const noise = /open-vsx|^(Resolv|Creating a socket|Updating additional|\[Service Worker\]|ChatSessionStore)/;
      if (process.env.VERBOSE || (fromExtHost && !noise.test(text))) console.log(text);
    });
    page.on('pageerror', (e) => fs.writeSync(logFile, `[pageerror] ${e.message}\n`));
    await page.goto(url);
    const timer = setTimeout(() => done('timeout'), TIMEOUT_MS);
    code = await exited;
    clearTimeout(timer);
  } finally {
    await ctx.close().catch(() => {});
    fs.rmSync(profile, { recursive: true, force: true });
    fs.closeSync(logFile);
  }
  console.log('extension tests exit code:', code);
  process.exit(code === 0 ? 0 : 1);
})().catch((e) => { console.error(e); process.exit(1); });
