// The example ECE home (a copy of examples/ece-home, opened as the workspace folder with its own .vscode settings).
'use strict';
const assert = require('assert');
const cp = require('child_process');
const fs = require('fs');
const path = require('path');
const vscode = require('vscode');
const h = require('../helpers');

const SEVERITY = { error: 0, warning: 1, information: 2, hint: 3 };
const POOL = ['eService', 'installation', 'dataaccess', 'egpl_ds_connpool_map.xml'];

/** What the packaged CLI (dist/cli.js of the installed extension) reports for the example home, per absolute path. */
function cliReport(home) {
  const cli = path.join(h.getExtension().extensionUri.fsPath, 'dist', 'cli.js');
  assert.ok(fs.existsSync(cli), `${cli} is packaged`);
  const args = [cli, 'check', '--format', 'json'];
  const settings = path.join(home, '.vscode', 'settings.json');
  if (fs.existsSync(settings)) args.push('--settings', settings);
  args.push('.');
  const r = cp.spawnSync(process.execPath, args, { cwd: home, encoding: 'utf8', env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' }, timeout: 60000 });
  assert.ok(r.status === 0 || r.status === 1, `cli exit ${r.status}: ${r.stderr}`);
  const out = JSON.parse(r.stdout);
  const byFile = new Map();
  for (const f of out.files) {
    byFile.set(path.resolve(home, f.path), f.diagnostics.map((d) =>
      `${d.code}@${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character}#${SEVERITY[d.severity]}`).sort());
  }
  return byFile;
}
/** The contributed command whose title matches `title` (ids are the lead's to choose), or undefined. */
function commandTitled(title) {
  const cmds = (h.getExtension().packageJSON.contributes || {}).commands || [];
  const c = cmds.find((x) => title.test(x.title));
  return c && c.command;
}
const shown = (list) => list.map((d) => `${h.ruleOf(d)}@${h.fmtRange(d.range)}#${d.severity}`).sort();

describe('example ECE home (workspace settings from its .vscode folder)', () => {
  afterEach(() => h.closeAll());

  // first in this window, before any ECE file has been opened here
  it('ECE: Check Workspace publishes, for files that are not open, what the command-line checker reports', async function () {
    const id = commandTitled(/Check Workspace/i);
    assert.ok(id, 'the Check Workspace command is contributed');
    await h.closeAll();
    const home = h.workspaceDir();
    const report = cliReport(home);
    const shownNow = (file) => shown(vscode.languages.getDiagnostics(vscode.Uri.file(file)));
    await vscode.commands.executeCommand(id);
    for (const [file, want] of report) {
      const w = want.join(', ');
      await h.waitForDiagnostics(vscode.Uri.file(file), () => shownNow(file).join(', ') === w, `[${w}] on the unopened ${path.relative(home, file)}`);
    }
  });

  it('the editor shows, for every ECE file of the example, exactly what the command-line checker reports', async () => {
    const home = h.workspaceDir();
    const report = cliReport(home);
    assert.ok(report.has(path.join(home, ...POOL)), 'the CLI found the pool file');
    for (const [file, want] of report) {
      const { uri } = await h.open(file);
      const w = want.join(', ');
      await h.waitForDiagnostics(uri, (l) => shown(l).join(', ') === w, `the CLI's diagnostics [${w}] on ${path.relative(home, file)}`);
      await h.closeAll();
    }
  });

  it('the example pool file shows the rules that depend on its workspace settings (ece.alwaysOn, ece.listenerNames)', async () => {
    const { uri } = await h.open(h.wsPath(...POOL));
    const list = await h.waitForDiagnostics(uri, (l) => l.some((d) => h.ruleOf(d) === 'connpool/sql-auth-with-always-on'),
      'connpool/sql-auth-with-always-on (needs "ece.alwaysOn": true from .vscode/settings.json)');
    assert.ok(list.some((d) => h.ruleOf(d) === 'jdbc/listener-without-multisubnet'), 'jdbc/listener-without-multisubnet (needs ece.listenerNames)');
  });

  it('"Convert every pool of this file to Windows authentication" rewrites only the User, Password and integratedSecurity spans', async () => {
    const { doc, uri } = await h.open(h.wsPath(...POOL));
    const before = doc.getText();
    const list = await h.waitForDiagnostics(uri, (l) => l.some((d) => h.ruleOf(d) === 'connpool/mixed-authentication'), 'connpool/mixed-authentication');
    const diag = list.find((d) => h.ruleOf(d) === 'connpool/mixed-authentication');
    const fix = (await h.quickFixesFor(uri, diag)).find((a) => a.edit && /Windows authentication/i.test(a.title));
    assert.ok(fix, 'the convert-the-whole-file fix is offered');
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    const want = before
      .replace(/(<User\b[^>]*>)[^<]*(<\/User>)/g, '$1$2')
      .replace(/(<Password\b[^>]*>)[^<]*(<\/Password>)/g, '$1$2')
      .replace(/;(\s*)integratedSecurity(\s*)=(\s*)false/gi, ';$1integratedSecurity$2=$3true');
    assert.strictEqual(doc.getText(), want);
    const auth = ['connpool/mixed-authentication', 'connpool/sql-auth-with-always-on', 'connpool/credentials-with-integrated-security', 'connpool/missing-credentials'];
    await h.waitForDiagnostics(uri, (l) => l.length > 0 && !l.some((d) => auth.includes(h.ruleOf(d))), 'no authentication diagnostics left');
  });
});
