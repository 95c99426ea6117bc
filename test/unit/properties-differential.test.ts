/**
 * Differential test: our parser against Java 17's own `Properties.load(Reader)` on thousands of seeded
 * random texts. Every key and value must be identical, and we must flag a malformed `\u` exactly when Java
 * throws. Java runs once for all texts (one JVM).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseProperties } from '../../server/src/service/parse/properties';
import { loadWithJava } from '../java/oracle';
import { seededRandom as rng } from './random';


const EOLS = ['\n', '\r', '\r\n'];
const BLANKS = [' ', '\t', '\f'];
// characters that can follow a backslash: every ASCII printable, controls, non-ASCII, a surrogate pair
const AFTER_BACKSLASH: string[] = [];
for (let c = 0x20; c < 0x7f; c++) AFTER_BACKSLASH.push(String.fromCharCode(c));
AFTER_BACKSLASH.push('\t', '\f', '\u00e9', '\u4e2d', '\ud83d\ude00', '\u00a0', '\u000b', '\u0000');
const UNICODE_ESCAPES = ['\\u0041', '\\u00e9', '\\uFFFF', '\\u000a', '\\u005c', '\\u003d', '\\uabcD', '\\u12', '\\u',
  '\\uZZZZ', '\\u12G4', '\\uu0041', '\\U0041', '\\u 041', '\\u004'];
const WORDS = ['EGAIN_HOME_DIR', 'C:', 'ECE', 'eService', 'templates', 'utility', 'server', 'share', 'x', 'jdbc:sqlserver://db',
  'inst;databaseName=eGActiveDB', 'MASSIVE', 'SQLServerSvc', '\u00e9t\u00e9', '\u4e2d\u6587', 'a b', 'k', '1433'];

function pick<T>(r: () => number, xs: readonly T[]): T {
  return xs[Math.floor(r() * xs.length)]!;
}

/** A structured text: lines of keys, separators and values built from tricky pieces. */
function structured(r: () => number): string {
  const lines = 1 + Math.floor(r() * 6);
  let out = r() < 0.1 ? pick(r, BLANKS) : '';
  for (let l = 0; l < lines; l++) {
    const kind = r();
    if (kind < 0.1) out += pick(r, ['#', '!', ' #', '\t!', '#\\', '! comment \\\\', '# x=y \\']) + (r() < 0.5 ? ' c\\' : '');
    else if (kind < 0.15) out += r() < 0.5 ? '' : pick(r, BLANKS).repeat(1 + Math.floor(r() * 3));
    else {
      if (r() < 0.3) out += pick(r, BLANKS).repeat(1 + Math.floor(r() * 2));
      // key
      const kparts = 1 + Math.floor(r() * 3);
      for (let p = 0; p < kparts; p++) {
        const q = r();
        if (q < 0.5) out += pick(r, WORDS).replace(/[ ]/g, '_');
        else if (q < 0.8) out += '\\' + pick(r, ['=', ':', ' ', '\\', '#', '!', 't', 'u0041', 'x', '\t']);
        else if (q < 0.9) out += pick(r, UNICODE_ESCAPES);
        else out += '\\'.repeat(1 + Math.floor(r() * 3)) + pick(r, EOLS) + pick(r, ['', ' ', '\t ', '\f']);
      }
      // separator
      out += pick(r, ['=', ':', ' ', '\t', '\f', ' = ', '\t:\t', '  ', '==', ':=', ' :', '= =', '', ' \\', '=\\']);
      // value
      const vparts = Math.floor(r() * 6);
      for (let p = 0; p < vparts; p++) {
        const q = r();
        if (q < 0.35) out += pick(r, WORDS);
        else if (q < 0.6) out += '\\' + pick(r, AFTER_BACKSLASH);
        else if (q < 0.7) out += pick(r, UNICODE_ESCAPES);
        else if (q < 0.8) out += '\\'.repeat(1 + Math.floor(r() * 4)) + (r() < 0.5 ? pick(r, EOLS) + pick(r, ['', ' ', '\t\t', '\f ', '#', '!x']) : '');
        else if (q < 0.9) out += pick(r, ['=', ':', '#', '!', ' ', '\t', '\f', '\u00a0']);
        else out += '\\\\' + pick(r, WORDS);
      }
      if (r() < 0.2) out += pick(r, BLANKS).repeat(1 + Math.floor(r() * 2));
      if (r() < 0.1) out += '\\';
    }
    if (l < lines - 1 || r() < 0.7) out += pick(r, EOLS);
  }
  return out;
}

/** Character soup from a small, dangerous alphabet: finds the corner cases structure misses. */
function soup(r: () => number): string {
  const alphabet = ['\\', '\\', '\\', 'u', 'u', '0', '4', 'a', 'F', 'g', '=', ':', ' ', '\t', '\f', '\r', '\n', '\r\n', '#', '!', 'x', '\u00e9'];
  const len = Math.floor(r() * 40);
  let out = '';
  for (let i = 0; i < len; i++) out += pick(r, alphabet);
  return out;
}

/** Hand-picked corner cases (the spec's examples and LineReader subtleties). */
const CORNERS = [
  '', '\\', '\\\n', '\\\r\n', '\\\n\n', '\\\n#c\nk=v', '  \\\n  !x=y', 'a=b\\\n\nc=d', 'a=b\\', 'a=b\\\\', 'a=b\\\r\n   c',
  'a=b\\\r', 'a=b\\\r\r', '\ra\rb=c\r', '#c\\\nk=v', 'k\\\n  ey=v', 'key\\\n=v', 'k\\u0041=\\u00', '\\u00=41', 'k=\\u004',
  'EGAIN_HOME_DIR=C:\\ECE\\eService\\templates', 'EGAIN_HOME_DIR=D:\\utility\\x', 'P=\\\\server\\share',
  'SSIS_USER_ID=MASSIVE\\SQLServerSvc', 'A=C:\\\\ECE\\\\eService', 'A=\\\\\\\\server\\\\share', 'A=C:/ECE',
  'ECE_HOME_DIR=\\\\\\\\massivedynamic.com\\\\ECE_Root\\ECE', 'k:v', 'k v', 'k\tv', 'k\fv', 'k  =  v  ', 'k=:v', 'k :=v',
  '=v', ':v', ' =', 'k', '\\ k\\ =\\ v', 'k=\\\n\n', 'k=v\\\n   ', '\f\f#c', 'k=a\\\n\\\n\\\nb',
];

/** Raw ranges are ordered, and every decoded character points at itself or at the backslash of its escape. */
function checkRanges(text: string, ours: ReturnType<typeof parseProperties>, where: string): void {
  for (const e of ours.entries) {
    assert.ok(e.lineStart <= e.contentStart && e.keyStart <= e.keyEnd && e.keyEnd === e.separatorStart, where);
    assert.ok(e.separatorStart <= e.separatorEnd && e.separatorEnd === e.valueStart && e.valueStart <= e.valueEnd, where);
    assert.ok(e.valueEnd <= e.lineEnd && e.lineEnd <= e.fullEnd && e.fullEnd <= text.length, where);
    for (const [dec, lo, hi] of [[e.keyText, e.keyStart, e.keyEnd], [e.valueText, e.valueStart, e.valueEnd]] as const) {
      let prev = lo;
      for (let i = 0; i <= dec.text.length; i++) {
        const r = dec.toRaw(i);
        assert.ok(r >= prev && r <= hi, `toRaw not monotonic/in range at ${i}; ${where}`);
        if (i < dec.text.length) assert.ok(text[r] === dec.text[i] || text[r] === '\\', `toRaw(${i}) points at ${JSON.stringify(text[r])}; ${where}`);
        prev = r;
      }
    }
  }
}

void describe('properties parser vs Java 17 Properties.load', () => {
  void test('2,500 seeded random texts load identically; malformed \\u reported exactly when Java throws', () => {
    const r = rng(0xece);
    const texts: string[] = [...CORNERS];
    while (texts.length < 1200) texts.push(structured(r));
    while (texts.length < 2500) texts.push(soup(r));
    const java = loadWithJava(texts);
    assert.equal(java.length, texts.length);
    let threw = 0;
    let entries = 0;
    for (let t = 0; t < texts.length; t++) {
      const text = texts[t]!;
      const ours = parseProperties(text);
      const j = java[t]!;
      const where = `text #${t}: ${JSON.stringify(text)}`;
      if (!j.ok) {
        threw++;
        assert.equal(j.error, 'java.lang.IllegalArgumentException', where);
        assert.equal(j.message, 'Malformed \\uxxxx encoding.', where);
        assert.equal(ours.malformedUnicode, true, `Java throws but we report no malformed \\u; ${where}`);
        assert.ok(ours.escapes.some((e) => e.kind === 'unicode-malformed'), where);
        continue;
      }
      assert.equal(ours.malformedUnicode, false, `we report a malformed \\u but Java loads it; ${where}`);
      const table = new Map<string, string>();
      for (const [k, e] of ours.table) table.set(k, e.value);
      assert.deepEqual(table, j.table, where);
      checkRanges(text, ours, where);
      entries += table.size;
    }
    // the generator must actually exercise both outcomes
    assert.ok(threw > 200, `only ${threw} texts made Java throw`);
    assert.ok(entries > 2000, `only ${entries} entries loaded`);
  });
});
