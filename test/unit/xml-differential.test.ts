/**
 * Differential test of the XML scanner against an independent oracle: fast-xml-parser's `XMLValidator`.
 * Seeded random small documents (valid ones, and mutated ones: dropped or duplicated tags, stray `<`,
 * `&`, quotes, comment markers, duplicated attributes...) must get the same well-formed verdict from both.
 *
 * XMLValidator is knowingly lenient in a few places where the XML 1.0 specification is not. Every such
 * class is listed in LENIENT below, with the production of the specification it breaks. When the two
 * disagree, the test requires that (1) XMLValidator is the one saying "fine" and we are the one saying
 * "not well formed", (2) our reported error sits exactly on a construct of a listed class, and (3) once
 * that construct is repaired (escaped, removed, or the document cut before it) the two verdicts are
 * compared again, so every disagreement is explained by a listed class and nothing else. While writing
 * this test, Python's expat (a strict parser) was run on every generated document: it agreed with our
 * verdict on all 2,500 but one, `<?xml version="10"?>`, which expat lets through although XML 1.0
 * (fifth edition) says VersionNum ::= '1.' [0-9]+. Set XML_DIFF_DUMP=<file> to write every disagreeing
 * document, as JSON lines, for such a check.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync } from 'node:fs';
import { XMLValidator } from 'fast-xml-parser';
import { parseXml } from '../../server/src/service/parse/xml';
import { seededRandom as prng } from './random';


type Rnd = () => number;
const pick = <T>(r: Rnd, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
const NAMES = ['connpool', 'Url', 'User', 'Password', 'name', 'conn_pool_list', 'x', 'a.b', 'ns:tab', 'Item-2'];
const ATTRS = ['egid', 'name', 'id', 'type', 'xmlns:f', 'a_b'];
const TEXTS = ['', 'eGActiveDB', 'jdbc:sqlserver://h:1433;databaseName=db', 'a &amp; b', '&lt;x&gt;', '&#38;&#x26;', ' 42 ', '"quoted"', "it's", 'x > y', '\t'];
const VALUES = ['3020', '', 'P &amp; Q', '&lt;&gt;', '&#x41;', 'x>y', 'a b'];

function genElement(r: Rnd, depth: number, eol: string): string {
  const name = pick(r, NAMES);
  const seen = new Set<string>();
  let attrs = '';
  const nAttrs = Math.floor(r() * 3);
  for (let i = 0; i < nAttrs; i++) {
    const a = pick(r, ATTRS);
    if (seen.has(a)) continue;
    seen.add(a);
    const v = pick(r, VALUES).replace(/"/g, '&quot;');
    attrs += r() < 0.8 ? ` ${a}="${v}"` : ` ${a}='${v}'`;
  }
  if (r() < 0.2) return `<${name}${attrs}${r() < 0.5 ? ' ' : ''}/>`;
  let body = '';
  const nKids = depth > 3 ? 0 : Math.floor(r() * 4);
  for (let i = 0; i < nKids; i++) {
    const roll = r();
    if (roll < 0.55) body += eol + '\t'.repeat(depth + 1) + genElement(r, depth + 1, eol);
    else if (roll < 0.75) body += pick(r, TEXTS);
    else if (roll < 0.85) body += `<!-- ${pick(r, ['note', 'a - b', '<x>', '&'])} -->`;
    else if (roll < 0.95) body += `<![CDATA[${pick(r, ['<&>', 'x', ']]', ''])}]]>`;
    else body += '<?pi data?>';
  }
  if (nKids === 0) body = pick(r, TEXTS);
  else body += eol + '\t'.repeat(depth);
  return `<${name}${attrs}>${body}</${name}${r() < 0.1 ? ' ' : ''}>`;
}

function genDocument(r: Rnd): string {
  const eol = r() < 0.6 ? '\r\n' : '\n';
  let t = '';
  if (r() < 0.3) t += '\uFEFF';
  if (r() < 0.6) t += `<?xml version="1.0" encoding="UTF-8"?>${eol}`;
  if (r() < 0.3) t += `<!-- header -->${eol}`;
  t += genElement(r, 0, eol);
  if (r() < 0.5) t += eol;
  return t;
}

/** One random mutation of a document (it may or may not break well-formedness). */
function mutate(r: Rnd, t: string): string {
  const at = (re: RegExp): number[] => {
    const out: number[] = [];
    for (const m of t.matchAll(re)) out.push(m.index);
    return out;
  };
  const spot = () => Math.floor(r() * (t.length + 1));
  const insert = (s: string, p = spot()) => t.slice(0, p) + s + t.slice(p);
  switch (Math.floor(r() * 12)) {
    case 0: {
      // drop a start or end tag
      const tags = at(/<\/?[A-Za-z][^<>]*>/g);
      if (!tags.length) return insert('<');
      const p = pick(r, tags);
      const e = t.indexOf('>', p) + 1;
      return t.slice(0, p) + t.slice(e);
    }
    case 1: {
      // duplicate a tag
      const tags = at(/<\/?[A-Za-z][^<>]*>/g);
      if (!tags.length) return insert('>');
      const p = pick(r, tags);
      const e = t.indexOf('>', p) + 1;
      return t.slice(0, e) + t.slice(p, e) + t.slice(e);
    }
    case 2:
      return insert('<');
    case 3:
      return insert('&');
    case 4:
      return insert(pick(r, ['"', "'"]));
    case 5:
      return insert(pick(r, ['<!--', '-->', '--']));
    case 6: {
      // duplicate an attribute inside its tag
      const as = at(/ [A-Za-z_:][\w.:-]*="[^"<]*"/g);
      if (!as.length) return insert('=');
      const p = pick(r, as);
      const e = t.indexOf('"', t.indexOf('"', p) + 1) + 1;
      return t.slice(0, e) + t.slice(p, e) + t.slice(e);
    }
    case 7: {
      // put a raw & or < inside an attribute value
      const vs = at(/="/g);
      if (!vs.length) return insert('&');
      return insert(pick(r, ['&', '<', '&amp', '& ']), pick(r, vs) + 2);
    }
    case 8:
      return insert(pick(r, ['<b>', '</b>', '<b/>', 'text', ']]>', '&bogus;', '&#0;', '\u0001']));
    case 9: {
      // remove one character
      const p = Math.floor(r() * t.length);
      return t.slice(0, p) + t.slice(p + 1);
    }
    case 10:
      return t + pick(r, ['<x/>', 'tail', '<!-- c -->', '  ', '<?xml version="1.0"?>']);
    default:
      return insert(pick(r, ['<?xml version="1.0"?>', '<![CDATA[', ']]>', '/>', '<!DOCTYPE x>']));
  }
}

const oracle = (t: string): boolean => XMLValidator.validate(t) === true;
const ours = (t: string) => parseXml(t).problems[0];

/** Where a document's attribute values are (raw, inside the quotes), found with our scanner's tree. */
function inAttributeValue(t: string, offset: number): boolean {
  // Walk back to the '<' that opened the tag and scan its attributes with a tiny independent tokenizer.
  // (lastIndexOf with a negative start would return 0 again: stop explicitly at the file start.)
  let k = offset > 0 ? t.lastIndexOf('<', offset - 1) : -1;
  while (k >= 0) {
    // the tag may contain '<' inside a value: move left until the '<' is outside quotes
    const seg = t.slice(k, offset);
    let q = '';
    let ok = true;
    for (const c of seg.slice(1)) {
      if (q) {
        if (c === q) q = '';
      } else if (c === '"' || c === "'") q = c;
      else if (c === '>') ok = false;
    }
    if (ok && q) return true;
    if (!ok) return false;
    k = k > 0 ? t.lastIndexOf('<', k - 1) : -1;
  }
  return false;
}

interface Lenient {
  id: string;
  /** The XML 1.0 rule XMLValidator does not enforce. */
  spec: string;
  /** True when our first problem `[start, end)` lies on a construct of this class. */
  matches(t: string, start: number, end: number): boolean;
  /** The document with that one construct repaired (escaped, removed or cut off). */
  repair(t: string, start: number, end: number): string;
}

/**
 * Every class of document XMLValidator accepts although the XML 1.0 specification rejects it (seen in
 * this generator's output and confirmed by hand). Nothing else may differ.
 */
const LENIENT: Lenient[] = [
  {
    id: 'a malformed XML declaration',
    spec: "XMLDecl ::= '<?xml' VersionInfo EncodingDecl? SDDecl? S? '?>' (2.8, 4.3.3): version first, then encoding, then standalone, quoted, valid values; XMLValidator does not read it",
    matches: (t, s) => {
      const d = t.startsWith('\uFEFF') ? 1 : 0;
      return t.startsWith('<?xml', d) && s >= d && s < t.indexOf('?>', d) && !(t.charCodeAt(s) < 32 && !/[\t\n\r]/.test(t[s]!));
    },
    repair: (t) => {
      const d = t.startsWith('\uFEFF') ? 1 : 0;
      return t.slice(0, d) + '<?xml version="1.0"?>' + t.slice(t.indexOf('?>', d) + 2);
    },
  },
  {
    id: 'bare & in an attribute value',
    spec: 'AttValue ::= \'"\' ([^<&"] | Reference)* \'"\' (section 2.3); XMLValidator does not look at references in values',
    matches: (t, s) => t[s] === '&' && inAttributeValue(t, s),
    repair: (t, s) => t.slice(0, s) + '&amp;' + t.slice(s + 1),
  },
  {
    id: '< in an attribute value',
    spec: "AttValue excludes '<' (section 2.3, and WFC: No < in Attribute Values, section 3.1)",
    matches: (t, s) => t[s] === '<' && inAttributeValue(t, s),
    repair: (t, s) => t.slice(0, s) + '&lt;' + t.slice(s + 1),
  },
  {
    id: 'undeclared entity or invalid character reference in text',
    spec: 'WFC: Entity Declared (4.1) and WFC: Legal Character (4.1): &bogus; and &#0; are errors; XMLValidator accepts any &name;',
    matches: (t, s) => t[s] === '&' && /^&(#x?[0-9a-fA-F]*|[A-Za-z_:][\w.:-]*);/.test(t.slice(s, s + 42)),
    repair: (t, s) => t.slice(0, s) + '&amp;' + t.slice(s + 1),
  },
  {
    id: "'--' inside a comment",
    spec: "Comment ::= '<!--' ((Char - '-') | ('-' (Char - '-')))* '-->' (section 2.5)",
    matches: (t, s) => t.slice(s, s + 2) === '--',
    repair: (t, s) => t.slice(0, s) + '-_' + t.slice(s + 2),
  },
  {
    id: "']]>' in text",
    spec: "CharData ::= [^<&]* - ([^<&]* ']]>' [^<&]*) (section 2.4)",
    matches: (t, s) => t.slice(s, s + 3) === ']]>',
    repair: (t, s) => t.slice(0, s) + ']]&gt;' + t.slice(s + 3),
  },
  {
    id: 'control character',
    spec: 'Char ::= #x9 | #xA | #xD | [#x20-#xD7FF] | ... (section 2.2)',
    matches: (t, s) => t.charCodeAt(s) < 32 && !/[\t\n\r]/.test(t[s]!),
    repair: (t, s) => t.slice(0, s) + t.slice(s + 1),
  },
  {
    id: 'a second root element, or text or a CDATA section after the root',
    spec: 'document ::= prolog element Misc* (section 2.1): after the root only comments, PIs and white space',
    matches: (t, s) => {
      if (!/^(<[A-Za-z_:]|<!\[CDATA\[|[^\s<])/.test(t.slice(s, s + 9))) return false;
      const r = parseXml(t.slice(0, s));
      return r.problems.length === 0 && r.model.roots.length === 1;
    },
    repair: (t, s) => t.slice(0, s),
  },
  {
    id: "'<!' markup that is not a comment or CDATA section, or a DOCTYPE after the root has started",
    spec: "Markup starting with '<!' is only Comment, CDSect or doctypedecl, and doctypedecl only in the prolog (2.1, 2.5, 2.7, 2.8); XMLValidator skips any '<!...>'",
    matches: (t, s) => t.slice(s, s + 2) === '<!',
    repair: (t, s) => t.slice(0, s) + '&lt;' + t.slice(s + 1),
  },
  {
    id: "a start tag cut off by the end of the file right after its '/'",
    spec: "EmptyElemTag ::= '<' Name (S Attribute)* S? '/>' (3.1); XMLValidator treats a final '<a /' as '<a />'",
    matches: (t, s) => t[s] === '/' && t.slice(s + 1).trim() === '',
    repair: (t, s) => t.slice(0, s + 1) + '>' + t.slice(s + 1),
  },
  {
    id: "a processing instruction whose target is not a name",
    spec: "PI ::= '<?' PITarget (S (Char* - (Char* '?>' Char*)))? '?>', PITarget is a Name (2.6)",
    matches: (t, s) => t.slice(s, s + 2) === '<?' && !/^<\?xml[\s?]/i.test(t.slice(s, s + 6)),
    repair: (t, s) => t.slice(0, s) + '&lt;' + t.slice(s + 1),
  },
  {
    id: 'XML declaration not at the start',
    spec: "document ::= prolog ...; prolog ::= XMLDecl? Misc* ...; a PI target matching 'xml' is reserved (2.6, 2.8)",
    matches: (t, s) => /^<\?xml/i.test(t.slice(s, s + 5)),
    repair: (t, s) => t.slice(0, s) + t.slice(t.indexOf('?>', s) + 2),
  },
];

/** Compares the verdicts; returns the lenient classes that explained the differences (empty when none). */
function compare(doc: string): string[] {
  const used: string[] = [];
  let t = doc;
  for (let round = 0; round < 50; round++) {
    const o = oracle(t);
    const p = ours(t);
    if (o === !p) return used;
    assert.ok(o && p, `we accept a document XMLValidator rejects:\n${JSON.stringify(t)}\nXMLValidator: ${JSON.stringify(XMLValidator.validate(t))}`);
    const cls = LENIENT.find((c) => c.matches(t, p.start, p.end));
    assert.ok(cls, `unexplained disagreement at ${p.start}-${p.end} (${p.message}):\n${JSON.stringify(t)}`);
    if (process.env.XML_DIFF_DUMP) appendFileSync(process.env.XML_DIFF_DUMP, JSON.stringify({ cls: cls.id, text: t }) + '\n');
    used.push(cls.id);
    t = cls.repair(t, p.start, p.end);
  }
  assert.fail(`no agreement after 50 repairs:\n${JSON.stringify(doc)}`);
}

void describe('xml scanner agrees with fast-xml-parser XMLValidator', () => {
  void test('each lenient class on its own: XMLValidator accepts, we report at the construct', () => {
    const samples: Array<[string, string, number]> = [
      ['a malformed XML declaration', '\uFEFF<?xml version="1.0" encoding="UTF-8" encoding="UTF-8"?><a/>', 38],
      ['bare & in an attribute value', '<a b="x & y"/>', 8],
      ['< in an attribute value', '<a b="1<2"/>', 7],
      ['undeclared entity or invalid character reference in text', '<a>&nbsp;&#0;</a>', 3],
      ["'--' inside a comment", '<a><!-- a -- b --></a>', 10],
      ["']]>' in text", '<a>x]]>y</a>', 4],
      ['control character', '<a b="\u0001">x\u0002</a>', 6],
      ['a second root element, or text or a CDATA section after the root', '<a/><b/>', 4],
      ["'<!' markup that is not a comment or CDATA section, or a DOCTYPE after the root has started", '<a><!- x --></a>', 3],
      ["a start tag cut off by the end of the file right after its '/'", '<a /', 3],
      ['a processing instruction whose target is not a name', '<a><? x?></a>', 3],
      ['XML declaration not at the start', '<a/><?xml version="1.0"?>', 4],
    ];
    assert.deepEqual(samples.map((s) => s[0]), LENIENT.map((c) => c.id), 'one sample per listed class');
    for (const [id, t, start] of samples) {
      assert.equal(oracle(t), true, `XMLValidator accepts: ${id}`);
      const p = ours(t);
      assert.equal(p?.start, start, id);
      assert.equal(LENIENT.find((c) => c.matches(t, p.start, p.end))?.id, id);
    }
  });

  void test('2,500 seeded random documents (valid and mutated): same verdict except for the listed classes', () => {
    const r = prng(0xece);
    const stats = { valid: 0, invalid: 0, explained: new Map<string, number>(), generatedValid: 0 };
    for (let i = 0; i < 2500; i++) {
      let t = genDocument(r);
      if (i % 5 === 0) {
        // the generator's own output is well formed for both
        assert.equal(oracle(t), true, JSON.stringify(t));
        assert.equal(ours(t), undefined, JSON.stringify(t));
        stats.generatedValid++;
      } else {
        const n = 1 + Math.floor(r() * 2);
        for (let k = 0; k < n; k++) t = mutate(r, t);
      }
      const used = compare(t);
      for (const u of used) stats.explained.set(u, (stats.explained.get(u) ?? 0) + 1);
      if (ours(t)) stats.invalid++;
      else stats.valid++;
    }
    // the sample must exercise both verdicts and a good share of errors
    assert.ok(stats.valid > 600, JSON.stringify(stats));
    assert.ok(stats.invalid > 600, JSON.stringify(stats));
    assert.equal(stats.generatedValid, 500);
  });
});
