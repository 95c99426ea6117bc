/**
 * The escaping fix of B.1 and the helpers that show what Java loads.
 *
 * The fix works out what the admin meant from how the value is written:
 * - written literally (every backslash run is a single backslash, except possibly a leading `\\` — a UNC
 *   prefix): every backslash was meant as a backslash, so each is doubled (`\\server\share` → `\\\\server\\share`,
 *   `C:\temp` → `C:\\temp`);
 * - written escaped (some run of two or more backslashes inside the value): the admin knows the rule and missed
 *   some, so each odd run that ends in a broken escape gets one more backslash (`\\\\host\\Root\ECE` →
 *   `\\\\host\\Root\\ECE`).
 * Deliberate escapes of `=`, `:`, `#`, `!` and blanks are left alone. After the fix Java loads the path the
 * admin meant; the fix is a set of single-character insertions (minimal edits).
 */
import type { FixProposal, OffsetEdit } from '../../core/types';
import { isSecretName, parseJdbcUrl, type JdbcUrl } from '../../parse/jdbcUrl';
import { parseProperties, type EscapeKind, type PropertiesEntry, type PropertiesEscape } from '../../parse/properties';
import type { PropertiesFileModel } from './model';
import { valueClassOf } from './schema';

interface Run {
  start: number;
  end: number;
  count: number;
  terminal?: PropertiesEscape;
  open: boolean;
}

const BROKEN: ReadonlySet<EscapeKind> = new Set<EscapeKind>(['unknown', 'control', 'unicode-malformed', 'continuation']);

function runsOf(escapes: readonly PropertiesEscape[]): Run[] {
  const runs: Run[] = [];
  let cur: Run | undefined;
  for (const e of escapes) {
    const isPair = e.kind === 'valid' && e.char === '\\';
    if (cur && cur.open && e.start === cur.end) {
      cur.end = e.end;
      if (isPair) cur.count += 2;
      else {
        cur.count += 1;
        cur.terminal = e;
        cur.open = false;
      }
      continue;
    }
    cur = isPair
      ? { start: e.start, end: e.end, count: 2, open: true }
      : { start: e.start, end: e.end, count: 1, terminal: e, open: false };
    runs.push(cur);
  }
  return runs;
}

/** The text of the natural line a continuation joins (from the end of the skipped blanks to the line break). */
export function continuedText(text: string, e: PropertiesEscape): string {
  let j = e.end;
  while (j < text.length && text[j] !== '\n' && text[j] !== '\r') j++;
  return text.slice(e.end, j);
}

/** The key a continued line would have had on its own (`KEY=...`), if it looks like one. */
export function swallowedKey(text: string, e: PropertiesEscape): string | undefined {
  return /^([^=:\s\\]+)[ \t\f]*[=:]/.exec(continuedText(text, e))?.[1];
}

/**
 * A continuation that is clearly meant: the next line is indented (Java skips that indentation) and does not
 * look like a `KEY=value` line of its own (a known key, or an ALL_CAPS key as these files use). Such wraps are
 * how long values are split on purpose.
 */
export function isDeliberateContinuation(model: PropertiesFileModel, e: PropertiesEscape): boolean {
  if (e.kind !== 'continuation') return false;
  const text = model.text;
  let afterBreak = e.start + 1;
  if (text[afterBreak] === '\r') afterBreak++;
  if (text[afterBreak] === '\n') afterBreak++;
  if (afterBreak === e.start + 1 || e.end <= afterBreak) return false;
  const next = continuedText(text, e);
  const key = swallowedKey(text, e);
  // `name=value` inside a wrapped JDBC URL is not a key line; a known key or an ALL_CAPS key is
  const keyLine = key !== undefined && (model.schema.keys.some((k) => k.key === key) || /^[A-Z][A-Z0-9_.]*$/.test(key));
  return next !== '' && !keyLine;
}

/**
 * Where the value of a swallowed natural line starts (the line after a continuation), read the way Java would
 * read that line on its own: after its key and separator. The whole line when it holds no key.
 */
function swallowedValueStart(text: string, from: number): number {
  let eol = from;
  while (eol < text.length && text[eol] !== '\n' && text[eol] !== '\r') eol++;
  const e = parseProperties(text.slice(from, eol)).entries[0];
  return e && e.valueStart > e.keyStart ? from + e.valueStart : from;
}

function segmentEdits(valueStart: number, escapes: readonly PropertiesEscape[], edits: OffsetEdit[]): void {
  const runs = runsOf(escapes);
  if (!runs.some((r) => r.terminal && BROKEN.has(r.terminal.kind))) return;
  const literal = runs.every((r) => r.count === 1 || (r.count === 2 && !r.terminal && r.start === valueStart));
  for (const r of runs) {
    if (literal) {
      if (r.count === 2) edits.push({ start: r.start, end: r.start, newText: '\\\\' });
      else if (r.terminal && (BROKEN.has(r.terminal.kind) || r.terminal.kind === 'unicode-ok')) {
        edits.push({ start: r.start, end: r.start, newText: '\\' });
      }
    } else if (r.count % 2 === 1 && r.terminal && BROKEN.has(r.terminal.kind)) {
      edits.push({ start: r.terminal.start, end: r.terminal.start, newText: '\\' });
    }
  }
}

/**
 * The insertions that make Java load what the admin meant in this entry's value (empty when nothing is broken).
 * A value that swallowed following lines (continuation) is handled one natural line at a time, each swallowed
 * line as the entry it becomes once the continuation is escaped.
 */
function valueEscapingEdits(model: PropertiesFileModel, entry: PropertiesEntry): OffsetEdit[] {
  const text = model.text;
  const edits: OffsetEdit[] = [];
  let start = entry.valueStart;
  let seg: PropertiesEscape[] = [];
  for (const e of entry.escapes) {
    if (e.part !== 'value') continue;
    const deliberate = e.kind === 'continuation' && isDeliberateContinuation(model, e);
    if (!deliberate) seg.push(e);
    if (e.kind === 'continuation') {
      segmentEdits(start, seg, edits);
      seg = [];
      start = deliberate ? e.end : swallowedValueStart(text, e.end);
    }
  }
  segmentEdits(start, seg, edits);
  return edits;
}

/** What Java loads for the entry's value once `edits` are applied (the first entry of the edited line). */
function valueAfter(model: PropertiesFileModel, entry: PropertiesEntry, edits: readonly OffsetEdit[]): string {
  let s = '';
  let pos = entry.lineStart;
  for (const e of [...edits].sort((a, b) => a.start - b.start)) {
    s += model.text.slice(pos, e.start) + e.newText;
    pos = e.end;
  }
  s += model.text.slice(pos, entry.fullEnd);
  return parseProperties(s).entries[0]?.value ?? '';
}

/** One fix per entry value, however many of its escapes are reported (entries are immutable parse results). */
const FIX_CACHE = new WeakMap<PropertiesEntry, FixProposal | null>();

/** The fix for a broken escape: the whole value's escaping for escapes in values; in keys the backslash goes. */
export function escapingFix(model: PropertiesFileModel, entry: PropertiesEntry, escape: PropertiesEscape): FixProposal | undefined {
  if (escape.part === 'key' && (escape.kind === 'unknown' || escape.kind === 'unicode-malformed')) {
    // Nobody means a backslash inside a key name: drop it (for an unknown escape Java drops it anyway).
    return {
      title: 'Remove the backslash from the key',
      edits: [{ start: escape.start, end: escape.start + 1, newText: '' }],
      safe: escape.kind === 'unknown',
      preferred: true,
    };
  }
  if (escape.part !== 'value') {
    return {
      title: 'Escape the backslash',
      edits: [{ start: escape.start, end: escape.start, newText: '\\' }],
      safe: true,
      preferred: true,
    };
  }
  const cached = FIX_CACHE.get(entry);
  if (cached !== undefined) return cached ?? undefined;
  const edits = valueEscapingEdits(model, entry);
  let fix: FixProposal | null = null;
  if (edits.length > 0) {
    const secret = valueClassOf(model.schema, entry.key) === 'secret';
    const after = secret ? '' : `: Java then loads ${quoted(showable(model, entry.key, valueAfter(model, entry, edits)))}`;
    fix = { title: `Escape the backslashes${after}`, edits, safe: true, preferred: true };
  }
  FIX_CACHE.set(entry, fix);
  return fix ?? undefined;
}

const SHOW: Record<number, string> = { 9: '⇥', 10: '↵', 13: '␍', 12: '␌' };

/** The text with control characters made visible (tab ⇥, line feed ↵, carriage return ␍, form feed ␌, others as control pictures). */
export function visible(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (SHOW[c]) out += SHOW[c];
    else if (c < 0x20) out += String.fromCharCode(0x2400 + c);
    else if (c === 0x7f) out += '␡';
    else out += s[i];
  }
  return out;
}

/** A loaded value for a message (plain text): visible controls, clipped, in double quotes ("(empty)" when empty). */
export function quoted(s: string, max = 80): string {
  const v = shownValue(s, max);
  return v === '' ? '(empty)' : `"${v}"`;
}

/** The same value as Markdown inline code, for hovers. */
export function markdownCode(s: string, max = 80): string {
  const v = shownValue(s, max);
  if (v === '') return '(empty)';
  const fence = v.includes('`') ? '``' : '`';
  const pad = v.startsWith('`') || v.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${v}${pad}${fence}`;
}

/**
 * A key as messages name it: visible controls, clipped to 80 characters. A key may run over thousands of continued
 * lines, and every escape of its entry is a finding that names it: unclipped, the messages of one file grow with the
 * square of its size.
 */
export function keyName(key: string): string {
  return shownValue(key, 80);
}

/** The same value without quotes (symbol details): "(empty)" when empty. */
export function plainValue(s: string, max = 80): string {
  return shownValue(s, max) || '(empty)';
}

function shownValue(s: string, max: number): string {
  let v = visible(s.length > max ? s.slice(0, max) : s);
  if (s.length > max) v = v.slice(0, max - 1) + '…';
  return v;
}

/** The last URL parsed (rules ask about the same value once per reported escape: keep that linear). */
let lastUrl: { text: string; url: JdbcUrl } | undefined;
function cachedUrl(text: string): JdbcUrl {
  if (lastUrl?.text !== text) lastUrl = { text, url: parseJdbcUrl(text) };
  return lastUrl.url;
}

/**
 * A value as it may be shown: in JDBC URL values the values of password-like properties are masked
 * (`password=••••`). Secret keys' values must not be passed here at all.
 */
export function showable(model: PropertiesFileModel, key: string, value: string): string {
  if (valueClassOf(model.schema, key) !== 'url' || !/password|secret|key|token/i.test(value)) return value;
  const url = cachedUrl(value);
  let out = '';
  let pos = 0;
  for (const p of url.properties) {
    if (!isSecretName(p.name) || p.valueSpan.end <= p.valueSpan.start) continue;
    out += value.slice(pos, p.valueSpan.start) + '••••';
    pos = p.valueSpan.end;
  }
  return out + value.slice(pos);
}

/** "KEY loads as `…`", or a neutral phrase for secrets (their value is never shown). */
export function loadsAs(model: PropertiesFileModel, entry: PropertiesEntry): string {
  const name = entry.key === '' ? 'this line' : keyName(entry.key);
  if (valueClassOf(model.schema, entry.key) === 'secret') return `${name} loads with a different value than written (value not shown)`;
  return `${name} loads as ${quoted(showable(model, entry.key, entry.value))}`;
}

/** True when the escape sits in a secret: a secret key's value, or a password-like property of a URL value. */
function inSecret(model: PropertiesFileModel, entry: PropertiesEntry, e: PropertiesEscape): boolean {
  if (e.part !== 'value') return false;
  const cls = valueClassOf(model.schema, entry.key);
  if (cls === 'secret') return true;
  if (cls !== 'url') return false;
  for (const p of cachedUrl(entry.value).properties) {
    if (!isSecretName(p.name)) continue;
    const start = entry.valueText.toRaw(p.valueSpan.start);
    const end = entry.valueText.toRaw(p.valueSpan.end);
    if (e.start >= start && e.start < Math.max(end, start + 1)) return true;
  }
  return false;
}

/** The raw text of an escape for messages: "\E", "\t", "\u12"; "A backslash" inside a secret. */
export function escapeText(model: PropertiesFileModel, entry: PropertiesEntry, e: PropertiesEscape): string {
  if (inSecret(model, entry, e)) return 'A backslash in a password';
  const raw = model.text.slice(e.start, Math.min(e.end, e.start + 6));
  return `"${visible(raw)}"`;
}

/** Per entry: where its first mistaken continuation starts (Infinity when none). */
const FIRST_CONT = new WeakMap<PropertiesEntry, number>();

/** For an escape on a line swallowed by a continuation: a sentence saying so ('' otherwise). */
export function swallowNote(model: PropertiesFileModel, entry: PropertiesEntry, e: PropertiesEscape): string {
  let first = FIRST_CONT.get(entry);
  if (first === undefined) {
    const c = entry.escapes.find((x) => x.kind === 'continuation' && !isDeliberateContinuation(model, x));
    first = c ? c.start : Infinity;
    FIRST_CONT.set(entry, first);
  }
  if (e.start <= first) return '';
  return ` (This line is part of ${entry.key === '' ? 'the previous value' : keyName(entry.key) + "'s value"} because the line above ends in a backslash.)`;
}
