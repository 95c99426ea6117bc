#!/usr/bin/env node
// Builds the test workspace for one run of the extension tests (used by scripts/e2e/run-all.sh and
// test/e2e/run-electron.js):
//   <runDir>/ws/cases/      the test cases of test/e2e/fixtures/cases        (workspace "cases": suite/)
//   <runDir>/ece-home/      a copy of examples/ece-home, with its .vscode   (workspace "home": suite-home/;
//                           the commands run on it)
//   <runDir>/e2e-run.json   tells the tests where the extensions dir, the output dir and the workspaces are
// usage: node test/e2e/prepare-workspace.js <runDir> <extensionsDir> <outDir>
'use strict';
const fs = require('fs');
const path = require('path');

const REPO = path.resolve(__dirname, '..', '..');

function prepareWorkspace(runDir, extensionsDir, outDir) {
  const ws = path.join(runDir, 'ws');
  const home = path.join(runDir, 'ece-home');
  for (const d of [ws, home]) fs.rmSync(d, { recursive: true, force: true });
  fs.mkdirSync(ws, { recursive: true });
  const example = path.join(REPO, 'examples', 'ece-home');
  if (!fs.existsSync(example)) throw new Error(`${example} is missing`);
  fs.cpSync(example, home, { recursive: true });
  fs.cpSync(path.join(__dirname, 'fixtures', 'cases'), path.join(ws, 'cases'), { recursive: true });
  fs.mkdirSync(outDir, { recursive: true });
  const cfg = {
    extensionsDir: path.resolve(extensionsDir), outDir: path.resolve(outDir), repo: REPO, exampleHome: example,
    workspace: ws, workspaces: { cases: ws, home },
  };
  fs.writeFileSync(path.join(runDir, 'e2e-run.json'), JSON.stringify(cfg, null, 2));
  return cfg;
}

/** User settings for a clean test host (no welcome page, no trust prompt, no update checks). */
const TEST_USER_SETTINGS = {
  'workbench.startupEditor': 'none', 'workbench.tips.enabled': false, 'telemetry.telemetryLevel': 'off',
  'extensions.autoCheckUpdates': false, 'extensions.autoUpdate': false, 'extensions.ignoreRecommendations': true,
  'update.mode': 'none', 'security.workspace.trust.enabled': false, 'git.enabled': false,
  'workbench.enableExperiments': false, 'chat.disableAIFeatures': true, 'files.autoSave': 'off',
  'window.restoreWindows': 'none',
};

module.exports = { prepareWorkspace, TEST_USER_SETTINGS };

if (require.main === module) {
  const [runDir, extensionsDir, outDir] = process.argv.slice(2);
  if (!outDir) { console.error('usage: prepare-workspace.js <runDir> <extensionsDir> <outDir>'); process.exit(2); }
  const cfg = prepareWorkspace(path.resolve(runDir), extensionsDir, outDir);
  console.log(`${cfg.workspaces.cases} ${cfg.workspaces.home}`);
}
