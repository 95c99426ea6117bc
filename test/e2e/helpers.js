// Helpers for the extension tests (run inside the VS Code extension host).
// No sleeps: wait on VS Code events, or poll with a deadline where VS Code has no event.
'use strict';
const path = require('path');
const fs = require('fs');

const EXTENSION_ID = 'ece-config.ece-config';

/** vscode is only available inside the extension host; require it lazily so index.js can load helpers early. */
const vs = () => require('vscode');

/**
 * The harness writes `e2e-run.json` beside the test workspace folder: { extensionsDir, outDir, repo, exampleHome }.
 * (Environment variables do not reliably reach the extension host of every VS Code flavour; a file does.)
 */
function readRunConfig() {
  let folders;
  try { folders = vs().workspace.workspaceFolders; } catch { folders = undefined; }
  const ws = folders && folders[0] ? folders[0].uri.fsPath : process.env.ECE_E2E_WORKSPACE;
  if (!ws) return {};
  const f = path.join(path.dirname(ws), 'e2e-run.json');
  return fs.existsSync(f) ? { ...JSON.parse(fs.readFileSync(f, 'utf8')), workspace: ws } : { workspace: ws };
}

function workspaceDir() {
  const f = vs().workspace.workspaceFolders;
  if (!f || !f[0]) throw new Error('the test host opened no workspace folder');
  return f[0].uri.fsPath;
}

/** Path of a file inside the test workspace (which holds a copy of examples/ece-home and the test cases). */
const wsPath = (...parts) => path.join(workspaceDir(), ...parts);

/** A diagnostic's rule id: `code` is a string, or `{ value, target }` when the server sent a doc link. */
function ruleOf(d) {
  return d.code && typeof d.code === 'object' ? String(d.code.value) : d.code === undefined ? '' : String(d.code);
}

function describeDiagnostics(list) {
  return list.map((d) => `${ruleOf(d)}@${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character}`).join(', ') || '(none)';
}

/** Poll fn() until it returns a truthy value, or fail after ms. For things VS Code fires no event for. */
async function poll(fn, what, ms = 30000, every = 50) {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, every));
  }
}

/**
 * Resolves with the diagnostics of uri once pred(diagnostics) holds, checking now and on every
 * languages.onDidChangeDiagnostics event for that uri; rejects after ms with what was there.
 */
function waitForDiagnostics(uri, pred, what = 'diagnostics', ms = 30000) {
  const vscode = vs();
  const key = uri.toString();
  return new Promise((resolve, reject) => {
    let sub;
    const check = () => {
      const list = vscode.languages.getDiagnostics(uri);
      let ok = false;
      try { ok = pred(list); } catch (e) { finish(); reject(e); return; }
      if (ok) { finish(); resolve(list); }
    };
    const timer = setTimeout(() => {
      finish();
      reject(new Error(`timed out after ${ms} ms waiting for ${what} on ${path.basename(uri.fsPath)}; have: ${describeDiagnostics(vscode.languages.getDiagnostics(uri))}`));
    }, ms);
    const finish = () => { clearTimeout(timer); if (sub) sub.dispose(); };
    sub = vscode.languages.onDidChangeDiagnostics((e) => { if (e.uris.some((u) => u.toString() === key)) check(); });
    check();
  });
}

/** Waits until the diagnostics of uri hold exactly these rule ids (as a sorted multiset). */
function waitForRules(uri, rules, ms) {
  const want = [...rules].sort().join(',');
  return waitForDiagnostics(uri, (l) => l.map(ruleOf).sort().join(',') === want, `rules [${want}]`, ms);
}

/** Resolves when `document` next changes, or now if pred already holds. */
function waitForDocument(doc, pred, what = 'document change', ms = 30000) {
  const vscode = vs();
  return new Promise((resolve, reject) => {
    if (pred(doc)) { resolve(doc); return; }
    const timer = setTimeout(() => { sub.dispose(); reject(new Error(`timed out after ${ms} ms waiting for ${what}`)); }, ms);
    const sub = vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.document === doc && pred(doc)) { clearTimeout(timer); sub.dispose(); resolve(doc); }
    });
  });
}

/** Resolves on the next change of the `section` configuration (e.g. 'ece.rules'), or rejects after ms. */
function waitForConfigChange(section, ms = 10000) {
  const vscode = vs();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => { sub.dispose(); reject(new Error(`no configuration change of ${section} within ${ms} ms`)); }, ms);
    const sub = vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration(section)) { clearTimeout(timer); sub.dispose(); resolve(); }
    });
  });
}

/**
 * The URI of a path as the CLI names it: a plain file, or `<zip>!/<entry>` for the pool file inside deployment.zip,
 * which the server publishes (and the client shows read-only) under the `ece-zip:` scheme.
 */
function uriOfReportPath(file) {
  const vscode = vs();
  return file.includes('!/') ? vscode.Uri.from({ scheme: 'ece-zip', path: file.split(path.sep).join('/') }) : vscode.Uri.file(file);
}

/** The key both reports use for a URI of the Problems panel: its path, with `!/` for a zip entry; undefined for others. */
function reportPathOfUri(uri) {
  if (uri.scheme === 'file') return uri.fsPath;
  if (uri.scheme === 'ece-zip') return path.resolve(uri.path);
  return undefined;
}

async function open(file) {
  const vscode = vs();
  const doc = await vscode.workspace.openTextDocument(uriOfReportPath(file));
  const editor = await vscode.window.showTextDocument(doc, { preview: false });
  return { doc, editor, uri: doc.uri };
}

/** Reverts and closes every editor, so a test leaves no dirty document behind. */
async function closeAll() {
  const vscode = vs();
  await vscode.commands.executeCommand('workbench.action.files.revert');
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

function getExtension() {
  const ext = vs().extensions.getExtension(EXTENSION_ID);
  if (!ext) throw new Error(`extension ${EXTENSION_ID} is not installed in the test host`);
  return ext;
}

/**
 * Quick fixes offered at diag's range (through the same API the light bulb uses). The server lists its costly actions
 * ("Fix all …", "Disable …") without edits; VS Code resolves the one the user picks (codeAction/resolve), and with
 * `resolve` (the default) this resolves them all the same way, so each carries its edit.
 */
async function quickFixesFor(uri, diag, resolve = true) {
  const vscode = vs();
  const actions = (await vscode.commands.executeCommand('vscode.executeCodeActionProvider', uri, diag.range, vscode.CodeActionKind.QuickFix.value, resolve ? 100 : 0)) || [];
  if (process.env.ECE_E2E_DEBUG) console.log('code actions:', JSON.stringify(actions));
  // vscode.executeCodeActionProvider does not always carry CodeAction.diagnostics back; when it does, use them.
  return actions.filter((a) => !a.diagnostics || a.diagnostics.length === 0 || a.diagnostics.some((d) => ruleOf(d) === ruleOf(diag)));
}

/** Hover text at pos, all contents joined. */
async function hoverText(uri, pos) {
  const vscode = vs();
  const hovers = (await vscode.commands.executeCommand('vscode.executeHoverProvider', uri, pos)) || [];
  return hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
}

/** Sets ece.rules in the workspace settings and waits for VS Code to take it in. */
async function setRules(rules) {
  const vscode = vs();
  const changed = waitForConfigChange('ece.rules');
  await vscode.workspace.getConfiguration('ece').update('rules', rules, vscode.ConfigurationTarget.Workspace);
  await changed;
}

/** Offset → Position in doc (tests state ranges as text offsets found in fixtures). */
function rangeOf(doc, needle, from = 0) {
  const vscode = vs();
  const text = doc.getText();
  const i = text.indexOf(needle, from);
  if (i < 0) throw new Error(`"${needle}" not found in ${path.basename(doc.uri.fsPath)}`);
  return new vscode.Range(doc.positionAt(i), doc.positionAt(i + needle.length));
}

const fmtRange = (r) => `${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`;

const SEVERITY = { error: 0, warning: 1, information: 2, hint: 3 };
const SOURCE = 'ece';

/** `rule@range#severity`, the one shape both sides are compared in. */
const findingKey = (code, r, sev) => `${code}@${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}#${sev}`;

/**
 * What the packaged CLI (dist/cli.js of the installed extension) reports for `home` with its .vscode settings:
 * absolute path → sorted finding keys, for every file that has findings.
 */
function cliReport(home) {
  const cp = require('child_process');
  const cli = path.join(getExtension().extensionUri.fsPath, 'dist', 'cli.js');
  if (!fs.existsSync(cli)) throw new Error(`${cli} is not packaged`);
  const args = [cli, 'check', '--format', 'json'];
  const settings = path.join(home, '.vscode', 'settings.json');
  if (fs.existsSync(settings)) args.push('--settings', settings);
  args.push('.');
  const r = cp.spawnSync(process.execPath, args, { cwd: home, encoding: 'utf8', env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' }, timeout: 60000 });
  if (r.status !== 0 && r.status !== 1) throw new Error(`cli exit ${r.status}: ${r.stderr}`);
  const out = JSON.parse(r.stdout);
  const byFile = new Map();
  for (const f of out.files) {
    const keys = f.diagnostics.map((d) => findingKey(d.code, d.range, SEVERITY[d.severity])).sort();
    if (keys.length) byFile.set(path.resolve(home, f.path), keys);
  }
  return byFile;
}

/**
 * What the Problems panel holds from this extension (`vscode.languages.getDiagnostics()`): path → sorted keys, the
 * entries of deployment.zip (`ece-zip:` URIs) included, under the same `<zip>!/<entry>` path the CLI prints.
 */
function problemsPanel() {
  const byFile = new Map();
  for (const [uri, list] of vs().languages.getDiagnostics()) {
    const file = reportPathOfUri(uri);
    if (file === undefined) continue;
    const keys = list.filter((d) => d.source === SOURCE).map((d) => findingKey(ruleOf(d), d.range, d.severity)).sort();
    if (keys.length) byFile.set(file, keys);
  }
  return byFile;
}

/** The differences between two path → keys maps, in words (empty when equal). */
function diffReports(want, have, base) {
  const out = [];
  for (const f of new Set([...want.keys(), ...have.keys()])) {
    const w = (want.get(f) || []).join(', ');
    const g = (have.get(f) || []).join(', ');
    if (w !== g) out.push(`${path.relative(base, f)}:\n    CLI:      [${w}]\n    Problems: [${g}]`);
  }
  return out;
}

/**
 * Waits (on diagnostics events, with a deadline) until the Problems panel holds exactly what `ece-config check`
 * reports for the home, every file, open or not; fails with the differences.
 */
async function waitProblemsEqualCli(home, what, ms = 60000) {
  const want = cliReport(home);
  if (want.size === 0) throw new Error('the CLI found no findings: the example home is expected to have some');
  const vscode = vs();
  let last = [];
  await new Promise((resolve, reject) => {
    const check = () => {
      last = diffReports(want, problemsPanel(), home);
      if (last.length === 0) { finish(); resolve(); }
    };
    const timer = setTimeout(() => { finish(); reject(new Error(`${what}: the Problems panel differs from ece-config check after ${ms} ms:\n  ${last.join('\n  ')}`)); }, ms);
    const sub = vscode.languages.onDidChangeDiagnostics(check);
    const finish = () => { clearTimeout(timer); sub.dispose(); };
    check();
  });
  return want;
}

module.exports = {
  SEVERITY, cliReport, uriOfReportPath, reportPathOfUri, problemsPanel, diffReports, waitProblemsEqualCli,
  EXTENSION_ID, readRunConfig, workspaceDir, wsPath, ruleOf, describeDiagnostics, poll, waitForDiagnostics, waitForRules,
  waitForDocument, waitForConfigChange, open, closeAll, getExtension, quickFixesFor, hoverText, setRules, rangeOf, fmtRange,
};
