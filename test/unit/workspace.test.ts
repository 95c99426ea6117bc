import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver-types';
import { EceLanguageService } from '../../server/src/service/core/engine';
import { normalizeSettings, type Settings } from '../../server/src/service/core/settings';
import { applyEdits } from '../../server/src/service/core/text';
import { canonicalUri, commonFolderDepth, WorkspaceModel } from '../../server/src/service/workspace/model';
import { checkWorkspace, fileUri, loadWorkspace, WorkspaceSession } from '../../server/src/node/workspace';
import { main } from '../../server/src/cli';
import { fmt } from './helpers';

const ROOT = path.join(__dirname, '..', 'fixtures', 'workspace');
const CROSS = ['reportsdb/server-is-listener', 'indexstats/url-differs-from-connpool', 'ecejs/hosts-differ'];
const A = (rel: string) => path.join(ROOT, 'home-a', rel);

const S = (raw: Record<string, unknown> = {}): Settings => normalizeSettings(raw);

/** Cross-file diagnostics per file (relative path → `id@range`), files without any left out. */
async function crossFile(roots: string[], settings = S()): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const r of await checkWorkspace(roots, settings)) {
    const ds = r.diagnostics.filter((d) => CROSS.includes(String(d.code)));
    if (ds.length) out[path.relative(ROOT, fileURLToPath(r.uri)).split(path.sep).join('/')] = ds.map(fmt);
  }
  return out;
}

function serviceFor(): { svc: EceLanguageService; model: WorkspaceModel; s: Settings } {
  const s = S();
  const svc = new EceLanguageService({ log: () => undefined });
  const model = new WorkspaceModel((uri, text) => svc.kindOf(uri, text, s));
  svc.setWorkspace(model);
  return { svc, model, s };
}

void describe('workspace model', () => {
  void test('canonical URIs: VS Code and Node spellings of one Windows file are the same key', () => {
    assert.equal(canonicalUri('file:///c%3A/ECE/a%20b/x.xml'), canonicalUri('file:///C:/ECE/a b/x.xml'));
    assert.equal(commonFolderDepth('file:///C:/ECE/eService/a/x.xml', 'file:///c%3A/ece/eService/b/y.xml'), 3);
    const { model } = serviceFor();
    const text = readFileSync(A('eService/installation/dataaccess/egpl_ds_connpool_map.xml'), 'utf8');
    model.update('file:///C:/ECE/eService/installation/dataaccess/egpl_ds_connpool_map.xml', text);
    assert.ok(model.get('file:///c%3A/ECE/eService/installation/dataaccess/egpl_ds_connpool_map.xml'));
    assert.deepEqual(model.related('connpool', 'file:///c%3A/ECE/eService/installation/dataaccess/egpl_ds_connpool_map.xml'), []);
  });

  void test('related: the partners of the nearest folder holding the kind, shallower first, then by name; self excluded', () => {
    const { model } = serviceFor();
    const pool = readFileSync(A('eService/installation/dataaccess/egpl_ds_connpool_map.xml'), 'utf8');
    const uris = [
      'file:///w/prod/ECE/eService/installation/dataaccess/egpl_ds_connpool_map.xml',
      'file:///w/prod/ECE/eService/installation/dataaccess/backup/egpl_ds_connpool_map.xml',
      'file:///w/test/ECE/eService/installation/dataaccess/egpl_ds_connpool_map.xml',
    ];
    for (const u of uris) assert.ok(model.update(u, pool));
    const from = 'file:///w/prod/ReportsDB/reportsdb_utility.properties';
    assert.deepEqual(
      model.related('connpool', from).map((r) => r.uri),
      [uris[0], uris[1]],
    );
    assert.deepEqual(model.related('connpool', uris[0]!).map((r) => r.uri), [uris[1]]);
    assert.deepEqual(model.related('connpool', uris[1]!).map((r) => r.uri), [uris[0]]);
    // The test home's file has no other one in its own home (/w/test/ECE, the folder holding its eService): prod's
    // files are another home's, never its partners, even though up at /w prod is the only place holding some.
    assert.deepEqual(model.related('connpool', uris[2]!).map((r) => r.uri), []);
    assert.deepEqual(model.dependents(uris[0]!).filter((u) => u === uris[2]), []);
    // A file outside any eService tree still looks up: the test home's reportsdb file (no eService on its path)
    // takes the only pool file of its tree, and one beside both homes' trees finds two places and takes none.
    assert.deepEqual(model.related('connpool', 'file:///w/test/ReportsDB/reportsdb_utility.properties').map((r) => r.uri), [uris[2]]);
    // A file under /w but in neither home: prod and test are two places, so it cannot be told: no partner.
    assert.deepEqual(model.related('connpool', 'file:///w/reportsdb_utility.properties'), []);
    assert.deepEqual(model.related('connpool', 'file:///w/dev/ECE/reportsdb_utility.properties'), []);
    assert.deepEqual(model.related('reportsdb', from), []);
  });

  void test('update/remove/dependents: a pool change concerns reportsdb and indexstats files; non-ECE text drops a file', () => {
    const { model } = serviceFor();
    const pool = 'file:///h/eService/installation/dataaccess/egpl_ds_connpool_map.xml';
    const rdb = 'file:///h/r/reportsdb_utility.properties';
    const inp = 'file:///h/i/input.properties';
    const js = 'file:///h/g/ece_config.js';
    model.update(pool, readFileSync(A('eService/installation/dataaccess/egpl_ds_connpool_map.xml'), 'utf8'));
    model.update(rdb, 'IS_WINDOWS_AUTHENTICATION=true\n');
    model.update(inp, 'ACTIVE_DATABASE_URL=jdbc:sqlserver://x.example.com;databaseName=a\n');
    model.update(js, 'var web_server_name = "a.example.com";\n');
    assert.equal(model.size, 4);
    const g = model.generation;
    model.update(rdb, 'IS_WINDOWS_AUTHENTICATION=true\n');
    assert.equal(model.generation, g, 'same text: no change');
    assert.deepEqual(model.dependents(pool).sort(), [inp, rdb].sort());
    assert.deepEqual(model.dependents(pool, undefined, [rdb, js]), [rdb]);
    assert.deepEqual(model.dependents(rdb), []);
    // input.properties without any of its keys is not an ECE file any more
    assert.equal(model.update(inp, 'foo=bar\n'), undefined);
    assert.equal(model.get(inp), undefined);
    assert.deepEqual(model.dependents(pool), [rdb], 'asked before the removal: who read it');
    assert.equal(model.remove(pool), 'connpool');
    assert.equal(model.remove(pool), undefined);
    assert.deepEqual(model.dependents(pool, 'connpool'), [], 'a file that is gone is nobody\'s partner');
  });
});

void describe('cross-file rules on test/fixtures/workspace', () => {
  void test('home-a fires each rule at exact ranges; home-b (consistent) and alone (partners absent/ambiguous) stay silent', async () => {
    const got = await crossFile([ROOT]);
    assert.deepEqual(got, {
      'home-a/ReportsDB Utility/reportsdb_utility.properties': ['reportsdb/server-is-listener@4:23-4:44'],
      'home-a/UpdateDBIndexStats/input.properties': ['indexstats/url-differs-from-connpool@1:20-1:139'],
      'home-a/eService/templates/finesse/gadget/agent/ece_config.js': ['ecejs/hosts-differ@2:23-2:46'],
      'home-a/eService/templates/finesse/gadget/spog/spog_config.js': ['ecejs/hosts-differ@2:23-2:44'],
    });
  });

  void test('each home alone gives the same answers; "alone" alone is silent (no partner files)', async () => {
    const a = await crossFile([path.join(ROOT, 'home-a')]);
    assert.equal(Object.keys(a).length, 4);
    assert.deepEqual(await crossFile([path.join(ROOT, 'home-b')]), {});
    assert.deepEqual(await crossFile([path.join(ROOT, 'alone')]), {});
  });

  void test('server-is-listener also fires for a host in ece.listenerNames without any pool file (short name matches too)', async () => {
    const got = await crossFile([path.join(ROOT, 'alone')], S({ listenerNames: ['AG-A'] }));
    assert.deepEqual(got, {
      'alone/reportsdb_utility.properties': ['reportsdb/server-is-listener@3:23-3:44', 'reportsdb/server-is-listener@5:19-5:40'],
    });
  });

  void test('messages name the files and hosts; the url fix copies the pool URL escaped for properties', async () => {
    const ws = await loadWorkspace([path.join(ROOT, 'home-a')]);
    const svc = new EceLanguageService({ log: () => undefined }, ws.model);
    const s = S();
    const find = (rel: string) => ws.files.find((f) => f.path === A(rel))!;
    const rdb = find('ReportsDB Utility/reportsdb_utility.properties');
    const d1 = svc.diagnostics(TextDocument.create(rdb.uri, 'properties', 1, rdb.text), s).find((d) => d.code === 'reportsdb/server-is-listener')!;
    assert.match(d1.message, /REPORTS_DB_SERVER_NAME is "AG-A\.corp\.example\.com", but egpl_ds_connpool_map\.xml connects to it \(pool "Platform_MSSQL_Pool"\)/);
    const js = find('eService/templates/finesse/gadget/agent/ece_config.js');
    const d2 = svc.diagnostics(TextDocument.create(js.uri, 'javascript', 1, js.text), s).find((d) => d.code === 'ecejs/hosts-differ')!;
    assert.match(d2.message, /web_server_name is "ece-lb\.corp\.example\.com", but spog_config\.js names "web1\.corp\.example\.com"\./);

    const inp = find('UpdateDBIndexStats/input.properties');
    const doc = TextDocument.create(inp.uri, 'properties', 1, inp.text);
    const a = svc.analyze(doc, s)!;
    const f = a.findings.find((x) => x.ruleId === 'indexstats/url-differs-from-connpool')!;
    assert.match(f.message, /server "old-sql\.corp\.example\.com" instead of "ag-a\.corp\.example\.com"/);
    const fixed = applyEdits(inp.text, f.fixes[0]!.edits);
    assert.equal(
      fixed,
      inp.text.replace(
        'jdbc:sqlserver://old-sql.corp.example.com:1433;',
        'jdbc:sqlserver://ag-a.corp.example.com:1433;',
      ),
    );
    // After the fix the rule is silent.
    assert.equal(svc.diagnostics(TextDocument.create(inp.uri, 'properties', 2, fixed), s).filter((d) => d.code === 'indexstats/url-differs-from-connpool').length, 0);
  });

  void test('url fix doubles backslashes (instance names) and the message never shows a password', () => {
    const { svc, model, s } = serviceFor();
    const poolXml =
      '<conn_pool_list>\r\n<connpool name="ReportsDB_MSSQL_Pool"><User></User><Password></Password>' +
      '<Url>jdbc:sqlserver://db.example.com\\reports;databaseName=eGReportsDB;password=Xyzzy-pool</Url></connpool>\r\n</conn_pool_list>\r\n';
    model.update('file:///h/eService/installation/dataaccess/egpl_ds_connpool_map.xml', poolXml);
    const uri = 'file:///h/u/input.properties';
    const text = '\uFEFFREPORTS_DATABASE_URL = jdbc:sqlserver://db.example.com;databaseName=eGReportsDB;password=Secret-here\r\nREPORTS_USER=\r\n';
    model.update(uri, text);
    const a = svc.analyze(TextDocument.create(uri, 'properties', 1, text), s)!;
    const f = a.findings.find((x) => x.ruleId === 'indexstats/url-differs-from-connpool')!;
    assert.ok(f);
    assert.equal(f.start, text.indexOf('jdbc:'));
    assert.doesNotMatch(f.message, /Xyzzy|Secret/);
    assert.match(f.message, /password differs \(value not shown\)/);
    assert.match(f.message, /instance \(none\) instead of "reports"/);
    // no port without an instance is 1433; with the instance the port is SQL Browser's, not 1433
    assert.match(f.message, /port \(none: 1433\) instead of \(none: SQL Browser's port for the instance\)/);
    assert.equal(
      applyEdits(text, f.fixes[0]!.edits),
      '\uFEFFREPORTS_DATABASE_URL = jdbc:sqlserver://db.example.com\\\\reports;databaseName=eGReportsDB;password=Xyzzy-pool\r\nREPORTS_USER=\r\n',
    );
  });

  void test('rules are silent in a service without a workspace (single file)', () => {
    const svc = new EceLanguageService({ log: () => undefined });
    const text = readFileSync(A('ReportsDB Utility/reportsdb_utility.properties'), 'utf8');
    const d = svc.diagnostics(TextDocument.create(fileUri(A('ReportsDB Utility/reportsdb_utility.properties')), 'properties', 1, text), S());
    assert.deepEqual(d.filter((x) => CROSS.includes(String(x.code))), []);
  });
});

void describe('WorkspaceSession (LSP wiring)', () => {
  void test('an edit of the open pool file refreshes the open reportsdb file, whose diagnostics follow', async () => {
    const s = S();
    const svc = new EceLanguageService({ log: () => undefined });
    const session = new WorkspaceSession(svc, () => s);
    await session.addRoots([fileUri(path.join(ROOT, 'home-a'))]);
    const rdbPath = A('ReportsDB Utility/reportsdb_utility.properties');
    const poolPath = A('eService/installation/dataaccess/egpl_ds_connpool_map.xml');
    // VS Code's spelling of the URI may differ from Node's; the session matches them.
    const rdb = TextDocument.create(fileUri(rdbPath), 'properties', 1, readFileSync(rdbPath, 'utf8'));
    const pool0 = readFileSync(poolPath, 'utf8').replace(/^\uFEFF/, '');
    const inp = fileUri(A('UpdateDBIndexStats/input.properties'));
    const sorted = (xs: string[]) => xs.map((x) => canonicalUri(x)).sort();
    assert.deepEqual(session.documentChanged(rdb), []);
    const codes = (): string[] => svc.diagnostics(rdb, s).map((d: Diagnostic) => String(d.code));
    assert.ok(codes().includes('reportsdb/server-is-listener'));
    const poolDoc = TextDocument.create(fileUri(poolPath), 'xml', 5, pool0.replaceAll('ag-a.corp.example.com', 'ag-new.corp.example.com'));
    // Every file reading the pool file, open (reportsdb) or not (input.properties), is to be refreshed.
    assert.deepEqual(sorted(session.documentChanged(poolDoc)), sorted([rdb.uri, inp]));
    assert.ok(!codes().includes('reportsdb/server-is-listener'));
    // Closing the pool document brings the disk text back: the pool file itself and its readers are refreshed.
    assert.deepEqual(sorted(await session.documentClosed(poolDoc.uri)), sorted([poolDoc.uri, rdb.uri, inp]));
    assert.ok(codes().includes('reportsdb/server-is-listener'));
    // A deletion on disk (watcher event) of the pool file silences the rule; the deleted file is refreshed (cleared).
    assert.deepEqual(sorted(await session.watchedFilesChanged([{ uri: fileUri(poolPath), type: 3 }])), sorted([rdb.uri, inp, fileUri(poolPath)]));
    assert.ok(!codes().includes('reportsdb/server-is-listener'));
  });

  void test('a watched-file event for an open document is ignored: the editor text wins over the disk', async () => {
    const s = S();
    const svc = new EceLanguageService({ log: () => undefined });
    const session = new WorkspaceSession(svc, () => s);
    await session.addRoots([fileUri(path.join(ROOT, 'home-a'))]);
    const rdbPath = A('ReportsDB Utility/reportsdb_utility.properties');
    const poolPath = A('eService/installation/dataaccess/egpl_ds_connpool_map.xml');
    const rdb = TextDocument.create(fileUri(rdbPath), 'properties', 1, readFileSync(rdbPath, 'utf8'));
    session.documentChanged(rdb);
    const codes = (): string[] => svc.diagnostics(rdb, s).map((d: Diagnostic) => String(d.code));
    const edited = readFileSync(poolPath, 'utf8').replace(/^\uFEFF/, '').replaceAll('ag-a.corp.example.com', 'ag-new.corp.example.com');
    const poolDoc = TextDocument.create(fileUri(poolPath), 'xml', 3, edited);
    session.documentChanged(poolDoc);
    assert.ok(!codes().includes('reportsdb/server-is-listener'));
    // The disk still holds the old pool file; VS Code reports it changed, created or deleted: nothing is re-read.
    for (const type of [1, 2, 3]) {
      assert.deepEqual(await session.watchedFilesChanged([{ uri: fileUri(poolPath), type }]), [], `type ${type}`);
      assert.ok(!codes().includes('reportsdb/server-is-listener'), `type ${type}: still the editor's pool file`);
    }
    // The same event for a file that is not open is read from disk.
    const inp = fileUri(A('UpdateDBIndexStats/input.properties'));
    assert.ok((await session.watchedFilesChanged([{ uri: inp, type: 2 }])).map((u) => canonicalUri(u)).includes(canonicalUri(inp)));
  });
});

void describe('CLI check uses the workspace model', () => {
  void test('cross-file findings appear in the JSON output', async () => {
    const lines: string[] = [];
    const code = await main(['check', '--format', 'json', path.join(ROOT, 'home-a')], (s) => lines.push(s), () => undefined);
    assert.equal(code, 0);
    const json = JSON.parse(lines.join('\n')) as { files: Array<{ path: string; diagnostics: Array<{ code: string }> }> };
    const codes = json.files.flatMap((f) => f.diagnostics.map((d) => d.code)).filter((c) => CROSS.includes(c)).sort();
    assert.deepEqual(codes, ['ecejs/hosts-differ', 'ecejs/hosts-differ', 'indexstats/url-differs-from-connpool', 'reportsdb/server-is-listener']);
  });
});


void describe('cross-file rules never fail on half-typed files', () => {
  void test('every prefix of every home-a file, as the partner and as the checked file: no rule failure, ranges in bounds', async () => {
    const ws = await loadWorkspace([path.join(ROOT, 'home-a')]);
    const s = S({ listenerNames: ['ag-a'] });
    for (const victim of ws.files) {
      const logs: string[] = [];
      const svc = new EceLanguageService({ log: (m) => logs.push(m) }, ws.model);
      const full = victim.text;
      const step = Math.max(1, Math.floor(full.length / 60));
      for (let n = 0; n <= full.length; n += step) {
        const cut = full.slice(0, n);
        ws.model.update(victim.uri, cut);
        svc.setWorkspace(ws.model);
        for (const other of ws.files) {
          const text = other.uri === victim.uri ? cut : other.text;
          const doc = TextDocument.create(other.uri, other.kind, n + 1, text);
          for (const d of svc.diagnostics(doc, s)) {
            assert.ok(doc.offsetAt(d.range.end) <= text.length);
          }
        }
      }
      ws.model.update(victim.uri, full);
      assert.deepEqual(logs.filter((l) => /rule failed/.test(l)), [], victim.path);
    }
  });
});

void describe('reportsdb/differs-from-connpool (cross-file, in memory)', () => {
  const POOL = 'file:///h/ECE/eService/installation/dataaccess/egpl_ds_connpool_map.xml';
  const RDB = 'file:///h/ECE/ReportsDB/reportsdb_utility.properties';
  const pool = (active: string, reports: string) =>
    '<conn_pool_list>\r\n' +
    `\t<connpool><name>Platform_MSSQL_Pool</name><User></User><Password></Password><Url>jdbc:sqlserver://ag.example.com${active};integratedSecurity=true;databaseName=eGActiveDB;multiSubnetFailover=true</Url></connpool>\r\n` +
    `\t<connpool name="ReportsDB_MSSQL_Pool"><User></User><Password></Password><Url>jdbc:sqlserver://ag.example.com${reports};integratedSecurity=true;databaseName=eGReportsDB</Url></connpool>\r\n` +
    '</conn_pool_list>\r\n';
  const RDB_TEXT = [
    'EGAIN_HOME_DIR=C:/ECE', 'IS_WINDOWS_AUTHENTICATION=true', 'REPORTS_DB_SERVER_NAME=sql2.example.com', 'REPORTS_DB_LST_PORT=1433',
    'REPORTS_DB_NAME=eGReportDB', 'ACT_DB_SERVER_NAME=sql2.example.com', 'ACT_DB_LST_PORT=1444', 'ACT_DB_NAME=egactivedb',
  ].join('\r\n') + '\r\n';
  const diff = (poolText: string, rdbText = RDB_TEXT) => {
    const { svc, model, s } = serviceFor();
    model.update(POOL, poolText);
    model.update(RDB, rdbText);
    return svc.diagnostics(TextDocument.create(RDB, 'properties', 1, rdbText), s).filter((d) => d.code === 'reportsdb/differs-from-connpool');
  };

  void test('a wrong reports database name and active port, with the values on both sides; names compare without case', () => {
    const ds = diff(pool(':1433', ':1433'));
    assert.deepEqual(ds.map(fmt), ['reportsdb/differs-from-connpool@4:16-4:26', 'reportsdb/differs-from-connpool@6:16-6:20']);
    assert.equal(ds[0]!.message, 'REPORTS_DB_NAME is "eGReportDB", but the reports pool in egpl_ds_connpool_map.xml opens another database: "ReportsDB_MSSQL_Pool" (databaseName=eGReportsDB). The utility must work on the database ECE uses.');
    assert.equal(ds[1]!.message, 'ACT_DB_LST_PORT is 1444, but the active-database pool in egpl_ds_connpool_map.xml connects to another port: "Platform_MSSQL_Pool" (port 1433). Both should be the availability group listener\'s port.');
  });

  void test('no port in the pool is 1433; an instance without a port is SQL Browser\'s port and is never compared', () => {
    assert.deepEqual(diff(pool('', ':1433')).map(fmt), ['reportsdb/differs-from-connpool@4:16-4:26', 'reportsdb/differs-from-connpool@6:16-6:20']);
    assert.match(diff(pool('', ':1433'))[1]!.message, /\(port 1433, the default\)/);
    assert.deepEqual(diff(pool('\\ECE', ':1433')).map(fmt), ['reportsdb/differs-from-connpool@4:16-4:26']);
    assert.deepEqual(diff(pool(':1444', ':1433'), RDB_TEXT.replace('eGReportDB', 'EGREPORTSDB')), []);
  });

  void test('silent without the pool file', () => {
    const { svc, model, s } = serviceFor();
    model.update(RDB, RDB_TEXT);
    assert.deepEqual(svc.diagnostics(TextDocument.create(RDB, 'properties', 1, RDB_TEXT), s).filter((d) => d.code === 'reportsdb/differs-from-connpool'), []);
  });
});
