// The commands, end to end, on the copy of examples/ece-home (with its .vscode settings). Each command takes its
// answers as an argument, so no prompt opens. Files the example does not have yet are added to the copy from
// test/e2e/fixtures/home-extra.
'use strict';
const assert = require('assert');
const fs = require('fs');
const path = require('path');
const vscode = require('vscode');
const h = require('../helpers');

/** The example's own file matching `glob`, or `fixture` copied into the home copy at `rel`. */
async function homeFile(glob, rel, fixture) {
  const found = await vscode.workspace.findFiles(glob, '**/node_modules/**', 1);
  if (found.length) return found[0].fsPath;
  const dest = h.wsPath(...rel);
  fs.mkdirSync(path.dirname(dest), { recursive: true });
  fs.copyFileSync(path.join(__dirname, '..', 'fixtures', 'home-extra', fixture), dest);
  return dest;
}

/** The `wsname=(...)` part of every pattern attribute (balanced parentheses, backslash escapes skipped). */
function wsnameParts(text) {
  const out = [];
  for (const m of text.matchAll(/pattern="([^"]*)"/g)) {
    const v = m[1];
    const at = v.indexOf('wsname=');
    if (at < 0 || v[at + 7] !== '(') continue;
    let depth = 0;
    let i = at + 7;
    for (; i < v.length; i++) {
      if (v[i] === '\\') { i++; continue; }
      if (v[i] === '(') depth++;
      else if (v[i] === ')' && --depth === 0) break;
    }
    out.push(v.slice(at, i + 1));
  }
  return out;
}

describe('commands on the example ECE home', () => {
  before(async () => { await h.getExtension().activate(); });
  afterEach(() => h.closeAll());

  it('ECE: Restrict Framing to Domains rewrites every wsname= pattern to allow only the given domain', async () => {
    const file = await homeFile('**/web.config', ['inetpub', 'ece', 'web.config'], 'web.config');
    const { doc, uri } = await h.open(file);
    const before = doc.getText();
    const patterns = wsnameParts(before);
    assert.ok(patterns.length >= 1, 'the web.config has wsname= patterns');
    await h.waitForDiagnostics(uri, (l) => l.some((d) => h.ruleOf(d) === 'webconfig/framing-allowed-from-any-domain'),
      'webconfig/framing-allowed-from-any-domain on the shipped pattern');
    const count = await vscode.commands.executeCommand('ece.restrictFraming', { domains: ['massivedynamic.com'] });
    const after = doc.getText();
    const restricted = wsnameParts(after);
    assert.strictEqual(count, patterns.filter((p) => p !== restricted[0]).length, 'the command reports how many patterns it changed');
    assert.strictEqual(restricted.length, patterns.length, 'same number of patterns');
    assert.strictEqual(new Set(restricted).size, 1, 'every pattern is now the same');
    assert.match(restricted[0], /\(massivedynamic\\\.com\)/, 'only massivedynamic.com, with an escaped dot');
    assert.match(restricted[0], /\(&amp;\|%26\|\\\$\)\)$/, 'the domain list is terminated, & written as &amp; in XML');
    assert.ok(!/\+\+/.test(restricted[0]), 'no possessive quantifier');
    // nothing but the patterns changed
    assert.strictEqual(after.split(restricted[0]).join('<P>'), patterns.reduce((t, p) => t.split(p).join('<P>'), before));
    await h.waitForDiagnostics(uri, (l) => !l.some((d) => h.ruleOf(d).startsWith('webconfig/')), 'no webconfig diagnostics after restricting');
    // running it again changes nothing
    assert.strictEqual(await vscode.commands.executeCommand('ece.restrictFraming', { domains: ['massivedynamic.com'] }), 0);
    assert.strictEqual(doc.getText(), after);
  });

  it('ECE: Insert Finesse Gadget Tab inserts the ECE tab with the host at the cursor, and the layout stays clean', async () => {
    const file = await homeFile('**/finesse/gadget/layout/agent-layout.xml', ['eService', 'templates', 'finesse', 'gadget', 'layout', 'agent-layout.xml'], 'agent-layout.xml');
    const { doc, uri, editor } = await h.open(file);
    const before = doc.getText();
    await h.waitForDiagnostics(uri, () => true, 'the first diagnostics');
    // cursor at the start of the line holding </tabs>
    const at = doc.positionAt(before.indexOf('</tabs>'));
    editor.selection = new vscode.Selection(at.with(undefined, 0), at.with(undefined, 0));
    const inserted = await vscode.commands.executeCommand('ece.insertGadgetTab', { kind: 'ece', host: 'ece.massivedynamic.com' });
    assert.strictEqual(typeof inserted, 'string', 'the command returns the inserted text');
    assert.match(inserted, /https:\/\/ece\.massivedynamic\.com\/system\/templates\/finesse\/gadget\/agent\/ece\.xml/);
    const offset = doc.offsetAt(at.with(undefined, 0));
    assert.strictEqual(doc.getText(), before.slice(0, offset) + inserted + before.slice(offset));
    await h.waitForDiagnostics(uri, (l) => !l.some((d) => d.severity === vscode.DiagnosticSeverity.Error), 'no errors in the layout after the insert');
  });
});
