/**
 * The position-keeping XML scanner (`server/src/service/parse/xml.ts`): exact raw ranges, decoded values
 * mapped back to raw offsets, recovery after errors, exactly one `xml/not-well-formed` per broken file at
 * the right line and column, and no crash on huge, deep or binary input.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  XML_NOT_WELL_FORMED,
  allElements,
  attr,
  childNamed,
  decodeXml,
  elementAt,
  elementText,
  parseXml,
  type XmlElement,
} from '../../server/src/service/parse/xml';
import type { DecodedText } from '../../server/src/service/core/text';
import { diagnose, doc, fmt, makeService, settings } from './helpers';

/** Raw offsets of every decoded character plus the end. */
const rawMap = (d: DecodedText): number[] => Array.from({ length: d.text.length + 1 }, (_, i) => d.toRaw(i));
const slice = (text: string, s: number, e: number) => text.slice(s, e);
/** The one problem of a text as `[start, end, 'line:col']` (0-based, LSP positions). */
function only(text: string): [number, number, string] {
  const { problems } = parseXml(text);
  assert.equal(problems.length, 1, `expected exactly one problem, got ${JSON.stringify(problems)}`);
  const p = problems[0]!;
  assert.equal(p.ruleId, XML_NOT_WELL_FORMED);
  const pos = TextDocument.create('file:///x.xml', 'xml', 1, text).positionAt(p.start);
  return [p.start, p.end, `${pos.line}:${pos.character}`];
}
const names = (els: XmlElement[]) => els.map((e) => e.name);

/** A realistic pool file: BOM, XML declaration, CRLF, tabs, comments, egid attributes, entities, CDATA. */
const SAMPLE =
  '\uFEFF<?xml version="1.0" encoding="UTF-8"?>\r\n' +
  '<!-- pools -->\r\n' +
  '<conn_pool_list egid="3000" note="a &amp; b">\r\n' +
  "\t<connpool egid='3020' name=\"P&lt;1&#38;&#x26;\">\r\n" +
  '\t\t<Url egid="3028">jdbc:sqlserver://h:1433;a=1&amp;b<![CDATA[;x=<&>]]>;c=2</Url>\r\n' +
  '\t\t<User/>\r\n' +
  '\t</connpool>\r\n' +
  '</conn_pool_list>\r\n';

void describe('xml scanner: exact ranges', () => {
  const { model, problems } = parseXml(SAMPLE);
  const root = model.roots[0]!;
  const pool = root.children[0]!;
  const url = childNamed(pool, 'url')!;
  const user = childNamed(pool, 'User')!;

  void test('well formed, one root, BOM recorded, comment range and text', () => {
    assert.deepEqual(problems, []);
    assert.equal(model.wellFormed, true);
    assert.equal(model.hasBom, true);
    assert.deepEqual(names(model.roots), ['conn_pool_list']);
    assert.deepEqual(names([...allElements(model)]), ['conn_pool_list', 'connpool', 'Url', 'User']);
    assert.equal(model.comments.length, 1);
    const c = model.comments[0]!;
    assert.equal(slice(SAMPLE, c.start, c.end), '<!-- pools -->');
    assert.equal(c.text, ' pools ');
  });

  void test('element name, start, start-tag end, content and end ranges', () => {
    assert.equal(root.start, SAMPLE.indexOf('<conn_pool_list'));
    assert.equal(slice(SAMPLE, root.nameStart, root.nameEnd), 'conn_pool_list');
    assert.equal(slice(SAMPLE, root.start, root.startTagEnd), '<conn_pool_list egid="3000" note="a &amp; b">');
    assert.equal(root.end, SAMPLE.lastIndexOf('>') + 1);
    assert.equal(slice(SAMPLE, root.contentEnd, root.end), '</conn_pool_list>');
    assert.equal(root.closed, true);
    assert.equal(root.selfClosing, false);
    assert.equal(root.parent, undefined);
    assert.equal(pool.parent, root);

    assert.equal(slice(SAMPLE, url.nameStart, url.nameEnd), 'Url');
    assert.equal(slice(SAMPLE, url.contentStart, url.contentEnd), 'jdbc:sqlserver://h:1433;a=1&amp;b<![CDATA[;x=<&>]]>;c=2');
    assert.equal(slice(SAMPLE, url.start, url.end), '<Url egid="3028">jdbc:sqlserver://h:1433;a=1&amp;b<![CDATA[;x=<&>]]>;c=2</Url>');

    assert.equal(user.selfClosing, true);
    assert.equal(user.closed, true);
    assert.equal(slice(SAMPLE, user.start, user.end), '<User/>');
    assert.equal(user.startTagEnd, user.end);
    assert.equal(user.contentStart, user.contentEnd);
  });

  void test('attribute name and value ranges (inside the quotes), both quote kinds', () => {
    const egid = attr(pool, 'EGID')!; // attr() is case-insensitive
    assert.equal(slice(SAMPLE, egid.nameStart, egid.nameEnd), 'egid');
    assert.equal(slice(SAMPLE, egid.valueStart, egid.valueEnd), '3020');
    assert.equal(SAMPLE[egid.valueStart - 1], "'");
    assert.equal(SAMPLE[egid.valueEnd], "'");
    assert.equal(egid.quote, "'");
    const name = attr(pool, 'name')!;
    assert.equal(name.quote, '"');
    assert.equal(slice(SAMPLE, name.valueStart, name.valueEnd), 'P&lt;1&#38;&#x26;');
  });

  void test('decoded attribute values: &amp; &lt; &#38; &#x26; mapped back to raw offsets', () => {
    const name = attr(pool, 'name')!;
    assert.equal(name.value.text, 'P<1&&');
    const s = name.valueStart;
    // P at s, '<' from '&lt;' at s+1, '1' at s+5, '&' from '&#38;' at s+6, '&' from '&#x26;' at s+11, end after the quote content
    assert.deepEqual(rawMap(name.value), [s, s + 1, s + 5, s + 6, s + 11, name.valueEnd]);
    const note = attr(root, 'note')!;
    assert.equal(note.value.text, 'a & b');
    assert.deepEqual(rawMap(note.value), [0, 1, 2, 7, 8, 9].map((x) => note.valueStart + x));
  });

  void test('decoded element text: entities and CDATA, each character back to its raw offset', () => {
    const d = elementText(model, url);
    assert.equal(d.text, 'jdbc:sqlserver://h:1433;a=1&b;x=<&>;c=2');
    const amp = SAMPLE.indexOf('&amp;b');
    const cdataBody = SAMPLE.indexOf(';x=<&>');
    assert.equal(d.toRaw(0), url.contentStart);
    assert.equal(d.toRaw(d.text.indexOf('&')), amp);
    assert.equal(d.toRaw(d.text.indexOf('b;')), amp + 5);
    assert.equal(d.toRaw(d.text.indexOf(';x')), cdataBody);
    assert.equal(d.toRaw(d.text.indexOf('<')), cdataBody + 3);
    assert.equal(d.toRaw(d.text.indexOf(';c')), SAMPLE.indexOf(';c=2'));
    assert.equal(d.toRaw(d.text.length), url.contentEnd);
    // every plain character maps to the same character in the raw text
    for (let i = 0; i < d.text.length; i++) {
      const raw = SAMPLE[d.toRaw(i)];
      if (raw !== '&' && raw !== '<') assert.equal(raw, d.text[i], `decoded ${i}`);
    }
  });

  void test('decodeXml keeps malformed references literally; comments dropped in content only', () => {
    const t = '<a>x &bogus y &#xZZ; <!--c-->z</a>';
    const d = decodeXml(t, 3, t.indexOf('</a>'), true);
    assert.equal(d.text, 'x &bogus y &#xZZ; z');
    assert.equal(d.toRaw(d.text.length - 1), t.indexOf('z</a>'));
    const a = decodeXml('&lt;<!--c-->', 0, 12, false);
    assert.equal(a.text, '<<!--c-->');
  });

  void test('mixed content: text of an element with children skips the children', () => {
    const t = '<a>one<b>two</b>three</a>';
    const { model: m } = parseXml(t);
    const d = elementText(m, m.roots[0]!);
    assert.equal(d.text, 'onethree');
    assert.equal(d.toRaw(3), t.indexOf('three'));
  });

  void test('elementAt finds the innermost element', () => {
    assert.equal(elementAt(model, SAMPLE.indexOf('jdbc'))?.name, 'Url');
    assert.equal(elementAt(model, SAMPLE.indexOf('<User'))?.name, 'User');
    assert.equal(elementAt(model, 0), undefined);
  });

  void test('CRLF, LF and CR line endings give the same element tree and ranges relative to the text', () => {
    for (const eol of ['\r\n', '\n', '\r']) {
      const t = SAMPLE.replace(/\r\n/g, eol);
      const r = parseXml(t);
      assert.deepEqual(r.problems, [], JSON.stringify(eol));
      const u = childNamed(r.model.roots[0]!.children[0]!, 'Url')!;
      assert.equal(slice(t, u.contentStart, u.contentEnd), 'jdbc:sqlserver://h:1433;a=1&amp;b<![CDATA[;x=<&>]]>;c=2');
    }
  });

  void test('namespace prefixes: localName drops the prefix', () => {
    const { model: m, problems: p } = parseXml('<f:layout xmlns:f="urn:x"><f:tab/></f:layout>');
    assert.deepEqual(p, []);
    assert.equal(m.roots[0]!.localName, 'layout');
    assert.equal(m.roots[0]!.children[0]!.localName, 'tab');
  });

  void test('a full XML declaration and processing instructions are fine', () => {
    for (const t of [
      '<?xml version="1.0" encoding="UTF-8" standalone="yes" ?><a/>',
      "\uFEFF<?xml version='1.1'\r\n\tencoding='windows-1252'?>\r\n<a><?egain x=1?></a>",
      '<?xml-stylesheet href="s.xsl"?><a/>',
    ]) assert.deepEqual(parseXml(t).problems, [], t);
  });

  void test('DOCTYPE with an internal subset allows declared entities (kept literally)', () => {
    const t = '<!DOCTYPE a [<!ENTITY e "x>y">]><a>&e;</a>';
    const r = parseXml(t);
    assert.deepEqual(r.problems, []);
    assert.equal(elementText(r.model, r.model.roots[0]!).text, '&e;');
  });
});

void describe('xml scanner: exactly one not-well-formed at the right place', () => {
  const cases: Array<[string, string, [number, number, string]]> = [
    ['bare & in text', '<a>\r\n  x & y\r\n</a>', [9, 10, '1:4']],
    ['undeclared entity', '<a>&nbsp;</a>', [3, 4, '0:3']],
    ['bad character reference', '<a>&#0;</a>', [3, 4, '0:3']],
    ['bare & in attribute', '<a b="x & y"/>', [8, 9, '0:8']],
    ['< in attribute', '<a\n  b="1<2"/>', [9, 10, '1:6']],
    ['< in text', '<a>1 < 2</a>', [5, 6, '0:5']],
    ['unclosed comment', '<a>\n<!-- never closed\n</a>', [4, 8, '1:0']],
    ['-- inside comment', '<a><!-- x -- y --></a>', [10, 12, '0:10']],
    ['two roots', '<a/>\r\n<b/>', [6, 8, '1:0']],
    ['text before root', 'hello\n<a/>', [0, 5, '0:0']],
    ['text after root', '<a/>\nbye', [5, 8, '1:0']],
    ['attribute value without quotes', '<a b=c/>', [3, 6, '0:3']],
    ['attribute value never closed', '<a b="c/>\n</a>', [3, 6, '0:3']],
    ['duplicate attribute', '<a\tegid="1" egid="2"/>', [12, 16, '0:12']],
    ['attribute without value', '<a b/>', [3, 4, '0:3']],
    ['attributes not separated', '<a b="1"c="2"/>', [8, 9, '0:8']],
    ['unclosed element at end of file', '<a>\n  <b>\n  </b>\n', [0, 2, '0:0']],
    ['mismatched end tag', '<a>\n<b></c>\n</a>', [7, 11, '1:3']],
    ['end tag closes an outer element over an open one', '<a><b></a>', [3, 5, '0:3']],
    ['end tag with no start tag', '<a></a></b>', [7, 11, '0:7']],
    ['end tag not closed', '<a></a', [3, 6, '0:3']],
    ['half-typed start tag', '<a>\n<b x="1"\n<c/></a>', [13, 14, '2:0']],
    [']]> in text', '<a>x]]>y</a>', [4, 7, '0:4']],
    ['CDATA never closed', '<a><![CDATA[x</a>', [3, 12, '0:3']],
    ['CDATA outside the root', '<![CDATA[x]]><a/>', [0, 9, '0:0']],
    ['XML declaration not first', '\n<?xml version="1.0"?><a/>', [1, 6, '1:0']],
    ['processing instruction never closed', '<a><?pi x</a>', [3, 5, '0:3']],
    ['control character in text', '<a>x\u0001</a>', [4, 5, '0:4']],
    ['control character in an attribute value', '<a b="x\u0008"/>', [7, 8, '0:7']],
    ['control character in a comment', '<a><!-- \u0000 --></a>', [8, 9, '0:8']],
    ['comment ending in --->', '<a><!-- x ---></a>', [10, 12, '0:10']],
    ['XML declaration without version', '\uFEFF<?xml encoding="UTF-8"?>\r\n<a/>', [7, 15, '0:7']],
    ['XML declaration with a duplicated encoding', '<?xml version="1.0" encoding="UTF-8" encoding="UTF-8"?><a/>', [37, 45, '0:37']],
    ['XML declaration with an unquoted value', '<?xml version="1.0" encoding=UTF-8?>\n<a/>', [20, 30, '0:20']],
    ['XML declaration with a bad standalone', '<?xml version="1.0" standalone="maybe"?><a/>', [32, 37, '0:32']],
    ['processing instruction without a target', '<a>\n<? x?></a>', [4, 7, '1:0']],
    ['empty file', '', [0, 0, '0:0']],
    ['only a BOM and white space', '\uFEFF  \r\n', [1, 1, '0:1']],
    ['DOCTYPE never closed', '<!DOCTYPE a [ <a/>', [0, 9, '0:0']],
  ];
  for (const [label, text, expected] of cases) {
    void test(label, () => assert.deepEqual(only(text), expected));
  }

  void test('the engine shows it as one error diagnostic with the right range', () => {
    const d = diagnose(
      '\uFEFF<conn_pool_list>\r\n\t<connpool name="a & b">\r\n\t\t<Url>jdbc:sqlserver://db.example.com:1433;integratedSecurity=true;databaseName=x</Url>\r\n' +
        '\t</connpool>\r\n</conn_pool_list>\r\n',
    );
    assert.deepEqual(d.map(fmt), ['xml/not-well-formed@1:19-1:20']);
    assert.equal(d[0]!.severity, 1);
  });
});

void describe('xml scanner: recovery keeps what comes before the error', () => {
  void test('unclosed element: children before it are complete', () => {
    const t = '<list>\r\n<connpool name="A"><Url>u1</Url></connpool>\r\n<connpool name="B"><Url>u2</Url>\r\n</list>';
    const { model, problems } = parseXml(t);
    assert.equal(problems.length, 1);
    assert.deepEqual(names(model.roots), ['list']);
    const [a, b] = model.roots[0]!.children;
    assert.equal(attr(a!, 'name')!.value.text, 'A');
    assert.equal(elementText(model, a!.children[0]!).text, 'u1');
    assert.equal(a!.closed, true);
    assert.equal(attr(b!, 'name')!.value.text, 'B');
    assert.equal(elementText(model, b!.children[0]!).text, 'u2');
    assert.equal(b!.closed, false);
    assert.equal(b!.end, t.indexOf('</list>'));
  });

  void test('mismatched end tag: elements before and after are kept', () => {
    const t = '<list><p><Url>x</Url></q><p><Url>y</Url></p></list>';
    const { model, problems } = parseXml(t);
    assert.deepEqual(problems.map((p) => [p.start, p.end]), [[21, 25]]);
    const urls = [...allElements(model)].filter((e) => e.name === 'Url').map((e) => elementText(model, e).text);
    assert.deepEqual(urls, ['x', 'y']);
  });

  void test('half-typed start tag: earlier siblings intact, later elements still found', () => {
    const t = '<list>\n<connpool name="A"><Url>u1</Url></connpool>\n<connpool name="B"\n<connpool name="C"><Url>u3</Url></connpool>\n</list>';
    const { model, problems } = parseXml(t);
    assert.deepEqual(problems.map((p) => [p.start, p.end]), [[t.indexOf('\n<connpool name="C"') + 1, t.indexOf('\n<connpool name="C"') + 2]]);
    const pools = [...allElements(model)].filter((e) => e.name === 'connpool');
    assert.equal(attr(pools[0]!, 'name')!.value.text, 'A');
    assert.equal(elementText(model, pools[0]!.children[0]!).text, 'u1');
    const c = pools.find((p) => attr(p, 'name')?.value.text === 'C')!;
    assert.ok(c);
    assert.equal(elementText(model, c.children[0]!).text, 'u3');
  });

  void test('only the first error is reported even when there are many', () => {
    const t = '<a>& < &</a><b>';
    assert.deepEqual(only(t), [3, 4, '0:3']);
    assert.equal(parseXml(t).model.wellFormed, false);
  });
});

void describe('xml scanner: size, depth and binary input', () => {
  void test('200,000 levels of nesting parse without recursion', () => {
    const depth = 200_000;
    const t = '<a>'.repeat(depth) + 'x' + '</a>'.repeat(depth);
    const { model, problems } = parseXml(t);
    assert.deepEqual(problems, []);
    let d = 0;
    for (const el of allElements(model)) {
      void el;
      d++;
    }
    assert.equal(d, depth);
    // through the engine, as a pool file: no stack overflow in the model, rules or symbols
    const pool = `<conn_pool_list>${'<g>'.repeat(depth)}${'</g>'.repeat(depth)}<connpool name="P"><Url>jdbc:sqlserver://h.example.com:1433;databaseName=d;integratedSecurity=true</Url></connpool></conn_pool_list>`;
    assert.deepEqual(diagnose(pool), []);
    // unclosed at that depth: one problem on the innermost open element
    const u = parseXml('<a>'.repeat(depth));
    assert.equal(u.problems.length, 1);
    assert.equal(u.problems[0]!.start, (depth - 1) * 3);
  });

  void test('a 10 MB pool file parses, and the engine analyses it', () => {
    const pool = (i: number) =>
      `\t<connpool egid="${i}" name="Pool_${i}">\r\n\t\t<User egid="1">u</User>\r\n\t\t<Password egid="2">p</Password>\r\n` +
      `\t\t<Url egid="3">jdbc:sqlserver://db.example.com:1433;databaseName=eGActiveDB;a=1&amp;b=2</Url>\r\n\t</connpool>\r\n`;
    const parts = ['\uFEFF<?xml version="1.0"?>\r\n<conn_pool_list>\r\n'];
    let size = parts[0]!.length;
    let i = 0;
    while (size < 10 * 1024 * 1024) {
      const p = pool(i++);
      parts.push(p);
      size += p.length;
    }
    parts.push('</conn_pool_list>\r\n');
    const t = parts.join('');
    const { model, problems } = parseXml(t);
    assert.deepEqual(problems, []);
    assert.equal(model.roots[0]!.children.length, i);
    const { service } = makeService();
    const all = service.analyze(doc(t), settings())!.findings;
    // `a=1&amp;b=2` decodes to one unknown property `a` (value `1&b=2`): one warning per pool, nothing else.
    assert.ok(all.every((x) => x.ruleId === 'jdbc/unknown-property'), JSON.stringify(all.slice(0, 3)));
    assert.equal(all.length, i);
    // The editor gets ece.maxProblems of them (1,000 by default) and one line saying how many were left out.
    const d = diagnose(t);
    assert.equal(d.length, 1001);
    assert.equal(d[1000]!.code, 'ece/too-many-problems');
    assert.match(d[1000]!.message, new RegExp(`has ${i.toLocaleString('en-US')} problems; the 1,000 most severe are shown and ${(i - 1000).toLocaleString('en-US')} are not`));
  });

  void test('random binary bytes (with NUL) give one diagnostic and no crash', () => {
    let seed = 12345;
    const rnd = () => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed >> 8;
    };
    for (let round = 0; round < 20; round++) {
      const bytes = Buffer.alloc(4096 + round * 97);
      for (let k = 0; k < bytes.length; k++) bytes[k] = rnd() & 0xff;
      bytes[round] = 0;
      for (const text of [bytes.toString('latin1'), bytes.toString('utf8')]) {
        const { problems } = parseXml(text);
        assert.equal(problems.length, 1);
        const d = diagnose(text);
        assert.ok(d.length >= 1);
        assert.equal(d.filter((x) => x.code === 'xml/not-well-formed').length, 1);
      }
    }
    // a binary file that starts with a NUL
    assert.deepEqual(only('\u0000\u0001<a>x</a>'), [0, 2, '0:0']);
  });
});

void describe('xml scanner: many attributes', () => {
  void test('a duplicate among 100,000 attributes of one element is found at its offset (early and late ones alike)', () => {
    let t = '<a';
    for (let i = 0; i < 100_000; i++) t += ` x${i}="1"`;
    const late = t + ' x99998="2"/>';
    const early = '<a x1="1" x2="2" x1="3"' + t.slice(2) + '/>';
    const p1 = parseXml(late).problems;
    assert.deepEqual(p1.map((p) => [p.start, p.end]), [[late.lastIndexOf('x99998'), late.lastIndexOf('x99998') + 6]]);
    const p2 = parseXml(early).problems;
    assert.deepEqual(p2.map((p) => [p.start, p.message]), [[17, 'The attribute "x1" appears twice in "<a>".']]);
    assert.deepEqual(parseXml(t + '/>').problems, []);
  });
});

