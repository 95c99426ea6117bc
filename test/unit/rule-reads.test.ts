/**
 * Every cross-file rule declares the kinds it reads (`Rule.reads`): the engine caches analyses on the state of those
 * kinds' files and the workspace model re-checks readers from it, so an undeclared read would show stale findings.
 * Each rule runs on every ECE file of the example home and the workspace fixtures through a view that records what
 * it asks for.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { defaultSettings } from '../../server/src/service/core/settings';
import { VIEW_QUERY_READS, type KindId, type WorkspaceQuery, type WorkspaceView } from '../../server/src/service/core/types';
import { KINDS } from '../../server/src/service/kinds';
import { loadWorkspace } from '../../server/src/node/workspace';

const ROOTS = [path.join(__dirname, '..', '..', 'examples', 'ece-home'), path.join(__dirname, '..', 'fixtures', 'workspace')];

void describe('cross-file rules declare what they read', () => {
  void test('no rule asks the workspace for a kind it does not declare; each declared kind is asked for somewhere', async () => {
    const ws = await loadWorkspace(ROOTS, { stripBom: true });
    const asked = new Map<string, Set<KindId>>();
    const askedCopies = new Map<string, Set<KindId>>();
    let files = 0;
    for (const f of ws.files) {
      const kind = KINDS.find((k) => k.id === f.kind)!;
      const model = kind.parse(TextDocument.create(f.uri, f.kind, 1, f.text)).model;
      files++;
      for (const rule of kind.rules) {
        const seen = asked.get(rule.id) ?? new Set<KindId>();
        asked.set(rule.id, seen);
        const seenCopies = askedCopies.get(rule.id) ?? new Set<KindId>();
        askedCopies.set(rule.id, seenCopies);
        // Each query records the kinds it reads (VIEW_QUERY_READS), then asks the real workspace.
        const record = (q: WorkspaceQuery) => {
          for (const k of VIEW_QUERY_READS[q].reads) seen.add(k);
          for (const k of VIEW_QUERY_READS[q].copies) seenCopies.add(k);
        };
        const view: WorkspaceView = {
          poolFile: (from) => (record('poolFile'), ws.model.poolFile(from)),
          poolFileCopy: (from) => (record('poolFileCopy'), ws.model.poolFileCopy(from)),
          gadgetHosts: (from) => (record('gadgetHosts'), ws.model.gadgetHosts(from)),
          partnerScript: (from) => (record('partnerScript'), ws.model.partnerScript(from)),
          reportsdbHomes: (from) => (record('reportsdbHomes'), ws.model.reportsdbHomes(from)),
          stamp: (from, kinds) => ws.model.stamp(from, kinds),
        };
        rule.check(model, { uri: f.uri, settings: defaultSettings(), workspace: view, report: () => undefined });
      }
    }
    assert.ok(files >= 12, `${files} files`);
    for (const k of KINDS) {
      for (const rule of k.rules) {
        const used = [...(asked.get(rule.id) ?? [])].sort();
        for (const u of used) assert.ok((rule.reads ?? []).includes(u), `${rule.id} reads ${u} without declaring it`);
        for (const u of askedCopies.get(rule.id) ?? []) assert.ok((rule.readsCopies ?? []).includes(u), `${rule.id} reads copies of ${u} without declaring it`);
      }
    }
    const declared = KINDS.flatMap((k) => k.rules).filter((r) => r.reads?.length);
    for (const r of KINDS.flatMap((k) => k.rules).filter((x) => x.readsCopies?.length)) assert.ok((askedCopies.get(r.id)?.size ?? 0) > 0, `${r.id} declares copies it never asks for`);
    assert.ok(declared.length >= 6, declared.map((r) => r.id).join());
    // A declaration nobody needs would make the cache and the re-checks do work for nothing.
    for (const r of declared) assert.ok((asked.get(r.id)?.size ?? 0) > 0, `${r.id} declares ${r.reads!.join(', ')} but never asks`);
  });

  void test('each query of the workspace reads exactly the kinds VIEW_QUERY_READS names', async () => {
    const ws = await loadWorkspace(ROOTS, { stripBom: true });
    const model = ws.model;
    const reads = new Set<KindId>();
    const copies = new Set<KindId>();
    const related = model.related.bind(model);
    const copiesOf = model.copies.bind(model);
    model.related = (k, from) => (reads.add(k), related(k, from));
    model.copies = (k, from) => (copies.add(k), copiesOf(k, from));
    const queries = Object.keys(VIEW_QUERY_READS) as WorkspaceQuery[];
    assert.deepEqual(queries.sort(), ['gadgetHosts', 'partnerScript', 'poolFile', 'poolFileCopy', 'reportsdbHomes']);
    for (const q of queries) {
      const union = { reads: new Set<KindId>(), copies: new Set<KindId>() };
      for (const f of ws.files) {
        reads.clear();
        copies.clear();
        model[q](f.uri);
        for (const k of reads) union.reads.add(k);
        for (const k of copies) union.copies.add(k);
      }
      assert.deepEqual([...union.reads].sort(), [...VIEW_QUERY_READS[q].reads].sort(), `${q} reads`);
      assert.deepEqual([...union.copies].sort(), [...VIEW_QUERY_READS[q].copies].sort(), `${q} copies`);
    }
  });
});
