/**
 * Seeded text mutations: insertions, deletions and replacements of the characters that matter to ECE's formats
 * (markup, entities, JDBC separators, properties escapes, batch carets and percents, quotes, braces), line breaks of
 * every kind, NUL, byte-order marks, lone and paired surrogates, CDATA and comment openers and closers, `\u` escapes,
 * bursts of deep nesting or of many attributes, span duplication and deletion, and pieces of other seed files.
 * Everything is drawn from the given `seededRandom`, so a seed gives the same text on every run.
 */
import type { KindId } from '../../../server/src/service/core/types';

export type Rnd = () => number;

export const pick = <T>(r: Rnd, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
export const int = (r: Rnd, lo: number, hi: number): number => lo + Math.floor(r() * (hi - lo + 1));

/** Single characters and short tokens that change how a file reads. */
export const SPECIAL: readonly string[] = [
  '<', '>', '&', ';', '=', '"', "'", '{', '}', '\\', '^', '%', ':', '#', '!', '@', '/', '`', '$', '(', ')', '[', ']', ',', '*', '?', '|',
  ' ', '\t', '\f', '\r', '\n', '\r\n', '\n\r', '\0', '\u000b', '\u0085', '\u2028', '\uFEFF',
  '\uD800', '\uDBFF', '\uDC00', '\uDFFF', '\uD83D\uDE00', '\u00e9', '\u4e2d',
  '<![CDATA[', ']]>', '<!--', '-->', '<?', '?>', '</', '/>', '<!DOCTYPE x [<!ENTITY e "v">]>',
  '\\u', '\\u00', '\\u00e9', '\\uZZZZ', '\\\\', '\\\r\n', '\\\n', '\\t', '\\n',
  '&#', '&#x', '&#60;', '&#x3c;', '&amp;', '&lt;', '&bogus;', '&#0;', '&#xD800;',
  '${', '/*', '*/', '//', '\'+\'', 'password=', ';password=', 'integratedSecurity=true', 'authenticationScheme=NTLM',
  '%VAR%', '%%', '!VAR!', '^&', 'REM ', '::', 'SET "', 'wsname=', '(?:', '\\.', 'ece-disable-next-line ', 'ece-disable ',
];

/** Deep nesting or long repetitions, for the kind's format (depths around and far beyond the parsers' limits). */
function burst(r: Rnd, kind: KindId, max: number): string {
  const n = int(r, 20, max);
  const xml = ['<a>', '<a b="1">', '<![CDATA[', '<!--', '&amp;', '&#x41;'];
  const js = ['(', '[', '{', '`${', 'function(){return ', 'if(1)', '!', '-', 'a.', '+', '"', '/'];
  const props = ['\\', '\\\\', '\\t', '\\u00', 'a\\\r\n', '=', ':'];
  const batch = ['(', '^', '%', '"', '^\r\n', 'if 1==1 (', '&'];
  const shape = pick(r, kind === 'ecejs' ? js : kind === 'batch' ? batch : kind === 'reportsdb' || kind === 'indexstats' ? props : xml);
  if (r() < 0.25 && (kind === 'connpool' || kind === 'finesse' || kind === 'webconfig')) {
    // Many attributes on one element.
    let s = '<many';
    for (let i = 0; i < n; i++) s += ` a${i}="${i}"`;
    return s + (r() < 0.5 ? '/>' : '>');
  }
  return shape.repeat(n);
}

export interface MutateOptions {
  kind: KindId;
  /** Other texts to splice pieces from. */
  donors?: readonly string[];
  /** Largest nesting burst (default 3,000). */
  maxBurst?: number;
  /** Spans of the text no mutation may touch (e.g. a planted password). */
  protect?: ReadonlyArray<readonly [number, number]>;
}

/** An offset where the text has a character that matters (or anywhere, a third of the time). */
function position(r: Rnd, text: string): number {
  if (text.length === 0 || r() < 0.33) return int(r, 0, text.length);
  for (let tries = 0; tries < 8; tries++) {
    const i = int(r, 0, text.length - 1);
    if (/[<>&;="'{}\\^%\r\n[\]]/.test(text[i]!)) return r() < 0.5 ? i : i + 1;
  }
  return int(r, 0, text.length);
}

/** One mutation of `text` (the new text and the span it replaced, in the old text's offsets). */
function mutateOnce(r: Rnd, text: string, o: MutateOptions): { text: string; start: number; end: number; inserted: number } {
  const at = position(r, text);
  const op = r();
  let del = 0;
  let ins = '';
  if (op < 0.33) ins = pick(r, SPECIAL);
  else if (op < 0.38) ins = burst(r, o.kind, o.maxBurst ?? 3000);
  else if (op < 0.55) del = Math.min(text.length - at, int(r, 1, 16));
  else if (op < 0.72) {
    del = Math.min(text.length - at, int(r, 1, 3));
    ins = pick(r, SPECIAL);
  } else if (op < 0.8) {
    // Duplicate a span (never one holding a protected span: a copied password is no longer in a secret's place).
    const s = int(r, 0, text.length);
    const e = Math.min(text.length, s + int(r, 1, 200));
    if (!(o.protect ?? []).some(([a, b]) => s < b && e > a)) ins = text.slice(s, e);
  } else if (op < 0.86 && o.donors && o.donors.length) {
    const d = pick(r, o.donors);
    const s = int(r, 0, d.length);
    ins = d.slice(s, s + int(r, 1, 300));
  } else if (op < 0.92) {
    // Change the case of a span (names are matched case-insensitively in some places, exactly in others).
    del = Math.min(text.length - at, int(r, 1, 12));
    const span = text.slice(at, at + del);
    ins = r() < 0.5 ? span.toUpperCase() : span.toLowerCase();
  } else if (op < 0.96) {
    // Cut the rest of the file.
    del = text.length - at;
  } else {
    ins = pick(r, SPECIAL).repeat(int(r, 2, 40));
  }
  return { text: text.slice(0, at) + ins + text.slice(at + del), start: at, end: at + del, inserted: ins.length };
}

/** `n` mutations in a row; the protected spans move with the edits and are never touched. */
export function mutate(r: Rnd, text: string, n: number, o: MutateOptions): string {
  let out = text;
  let protect = (o.protect ?? []).map(([a, b]) => [a, b] as [number, number]);
  for (let k = 0; k < n; k++) {
    for (let tries = 0; tries < 20; tries++) {
      const m = mutateOnce(r, out, { ...o, protect });
      if (protect.some(([a, b]) => m.start < b && m.end > a) || protect.some(([a, b]) => m.start > a && m.start < b)) continue;
      const shift = m.inserted - (m.end - m.start);
      protect = protect.map(([a, b]) => (a >= m.end ? [a + shift, b + shift] : [a, b]));
      out = m.text;
      break;
    }
  }
  return out;
}

/** The text with its line breaks made CRLF, LF or left as they are, and a byte-order mark added, removed or kept. */
export function reframe(r: Rnd, text: string): string {
  let t = text;
  const eol = r();
  if (eol < 0.25) t = t.replace(/\r\n|\r|\n/g, '\r\n');
  else if (eol < 0.5) t = t.replace(/\r\n|\r|\n/g, '\n');
  const bom = r();
  if (bom < 0.2 && !t.startsWith('\uFEFF')) t = '\uFEFF' + t;
  else if (bom < 0.4) t = t.replace(/^\uFEFF/, '');
  return t;
}
