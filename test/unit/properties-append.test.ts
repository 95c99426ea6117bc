/**
 * Adding keys at the end of a properties file (the missing-key fixes and the Windows-authentication conversion), checked
 * against Java 17's Properties.load: whatever the last line looks like (a continuation backslash with or without a
 * final line break, an escaped backslash, a comment ending in a backslash, a BOM, nothing at all), every new key loads
 * on its own with its value, every old key keeps its value, and a second run adds nothing.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { EceLanguageService } from '../../server/src/service/core/engine';
import { normalizeSettings } from '../../server/src/service/core/settings';
import { applyEdits } from '../../server/src/service/core/text';
import { buildPropertiesModel } from '../../server/src/service/kinds/properties/model';
import { REPORTSDB_SCHEMA } from '../../server/src/service/kinds/reportsdb/schema';
import { planReportsdb } from '../../server/src/service/kinds/reportsdb/convert';
import { loadWithJava } from '../java/oracle';

const URI = 'file:///h/reportsdb_utility.properties';
const S = normalizeSettings({});
const BODY = 'EGAIN_HOME_DIR=C:\\\\ECE\nREPORTS_DB_SERVER_NAME=r.example.com\nACT_DB_SERVER_NAME=a.example.com';
const ENDINGS = ['', '\n', '\\', '\\\n', '\\\\', '\\\\\n', '\\\\\\', '\\\\\\\n', '\n# note \\', '\n# note \\\n', '\n   ', '\\\n   ', '\r\n', '\\\r\n'];

function missingKeyFix(text: string): string | undefined {
  const svc = new EceLanguageService({ log: () => undefined });
  const f = svc.analyze(TextDocument.create(URI, 'properties', 1, text), S)!.findings.find((x) => x.ruleId === 'properties/missing-key');
  return f ? applyEdits(text, f.fixes[0]!.edits) : undefined;
}

void describe('appending keys', () => {
  void test('missing-key "Add all" and the conversion, on every kind of last line: Java loads the new keys on their own', () => {
    const texts: string[] = [];
    const cases: Array<{ before: string; after: string }> = [];
    for (const bom of ['', '\uFEFF']) {
      for (const end of ENDINGS) {
        const before = bom + BODY + end;
        const added = missingKeyFix(before)!;
        assert.ok(added, JSON.stringify(before));
        assert.equal(missingKeyFix(added), undefined, `a second run: nothing missing any more\n${JSON.stringify(added)}`);
        const plan = planReportsdb(buildPropertiesModel(added, URI, REPORTSDB_SCHEMA));
        const converted = applyEdits(added, plan.edits);
        assert.deepEqual(planReportsdb(buildPropertiesModel(converted, URI, REPORTSDB_SCHEMA)).edits, []);
        cases.push({ before, after: converted });
        texts.push(before, converted);
      }
    }
    const loaded = loadWithJava(texts);
    for (let i = 0; i < cases.length; i++) {
      const b = loaded[i * 2]!;
      const a = loaded[i * 2 + 1]!;
      assert.ok(b.ok && a.ok, JSON.stringify(cases[i]));
      for (const [k, v] of b.table) assert.equal(a.table.get(k), v, `${k} kept its value in ${JSON.stringify(cases[i]!.after)}`);
      assert.equal(a.table.get('IS_WINDOWS_AUTHENTICATION'), 'true', JSON.stringify(cases[i]!.after));
      for (const k of ['REPORTS_DB_NAME', 'ACT_DB_NAME']) assert.equal(a.table.get(k), '', `${k} in ${JSON.stringify(cases[i]!.after)}`);
    }
  });
});
