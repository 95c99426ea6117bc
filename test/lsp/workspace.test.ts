/**
 * The whole ECE home as one live picture, over a real stdio connection: when a folder opens, every ECE file's
 * findings are published (closed ones too, with work-done progress), and they equal `ece-config check` on the same
 * tree; a document's findings stay when it closes (they go back to the disk version); a change on disk is followed;
 * Check Workspace and the other commands run through workspace/executeCommand.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { canonicalUri } from '../../server/src/service/workspace/model';
import { Requests } from '../../server/src/protocol';
import { startClient, type TestClient } from './client';

const REPO = path.resolve(__dirname, '../..');
const CLI = path.join(REPO, 'dist', 'cli.js');

/** `path → ['code@L:C-L:C', ...]` from `ece-config check --format json` on a folder. */
function cliFindings(dir: string): Map<string, string[]> {
  const r = spawnSync(process.execPath, [CLI, 'check', '--format', 'json', dir], { encoding: 'utf8' });
  const json = JSON.parse(r.stdout) as { files: Array<{ path: string; diagnostics: Array<{ code: string; range: Diagnostic['range'] }> }> };
  const out = new Map<string, string[]>();
  for (const f of json.files) {
    // The pool file inside deployment.zip: `…/deployment.zip!/dataaccess/…` in the CLI, an `ece-zip:` URI in the editor.
    const [file, entry] = f.path.split('!/');
    const uri = entry === undefined ? canonicalUri(pathToFileURL(path.resolve(file!)).href) : `ece-zip:${pathToFileURL(path.resolve(file!)).href.slice(5)}!/${entry}`;
    out.set(uri, f.diagnostics.map(fmt).sort());
  }
  return out;
}

function fmt(d: { code?: unknown; range: Diagnostic['range'] }): string {
  const r = d.range;
  return `${String(d.code)}@${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`;
}

/** The last publish per URI: what the Problems panel shows. */
function panel(c: TestClient): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const p of c.published) out.set(canonicalUri(p.uri), p.diagnostics.map(fmt).sort());
  for (const [k, v] of [...out]) if (v.length === 0) out.delete(k);
  return out;
}

async function settled(c: TestClient, quietMs = 400, maxMs = 20_000): Promise<void> {
  const start = Date.now();
  let n = -1;
  while (Date.now() - start < maxMs) {
    if (c.published.length === n) return;
    n = c.published.length;
    await new Promise((r) => setTimeout(r, quietMs));
  }
  throw new Error('diagnostics never settled');
}

describe('the ECE home in the editor', () => {
  let dir: string;
  let home: string;
  let c: TestClient;
  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ece-lsp-home-'));
    home = path.join(dir, 'ece-home');
    fs.cpSync(path.join(REPO, 'examples', 'ece-home'), home, { recursive: true });
    // The CLI reads the home's .vscode/settings.json; the editor gets the same settings from the client.
    const settings = JSON.parse(fs.readFileSync(path.join(home, '.vscode', 'settings.json'), 'utf8').replace(/\/\/.*$/gm, '')) as Record<string, unknown>;
    const ece: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(settings)) if (k.startsWith('ece.')) ece[k.slice(4)] = v;
    c = await startClient(ece, { folders: [pathToFileURL(home).href], progress: true, applyEdit: () => ({ applied: true }) });
    await settled(c);
  });
  after(async () => {
    await c.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('after the folder opens, every ECE file is published, closed ones too, exactly as the CLI finds them', () => {
    const cli = cliFindings(home);
    assert.ok(cli.size >= 8, `${cli.size} files from the CLI`);
    assert.deepEqual(panel(c), new Map([...cli].filter(([, v]) => v.length > 0)));
    // Loaded with progress: created, begun and done.
    assert.ok(c.progressCreated.length >= 1);
    const kinds = c.progress.map((p) => (p as { value: { kind: string } }).value.kind);
    assert.ok(kinds.includes('begin') && kinds.includes('end'), kinds.join());
    // Each file was published once (nothing published twice with the same findings).
    const counts = new Map<string, number>();
    for (const p of c.published) counts.set(p.uri, (counts.get(p.uri) ?? 0) + 1);
    assert.ok([...counts.values()].every((n) => n === 1), JSON.stringify([...counts]));
  });

  test('ece/documentInfo: the kind the server detects and the settings in effect, for the client\'s context keys and status item', async () => {
    const pool = pathToFileURL(path.join(home, 'eService', 'installation', 'dataaccess', 'egpl_ds_connpool_map.xml')).href;
    const info = await c.conn.sendRequest(Requests.documentInfo, { uri: pool });
    assert.equal(info.kind, 'connpool');
    assert.equal(info.label, 'connection pool file');
    assert.equal(info.workspaceHasEceFiles, true);
    assert.deepEqual(info.settings.slice(0, 3), [
      { name: 'Listener names', value: 'ece-ag-listener.massivedynamic.com' },
      { name: 'Always On', value: 'yes' },
      { name: 'Load balancer', value: 'ece.massivedynamic.com' },
    ]);
    assert.equal(info.problems, cliFindings(home).get(canonicalUri(pool))!.length, 'the findings of the closed file, as published');
    const other = await c.conn.sendRequest(Requests.documentInfo, { uri: pathToFileURL(path.join(home, '.vscode', 'settings.json')).href });
    assert.deepEqual(other, { kind: null, label: null, settings: [], problems: 0, workspaceHasEceFiles: true });
  });

  test('open, edit and close: the edit shows, and after closing the findings are the disk version again, not gone', async () => {
    const file = path.join(home, 'eService', 'templates', 'finesse', 'gadget', 'agent', 'ece_config.js');
    const uri = pathToFileURL(file).href;
    const disk = fs.readFileSync(file, 'utf8');
    const before = panel(c).get(canonicalUri(uri))!;
    assert.ok(before.length > 0);
    await c.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'javascript', version: 1, text: disk } });
    const edited = disk.replace('var web_server_protocol = "https";', 'var web_server_protocol = "http";');
    assert.notEqual(edited, disk);
    await c.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: edited }] });
    const p2 = await c.waitForDiagnostics(uri, (p) => p.version === 2);
    assert.ok(p2.diagnostics.some((d) => d.code === 'ecejs/protocol-not-https'));
    await c.conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
    const back = await c.waitForDiagnostics(uri, (p) => p.version === undefined && !p.diagnostics.some((d) => d.code === 'ecejs/protocol-not-https') && p.diagnostics.length > 0);
    assert.deepEqual(back.diagnostics.map(fmt).sort(), before);
  });

  test('a file changed on disk (watched-file event) is published again with its new findings; its readers follow', async () => {
    const file = path.join(home, 'UpdateDBIndexStats', 'input.properties');
    const uri = pathToFileURL(file).href;
    const n = c.published.length;
    fs.appendFileSync(file, 'ACTIVE_USER=sa\r\nACTIVE_PASS=\r\n');
    await c.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri, type: 2 }] });
    await c.waitForDiagnostics(uri, (p) => c.published.indexOf(p) >= n);
    await settled(c);
    assert.deepEqual(panel(c), new Map([...cliFindings(home)].filter(([, v]) => v.length > 0)));
  });

  test('workspace/executeCommand: Check Workspace answers with the counts of what is published', async () => {
    const r = (await c.conn.sendRequest('workspace/executeCommand', { command: 'ece.server.checkWorkspace', arguments: [] })) as { files: number; findings: number };
    await settled(c);
    const shown = [...panel(c).values()].reduce((a, b) => a + b.length, 0);
    assert.equal(r.findings, shown);
    assert.ok(r.files >= 8);
  });

  test('workspace/executeCommand: Restrict Framing sends the edit with workspace/applyEdit', async () => {
    const file = path.join(home, 'iis', 'ece-site', 'web.config');
    const uri = pathToFileURL(file).href;
    await c.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'xml', version: 1, text: fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, '') } });
    const before = c.appliedEdits.length;
    const r = (await c.conn.sendRequest('workspace/executeCommand', { command: 'ece.server.restrictFraming', arguments: [uri, 'massivedynamic.com, partner.com'] })) as { ok?: boolean; count?: number; error?: string };
    assert.equal(r.error, undefined);
    assert.equal(r.ok, true);
    assert.ok((r.count ?? 0) >= 2);
    assert.equal(c.appliedEdits.length, before + 1);
    const edit = c.appliedEdits[before]!.edit as { documentChanges: Array<{ textDocument: { uri: string }; edits: Array<{ newText: string }> }> };
    assert.equal(edit.documentChanges[0]!.textDocument.uri, uri);
    assert.ok(edit.documentChanges[0]!.edits.every((e) => e.newText.includes('massivedynamic\\.com|partner\\.com')));
    const bad = (await c.conn.sendRequest('workspace/executeCommand', { command: 'ece.server.restrictFraming', arguments: [uri, 'not a domain!'] })) as { error?: string };
    assert.ok(bad.error);
  });

  test('deployment.zip: the copy\'s findings are published under ece-zip:; the copy-into-zip fix runs as a command', async () => {
    const poolUri = pathToFileURL(path.join(home, 'eService', 'installation', 'dataaccess', 'egpl_ds_connpool_map.xml')).href;
    const zipPath = path.join(home, 'service', 'lib', 'deployment.zip');
    const entryUri = `ece-zip:${pathToFileURL(zipPath).href.slice(5)}!/dataaccess/egpl_ds_connpool_map.xml`;
    assert.ok((panel(c).get(entryUri) ?? []).length > 0, 'the zip copy has findings');
    // The read-only view asks for the entry's text with the URI VS Code made of it: `ece-zip:/…` (no empty authority,
    // from Uri.toString(true)) or with the `!` percent-encoded (Uri.toString()); all three spellings name the same entry.
    const vscodeSpelling = entryUri.replace(/^ece-zip:\/\/\//, 'ece-zip:/');
    const text = await c.conn.sendRequest(Requests.zipEntryText, { uri: entryUri });
    assert.ok(typeof text === 'string' && text.includes('<Url'), 'the entry text is served');
    assert.equal(await c.conn.sendRequest(Requests.zipEntryText, { uri: vscodeSpelling }), text);
    assert.equal(await c.conn.sendRequest(Requests.zipEntryText, { uri: vscodeSpelling.replace('!/', '%21/') }), text);
    assert.equal(await c.conn.sendRequest(Requests.zipEntryText, { uri: `${vscodeSpelling}.missing` }), null);
    const differs = () => (panel(c).get(canonicalUri(poolUri)) ?? []).filter((x) => x.startsWith('connpool/deployment-zip-differs'));
    assert.equal(differs().length, 1);
    const r = (await c.conn.sendRequest('workspace/executeCommand', { command: 'ece.server.copyPoolIntoZip', arguments: [poolUri, pathToFileURL(zipPath).href] })) as { ok: boolean; message: string };
    assert.equal(r.ok, true, r.message);
    await settled(c);
    assert.deepEqual(differs(), []);
    assert.ok(fs.readdirSync(path.dirname(zipPath)).some((n) => n.startsWith('deployment.zip.bak')));
  });

  test('the published findings never disagree with the CLI after all of the above', async () => {
    await settled(c);
    const open = new Set<string>([canonicalUri(pathToFileURL(path.join(home, 'iis', 'ece-site', 'web.config')).href)]);
    const cli = new Map([...cliFindings(home)].filter(([k, v]) => v.length > 0 && !open.has(k)));
    const shown = new Map([...panel(c)].filter(([k]) => !open.has(k)));
    assert.deepEqual(shown, cli);
    const last = (uri: string): PublishDiagnosticsParams | undefined => [...c.published].reverse().find((p) => canonicalUri(p.uri) === uri);
    for (const k of cli.keys()) assert.ok(last(k), k);
  });
});

describe('a byte order mark the editor hides', () => {
  let dir: string;
  let file: string;
  let uri: string;
  let c: TestClient;
  const BOM_ID = 'properties/byte-order-mark';
  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ece-lsp-bom-'));
    const folder = path.join(dir, 'home', 'ReportsDB Utility');
    fs.mkdirSync(folder, { recursive: true });
    file = path.join(folder, 'reportsdb_utility.properties');
    uri = pathToFileURL(file).href;
    fs.copyFileSync(path.join(REPO, 'examples', 'ece-home', 'ReportsDB Utility (SQL Server Always On)', 'reportsdb_utility.properties'), file);
    const text = fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, '').replace(/^(?:[#!][^\n]*\n|\s*\n)*/, '');
    fs.writeFileSync(file, '\uFEFF' + text); // a setting on the first line: Java loses that key
    c = await startClient({}, { folders: [pathToFileURL(dir).href] });
    await settled(c);
  });
  after(async () => {
    await c.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('a closed file: published at the position the CLI gives (the loader drops the mark, the rule is told)', () => {
    const shown = panel(c).get(canonicalUri(uri)) ?? [];
    const cli = cliFindings(dir).get(canonicalUri(uri)) ?? [];
    assert.ok(cli.some((x) => x.startsWith(`${BOM_ID}@0:0-0:`)), cli.join(', '));
    assert.deepEqual(shown, cli);
  });

  test('open without the mark (as VS Code sends it): still reported, with no text edit offered; saved without it: gone', async () => {
    const text = fs.readFileSync(file, 'utf8').slice(1);
    await c.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'properties', version: 1, text } });
    // (opening publishes the findings of version 1, even where they equal the disk version's)
    await settled(c);
    const p1 = [...c.published].reverse().find((p) => canonicalUri(p.uri) === canonicalUri(uri))!;
    const d = p1.diagnostics.find((x) => x.code === BOM_ID);
    assert.ok(d, p1.diagnostics.map(fmt).join(', '));
    assert.deepEqual(p1.diagnostics.map(fmt).sort(), cliFindings(dir).get(canonicalUri(uri)));
    assert.deepEqual(panel(c).get(canonicalUri(uri)), cliFindings(dir).get(canonicalUri(uri)));
    const actions = (await c.conn.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: d.range,
      context: { diagnostics: [d] },
    })) as Array<{ title: string; edit?: unknown; command?: unknown }>;
    assert.ok(!actions.some((a) => /byte order mark/i.test(a.title)), actions.map((a) => a.title).join(' | '));
    // "Save with Encoding" > "UTF-8": the same text on disk, now without the mark; the watcher reports the change
    const n = c.published.length;
    fs.writeFileSync(file, text);
    await c.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri, type: 2 }] });
    const p2 = await c.waitForDiagnostics(uri, (p) => c.published.indexOf(p) >= n);
    assert.ok(!p2.diagnostics.some((x) => x.code === BOM_ID), p2.diagnostics.map(fmt).join(', '));
    await c.conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
  });
});
