/**
 * The pool file inside `service\lib\deployment.zip`, the copy ECE deploys from (12.6 guide, Windows authentication
 * section). Read only, with the zip reader's limits on names and sizes; the CLI and the server put it into the
 * workspace model as a copy (`WorkspaceFile.copy`) under its own URI, `ece-zip:<zip path>!/<entry name>`, so it is
 * checked like the pool file on disk and `connpool/deployment-zip-differs` compares the two.
 */
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { CONNPOOL_ZIP_ENTRY, readZipEntryText, ZipEntryError } from './zip';

const fileUri = (p: string) => pathToFileURL(path.resolve(p)).href;

export const ZIP_ENTRY_SCHEME = 'ece-zip';

/** `service/lib/deployment.zip` in any case, with either separator. */
export function isDeploymentZip(path: string): boolean {
  return /(^|[\\/])service[\\/]lib[\\/]deployment\.zip$/i.test(path);
}

/** The URI of an entry of a zip: `ece-zip:///C:/ECE/service/lib/deployment.zip!/dataaccess/egpl_ds_connpool_map.xml`. */
export function zipEntryUri(zipPath: string, entryName: string): string {
  return `${ZIP_ENTRY_SCHEME}:${fileUri(zipPath).slice('file:'.length)}!/${entryName.split('/').map(encodeURIComponent).join('/')}`;
}

/**
 * The URI the server keys an entry under, from any spelling of it: VS Code writes `ece-zip:/C:/…` (no empty
 * authority) and may percent-encode the `!`, where the server wrote `ece-zip:///C:/…!/…`. Other URIs come back as they are.
 */
export function canonicalZipEntryUri(uri: string): string {
  const p = parseZipEntryUri(uri.replace(/%21\//i, '!/'));
  return p ? zipEntryUri(p.zipPath, p.entryName) : uri;
}

/** The zip path and entry name of an entry URI, or undefined for other URIs. */
export function parseZipEntryUri(uri: string): { zipPath: string; entryName: string } | undefined {
  const m = /^ece-zip:(.*?)!\/(.*)$/.exec(uri);
  if (!m) return undefined;
  try {
    return { zipPath: fileURLToPath(`file:${m[1]}`), entryName: m[2]!.split('/').map(decodeURIComponent).join('/') };
  } catch {
    return undefined;
  }
}

/** How an entry path is shown to the user: `…/service/lib/deployment.zip!/dataaccess/egpl_ds_connpool_map.xml`. */
export function zipEntryDisplay(zipPath: string, entryName: string): string {
  return `${zipPath}!/${entryName}`;
}

export type ZipPoolRead =
  | { kind: 'entry'; uri: string; entryName: string; text: string }
  | { kind: 'absent' }
  | { kind: 'error'; message: string };

/** Reads the pool entry of a deployment.zip; never throws (a refused or broken zip is an `error` with the reason). */
export async function readDeploymentZipPool(zipPath: string, opts: { stripBom?: boolean } = {}): Promise<ZipPoolRead> {
  try {
    const e = await readZipEntryText(zipPath, CONNPOOL_ZIP_ENTRY);
    if (!e) return { kind: 'absent' };
    const text = opts.stripBom && e.hasBom ? e.text.slice(1) : e.text;
    return { kind: 'entry', uri: zipEntryUri(zipPath, e.name), entryName: e.name, text };
  } catch (err) {
    const why = err instanceof ZipEntryError ? err.message : (err as Error).message;
    return { kind: 'error', message: `cannot be read as a zip holding ${CONNPOOL_ZIP_ENTRY} (${why}); its pool file was not checked` };
  }
}
