#!/usr/bin/env node
// Runs the same extension tests (test/e2e/index.js) in a desktop VS Code downloaded by @vscode/test-electron,
// against the packaged .vsix installed into a fresh extensions dir. For machines that can download VS Code
// (CI here uses code-server instead: scripts/e2e/run-all.sh). Needs a display (xvfb-run on Linux servers).
//
// usage: npm run package && node test/e2e/run-electron.js [path/to/ece-config.vsix]
// env:   VSCODE_VERSION (default 1.100.3: engines.vscode is ^1.100.0), ECE_E2E_GREP (mocha grep)
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const cp = require('child_process');
const { downloadAndUnzipVSCode, resolveCliPathFromVSCodeExecutablePath, runTests } = require('@vscode/test-electron');
const { prepareWorkspace, TEST_USER_SETTINGS } = require('./prepare-workspace');

const REPO = path.resolve(__dirname, '..', '..');

async function main() {
  const vsix = path.resolve(process.argv[2] || path.join(REPO, 'dist', 'ece-config.vsix'));
  if (!fs.existsSync(vsix)) throw new Error(`no .vsix at ${vsix}: run npm run package first`);
  const runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ece-e2e-electron-'));
  const extensionsDir = path.join(runDir, 'extensions');
  const userDataDir = path.join(runDir, 'user-data');
  const emptyDev = path.join(runDir, 'empty-dev-extension');   // loads no extension: the one under test is the .vsix
  const outDir = path.join(REPO, '.test-output', 'e2e-electron');
  for (const d of [extensionsDir, path.join(userDataDir, 'User'), emptyDev]) fs.mkdirSync(d, { recursive: true });
  fs.writeFileSync(path.join(userDataDir, 'User', 'settings.json'), JSON.stringify(TEST_USER_SETTINGS, null, 2));
  const { workspaces } = prepareWorkspace(runDir, extensionsDir, outDir);
  const profile = [`--extensions-dir=${extensionsDir}`, `--user-data-dir=${userDataDir}`];

  try {
    // the download is cached in .e2e/vscode-test (git-ignored)
    const vscodeExecutablePath = await downloadAndUnzipVSCode({ version: process.env.VSCODE_VERSION || '1.100.3', cachePath: path.join(REPO, '.e2e', 'vscode-test') });
    const cli = resolveCliPathFromVSCodeExecutablePath(vscodeExecutablePath);
    const win = process.platform === 'win32';
    const inst = cp.spawnSync(win ? `"${cli}"` : cli, [...profile, '--install-extension', vsix], { stdio: 'inherit', encoding: 'utf8', shell: win });
    if (inst.status !== 0) throw new Error(`installing ${vsix} failed (exit ${inst.status})`);

    // the test cases (suite/), then the copy of examples/ece-home (suite-home/); index.js picks by the folder
    for (const workspace of [workspaces.cases, workspaces.home]) {
      await runTests({
        vscodeExecutablePath,
        extensionDevelopmentPath: emptyDev,
        extensionTestsPath: path.join(__dirname, 'index.js'),
        launchArgs: [workspace, ...profile, '--disable-telemetry'],
        extensionTestsEnv: { ECE_E2E_GREP: process.env.ECE_E2E_GREP || '' },
      });
    }
  } finally {
    fs.rmSync(runDir, { recursive: true, force: true });
  }
}

main().then(() => console.log('extension tests passed'), (e) => { console.error(e && e.message ? e.message : e); process.exit(1); });
