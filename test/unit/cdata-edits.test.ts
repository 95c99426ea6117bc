/**
 * Values held in CDATA sections, entities and mixtures of both: every edit the product makes on a pool file (quick
 * fixes, fix all, source.fixAll, the Windows-authentication conversion, run twice) targets exactly the decoded value's
 * raw characters, keeps the file well formed, and keeps every byte outside the edited values.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { applyEdits, rawSpan } from '../../server/src/service/core/text';
import { decodeXml, escapeXml, parseXml, xmlContentEdit } from '../../server/src/service/parse/xml';
import { buildConnpoolModel } from '../../server/src/service/kinds/connpool/model';
import { windowsAuthPoolText } from '../../server/src/service/kinds/connpool/convert';
import { doc, makeService, settings } from './helpers';

const URL_SQL = 'jdbc:sqlserver://db.example.com:1433;databaseName=eGActiveDB';
const URL_WIN = 'jdbc:sqlserver://db.example.com:1433;databaseName=eGActiveDB;integratedSecurity=true';

/** Ways an admin (or a tool) may have written a value, each decoding to `v`. */
const SHAPES: Array<[string, (v: string) => string]> = [
  ['plain', (v) => escapeXml(v)],
  ['cdata', (v) => `<![CDATA[${v}]]>`],
  ['cdata with spaces around', (v) => `  <![CDATA[${v}]]>  `],
  ['text + cdata', (v) => `${escapeXml(v.slice(0, 3))}<![CDATA[${v.slice(3)}]]>`],
  ['cdata + text', (v) => `<![CDATA[${v.slice(0, 4)}]]>${escapeXml(v.slice(4))}`],
  ['two sections and a comment', (v) => `<![CDATA[${v.slice(0, 2)}]]><!-- note --><![CDATA[${v.slice(2)}]]>`],
  ['entities only', (v) => [...v].map((c) => `&#${c.charCodeAt(0)};`).join('')],
];

function poolFile(user: string, password: string, url: string): string {
  return (
    '\uFEFF<?xml version="1.0" encoding="UTF-8"?>\r\n<conn_pool_list>\r\n\t<connpool name="Platform_MSSQL_Pool">\r\n' +
    `\t\t<User egid="3026">${user}</User>\r\n\t\t<Password egid="3027">${password}</Password>\r\n\t\t<Url egid="3028">${url}</Url>\r\n` +
    '\t</connpool>\r\n</conn_pool_list>\r\n'
  );
}

/** The decoded User / Password / Url of the only pool (trimmed, as ECE reads them), after checking the text is well formed. */
function values(text: string): { user: string; password: string; url: string } {
  const { model: xml, problems } = parseXml(text);
  assert.deepEqual(problems, [], `not well formed:\n${text}`);
  const p = buildConnpoolModel(xml).pools[0]!;
  return { user: p.user!.trimmed, password: p.password!.trimmed, url: p.url!.trimmed };
}

void describe('edits of values in CDATA and entity forms', () => {
  for (const [name, shape] of SHAPES) {
    void test(`${name}: the conversion empties User and Password, sets integratedSecurity, and a second run changes nothing`, () => {
      const before = poolFile(shape('eGActiveDB'), shape('36&42<34'), shape(URL_SQL));
      assert.deepEqual(values(before), { user: 'eGActiveDB', password: '36&42<34', url: URL_SQL });
      const once = windowsAuthPoolText(before);
      assert.deepEqual(values(once), { user: '', password: '', url: URL_WIN });
      assert.equal(windowsAuthPoolText(once), once, 'idempotent');
      // Outside the three elements' content nothing moved.
      const strip = (t: string) => t.replace(/(<User egid="3026">)[\s\S]*?(<\/User>)/, '$1$2').replace(/(<Password egid="3027">)[\s\S]*?(<\/Password>)/, '$1$2').replace(/(<Url egid="3028">)[\s\S]*?(<\/Url>)/, '$1$2');
      assert.equal(strip(once), strip(before));
    });

    void test(`${name}: the credentials quick fix, fix all and source.fixAll keep the file well formed`, () => {
      const t = poolFile(shape('eGActiveDB'), shape('s3cr]]et'.replace(']]', '')), shape(URL_WIN));
      const { service } = makeService();
      const a = service.analyze(doc(t), settings())!;
      const f = a.findings.find((x) => x.ruleId === 'connpool/credentials-with-integrated-security')!;
      assert.ok(f, name);
      const fixed = applyEdits(t, f.fixes[0]!.edits);
      assert.deepEqual(values(fixed), { user: '', password: '', url: URL_WIN });
      const all = applyEdits(t, service.fixAllEdits(doc(t), settings()));
      assert.deepEqual(values(all), { user: '', password: '', url: URL_WIN });
    });
  }

  void test('xmlContentEdit writes new text for where it lands: literal inside a section (]]> split), escaped outside', () => {
    const raw = 'ab<![CDATA[c&d]]>e&amp;f';
    const v = decodeXml(raw, 0, raw.length, true);
    assert.equal(v.text, 'abc&de&f');
    const apply = (s: number, e: number, t: string) => {
      const out = applyEdits(raw, [xmlContentEdit(v, s, e, t)]);
      assert.equal(decodeXml(out, 0, out.length, true).text, v.text.slice(0, s) + t + v.text.slice(e), `${s}-${e} ${t}: ${out}`);
      return out;
    };
    assert.equal(apply(3, 4, 'x]]>y'), 'ab<![CDATA[cx]]]]><![CDATA[>yd]]>e&amp;f');
    assert.equal(apply(1, 3, '<'), 'a&lt;&amp;d' + 'e&amp;f');
    assert.equal(apply(5, 6, '&'), 'ab<![CDATA[c&d]]>&amp;&amp;f');
    assert.equal(apply(2, 2, '&'), 'ab&amp;<![CDATA[c&d]]>e&amp;f');
    assert.equal(apply(8, 8, ';x=<1>'), raw + ';x=&lt;1&gt;');
    // Every range of the value, replaced by a text with all the awkward characters: decodes to what was asked.
    for (let s = 0; s <= v.text.length; s++) for (let e = s; e <= v.text.length; e++) apply(s, e, '<&]]>');
  });

  void test('rawSpan: a range ends at its last character, not at the markup after it', () => {
    const raw = '<![CDATA[secret]]><!-- c -->';
    const v = decodeXml(raw, 0, raw.length, true);
    assert.deepEqual(rawSpan(v, 0, 6), { start: 9, end: 15 });
    assert.equal(v.toRaw(6), raw.length);
  });
});
