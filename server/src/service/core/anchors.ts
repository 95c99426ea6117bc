/**
 * Where the construct holding an offset starts, per comment syntax: the line a suppression comment must precede to
 * cover a finding, and the only place such a comment may go without changing what the file means.
 *
 * - properties (`hash`): the first line of the logical line (an entry continued with `\` over several lines);
 * - XML: the start of the innermost element holding the offset (a start tag spanning lines, a CDATA section, a
 *   multi-line text value: a comment line put inside any of them would change the value or break the file);
 * - batch (`rem`): the first line of a command continued with `^`;
 * - JavaScript (`slash`): the offset's own line (a `//` line is harmless between tokens; inside a template literal it
 *   would not be, which the disable action's check after the edit catches).
 *
 * Linear: one parse, then the offsets answered in one sweep.
 */
import { parseProperties } from '../parse/properties';
import { allElements, parseXml } from '../parse/xml';
import { memoized } from './memo';
import { lineStartOf } from './text';
import type { CommentStyle } from './types';

/** For each offset, where its construct starts (same order as `offsets`). */
export function constructStarts(text: string, style: CommentStyle, offsets: readonly number[]): number[] {
  switch (style) {
    case 'hash':
      return propertiesStarts(text, offsets);
    case 'xml':
      return xmlStarts(text, offsets);
    case 'rem':
      return offsets.map((o) => caretLineStart(text, o));
    case 'slash':
      return [...offsets];
  }
}

function order(offsets: readonly number[]): number[] {
  return offsets.map((_, i) => i).sort((a, b) => offsets[a]! - offsets[b]!);
}

function propertiesStarts(text: string, offsets: readonly number[]): number[] {
  const entries = memoized('properties', text, parseProperties).entries;
  const out = [...offsets];
  let e = 0;
  for (const i of order(offsets)) {
    const o = offsets[i]!;
    while (e < entries.length && entries[e]!.lineEnd < o) e++;
    const entry = entries[e];
    if (entry && entry.lineStart <= o && o <= entry.lineEnd) out[i] = entry.lineStart;
  }
  return out;
}

function xmlStarts(text: string, offsets: readonly number[]): number[] {
  const doc = memoized('xml', text, parseXml).model;
  const out = [...offsets];
  const stack: Array<{ start: number; end: number }> = [];
  const it = allElements(doc);
  let next = it.next();
  for (const i of order(offsets)) {
    const o = offsets[i]!;
    // Open every element that starts at or before o (document order), closing those that ended before it.
    while (!next.done && next.value.start <= o) {
      const el = next.value;
      while (stack.length && stack[stack.length - 1]!.end <= el.start) stack.pop();
      stack.push({ start: el.start, end: Math.max(el.end, el.start + 1) });
      next = it.next();
    }
    while (stack.length && stack[stack.length - 1]!.end <= o) stack.pop();
    const inner = stack[stack.length - 1];
    if (inner) out[i] = inner.start;
  }
  return out;
}

/** Start of the first line of a cmd.exe command continued with a trailing `^` on the lines before it. */
function caretLineStart(text: string, offset: number): number {
  let ls = lineStartOf(text, offset);
  while (ls > 0) {
    // The previous line: does it end with an odd run of carets?
    let end = ls - 1;
    if (end > 0 && text.charCodeAt(end) === 10 && text.charCodeAt(end - 1) === 13) end--;
    let k = end;
    while (k > 0 && text.charCodeAt(k - 1) === 0x5e) k--;
    if ((end - k) % 2 === 0) break;
    ls = lineStartOf(text, k);
  }
  return ls;
}
