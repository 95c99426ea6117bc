/**
 * Case-insensitive glob matching for the `ece.files.*` settings (Windows file names are case-insensitive).
 * Supports `**`, `*`, `?`, `{a,b}` and `[...]`. Paths are compared with `/` separators.
 */
const cache = new Map<string, RegExp>();

export function globToRegExp(glob: string): RegExp {
  const hit = cache.get(glob);
  if (hit) return hit;
  let re = '';
  let inGroup = 0;
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*') {
      if (glob[i + 1] === '*') {
        i++;
        if (glob[i + 1] === '/') {
          i++;
          re += '(?:[^/]*/)*';
        } else re += '.*';
      } else re += '[^/]*';
    } else if (c === '?') re += '[^/]';
    else if (c === '{') {
      inGroup++;
      re += '(?:';
    } else if (c === '}' && inGroup) {
      inGroup--;
      re += ')';
    } else if (c === ',' && inGroup) re += '|';
    else if (c === '[') {
      const close = glob.indexOf(']', i + 1);
      if (close < 0) re += '\\[';
      else {
        re += '[' + glob.slice(i + 1, close).replace(/\\/g, '\\\\').replace(/^!/, '^') + ']';
        i = close;
      }
    } else re += c.replace(/[.+^$()|\\\]]/g, '\\$&');
  }
  const out = new RegExp(`(?:^|/)${re}$`, 'i');
  if (cache.size > 500) cache.clear();
  cache.set(glob, out);
  return out;
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

export function matchesAnyGlob(path: string, globs: readonly string[]): boolean {
  const p = normalizePath(path);
  return globs.some((g) => globToRegExp(g.replace(/^\.\//, '')).test(p));
}
