/**
 * The `ece.files.*` globs: one matcher for the server, the CLI and the VS Code client, so all three pick the same
 * files. Case-insensitive (Windows file names are), dot files included.
 *
 * Syntax: `**` as a whole segment matches any number of folders; `*` any run of characters within a segment (and `**`
 * inside a segment is the same as `*`); `?` one character; `[abc]`, `[a-z]`, `[!x]` / `[^x]` one character of a set;
 * `{a,b}` alternatives (nested allowed). A backslash is a path separator, as users write Windows paths (`**\web.config`
 * is `**\/web.config`). A pattern that does not start with `/`, a drive (`C:/`) or `**` matches at the end of a path:
 * `dataaccess/*.xml` matches `.../dataaccess/x.xml` at any depth.
 *
 * Why not picomatch (the library whose syntax this follows; it is this matcher's oracle in the tests): it compiles a
 * glob into a regular expression, and V8 backtracks on those exponentially. Measured on this machine, picomatch 4.0.7
 * with the pattern `**` + `/*a*a*a*ab.xml` takes 1.5 s to refuse one 250-character file name, and a pattern of that shape in a
 * repository's `.vscode/settings.json` would freeze the server. Here a segment is matched with the usual
 * two-pointer wildcard algorithm (O(name × pattern) at worst, no backtracking blow-up) and the segments with a
 * memoised walk over (pattern segment, path segment) pairs, so every match is polynomial and small.
 *
 * Bounds, reported as invalid patterns instead of being matched: more than 500 characters, more than 64 brace
 * alternatives, an unclosed `[`.
 */

export interface GlobProblem {
  pattern: string;
  message: string;
}

/** One compiled segment: a literal (lower-cased) or a wildcard segment, or `**`. */
type Segment = { kind: 'globstar' } | { kind: 'literal'; text: string } | { kind: 'wild'; tokens: Token[] };
type Token = { t: 'star' } | { t: 'one' } | { t: 'char'; c: string } | { t: 'set'; negate: boolean; items: Array<[string, string]> };

interface Compiled {
  /** Each alternative (braces expanded) as a list of segments. */
  alternatives: Segment[][];
  /** True when the pattern is anchored at the start of the path (else it matches the path's end). */
  anchored: boolean;
}

const MAX_PATTERN_LENGTH = 500;
const MAX_ALTERNATIVES = 64;

const cache = new Map<string, Compiled | GlobProblem>();

/** The pattern as this matcher reads it: backslashes as `/`, a leading `./` dropped. */
function normalizeGlob(pattern: string): string {
  return pattern.trim().replace(/\\/g, '/').replace(/^(\.\/)+/, '');
}

/** Expands `{a,b}` (nested) into its alternatives; undefined when there would be more than MAX_ALTERNATIVES. */
function expandBraces(p: string): string[] | undefined {
  let depth = 0;
  let open = -1;
  for (let i = 0; i < p.length; i++) {
    const c = p[i];
    if (c === '[') {
      const close = p.indexOf(']', i + 2);
      if (close > 0) i = close;
    } else if (c === '{') {
      if (depth++ === 0) open = i;
    } else if (c === '}' && depth > 0 && --depth === 0) {
      const body = p.slice(open + 1, i);
      const parts: string[] = [];
      let d = 0;
      let from = 0;
      for (let k = 0; k < body.length; k++) {
        if (body[k] === '{') d++;
        else if (body[k] === '}') d--;
        else if (body[k] === ',' && d === 0) {
          parts.push(body.slice(from, k));
          from = k + 1;
        }
      }
      parts.push(body.slice(from));
      if (parts.length === 1) continue; // `{a}` is literal text in picomatch's reading too
      const head = p.slice(0, open);
      const tail = p.slice(i + 1);
      const out: string[] = [];
      for (const part of parts) {
        const sub = expandBraces(head + part + tail);
        if (!sub) return undefined;
        out.push(...sub);
        if (out.length > MAX_ALTERNATIVES) return undefined;
      }
      return out;
    }
  }
  return [p];
}

function compileSegment(seg: string): Segment | GlobProblem {
  if (seg === '**') return { kind: 'globstar' };
  if (!/[*?[]/.test(seg)) return { kind: 'literal', text: seg.toLowerCase() };
  const tokens: Token[] = [];
  for (let i = 0; i < seg.length; i++) {
    const c = seg[i]!;
    if (c === '*') {
      if (tokens[tokens.length - 1]?.t !== 'star') tokens.push({ t: 'star' });
    } else if (c === '?') tokens.push({ t: 'one' });
    else if (c === '[') {
      let k = i + 1;
      const negate = seg[k] === '!' || seg[k] === '^';
      if (negate) k++;
      const close = seg.indexOf(']', k + 1);
      if (close < 0) return { pattern: seg, message: `"[" without a closing "]" in "${seg}"` };
      const body = seg.slice(k, close);
      const items: Array<[string, string]> = [];
      for (let j = 0; j < body.length; j++) {
        const a = body[j]!.toLowerCase();
        if (body[j + 1] === '-' && j + 2 < body.length) {
          items.push([a, body[j + 2]!.toLowerCase()]);
          j += 2;
        } else items.push([a, a]);
      }
      tokens.push({ t: 'set', negate, items });
      i = close;
    } else tokens.push({ t: 'char', c: c.toLowerCase() });
  }
  return { kind: 'wild', tokens };
}

function compile(pattern: string): Compiled | GlobProblem {
  const hit = cache.get(pattern);
  if (hit) return hit;
  const result = compileUncached(pattern);
  if (cache.size > 500) cache.clear();
  cache.set(pattern, result);
  return result;
}

function compileUncached(raw: string): Compiled | GlobProblem {
  const pattern = normalizeGlob(raw);
  if (pattern.length === 0) return { pattern: raw, message: 'the pattern is empty' };
  if (pattern.length > MAX_PATTERN_LENGTH) return { pattern: raw, message: `the pattern is longer than ${MAX_PATTERN_LENGTH} characters` };
  const alts = expandBraces(pattern);
  if (!alts) return { pattern: raw, message: `the pattern's {…} alternatives give more than ${MAX_ALTERNATIVES} patterns` };
  const anchored = /^(\/|[a-z]:\/|\*\*(\/|$))/i.test(pattern);
  const alternatives: Segment[][] = [];
  for (const alt of alts) {
    const segs: Segment[] = [];
    for (const s of alt.split('/')) {
      if (s === '' ) continue;
      const c = compileSegment(s);
      if ('message' in c) return { pattern: raw, message: c.message };
      // `**/**` is the same as `**`.
      if (c.kind === 'globstar' && segs[segs.length - 1]?.kind === 'globstar') continue;
      segs.push(c);
    }
    if (!anchored && segs[0]?.kind !== 'globstar') segs.unshift({ kind: 'globstar' });
    alternatives.push(segs);
  }
  return { alternatives, anchored };
}

function tokenMatches(t: Token, c: string): boolean {
  switch (t.t) {
    case 'one':
      return true;
    case 'char':
      return t.c === c;
    case 'set': {
      let hit = false;
      for (const [a, b] of t.items) if (c >= a && c <= b) hit = true;
      return hit !== t.negate;
    }
    case 'star':
      return true;
  }
}

/** Wildcard match of one lower-cased name: two pointers, resuming after the last `*` (no exponential backtracking). */
function segmentMatches(seg: Segment, name: string): boolean {
  if (seg.kind === 'globstar') return true;
  if (seg.kind === 'literal') return seg.text === name;
  const tk = seg.tokens;
  let i = 0; // name
  let j = 0; // tokens
  let starJ = -1;
  let starI = 0;
  while (i < name.length) {
    const t = tk[j];
    if (t && t.t === 'star') {
      starJ = j++;
      starI = i;
    } else if (t && tokenMatches(t, name[i]!)) {
      i++;
      j++;
    } else if (starJ >= 0) {
      j = starJ + 1;
      i = ++starI;
    } else return false;
  }
  while (j < tk.length && tk[j]!.t === 'star') j++;
  return j === tk.length;
}

/** Segments of `segs` (from k) against names (from n), `**` matching any number of names; memoised per (k, n). */
function segmentsMatch(segs: Segment[], names: string[]): boolean {
  const memo = new Map<number, boolean>();
  const width = names.length + 1;
  const go = (k: number, n: number): boolean => {
    const key = k * width + n;
    const m = memo.get(key);
    if (m !== undefined) return m;
    let r: boolean;
    if (k === segs.length) r = n === names.length;
    else if (segs[k]!.kind === 'globstar') r = go(k + 1, n) || (n < names.length && go(k, n + 1));
    else r = n < names.length && segmentMatches(segs[k]!, names[n]!) && go(k + 1, n + 1);
    memo.set(key, r);
    return r;
  };
  return go(0, 0);
}

/** The path (a file path or a URI) as lower-cased segments, for matching. */
function pathSegments(path: string): string[] {
  return normalizePath(path)
    .toLowerCase()
    .split('/')
    .filter((s) => s !== '');
}

/** Normalises a file path or URI path to forward slashes for matching. */
export function normalizePath(p: string): string {
  let s = p;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(s)) {
    try {
      s = decodeURIComponent(new URL(s).pathname);
    } catch {
      /* keep as is */
    }
  }
  return s.replace(/\\/g, '/');
}

/** Whether `path` matches one glob (false for an invalid glob: see `globProblems`). */
export function matchesGlob(path: string, glob: string): boolean {
  const c = compile(glob);
  if ('message' in c) return false;
  const names = pathSegments(path);
  return c.alternatives.some((segs) => segmentsMatch(segs, names));
}

export function matchesAnyGlob(path: string, globs: readonly string[]): boolean {
  if (globs.length === 0) return false;
  const names = pathSegments(path);
  for (const g of globs) {
    const c = compile(g);
    if ('message' in c) continue;
    if (c.alternatives.some((segs) => segmentsMatch(segs, names))) return true;
  }
  return false;
}

/** The globs that cannot be used, with the reason (settings validation reports them; matching skips them). */
export function globProblems(globs: readonly string[]): GlobProblem[] {
  const out: GlobProblem[] = [];
  for (const g of globs) {
    const c = compile(g);
    if ('message' in c) out.push({ pattern: g, message: c.message });
  }
  return out;
}
