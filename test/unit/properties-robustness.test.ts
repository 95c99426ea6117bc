/**
 * Never throw, stay in range: both properties kinds (rules, shared jdbc rules, fixes, hover, completions, symbols)
 * on thousands of random texts built from the characters that matter to Java's reader.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { defaultSettings } from '../../server/src/service/core/settings';
import { applyEdits } from '../../server/src/service/core/text';
import { EMPTY_WORKSPACE } from '../../server/src/service/core/types';
import { indexstatsKind } from '../../server/src/service/kinds/indexstats/kind';
import { reportsdbKind } from '../../server/src/service/kinds/reportsdb/kind';
import { run } from '../fixtures/properties/harness';
import { seededRandom as rng } from './random';


const PIECES = ['\\', '\\', 'u', '00', 'e9', 't', '=', ':', ' ', '\t', '\f', '\r', '\n', '\r\n', '#', '!', 'x', '\uFEFF',
  'EGAIN_HOME_DIR', 'ACTIVE_DATABASE_URL', 'ACTIVE_USER', 'ACTIVE_PASS', 'IS_WINDOWS_AUTHENTICATION', 'REPORTS_DB_LST_PORT',
  'jdbc:sqlserver://', 'db', ';integratedSecurity=true', ';password={a;b}}', ';databaseName=', '{', '}', 'C:', '1433', 'true'];

void describe('properties kinds robustness', () => {
  void test('3,000 random texts: no throw, every range and edit inside the text', () => {
    const r = rng(7);
    const ctx = { uri: 'file:///r', settings: defaultSettings(), workspace: EMPTY_WORKSPACE, host: { log: () => undefined } };
    for (let n = 0; n < 3000; n++) {
      let text = '';
      const len = Math.floor(r() * 30);
      for (let i = 0; i < len; i++) text += PIECES[Math.floor(r() * PIECES.length)];
      for (const kind of [reportsdbKind, indexstatsKind]) {
        const found = run(kind, text);
        for (const f of found) {
          assert.ok(f.start >= 0 && f.start <= f.end && f.end <= text.length, `${f.id} range in ${JSON.stringify(text)}`);
          for (const fix of f.fixes ?? []) {
            for (const e of fix.edits) assert.ok(e.start >= 0 && e.start <= e.end && e.end <= text.length, `${f.id} edit in ${JSON.stringify(text)}`);
            applyEdits(text, fix.edits);
          }
        }
        const doc = TextDocument.create('file:///r', 'properties', 1, text);
        const model = kind.parse(doc).model;
        for (const off of [0, Math.floor(text.length / 2), text.length]) {
          void kind.hover!(model, off, ctx);
          kind.completions!(model, off, ctx);
        }
        kind.symbols!(model, doc);
      }
    }
  });
});
