import { describe, test, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { MarkupContent } from 'vscode-languageserver-types';
import { applyEdits } from '../../server/src/service/core/text';
import type { RegexRunner } from '../../server/src/service/core/types';
import { parseXml } from '../../server/src/service/parse/xml';
import { buildRestrictedWsname, SHIPPED_PERMISSIVE_WSNAME } from '../../server/src/service/parse/iisRegex';
import { webconfigKind, restrictFramingEdits } from '../../server/src/service/kinds/webconfig/kind';
import { buildWebconfigModel } from '../../server/src/service/kinds/webconfig/model';
import { WorkerRegexRunner } from '../../server/src/node/regexRunner';
import { applyFix, fmt, makeService, settings } from './helpers';

const URI = 'file:///C:/inetpub/wwwroot/ece/web.config';
const FIX = join(__dirname, '..', 'fixtures', 'webconfig');
const SHIPPED = SHIPPED_PERMISSIVE_WSNAME;
const GUIDE = 'wsname=((http[s]?)(:|%3A)(/|%2F)(/|%2F)([a-z0-9.]++)(domain1\\com|domain2\\com)(&amp;|%26|\\$))';
/** The guide's pattern with its copy-paste errors fixed: the guide's host part `([a-z0-9.]+)`. */
const FIXED = 'wsname=((http[s]?)(:|%3A)(/|%2F)(/|%2F)([a-z0-9.]+)(domain1\\.com|domain2\\.com)(&amp;|%26|\\$))';
/** What "ECE: Restrict Framing to Domains..." writes (raw attribute text). */
const BUILT = 'wsname=((http[s]?)(:|%3A)(/|%2F)(/|%2F)([a-z0-9-]+\\.)*(domain1\\.com|domain2\\.com)(&amp;|%26|\\$))';

function d(text: string, uri = URI): TextDocument {
  return TextDocument.create(uri, 'xml', 1, text);
}

/** `id@L:C-L:C` for a raw range of `text`. */
function at(text: string, id: string, start: number, end: number): string {
  const doc = d(text);
  const s = doc.positionAt(start);
  const e = doc.positionAt(end);
  return `${id}@${s.line}:${s.character}-${e.line}:${e.character}`;
}

function diags(text: string, raw: Record<string, unknown> = {}, uri = URI): string[] {
  const { service } = makeService();
  return service.diagnostics(d(text, uri), settings(raw)).map(fmt);
}

/** A CRLF web.config with a BOM and one outbound rule per pattern (raw attribute text). */
function webConfig(patterns: string[], opts: { bom?: boolean; eol?: string; extraRule?: string } = {}): string {
  const eol = opts.eol ?? '\r\n';
  const rules = patterns.map((p, i) => [
    `        <rule name="Frame ${i + 1}" preCondition="IsHtml">`,
    `          <match serverVariable="RESPONSE_X_FRAME_OPTIONS" pattern=".*" />`,
    `          <conditions>`,
    `            <add input="{QUERY_STRING}" pattern="${p}" />`,
    `          </conditions>`,
    `          <action type="Rewrite" value="" />`,
    `        </rule>`,
  ].join(eol));
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<configuration>',
    '  <system.webServer>',
    '    <rewrite>',
    ...(opts.extraRule ? ['      <rules>', opts.extraRule, '      </rules>'] : []),
    '      <outboundRules>',
    ...rules,
    '      </outboundRules>',
    '    </rewrite>',
    '  </system.webServer>',
    '</configuration>',
    '',
  ];
  return (opts.bom === false ? '' : '\ufeff') + lines.join(eol);
}

/** Raw offset of the n-th occurrence of `needle`. */
function nth(text: string, needle: string, n = 0, from = 0): number {
  let i = text.indexOf(needle, from);
  for (let k = 0; k < n; k++) i = text.indexOf(needle, i + 1);
  assert.ok(i >= 0, `${needle} #${n} not found`);
  return i;
}

const runner = new WorkerRegexRunner();
void after(() => runner.dispose());

void describe('webconfig: detection', () => {
  void test('claims only texts holding wsname=', () => {
    assert.equal(webconfigKind.claims!('<configuration/>'), false);
    assert.equal(webconfigKind.claims!(webConfig([SHIPPED])), true);
    assert.equal(webconfigKind.claims!('<add key="wsname" value="x"/>'), false);
  });

  void test('ten generic web.config files get no diagnostic at all', () => {
    const dir = join(FIX, 'clean');
    const names = readdirSync(dir).sort();
    assert.equal(names.length, 10);
    for (const n of names) {
      const text = readFileSync(join(dir, n), 'utf8');
      assert.deepEqual(diags(text), [], n);
      assert.equal(webconfigKind.claims!(text), false, n);
    }
    // One of them has a BOM, one is not well-formed, one has an IIS-invalid pattern (not a wsname= one).
    const texts = names.map((n) => readFileSync(join(dir, n), 'utf8'));
    assert.ok(texts.some((t) => t.charCodeAt(0) === 0xfeff));
    assert.ok(texts.some((t) => !parseXml(t).model.wellFormed));
  });

  void test('wsname= outside any rule pattern: parsed, but still nothing reported', () => {
    const text = '<configuration>\r\n  <!-- wsname= rules go here -->\r\n  <appSettings><add key="x" value="wsname=abc" /></appSettings>\r\n  <broken>\r\n</configuration>\r\n';
    assert.equal(webconfigKind.claims!(text), true);
    assert.deepEqual(diags(text), []);
  });

  void test('a broken file with a wsname= rule still reports the XML error', () => {
    const text = webConfig([SHIPPED]).replace('</outboundRules>', '</outboundRulez>');
    assert.ok(diags(text).some((x) => x.startsWith('xml/not-well-formed@')));
  });

  void test('sites: outbound first, inbound, then preconditions; patternSyntax and ignoreCase', () => {
    const text = [
      '<configuration><system.webServer><rewrite>',
      `<rules><rule name="In" patternSyntax="Wildcard"><match url="*${SHIPPED}*" /></rule></rules>`,
      `<outboundRules><rule name="Out"><match serverVariable="X" pattern="${SHIPPED}" ignoreCase="false" /></rule>`,
      `<preConditions><preCondition name="P"><add input="{QUERY_STRING}" pattern="${SHIPPED}" /></preCondition></preConditions>`,
      '</outboundRules></rewrite></system.webServer></configuration>',
    ].join('\n');
    const m = buildWebconfigModel(parseXml(text).model);
    assert.deepEqual(m.sites.map((s) => [s.section, s.ruleName, s.patternSyntax, s.isRegex, s.ignoreCase, s.attribute.name]), [
      ['outbound', 'Out', 'ECMAScript', true, false, 'pattern'],
      ['inbound', 'In', 'Wildcard', false, true, 'url'],
      ['precondition', 'P', 'ECMAScript', true, true, 'pattern'],
    ]);
    // The Wildcard one is not checked as a regular expression, and the precondition does not write the framing
    // header: only the outbound rule's pattern is framing policy.
    const ds = diags(text);
    const outLine = text.split('\n')[2]!;
    const col = outLine.indexOf(`pattern="${SHIPPED}`) + 'pattern="'.length;
    assert.deepEqual(ds.filter((x) => x.startsWith('webconfig/framing')), [`webconfig/framing-allowed-from-any-domain@2:${col}-2:${col + SHIPPED.length}`]);
  });
});

void describe('webconfig/framing-allowed-from-any-domain', () => {
  const text = readFileSync(join(FIX, 'ece-site-web.config'), 'utf8');

  void test('the realistic ECE web.config: every shipped pattern reported at its exact range', () => {
    assert.ok(text.includes('\r\n'));
    const expected = [0, 1, 2, 3].map((n) => {
      const s = nth(text, SHIPPED, n);
      return at(text, 'webconfig/framing-allowed-from-any-domain', s, s + SHIPPED.length);
    });
    assert.deepEqual(diags(text), expected);
  });

  void test('no fix without the setting; with it one fix restricts every occurrence', () => {
    const { service } = makeService();
    const a = service.analyze(d(text), settings())!;
    assert.deepEqual(a.findings.map((f) => f.fixes.length), [0, 0, 0, 0]);
    assert.match(a.findings[0]!.message, /ece\.clickjacking\.allowedDomains/);
    const s = { clickjacking: { allowedDomains: ['Domain1.com', 'domain2.com'] } };
    const after = applyFix(text, 'webconfig/framing-allowed-from-any-domain', { uri: URI, settings: s });
    const restricted = buildRestrictedWsname(['domain1.com', 'domain2.com']).replace(/&/g, '&amp;');
    assert.equal(after, text.split(SHIPPED).join(restricted));
    assert.deepEqual(diags(after), []);
    const b = service.analyze(d(text), settings(s))!;
    assert.match(b.findings[0]!.fixes[0]!.title, /domain1\.com, domain2\.com \(all 4 wsname= patterns\)/);
    assert.equal(b.findings[0]!.fixes[0]!.safe, false);
  });

  void test('an invalid setting offers no fix and says why', () => {
    const { service } = makeService();
    const a = service.analyze(d(text), settings({ clickjacking: { allowedDomains: ['https://finesse.domain1.com/'] } }))!;
    assert.equal(a.findings[0]!.fixes.length, 0);
    assert.match(a.findings[0]!.message, /cannot be used/);
  });

  void test('restrictFramingEdits: the command', () => {
    const model = webconfigKind.parse(d(text)).model;
    assert.deepEqual(restrictFramingEdits(model, 'nope'), { error: '"nope" is not a domain name: it needs at least one dot (like "domain1.com").' });
    assert.ok('error' in (restrictFramingEdits(model, '') as object));
    const edits = restrictFramingEdits(model, 'domain1.com, domain2.com');
    assert.ok(Array.isArray(edits));
    assert.equal(edits.length, 4);
    const after = applyEdits(text, edits);
    assert.equal(after, text.split(SHIPPED).join(BUILT));
    // A file written entirely by the command has nothing left to report.
    assert.deepEqual(diags(after), []);
    // Idempotent: nothing left to change.
    assert.deepEqual(restrictFramingEdits(webconfigKind.parse(d(after)).model, ['domain1.com', 'domain2.com']), []);
    const none = webconfigKind.parse(d('<configuration/>')).model;
    assert.deepEqual(restrictFramingEdits(none, 'a.com'), { error: 'This file has no wsname= pattern.' });
  });
});

void describe("the guide's printed pattern", () => {
  // Entities inside the value: `&#x2F;` for one slash and `&amp;` in the terminator.
  const pattern = GUIDE.replace('(/|%2F)(/|%2F)', '(&#x2F;|%2F)(/|%2F)');
  const text = webConfig([pattern]);

  void test('gets both errors at their exact raw offsets', () => {
    const pp = nth(text, '++');
    const c1 = nth(text, '\\com');
    const c2 = nth(text, '\\com', 1);
    assert.deepEqual(diags(text), [
      at(text, 'webconfig/invalid-pattern', pp, pp + 2),
      at(text, 'webconfig/escaped-letter-in-domain', c1, c1 + 2),
      at(text, 'webconfig/escaped-letter-in-domain', c2, c2 + 2),
    ]);
  });

  void test('fixes: ++ → + and \\c → \\.c, byte for byte (BOM, CRLF kept)', () => {
    const s1 = applyFix(text, 'webconfig/invalid-pattern', { uri: URI });
    assert.equal(s1, text.replace('++', '+'));
    const s2 = applyFix(text, 'webconfig/escaped-letter-in-domain', { uri: URI, nth: 1 });
    assert.equal(s2, text.replace('domain2\\com', 'domain2\\.com'));
    let fixed = text;
    for (let k = 0; k < 3; k++) {
      const { service } = makeService();
      const edits = service.fixAllEdits(d(fixed), settings());
      fixed = applyEdits(fixed, edits);
    }
    assert.equal(fixed, webConfig([FIXED.replace('(/|%2F)(/|%2F)', '(&#x2F;|%2F)(/|%2F)')]));
    assert.deepEqual(diags(fixed), []);
    assert.ok(fixed.startsWith('\ufeff<?xml'));
  });

  void test('the fixed pattern, run: finesse.domain1.com allowed, look-alikes refused', async () => {
    const src = FIXED.replace('&amp;', '&');
    const urls = ['https://finesse.domain1.com', 'https://domain1.com.evil.example', 'https://evil.example/?x=domain1.com'];
    const r = await runner.test(src, 'i', urls.map((u) => `wsname=${u}&`), 5000);
    assert.deepEqual(r, { timedOut: false, results: [true, false, false] });
  });
});

void describe('domain rules with entities in the value', () => {
  void test('a backslash written as &#92; is found and fixed', () => {
    const p = FIXED.replace('domain1\\.com', 'domain1&#92;com');
    const text = webConfig([p]);
    const s = nth(text, '&#92;c');
    assert.deepEqual(diags(text), [at(text, 'webconfig/escaped-letter-in-domain', s, s + 6)]);
    assert.equal(applyFix(text, 'webconfig/escaped-letter-in-domain', { uri: URI }), text.replace('&#92;com', '\\.com'));
  });

  void test('webconfig/unescaped-dot-in-domain', () => {
    const p = FIXED.replace('(/|%2F)', '(&#47;|%2F)').replace('domain1\\.com|domain2\\.com', 'domain1.com|sub.domain2\\.com');
    const text = webConfig([p], { bom: false });
    const d1 = nth(text, 'domain1.com') + 7;
    const d2 = nth(text, 'sub.domain2') + 3;
    assert.deepEqual(diags(text), [
      at(text, 'webconfig/unescaped-dot-in-domain', d1, d1 + 1),
      at(text, 'webconfig/unescaped-dot-in-domain', d2, d2 + 1),
    ]);
    assert.equal(applyFix(text, 'webconfig/unescaped-dot-in-domain', { uri: URI, nth: 1 }), text.replace('sub.domain2', 'sub\\.domain2'));
    const { service } = makeService();
    const [m1, m2] = service.analyze(d(text), settings())!.findings.map((f) => f.message);
    // the dot before the top-level label: small risk, said as such
    assert.match(m1!, /"domain1xcom" would pass as well; as a host name that needs a top-level domain of that name, so the risk is small/);
    // a dot before a registrable label: a different domain anybody can register
    assert.match(m2!, /a different registrable name such as "subxdomain2\.com" is allowed too/);
  });

  void test('webconfig/unescaped-dot-in-domain: a multi-label domain (partner.co.uk) is the real risk', () => {
    const p = FIXED.replace('domain1\\.com|domain2\\.com', 'partner.co\\.uk');
    const text = webConfig([p], { bom: false });
    const dot = nth(text, 'partner.co') + 7;
    assert.deepEqual(diags(text), [at(text, 'webconfig/unescaped-dot-in-domain', dot, dot + 1)]);
    const { service } = makeService();
    assert.match(service.analyze(d(text), settings())!.findings[0]!.message, /such as "partnerxco\.uk" is allowed too/);
  });

  void test('framing rules concern outbound rules only: wsname= in an inbound rule or a comment is not framing policy', () => {
    const inbound = `        <rule name="In"><match url=".*" /><conditions><add input="{QUERY_STRING}" pattern="${SHIPPED}" /></conditions></rule>`;
    const text = webConfig([FIXED], { bom: false, extraRule: inbound }).replace('<outboundRules>', `<outboundRules>\r\n        <!-- old: ${SHIPPED} -->`);
    assert.deepEqual(diags(text), []);
    const m = buildWebconfigModel(parseXml(text).model);
    assert.deepEqual(m.sites.map((x) => x.section), ['outbound', 'inbound']);
    // the restrict command leaves the inbound rule alone
    const edits = restrictFramingEdits(m, ['example.com']);
    assert.ok(Array.isArray(edits));
    assert.equal(applyEdits(text, edits).split(SHIPPED).length - 1, text.split(SHIPPED).length - 1);
  });

  void test('webconfig/domain-list-not-terminated', () => {
    const p = 'wsname=((http[s]?)(:|%3A)(/|%2F)(&#x2F;|%2F)([a-z0-9.]+)(domain1\\.com|domain2\\.com))';
    const text = webConfig([p]);
    const g = nth(text, '(domain1');
    const ge = nth(text, 'com))') + 4;
    assert.deepEqual(diags(text), [at(text, 'webconfig/domain-list-not-terminated', g, ge)]);
    const fixed = applyFix(text, 'webconfig/domain-list-not-terminated', { uri: URI });
    assert.equal(fixed, text.replace('com))', 'com)(&amp;|%26|\\$))'));
    assert.deepEqual(diags(fixed), []);
  });

  void test('webconfig/invalid-pattern: lookbehind, named group, atomic group, syntax error, with entities before them', () => {
    const p = '(?>y)' + FIXED.replace('([a-z0-9.]+)', '(?&lt;=x)(?&lt;h&gt;[a-z0-9.]+)');
    const text = webConfig([p]);
    const lb = nth(text, '(?&lt;=');
    const ng = nth(text, '(?&lt;h&gt;');
    const ag = nth(text, '(?>');
    assert.deepEqual(diags(text), [
      at(text, 'webconfig/invalid-pattern', ag, ag + 3),
      at(text, 'webconfig/invalid-pattern', lb, lb + 7),
      at(text, 'webconfig/invalid-pattern', ng, ng + 11),
    ]);
    assert.equal(applyFix(text, 'webconfig/invalid-pattern', { uri: URI, nth: 2 }), text.replace('(?&lt;h&gt;', '('));
    const bad = webConfig([FIXED.replace('(&amp;|%26|\\$))', '(&amp;|%26|\\$)')]);
    const open = nth(bad, 'wsname=((') + 7;
    assert.deepEqual(diags(bad).filter((x) => x.startsWith('webconfig/invalid')), [at(bad, 'webconfig/invalid-pattern', open, open + 1)]);
  });

  void test('patternSyntax Wildcard or ExactMatch: not checked', () => {
    for (const syntax of ['Wildcard', 'ExactMatch']) {
      const text = webConfig([GUIDE]).replace('preCondition="IsHtml"', `patternSyntax="${syntax}"`);
      assert.deepEqual(diags(text), [], syntax);
    }
  });
});

void describe('webconfig/inconsistent-wsname-rules', () => {
  void test('differing occurrences reported; fix applies the first restricted pattern to all of them', () => {
    const other = FIXED.replace('domain1\\.com|domain2\\.com', 'domain3\\.org');
    const text = webConfig([SHIPPED, FIXED, other, FIXED.replace('domain1\\.com|domain2\\.com', 'domain2\\.com|DOMAIN1\\.com')]);
    const s0 = nth(text, SHIPPED);
    const s2 = nth(text, other);
    assert.deepEqual(diags(text), [
      at(text, 'webconfig/framing-allowed-from-any-domain', s0, s0 + SHIPPED.length),
      at(text, 'webconfig/inconsistent-wsname-rules', s0, s0 + SHIPPED.length),
      at(text, 'webconfig/inconsistent-wsname-rules', s2, s2 + other.length),
    ]);
    const fixed = applyFix(text, 'webconfig/inconsistent-wsname-rules', { uri: URI });
    assert.equal(fixed, text.replace(SHIPPED, FIXED).replace(other, FIXED));
    assert.deepEqual(diags(fixed), []);
    const { service } = makeService();
    const f = service.analyze(d(text), settings())!.findings.find((x) => x.ruleId === 'webconfig/inconsistent-wsname-rules')!;
    assert.match(f.message, /allows any domain, but the one on line 16 allows domain1\.com, domain2\.com/);
    assert.equal(f.fixes[0]!.edits.length, 2);
  });

  void test('all the same: nothing', () => {
    assert.deepEqual(diags(webConfig([FIXED, FIXED.replace('domain1\\.com|domain2\\.com', 'domain2\\.com|domain1\\.com')])), []);
  });

  void test("the guide's shape and ours compare by domains: a file in either shape, or both mixed, is clean", () => {
    assert.deepEqual(diags(webConfig([FIXED, FIXED, FIXED, FIXED])), []);
    assert.deepEqual(diags(webConfig([BUILT, BUILT, BUILT, BUILT])), []);
    assert.deepEqual(diags(webConfig([FIXED, BUILT, BUILT.replace('domain1\\.com|domain2\\.com', 'DOMAIN2\\.com|domain1\\.com'), FIXED], { bom: false, eol: '\n' })), []);
  });

  void test('mixed shapes with different domains: reported by domains; the fix copies the reference pattern as written', () => {
    const other = FIXED.replace('domain1\\.com|domain2\\.com', 'domain3\\.org');
    const text = webConfig([SHIPPED, BUILT, other, FIXED]);
    const s0 = nth(text, SHIPPED);
    const s2 = nth(text, other);
    assert.deepEqual(diags(text), [
      at(text, 'webconfig/framing-allowed-from-any-domain', s0, s0 + SHIPPED.length),
      at(text, 'webconfig/inconsistent-wsname-rules', s0, s0 + SHIPPED.length),
      at(text, 'webconfig/inconsistent-wsname-rules', s2, s2 + other.length),
    ]);
    const fixed = applyFix(text, 'webconfig/inconsistent-wsname-rules', { uri: URI });
    assert.equal(fixed, text.replace(SHIPPED, BUILT).replace(other, BUILT));
    assert.deepEqual(diags(fixed), []);
    const { service } = makeService();
    const f = service.analyze(d(text), settings())!.findings.find((x) => x.ruleId === 'webconfig/inconsistent-wsname-rules')!;
    assert.match(f.message, /allows any domain, but the one on line 16 allows domain1\.com, domain2\.com/);
  });
});

void describe('webconfig hover', () => {
  const hover = async (text: string, needle: string, host: { regexRunner?: RegexRunner } = { regexRunner: runner }) => {
    const { service, logs } = makeService(host);
    const doc = d(text);
    const h = await service.hover(doc, doc.positionAt(nth(text, needle) + 2), settings());
    assert.deepEqual(logs, []);
    return h ? { value: (h.contents as MarkupContent).value, range: h.range! } : null;
  };

  void test('restricted: domains plus one allowed and one refused sample, found by running the pattern', async () => {
    const text = webConfig([FIXED]);
    const h = (await hover(text, 'wsname='))!;
    assert.match(h.value, /- `domain1\.com`\n- `domain2\.com`/);
    assert.match(h.value, /allowed: `https:\/\/finesse\.domain1\.com`/);
    assert.match(h.value, /refused: `https:\/\/domain1\.com\.evil\.example`/);
    const s = d(text).positionAt(nth(text, FIXED));
    assert.deepEqual(h.range.start, s);
  });

  void test('an unterminated or dotted domain list: the run finds a look-alike that passes', async () => {
    const p = 'wsname=((http[s]?)(:|%3A)(/|%2F)(/|%2F)([a-z0-9.]+)(domain1\\.com|domain2\\.com))';
    const h = (await hover(webConfig([p]), 'wsname='))!;
    assert.match(h.value, /also allowed, although it is not one of your domains:\*\* `https:\/\/www\.domain1\.com\.evil\.example`/);
    const dotted = (await hover(webConfig([FIXED.replace('domain1\\.com', 'domain1.com')]), 'wsname='))!;
    assert.match(dotted.value, /also allowed, although it is not one of your domains:\*\* `https:\/\/www\.domain1xcom`/);
    assert.doesNotMatch((await hover(webConfig([BUILT]), 'wsname='))!.value, /also allowed/);
  });

  void test("the guide's host part: says evil<domain> passes, the bare domain is refused, and what the command writes", async () => {
    const h = (await hover(webConfig([FIXED]), 'wsname='))!;
    assert.match(h.value, /Allowed parent domains \(any host name whose text ends in one of them, dot in front or not\):/);
    assert.match(h.value, /- allowed: `https:\/\/finesse\.domain1\.com`\n- refused: `https:\/\/domain1\.com` \(the domain itself: this pattern wants a host name in front of it\)\n- refused: `https:\/\/domain1\.com\.evil\.example`/);
    assert.match(h.value, /also allowed, although it is not one of your domains:\*\* `https:\/\/evildomain1\.com`/);
    const note = h.value.split('\n').find((l) => l.startsWith('**Too wide:**'));
    assert.equal(note, '**Too wide:** the host part `([a-z0-9.]+)` does not require a dot in front of the domain, so `https://evildomain1.com` ' +
      '(a different domain that anybody can register) may frame ECE too. **ECE: Restrict Framing to Domains...** writes ' +
      '`([a-z0-9-]+\\.)*` there instead: it allows `domain1.com` itself and the host names under it, and nothing else.');
    // Unterminated as well: both look-alikes are listed, the note still comes.
    const open = (await hover(webConfig([FIXED.replace('(&amp;|%26|\\$)', '')]), 'wsname='))!;
    assert.match(open.value, /also allowed, although it is not one of your domains:\*\* `https:\/\/www\.domain1\.com\.evil\.example`, `https:\/\/evildomain1\.com`\n/);
    assert.match(open.value, /\*\*Too wide:\*\*/);
    // Without a runner the note is still given for the guide's host part (a static judgement).
    const noRun = (await hover(webConfig([FIXED]), 'wsname=', {}))!;
    assert.match(noRun.value, /not computed here/);
    assert.match(noRun.value, /\*\*Too wide:\*\* the host part `\(\[a-z0-9\.\]\+\)`.*`https:\/\/evildomain1\.com`/);
    // Not for the guide's broken domains (nothing passes there), nor for a permissive pattern.
    assert.doesNotMatch((await hover(webConfig([GUIDE.replace('++', '+')]), 'wsname='))!.value, /Too wide/);
    assert.doesNotMatch((await hover(webConfig([SHIPPED]), 'wsname='))!.value, /Too wide/);
    // A host part not recognised statically: the run decides, and a long one is not quoted.
    const odd = FIXED.replace('([a-z0-9.]+)', '([a-z0-9.]{1,63}' + '|yy'.repeat(30) + ')');
    const oddHover = (await hover(webConfig([odd]), 'wsname='))!;
    assert.match(oddHover.value, /\*\*Too wide:\*\* the host part does not require a dot in front of the domain, so `https:\/\/evildomain1\.com`/);
    assert.doesNotMatch((await hover(webConfig([odd]), 'wsname=', {}))!.value, /Too wide/);
  });

  void test('our built pattern: the bare domain is listed as allowed, no look-alike passes, no note', async () => {
    const h = (await hover(webConfig([BUILT]), 'wsname='))!;
    assert.match(h.value, /Allowed parent domains \(each domain itself and every host name under it\):\n- `domain1\.com`\n- `domain2\.com`/);
    assert.match(h.value, /- allowed: `https:\/\/finesse\.domain1\.com`\n- allowed: `https:\/\/domain1\.com` \(the domain itself\)\n- refused: `https:\/\/domain1\.com\.evil\.example`/);
    assert.doesNotMatch(h.value, /also allowed|Too wide|evildomain1/);
    assert.doesNotMatch((await hover(webConfig([BUILT]), 'wsname=', {}))!.value, /Too wide/);
  });

  void test('permissive: says any domain, and no refused sample exists', async () => {
    const h = (await hover(webConfig([SHIPPED]), 'wsname='))!;
    assert.match(h.value, /\*\*any\*\* parent domain \(this is the pattern ECE ships\)/);
    assert.match(h.value, /refused: none of/);
  });

  void test('broken domains: the run shows nothing is allowed', async () => {
    const h = (await hover(webConfig([GUIDE.replace('++', '+')]), 'wsname='))!;
    assert.match(h.value, /broken: a backslash before a letter is not a dot/);
    assert.match(h.value, /allowed: none of/);
  });

  void test('time-out, errors, no runner, ignoreCase and patternSyntax are said', async () => {
    const calls: string[] = [];
    const slow: RegexRunner = { test: (_s, flags, inputs) => { calls.push(flags); return Promise.resolve({ timedOut: true, results: inputs.map(() => false) }); } };
    const text = webConfig([FIXED]).replace('pattern="wsname', 'ignoreCase="false" pattern="wsname');
    const h1 = (await hover(text, 'wsname=', { regexRunner: slow }))!;
    assert.match(h1.value, /took longer than 500 ms and was stopped/);
    assert.match(h1.value, /ignoreCase="false"/);
    assert.deepEqual(calls, ['']);
    assert.match((await hover(webConfig([GUIDE]), 'wsname='))!.value, /not computed until the pattern errors are fixed/);
    assert.match((await hover(webConfig([FIXED]), 'wsname=', {}))!.value, /not computed here/);
    const wild = webConfig([FIXED]).replace('preCondition="IsHtml"', 'patternSyntax="Wildcard"');
    assert.match((await hover(wild, 'wsname='))!.value, /patternSyntax="Wildcard"/);
    assert.equal(await hover(webConfig([FIXED]), 'RESPONSE_X_FRAME'), null);
    const failing = { test: () => Promise.resolve({ timedOut: false, results: [], error: 'boom' }) } as RegexRunner;
    assert.match((await hover(webConfig([FIXED]), 'wsname=', { regexRunner: failing }))!.value, /could not be run \(boom\)/);
  });
});

void describe('webconfig: robustness', () => {
  void test('random edits of the ECE web.config never throw; ranges and fix edits stay in bounds', () => {
    const base = readFileSync(join(FIX, 'ece-site-web.config'), 'utf8');
    let seed = 12345;
    const rnd = (n: number) => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    const alphabet = ['(', ')', '[', ']', '\\', '+', '*', '?', '{', '}', '|', '.', '&', '&amp;', '&#x2F;', '"', '<', '>', '=', 'wsname=', 'a', ' ', '\r\n'];
    const s = settings({ clickjacking: { allowedDomains: ['domain1.com'] } });
    // The engine catches a throwing rule and logs it, so "never throws" means: nothing logged.
    const { service, logs } = makeService();
    let analysed = 0;
    for (let k = 0; k < 300; k++) {
      let text = base;
      for (let e = 0; e < 1 + rnd(6); e++) {
        const where = nth(text, 'wsname=', rnd(4)) + rnd(60);
        text = rnd(2) ? text.slice(0, where) + alphabet[rnd(alphabet.length)] + text.slice(where) : text.slice(0, where) + text.slice(where + 1 + rnd(3));
      }
      const a = service.analyze(TextDocument.create(URI, 'xml', k + 1, text), s);
      if (a?.kind === 'webconfig') analysed++;
      for (const f of a?.findings ?? []) {
        assert.ok(f.start >= 0 && f.start <= f.end && f.end <= text.length, `${f.ruleId} out of bounds`);
        for (const fix of f.fixes) {
          const sorted = [...fix.edits].sort((x, y) => x.start - y.start);
          sorted.forEach((ed, i) => {
            assert.ok(ed.start >= 0 && ed.start <= ed.end && ed.end <= text.length);
            if (i > 0) assert.ok(sorted[i - 1]!.end <= ed.start, 'overlapping edits');
          });
        }
      }
    }
    assert.deepEqual(logs, [], 'a parser or rule threw');
    assert.equal(analysed, 300, 'every mutated file was analysed as a web.config');
  });
});

void describe('webconfig symbols', () => {
  void test('one symbol per wsname= pattern with what it allows', () => {
    const text = webConfig([SHIPPED, FIXED]);
    const { service } = makeService();
    const syms = service.symbols(d(text), settings());
    assert.deepEqual(syms.map((x) => [x.name, x.detail]), [
      ['wsname= in outbound rule "Frame 1"', 'any parent domain'],
      ['wsname= in outbound rule "Frame 2"', 'domain1.com, domain2.com'],
    ]);
    const s = nth(text, FIXED);
    assert.deepEqual(syms[1]!.selectionRange, { start: d(text).positionAt(s), end: d(text).positionAt(s + FIXED.length) });
  });
});
