/**
 * Which documents the client hands to the language server: those whose path matches some `ece.files.*` glob, decided
 * by the SAME matcher and the same defaults as the server and the CLI (`matchesAnyGlob`, `normalizeSettings`).
 *
 * VS Code's document-selector patterns are another glob dialect (anchored at the workspace folder, case-sensitive on
 * Linux, no backslashes), so the client registers a broad selector (by scheme) and filters with this module in the
 * middleware (extension.ts). Pure: no `vscode` import, so unit tests load it as it is.
 */
import { matchesAnyGlob } from '../../server/src/service/core/glob';
import { normalizeSettings } from '../../server/src/service/core/settings';

/** The URI schemes of documents the server can read (it loads the rest of the ECE home from disk). */
export const SYNCED_SCHEMES = ['file', 'vscode-remote'] as const;

/**
 * Whether a document is one the server should see: `uri` is a document URI (`file:///...`) or a path; `files` is the
 * `ece.files` setting for that document as VS Code gives it (partial, missing or malformed: the defaults fill in, as
 * on the server).
 */
export function isEceCandidate(uri: string, files: unknown): boolean {
  const globs = normalizeSettings({ files }).files;
  return Object.values(globs).some((list) => matchesAnyGlob(uri, list));
}

/** `web.config` → `[wW][eE][bB].[cC][oO][nN][fF][iI][gG]`: VS Code's watcher globs are case-sensitive on Linux. */
export function caseInsensitiveGlob(glob: string): string {
  let out = '';
  for (const c of glob) {
    const lower = c.toLowerCase();
    const upper = c.toUpperCase();
    out += lower !== upper ? `[${lower}${upper}]` : c;
  }
  return out;
}

/**
 * The globs of the file watcher (`synchronize.fileEvents`): every extension an ECE file of any kind has by default
 * (the server decides with the `ece.files.*` globs which events matter), and `deployment.zip`, whose pool file the
 * server reads. Broad by extension rather than by name, so a user's own `ece.files.*` pattern is covered too.
 */
export const WATCHED_GLOBS: readonly string[] = [
  `**/*.{${['xml', 'properties', 'js', 'config', 'bat'].map(caseInsensitiveGlob).join(',')}}`,
  `**/${caseInsensitiveGlob('deployment.zip')}`,
];
