/**
 * Cross-file questions the rules ask through `WorkspaceView`: the hosts and URLs of the nearest pool file, the
 * web server host named by the nearest gadget config scripts and Finesse layouts, the other service script of an
 * ECE home and the ECE home the Reports DB utility is given. Every answer is empty when the other file is not known,
 * so cross-file rules stay silent without it.
 */
import type { KindId, WorkspaceView } from '../core/types';
import { connectionPort, databaseName, effectiveHost, type ConnectionPort, type JdbcUrl } from '../parse/jdbcUrl';
import { isReportsPool, type ConnPool, type ConnpoolModel } from '../kinds/connpool/model';
import { serverNameValues, type EceJsModel } from '../kinds/ecejs/model';
import type { FinesseModel } from '../kinds/finesse/model';
import type { BatchFileModel } from '../kinds/batch/model';
import type { PropertiesFileModel } from '../kinds/properties/model';
import { commonFolderDepth, folderSegments } from './paths';

/**
 * The partner files of `kind` for `fromUri`: those of its own ECE home (see `WorkspaceModel.related`); empty when
 * there are none or the answer would be ambiguous, so cross-file rules stay silent rather than compare with another home.
 */
export function nearestGroup(view: WorkspaceView, kind: KindId, fromUri: string): Array<{ uri: string; model: unknown }> {
  return view.related(kind, fromUri);
}

/** The file name of a URI, for messages. */
export function baseName(uri: string): string {
  const clean = uri.split(/[?#]/)[0] ?? uri;
  const seg = clean.slice(Math.max(clean.lastIndexOf('/'), clean.lastIndexOf('\\')) + 1);
  try {
    return decodeURIComponent(seg);
  } catch {
    return seg;
  }
}

function isConnpoolModel(m: unknown): m is ConnpoolModel {
  return !!m && typeof m === 'object' && Array.isArray((m as ConnpoolModel).pools);
}

/** The nearest connection pool file, if one is known (and the nearest is not ambiguous, see `nearestGroup`). */
export function nearestPoolFile(view: WorkspaceView, fromUri: string): { uri: string; model: ConnpoolModel } | undefined {
  for (const r of nearestGroup(view, 'connpool', fromUri)) if (isConnpoolModel(r.model)) return { uri: r.uri, model: r.model };
  return undefined;
}

export interface PoolHost {
  /** The host as written in the pool's URL (trimmed). */
  host: string;
  poolName: string | undefined;
  poolUri: string;
}

/**
 * The hosts the nearest pool file connects to, one entry per pool with a SQL Server URL. With Always On these
 * are the availability group listener(s).
 */
export function poolHosts(view: WorkspaceView, fromUri: string): PoolHost[] {
  const file = nearestPoolFile(view, fromUri);
  if (!file) return [];
  const out: PoolHost[] = [];
  for (const p of file.model.pools) {
    if (!p.url || !p.url.jdbc.isSqlServer) continue;
    const host = effectiveHost(p.url.jdbc);
    if (host) out.push({ host: host.trim(), poolName: p.name, poolUri: file.uri });
  }
  return out;
}

export interface PoolUrl {
  poolUri: string;
  pool: ConnPool;
  /** The URL as the driver reads it (XML entities decoded), trimmed. */
  text: string;
  jdbc: JdbcUrl;
}

/** The URL of the pool named `name` (case-insensitive) in the nearest pool file. */
export function poolUrlByName(view: WorkspaceView, fromUri: string, name: string): PoolUrl | undefined {
  const file = nearestPoolFile(view, fromUri);
  if (!file) return undefined;
  const want = name.toLowerCase();
  for (let i = file.model.pools.length - 1; i >= 0; i--) {
    const p = file.model.pools[i]!;
    if (p.name?.toLowerCase() !== want || !p.url) continue;
    return { poolUri: file.uri, pool: p, text: p.url.trimmed, jdbc: p.url.jdbc };
  }
  return undefined;
}

/** Compares host names as DNS does: case-insensitive, a trailing dot ignored. */
export function hostKey(host: string): string {
  return host.trim().toLowerCase().replace(/\.$/, '');
}

/**
 * True when two host names denote the same machine: equal, or one is the short name of the other
 * (`ece-ag-listener` and `ece-ag-listener.example.com`).
 */
export function sameMachine(a: string, b: string): boolean {
  const x = hostKey(a);
  const y = hostKey(b);
  if (!x || !y) return false;
  if (x === y) return true;
  if (!x.includes('.') && y.startsWith(x + '.')) return true;
  if (!y.includes('.') && x.startsWith(y + '.')) return true;
  return false;
}

export interface GadgetHost {
  uri: string;
  /** What names it, for messages: "spog_config.js", "layout agent.xml". */
  source: string;
  host: string;
}

function isEceJsModel(m: unknown): m is EceJsModel {
  return !!m && typeof m === 'object' && Array.isArray((m as EceJsModel).bindings) && typeof (m as EceJsModel).text === 'string';
}

function isFinesseModel(m: unknown): m is FinesseModel {
  return !!m && typeof m === 'object' && Array.isArray((m as FinesseModel).urls);
}

/** The bare hosts `web_server_name` names in one gadget config script (schemes, ports and paths removed). */
export function eceJsHosts(model: EceJsModel): string[] {
  const out: string[] = [];
  for (const v of serverNameValues(model)) {
    const host = v.parts.host.trim();
    if (host) out.push(host);
  }
  return out;
}

/** The hosts of the ECE gadgets of one layout (URLs still holding a placeholder are skipped). */
export function layoutEceHosts(model: FinesseModel): string[] {
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

/**
 * The ECE web server hosts named by the other gadget config scripts and the Finesse layouts nearest to `fromUri`
 * (same ECE home).
 */
export function gadgetHosts(view: WorkspaceView, fromUri: string): GadgetHost[] {
  const out: GadgetHost[] = [];
  for (const r of nearestGroup(view, 'ecejs', fromUri)) {
    if (!isEceJsModel(r.model)) continue;
    for (const host of eceJsHosts(r.model)) out.push({ uri: r.uri, source: baseName(r.uri), host });
  }
  for (const r of nearestGroup(view, 'finesse', fromUri)) {
    if (!isFinesseModel(r.model)) continue;
    for (const host of layoutEceHosts(r.model)) out.push({ uri: r.uri, source: `layout ${baseName(r.uri)}`, host });
  }
  return out;
}

export interface PoolDatabase {
  poolUri: string;
  poolName: string | undefined;
  /** True for the reports pool (its name mentions "report"), false for the active-database pools. */
  reports: boolean;
  /** The `databaseName` the URL opens; undefined when the URL names none. */
  database: string | undefined;
  /** Where the driver connects, port-wise (see `connectionPort`). */
  port: ConnectionPort;
}

/**
 * The database and port each pool of the nearest pool file connects to (pools with a SQL Server URL only). Used to
 * hold the Reports DB utility's names and ports against the pools of the same ECE home.
 */
export function poolDatabases(view: WorkspaceView, fromUri: string): PoolDatabase[] {
  const file = nearestPoolFile(view, fromUri);
  if (!file) return [];
  const out: PoolDatabase[] = [];
  for (const p of file.model.pools) {
    if (!p.url || !p.url.jdbc.isSqlServer) continue;
    out.push({ poolUri: file.uri, poolName: p.name, reports: isReportsPool(p), database: databaseName(p.url.jdbc), port: connectionPort(p.url.jdbc) });
  }
  return out;
}

function isBatchModel(m: unknown): m is BatchFileModel {
  return !!m && typeof m === 'object' && typeof (m as BatchFileModel).fileName === 'string' && Array.isArray((m as BatchFileModel).parsed?.assignments);
}

/**
 * The other service script of the same ECE home: `egainstop.bat` for `egainstart.bat` and the other way round. Both
 * live in `eService\bin\platform\windows`, so only a file in the same folder counts. Undefined for the other batch
 * files, or when it is not known.
 */
export function partnerScript(view: WorkspaceView, fromUri: string): { uri: string; model: BatchFileModel } | undefined {
  const self = baseName(fromUri).toLowerCase();
  const want = self === 'egainstart.bat' ? 'egainstop.bat' : self === 'egainstop.bat' ? 'egainstart.bat' : undefined;
  if (!want) return undefined;
  const depth = folderSegments(fromUri).length;
  for (const r of view.related('batch', fromUri)) {
    if (baseName(r.uri).toLowerCase() !== want || folderSegments(r.uri).length !== depth || commonFolderDepth(fromUri, r.uri) !== depth) continue;
    if (isBatchModel(r.model)) return { uri: r.uri, model: r.model };
  }
  return undefined;
}

function isPropertiesModel(m: unknown): m is PropertiesFileModel {
  return !!m && typeof m === 'object' && (m as PropertiesFileModel).parsed?.table instanceof Map;
}

export interface ReportsdbHome {
  uri: string;
  /** `EGAIN_HOME_DIR` (12.6) or `ECE_HOME_DIR` (12.5). */
  key: string;
  /** The value exactly as `java.util.Properties` loads it (escapes applied). */
  value: string;
}

/**
 * The ECE home the nearest `reportsdb_utility.properties` gives the Reports DB utility, as Java loads it: one entry
 * per key present (`EGAIN_HOME_DIR`, `ECE_HOME_DIR`). Empty when the file is unknown or Java cannot load it (a
 * malformed `\u` escape makes `Properties.load` throw).
 */
export function reportsdbHomes(view: WorkspaceView, fromUri: string): ReportsdbHome[] {
  const out: ReportsdbHome[] = [];
  for (const r of nearestGroup(view, 'reportsdb', fromUri)) {
    if (!isPropertiesModel(r.model) || r.model.parsed.malformedUnicode) continue;
    for (const key of ['EGAIN_HOME_DIR', 'ECE_HOME_DIR']) {
      const e = r.model.parsed.table.get(key);
      if (e) out.push({ uri: r.uri, key, value: e.value });
    }
    break;
  }
  return out;
}
