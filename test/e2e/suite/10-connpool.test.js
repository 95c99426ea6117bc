// Connection pool file (egpl_ds_connpool_map.xml).
'use strict';
const assert = require('assert');
const fs = require('fs');
const vscode = require('vscode');
const h = require('../helpers');
const { kindSuite, expected, waitExactly } = require('../kind-suite');

kindSuite({
  kind: 'connpool',
  title: 'connection pool file',
  // a misspelt integratedSecurity: the driver ignores it, so the pool is on SQL authentication with no credentials
  file: ['cases', 'connpool-typo', 'egpl_ds_connpool_map.xml'],
  diagnostics: [
    { rule: 'jdbc/unknown-property', text: 'integratedSecuirty', severity: 'warning' },
    { rule: 'connpool/missing-credentials', text: '<User egid="3026"></User>', severity: 'error' },
  ],
  fix: {
    rule: 'jdbc/unknown-property',
    title: /integratedSecurity/,
    apply: (t) => t.replace(';integratedSecuirty=true;', ';integratedSecurity=true;'),
    after: [],        // Windows authentication with empty User and Password: clean
  },
  off: { rule: 'jdbc/unknown-property' },
  hover: { text: 'databaseName', delta: 3, expect: /databaseName[\s\S]*database/ },
  extra() {
    it('a rule level in ece.rules changes the severity', async () => {
      const { doc, uri } = await h.open(h.wsPath('cases', 'connpool-typo', 'egpl_ds_connpool_map.xml'));
      await h.setRules({ 'connpool/missing-credentials': 'hint' });
      await waitExactly(uri, expected(doc, [
        { rule: 'jdbc/unknown-property', text: 'integratedSecuirty', severity: 'warning' },
        { rule: 'connpool/missing-credentials', text: '<User egid="3026"></User>', severity: 'hint' },
      ]), []);
    });

    it('"Disable ... for this line" inserts a suppression comment above the line and the diagnostic goes away', async () => {
      const { doc, uri } = await h.open(h.wsPath('cases', 'connpool-typo', 'egpl_ds_connpool_map.xml'));
      const before = doc.getText();
      const list = await waitExactly(uri, expected(doc, [
        { rule: 'jdbc/unknown-property', text: 'integratedSecuirty', severity: 'warning' },
        { rule: 'connpool/missing-credentials', text: '<User egid="3026"></User>', severity: 'error' },
      ]), []);
      const target = list.find((d) => h.ruleOf(d) === 'jdbc/unknown-property');
      const fix = (await h.quickFixesFor(uri, target)).find((a) => a.edit && /^Disable jdbc\/unknown-property/.test(a.title));
      assert.ok(fix, 'a "Disable jdbc/unknown-property for this line" action is offered');
      assert.ok(await vscode.workspace.applyEdit(fix.edit));
      const urlLine = before.lastIndexOf('\n', before.indexOf('<Url')) + 1;
      assert.strictEqual(doc.getText(), before.slice(0, urlLine) + '    <!-- ece-disable-next-line jdbc/unknown-property -->\n' + before.slice(urlLine));
      await waitExactly(uri, expected(doc, [{ rule: 'connpool/missing-credentials', text: '<User egid="3026"></User>', severity: 'error' }]), []);
    });

    it('"Fix all jdbc/unknown-property problems in this file" comes without its edits and VS Code resolves them when it is chosen', async () => {
      const { doc, uri } = await h.open(h.wsPath('cases', 'connpool-typo', 'egpl_ds_connpool_map.xml'));
      const before = doc.getText();
      // A second pool with the same misspelt property, in the editor only (reverted below).
      const end = before.indexOf('</connpool>') + '</connpool>'.length;
      const pool = before.slice(before.indexOf('  <connpool'), end).replace('Platform_MSSQL_Pool', 'Second_Pool');
      const edit = new vscode.WorkspaceEdit();
      edit.insert(uri, doc.positionAt(end), '\n' + pool);
      assert.ok(await vscode.workspace.applyEdit(edit));
      const edited = doc.getText();
      try {
        const list = await h.waitForDiagnostics(uri, (l) => l.filter((d) => h.ruleOf(d) === 'jdbc/unknown-property').length === 2, 'two jdbc/unknown-property');
        const target = list.find((d) => h.ruleOf(d) === 'jdbc/unknown-property');
        const title = 'Fix all jdbc/unknown-property problems in this file';
        const listed = (await h.quickFixesFor(uri, target, false)).find((a) => a.title === title);
        assert.ok(listed, 'the fix-all action is offered');
        assert.strictEqual(listed.edit, undefined, 'listed without its edits');
        // itemResolveCount: VS Code resolves the actions as it does for the one the user picks
        const resolved = (await h.quickFixesFor(uri, target)).find((a) => a.title === title);
        assert.ok(resolved && resolved.edit, 'resolved with its edits');
        assert.ok(await vscode.workspace.applyEdit(resolved.edit));
        assert.strictEqual(doc.getText(), edited.replaceAll('integratedSecuirty', 'integratedSecurity'));
      } finally {
        await h.open(h.wsPath('cases', 'connpool-typo', 'egpl_ds_connpool_map.xml'));
        await vscode.commands.executeCommand('workbench.action.files.revert');
      }
      assert.strictEqual(doc.getText(), before, 'reverted');
    });

    it('reports XML that is not well-formed at the unclosed end tag', async () => {
      const { doc, uri } = await h.open(h.wsPath('cases', 'connpool-broken', 'egpl_ds_connpool_map.xml'));
      await waitExactly(uri, expected(doc, [{ rule: 'xml/not-well-formed', text: '</conn_pool_list\n', severity: 'error' }]), []);
    });

    it('a fix saved to disk keeps the byte-order mark, CRLF line ends, tabs, comments and egid attributes', async () => {
      const file = h.wsPath('cases', 'connpool-crlf-bom', 'egpl_ds_connpool_map.xml');
      const raw = fs.readFileSync(file);
      assert.deepStrictEqual([...raw.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'fixture starts with a BOM');
      const { doc, uri } = await h.open(file);
      const [diag] = await waitExactly(uri, [`connpool/credentials-with-integrated-security@${h.fmtRange(new vscode.Range(
        h.rangeOf(doc, '<User').start, h.rangeOf(doc, '</Password>').end))}#1`], []);
      const fix = (await h.quickFixesFor(uri, diag)).find((a) => a.edit && /Empty the User and Password/.test(a.title));
      assert.ok(fix, 'the "empty User and Password" fix is offered');
      assert.ok(await vscode.workspace.applyEdit(fix.edit));
      assert.ok(await doc.save(), 'saved');
      const want = Buffer.from(raw.toString('latin1')
        .replace('<User egid="3026">eGActiveDB</User>', '<User egid="3026"></User>')
        .replace('<Password egid="3027">36423441363</Password>', '<Password egid="3027"></Password>'), 'latin1');
      assert.ok(fs.readFileSync(file).equals(want), 'bytes on disk: only the two values removed');
      await waitExactly(uri, [], []);
    });
  },
});
