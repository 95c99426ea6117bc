/**
 * The answers of `WorkspaceView`'s queries, built from the partner files the workspace model finds: the nearest pool
 * file (and its copy inside deployment.zip) as plain summaries, the web server hosts of the nearest gadget config
 * scripts and Finesse layouts, the other service script of an ECE home and the ECE home the Reports DB utility is
 * given. This is the one place that reads one kind's model for another kind's rules (the kinds never import each
 * other); every answer is empty when the other file is not known, so cross-file rules stay silent without it.
 */
import type { GadgetHost, KindId, PartnerScript, PoolFileSummary, ReportsdbHome } from '../core/types';
import { baseName } from '../core/names';
import type { KindModels } from '../kinds';
import { summarizePoolFile } from '../kinds/connpool/model';
import { serverNameValues, type EceJsModel } from '../kinds/ecejs/model';
import type { FinesseModel } from '../kinds/finesse/model';
import { sharedLocationOf } from '../kinds/batch/model';
import { commonFolderDepth, folderSegments } from './paths';

/** `baseName` moved to `core/names.ts`; kept here for the request handlers that still import it from the workspace. */
export { baseName };

/** A partner file of kind `K` with the model its kind's parser gave. */
export type Partner<K extends KindId = KindId> = { uri: string; model: KindModels[K] };

/** Where the queries find their files: the partners of a file among one kind's files, or among their copies. */
export interface PartnerSource {
  related<K extends KindId>(kind: K, fromUri: string): Array<Partner<K>>;
  copies<K extends KindId>(kind: K, fromUri: string): Array<Partner<K>>;
}

function firstPoolFile(partners: Array<Partner<'connpool'>>): PoolFileSummary | undefined {
  const first = partners[0];
  return first && summarizePoolFile(first.uri, first.model);
}

/** `WorkspaceView.poolFile`: the nearest connection pool file. */
export function poolFileOf(src: PartnerSource, fromUri: string): PoolFileSummary | undefined {
  return firstPoolFile(src.related('connpool', fromUri));
}

/** `WorkspaceView.poolFileCopy`: the copy of the nearest pool file inside deployment.zip. */
export function poolFileCopyOf(src: PartnerSource, fromUri: string): PoolFileSummary | undefined {
  return firstPoolFile(src.copies('connpool', fromUri));
}

/** The bare hosts `web_server_name` names in one gadget config script (schemes, ports and paths removed). */
function eceJsHosts(model: EceJsModel): string[] {
  const out: string[] = [];
  for (const v of serverNameValues(model)) {
    const host = v.parts.host.trim();
    if (host) out.push(host);
  }
  return out;
}

/** The hosts of the ECE gadgets of one layout (URLs still holding a placeholder are skipped). */
function layoutEceHosts(model: FinesseModel): string[] {
  const out: string[] = [];
  for (const u of model.urls) {
    const info = u.info;
    if (info.kind !== 'ece-agent' && info.kind !== 'ece-other') continue;
    if (info.placeholders.length > 0 || info.parts.relative) continue;
    const host = info.parts.host.trim();
    if (host) out.push(host);
  }
  return out;
}

/** `WorkspaceView.gadgetHosts`: the hosts of the other gadget config scripts and the Finesse layouts of the home. */
export function gadgetHostsOf(src: PartnerSource, fromUri: string): GadgetHost[] {
  const out: GadgetHost[] = [];
  for (const r of src.related('ecejs', fromUri)) {
    for (const host of eceJsHosts(r.model)) out.push({ uri: r.uri, source: baseName(r.uri), host });
  }
  for (const r of src.related('finesse', fromUri)) {
    for (const host of layoutEceHosts(r.model)) out.push({ uri: r.uri, source: `layout ${baseName(r.uri)}`, host });
  }
  return out;
}

/**
 * `WorkspaceView.partnerScript`: `egainstop.bat` for `egainstart.bat` and the other way round. Both live in
 * `eService\bin\platform\windows`, so only a file in the same folder counts.
 */
export function partnerScriptOf(src: PartnerSource, fromUri: string): PartnerScript | undefined {
  const self = baseName(fromUri).toLowerCase();
  const want = self === 'egainstart.bat' ? 'egainstop.bat' : self === 'egainstop.bat' ? 'egainstart.bat' : undefined;
  if (!want) return undefined;
  const depth = folderSegments(fromUri).length;
  for (const r of src.related('batch', fromUri)) {
    if (baseName(r.uri).toLowerCase() !== want || folderSegments(r.uri).length !== depth || commonFolderDepth(fromUri, r.uri) !== depth) continue;
    return { uri: r.uri, displayName: r.model.displayName, sharedLocation: sharedLocationOf(r.model)?.value };
  }
  return undefined;
}

/**
 * `WorkspaceView.reportsdbHomes`: one entry per key present (`EGAIN_HOME_DIR`, `ECE_HOME_DIR`) of the nearest
 * `reportsdb_utility.properties`. Empty when the file is unknown or Java cannot load it (a malformed `\u` escape
 * makes `Properties.load` throw).
 */
export function reportsdbHomesOf(src: PartnerSource, fromUri: string): ReportsdbHome[] {
  const out: ReportsdbHome[] = [];
  for (const r of src.related('reportsdb', fromUri)) {
    if (r.model.parsed.malformedUnicode) continue;
    for (const key of ['EGAIN_HOME_DIR', 'ECE_HOME_DIR']) {
      const e = r.model.parsed.table.get(key);
      if (e) out.push({ uri: r.uri, key, value: e.value });
    }
    break;
  }
  return out;
}
