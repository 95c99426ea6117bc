// Connection pool file (egpl_ds_connpool_map.xml): diagnostics with rule ids, quick fix, ece.rules, hover.
'use strict';
const assert = require('assert');
const fs = require('fs');
const vscode = require('vscode');
const h = require('../helpers');

const TYPO = () => h.wsPath('cases', 'connpool-typo', 'egpl_ds_connpool_map.xml');
const BROKEN = () => h.wsPath('cases', 'connpool-broken', 'egpl_ds_connpool_map.xml');

describe('connection pool file', () => {
  afterEach(async () => {
    await h.closeAll();
    if (vscode.workspace.getConfiguration('ece').inspect('rules').workspaceValue !== undefined) await h.setRules(undefined);
  });

  it('reports the misspelt JDBC property and the missing credentials, with their rule ids and ranges', async () => {
    const { doc, uri } = await h.open(TYPO());
    const diags = await h.waitForRules(uri, ['connpool/missing-credentials', 'jdbc/unknown-property']);
    const unknown = diags.find((d) => h.ruleOf(d) === 'jdbc/unknown-property');
    const name = h.rangeOf(doc, 'integratedSecuirty');
    assert.ok(unknown.range.start.isEqual(name.start), `jdbc/unknown-property starts at the name: ${h.fmtRange(unknown.range)} vs ${h.fmtRange(name)}`);
    assert.strictEqual(unknown.severity, vscode.DiagnosticSeverity.Warning);
    assert.match(unknown.message, /integratedSecuirty/);
    const creds = diags.find((d) => h.ruleOf(d) === 'connpool/missing-credentials');
    assert.strictEqual(creds.severity, vscode.DiagnosticSeverity.Error);
    // each diagnostic links to its rule page
    for (const d of diags) assert.ok(d.code && typeof d.code === 'object' && String(d.code.target).includes(h.ruleOf(d)), `doc link for ${h.ruleOf(d)}`);
  });

  it('fixes the misspelt property through the code-action API, and the file is then clean', async () => {
    const { doc, uri } = await h.open(TYPO());
    const before = doc.getText();
    const diags = await h.waitForRules(uri, ['connpool/missing-credentials', 'jdbc/unknown-property']);
    const unknown = diags.find((d) => h.ruleOf(d) === 'jdbc/unknown-property');
    const fixes = await h.quickFixesFor(uri, unknown);
    const fix = fixes.find((a) => a.edit && /integratedSecurity/.test(a.title));
    assert.ok(fix, `a did-you-mean quick fix is offered; got: ${fixes.map((a) => a.title).join(' | ') || '(none)'}`);
    assert.ok(await vscode.workspace.applyEdit(fix.edit), 'workspace.applyEdit succeeded');
    assert.strictEqual(doc.getText(), before.replace('integratedSecuirty=true', 'integratedSecurity=true'));
    // Windows authentication with empty User/Password: nothing left to report
    await h.waitForRules(uri, []);
  });

  it('setting a rule to "off" in ece.rules removes its diagnostic; another level changes the severity', async () => {
    const { uri } = await h.open(TYPO());
    await h.waitForRules(uri, ['connpool/missing-credentials', 'jdbc/unknown-property']);
    await h.setRules({ 'jdbc/unknown-property': 'off', 'connpool/missing-credentials': 'hint' });
    const diags = await h.waitForRules(uri, ['connpool/missing-credentials']);
    assert.strictEqual(diags[0].severity, vscode.DiagnosticSeverity.Hint);
    await h.setRules(undefined);
    await h.waitForRules(uri, ['connpool/missing-credentials', 'jdbc/unknown-property']);
  });

  it('answers hovers on the JDBC URL', async () => {
    const { doc, uri } = await h.open(TYPO());
    await h.waitForRules(uri, ['connpool/missing-credentials', 'jdbc/unknown-property']);
    const at = h.rangeOf(doc, 'databaseName').start.translate(0, 3);
    const text = await h.hoverText(uri, at);
    assert.match(text, /database/i, `hover on databaseName: ${JSON.stringify(text)}`);
  });

  it('reports XML that is not well-formed', async () => {
    const { uri } = await h.open(BROKEN());
    const diags = await h.waitForDiagnostics(uri, (l) => l.some((d) => h.ruleOf(d) === 'xml/not-well-formed'), 'xml/not-well-formed');
    const d = diags.find((x) => h.ruleOf(x) === 'xml/not-well-formed');
    assert.strictEqual(d.severity, vscode.DiagnosticSeverity.Error);
    assert.ok(d.range.start.line >= 7, `at the unclosed end tag (line 8 or later), got ${h.fmtRange(d.range)}`);
  });

  it('the fixture on disk is untouched (edits stay in the editor until saved)', () => {
    assert.match(fs.readFileSync(TYPO(), 'utf8'), /integratedSecuirty=true/);
  });
});
