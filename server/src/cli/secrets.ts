/**
 * Where the password positions are in a text, so the CLI's fix report and diffs never print one. These are spans of
 * the raw text (a diff shows raw lines); the service's mask (`core/secrets.ts`, `EceLanguageService.maskFor`: the
 * file's secret values, decided by meaning) is applied on top. `maskSecrets` and `maskWindow` print with every
 * secret shown as `••••`.
 *
 * Credential positions: the content of an element whose name holds "pass" (`<Password>`), an attribute whose name
 * holds "pass" (`password="…"`), the value of a properties key holding "pass" (`ACTIVE_PASS`, `SSIS_USER_PASSWORD`,
 * continuation lines included), and a JDBC property whose name holds "password" (`;password=…;`, `{…}` braces and
 * XML entities inside the value included). Empty values stay empty, so "blanked" still shows as a change.
 */

import { MASK } from '../service/core/secrets';

export { MASK };

export type Span = readonly [start: number, end: number];

const ELEMENT = /<[\w:.-]*pass[\w:.-]*(?:\s[^<>]*)?>([^<]*)/dgi;
const ATTRIBUTE = /(?:^|[\s"';?&])[\w:.-]*pass[\w:.-]*\s*=\s*(?:"([^"]*)"|'([^']*)')/dgi;
const PROPERTY = /^[ \t\f]*[\w.-]*pass[\w.-]*(?:[ \t\f]*[=:][ \t\f]*|[ \t\f]+)(.*)$/dgim;
const JDBC = /;\s*[\w.]*password[\w.]*\s*=\s*(\{[^}]*\}?|(?:&#?\w+;|[^;<"'\r\n])*)/dgi;

/** The secret value spans of `text` (every capture group of the patterns above is a value) (start inclusive, end exclusive), sorted and merged. */
export function secretSpans(text: string): Span[] {
  const spans: Array<[number, number]> = [];
  const collect = (re: RegExp, extend?: (end: number) => number) => {
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const ind = m.indices!;
      for (let g = 1; g < ind.length; g++) {
        const r = ind[g];
        if (r && r[1] > r[0]) spans.push([r[0], extend ? extend(r[1]) : r[1]]);
      }
      if (m[0].length === 0) re.lastIndex++;
    }
  };
  collect(ELEMENT);
  collect(ATTRIBUTE);
  collect(PROPERTY, (end) => continuationEnd(text, end));
  collect(JDBC);
  spans.sort((a, b) => a[0] - b[0]);
  const merged: Array<[number, number]> = [];
  for (const s of spans) {
    const last = merged[merged.length - 1];
    if (last && s[0] <= last[1]) last[1] = Math.max(last[1], s[1]);
    else merged.push([s[0], s[1]]);
  }
  return merged;
}

/** A properties value goes on while its line ends with an odd number of backslashes (Java's continuation). */
function continuationEnd(text: string, end: number): number {
  let e = end;
  for (;;) {
    let n = 0;
    while (e - n - 1 >= 0 && text[e - n - 1] === '\\') n++;
    if (n % 2 === 0) return e;
    let next = e;
    if (text[next] === '\r') next++;
    if (text[next] === '\n') next++;
    if (next === e) return e;
    let lineEnd = next;
    while (lineEnd < text.length && text[lineEnd] !== '\n' && text[lineEnd] !== '\r') lineEnd++;
    e = lineEnd;
  }
}

/** `text[start, end)` with every part of a secret span (sorted by start) replaced by `••••` (line breaks inside a secret are kept). */
export function maskWindow(text: string, spans: readonly Span[], start = 0, end = text.length): string {
  let out = '';
  let pos = start;
  for (const [s, e] of spans) {
    // Spans may come unsorted or overlapping (two sources merged): each character is masked once.
    const a = Math.max(s, start, pos);
    const b = Math.min(e, end);
    if (b <= a) continue;
    out += text.slice(pos, a) + text.slice(a, b).replace(/[^\r\n]+/g, MASK);
    pos = b;
  }
  return out + text.slice(pos, end);
}

/** The text with every secret shown as `••••`. */
export function maskSecrets(text: string): string {
  return maskWindow(text, secretSpans(text));
}

/** True when [start, end) overlaps or touches a secret span. */
export function touchesSecret(spans: readonly Span[], start: number, end: number): boolean {
  return spans.some(([s, e]) => start <= e && s <= end);
}
