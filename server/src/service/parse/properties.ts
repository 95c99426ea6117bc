/**
 * A position-keeping parser for Java `.properties` files that reproduces what
 * `java.util.Properties.load(Reader)` (JDK 17) loads, character for character:
 *
 * - natural lines end at `\n`, `\r` or `\r\n`; a natural line ending in an odd number of backslashes
 *   continues the logical line, and the next natural line's leading blanks (space, tab, form feed) are dropped;
 * - leading blanks of a line are skipped; blank lines are skipped; `#` or `!` as the first character of a
 *   logical line (even after a continuation that produced nothing) makes the rest of that natural line a comment;
 * - the key ends at the first unescaped `=`, `:`, space, tab or form feed; then blanks, at most one `=`/`:`
 *   and more blanks are skipped; the rest of the logical line is the value (trailing blanks kept);
 * - escapes `\t \n \r \f \uXXXX`; a backslash before any other character is dropped; a `\u` without four
 *   hex digits makes Java throw `IllegalArgumentException: Malformed \uxxxx encoding.`
 *
 * For every entry the raw ranges (key, separator, value, whole logical line) and the decoded key and value
 * are kept, with a map from decoded offsets back to raw offsets. Every escape is recorded so rules never
 * re-scan. The parser never throws and is linear in the length of the text.
 *
 * One deliberate difference: a leading byte-order mark (U+FEFF) is skipped; `ParsedProperties.bom` tells whether
 * there was one, and `bomEffect` what Java's `load` does with it instead (U+FEFF is not a blank to Java, so it starts
 * the first logical line: glued to the first key, or, before leading blanks, a key of its own).
 */
import { lineStartOf, type DecodedText } from '../core/text';

/**
 * - `valid`: `\\`, or a backslash before `=`, `:`, `#`, `!`, space, tab or form feed (meaningful, loads that character);
 * - `control`: `\t`, `\n`, `\r`, `\f` (loads a control character);
 * - `unknown`: a backslash before any other character (the backslash is silently dropped);
 * - `unicode-ok`: `\uXXXX`; `unicode-malformed`: `\u` without four hex digits (Java throws);
 * - `continuation`: an odd trailing backslash that joins the next natural line (or is dropped at the end of the file).
 */
export type EscapeKind = 'valid' | 'unknown' | 'control' | 'unicode-ok' | 'unicode-malformed' | 'continuation';

export type EntryPart = 'key' | 'separator' | 'value';

export interface PropertiesEscape {
  /** Raw offset of the backslash. */
  start: number;
  /**
   * Raw end (exclusive): after the escaped character; after the four hex digits of `\uXXXX`; for a malformed
   * `\u` after `u` and the hex digits that were still valid; for a continuation after the line break and the
   * skipped leading blanks of the next line (just after the backslash at the end of the file).
   */
  end: number;
  kind: EscapeKind;
  /** The character after the backslash (`u` for unicode escapes, '' for continuations). */
  char: string;
  /** What Java puts into the loaded text for this escape ('' for continuations). */
  decoded: string;
  part: EntryPart;
  /** Index of the entry in `ParsedProperties.entries`. */
  entry: number;
}

export interface PropertiesEntry {
  index: number;
  /** Decoded key and value: exactly what `Properties.load` puts into the table. */
  key: string;
  value: string;
  keyText: DecodedText;
  valueText: DecodedText;
  /** Raw key range. */
  keyStart: number;
  keyEnd: number;
  /** Raw range between key and value: blanks and the `=`/`:` (if any). */
  separatorStart: number;
  separatorEnd: number;
  /** True when an unescaped `=` or `:` separates key and value. */
  hasSeparator: boolean;
  /** Raw value range (may span continuation lines). */
  valueStart: number;
  valueEnd: number;
  /** Start of the first natural line of the logical line (its leading blanks included). */
  lineStart: number;
  /** Raw offset of the first non-blank character of the logical line. */
  contentStart: number;
  /** Where the logical line ends: the offset of its terminating line break, or the end of the text. */
  lineEnd: number;
  /** After the terminating line break (`\r\n` counted whole). Deleting [lineStart, fullEnd) removes the entry. */
  fullEnd: number;
  /** Escapes inside this logical line, in order. */
  escapes: PropertiesEscape[];
  /** True when Java would throw on this entry (malformed `\u`). */
  malformed: boolean;
}

export interface PropertiesComment {
  /** Raw offset of the `#` or `!`. */
  start: number;
  /** Before the line break. */
  end: number;
  /** The comment text after the marker. */
  text: string;
  /** Start of its natural line. */
  lineStart: number;
}

export interface ParsedProperties {
  text: string;
  /** True when the text starts with U+FEFF (skipped). */
  bom: boolean;
  entries: PropertiesEntry[];
  comments: PropertiesComment[];
  /** Every escape in the file, in order. */
  escapes: PropertiesEscape[];
  /** True when Java's `load` throws on this text (some entry holds a malformed `\u`). */
  malformedUnicode: boolean;
  /** Decoded key → the entry Java keeps (the last one). */
  table: Map<string, PropertiesEntry>;
  /** Decoded key → every entry with that key, in order. */
  byKey: Map<string, PropertiesEntry[]>;
}

const SP = 0x20;
const TAB = 0x09;
const FF = 0x0c;
const LF = 0x0a;
const CR = 0x0d;
const BS = 0x5c;
const EQ = 0x3d;
const COLON = 0x3a;
const HASH = 0x23;
const BANG = 0x21;
const U = 0x75;

const isBlank = (c: number) => c === SP || c === TAB || c === FF;

function hexValue(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x61 && c <= 0x66) return c - 0x61 + 10;
  if (c >= 0x41 && c <= 0x46) return c - 0x41 + 10;
  return -1;
}

/**
 * A decoded key or value with its way back to raw offsets, kept as runs instead of one number per character:
 * `pieces` is a flat list of triples (decoded start, raw start, raw end); inside a run decoded and raw offsets
 * advance together (an escape is a run of one decoded character that maps to its whole escape sequence).
 */
function decodedText(text: string, pieces: number[], rawEnd: number): DecodedText {
  const len = text.length;
  if (pieces.length === 3) {
    // One run (no escape, no continuation): the common case.
    const base = pieces[1]!;
    const at = (o: number) => (o >= len ? rawEnd : o < 0 ? base : base + o);
    return { text, toRaw: at, toRawEnd: (o) => (o <= 0 ? base : base + Math.min(o, len)) };
  }
  /** The last run starting at or before decoded offset `o`. */
  const runAt = (o: number): number => {
    let lo = 0;
    let hi = pieces.length / 3 - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (pieces[mid * 3]! <= o) lo = mid;
      else hi = mid - 1;
    }
    return lo * 3;
  };
  const toRaw = (o: number): number => {
    if (o >= len) return rawEnd;
    if (o < 0) return len ? pieces[1]! : rawEnd;
    const r = runAt(o);
    return pieces[r + 1]! + (o - pieces[r]!);
  };
  return {
    text,
    toRaw,
    toRawEnd: (o: number): number => {
      if (o <= 0 || len === 0) return toRaw(0);
      const c = Math.min(o, len) - 1;
      const r = runAt(c);
      const next = r + 3 < pieces.length ? pieces[r + 3]! : len;
      // The run's last character ends at the run's raw end; an earlier one where the next character starts.
      return c === next - 1 ? pieces[r + 2]! : pieces[r + 1]! + (c - pieces[r]!) + 1;
    },
  };
}

/** Parses a properties text the way `java.util.Properties.load(Reader)` reads it. Never throws; linear. */
export function parseProperties(text: string): ParsedProperties {
  return new PropertiesReader(text).parse();
}

/** A continuation of the current logical line: raw start of the backslash, where it was in `buf`, raw end. */
interface Continuation {
  start: number;
  at: number;
  end: number;
}

/**
 * The reading of one text, in the order Java reads it: `readLine` mirrors `Properties.LineReader.readLine` (logical
 * lines, comments, continuations), `entry` mirrors `Properties.load0` (where the key ends and the value starts) and
 * `convert` mirrors `Properties.loadConvert` (escapes), split into one method per kind of escape.
 */
class PropertiesReader {
  private readonly n: number;
  private readonly bom: boolean;
  /** The next raw offset to read. */
  private i: number;
  private readonly entries: PropertiesEntry[] = [];
  private readonly comments: PropertiesComment[] = [];
  private readonly allEscapes: PropertiesEscape[] = [];
  private malformedUnicode = false;

  // The logical line being read: char codes and the raw offset of each (reused for every line, grown on demand).
  private buf = new Uint16Array(256);
  private raw = new Int32Array(256);
  private readonly conts: Continuation[] = [];
  /** Set by `readLine`: where the logical line's last natural line ends, without and with its line break. */
  private lineEndAt = 0;
  private fullEndAt = 0;
  /** Set by `readLine`: raw offset of the line's first character (-1 when it has none). */
  private firstRaw = -1;

  // The entry being built.
  private limit = 0;
  private index = 0;
  private contentEnd = 0;
  private escapes: PropertiesEscape[] = [];
  private entryMalformed = false;
  // The key or value being converted: its decoded text and its runs (decoded start, raw start, raw end).
  private out = '';
  private pieces: number[] = [];

  constructor(private readonly text: string) {
    this.n = text.length;
    this.bom = this.n > 0 && text.charCodeAt(0) === 0xfeff;
    this.i = this.bom ? 1 : 0;
  }

  parse(): ParsedProperties {
    for (;;) {
      this.limit = this.readLine();
      if (this.limit < 0) break;
      this.entry();
    }
    const table = new Map<string, PropertiesEntry>();
    const byKey = new Map<string, PropertiesEntry[]>();
    for (const e of this.entries) {
      table.set(e.key, e);
      const list = byKey.get(e.key);
      if (list) list.push(e);
      else byKey.set(e.key, [e]);
    }
    const { text, bom, entries, comments, allEscapes, malformedUnicode } = this;
    return { text, bom, entries, comments, escapes: allEscapes, malformedUnicode, table, byKey };
  }

  private grow(): void {
    const b = new Uint16Array(this.buf.length * 2);
    b.set(this.buf);
    this.buf = b;
    const r = new Int32Array(this.raw.length * 2);
    r.set(this.raw);
    this.raw = r;
  }

  /** A line starts after a line break, or after the BOM on the first line. */
  private lineStartAt(offset: number): number {
    return Math.max(lineStartOf(this.text, offset), this.bom ? 1 : 0);
  }

  /**
   * Mirrors LineReader.readLine(): the next logical line into `buf`/`raw`, its continuations into `conts`; returns
   * its length, or -1 at the end. Also sets `lineEndAt` / `fullEndAt` / `firstRaw`.
   */
  private readLine(): number {
    const { text, n, conts } = this;
    conts.length = 0;
    this.firstRaw = -1;
    let len = 0;
    let skipWhiteSpace = true;
    let appendedLineBegin = false;
    let precedingBackslash = false;
    let pending: Continuation | null = null;
    for (;;) {
      if (this.i >= n) {
        this.lineEndAt = n;
        this.fullEndAt = n;
        if (len === 0) return -1;
        if (precedingBackslash) {
          len -= 1;
          conts.push({ start: this.raw[len]!, at: len, end: this.raw[len]! + 1 });
        }
        return len;
      }
      const c = text.charCodeAt(this.i++);
      if (skipWhiteSpace) {
        if (isBlank(c)) {
          if (pending) pending.end = this.i;
          continue;
        }
        if (!appendedLineBegin && (c === CR || c === LF)) continue;
        skipWhiteSpace = false;
        appendedLineBegin = false;
        pending = null;
      }
      if (len === 0 && (c === HASH || c === BANG)) {
        if (this.comment()) return -1;
        skipWhiteSpace = true;
        continue;
      }
      if (c !== LF && c !== CR) {
        if (this.firstRaw < 0) this.firstRaw = this.i - 1;
        if (len === this.buf.length) this.grow();
        this.buf[len] = c;
        this.raw[len] = this.i - 1;
        len++;
        precedingBackslash = c === BS ? !precedingBackslash : false;
        continue;
      }
      if (len === 0) {
        skipWhiteSpace = true;
        continue;
      }
      const eolAt = this.i - 1;
      if (this.i >= n) {
        this.lineEndAt = eolAt;
        this.fullEndAt = n;
        if (precedingBackslash) {
          len -= 1;
          conts.push({ start: this.raw[len]!, at: len, end: n });
        }
        return len;
      }
      if (!precedingBackslash) {
        this.lineEndAt = eolAt;
        this.fullEndAt = c === CR && text.charCodeAt(this.i) === LF ? this.i + 1 : this.i;
        return len;
      }
      // A continuation: the next natural line goes on this logical line, its leading blanks skipped.
      len -= 1;
      skipWhiteSpace = true;
      appendedLineBegin = true;
      precedingBackslash = false;
      if (c === CR && text.charCodeAt(this.i) === LF) this.i++;
      pending = { start: this.raw[len]!, at: len, end: this.i };
      conts.push(pending);
    }
  }

  /**
   * A comment line (its `#` or `!` just read, at the start of a logical line): kept, with its terminator consumed.
   * Returns true when it ends the text.
   */
  private comment(): boolean {
    const { text, n } = this;
    const start = this.i - 1;
    let i = this.i;
    while (i < n) {
      const d = text.charCodeAt(i);
      if (d === CR || d === LF) break;
      i++;
    }
    this.comments.push({ start, end: i, text: text.slice(start + 1, i), lineStart: this.lineStartAt(start) });
    if (i >= n) {
      this.i = i;
      this.lineEndAt = n;
      this.fullEndAt = n;
      return true;
    }
    this.i = i + 1; // Java consumes the terminator (a following LF of CRLF is then skipped as a blank line)
    return false;
  }

  /** Mirrors Properties.load0 on the logical line in `buf`: the key's end, the separator, the value; then the entry. */
  private entry(): void {
    const { buf, limit, conts } = this;
    const index = (this.index = this.entries.length);
    let keyLen = 0;
    let valueStart = limit;
    let hasSep = false;
    let pb = false;
    while (keyLen < limit) {
      const c = buf[keyLen]!;
      if ((c === EQ || c === COLON) && !pb) {
        valueStart = keyLen + 1;
        hasSep = true;
        break;
      } else if (isBlank(c) && !pb) {
        valueStart = keyLen + 1;
        break;
      }
      pb = c === BS ? !pb : false;
      keyLen++;
    }
    while (valueStart < limit) {
      const c = buf[valueStart]!;
      if (!isBlank(c)) {
        if (!hasSep && (c === EQ || c === COLON)) hasSep = true;
        else break;
      }
      valueStart++;
    }

    const escapes: PropertiesEscape[] = (this.escapes = []);
    this.entryMalformed = false;
    const firstRaw = this.firstRaw;
    this.contentEnd = limit > 0 ? this.raw[limit - 1]! + 1 : firstRaw >= 0 ? firstRaw : this.lineEndAt;

    const k = this.convert(0, keyLen, 'key');
    const v = this.convert(valueStart, limit, 'value');
    for (const c of conts) {
      const part: EntryPart = c.at < keyLen ? 'key' : c.at >= valueStart ? 'value' : 'separator';
      escapes.push({ start: c.start, end: c.end, kind: 'continuation', char: '', decoded: '', part, entry: index });
    }
    // Key and value escapes come in order already; only continuations need sorting in.
    if (conts.length > 0) escapes.sort((a, b) => a.start - b.start);
    if (this.entryMalformed) this.malformedUnicode = true;

    const keyStart = this.rawAt(0);
    const keyEnd = keyLen > 0 ? k.rawEnd : keyStart;
    const vStart = this.rawAt(valueStart);
    this.entries.push({
      index,
      key: k.text,
      value: v.text,
      keyText: decodedText(k.text, k.pieces, keyEnd),
      valueText: decodedText(v.text, v.pieces, v.rawEnd),
      keyStart,
      keyEnd,
      separatorStart: keyEnd,
      separatorEnd: vStart,
      hasSeparator: hasSep,
      valueStart: vStart,
      valueEnd: v.rawEnd,
      lineStart: this.lineStartAt(firstRaw >= 0 ? firstRaw : keyStart),
      contentStart: firstRaw >= 0 ? firstRaw : keyStart,
      lineEnd: this.lineEndAt,
      fullEnd: this.fullEndAt,
      escapes,
      malformed: this.entryMalformed,
    });
    for (const e of escapes) this.allEscapes.push(e);
  }

  /** Raw offset of a position in the logical line buffer (end positions map to just after the previous char). */
  private rawAt(p: number): number {
    return p < this.limit ? this.raw[p]! : this.contentEnd;
  }

  private rawEndAt(p: number, from: number): number {
    return p > from ? this.raw[p - 1]! + 1 : this.rawAt(from);
  }

  /** Mirrors Properties.loadConvert on [from, to) of the logical line. */
  private convert(from: number, to: number, part: EntryPart): { text: string; pieces: number[]; rawEnd: number } {
    this.out = '';
    this.pieces = [];
    const buf = this.buf;
    let j = from;
    while (j < to) {
      if (buf[j] !== BS) j = this.plainRun(j, to);
      else if (j + 1 >= to) j++; // Unreachable with Java's line reader (a lone trailing backslash never ends a segment); be safe.
      else if (buf[j + 1] === U) j = this.unicodeEscape(j, to, part);
      else j = this.charEscape(j, part);
    }
    return { text: this.out, pieces: this.pieces, rawEnd: this.rawEndAt(to, from) };
  }

  /** A run of plain characters copied at once, straight from the text (split where a continuation skipped raw text). */
  private plainRun(j: number, to: number): number {
    const { buf, raw, text, pieces } = this;
    let k = j + 1;
    while (k < to && buf[k] !== BS) k++;
    let q = j;
    while (q < k) {
      let r = q + 1;
      while (r < k && raw[r] === raw[r - 1]! + 1) r++;
      pieces.push(this.out.length, raw[q]!, raw[r - 1]! + 1);
      this.out += text.slice(raw[q]!, raw[r - 1]! + 1);
      q = r;
    }
    return k;
  }

  /** `\uXXXX`; a malformed one (Java throws) is kept as if the backslash were dropped. */
  private unicodeEscape(j: number, to: number, part: EntryPart): number {
    const { buf, raw } = this;
    const start = raw[j]!;
    let k = j + 2;
    let value = 0;
    let ok = k <= to - 4;
    if (ok) {
      for (let q = 0; q < 4; q++) {
        const h = hexValue(buf[k]!);
        if (h < 0) {
          ok = false;
          break;
        }
        value = (value << 4) + h;
        k++;
      }
    } else {
      // count the hex digits that are there, for the range
      while (k < to && k < j + 6 && hexValue(buf[k]!) >= 0) k++;
    }
    if (ok) {
      const ch = String.fromCharCode(value);
      this.escapes.push({ start, end: raw[k - 1]! + 1, kind: 'unicode-ok', char: 'u', decoded: ch, part, entry: this.index });
      this.pieces.push(this.out.length, start, raw[k - 1]! + 1);
      this.out += ch;
      return k;
    }
    this.entryMalformed = true;
    this.escapes.push({ start, end: raw[k - 1]! + 1, kind: 'unicode-malformed', char: 'u', decoded: 'u', part, entry: this.index });
    // Java throws here; for hovers we keep going as if the backslash were dropped.
    this.pieces.push(this.out.length, start, raw[j + 1]! + 1);
    this.out += 'u';
    return j + 2;
  }

  /** `\t \r \n \f` (controls), `\\ \= \: \# \!` and blanks (valid), anything else (unknown: the backslash is dropped). */
  private charEscape(j: number, part: EntryPart): number {
    const raw = this.raw;
    const start = raw[j]!;
    const e = this.buf[j + 1]!;
    let ch: string;
    let kind: EscapeKind;
    if (e === 0x74) { ch = '\t'; kind = 'control'; }
    else if (e === 0x72) { ch = '\r'; kind = 'control'; }
    else if (e === 0x6e) { ch = '\n'; kind = 'control'; }
    else if (e === 0x66) { ch = '\f'; kind = 'control'; }
    else {
      ch = String.fromCharCode(e);
      kind = e === BS || e === EQ || e === COLON || e === HASH || e === BANG || isBlank(e) ? 'valid' : 'unknown';
    }
    this.escapes.push({ start, end: raw[j + 1]! + 1, kind, char: String.fromCharCode(e), decoded: ch, part, entry: this.index });
    this.pieces.push(this.out.length, start, raw[j + 1]! + 1);
    this.out += ch;
    return j + 2;
  }
}

/**
 * Escapes text so that `Properties.load` reads it back as exactly `s` when it stands inside a value
 * (not at its start): backslashes doubled, control characters as `\t \n \r \f`, other C0 controls as `\uXXXX`.
 * With `atValueStart`, leading blanks are escaped too (Java would skip them).
 */
export function escapePropertiesValue(s: string, atValueStart = false): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === BS) out += '\\\\';
    else if (c === TAB) out += '\\t';
    else if (c === LF) out += '\\n';
    else if (c === CR) out += '\\r';
    else if (c === FF) out += '\\f';
    else if (c < 0x20) out += '\\u' + c.toString(16).toUpperCase().padStart(4, '0');
    else if (c === SP && atValueStart && out.length === 0) out += '\\ ';
    else out += s[i];
  }
  return out;
}

/** Escapes text for use as a key: like values, plus `=`, `:`, `#`, `!` and every blank. */
export function escapePropertiesKey(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    if (ch === '=' || ch === ':' || ch === '#' || ch === '!' || ch === ' ') out += '\\' + ch;
    else out += escapePropertiesValue(ch);
  }
  return out;
}

/**
 * What Java's `Properties.load` does with a leading byte-order mark that this parser skipped (verified on Java 17,
 * with `load(Reader)`, where it is U+FEFF, and with `load(InputStream)`, where its three bytes are read as Latin-1
 * characters; both are non-blank characters to the LineReader):
 * - `glued`: the first logical line is this entry and starts right after the mark: Java's key is the mark followed
 *   by `entry.key`, so `entry.key` itself is never set by this line;
 * - `swallowed`: the entry's line starts with blanks after the mark: Java's key is the mark alone and the rest of
 *   the line (this entry's key, separator and value) becomes its value.
 * With `removed`, the mark is taken to stand before the text (the file on disk has it, the text handed over does not).
 * Undefined when there is no mark, or when the mark only starts a comment or blank line (Java then loads a junk key
 * made of the mark and that line's first word, which no utility reads: harmless).
 */
export function bomEffect(parsed: ParsedProperties, removed = false): { entry: PropertiesEntry; how: 'glued' | 'swallowed' } | undefined {
  const e = parsed.entries[0];
  // `removed`: the mark is on disk but not in the text (an editor hid it), so the file's first line starts at 0.
  const at = parsed.bom ? 1 : removed ? 0 : -1;
  if (at < 0 || !e || e.lineStart !== at) return undefined;
  return { entry: e, how: e.contentStart === at ? 'glued' : 'swallowed' };
}
