/**
 * Suppression comments, in every comment syntax the product's files use:
 *   <!-- ece-disable-next-line jdbc/unknown-property -->     # ece-disable-next-line properties/unknown-escape
 *   // ece-disable-next-line ecejs/protocol-not-https        <!-- ece-disable -->  (whole file, all rules)
 *   <?xml version="1.0"?><!-- ece-disable-line xml/not-well-formed -->   (the comment's own line)
 *   REM ece-disable-next-line batch/trailing-blanks          :: ece-disable-next-line batch/trailing-blanks
 * Several ids may follow, separated by spaces or commas; none means every rule.
 *
 * "The next line" is the line after the one the comment ends on. A finding counts as on that line when it starts
 * there, or when the construct holding it starts there (see `anchors.ts`: a properties entry continued over several
 * lines, a start tag or a CDATA section spanning lines), so one comment above a multi-line construct covers it.
 */
import { lineIndex, lineStartOf } from './text';
import type { CommentStyle } from './types';

export interface SuppressionDirective {
  kind: 'file' | 'next-line' | 'line';
  /** Rule ids; `'*'` means all. */
  ids: Set<string>;
  /** The 0-based line it applies to (`-1` for the whole file). */
  line: number;
  /** Where another rule id can be inserted (after the last id, or after the marker): ` RULE` goes there. */
  appendAt: number;
}

export interface Suppressions {
  /** Rules disabled for the whole file; `'*'` means all. */
  file: Set<string>;
  /** 0-based line → rules disabled on that line (`'*'` = all). */
  lines: Map<number, Set<string>>;
  directives: SuppressionDirective[];
}

/** The marker, not followed by more of a word (`ece-disabled`, `ece-disable-foo`); the `--` of a glued `-->` may follow. */
const MARKER = /ece-disable(-next-line|-line)?(?!\w|-(?!->))/g;
/** A batch comment line: `REM` (then a blank or cmd.exe delimiter) or `::`, after optional blanks and `@`. */
const BATCH_COMMENT = /^[ \t,;=@]*(?:rem[ \t,;=]|::)/i;
const RULE_ID = /^[a-z]+\/[a-z0-9-]+$/;

/** Every `<!-- ... -->` of a text, found once (linear), and the one holding an offset (binary search). */
function commentRanges(text: string): { find(at: number): { close: number } | undefined } {
  const opens: number[] = [];
  const closes: number[] = [];
  for (let p = 0; ; ) {
    const o = text.indexOf('<!--', p);
    if (o < 0) break;
    const c = text.indexOf('-->', o + 4);
    opens.push(o);
    closes.push(c);
    if (c < 0) break;
    p = c + 3;
  }
  return {
    find(at) {
      let lo = 0;
      let hi = opens.length - 1;
      let hit = -1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        if (opens[mid]! + 4 <= at) {
          hit = mid;
          lo = mid + 1;
        } else hi = mid - 1;
      }
      if (hit < 0) return undefined;
      const close = closes[hit]!;
      return close < 0 || at < close ? { close } : undefined;
    },
  };
}

/** Where a comment of this style may start on a line, given the text before the marker on that line. */
function opensComment(style: CommentStyle, before: string): boolean {
  switch (style) {
    case 'hash':
      return /^\s*[#!]/.test(before);
    case 'slash':
      return before.lastIndexOf('//') >= 0 || before.lastIndexOf('/*') >= 0;
    case 'rem':
      return BATCH_COMMENT.test(before);
    case 'xml':
      return true; // decided by the comment ranges
  }
}

export function findSuppressions(text: string, style: CommentStyle): Suppressions {
  const result: Suppressions = { file: new Set(), lines: new Map(), directives: [] };
  if (!text.includes('ece-disable')) return result;
  let lineOf: ((o: number) => number) | undefined;
  let xmlComments: { find(at: number): { close: number } | undefined } | undefined;
  MARKER.lastIndex = 0;
  for (let m = MARKER.exec(text); m; m = MARKER.exec(text)) {
    const at = m.index;
    // The marker must sit in a comment of this file's syntax: look back on the same line.
    const before = text.slice(lineStartOf(text, at), at);
    // XML: the comment may start on an earlier line, and a comment closed before the marker does not count.
    const xmlComment = style === 'xml' ? (xmlComments ??= commentRanges(text)).find(at) : undefined;
    if (style === 'xml' ? !xmlComment : !opensComment(style, before)) continue;
    let le = at + m[0].length;
    while (le < text.length && text.charCodeAt(le) !== 10 && text.charCodeAt(le) !== 13) le++;
    let rest = text.slice(at + m[0].length, le);
    let commentEnd = at;
    if (style === 'xml') {
      const close = xmlComment!.close;
      if (close < 0) continue;
      commentEnd = close;
      const cut = rest.indexOf('-->');
      if (cut >= 0) rest = rest.slice(0, cut);
    } else if (style === 'slash') {
      const cut = rest.indexOf('*/');
      if (cut >= 0) {
        rest = rest.slice(0, cut);
        commentEnd = text.indexOf('*/', at);
      } else if (before.lastIndexOf('/*') > before.lastIndexOf('//')) {
        const close = text.indexOf('*/', at);
        if (close >= 0) commentEnd = close;
      }
    }
    // The ids: tokens up to the first one that is not a rule id (the rest is a free-text reason).
    const markerEnd = at + m[0].length;
    let appendAt = markerEnd;
    const ids: string[] = [];
    const tok = /[^\s,]+/g;
    for (let t = tok.exec(rest); t; t = tok.exec(rest)) {
      if (!RULE_ID.test(t[0])) break;
      ids.push(t[0]);
      appendAt = markerEnd + t.index + t[0].length;
    }
    const set = new Set(ids.length ? ids : ['*']);
    lineOf ??= lineIndex(text);
    const kind = m[1] === '-next-line' ? 'next-line' : m[1] === '-line' ? 'line' : 'file';
    const line = kind === 'next-line' ? lineOf(commentEnd) + 1 : kind === 'line' ? lineOf(at) : -1;
    result.directives.push({ kind, ids: set, line, appendAt });
    if (kind === 'file') {
      for (const id of set) result.file.add(id);
      continue;
    }
    const cur = result.lines.get(line);
    if (cur) for (const id of set) cur.add(id);
    else result.lines.set(line, set);
  }
  return result;
}

/** Whether `ruleId` is suppressed for a finding on any of `lines` (its own line and its construct's first line). */
export function isSuppressed(s: Suppressions, ruleId: string, ...lines: number[]): boolean {
  if (s.file.has('*') || s.file.has(ruleId)) return true;
  for (const line of lines) {
    const l = s.lines.get(line);
    if (l && (l.has('*') || l.has(ruleId))) return true;
  }
  return false;
}
