// Every snippet the extension contributes inserts, by name, through VS Code's own snippet command
// (editor.action.insertSnippet { langId, name }), and the text it inserts is the snippet's body with the
// placeholders' defaults.
'use strict';
const assert = require('assert');
const fs = require('fs');
const path = require('path');
const vscode = require('vscode');
const h = require('../helpers');

/** Reads a JSON file that may have comments and trailing commas (snippet files do). */
function readJsonc(file) {
  const text = fs.readFileSync(file, 'utf8');
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') { const j = endOfString(text, i); out += text.slice(i, j); i = j - 1; continue; }
    if (c === '/' && text[i + 1] === '/') { while (i < text.length && text[i] !== '\n') i++; out += '\n'; continue; }
    if (c === '/' && text[i + 1] === '*') { i = text.indexOf('*/', i + 2) + 1; continue; }
    out += c;
  }
  return JSON.parse(out.replace(/,(\s*[}\]])/g, '$1'));
}
function endOfString(t, i) { for (let j = i + 1; j < t.length; j++) { if (t[j] === '\\') j++; else if (t[j] === '"') return j + 1; } return t.length; }

/**
 * The text a snippet body inserts when every placeholder keeps its default: `${1:default}` gives its default,
 * a mirror (`$1`, `${1}`) repeats the default of its tab stop, a choice gives its first option.
 */
function expand(body) {
  let s = Array.isArray(body) ? body.join('\n') : body;
  const defaults = {};
  let prev;
  do {
    prev = s;
    s = s.replace(/\$\{(\d+):((?:[^${}\\]|\\.)*)\}/g, (_, n, d) => { if (!(n in defaults)) defaults[n] = d; return d; });
  } while (s !== prev);
  s = s.replace(/\$\{(\d+)\|([^,|]*)[^|]*\|\}/g, (_, n, d) => { if (!(n in defaults)) defaults[n] = d; return d; });
  s = s.replace(/\$\{(\d+)\}|\$(\d+)/g, (_, a, b) => defaults[a || b] || '');
  return s.replace(/\\([$}\\])/g, '$1');
}

/**
 * Every snippet of every contributed snippet file, once, with the languages it is offered for. A language VS Code
 * does not know (e.g. `java-properties` without a Java extension) is kept out: it cannot open a document.
 */
async function contributedSnippets() {
  const ext = h.getExtension();
  const known = new Set(await vscode.languages.getLanguages());
  const byKey = new Map();
  for (const c of (ext.packageJSON.contributes && ext.packageJSON.contributes.snippets) || []) {
    const file = path.join(ext.extensionUri.fsPath, c.path);
    for (const [name, sn] of Object.entries(readJsonc(file))) {
      const langs = c.language ? [c.language] : String(sn.scope || '').split(',').map((x) => x.trim()).filter(Boolean);
      const key = `${path.normalize(c.path)}#${name}`;
      const entry = byKey.get(key) || { file: c.path, name, langs: [], body: sn.body };
      entry.langs.push(...langs.filter((l) => known.has(l) && !entry.langs.includes(l)));
      byKey.set(key, entry);
    }
  }
  return [...byKey.values()].map((e) => ({ ...e, langId: e.langs[0] }));
}

describe('snippets', () => {
  afterEach(() => h.closeAll());

  it('the package contributes snippets', async () => {
    const list = await contributedSnippets();
    assert.ok(list.length > 0, 'contributes.snippets lists at least one snippet');
    for (const s of list) assert.ok(s.langId, `${s.name} (${s.file}) is offered for a language VS Code knows`);
  });

  // one test per snippet, generated from the installed package.json at run time
  it('each snippet inserts its body through editor.action.insertSnippet', async () => {
    await h.poll(async () => { await h.getExtension().activate(); return h.getExtension().isActive; }, 'activation');
    const failures = [];
    const all = await contributedSnippets();
    console.log(`      inserting ${all.length} snippets: ${all.map((s) => `${s.name} (${s.langId})`).join(', ')}`);
    for (const s of all) {
      const doc = await vscode.workspace.openTextDocument({ language: s.langId, content: '' });
      const editor = await vscode.window.showTextDocument(doc);
      editor.options = { insertSpaces: false, tabSize: 4 };
      await vscode.commands.executeCommand('editor.action.insertSnippet', { langId: s.langId, name: s.name });
      const want = expand(s.body);
      await h.waitForDocument(doc, (d) => d.getText() !== '', `the snippet "${s.name}" to insert`, 10000).catch(() => {});
      const got = doc.getText().replace(/\r\n/g, '\n');
      if (got !== want) {
        let i = 0;
        while (i < got.length && got[i] === want[i]) i++;
        failures.push(`${s.name} (${s.langId}) differs at ${i}: got ${JSON.stringify(got.slice(Math.max(0, i - 40), i + 80))}, want ${JSON.stringify(want.slice(Math.max(0, i - 40), i + 80))}`);
      }
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
    assert.deepStrictEqual(failures, []);
  });
});
