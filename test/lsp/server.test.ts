/**
 * The bundled server over a real stdio connection: diagnostics, a quick fix, a hover, symbols, settings,
 * incremental edits, and staying alive on bad input.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, Diagnostic, DocumentSymbol, Hover, TextDocumentEdit } from 'vscode-languageserver-protocol';
import { startClient, type TestClient } from './client';

const EXAMPLE = path.resolve(__dirname, '../../examples/ece-home/eService/installation/dataaccess/egpl_ds_connpool_map.xml');
const URI = 'file:///C:/ECE/eService/installation/dataaccess/egpl_ds_connpool_map.xml';
const POOL = [
  '<?xml version="1.0"?>',
  '<conn_pool_list>',
  '  <connpool name="Platform_MSSQL_Pool">',
  '    <User egid="3026">eGActiveDB</User>',
  '    <Password egid="3027">SECRET-36423441363</Password>',
  '    <Url egid="3028">jdbc:sqlserver://db1.example.com\\inst:1433;integratedSecurity=false;databaseName=eGActiveDB;integratedSecuirty=true</Url>',
  '  </connpool>',
  '</conn_pool_list>',
  '',
].join('\r\n');

const codes = (d: Diagnostic[]) => d.map((x) => x.code).sort();

describe('language server over stdio', () => {
  let c: TestClient;
  before(async () => {
    c = await startClient({});
  });
  after(async () => {
    await c.close();
  });

  test('publishes diagnostics with rule ids, versions and doc links', async () => {
    await c.conn.sendNotification('textDocument/didOpen', { textDocument: { uri: URI, languageId: 'xml', version: 1, text: POOL } });
    const p = await c.waitForDiagnostics(URI, (x) => x.version === 1);
    assert.deepEqual(codes(p.diagnostics), ['jdbc/instance-ignored', 'jdbc/unknown-property']);
    const unknown = p.diagnostics.find((d) => d.code === 'jdbc/unknown-property')!;
    const col = POOL.split('\r\n')[5]!.indexOf('integratedSecuirty');
    assert.equal(col, 113);
    assert.deepEqual(unknown.range, { start: { line: 5, character: 113 }, end: { line: 5, character: 131 } });
    assert.equal(unknown.source, 'ece');
    assert.match(unknown.codeDescription!.href, /docs\/rules\/jdbc\/unknown-property\.md$/);
    for (const d of p.diagnostics) assert.doesNotMatch(d.message, /SECRET/);
  });

  test('a quick fix edits exactly the instance span, versioned', async () => {
    const p = await c.waitForDiagnostics(URI, (x) => x.version === 1);
    const d = p.diagnostics.find((x) => x.code === 'jdbc/instance-ignored')!;
    const actions = (await c.conn.sendRequest('textDocument/codeAction', {
      textDocument: { uri: URI },
      range: d.range,
      context: { diagnostics: [d] },
    })) as CodeAction[];
    const fix = actions.find((a) => a.kind === 'quickfix' && /instance/i.test(a.title))!;
    assert.ok(fix, `no instance fix in ${actions.map((a) => a.title).join(', ')}`);
    const change = fix.edit!.documentChanges![0] as TextDocumentEdit;
    assert.equal(change.textDocument.version, 1);
    const after = TextDocument.applyEdits(TextDocument.create(URI, 'xml', 1, POOL), change.edits);
    assert.equal(after, POOL.replace('db1.example.com\\inst:1433', 'db1.example.com:1433'));
    assert.ok(actions.some((a) => a.title === 'Disable jdbc/instance-ignored for this line'));
  });

  test('hover on the Url explains it and never shows the password', async () => {
    const h = (await c.conn.sendRequest('textDocument/hover', { textDocument: { uri: URI }, position: { line: 5, character: 40 } })) as Hover;
    const text = typeof h.contents === 'object' && 'value' in h.contents ? h.contents.value : JSON.stringify(h.contents);
    assert.match(text, /db1\.example\.com/);
    assert.match(text, /eGActiveDB/);
    assert.doesNotMatch(text, /SECRET/);
    const hp = (await c.conn.sendRequest('textDocument/hover', { textDocument: { uri: URI }, position: { line: 4, character: 30 } })) as Hover;
    assert.doesNotMatch(JSON.stringify(hp), /SECRET/);
  });

  test('one symbol per pool with host and database', async () => {
    const s = (await c.conn.sendRequest('textDocument/documentSymbol', { textDocument: { uri: URI } })) as DocumentSymbol[];
    assert.equal(s.length, 1);
    assert.equal(s[0]!.name, 'Platform_MSSQL_Pool');
    assert.match(s[0]!.detail!, /db1\.example\.com/);
    assert.match(s[0]!.detail!, /eGActiveDB/);
  });

  test('incremental edits: only the newest version is validated', async () => {
    // Remove "\inst" with an incremental change, then fix the typo: the final diagnostics must be empty.
    const line = 5;
    const lineText = POOL.split('\r\n')[line]!;
    const inst = lineText.indexOf('\\inst');
    await c.conn.sendNotification('textDocument/didChange', {
      textDocument: { uri: URI, version: 2 },
      contentChanges: [{ range: { start: { line, character: inst }, end: { line, character: inst + 5 } }, text: '' }],
    });
    const typo = lineText.replace('\\inst', '').indexOf('integratedSecuirty');
    await c.conn.sendNotification('textDocument/didChange', {
      textDocument: { uri: URI, version: 3 },
      contentChanges: [{ range: { start: { line, character: typo }, end: { line, character: typo + 18 } }, text: 'multiSubnetFailover' }],
    });
    const p = await c.waitForDiagnostics(URI, (x) => x.version === 3);
    assert.deepEqual(codes(p.diagnostics), []);
    assert.ok(!c.published.some((x) => x.uri === URI && x.version === 2 && x.diagnostics.length > 0 && c.published.indexOf(x) > c.published.indexOf(p)));
  });

  test('a client that resolves code actions gets "Fix all" without its edits, and the edits through codeAction/resolve', async () => {
    const uri = 'file:///C:/ECE3/eService/installation/dataaccess/egpl_ds_connpool_map.xml';
    // two pools with the same unknown property: "Fix all jdbc/unknown-property problems in this file"
    const text = POOL.replace('  </connpool>\r\n', '  </connpool>\r\n' + POOL.split('\r\n').slice(2, 7).join('\r\n').replace('Platform_MSSQL_Pool', 'Second_Pool') + '\r\n');
    const ask = async (client: TestClient) => {
      await client.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'xml', version: 1, text } });
      const p = await client.waitForDiagnostics(uri, (x) => x.version === 1);
      const d = p.diagnostics.find((x) => x.code === 'jdbc/unknown-property')!;
      const actions = (await client.conn.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } })) as CodeAction[];
      return actions.find((a) => a.title === 'Fix all jdbc/unknown-property problems in this file')!;
    };
    const plain = await startClient({});
    const lazy = await startClient({}, { resolveCodeActions: true });
    try {
      const eager = await ask(plain);
      assert.ok(eager?.edit, 'a client without resolveSupport gets the edit in the list');
      const listed = await ask(lazy);
      assert.ok(listed, 'the action is listed');
      assert.equal(listed.edit, undefined);
      const resolved = (await lazy.conn.sendRequest('codeAction/resolve', listed)) as CodeAction;
      assert.deepEqual(resolved.edit, eager.edit);
      const change = resolved.edit!.documentChanges![0] as TextDocumentEdit;
      const after = TextDocument.applyEdits(TextDocument.create(uri, 'xml', 1, text), change.edits);
      assert.equal(after, text.replaceAll('integratedSecuirty', 'integratedSecurity'));
      // "Disable … for this line" too: listed without its edit, resolved to the eager one
      const d = (await lazy.waitForDiagnostics(uri, (x) => x.version === 1)).diagnostics.find((x) => x.code === 'jdbc/unknown-property')!;
      const disableOf = async (client: TestClient) =>
        ((await client.conn.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } })) as CodeAction[])
          .find((a) => a.title === 'Disable jdbc/unknown-property for this line')!;
      const lazyDisable = await disableOf(lazy);
      assert.equal(lazyDisable.edit, undefined);
      assert.deepEqual(((await lazy.conn.sendRequest('codeAction/resolve', lazyDisable)) as CodeAction).edit, (await disableOf(plain)).edit);
      // after an edit above it the finding has moved: no edit, and the user is told why
      await lazy.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, text: '<!-- x -->\r\n' }] });
      await lazy.waitForDiagnostics(uri, (x) => x.version === 2);
      const stale = (await lazy.conn.sendRequest('codeAction/resolve', lazyDisable)) as CodeAction;
      assert.equal(stale.edit, undefined, JSON.stringify(stale));
      for (let i = 0; i < 50 && !lazy.messages.some((m) => m.includes('was not applied')); i++) await new Promise((r) => setTimeout(r, 20));
      assert.ok(lazy.messages.some((m) => m.includes('"Disable jdbc/unknown-property for this line" was not applied')), JSON.stringify(lazy.messages) + JSON.stringify(stale));
    } finally {
      await lazy.close();
      await plain.close();
    }
  });

  test('a version that changed while its settings were fetched is never published', async () => {
    // The server asks for the document's settings before validating it. This client sends the next version before it
    // answers, so the validation of version 1 resumes when version 2 is already current: it must publish nothing,
    // and version 2 must be published with its own findings.
    const uri = 'file:///C:/ECE2/eService/installation/dataaccess/egpl_ds_connpool_map.xml';
    const v2 = POOL.replace('\\inst:1433', ':1433');
    let sent = false;
    const s = await startClient({}, {
      beforeConfiguration: async (items, conn) => {
        if (sent || !items.some((i) => i.scopeUri === uri)) return;
        sent = true;
        await conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: v2 }] });
      },
    });
    try {
      await s.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'xml', version: 1, text: POOL } });
      const p = await s.waitForDiagnostics(uri, (x) => x.version === 2);
      assert.ok(sent, 'the settings were asked for');
      assert.deepEqual(codes(p.diagnostics), ['jdbc/unknown-property']); // version 1 also had jdbc/instance-ignored
      assert.deepEqual(s.published.filter((x) => x.uri === uri).map((x) => x.version), [2]);
    } finally {
      await s.close();
    }
  });

  test('every version gets its answer, even with the findings of the version before; one version is answered once', async () => {
    const uri = URI.replace('C:/ECE', 'C:/ECE-versions');
    await c.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'xml', version: 1, text: POOL } });
    const p1 = await c.waitForDiagnostics(uri, (x) => x.version === 1);
    assert.ok(p1.diagnostics.length > 0);
    // A blank added at the very end moves no finding: version 2 is still published (a client waiting for the answer
    // to version 2 would otherwise wait for ever), with the same findings.
    const lines = POOL.split('\r\n');
    const end = { line: lines.length - 1, character: lines[lines.length - 1]!.length };
    await c.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ range: { start: end, end }, text: ' ' }] });
    const p2 = await c.waitForDiagnostics(uri, (x) => x.version === 2);
    assert.deepEqual(p2.diagnostics, p1.diagnostics);
    // A second validation of version 2 with the same result (a configuration change that changes nothing) sends nothing.
    const before = c.published.filter((x) => x.uri === uri).length;
    await c.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await c.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: 3 }, contentChanges: [{ range: { start: end, end }, text: ' ' }] });
    await c.waitForDiagnostics(uri, (x) => x.version === 3);
    assert.deepEqual(c.published.filter((x) => x.uri === uri).map((x) => x.version).slice(before), [3]);
    // A clean ECE file opened: its version 1 is answered too, with no findings.
    const clean = URI.replace('C:/ECE', 'C:/ECE-clean');
    const cleanText = POOL.replace('\\inst', '').replace('integratedSecuirty', 'multiSubnetFailover');
    await c.conn.sendNotification('textDocument/didOpen', { textDocument: { uri: clean, languageId: 'xml', version: 1, text: cleanText } });
    assert.deepEqual((await c.waitForDiagnostics(clean, (x) => x.version === 1)).diagnostics, []);
  });

  test('settings: a rule set to off disappears after a configuration change', async () => {
    const uri = URI.replace('C:/ECE', 'C:/ECE2');
    await c.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'xml', version: 1, text: POOL } });
    await c.waitForDiagnostics(uri, (x) => x.version === 1 && x.diagnostics.some((d) => d.code === 'jdbc/unknown-property'));
    c.settings = { rules: { 'jdbc/unknown-property': 'off', 'jdbc/instance-ignored': 'hint' } };
    const before = c.published.length;
    await c.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
    const p = await c.waitForDiagnostics(uri, (x) => c.published.indexOf(x) >= before);
    assert.deepEqual(codes(p.diagnostics), ['jdbc/instance-ignored']);
    assert.equal(p.diagnostics[0]!.severity, 4);
    c.settings = {};
  });

  test('settings with globs that cannot be used or that backtrack: the other globs still select, every request answers', async () => {
    const uri = URI.replace('C:/ECE', 'C:/ECE3');
    c.settings = { files: { connpool: ['[', '{a,', '**/'.repeat(40) + '*a*a*a*a*a*a*b.xml', '**/egpl_ds_connpool_map.xml'] } };
    try {
      await c.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
      await c.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'xml', version: 1, text: POOL } });
      const p = await c.waitForDiagnostics(uri, (x) => x.version === 1);
      assert.deepEqual(codes(p.diagnostics), ['jdbc/instance-ignored', 'jdbc/unknown-property']);
      const h = (await c.conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 5, character: 40 } })) as Hover | null;
      assert.match(JSON.stringify(h), /db1\.example\.com/);
      const s = (await c.conn.sendRequest('textDocument/documentSymbol', { textDocument: { uri } })) as DocumentSymbol[];
      assert.deepEqual(s.map((x) => x.name), ['Platform_MSSQL_Pool']);
    } finally {
      c.settings = {};
      await c.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
    }
  });

  test('bad input: binary, empty and deeply nested files get a diagnostic and the server stays up', async () => {
    const cases: Array<[string, string]> = [
      ['binary', Array.from({ length: 4096 }, (_, i) => String.fromCharCode((i * 7919) % 256)).join('')],
      ['empty', ''],
      ['deep', '<a>'.repeat(100_000)],
    ];
    for (const [name, text] of cases) {
      const uri = `file:///C:/${name}/egpl_ds_connpool_map.xml`;
      await c.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'xml', version: 1, text } });
      const p = await c.waitForDiagnostics(uri, (x) => x.version === 1, 20_000);
      assert.deepEqual(codes(p.diagnostics), ['xml/not-well-formed'], name);
    }
    const s = await c.conn.sendRequest('textDocument/documentSymbol', { textDocument: { uri: URI } });
    assert.ok(Array.isArray(s));
  });

  test('other XML files are not claimed: nothing is published for them', async () => {
    const uri = 'file:///C:/somewhere/pom.xml';
    await c.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'xml', version: 1, text: '<a><b></a>' } });
    // A pool file opened after it is validated after it (one queue per document, opened in order).
    const pool = 'file:///C:/after/eService/installation/dataaccess/egpl_ds_connpool_map.xml';
    await c.conn.sendNotification('textDocument/didOpen', { textDocument: { uri: pool, languageId: 'xml', version: 1, text: '<a><b></a>' } });
    const p = await c.waitForDiagnostics(pool, (x) => x.version === 1);
    assert.deepEqual(p.diagnostics.map((d) => d.code), ['xml/not-well-formed']);
    assert.deepEqual(c.published.filter((x) => x.uri === uri), [], 'nothing at all for pom.xml');
  });

  test('source.fixAll.ece applies only safe fixes to the example file', async () => {
    const text = readFileSync(EXAMPLE, 'utf8');
    const uri = 'file:///C:/ECEX/eService/installation/dataaccess/egpl_ds_connpool_map.xml';
    await c.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'xml', version: 1, text } });
    await c.waitForDiagnostics(uri, (x) => x.version === 1);
    const actions = (await c.conn.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source.fixAll.ece'] },
    })) as CodeAction[];
    assert.equal(actions.length, 1);
    const after = TextDocument.applyEdits(TextDocument.create(uri, 'xml', 1, text), (actions[0]!.edit!.documentChanges![0] as TextDocumentEdit).edits);
    assert.ok(after.startsWith('\uFEFF'));
    assert.equal(after.split('\r\n').length, text.split('\r\n').length);
    assert.ok(!after.includes('\\ecereports'), 'the ignored instance is removed');
    assert.ok(after.includes('36423441363'), 'credentials are not a safe fix');
  });

  test('a batch file on this machine: exact ranges, and path-not-found through the server\'s file-system probe', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ece-batch-'));
    try {
      const file = path.join(dir, 'reportsdb_utility.bat');
      const jdk = path.join(dir, 'jdk');
      const text = `@echo off\r\nSET JAVA_HOME=${jdk}\r\nSET JRE_HOME=${dir} \r\n`;
      writeFileSync(file, text);
      const uri = pathToFileURL(file).href;
      await c.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'bat', version: 1, text } });
      const p = await c.waitForDiagnostics(uri, (x) => x.version === 1);
      assert.deepEqual(
        p.diagnostics.map((d) => [d.code, d.range.start.line, d.range.start.character, d.range.end.character]),
        [
          ['batch/path-not-found', 1, 14, 14 + jdk.length],
          ['batch/trailing-blanks', 2, 13 + dir.length, 14 + dir.length],
        ],
      );
      assert.match(p.diagnostics[0]!.message, /does not exist on this machine/);
      assert.match(p.diagnostics[0]!.codeDescription!.href, /docs\/rules\/batch\/path-not-found\.md$/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
