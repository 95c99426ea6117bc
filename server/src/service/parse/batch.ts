/**
 * A position-keeping parser for Windows batch files (`.bat`) that finds every `SET` assignment and tells what
 * cmd.exe will hold in the variable, plus every `%VAR%` / `!VAR!` reference, label and comment. It never throws
 * and is linear in the length of the text. `docs/batch-files.md` lists the cmd.exe rules it relies on and where
 * they come from; in short, a line goes through these steps, in this order:
 *
 * 1. **Percent expansion** (per physical line, before anything else): `%%` is a literal `%`; `%0`..`%9`, `%*` and
 *    `%~dp0`-style forms are batch arguments; `%NAME%` (up to the next `%` on the same line) is a variable
 *    reference; a `%` with no partner on the line is dropped. A caret does not protect a percent sign (`^%A%` still
 *    expands). References are kept as opaque units: the parser never guesses their values.
 * 2. **Carriage returns are removed** everywhere (a lone CR does not end a line for cmd.exe; CTRL+Z does).
 * 3. **Special characters** (outside double quotes): `"` toggles quoting; `^` makes the next character literal and
 *    disappears (at the end of a line it joins the next line, whose first character is then literal, even a line
 *    break); `&`, `&&`, `|`, `||` end the command; `<`, `>`, `>>` (with an optional handle digit written after a
 *    blank: `2>nul`) are redirections, removed together with their target; `(` at a command start opens a block and
 *    `)` closes it (a `)` outside any block is an ordinary character). Inside quotes all of these are literal.
 * 4. **Delayed expansion** (only after `SETLOCAL EnableDelayedExpansion`, and only on commands holding a `!`):
 *    `!NAME!` is a reference, a lone `!` is dropped, and `^` escapes once more.
 * 5. **The command**: leading blanks, `,`, `;`, `=` and `@` are skipped; `:` starts a label (`::` is the usual
 *    comment); `REM` makes the rest of the line a comment; `IF` and `FOR` are followed by the command they run;
 *    `SET` is parsed as cmd.exe's SET does:
 *    - the argument's leading blanks are skipped; `SET /A` (arithmetic) and `SET /P` (typed by the user) are not
 *      plain assignments: their names are kept, their values are unknown;
 *    - `SET "name=value"`: the argument starts with a quote, so the text up to the **last** quote of the argument is
 *      the assignment and the rest is ignored; the quotes are not part of the value;
 *    - `SET name=value`: the name is everything before the first `=`, the value everything after it, blanks
 *      included on both sides (`SET A = B` sets `A ` to ` B`) and quotes included (`SET A="x"` holds `"x"`);
 *    - names are case-insensitive (`key` is the upper-cased name).
 *
 * What the parser does not model (it marks the value `uncertain` instead of guessing): text after a redirection
 * target (`SET A=x >nul y`), a name built from a reference, a file starting with a byte-order mark (cmd.exe reads
 * it as part of the first command). It follows the file from top to bottom: `GOTO`/`CALL` jumps are not followed, and
 * an assignment inside `IF`, `FOR` or a block is marked `conditional`; past 200 nested blocks/IFs/FORs the rest of a
 * command is only scanned. Values are never expanded: a value holding
 * `%JAVA_HOME%` lists that reference in `references`.
 */
import { lineAt, type DecodedText } from '../core/text';

export type BatchRefKind = 'variable' | 'delayed' | 'argument';

/** A `%NAME%`, `!NAME!` or `%1`/`%~dp0` reference, with its raw range. */
export interface BatchRef {
  kind: BatchRefKind;
  /** What is between the delimiters, as written: `JAVA_HOME`, `VAR:~0,2`, `~dp0`. */
  name: string;
  /** The variable it reads, upper-cased (`VAR` for `VAR:~0,2`); '' for arguments. */
  key: string;
  start: number;
  end: number;
  /** Inside a double-quoted string of the command (cmd.exe's quoting, step 3). */
  quoted: boolean;
  /** The raw range of that quoted string (from its opening quote to after its closing one), when `quoted`. */
  quoteStart?: number;
  quoteEnd?: number;
}

export type SetKind = 'plain' | 'arithmetic' | 'prompt';

export interface BatchAssignment {
  kind: SetKind;
  /** The name as cmd.exe holds it (blanks and case kept). */
  name: string;
  /** The name upper-cased: variables are case-insensitive. */
  key: string;
  /**
   * The value as cmd.exe holds it, references written as in the file (`%JAVA_HOME%\bin`), `%%` as `%`, carets
   * applied, trailing blanks and quotes kept. `undefined` for `SET /A` and `SET /P`.
   */
  value: string | undefined;
  /** `value` with a map back to raw offsets (empty text for `/A` and `/P`). */
  valueText: DecodedText;
  /** `SET "name=value"` is `quoted`; `SET name=value` (quotes, if any, belong to the value) is `plain`. */
  form: 'plain' | 'quoted';
  /** Raw range of the name (after leading blanks and the opening quote). */
  nameStart: number;
  nameEnd: number;
  /** Raw range of the value: from just after `=` to the end of its last character (before a closing quote). */
  valueStart: number;
  valueEnd: number;
  /** Quoted form: raw offsets of the opening and the closing (last) quote; -1 when there is none. */
  openQuote: number;
  closeQuote: number;
  /** Quoted form: raw range of the text after the closing quote that cmd.exe ignores (may be empty). */
  ignoredStart: number;
  ignoredEnd: number;
  /** Raw offset of the `SET` keyword and the raw end of the command (before `&`, `|`, the line break…). */
  setStart: number;
  end: number;
  /** 0-based line of the `SET` keyword. */
  line: number;
  /** References inside the value (in order). */
  references: BatchRef[];
  /** Inside an `IF`, a `FOR` or a parenthesised block: it may not run, or run several times. */
  conditional: boolean;
  /** Delayed expansion was on (after `SETLOCAL EnableDelayedExpansion`). */
  delayedExpansion: boolean;
  /** False when cmd.exe refuses the command (a redirection without a target, an empty name). */
  runs: boolean;
  /** Why the value cannot be relied on, when it cannot. */
  uncertain?: string;
}

export interface BatchLabel {
  name: string;
  start: number;
  end: number;
  line: number;
}

export interface BatchComment {
  style: 'rem' | 'colons';
  start: number;
  end: number;
}

export interface ParsedBatch {
  assignments: BatchAssignment[];
  /** Every reference in the file (values, commands, conditions), in order. */
  references: BatchRef[];
  labels: BatchLabel[];
  comments: BatchComment[];
  /** The text starts with U+FEFF. */
  bom: boolean;
}

const LF = 10;
const REF = -1;
/** Nested blocks, IFs and FORs analysed (cmd.exe itself gives up far earlier on real scripts). */
const MAX_NESTING = 200;
const enum C {
  Tab = 9,
  Space = 32,
  Quote = 34,
  Percent = 37,
  Amp = 38,
  LParen = 40,
  RParen = 41,
  Star = 42,
  Comma = 44,
  Slash = 47,
  Colon = 58,
  Semi = 59,
  Lt = 60,
  Eq = 61,
  Gt = 62,
  At = 64,
  Caret = 94,
  Pipe = 124,
  Tilde = 126,
  Bang = 33,
  CtrlZ = 26,
  CR = 13,
}

const isBlank = (c: number) => c === C.Space || c === C.Tab;
/** Token delimiters at a command start (cmd.exe skips them before the command word). */
const isLeadDelim = (c: number) => c === C.Space || c === C.Tab || c === C.Comma || c === C.Semi || c === C.Eq;
const isDigit = (c: number) => c >= 48 && c <= 57;
const isLetter = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);

/**
 * The characters of a command after steps 1 to 3 (or 4), as parallel arrays: one entry per character or whole
 * reference, with the raw text it came from. Arrays of small integers, so a long line costs no object per character.
 */
class Args {
  code = new Int32Array(16);
  raw = new Int32Array(16);
  end = new Int32Array(16);
  /** Bit 1: made literal by a caret. Bit 2: inside quotes. */
  flags = new Uint8Array(16);
  /** The reference at an index, for the entries that are one. */
  readonly ref = new Map<number, BatchRef>();
  length = 0;

  constructor(private readonly src: string) {}

  push(code: number, raw: number, end: number, flags: number, ref?: BatchRef): void {
    if (this.length === this.code.length) this.grow();
    const n = this.length++;
    this.code[n] = code;
    this.raw[n] = raw;
    this.end[n] = end;
    this.flags[n] = flags;
    if (ref) this.ref.set(n, ref);
  }

  private grow(): void {
    const size = this.code.length * 2;
    const g = <T extends Int32Array | Uint8Array>(a: T, b: T): T => {
      b.set(a);
      return b;
    };
    this.code = g(this.code, new Int32Array(size));
    this.raw = g(this.raw, new Int32Array(size));
    this.end = g(this.end, new Int32Array(size));
    this.flags = g(this.flags, new Uint8Array(size));
  }

  /** The character (or the reference as written) at `j`. */
  text(j: number): string {
    const c = this.code[j]!;
    return c >= 0 ? String.fromCharCode(c) : this.src.slice(this.raw[j]!, this.end[j]!);
  }

  /** What [from, to) holds, joined. */
  join(from: number, to: number): string {
    let out = '';
    let run = from;
    for (let j = from; j < to; j++) {
      if (this.code[j]! >= 0) continue;
      if (j > run) out += charsOf(this.code, run, j);
      out += this.text(j);
      run = j + 1;
    }
    return to > run ? out + charsOf(this.code, run, to) : out;
  }

  escaped(j: number): boolean {
    return (this.flags[j]! & 1) !== 0;
  }

  includes(code: number): boolean {
    return this.code.subarray(0, this.length).includes(code);
  }

  /** Empties the list for reuse. */
  reset(): this {
    this.length = 0;
    if (this.ref.size) this.ref.clear();
    return this;
  }

  /** Drops everything from `n` on. */
  truncate(n: number): void {
    if (n >= this.length) return;
    for (const k of [...this.ref.keys()]) if (k >= n) this.ref.delete(k);
    this.length = n;
  }
}

/** String.fromCharCode over a range of codes, in chunks (no argument-count limit). */
function charsOf(codes: Int32Array, from: number, to: number): string {
  let out = '';
  if (to - from <= 16) {
    for (let j = from; j < to; j++) out += String.fromCharCode(codes[j]!);
    return out;
  }
  for (let j = from; j < to; j += 8192) out += String.fromCharCode.apply(null, codes.subarray(j, Math.min(to, j + 8192)) as unknown as number[]);
  return out;
}

/** A decoded value: each character's raw offset (references map their written text one to one). */
function decodedValue(args: Args, from: number, to: number, rawEnd: number): DecodedText {
  const text = args.join(from, to);
  const map = new Int32Array(text.length);
  const ends = new Int32Array(text.length);
  let o = 0;
  for (let j = from; j < to; j++) {
    const len = args.code[j]! >= 0 ? 1 : args.end[j]! - args.raw[j]!;
    const contiguous = args.code[j]! < 0 || args.end[j]! - args.raw[j]! === 1;
    for (let q = 0; q < len; q++) {
      map[o] = contiguous ? args.raw[j]! + q : args.raw[j]!;
      ends[o++] = contiguous ? args.raw[j]! + q + 1 : args.end[j]!;
    }
  }
  const toRaw = (x: number) => (x < 0 ? (map.length ? map[0]! : rawEnd) : x >= text.length ? rawEnd : map[x]!);
  return { text, toRaw, toRawEnd: (x: number) => (x <= 0 || text.length === 0 ? toRaw(0) : ends[Math.min(x, text.length) - 1]!) };
}

/** What scanning the rest of a command gave. */
interface Scan {
  args: Args;
  /** Index in `args` where the first redirection was removed; -1 when none. */
  redirectAt: number;
  /** A redirection without a target: cmd.exe refuses the whole command. */
  badRedirect: boolean;
  end: number;
}

/**
 * Step 1 and 2 for the whole text: the units of every line, as parallel arrays (a code of -1 - k is reference k).
 */
class Units {
  readonly code: Int32Array;
  readonly raw: Int32Array;
  readonly end: Int32Array;
  readonly refs: Array<Omit<BatchRef, 'quoted'>> = [];
  length = 0;

  constructor(readonly text: string, from: number) {
    const n = text.length;
    this.code = new Int32Array(n - from + 1);
    this.raw = new Int32Array(n - from + 1);
    this.end = new Int32Array(n - from + 1);
    let i = from;
    while (i < n) {
      let le = i;
      while (le < n && text.charCodeAt(le) !== LF && text.charCodeAt(le) !== C.CtrlZ) le++;
      this.line(i, le);
      if (le < n) this.push(LF, le, le + 1);
      i = le + 1;
    }
  }

  private push(code: number, raw: number, end: number): void {
    this.code[this.length] = code;
    this.raw[this.length] = raw;
    this.end[this.length] = end;
    this.length++;
  }

  /** Percent expansion of one physical line [s, e), carriage returns dropped. */
  private line(s: number, e: number): void {
    const t = this.text;
    let nextPercent = -1;
    for (let i = s; i < e; ) {
      const c = t.charCodeAt(i);
      if (c === C.CR) {
        i++;
        continue;
      }
      if (c !== C.Percent) {
        this.push(c, i, i + 1);
        i++;
        continue;
      }
      const d = i + 1 < e ? t.charCodeAt(i + 1) : -1;
      if (d === C.Percent) {
        this.push(C.Percent, i, i + 2);
        i += 2;
        continue;
      }
      if (isDigit(d) || d === C.Star) {
        this.ref('argument', t.slice(i + 1, i + 2), '', i, i + 2);
        i += 2;
        continue;
      }
      if (d === C.Tilde) {
        let j = i + 2;
        while (j < e && /[fdpnxsatzFDPNXSATZ]/.test(t[j]!)) j++;
        if (j < e && t[j] === '$') {
          const colon = t.indexOf(':', j);
          j = colon >= 0 && colon < e ? colon + 1 : e;
        }
        if (j < e && isDigit(t.charCodeAt(j))) {
          this.ref('argument', t.slice(i + 1, j + 1), '', i, j + 1);
          i = j + 1;
          continue;
        }
      }
      // %NAME%: up to the next percent sign of this line; a percent sign without a partner is dropped.
      if (nextPercent <= i) {
        nextPercent = t.indexOf('%', i + 1);
        if (nextPercent < 0 || nextPercent >= e) nextPercent = e;
      }
      if (nextPercent >= e) {
        i++;
        continue;
      }
      const name = t.slice(i + 1, nextPercent).replace(/\r/g, '');
      this.ref('variable', name, refKey(name), i, nextPercent + 1);
      i = nextPercent + 1;
    }
  }

  private ref(kind: BatchRefKind, name: string, key: string, start: number, end: number): void {
    this.refs.push({ kind, name, key, start, end });
    this.push(REF - (this.refs.length - 1), start, end);
  }
}

/** The variable a reference reads: the part before a `:` (substring or replacement syntax), upper-cased. */
function refKey(name: string): string {
  const colon = name.indexOf(':');
  return (colon >= 0 ? name.slice(0, colon) : name).toUpperCase();
}

class BatchParser {
  private readonly u: Units;
  private i = 0;
  private readonly n: number;
  private readonly lineStarts: number[] = [0];
  private delayed = false;
  private readonly delayedStack: boolean[] = [];
  private nesting = 0;
  private readonly buffer: Args;
  private readonly delayedBuffer: Args;
  /** The (always empty) argument list of commands whose characters are not collected. */
  private readonly unused: Args;
  private firstCommand: boolean;
  readonly out: ParsedBatch;

  constructor(private readonly text: string) {
    const bom = text.charCodeAt(0) === 0xfeff;
    this.u = new Units(text, bom ? 1 : 0);
    this.buffer = new Args(text);
    this.delayedBuffer = new Args(text);
    this.unused = new Args(text);
    this.n = this.u.length;
    this.firstCommand = bom;
    this.out = { assignments: [], references: [], labels: [], comments: [], bom };
    for (let k = 0; k < text.length; k++) {
      const c = text.charCodeAt(k);
      if (c === C.CR) {
        if (text.charCodeAt(k + 1) === LF) k++;
        this.lineStarts.push(k + 1);
      } else if (c === LF) this.lineStarts.push(k + 1);
    }
  }

  parse(): ParsedBatch {
    while (this.i < this.n) {
      const before = this.i;
      this.sequence(0, false);
      if (this.at() === LF) this.i++;
      else if (this.i === before) this.i++; // nothing consumed: never loop on the same character
    }
    // Delayed references are found after the %references% of their command: keep the list in text order.
    this.out.references.sort((a, b) => a.start - b.start);
    return this.out;
  }

  private at(k = this.i): number {
    return k < this.n ? this.u.code[k]! : -2;
  }

  private lineOf(offset: number): number {
    return lineAt(this.lineStarts, offset);
  }

  /**
   * Commands joined by `&`, `&&`, `|`, `||` (and, inside a block, line breaks) up to the end of the logical line
   * (the line break is not consumed) or, inside a block, the `)` that closes it (not consumed).
   */
  private sequence(depth: number, conditional: boolean): void {
    for (;;) {
      this.command(depth, conditional);
      const c = this.at();
      if (c === C.Amp || c === C.Pipe) {
        this.i++;
        if (this.at() === c) this.i++;
        continue;
      }
      if (c === LF && depth > 0) {
        this.i++;
        continue;
      }
      return;
    }
  }

  /** One command from its start (leading delimiters and `@` included). Stops before its terminator. */
  private command(depth: number, conditional: boolean): void {
    // Blocks, IF and FOR nest by recursion: past MAX_NESTING the rest of the command is scanned, not analysed.
    if (this.nesting >= MAX_NESTING) {
      this.scan(depth, false);
      return;
    }
    this.nesting++;
    try {
      this.commandAt(depth, conditional);
    } finally {
      this.nesting--;
    }
  }

  private commandAt(depth: number, conditional: boolean): void {
    for (let c = this.at(); isLeadDelim(c) || c === C.At; c = this.at()) this.i++;
    const c = this.at();
    if (c === -2 || c === LF || c === C.Amp || c === C.Pipe) return;
    if (c === C.RParen && depth > 0) return;
    const first = this.firstCommand;
    this.firstCommand = false;
    if (c === C.LParen) {
      this.i++;
      this.sequence(depth + 1, conditional);
      if (this.at() === C.RParen) {
        this.i++;
        this.afterBlock(depth);
      }
      return;
    }
    if (c === C.Colon) {
      this.label();
      return;
    }
    const wordStart = this.i;
    let k = this.i;
    while (k < this.n && isLetter(this.at(k))) k++;
    const word = this.wordText(wordStart, k);
    const next = this.at(k);
    const endsWord = next === -2 || next === LF || isLeadDelim(next) || next === C.Amp || next === C.Pipe || next === C.Lt || next === C.Gt || (next === C.RParen && depth > 0);
    if (word === 'rem' && (endsWord || next === C.Slash)) {
      this.i = k;
      this.rem(wordStart);
      return;
    }
    if (word === 'set' && (isBlank(next) || next === C.Slash)) {
      this.i = k;
      this.set(wordStart, depth, conditional, first);
      return;
    }
    if ((word === 'setlocal' || word === 'endlocal') && endsWord) {
      this.i = k;
      const scan = this.scan(depth, true);
      const args = scan.args.join(0, scan.args.length).toLowerCase();
      if (word === 'setlocal') {
        this.delayedStack.push(this.delayed);
        if (/\benabledelayedexpansion\b/.test(args)) this.delayed = true;
        else if (/\bdisabledelayedexpansion\b/.test(args)) this.delayed = false;
      } else if (this.delayedStack.length) this.delayed = this.delayedStack.pop()!;
      return;
    }
    if (word === 'if' && endsWord && isBlank(next)) {
      this.i = k;
      if (this.ifCondition(depth)) this.command(depth, true);
      else this.scan(depth, false);
      return;
    }
    if (word === 'for' && endsWord && isBlank(next)) {
      this.i = k;
      if (this.forHeader()) this.command(depth, true);
      else this.scan(depth, false);
      return;
    }
    this.scan(depth, false);
  }

  /** After a block's `)`: `ELSE` and its command, or whatever follows on the line (redirections, operators). */
  private afterBlock(depth: number): void {
    let k = this.i;
    while (isBlank(this.at(k))) k++;
    const w = this.wordText(k, k + 4);
    if (w === 'else' && !isLetter(this.at(k + 4))) {
      this.i = k + 4;
      this.command(depth, true);
      return;
    }
    this.scan(depth, false);
  }

  private wordText(s: number, e: number): string {
    let w = '';
    for (let k = s; k < e && k < this.n; k++) {
      const c = this.at(k);
      if (!isLetter(c)) break;
      w += String.fromCharCode(c | 0x20);
    }
    return w;
  }

  /** `:label` or `:: comment`: the rest of the physical line is not executed. */
  private label(): void {
    const s = this.i;
    let k = s;
    while (k < this.n && this.at(k) !== LF) k++;
    const start = this.u.raw[s]!;
    const second = this.at(s + 1);
    if (second === C.Colon || second === -2 || second === LF || isLeadDelim(second)) {
      this.out.comments.push({ style: 'colons', start, end: this.u.end[k - 1]! });
    } else {
      // The name runs to the first delimiter or special character (a reference cannot be part of it).
      let e = s + 1;
      for (let c = this.at(e); e < k && c >= 0 && !isLeadDelim(c) && c !== C.Caret && c !== C.Amp && c !== C.Pipe && c !== C.Lt && c !== C.Gt; c = this.at(++e));
      if (e > s + 1) {
        const end = this.u.end[e - 1]!;
        this.out.labels.push({ name: this.text.slice(this.u.raw[s + 1]!, end), start, end, line: this.lineOf(start) });
      }
    }
    this.i = k;
  }

  /**
   * `REM ...`: the rest of the physical line is a comment. Only REM's first argument is parsed (so a caret ending
   * that first token joins the next line to the comment); a caret further on is just text.
   */
  private rem(start: number): void {
    let k = this.i;
    for (;;) {
      while (isBlank(this.at(k))) k++;
      let t = k;
      while (t < this.n && this.at(t) !== LF && !isBlank(this.at(t))) t++;
      const joins = t > k && this.at(t - 1) === C.Caret && this.at(t) === LF;
      while (k < this.n && this.at(k) !== LF) k++;
      if (joins && k + 1 < this.n) {
        k++;
        continue;
      }
      break;
    }
    const s = this.u.raw[start]!;
    this.out.comments.push({ style: 'rem', start: s, end: k > start ? this.u.end[k - 1]! : s });
    this.i = k;
  }

  /** IF [/I] [NOT] condition: leaves `i` at the command it runs. False when the condition cannot be read. */
  private ifCondition(depth: number): boolean {
    let t = this.ifToken(depth);
    if (t === undefined) return false;
    if (t.toLowerCase() === '/i') t = this.ifToken(depth);
    if (t?.toLowerCase() === 'not') t = this.ifToken(depth);
    if (t === undefined) return false;
    const lower = t.toLowerCase();
    if (lower === 'exist' || lower === 'defined' || lower === 'errorlevel' || lower === 'cmdextversion') {
      return this.ifToken(depth) !== undefined;
    }
    while (isBlank(this.at())) this.i++;
    if (this.at() === C.Eq && this.at(this.i + 1) === C.Eq) {
      while (this.at() === C.Eq) this.i++;
      return this.ifToken(depth) !== undefined;
    }
    const op = this.ifToken(depth)?.toLowerCase();
    if (op && /^(equ|neq|lss|leq|gtr|geq)$/.test(op)) return this.ifToken(depth) !== undefined;
    return false;
  }

  /** One operand of an IF condition (quotes and carets honoured); stops before `==`. */
  private ifToken(depth: number): string | undefined {
    while (isBlank(this.at()) || this.at() === C.Comma || this.at() === C.Semi) this.i++;
    let quote = false;
    let s = '';
    for (;;) {
      const c = this.at();
      if (c === -2 || c === LF) break;
      if (c < 0) {
        this.record(this.i, quote, -1);
        s += 'x';
        this.i++;
        continue;
      }
      if (c === C.Quote) quote = !quote;
      else if (!quote) {
        if (isBlank(c) || c === C.Comma || c === C.Semi || c === C.Amp || c === C.Pipe || c === C.Lt || c === C.Gt) break;
        if (c === C.Eq && this.at(this.i + 1) === C.Eq) break;
        if ((c === C.RParen && depth > 0) || c === C.LParen) break;
        if (c === C.Caret) {
          this.i++;
          if (this.at() === LF) this.i++;
          if (this.i < this.n) {
            s += String.fromCharCode(Math.max(this.at(), 0));
            this.i++;
          }
          continue;
        }
      }
      s += String.fromCharCode(c);
      this.i++;
    }
    return s === '' ? undefined : s;
  }

  /** FOR ... IN (set) DO: leaves `i` at the command after DO. False when the header cannot be read. */
  private forHeader(): boolean {
    let quote = false;
    let k = this.i;
    const refs: Array<[number, boolean]> = [];
    for (; k < this.n; k++) {
      const c = this.at(k);
      if (c === LF) return false;
      if (c < 0) refs.push([k, quote]);
      else if (c === C.Quote) quote = !quote;
      else if (!quote && c === C.LParen) break;
      else if (!quote && (c === C.Amp || c === C.Pipe)) return false;
    }
    if (k >= this.n) return false;
    let level = 0;
    for (; k < this.n; k++) {
      const c = this.at(k);
      if (c === LF) return false;
      if (c < 0) refs.push([k, quote]);
      else if (c === C.Quote) quote = !quote;
      else if (!quote && c === C.LParen) level++;
      else if (!quote && c === C.RParen && --level === 0) break;
    }
    if (k >= this.n) return false;
    k++;
    while (isBlank(this.at(k))) k++;
    if (this.wordText(k, k + 2) !== 'do' || isLetter(this.at(k + 2))) return false;
    for (const [at, q] of refs) this.record(at, q, -1);
    this.i = k + 2;
    return true;
  }

  /** Records the reference at unit `k`; returns it. */
  private record(k: number, quoted: boolean, quoteStart: number): BatchRef {
    const base = this.u.refs[REF - this.u.code[k]!]!;
    const ref: BatchRef = { ...base, quoted };
    if (quoted && quoteStart >= 0) ref.quoteStart = quoteStart;
    this.out.references.push(ref);
    return ref;
  }

  /**
   * Step 3 for the rest of a command: units up to `&`, `|`, the line break or a block's `)` (none consumed),
   * redirections removed. Every reference met is recorded; units are collected only when `collect`.
   */
  private scan(depth: number, collect: boolean): Scan {
    // One buffer, reused: a command's characters are consumed before the next command is scanned.
    const args = collect ? this.buffer.reset() : this.unused.reset();
    let quote = false;
    let quoteStart = -1;
    let pending: BatchRef[] = [];
    let redirectAt = -1;
    let badRedirect = false;
    const u = this.u;
    let lastEnd = this.i < this.n ? u.raw[this.i]! : this.text.length;
    const push = (k: number, escaped: boolean) => {
      const code = u.code[k]!;
      lastEnd = u.end[k]!;
      const flags = (escaped ? 1 : 0) | (quote ? 2 : 0);
      if (code < 0) {
        const ref = this.record(k, quote, quoteStart);
        if (quote) pending.push(ref);
        if (collect) args.push(REF, u.raw[k]!, u.end[k]!, flags, ref);
      } else if (collect) args.push(code, u.raw[k]!, u.end[k]!, flags);
    };
    const closeQuote = (end: number) => {
      for (const r of pending) r.quoteEnd = end;
      pending = [];
      quote = false;
    };
    while (this.i < this.n) {
      const k = this.i;
      const c = u.code[k]!;
      if (c === LF) break;
      if (quote) {
        push(k, false);
        if (c === C.Quote) closeQuote(u.end[k]!);
        this.i++;
        continue;
      }
      if (c === C.Quote) {
        quote = true;
        quoteStart = u.raw[k]!;
        push(k, false);
        this.i++;
        continue;
      }
      if (c === C.Caret) {
        if (k + 1 >= this.n) {
          lastEnd = u.end[k]!;
          this.i++;
          break;
        }
        if (u.code[k + 1] === LF) {
          this.i = k + 2;
          if (this.i < this.n) {
            push(this.i, true);
            this.i++;
          }
          continue;
        }
        push(k + 1, true);
        this.i = k + 2;
        continue;
      }
      if (c === C.Amp || c === C.Pipe) break;
      if (c === C.RParen && depth > 0) break;
      if (c === C.Lt || c === C.Gt) {
        // A single digit written right after a blank (or at the argument's start) is the handle: `2>nul`.
        const n = args.length;
        if (collect && n && isDigit(args.code[n - 1]!) && !args.escaped(n - 1) && (n === 1 || (isBlank(args.code[n - 2]!) && !args.escaped(n - 2)))) {
          args.truncate(n - 1);
        }
        if (redirectAt < 0) redirectAt = args.length;
        if (!this.redirection(depth)) badRedirect = true;
        lastEnd = u.end[this.i - 1]!;
        continue;
      }
      push(k, false);
      this.i++;
    }
    if (quote) closeQuote(lastEnd);
    return { args, redirectAt, badRedirect, end: lastEnd };
  }

  /** At `<` or `>`: consumes the operator and its target. False when the target is missing. */
  private redirection(depth: number): boolean {
    const op = this.at();
    this.i++;
    if (op === C.Gt && this.at() === C.Gt) this.i++;
    if (this.at() === C.Amp) {
      this.i++;
      if (isDigit(this.at())) {
        this.i++;
        return true;
      }
      return false;
    }
    while (isBlank(this.at())) this.i++;
    let quote = false;
    let any = false;
    while (this.i < this.n) {
      const c = this.at();
      if (c === LF) break;
      if (c < 0) {
        this.record(this.i, quote, -1);
      } else if (c === C.Quote) quote = !quote;
      else if (!quote) {
        if (isBlank(c) || c === C.Amp || c === C.Pipe || c === C.Lt || c === C.Gt || (c === C.RParen && depth > 0)) break;
        if (c === C.Caret) {
          this.i++;
          if (this.at() === LF) this.i++;
        }
      }
      any = true;
      this.i++;
    }
    return any;
  }

  /** `SET ...` from just after the keyword. */
  private set(keyword: number, depth: number, conditional: boolean, first: boolean): void {
    const setStart = this.u.raw[keyword]!;
    const delayed = this.delayed;
    const scan = this.scan(depth, true);
    let args = scan.args;
    let uncertain: string | undefined;
    if (scan.redirectAt >= 0) {
      for (let j = scan.redirectAt; j < args.length; j++) {
        if (!isBlank(args.code[j]!)) {
          uncertain = 'text follows a redirection on this line';
          break;
        }
      }
      args.truncate(scan.redirectAt);
    }
    if (delayed && args.includes(C.Bang)) args = this.delayedExpansion(args);
    if (first) uncertain ??= 'the file starts with a byte-order mark, which cmd.exe reads as part of the first command';
    const n = args.length;
    const code = args.code;

    let k = 0;
    while (k < n && isBlank(code[k]!)) k++;
    let kind: SetKind = 'plain';
    if (k < n && code[k] === C.Slash && !args.escaped(k)) {
      const l = k + 1 < n ? args.text(k + 1).toLowerCase() : '';
      const after = k + 2 < n ? code[k + 2]! : -2;
      if ((l === 'a' || l === 'p') && (after === -2 || isBlank(after) || after === C.Quote)) {
        kind = l === 'a' ? 'arithmetic' : 'prompt';
        k += 2;
        while (k < n && isBlank(code[k]!)) k++;
      } else return; // another switch: not an assignment this parser knows
    }
    const base = { setStart, end: scan.end, line: this.lineOf(setStart), conditional: conditional || depth > 0, delayedExpansion: delayed };

    if (kind === 'arithmetic') {
      this.arithmetic(args, k, base, uncertain, !scan.badRedirect);
      return;
    }
    let form: 'plain' | 'quoted' = 'plain';
    let openQuote = -1;
    let closeQuote = -1;
    let contentEnd = n;
    let ignoredStart = -1;
    let ignoredEnd = -1;
    if (k < n && code[k] === C.Quote) {
      form = 'quoted';
      openQuote = args.raw[k]!;
      k++;
      while (k < n && isBlank(code[k]!)) k++;
      let q = n - 1;
      while (q >= k && code[q] !== C.Quote) q--;
      if (q >= k) {
        contentEnd = q;
        closeQuote = args.raw[q]!;
        ignoredStart = args.end[q]!;
        ignoredEnd = Math.max(ignoredStart, args.end[n - 1]!);
      } else uncertain ??= 'the opening quote is never closed';
    }
    let eq = -1;
    for (let j = k; j < contentEnd; j++) {
      if (code[j] === C.Eq) {
        eq = j;
        break;
      }
    }
    if (eq < 0) return; // `SET name` lists variables; `SET` alone lists all
    const name = args.join(k, eq);
    for (let j = k; j < eq; j++) if (code[j]! < 0) uncertain ??= 'the name is built from a variable reference';
    const vFrom = eq + 1;
    const vTo = kind === 'prompt' ? vFrom : contentEnd;
    const valueStart = args.end[eq]!;
    const valueEnd = vTo > vFrom ? args.end[vTo - 1]! : valueStart;
    const references: BatchRef[] = [];
    for (const [j, r] of args.ref) if (j >= vFrom && j < vTo) references.push(r);
    references.sort((x, y) => x.start - y.start);
    const valueText = decodedValue(args, vFrom, vTo, valueEnd);
    const a: BatchAssignment = {
      kind,
      name,
      key: name.toUpperCase(),
      value: kind === 'prompt' ? undefined : valueText.text,
      valueText,
      form,
      nameStart: eq > k ? args.raw[k]! : args.raw[eq]!,
      nameEnd: eq > k ? args.end[eq - 1]! : args.raw[eq]!,
      valueStart,
      valueEnd,
      openQuote,
      closeQuote,
      ignoredStart: form === 'quoted' && closeQuote >= 0 ? ignoredStart : -1,
      ignoredEnd: form === 'quoted' && closeQuote >= 0 ? ignoredEnd : -1,
      ...base,
      references,
      runs: !scan.badRedirect && name !== '',
    };
    if (uncertain) a.uncertain = uncertain;
    this.out.assignments.push(a);
  }

  /** `SET /A`: every `name=` (or `name+=`…) at the top of a comma list; the values are computed by cmd.exe. */
  private arithmetic(
    args: Args,
    from: number,
    base: Pick<BatchAssignment, 'setStart' | 'end' | 'line' | 'conditional' | 'delayedExpansion'>,
    uncertain: string | undefined,
    runs: boolean,
  ): void {
    // Quotes only group the expression; commas at the top level separate assignments.
    const keep: number[] = [];
    const parts: number[][] = [keep];
    let level = 0;
    for (let j = from; j < args.length; j++) {
      const c = args.code[j]!;
      if (c === C.Quote) continue;
      if (c === C.LParen) level++;
      else if (c === C.RParen) level--;
      if (c === C.Comma && level === 0) parts.push([]);
      else parts[parts.length - 1]!.push(j);
    }
    for (const p of parts) {
      const eq = p.findIndex((j) => args.code[j] === C.Eq);
      if (eq < 0 || (eq + 1 < p.length && args.code[p[eq + 1]!] === C.Eq)) continue;
      let e = eq;
      while (e > 0 && args.code[p[e - 1]!]! >= 0 && '+-*/%&|^<>'.includes(args.text(p[e - 1]!))) e--;
      let st = 0;
      while (st < e && isBlank(args.code[p[st]!]!)) st++;
      let t = e;
      while (t > st && isBlank(args.code[p[t - 1]!]!)) t--;
      const idx = p.slice(st, t);
      if (!idx.length || idx.some((j) => args.code[j]! < 0 || /[\s()!~]/.test(args.text(j)))) continue;
      const name = idx.map((j) => args.text(j)).join('');
      const at = args.end[p[eq]!]!;
      const a: BatchAssignment = {
        kind: 'arithmetic',
        name,
        key: name.toUpperCase(),
        value: undefined,
        valueText: { text: '', toRaw: () => at, toRawEnd: () => at },
        form: 'plain',
        nameStart: args.raw[idx[0]!]!,
        nameEnd: args.end[idx[idx.length - 1]!]!,
        valueStart: at,
        valueEnd: at,
        openQuote: -1,
        closeQuote: -1,
        ignoredStart: -1,
        ignoredEnd: -1,
        ...base,
        references: [],
        runs,
      };
      if (uncertain) a.uncertain = uncertain;
      this.out.assignments.push(a);
    }
  }

  /** Step 4 on a command's characters: `!NAME!` references, lone `!` dropped, carets escape once more. */
  private delayedExpansion(args: Args): Args {
    const out = this.delayedBuffer.reset();
    const n = args.length;
    for (let j = 0; j < n; j++) {
      const c = args.code[j]!;
      if (c === C.Caret) {
        if (j + 1 < n) out.push(args.code[j + 1]!, args.raw[j + 1]!, args.end[j + 1]!, args.flags[j + 1]! | 1, args.ref.get(j + 1));
        j++;
        continue;
      }
      if (c !== C.Bang) {
        out.push(c, args.raw[j]!, args.end[j]!, args.flags[j]!, args.ref.get(j));
        continue;
      }
      let m = j + 1;
      while (m < n && args.code[m] !== C.Bang) m++;
      if (m >= n) continue; // a lone `!` is dropped
      const name = args.join(j + 1, m);
      const start = args.raw[j]!;
      const end = args.end[m]!;
      const quoted = (args.flags[j]! & 2) !== 0;
      const ref: BatchRef = { kind: 'delayed', name, key: refKey(name), start, end, quoted };
      this.out.references.push(ref);
      out.push(REF, start, end, args.flags[j]!, ref);
      j = m;
    }
    return out;
  }
}

/** Parses a batch file. Never throws; linear in the length of the text. */
export function parseBatch(text: string): ParsedBatch {
  return new BatchParser(text).parse();
}
