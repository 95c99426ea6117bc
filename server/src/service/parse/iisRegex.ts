/**
 * IIS URL Rewrite patterns (the default `patternSyntax="ECMAScript"` dialect) and the `wsname=`
 * clickjacking patterns of ECE's `web.config`.
 *
 * Everything here works on the *decoded* pattern text (XML entities already resolved); every offset
 * is an offset into that text. The web.config kind maps them back to raw document offsets.
 *
 * Pure and linear: one left-to-right scan per function, no regex run on the user's pattern here.
 * Running a pattern against sample inputs is the job of a `RegexRunner` (a worker with a deadline).
 */
import { RegExpValidator } from '@eslint-community/regexpp';

// ---------------------------------------------------------------------------------------------
// Validation
// ---------------------------------------------------------------------------------------------

export type IisPatternProblemKind =
  | 'syntax'
  | 'possessive-quantifier'
  | 'atomic-group'
  | 'lookbehind'
  | 'named-group'
  | 'named-backreference';

/** A replacement inside the pattern text (decoded offsets, end exclusive). */
export interface PatternEdit {
  start: number;
  end: number;
  newText: string;
}

export interface IisPatternProblem {
  kind: IisPatternProblemKind;
  /** Decoded pattern offsets of the offending text (end exclusive, never empty unless the pattern is). */
  start: number;
  end: number;
  message: string;
  /** A minimal edit that removes the problem, when one is obvious (`++` → `+`). */
  fix?: { title: string; edit: PatternEdit };
}

/** One group of the pattern, as found by the structural scan. */
export interface PatternGroup {
  /** Offset of `(`. */
  start: number;
  /** Offset just after the closing `)`, or the pattern length when the group is not closed. */
  end: number;
  /** Offset just after the opener (`(`, `(?:`, `(?<name>`, ...). */
  contentStart: number;
  /** Offset of the closing `)` (or the pattern length when unclosed). */
  contentEnd: number;
  closed: boolean;
  /** Offsets of the `|` directly inside this group (not inside nested groups or classes). */
  bars: number[];
  children: PatternGroup[];
  parent: PatternGroup | null;
}

interface Scan {
  problems: IisPatternProblem[];
  /** Same length as the pattern; IIS-only constructs replaced by JavaScript equivalents for regexpp. */
  sanitized: string;
  groups: PatternGroup[];
  /** `|` at the top level of the pattern. */
  topBars: number[];
  firstUnclosed: PatternGroup | null;
  unclosedClassAt: number;
}

const QUANT_BRACE = /^\{\d+(?:,\d*)?\}/;

/** The structural scan: groups, classes, escapes, quantifiers. Linear, never throws. */
function scanPattern(p: string): Scan {
  return new PatternScanner(p).scan();
}

/**
 * One left-to-right pass over a pattern: `scan` hands each token to the method of its construct (escape, class,
 * group opener, group end, alternative bar, quantifier), which returns where the scan goes on.
 */
class PatternScanner {
  private readonly problems: IisPatternProblem[] = [];
  /** The pattern's characters, IIS-only constructs replaced by same-length JavaScript ones (see `Scan.sanitized`). */
  private readonly chars: string[];
  private readonly groups: PatternGroup[] = [];
  private readonly topBars: number[] = [];
  /** The open groups, innermost last. */
  private readonly stack: PatternGroup[] = [];
  private hasNamedGroup = false;
  private readonly namedRefs: Array<{ start: number; end: number }> = [];
  private unclosedClassAt = -1;
  /** True when the previous token can be repeated (an atom or a closed group). */
  private atom = false;

  constructor(private readonly p: string) {
    this.chars = p.split('');
  }

  scan(): Scan {
    const p = this.p;
    let i = 0;
    while (i < p.length) {
      const c = p[i]!;
      if (c === '\\') i = this.escape(i);
      else if (c === '[') i = this.charClass(i);
      else if (c === '(') i = this.groupOpen(i);
      else if (c === ')') i = this.groupClose(i);
      else if (c === '|') i = this.bar(i);
      else i = this.quantifierOrAtom(i, c);
    }
    if (this.hasNamedGroup) {
      for (const r of this.namedRefs) {
        this.problems.push({
          kind: 'named-backreference',
          start: r.start,
          end: r.end,
          message: `Named back-reference "${p.slice(r.start, r.end)}": IIS URL Rewrite (ECMAScript syntax) does not support it; use a numbered one (\\1).`,
        });
      }
    }
    let firstUnclosed: PatternGroup | null = null;
    for (const g of this.stack) if (!firstUnclosed || g.start < firstUnclosed.start) firstUnclosed = g;
    return { problems: this.problems, sanitized: this.chars.join(''), groups: this.groups, topBars: this.topBars, firstUnclosed, unclosedClassAt: this.unclosedClassAt };
  }

  /** `\x`: an atom; `\k<name>` is remembered as a named back-reference. */
  private escape(i: number): number {
    const p = this.p;
    if (p[i + 1] === 'k' && p[i + 2] === '<') {
      const close = p.indexOf('>', i + 3);
      if (close > 0) this.namedRefs.push({ start: i, end: close + 1 });
    }
    this.atom = true;
    return i + 2;
  }

  /** `[...]` (escapes inside skipped); an unclosed class ends the scan. */
  private charClass(i: number): number {
    const p = this.p;
    const startClass = i;
    i++;
    if (p[i] === '^') i++;
    if (p[i] === ']') i++; // `[]` / `[^]`: JS treats `]` first as the end; harmless either way
    while (i < p.length && p[i] !== ']') i += p[i] === '\\' ? 2 : 1;
    if (i >= p.length) {
      this.unclosedClassAt = startClass;
      return p.length;
    }
    this.atom = true;
    return i + 1;
  }

  /** `(`, `(?:`, lookarounds, and the IIS-only openers (atomic, lookbehind, named), each reported. */
  private groupOpen(i: number): number {
    const p = this.p;
    const contentStart = p[i + 1] === '?' ? this.extendedOpener(i) : i + 1;
    const g: PatternGroup = {
      start: i,
      end: p.length,
      contentStart,
      contentEnd: p.length,
      closed: false,
      bars: [],
      children: [],
      parent: this.stack[this.stack.length - 1] ?? null,
    };
    if (g.parent) g.parent.children.push(g);
    else this.groups.push(g);
    this.stack.push(g);
    this.atom = false;
    return Math.max(i + 1, contentStart);
  }

  /** The opener `(?...` at `i`: reports what IIS does not support; returns where the group's content starts. */
  private extendedOpener(i: number): number {
    const { p, chars, problems } = this;
    const n = p[i + 2];
    if (n === '>') {
      problems.push({
        kind: 'atomic-group',
        start: i,
        end: i + 3,
        message: 'Atomic group "(?>...)": IIS URL Rewrite (ECMAScript syntax) does not support it.',
        fix: { title: 'Use a plain non-capturing group "(?:"', edit: { start: i, end: i + 3, newText: '(?:' } },
      });
      chars[i + 2] = ':';
      return i + 3;
    }
    if (n === '<' && (p[i + 3] === '=' || p[i + 3] === '!')) {
      problems.push({
        kind: 'lookbehind',
        start: i,
        end: i + 4,
        message: `Lookbehind "${p.slice(i, i + 4)}...)": valid in JavaScript, but IIS URL Rewrite (ECMAScript syntax) does not support it.`,
      });
      return i + 4;
    }
    if (n === '<' || n === 'P' || n === "'") {
      // (?<name>...), Python's (?P<name>...), .NET's (?'name'...)
      const openerLen = n === 'P' ? 4 : 3;
      const closer = n === "'" ? "'" : '>';
      const close = p.indexOf(closer, i + openerLen);
      const end = close > 0 && close - i < 64 ? close + 1 : i + openerLen;
      this.hasNamedGroup = true;
      problems.push({
        kind: 'named-group',
        start: i,
        end,
        message: `Named group "${p.slice(i, end)}": IIS URL Rewrite (ECMAScript syntax) has no named groups; use a plain group "(" and refer to it by number ({R:n} or {C:n}).`,
        fix: { title: 'Use a plain capturing group', edit: { start: i, end, newText: '(' } },
      });
      // Make it parse in JavaScript with the same length: `(?P<` → `(?:<`, `(?'` → `(?:`.
      if (n !== '<') chars[i + 2] = ':';
      return end;
    }
    return n === ':' || n === '=' || n === '!' ? i + 3 : i + 2;
  }

  private groupClose(i: number): number {
    const g = this.stack.pop();
    if (g) {
      g.closed = true;
      g.contentEnd = i;
      g.end = i + 1;
    }
    this.atom = true;
    return i + 1;
  }

  /** `|`: an alternative of the innermost open group, or of the whole pattern. */
  private bar(i: number): number {
    const g = this.stack[this.stack.length - 1];
    if (g) g.bars.push(i);
    else this.topBars.push(i);
    this.atom = false;
    return i + 1;
  }

  /** A quantifier after an atom (a possessive one reported and made lazy), or else a plain character. */
  private quantifierOrAtom(i: number, c: string): number {
    const p = this.p;
    let qEnd = -1;
    if (c === '*' || c === '+' || c === '?') qEnd = i + 1;
    else if (c === '{') {
      const m = QUANT_BRACE.exec(p.slice(i, i + 24));
      if (m) qEnd = i + m[0].length;
    }
    if (qEnd < 0 || !this.atom) {
      this.atom = true;
      return i + 1;
    }
    this.atom = false;
    if (p[qEnd] !== '+') return qEnd + (p[qEnd] === '?' ? 1 : 0);
    const q = p.slice(i, qEnd);
    this.problems.push({
      kind: 'possessive-quantifier',
      start: i,
      end: qEnd + 1,
      message: `Possessive quantifier "${q}+": IIS URL Rewrite (ECMAScript syntax) does not support it; use "${q}".`,
      fix: { title: `Replace "${q}+" with "${q}"`, edit: { start: i, end: qEnd + 1, newText: q } },
    });
    this.chars[qEnd] = '?'; // `a++` → `a+?`: same length, valid JavaScript
    return qEnd + 1;
  }
}

const validator = new RegExpValidator({ ecmaVersion: 2018 });

/**
 * Checks a pattern as IIS URL Rewrite's ECMAScript dialect. Returns every IIS-only construct
 * (possessive quantifiers, atomic groups, lookbehind, named groups) at its offset, then the first
 * syntax error JavaScript's grammar finds in what is left. Never throws.
 */
export function validateIisPattern(pattern: string): IisPatternProblem[] {
  const scan = scanPattern(pattern);
  const problems = scan.problems.slice();
  try {
    validator.validatePattern(scan.sanitized, 0, scan.sanitized.length, { unicode: false });
  } catch (e) {
    if (e instanceof RangeError) {
      // regexpp is recursive: a pattern nested thousands of levels deep exhausts its stack. That says nothing about
      // the pattern's validity, so say what happened instead of calling it invalid.
      problems.push({
        kind: 'syntax',
        start: 0,
        end: Math.min(1, pattern.length),
        message: 'This pattern nests too deeply to be checked (thousands of levels); no IIS pattern needs this: simplify it.',
      });
      problems.sort((a, b) => a.start - b.start);
      return problems;
    }
    const err = e as { message?: string; index?: number };
    const raw = String(err.message ?? 'invalid regular expression');
    const reason = raw.replace(/^Invalid regular expression: \/.*\/[a-z]*: /s, '');
    let start = typeof err.index === 'number' ? err.index : 0;
    let end: number;
    if (/^Unterminated group/.test(reason) && scan.firstUnclosed) {
      start = scan.firstUnclosed.start;
      end = start + 1;
    } else if (/^Unterminated character class/.test(reason) && scan.unclosedClassAt >= 0) {
      start = scan.unclosedClassAt;
      end = start + 1;
    } else {
      if (/^Nothing to repeat/.test(reason) && start > 0) start--;
      if (/^Invalid group/.test(reason) && pattern[start - 1] === '(') start--;
      start = Math.max(0, Math.min(start, pattern.length - 1));
      end = Math.min(pattern.length, start + 1);
    }
    problems.push({ kind: 'syntax', start, end, message: `Not a valid regular expression: ${describeSyntax(reason)}.` });
  }
  problems.sort((a, b) => a.start - b.start);
  return problems;
}

function describeSyntax(reason: string): string {
  const known: Record<string, string> = {
    'Nothing to repeat': 'a quantifier ("*", "+", "?", "{n}") with nothing before it to repeat',
    'Unterminated group': 'this group is never closed with ")"',
    'Unmatched \')\'': 'this ")" closes no group',
    'Unterminated character class': 'this "[" class is never closed with "]"',
    'Range out of order in character class': 'a range in this character class goes backwards (like "z-a")',
    'Invalid group': 'unknown group syntax after "(?" (IIS supports "(?:", "(?=" and "(?!")',
    'numbers out of order in {} quantifier': 'the numbers of this "{min,max}" are out of order',
    '\\ at end of pattern': 'the pattern ends with a lone backslash',
    'Lone quantifier brackets': 'a lone "{" or "}"',
  };
  return known[reason] ?? reason;
}

/** Groups of the pattern (structure only; valid or not). */
function patternGroups(pattern: string): { groups: PatternGroup[]; topBars: number[] } {
  const s = scanPattern(pattern);
  return { groups: s.groups, topBars: s.topBars };
}

// ---------------------------------------------------------------------------------------------
// The wsname= clickjacking pattern
// ---------------------------------------------------------------------------------------------

/** The pattern ECE ships: any parent may frame the application. */
export const SHIPPED_PERMISSIVE_WSNAME = 'wsname=((http[s]?)(:|%3A)(/|%2F)(/|%2F)([_0-9a-z-@:%_\\+~#]=*))';
/** What must follow the domain list so that `domain1.com.evil.example` does not pass. */
export const WSNAME_TERMINATOR = '(&|%26|\\$)';
/**
 * The host part our command writes before the domain list: zero or more `label.` prefixes, so the
 * domain itself and its sub-domains pass and a host name that merely ends in the domain
 * (`evildomain1.com`) does not.
 */
export const WSNAME_HOST_PART = '([a-z0-9-]+\\.)*';
/**
 * The host part of Cisco's guide: one or more letters, digits or dots, with no dot required before
 * the domain (`evildomain1.com` passes, the bare `domain1.com` does not).
 */
export const GUIDE_WSNAME_HOST_PART = '([a-z0-9.]+)';
const WSNAME_PREFIX = `wsname=((http[s]?)(:|%3A)(/|%2F)(/|%2F)${WSNAME_HOST_PART}(`;

export interface Span {
  start: number;
  end: number;
}

/** One alternative of the domain group, e.g. `domain1\.com`. */
export interface DomainAlternative extends Span {
  /** The alternative exactly as written. */
  source: string;
  /** The host name it stands for: `\.` and a bare `.` become `.`, lower-cased; `\c` stays as written. */
  domain: string;
  /** `\c`-style escapes (backslash + letter) with their offsets: these are not dots. */
  escapedLetters: Span[];
  /** Offsets of bare `.` (matches any character). */
  bareDots: number[];
  /** Holds regex syntax other than literal characters, `\.` and `.` (classes, groups, quantifiers). */
  complex: boolean;
}

/**
 * How the host part before the domain list is written (restricted shape only):
 * - `subdomains`: ours, `([a-z0-9-]+\.)*`: the domain itself and its sub-domains;
 * - `unbounded`: the guide's, a single character class with `+`/`*` (like `([a-z0-9.]+)`) right
 *   before the domains: no dot is required in front of the domain;
 * - `other`: anything else (not judged).
 */
export type WsnameHostPart = 'subdomains' | 'unbounded' | 'other';

export type WsnameShape =
  /** No domain list after the host part: any parent domain passes. */
  | 'permissive'
  /** A domain alternation follows the host part. */
  | 'restricted'
  /** `wsname=` is there but the host part could not be recognised. */
  | 'unknown';

export interface WsnameAnalysis {
  /** Offset of `wsname=`. */
  start: number;
  /** End of the whole wsname part: after the closing `)` of the group that follows `wsname=`. */
  end: number;
  /** The group right after `wsname=`, when there is one and it is closed. */
  outer: PatternGroup | null;
  shape: WsnameShape;
  /** True when the part is, character for character, the shipped permissive pattern. */
  isShipped: boolean;
  /** The host-part group (the first group holding a `[...]` class). */
  hostGroup: PatternGroup | null;
  /** The domain alternation group (restricted shape only). */
  domainGroup: PatternGroup | null;
  /** How the host part is written (restricted shape only; null otherwise). */
  hostPart: WsnameHostPart | null;
  domains: DomainAlternative[];
  /** Where the terminator group is, when the domain list is terminated. */
  terminator: Span | null;
  /** Offset where a missing terminator has to be inserted (after the domain group). */
  terminatorInsertAt: number | null;
}

/**
 * Finds the `wsname=` part of a pattern and takes it apart. Returns null when the pattern has no
 * `wsname=` (case-insensitive).
 */
export function analyzeWsname(pattern: string): WsnameAnalysis | null {
  const start = pattern.toLowerCase().indexOf('wsname=');
  if (start < 0) return null;
  const after = start + 'wsname='.length;
  const { groups } = patternGroups(pattern);
  // Siblings of the wsname= text: groups at the same nesting level that start after it.
  let siblings = groups;
  for (;;) {
    const holder = siblings.find((g) => g.contentStart <= start && start < g.contentEnd);
    if (!holder) break;
    siblings = holder.children;
  }
  siblings = siblings.filter((g) => g.start >= after);
  const outerCand = siblings[0] && siblings[0].start === after ? siblings[0] : null;
  const outer = outerCand && outerCand.closed ? outerCand : null;
  const items = outerCand && outerCand.children.length > 0 ? outerCand.children : siblings;
  const end = outerCand ? outerCand.end : pattern.length;

  const res: WsnameAnalysis = {
    start,
    end,
    outer,
    shape: 'unknown',
    isShipped: pattern.slice(start, end) === SHIPPED_PERMISSIVE_WSNAME,
    hostGroup: null,
    domainGroup: null,
    hostPart: null,
    domains: [],
    terminator: null,
    terminatorInsertAt: null,
  };
  const hostIdx = items.findIndex((g) => pattern[g.contentStart] === '[');
  if (hostIdx < 0) return res;
  res.hostGroup = items[hostIdx]!;
  const next = items[hostIdx + 1];
  if (!next || isTerminatorGroup(pattern, next)) {
    res.shape = 'permissive';
    return res;
  }
  res.shape = 'restricted';
  res.domainGroup = next;
  res.hostPart = hostPartOf(pattern.slice(res.hostGroup.start, next.start));
  res.domains = splitAlternatives(pattern, next).map((s) => domainAlternative(pattern, s));
  const afterDomains = pattern.slice(next.end, next.end + 4);
  const term = items[hostIdx + 2];
  if (term && term.start === next.end && isTerminatorGroup(pattern, term)) {
    res.terminator = { start: term.start, end: term.end };
  } else if (next.closed && /^(?:&|\$|\\\$|%26)/i.test(afterDomains)) {
    res.terminator = { start: next.end, end: next.end + (afterDomains.startsWith('%26') ? 3 : afterDomains.startsWith('\\$') ? 2 : 1) };
  } else if (next.closed) {
    res.terminatorInsertAt = next.end;
  }
  return res;
}

/** Our host part, exactly (case-insensitive; `\-` for `-` accepted). */
const HOST_SUBDOMAINS = /^\(\[a-z0-9(?:-|\\-)\]\+\\\.\)\*$/i;
/** One class, quantified with `+`/`*` (possessive or lazy too), with nothing after it: no dot required. */
const HOST_UNBOUNDED = /^\(\[(?:[^\]\\]|\\.)*\][+*][+?]?\)$/;

/** Classifies the text from the host group's `(` to the domain group's `(`. Bounded input (short regexes). */
function hostPartOf(text: string): WsnameHostPart {
  if (text.length > 200) return 'other';
  if (HOST_SUBDOMAINS.test(text)) return 'subdomains';
  if (HOST_UNBOUNDED.test(text)) return 'unbounded';
  return 'other';
}

function splitAlternatives(p: string, g: PatternGroup): Span[] {
  const out: Span[] = [];
  let s = g.contentStart;
  for (const b of g.bars) {
    out.push({ start: s, end: b });
    s = b + 1;
  }
  out.push({ start: s, end: g.contentEnd });
  return out.filter((x) => x.end >= x.start && p.length >= x.end);
}

function isTerminatorGroup(p: string, g: PatternGroup): boolean {
  const alts = splitAlternatives(p, g).map((s) => p.slice(s.start, s.end).toLowerCase());
  return alts.length > 0 && alts.every((a) => a === '&' || a === '\\&' || a === '%26' || a === '\\$' || a === '$') &&
    alts.some((a) => a === '&' || a === '\\&' || a === '%26');
}

function domainAlternative(p: string, span: Span): DomainAlternative {
  const escapedLetters: Span[] = [];
  const bareDots: number[] = [];
  let complex = false;
  let domain = '';
  for (let i = span.start; i < span.end; i++) {
    const c = p[i]!;
    if (c === '\\') {
      const n = p[i + 1] ?? '';
      if (i + 1 >= span.end) {
        complex = true;
      } else if (/[a-zA-Z]/.test(n)) {
        escapedLetters.push({ start: i, end: i + 2 });
        domain += '\\' + n.toLowerCase();
      } else {
        domain += n;
      }
      i++;
    } else if (c === '.') {
      bareDots.push(i);
      domain += '.';
    } else {
      if ('[](){}*+?^$|'.includes(c)) complex = true;
      domain += c.toLowerCase();
    }
  }
  return { start: span.start, end: span.end, source: p.slice(span.start, span.end), domain, escapedLetters, bareDots, complex };
}

// ---------------------------------------------------------------------------------------------
// Building the restricted pattern
// ---------------------------------------------------------------------------------------------

const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/**
 * Reads a comma-, semicolon- or space-separated list of parent domains (`domain1.com, domain2.com`).
 * Returns the domains lower-cased and without duplicates, or an error message meant for the user.
 */
export function parseDomainList(input: string | readonly string[]): { domains: string[] } | { error: string } {
  const parts = (typeof input === 'string' ? input.split(/[,;\s]+/) : input.flatMap((x) => x.split(/[,;\s]+/)))
    .map((x) => x.trim())
    .filter((x) => x.length > 0);
  if (parts.length === 0) return { error: 'Enter at least one domain, for example "domain1.com, domain2.com".' };
  const seen = new Set<string>();
  const domains: string[] = [];
  for (const part of parts) {
    const d = part.toLowerCase().replace(/\.$/, '');
    const err = domainError(part, d);
    if (err) return { error: err };
    if (!seen.has(d)) {
      seen.add(d);
      domains.push(d);
    }
  }
  return { domains };
}

function domainError(original: string, d: string): string | null {
  if (/^[a-z][a-z0-9+.-]*:\/\//.test(d) || d.includes('/')) {
    return `"${original}" is a URL: enter the domain only (for example "${hostOf(d)}").`;
  }
  if (d.includes('*')) return `"${original}": wildcards are not needed: the domain itself and every host name under it are allowed.`;
  if (d.includes(':')) return `"${original}": enter the domain without a port.`;
  if (/[^\x00-\x7f]/.test(d)) return `"${original}": enter an internationalised domain in its ASCII (xn--) form.`;
  const labels = d.split('.');
  if (labels.length < 2) return `"${original}" is not a domain name: it needs at least one dot (like "domain1.com").`;
  if (d.length > 253 || !labels.every((l) => LABEL.test(l))) {
    return `"${original}" is not a valid domain name: use letters, digits, hyphens and dots only.`;
  }
  if (labels.every((l) => /^\d+$/.test(l))) return `"${original}" is an IP address: list domain names.`;
  return null;
}

function hostOf(url: string): string {
  return url.replace(/^[a-z][a-z0-9+.-]*:\/\//, '').replace(/[/:?#].*$/, '') || 'domain1.com';
}

/** Escapes a domain for use in the alternation: every `.` becomes `\.`. */
export function escapeDomain(domain: string): string {
  return domain.replace(/[\\^$.*+?()[\]{}|]/g, (m) => '\\' + m);
}

/**
 * The restricted `wsname=` part for these domains (already validated with `parseDomainList`):
 * `wsname=((http[s]?)(:|%3A)(/|%2F)(/|%2F)([a-z0-9-]+\.)*(domain1\.com|domain2\.com)(&|%26|\$))`.
 * Same as the guide's pattern except the host part (see `WSNAME_HOST_PART`): the guide's
 * `([a-z0-9.]+)` lets `https://evildomain1.com` through and refuses `https://domain1.com`.
 */
export function buildRestrictedWsname(domains: readonly string[]): string {
  return `${WSNAME_PREFIX}${domains.map(escapeDomain).join('|')})${WSNAME_TERMINATOR})`;
}

// ---------------------------------------------------------------------------------------------
// Sample parent URLs (for the hover; run by a RegexRunner)
// ---------------------------------------------------------------------------------------------

export interface SampleCandidates {
  /** Parent URLs that should pass, best first. */
  allowed: string[];
  /** Parent URLs that should be refused, best first. */
  refused: string[];
  /** Look-alikes of the first domain that a correct pattern refuses (a pattern that allows one is too wide). */
  lookalikes: string[];
  /** The first domain itself (`https://domain1.com`); also one of `allowed`. */
  bare: string;
  /** The first domain with text glued in front (`https://evildomain1.com`); also one of `lookalikes`. */
  gluedPrefix: string;
}

/** The query-string text a pattern is run against for a given parent URL. */
export function sampleInput(parentUrl: string): string {
  return `wsname=${parentUrl}&`;
}

/** Candidate parent URLs for the samples of the hover, from the domains a pattern names. */
export function sampleCandidates(domains: readonly string[]): SampleCandidates {
  const ds = domains.filter((d) => /^[a-z0-9.-]+$/.test(d) && d.includes('.'));
  const d = ds[0] ?? 'domain1.com';
  const allowed: string[] = [];
  for (const x of ds.slice(0, 3)) allowed.push(`https://finesse.${x}`, `https://www.${x}`, `https://${x}`);
  allowed.push('https://finesse.example.com');
  const refused = [
    `https://${d}.evil.example`,
    `https://evil.example/?x=${d}`,
    'https://evil.example',
    'http://evil.example',
  ];
  const lookalikes = [
    `https://www.${d}.evil.example`,
    `https://evil.example/?x=www.${d}`,
    `https://www.${d.replace(/\./g, 'x')}`,
    `https://evil${d}`,
  ];
  return { allowed, refused, lookalikes, bare: `https://${d}`, gluedPrefix: `https://evil${d}` };
}
