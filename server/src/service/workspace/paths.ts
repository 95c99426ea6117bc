/**
 * URIs and folders as the workspace compares them: the same file spelled by VS Code and by Node is one key, folder
 * names compare case-insensitively (Windows). Kept apart from the model so the cross-file queries can use it without
 * importing the kind registry.
 */

const segmentCache = new Map<string, readonly string[]>();

/** Lower-cased folder segments of a URI or path (`file:///C:/ECE/x.xml` → `['c:', 'ece']`). Memoised. */
export function folderSegments(uri: string): readonly string[] {
  let hit = segmentCache.get(uri);
  if (!hit) {
    if (segmentCache.size >= 20_000) segmentCache.clear();
    hit = computeSegments(uri);
    segmentCache.set(uri, hit);
  }
  return hit;
}

function computeSegments(uri: string): string[] {
  let p = uri;
  const m = /^[a-z][a-z0-9+.-]*:/i.exec(p);
  if (m) {
    p = p.slice(m[0].length);
    if (p.startsWith('//')) {
      const slash = p.indexOf('/', 2);
      p = slash < 0 ? '' : p.slice(slash);
    }
    try {
      p = decodeURIComponent(p);
    } catch {
      /* keep as is */
    }
  }
  const parts = p.replace(/\\/g, '/').split('/').filter((s) => s !== '' && s !== '.');
  parts.pop(); // the file name
  return parts.map((s) => s.toLowerCase());
}

/**
 * A comparable form of a URI: `file:` URIs percent-decoded, backslashes as `/`, the drive letter lower-cased, so
 * `file:///c%3A/ECE/x.xml` (VS Code) and `file:///C:/ECE/x.xml` (Node's pathToFileURL) are the same file.
 */
export function canonicalUri(uri: string): string {
  if (!/^file:/i.test(uri)) return uri;
  let p = uri.slice(5);
  try {
    p = decodeURIComponent(p);
  } catch {
    /* keep as is */
  }
  p = p.replace(/\\/g, '/');
  p = p.replace(/^(\/*)([A-Za-z]):/, (_m, slashes: string, d: string) => `${slashes}${d.toLowerCase()}:`);
  return 'file:' + p;
}

/** Number of leading folder segments two URIs share. */
export function commonFolderDepth(a: string, b: string): number {
  const x = folderSegments(a);
  const y = folderSegments(b);
  let i = 0;
  while (i < x.length && i < y.length && x[i] === y[i]) i++;
  return i;
}

