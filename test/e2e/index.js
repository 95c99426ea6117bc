// Extension test entry (extensionTestsPath): VS Code's extension host calls run() and reports its outcome.
// Used both by code-server (scripts/e2e/run-ext-tests.js) and by @vscode/test-electron (test/e2e/run-electron.js).
//
// The extension under test is the INSTALLED .vsix, not this source folder, so nothing here may rely on being
// inside the extension: mocha is required by absolute path from the repository's node_modules.
'use strict';
const path = require('path');
const fs = require('fs');
const { readRunConfig } = require('./helpers');

const REPO = path.resolve(__dirname, '..', '..');
const Mocha = require(require.resolve('mocha', { paths: [REPO] }));

exports.run = function run() {
  const cfg = readRunConfig();
  // Which workspace this window opened decides the suites: the test cases (suite/) or the example ECE home (suite-home/).
  const name = Object.entries(cfg.workspaces || {}).find(([, dir]) => path.resolve(dir) === path.resolve(cfg.workspace || ''))?.[0] || 'cases';
  const mocha = new Mocha({ ui: 'bdd', timeout: 60000, color: false, reporter: 'spec', grep: process.env.ECE_E2E_GREP || undefined });
  const suiteDir = path.join(__dirname, name === 'home' ? 'suite-home' : 'suite');
  for (const f of fs.readdirSync(suiteDir).filter((f) => f.endsWith('.test.js')).sort()) mocha.addFile(path.join(suiteDir, f));
  return new Promise((resolve, reject) => {
    const results = { passed: [], failed: [], pending: [] };
    let runner;
    try {
      runner = mocha.run((failures) => {
        if (cfg.outDir) {
          fs.mkdirSync(cfg.outDir, { recursive: true });
          fs.writeFileSync(path.join(cfg.outDir, `ext-results-${name}.json`), JSON.stringify(results, null, 2));
        }
        if (failures) reject(new Error(`${failures} extension test(s) failed.`));
        else if (results.passed.length === 0 && !process.env.ECE_E2E_GREP) reject(new Error('no extension test ran'));
        else resolve();
      });
    } catch (e) { reject(e); return; }
    runner.on('pass', (t) => results.passed.push(t.fullTitle()));
    runner.on('fail', (t, err) => results.failed.push({ title: t.fullTitle(), error: String(err && err.stack || err) }));
    runner.on('pending', (t) => results.pending.push(t.fullTitle()));
  });
};
