// One data-driven mocha suite per file kind: activation, exact diagnostics (rule id, range, severity),
// a quick fix through the code-action API (whole text compared after the edit), `ece.rules` off, a hover.
// Each suite/*.test.js describes its kind's case with a spec object (see 20-reportsdb.test.js).
'use strict';
const assert = require('assert');
const fs = require('fs');
const path = require('path');
const vscode = require('vscode');
const h = require('./helpers');

const SEVERITY = { error: 0, warning: 1, information: 2, hint: 3 };

/**
 * Kinds registered in the server's registry (server/src/service/kinds/index.ts, one line per kind). A kind missing
 * there fails its suite (nothing is skipped).
 */
function registeredKinds() {
  const f = path.join(__dirname, '..', '..', 'server', 'src', 'service', 'kinds', 'index.ts');
  if (!fs.existsSync(f)) return new Set();
  const text = fs.readFileSync(f, 'utf8');
  const ids = new Set();
  for (const m of text.matchAll(/from\s+['"]\.\/([a-z]+)\//g)) ids.add(m[1]);
  return ids;
}

/** Expected diagnostics → comparable strings `rule@l:c-l:c#severity`, ranges found by text in the document. */
function expected(doc, list) {
  return list.map((e) => {
    let from = 0;
    let r;
    for (let i = 0; i < (e.occurrence || 1); i++) { r = h.rangeOf(doc, e.text, from); from = doc.offsetAt(r.start) + 1; }
    return `${e.rule}@${h.fmtRange(r)}#${SEVERITY[e.severity]}`;
  }).sort();
}
const actual = (list, ignore) => list.filter((d) => !ignore.includes(h.ruleOf(d))).map((d) => `${h.ruleOf(d)}@${h.fmtRange(d.range)}#${d.severity}`).sort();

/** Waits until the document's diagnostics (minus `ignore`d rule ids) are exactly `want` (from expected()). */
function waitExactly(uri, want, ignore, what) {
  const w = want.join(', ');
  return h.waitForDiagnostics(uri, (l) => actual(l, ignore).join(', ') === w, what || `exactly [${w}]`);
}

/**
 * spec: {
 *   kind, title, file: [path parts under the test workspace],
 *   diagnostics: [{ rule, text, occurrence?, severity }]       exact, ranges located by text
 *   ignore?: [rule ids]                                         cross-file rules that depend on the other cases
 *   fix: { rule, title: RegExp, apply(before) => after, after: [{...}] }   diagnostics expected after the fix
 *   off: { rule }                                               diagnostics with this rule disappear, others stay
 *   hover: { text, occurrence?, delta?, expect: RegExp }        hover inside `text`
 * }
 */
function kindSuite(spec) {
  describe(`${spec.title} (${spec.kind})`, () => {
    it('the kind is registered in the server', () => {
      assert.ok(registeredKinds().has(spec.kind), `kind ${spec.kind} is missing from server/src/service/kinds/index.ts`);
    });
    const file = () => h.wsPath(...spec.file);
    const ignore = spec.ignore || [];

    afterEach(async () => {
      await h.closeAll();
      if (vscode.workspace.getConfiguration('ece').inspect('rules').workspaceValue !== undefined) await h.setRules(undefined);
    });

    it('activates on opening the file and reports the expected diagnostics with their rule ids and exact ranges', async () => {
      const { doc, uri } = await h.open(file());
      await h.poll(() => h.getExtension().isActive, 'the extension to activate');
      const list = await waitExactly(uri, expected(doc, spec.diagnostics), ignore);
      for (const x of list.filter((x) => !ignore.includes(h.ruleOf(x)))) {
        assert.ok(x.message && x.message.length > 10, `${h.ruleOf(x)} has a message`);
        assert.ok(x.code && typeof x.code === 'object' && /\.md$/.test(String(x.code.target)) && String(x.code.target).includes(h.ruleOf(x)),
          `${h.ruleOf(x)} links its doc page (got ${x.code && x.code.target})`);
      }
    });

    it(`quick fix for ${spec.fix.rule} changes the document as expected`, async () => {
      const { doc, uri } = await h.open(file());
      const before = doc.getText();
      const list = await waitExactly(uri, expected(doc, spec.diagnostics), ignore);
      const target = list.find((x) => h.ruleOf(x) === spec.fix.rule);
      const t0 = Date.now();
      const fixes = await h.quickFixesFor(uri, target);
      if (Date.now() - t0 > 5000) console.log(`      (code actions took ${Date.now() - t0} ms: another extension's provider, e.g. TypeScript's, was starting)`);
      const fix = fixes.find((a) => a.edit && spec.fix.title.test(a.title));
      assert.ok(fix, `quick fix ${spec.fix.title} offered; got: ${fixes.map((a) => a.title).join(' | ') || '(none)'}`);
      assert.ok(await vscode.workspace.applyEdit(fix.edit), 'workspace.applyEdit succeeded');
      assert.strictEqual(doc.getText(), spec.fix.apply(before), 'document text after the fix, byte for byte');
      await waitExactly(uri, expected(doc, spec.fix.after), ignore, 'the diagnostics after the fix');
    });

    it(`"${spec.off.rule}": "off" in ece.rules removes its diagnostics`, async () => {
      const { doc, uri } = await h.open(file());
      const all = expected(doc, spec.diagnostics);
      await waitExactly(uri, all, ignore);
      await h.setRules({ [spec.off.rule]: 'off' });
      await waitExactly(uri, all.filter((s) => !s.startsWith(spec.off.rule + '@')), ignore, `no ${spec.off.rule} after turning it off`);
      await h.setRules(undefined);
      await waitExactly(uri, all, ignore, `${spec.off.rule} back after removing the setting`);
    });

    it('answers a hover', async () => {
      const { doc, uri } = await h.open(file());
      await waitExactly(uri, expected(doc, spec.diagnostics), ignore);
      let from = 0;
      let r;
      for (let i = 0; i < (spec.hover.occurrence || 1); i++) { r = h.rangeOf(doc, spec.hover.text, from); from = doc.offsetAt(r.start) + 1; }
      const text = await h.hoverText(uri, r.start.translate(0, spec.hover.delta || 1));
      assert.match(text, spec.hover.expect, `hover on ${spec.hover.text}: ${JSON.stringify(text)}`);
    });

    if (spec.extra) spec.extra();
  });
}

module.exports = { kindSuite, registeredKinds, expected, waitExactly };
