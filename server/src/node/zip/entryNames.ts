/**
 * Entry names inside a zip: matching (case-insensitive, `/` or `\`, with or without a leading slash) and the
 * safety check that refuses names which would escape an extraction folder.
 */

/** The copy of the pool file inside ECE's `service\lib\deployment.zip`. */
export const CONNPOOL_ZIP_ENTRY = 'dataaccess/egpl_ds_connpool_map.xml';

/** Which entry to work on: a path (compared with {@link normalizeEntryName}) or a predicate on the entry's name. */
export type ZipEntryMatcher = string | ((entryName: string) => boolean);

/**
 * The comparable form of an entry name: backslashes become `/`, leading slashes and `./` segments are dropped,
 * runs of `/` collapse, letters are lower-cased. `\dataaccess\EGPL_DS_CONNPOOL_MAP.XML` and
 * `dataaccess/egpl_ds_connpool_map.xml` give the same result.
 */
export function normalizeEntryName(name: string): string {
  const parts = name.replace(/\\/g, '/').split('/').filter((p) => p !== '' && p !== '.');
  return parts.join('/').toLowerCase();
}

/** Turns a {@link ZipEntryMatcher} into a predicate. Directory entries (names ending in `/` or `\`) never match. */
export function entryNameMatcher(matcher: ZipEntryMatcher): (entryName: string) => boolean {
  const isDir = (n: string): boolean => n.endsWith('/') || n.endsWith('\\');
  if (typeof matcher === 'function') return (n) => !isDir(n) && matcher(n);
  const want = normalizeEntryName(matcher);
  return (n) => !isDir(n) && normalizeEntryName(n) === want;
}

/**
 * Why an entry name is unsafe, or undefined when it is fine. Refused: empty names, NUL characters, absolute paths
 * (`/x`, `\x`), drive letters (`C:x`), and any `..` segment (with `/` or `\` as separator).
 */
export function unsafeEntryNameReason(name: string): string | undefined {
  if (name.length === 0) return 'the entry has an empty name';
  if (name.includes('\0')) return `the entry name ${JSON.stringify(name)} contains a NUL character`;
  const slashed = name.replace(/\\/g, '/');
  if (slashed.startsWith('/')) return `the entry name ${JSON.stringify(name)} is an absolute path`;
  if (/^[A-Za-z]:/.test(slashed)) return `the entry name ${JSON.stringify(name)} starts with a drive letter`;
  if (slashed.split('/').includes('..')) return `the entry name ${JSON.stringify(name)} climbs out of the archive with ".."`;
  return undefined;
}
