/**
 * Differential test of the properties checks added for the byte order mark and for trailing blanks, against
 * Java 17 itself (TypedOracle.java, one JVM per batch):
 * - BOM: what `Properties.load` really does with a leading U+FEFF (`load(Reader)`) or with the BOM bytes
 *   (`load(InputStream)`, read as ISO 8859-1) must be what `bomEffect` says, and `properties/byte-order-mark` must
 *   fire exactly when Java loses a key of ours;
 * - trailing blanks: `properties/trailing-blanks` must fire exactly when Java's loaded value of a true/false or port
 *   key ends in blanks; where it fires, `Boolean.parseBoolean` / `Integer.parseInt` must really misread the value,
 *   and after the fix Java must load the trimmed value and read it as meant.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { applyEdits } from '../../server/src/service/core/text';
import { reportsdbKind } from '../../server/src/service/kinds/reportsdb/kind';
import { bomEffect, parseProperties, type ParsedProperties } from '../../server/src/service/parse/properties';
import { loadTypedWithJava, type TypedLoad, type TypedValue } from '../java/oracle';
import { run } from '../fixtures/properties/harness';
import { seededRandom as rng } from './random';

const pick = <T,>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;

/** What our parse says Java loads, with one entry left out (the entry the BOM damages). */
function tableWithout(parsed: ParsedProperties, skip: number | undefined): Map<string, string> {
  const m = new Map<string, string>();
  for (const e of parsed.entries) if (e.index !== skip) m.set(e.key, e.value);
  return m;
}

/** Java's table without the keys that start with `mark` (the junk key a BOM makes). */
function withoutMarked(table: Map<string, string>, mark: string): Map<string, string> {
  const m = new Map<string, string>();
  for (const [k, v] of table) if (!k.startsWith(mark)) m.set(k, v);
  return m;
}

/** The reader table of a Java load that must have succeeded. */
function tableOf(j: TypedLoad, where: string): Map<string, TypedValue> {
  assert.ok(j.ok, `Java failed to load ${where}`);
  return (j as Extract<TypedLoad, { ok: true }>).table;
}

// ---- BOM ---------------------------------------------------------------------------------------------------------

const FIRST_LINES = [
  'IS_WINDOWS_AUTHENTICATION=true', 'EGAIN_HOME_DIR=C:/ECE', '  REPORTS_DB_NAME=eGReportsDB', '\tACT_DB_NAME = x', '# comment',
  '! comment', '', '   ', '=v', ':v', 'KEY', 'K\\\n  EY=v', '\\\nACT_DB_LST_PORT=1433', 'A\\ B=c', '\\u0041BC=1', '#', ' # indented comment',
];
const OTHER_KEYS = ['REPORTS_DB_SERVER_NAME', 'ACT_DB_SERVER_NAME', 'REPORTS_DB_LST_PORT', 'MAST_DB_NAME', 'SSIS_INSTALL_PATH'];

function bomText(r: () => number): string {
  const eol = pick(r, ['\n', '\r\n', '\r']);
  const lines = [pick(r, FIRST_LINES)];
  // later keys never repeat a key of the first line, so "Java lost a key" is visible in the table
  const n = Math.floor(r() * 4);
  for (let i = 0; i < n; i++) lines.push(`${OTHER_KEYS[i]}${pick(r, ['=', ' = ', ':', ' '])}${pick(r, ['a.example.com', '1433', 'x y', ''])}`);
  return '\uFEFF' + lines.join(eol) + (r() < 0.7 ? eol : '');
}

// ---- trailing blanks ---------------------------------------------------------------------------------------------

const TYPED = [
  { key: 'IS_WINDOWS_AUTHENTICATION', values: ['true', 'TRUE', 'True', 'false'] },
  { key: 'CREATE_DBLINK_FROM_CONNPOOLMAP', values: ['true', 'false'] },
  { key: 'REPORTS_DB_LST_PORT', values: ['1433', '+1433', '1444', '0'] },
  { key: 'ACT_DB_LST_PORT', values: ['1433', '65535'] },
] as const;
const BLANK_TAILS = ['', '', ' ', '  ', '\t', ' \t ', '\f', '\\ ', '\\t', ' \\ ', '\\u0020'];

function blankText(r: () => number): { text: string; keys: Array<{ key: string; meant: string; port: boolean }> } {
  const eol = pick(r, ['\n', '\r\n']);
  const keys: Array<{ key: string; meant: string; port: boolean }> = [];
  const lines = ['# Reports DB utility'];
  for (const t of TYPED) {
    if (r() < 0.3) continue;
    const meant = pick(r, t.values);
    lines.push(`${t.key}${pick(r, ['=', ' = ', ':'])}${meant}${pick(r, BLANK_TAILS)}`);
    keys.push({ key: t.key, meant, port: t.key.endsWith('_PORT') });
  }
  return { text: lines.join(eol) + eol, keys };
}

void describe('BOM and trailing blanks vs Java 17 (Properties.load, Boolean.parseBoolean, Integer.parseInt)', () => {
  void test('400 texts with a BOM: bomEffect is what Java does, and the rule fires exactly when Java loses a key', () => {
    const r = rng(0xb0b);
    const texts: string[] = [];
    for (const f of FIRST_LINES) texts.push('\uFEFF' + f + '\n' + 'REPORTS_DB_NAME2=x\n');
    while (texts.length < 400) texts.push(bomText(r));
    const java = loadTypedWithJava(texts);
    let glued = 0;
    let swallowed = 0;
    let harmless = 0;
    for (let i = 0; i < texts.length; i++) {
      const text = texts[i]!;
      const where = JSON.stringify(text);
      const j = java[i]!;
      assert.ok(j.ok, where);
      const parsed = parseProperties(text);
      const effect = bomEffect(parsed);
      const reader = new Map([...j.table].map(([k, v]) => [k, v.value]));
      // Everything not carrying the mark is what our parse loads, minus the damaged entry.
      assert.deepEqual(withoutMarked(reader, '\uFEFF'), tableWithout(parsed, effect?.entry.index), where);
      // The stream reads the three BOM bytes as Latin-1 characters: the same damage, with another mark.
      assert.deepEqual(withoutMarked(j.stream, '\u00ef\u00bb\u00bf'), tableWithout(parsed, effect?.entry.index), where);
      const marked = [...reader.keys()].filter((k) => k.startsWith('\uFEFF'));
      if (effect?.how === 'glued') {
        glued++;
        assert.deepEqual(marked, ['\uFEFF' + effect.entry.key], where);
        assert.equal(reader.get('\uFEFF' + effect.entry.key), effect.entry.value, where);
        assert.equal(j.stream.get('\u00ef\u00bb\u00bf' + effect.entry.key), effect.entry.value, where);
      } else if (effect?.how === 'swallowed') {
        swallowed++;
        assert.deepEqual(marked, ['\uFEFF'], where);
      } else {
        harmless++;
        // at most a junk key made of the mark and the first word of a comment or blank line
        assert.ok(marked.length <= 1, where);
      }
      // The rule fires exactly when one of our keys is lost to the mark (the generator never repeats the first key).
      const lost = [...tableWithout(parsed, undefined).keys()].some((k) => !reader.has(k));
      const fired = run(reportsdbKind, text).some((f) => f.id === 'properties/byte-order-mark');
      assert.equal(fired, lost, where);
      // The editor's view (the mark hidden, the host saying so) reports the same key, one character earlier.
      const onDisk = run(reportsdbKind, text).filter((f) => f.id === 'properties/byte-order-mark').map((f) => [f.start - 1, f.end - 1]);
      const inEditor = run(reportsdbKind, text.slice(1), undefined, { bomRemoved: true }).filter((f) => f.id === 'properties/byte-order-mark');
      assert.deepEqual(inEditor.map((f) => [f.start, f.end]), onDisk, where);
      assert.ok(inEditor.every((f) => f.fixes?.length === 0), where);
    }
    assert.ok(glued > 50 && swallowed > 20 && harmless > 50, `glued ${glued}, swallowed ${swallowed}, harmless ${harmless}`);
  });

  void test('600 texts with typed keys: trailing blanks reported exactly when Java keeps them; the fix makes Java read the value as meant', () => {
    const r = rng(0x7ab);
    const cases: Array<ReturnType<typeof blankText>> = [];
    while (cases.length < 600) cases.push(blankText(r));
    const fixed = cases.map((c) => {
      const edits = run(reportsdbKind, c.text).filter((f) => f.id === 'properties/trailing-blanks').map((f) => f.fixes![0]!.edits).flat();
      return applyEdits(c.text, edits);
    });
    const java = loadTypedWithJava([...cases.map((c) => c.text), ...fixed]);
    let reported = 0;
    for (let i = 0; i < cases.length; i++) {
      const c = cases[i]!;
      const where = JSON.stringify(c.text);
      const before = tableOf(java[i]!, where);
      const after = tableOf(java[cases.length + i]!, where);
      const found = run(reportsdbKind, c.text).filter((f) => f.id === 'properties/trailing-blanks');
      for (const k of c.keys) {
        const loaded = before.get(k.key)!;
        const blanks = /[ \t\f]$/.test(loaded.value);
        const report = found.find((f) => f.message.startsWith(`${k.key} loads as`));
        assert.equal(report !== undefined, blanks, `${k.key} in ${where}`);
        if (blanks) {
          reported++;
          // the harm the message names is real in Java
          if (k.port) assert.equal(loaded.int, undefined, `${k.key} in ${where}`);
          else assert.equal(loaded.bool, false, `${k.key} in ${where}`);
        }
        // after the fix Java loads exactly the value meant, and reads it as meant
        const now = after.get(k.key)!;
        assert.equal(now.value, k.meant, `${k.key} fixed to ${JSON.stringify(fixed[i])}`);
        if (k.port) assert.equal(now.int, Number(k.meant), where);
        else assert.equal(now.bool, k.meant.toLowerCase() === 'true', where);
      }
    }
    assert.ok(reported > 300, `only ${reported} values had trailing blanks`);
  });
});
