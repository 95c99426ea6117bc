import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { normalizeSettings } from '../../server/src/service/core/settings';
import { applyEdits } from '../../server/src/service/core/text';
import { makeService } from './helpers';
import { seededRandom as rng } from './random';


const PIECES = ['<', '>', '&', '"', "'", '/', '\r\n', ' ', '\t', 'x', '&amp;', '<!--', '-->', '<gadget>', '</gadget>', '`', '${', ';', '=', '\\', '\uFEFF'];

function mutate(text: string, r: () => number): string {
  let t = text;
  const n = 1 + Math.floor(r() * 4);
  for (let k = 0; k < n; k++) {
    const at = Math.floor(r() * (t.length + 1));
    if (r() < 0.4) t = t.slice(0, at) + t.slice(Math.min(t.length, at + 1 + Math.floor(r() * 20)));
    else t = t.slice(0, at) + PIECES[Math.floor(r() * PIECES.length)]! + t.slice(at);
  }
  return t;
}

const FIX = join(__dirname, '..', 'fixtures');
const CASES = [
  { name: 'Finesse layout', uri: 'file:///C:/ECE/eService/templates/finesse/gadget/layout/agent.xml', text: readFileSync(join(FIX, 'finesse', 'default-layout.xml'), 'utf8') },
  { name: 'ece_config.js', uri: 'file:///C:/ECE/eService/templates/finesse/gadget/agent/ece_config.js', text: readFileSync(join(FIX, 'ecejs', 'ece_config.js'), 'utf8') },
];

void describe('finesse and ecejs never throw and keep their ranges inside the text', () => {
  for (const c of CASES) {
    void test(`${c.name}: 200 seeded mutations`, () => {
      const r = rng(0xece);
      const settings = normalizeSettings({ loadBalancerHost: 'lb.example.com', solve: { contextRoot: 'kb' } });
      const { service, logs } = makeService();
      let analysed = 0;
      let findings = 0;
      for (let i = 0; i < 200; i++) {
        const text = mutate(c.text, r);
        const a = service.analyze(TextDocument.create(c.uri, 'any', i + 1, text), settings);
        if (!a) continue; // e.g. the root element was damaged so the file is no longer claimed
        analysed++;
        findings += a.findings.length;
        for (const f of a.findings) {
          assert.ok(f.start >= 0 && f.start <= f.end && f.end <= text.length, `${f.ruleId} range ${f.start}-${f.end} in ${text.length}`);
          for (const fix of f.fixes) {
            const sorted = [...fix.edits].sort((x, y) => x.start - y.start);
            for (let k = 0; k < sorted.length; k++) {
              const e = sorted[k]!;
              assert.ok(e.start >= 0 && e.start <= e.end && e.end <= text.length, `${f.ruleId} edit out of range`);
              if (k > 0) assert.ok(sorted[k - 1]!.end <= e.start, `${f.ruleId} overlapping edits`);
            }
            applyEdits(text, fix.edits);
          }
        }
      }
      assert.deepEqual(logs, [], 'a parser or rule threw');
      // Most mutations keep the file claimed (a layout is claimed by its root element), and most break something:
      // a run that analysed nothing would have checked nothing.
      assert.ok(analysed >= 180, `${analysed} of 200 analysed`);
      assert.ok(findings >= 200, `${findings} findings on ${analysed} broken files`);
    });
  }
});
