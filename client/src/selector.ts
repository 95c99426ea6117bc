/** Document selectors from the `ece.files.*` globs, made case-insensitive (Windows file names are). */
import type { DocumentSelector } from 'vscode-languageclient/node';
import { DEFAULT_FILE_GLOBS } from '../../server/src/service/core/settings';

/** The kinds' default globs, from the one place that declares them (pure data, no ECE logic runs here). */
export const DEFAULT_GLOBS: Record<string, string[]> = DEFAULT_FILE_GLOBS;

/** `**\/web.config` → `**\/[wW][eE][bB].[cC][oO][nN][fF][iI][gG]` (letters inside `[...]` are left alone). */
export function caseInsensitiveGlob(glob: string): string {
  let out = '';
  let inClass = false;
  for (const c of glob) {
    if (c === '[') inClass = true;
    else if (c === ']') inClass = false;
    const lower = c.toLowerCase();
    const upper = c.toUpperCase();
    out += !inClass && lower !== upper ? `[${lower}${upper}]` : c;
  }
  return out;
}

export function documentSelector(files: Record<string, string[] | undefined>): DocumentSelector {
  const globs = new Set<string>();
  for (const [kind, defaults] of Object.entries(DEFAULT_GLOBS)) {
    const list = files[kind];
    for (const g of Array.isArray(list) && list.length ? list : defaults) globs.add(g);
  }
  return [...globs].flatMap((g) => [
    { scheme: 'file', pattern: caseInsensitiveGlob(g) },
    { scheme: 'vscode-remote', pattern: caseInsensitiveGlob(g) },
  ]);
}
