/**
 * The workspace model's folder index: partner queries and "who reads this file" answered per ECE home, compared with
 * the plain definition (every file ranked against every other) on random trees, and the engine's analyses kept for
 * files whose partners did not change.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { EceLanguageService } from '../../server/src/service/core/engine';
import { normalizeSettings } from '../../server/src/service/core/settings';
import type { KindId } from '../../server/src/service/core/types';
import { canonicalUri, commonFolderDepth, folderSegments, readersOf, WorkspaceModel } from '../../server/src/service/workspace/model';
import { seededRandom } from './random';

const POOL = (url: string) =>
  `<conn_pool_list><connpool name="Platform_MSSQL_Pool"><User></User><Password></Password><Url>${url}</Url></connpool></conn_pool_list>`;
const TEXT: Partial<Record<KindId, string>> = {
  connpool: POOL('jdbc:sqlserver://db.example.com:1433;integratedSecurity=true;databaseName=eGActiveDB'),
  reportsdb: 'IS_WINDOWS_AUTHENTICATION=true\nREPORTS_DB_SERVER_NAME=db.example.com\n',
  indexstats: 'ACTIVE_DATABASE_URL=jdbc:sqlserver://db.example.com:1433;integratedSecurity=true;databaseName=eGActiveDB\n',
  ecejs: 'var web_server_name = "web.example.com";\nvar web_server_protocol = "https";\n',
};
const NAME: Partial<Record<KindId, string>> = {
  connpool: 'egpl_ds_connpool_map.xml',
  reportsdb: 'reportsdb_utility.properties',
  indexstats: 'input.properties',
  ecejs: 'ece_config.js',
};

function newModel(): { model: WorkspaceModel; svc: EceLanguageService } {
  const s = normalizeSettings({});
  const svc = new EceLanguageService({ log: () => undefined });
  const model = new WorkspaceModel((uri, text) => svc.kindOf(uri, text, s));
  svc.setWorkspace(model);
  return { model, svc };
}

/** The definition the index must answer: rank every other file of the kind, keep the nearest, refuse ambiguity. */
function plainRelated(files: Array<{ uri: string; kind: KindId }>, kind: KindId, from: string): string[] {
  const self = canonicalUri(from);
  // A file inside eService keeps to its own ECE home (the folder holding its last eService folder).
  const segs = folderSegments(from);
  const home = segs.lastIndexOf('eservice');
  const others = files.filter((f) => f.kind === kind && canonicalUri(f.uri) !== self && (home < 0 || commonFolderDepth(from, f.uri) >= home));
  if (others.length === 0) return [];
  const best = Math.max(...others.map((f) => commonFolderDepth(from, f.uri)));
  const group = others.filter((f) => commonFolderDepth(from, f.uri) === best);
  const places = new Set(group.map((f) => folderSegments(f.uri)[best] ?? ''));
  if (places.size > 1) return [];
  return group
    .sort((a, b) => folderSegments(a.uri).length - folderSegments(b.uri).length || (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : 0))
    .map((f) => f.uri);
}

function randomTree(seed: number, count: number): Array<{ uri: string; kind: KindId }> {
  const rnd = seededRandom(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const names = ['a', 'b', 'c', 'ECE', 'eService', 'x'];
  const kinds = Object.keys(TEXT) as KindId[];
  const out: Array<{ uri: string; kind: KindId }> = [];
  const seen = new Set<string>();
  while (out.length < count) {
    const depth = 1 + Math.floor(rnd() * 4);
    const segs = Array.from({ length: depth }, () => pick(names));
    const kind = pick(kinds);
    // Mixed case on purpose: folders compare case-insensitively.
    const uri = `file:///${segs.map((s) => (rnd() < 0.2 ? s.toUpperCase() : s)).join('/')}/${NAME[kind]}`;
    if (seen.has(canonicalUri(uri).toLowerCase())) continue;
    seen.add(canonicalUri(uri).toLowerCase());
    out.push({ uri, kind });
  }
  return out;
}

void describe('workspace index', () => {
  void test('related() equals the plain definition on 40 random trees, for files in the model and for files outside it', () => {
    for (let seed = 1; seed <= 40; seed++) {
      const { model } = newModel();
      const files = randomTree(seed, 25);
      for (const f of files) assert.ok(model.update(f.uri, TEXT[f.kind]!), f.uri);
      const outsiders = randomTree(seed + 1000, 10).map((f) => f.uri.replace(/\/[^/]+$/, '/unknown/reportsdb_utility.properties'));
      for (const from of [...files.map((f) => f.uri), ...outsiders]) {
        for (const kind of Object.keys(TEXT) as KindId[]) {
          assert.deepEqual(model.related(kind, from).map((r) => r.uri), plainRelated(files, kind, from), `seed ${seed}: ${kind} for ${from}`);
        }
      }
    }
  });

  void test('dependents() equals "the readers whose partners include the file", asked before and after a change', () => {
    for (let seed = 1; seed <= 30; seed++) {
      const { model } = newModel();
      const files = randomTree(seed, 25);
      for (const f of files) model.update(f.uri, TEXT[f.kind]!);
      for (const changed of files) {
        const readers = new Set(readersOf(changed.kind));
        const expected = files
          .filter((f) => f.uri !== changed.uri && readers.has(f.kind))
          .filter((f) => plainRelated(files, changed.kind, f.uri).includes(changed.uri))
          .map((f) => f.uri)
          .sort();
        assert.deepEqual(model.dependents(changed.uri).sort(), expected, `seed ${seed}: ${changed.uri}`);
      }
    }
  });

  void test('many homes: a pool change concerns the readers of its own home only; other homes keep their cached analyses', () => {
    const { model, svc } = newModel();
    const s = normalizeSettings({});
    const homes = 50;
    const pool = (h: number) => `file:///srv/home${h}/eService/installation/dataaccess/egpl_ds_connpool_map.xml`;
    const rdb = (h: number) => `file:///srv/home${h}/ReportsDB Utility/reportsdb_utility.properties`;
    for (let h = 0; h < homes; h++) {
      model.update(pool(h), TEXT.connpool!);
      model.update(rdb(h), TEXT.reportsdb!);
    }
    const all = Array.from({ length: homes }, (_, h) => rdb(h));
    assert.deepEqual(model.dependents(pool(7), undefined, all), [rdb(7)]);
    assert.deepEqual(model.related('connpool', rdb(7)).map((r) => r.uri), [pool(7)]);
    const docs = all.map((u) => TextDocument.create(u, 'properties', 1, TEXT.reportsdb!));
    const before = docs.map((d) => svc.analyze(d, s));
    model.update(pool(7), POOL('jdbc:sqlserver://other.example.com:1433;integratedSecurity=true;databaseName=eGActiveDB'));
    const after = docs.map((d) => svc.analyze(d, s));
    for (let h = 0; h < homes; h++) {
      if (h === 7) assert.notEqual(after[h], before[h], 'home7 reads the changed pool file: analysed again');
      else assert.equal(after[h], before[h], `home${h} does not read it: same analysis object`);
    }
  });

  void test('removeUnder forgets a folder tree and keeps the counts right (a later query does not see ghosts)', () => {
    const { model } = newModel();
    model.update('file:///w/a/ECE/eService/installation/dataaccess/egpl_ds_connpool_map.xml', TEXT.connpool!);
    model.update('file:///w/b/ECE/eService/installation/dataaccess/egpl_ds_connpool_map.xml', TEXT.connpool!);
    const from = 'file:///w/reportsdb_utility.properties';
    assert.deepEqual(model.related('connpool', from), [], 'two homes: ambiguous');
    assert.deepEqual(model.removeUnder('file:///w/b').map((r) => r.kind), ['connpool']);
    assert.deepEqual(model.related('connpool', from).map((r) => r.uri), ['file:///w/a/ECE/eService/installation/dataaccess/egpl_ds_connpool_map.xml']);
    assert.equal(model.size, 1);
  });
});
