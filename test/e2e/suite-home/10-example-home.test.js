// The example ECE home (a copy of examples/ece-home, opened as the workspace folder with its own .vscode settings).
'use strict';
const assert = require('assert');
const path = require('path');
const vscode = require('vscode');
const h = require('../helpers');

const POOL = ['eService', 'installation', 'dataaccess', 'egpl_ds_connpool_map.xml'];

describe('example ECE home (workspace settings from its .vscode folder)', () => {
  afterEach(() => h.closeAll());

  // The first test of this window: no ECE file has been opened here yet.
  it('after the folder opens, with no file opened, the Problems panel equals ece-config check (every file, open or not)', async function () {
    assert.strictEqual(vscode.window.visibleTextEditors.length, 0, 'no editor is open');
    await h.getExtension().activate();
    const want = await h.waitProblemsEqualCli(h.workspaceDir(), 'after open');
    assert.ok(want.has(h.wsPath(...POOL)), 'the pool file has findings');
    assert.ok(want.size >= 5, `findings in several files (${want.size})`);
  });

  it('after opening every ECE file and Close All, the Problems panel still equals ece-config check', async () => {
    const home = h.workspaceDir();
    const want = h.cliReport(home);
    for (const file of want.keys()) {
      const { uri, doc } = await h.open(file);
      // the pool file inside deployment.zip opens read-only with the text the server checked (ece/zipEntryText)
      if (uri.scheme === 'ece-zip') assert.match(doc.getText(), /<Url\b/, `the zip entry view shows the pool file, not: ${doc.getText().slice(0, 120)}`);
      const w = want.get(file).join(', ');
      await h.waitForDiagnostics(uri, (l) => l.filter((d) => d.source === 'ece').map((d) => `${h.ruleOf(d)}@${h.fmtRange(d.range)}#${d.severity}`).sort().join(', ') === w, `the CLI's findings on the open ${path.relative(home, file)}`);
    }
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    assert.strictEqual(vscode.window.visibleTextEditors.length, 0);
    await h.waitProblemsEqualCli(home, 'after Close All');
  });

  it('ECE: Check Workspace: the Problems panel equals ece-config check, and the command counts the same findings', async function () {
    const home = h.workspaceDir();
    const cmd = (h.getExtension().packageJSON.contributes.commands || []).find((c) => /Check Workspace/i.test(c.title));
    assert.strictEqual(cmd && cmd.command, 'ece.checkWorkspace');
    const summary = await vscode.commands.executeCommand('ece.checkWorkspace');
    const want = await h.waitProblemsEqualCli(home, 'after Check Workspace');
    const total = [...want.values()].reduce((n, l) => n + l.length, 0);
    assert.deepStrictEqual(summary && { problems: summary.problems }, { problems: total }, 'the command counts what the CLI finds');
  });

  it('the language status names the file kind and the settings in effect; the commands show only where they apply', async () => {
    await h.open(h.wsPath(...POOL));
    const pool = await h.poll(async () => {
      const r = await vscode.commands.executeCommand('ece.activeDocumentInfo');
      return r && r.info.kind === 'connpool' ? r.info : undefined;
    }, 'the server to name the kind of the pool file');
    assert.strictEqual(pool.label, 'connection pool file');
    const setting = (name) => pool.settings.find((x) => x.name === name).value;
    assert.strictEqual(setting('Listener names'), 'ece-ag-listener.massivedynamic.com', 'from .vscode/settings.json');
    assert.strictEqual(setting('Load balancer'), 'ece.massivedynamic.com');
    assert.strictEqual(setting('Always On'), 'yes');
    assert.strictEqual(pool.workspaceHasEceFiles, true);
    assert.strictEqual(pool.problems, h.cliReport(h.workspaceDir()).get(h.wsPath(...POOL)).length);
    // a file that is no ECE file: no kind, no status item
    await h.open(h.wsPath('.vscode', 'settings.json'));
    await h.poll(async () => (await vscode.commands.executeCommand('ece.activeDocumentInfo')) === undefined, 'no kind for settings.json');
    // the when clauses read the context keys set from these answers
    const when = Object.fromEntries(h.getExtension().packageJSON.contributes.menus.commandPalette.map((m) => [m.command, m.when]));
    assert.deepStrictEqual(
      { gadget: when['ece.insertGadgetTab'], framing: when['ece.restrictFraming'], convert: when['ece.convertWindowsAuth'] },
      { gadget: 'ece.activeKind == finesse', framing: 'ece.activeKind == webconfig', convert: 'ece.workspaceHasEceFiles' },
    );
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
    const offered = (await vscode.commands.executeCommand('vscode.executeCodeActionProvider', uri, diag.range)) || [];
    const titles = offered.map((a) => a.title);
    assert.strictEqual(new Set(titles).size, titles.length, `no action offered twice: ${titles.join(' | ')}`);
    const fix = offered.find((a) => a.edit && /Windows authentication/i.test(a.title));
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
