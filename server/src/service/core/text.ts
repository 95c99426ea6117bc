/**
 * Text helpers shared by every parser: decoded text with a way back to raw offsets, edit application
 * and merging, edit distance, line-ending detection.
 */
import type { OffsetEdit } from './types';

/**
 * A decoded string (XML entities resolved, Java escapes applied…) with the way back to raw document offsets:
 * `toRaw(i)` is where decoded character i starts in the raw text (`toRaw(text.length)` is the raw end of the whole
 * value), `toRawEnd(i)` is where decoded character i - 1 ends (`toRawEnd(0) === toRaw(0)`). A decoded range [s, e)
 * is the raw range [toRaw(s), toRawEnd(e)): exactly the characters that make it, never the markup or line
 * continuations that follow them (a CDATA section's `]]>`, a comment, `\` and the next line's indent).
 */
export interface DecodedText {
  readonly text: string;
  toRaw(offset: number): number;
  toRawEnd(offset: number): number;
}

/** The raw range of decoded [start, end) (an empty range maps to the raw start of `start`). */
export function rawSpan(d: DecodedText, start: number, end: number): { start: number; end: number } {
  const s = d.toRaw(start);
  return end > start ? { start: s, end: Math.max(s, d.toRawEnd(end)) } : { start: s, end: s };
}

/** Identity mapping: the raw text needs no decoding. */
export function plainText(text: string, rawStart: number): DecodedText {
  const at = (o: number) => rawStart + Math.max(0, Math.min(o, text.length));
  return { text, toRaw: at, toRawEnd: at };
}

/** One piece of a decoded text: decoded [d, dEnd) came from raw [raw, rawEnd). */
export interface DecodedSegment {
  d: number;
  dEnd: number;
  raw: number;
  rawEnd: number;
  /** Decoded and raw characters correspond one to one (plain text); otherwise the piece is one unit (an entity). */
  contiguous: boolean;
  /** What the piece is, for the format that built it (e.g. XML: text, reference, CDATA). */
  tag: number;
  /** The markup around the piece that belongs to it (a CDATA section with its `<![CDATA[` and `]]>`). */
  outerStart: number;
  outerEnd: number;
}

export interface SegmentedText extends DecodedText {
  readonly segments: readonly DecodedSegment[];
  /** The segment holding decoded character `offset` (0 <= offset < text.length). */
  segmentAt(offset: number): DecodedSegment | undefined;
}

/** Builds a decoded text piece by piece; lookups are binary searches over the pieces, not one number per character. */
export class DecodedTextBuilder {
  private readonly parts: string[] = [];
  private readonly segs: DecodedSegment[] = [];
  private length = 0;

  /**
   * One decoded chunk that came from raw [rawStart, rawEnd). `contiguous`: one raw character per decoded one
   * (then rawEnd - rawStart must equal chunk.length).
   */
  push(chunk: string, rawStart: number, rawEnd: number, contiguous: boolean, tag = 0, outerStart = rawStart, outerEnd = rawEnd): void {
    if (chunk.length === 0) return;
    const last = this.segs[this.segs.length - 1];
    if (last && contiguous && last.contiguous && last.tag === tag && last.rawEnd === rawStart && last.outerEnd === last.rawEnd && outerStart === rawStart) {
      // Extends the previous plain run.
      last.dEnd += chunk.length;
      last.rawEnd = rawEnd;
      last.outerEnd = outerEnd;
    } else {
      this.segs.push({ d: this.length, dEnd: this.length + chunk.length, raw: rawStart, rawEnd, contiguous, tag, outerStart, outerEnd });
    }
    this.parts.push(chunk);
    this.length += chunk.length;
  }

  /** Appends every piece of another decoded text. */
  append(other: DecodedText & { segments?: readonly DecodedSegment[] }): void {
    if (other.segments) {
      for (const g of other.segments) this.push(other.text.slice(g.d, g.dEnd), g.raw, g.rawEnd, g.contiguous, g.tag, g.outerStart, g.outerEnd);
      return;
    }
    const t = other.text;
    for (let i = 0; i < t.length; i++) this.push(t[i]!, other.toRaw(i), other.toRawEnd(i + 1), false);
  }

  finish(rawEnd: number): SegmentedText {
    const text = this.parts.join('');
    const segs = this.segs;
    const len = text.length;
    const find = (o: number): DecodedSegment => {
      let lo = 0;
      let hi = segs.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (segs[mid]!.d <= o) lo = mid;
        else hi = mid - 1;
      }
      return segs[lo]!;
    };
    const toRaw = (o: number): number => {
      if (o >= len || segs.length === 0) return rawEnd;
      if (o <= 0) return segs[0]!.raw;
      const g = find(o);
      return g.contiguous ? g.raw + (o - g.d) : g.raw;
    };
    const toRawEnd = (o: number): number => {
      if (o <= 0 || segs.length === 0) return toRaw(0);
      const c = Math.min(o, len) - 1;
      const g = find(c);
      return g.contiguous ? g.raw + (c - g.d) + 1 : g.rawEnd;
    };
    return { text, segments: segs, toRaw, toRawEnd, segmentAt: (o) => (o >= 0 && o < len && segs.length ? find(o) : undefined) };
  }
}

/** Applies non-overlapping edits to a text (any order). Bytes outside the edits are untouched. */
export function applyEdits(text: string, edits: readonly OffsetEdit[]): string {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  let out = '';
  let pos = 0;
  for (const e of sorted) {
    if (e.start < pos) continue; // overlapping: skipped (mergeEdits reports these)
    out += text.slice(pos, e.start) + e.newText;
    pos = e.end;
  }
  return out + text.slice(pos);
}

/**
 * Merges several groups of edits into one set that can be applied at once: a group that overlaps an
 * already accepted edit is dropped whole (never half a fix). Groups are taken in the given order.
 * Two insertions at one point, or an insertion at the start of a replacement, count as overlapping (their
 * order would be ambiguous). A group given several times (the same array) is taken once.
 *
 * O(E log E) for E edits in all: the accepted edits' ends are kept in a Fenwick tree of prefix maxima over
 * the (compressed) start offsets, so "does [s, e) overlap something accepted" is two logarithmic look-ups:
 * an accepted edit starting exactly at s, or one starting before e and ending after s.
 */
export function mergeEditGroups(groupsIn: ReadonlyArray<readonly OffsetEdit[]>): OffsetEdit[] {
  // The same group (one fix shared by several findings, e.g. "escape every backslash of this value") counts once.
  const groups = [...new Set(groupsIn)];
  let total = 0;
  for (const g of groups) total += g.length;
  const starts = new Float64Array(total);
  let n = 0;
  for (const g of groups) for (const e of g) starts[n++] = e.start;
  starts.sort();
  let m = 0;
  for (let i = 0; i < n; i++) if (i === 0 || starts[i] !== starts[m - 1]) starts[m++] = starts[i]!;
  const coords = starts.subarray(0, m);
  /** Index of the first coordinate >= v. */
  const lowerBound = (v: number): number => {
    let lo = 0;
    let hi = m;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (coords[mid]! < v) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const maxEnd = new Float64Array(m + 1).fill(-Infinity); // Fenwick tree, 1-based
  const startTaken = new Uint8Array(m);
  const prefixMax = (count: number): number => {
    let r = -Infinity;
    for (let i = count; i > 0; i -= i & -i) if (maxEnd[i]! > r) r = maxEnd[i]!;
    return r;
  };
  const overlapsAccepted = (e: OffsetEdit): boolean => {
    const at = lowerBound(e.start);
    if (startTaken[at]) return true;
    // accepted edits starting before e.end (coordinates 0..k-1) that end after e.start
    return prefixMax(lowerBound(e.end)) > e.start;
  };
  const accepted: OffsetEdit[] = [];
  for (const g of groups) {
    let clash = false;
    for (const e of g) {
      if (overlapsAccepted(e)) {
        clash = true;
        break;
      }
    }
    if (clash) continue;
    for (const e of g) {
      accepted.push(e);
      const at = lowerBound(e.start);
      startTaken[at] = 1;
      for (let i = at + 1; i <= m; i += i & -i) if (e.end > maxEnd[i]!) maxEnd[i] = e.end;
    }
  }
  return accepted.sort((a, b) => a.start - b.start);
}

/**
 * The file's line ending: its first line break (CRLF, LF or a lone CR), or `none` when it has no line break (the
 * kinds whose files live only on Windows servers pass CRLF). The product's one end-of-line detector.
 */
export function detectEol(text: string, none: '\r\n' | '\n' | '\r' = '\n'): '\r\n' | '\n' | '\r' {
  const m = /\r\n?|\n/.exec(text);
  return m ? (m[0] as '\r\n' | '\n' | '\r') : none;
}

/** Offset → 0-based line number (LSP line breaks: CRLF, LF and CR); builds its index once per call. */
export function lineIndex(text: string): (offset: number) => number {
  const starts: number[] = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    } else if (c === 10) starts.push(i + 1);
  }
  return (offset) => lineAt(starts, offset);
}

/** 0-based index of the line holding `offset`, given the ascending start offsets of the lines (binary search). */
export function lineAt(starts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** The last item whose `start(item)` is at or before `offset`, in a list sorted by that start (binary search). */
export function lastStartingAtOrBefore<T>(list: readonly T[], offset: number, start: (item: T) => number): T | undefined {
  let lo = 0;
  let hi = list.length - 1;
  let found: T | undefined;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (start(list[mid]!) <= offset) {
      found = list[mid];
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/** Start offset of the line holding `offset`. */
export function lineStartOf(text: string, offset: number): number {
  let i = Math.min(offset, text.length);
  while (i > 0) {
    const c = text.charCodeAt(i - 1);
    if (c === 10 || c === 13) break;
    i--;
  }
  return i;
}

/** The whitespace that indents the line holding `offset`. */
export function indentOf(text: string, offset: number): string {
  const s = lineStartOf(text, offset);
  let e = s;
  while (e < text.length && (text[e] === ' ' || text[e] === '\t')) e++;
  return text.slice(s, e);
}

// Two reusable rows for `editDistance` (grown on demand): no allocation per call.
let rowA = new Int32Array(64);
let rowB = new Int32Array(64);

/**
 * Levenshtein distance, bounded: the exact distance when it is at most `max`, otherwise `max + 1`.
 * Only the band `|i - j| <= max` is computed (a cell outside it is already more than `max` away), on two
 * reused rows, so a call costs O(min(|a|, |b|) · max) and allocates nothing.
 */
export function editDistance(a: string, b: string, max: number): number {
  const m = a.length;
  const n = b.length;
  if (Math.abs(m - n) > max) return max + 1;
  if (max < 0) return max + 1;
  const big = max + 1;
  if (rowA.length < n + 2) {
    rowA = new Int32Array(n + 2);
    rowB = new Int32Array(n + 2);
  }
  let prev = rowA;
  let cur = rowB;
  const first = Math.min(n, max);
  for (let j = 0; j <= first; j++) prev[j] = j;
  if (first + 1 <= n) prev[first + 1] = big;
  for (let i = 1; i <= m; i++) {
    const lo = i - max > 1 ? i - max : 1;
    const hi = i + max < n ? i + max : n;
    // The cell left of the band counts as out of reach; column 0 is the plain deletion cost.
    let left = lo === 1 ? i : big;
    cur[lo - 1] = left;
    let rowMin = lo === 1 ? i : big;
    const ca = a.charCodeAt(i - 1);
    for (let j = lo; j <= hi; j++) {
      const diag = prev[j - 1]! + (ca === b.charCodeAt(j - 1) ? 0 : 1);
      const up = prev[j]! + 1;
      let v = left + 1;
      if (up < v) v = up;
      if (diag < v) v = diag;
      if (v > big) v = big;
      cur[j] = v;
      left = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return big;
    // The cell right of the band: out of reach for the next row.
    if (hi + 1 <= n) cur[hi + 1] = big;
    const t = prev;
    prev = cur;
    cur = t;
  }
  const d = prev[n]!;
  return d > max ? big : d;
}

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

/** True for an IPv4 or IPv6 literal (brackets allowed around IPv6). Linear: no backtracking patterns. */
export function isIpLiteral(host: string): boolean {
  let h = host.trim();
  if (IPV4.test(h)) return true;
  if (h.startsWith('[') && h.endsWith(']')) h = h.slice(1, -1);
  const pct = h.indexOf('%');
  if (pct >= 0) {
    if (pct === h.length - 1) return false; // a zone index needs a name
    h = h.slice(0, pct);
  }
  if (!h.includes(':') || h.length > 45) return false;
  if (!/^[0-9a-fA-F:.]+$/.test(h)) return false;
  const dbl = h.split('::');
  if (dbl.length > 2) return false;
  const groups = h.split(':').filter((g) => g !== '');
  let count = 0;
  for (let i = 0; i < groups.length; i++) {
    const g = groups[i]!;
    if (g.includes('.')) {
      if (i !== groups.length - 1 || !IPV4.test(g)) return false;
      count += 2;
    } else {
      if (g.length > 4) return false;
      count += 1;
    }
  }
  return dbl.length === 2 ? count < 8 : count === 8;
}
