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

/** A dotted-quad IPv4 address (each part 0..255, no more than three digits). */
export function isIPv4(host: string): boolean {
  const parts = host.split('.');
  if (parts.length !== 4) return false;
  return parts.every((p) => /^[0-9]{1,3}$/.test(p) && Number(p) <= 255);
}

/** An IPv6 address, optionally in brackets, with `::` compression, a trailing IPv4 and a `%zone`. */
export function isIPv6(host: string): boolean {
  let h = host;
  if (h.startsWith('[') && h.endsWith(']')) h = h.slice(1, -1);
  const pct = h.indexOf('%');
  if (pct >= 0) {
    if (pct === h.length - 1) return false;
    h = h.slice(0, pct);
  }
  if (!h.includes(':') || h.length > 45) return false;
  const halves = h.split('::');
  if (halves.length > 2) return false;
  const groupsOf = (s: string): string[] | null => (s === '' ? [] : s.split(':'));
  const left = groupsOf(halves[0]!);
  const right = halves.length === 2 ? groupsOf(halves[1]!) : [];
  if (!left || !right) return false;
  const all = [...left, ...right];
  let count = 0;
  for (let i = 0; i < all.length; i++) {
    const g = all[i]!;
    if (i === all.length - 1 && g.includes('.')) {
      if (!isIPv4(g)) return false;
      count += 2;
    } else if (/^[0-9a-fA-F]{1,4}$/.test(g)) count += 1;
    else return false;
  }
  return halves.length === 2 ? count < 8 : count === 8;
}

export function isIpLiteral(host: string): boolean {
  return isIPv4(host) || isIPv6(host);
}
