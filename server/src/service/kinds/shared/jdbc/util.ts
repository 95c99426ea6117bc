/** Small helpers shared by the `jdbc/*` rules. All linear (or bounded) in their input. */
import type { FixProposal, OffsetEdit } from '../../../core/types';
import type { JdbcProperty, Span } from '../../../parse/jdbcUrl';

/** `name=value` of a property, as one span. */
export function propertySpan(p: JdbcProperty): Span {
  return { start: p.nameSpan.start, end: Math.max(p.valueSpan.end, p.nameSpan.end + 1) };
}

export function deletion(span: Span): OffsetEdit {
  return { start: span.start, end: span.end, newText: '' };
}

export function fix(title: string, edits: OffsetEdit[], safe: boolean, preferred?: boolean): FixProposal {
  return preferred === undefined ? { title, edits, safe } : { title, edits, safe, preferred };
}

/** Shortens user text quoted in a message. */
export function clip(s: string, max = 60): string {
  return s.length > max ? `${s.slice(0, max)}…` : s;
}

/**
 * Optimal-string-alignment distance (Levenshtein plus adjacent transposition), case-insensitive, or
 * `max + 1` as soon as it is certain to exceed `max`. Cost O(|a|·|b|) only for strings within `max` in length.
 */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const s = a.toLowerCase();
  const t = b.toLowerCase();
  const m = s.length;
  const n = t.length;
  let prev2 = new Array<number>(n + 1).fill(0);
  let prev = Array.from({ length: n + 1 }, (_, j) => j);
  let cur = new Array<number>(n + 1).fill(0);
  for (let i = 1; i <= m; i++) {
    cur[0] = i;
    let rowMin = cur[0];
    for (let j = 1; j <= n; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1]) v = Math.min(v, prev2[j - 2]! + 1);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return Math.min(prev[n]!, max + 1);
}
