/**
 * The cross-file model of one or more ECE home trees: every known ECE file (open or not) with its kind, its
 * parsed model and a version, updated on open / change / delete. It answers `WorkspaceView.related` (other files
 * of a kind, nearest first) and tells which files depend on a changed one, so their diagnostics can be refreshed.
 *
 * Pure: no I/O. The Node side (`server/src/node/workspace.ts`) reads the files and feeds them in.
 *
 * "Nearest" means sharing the longest folder prefix with the asking file (case-insensitive, as on Windows), so
 * when a workspace holds several ECE homes (prod and test copies, one folder per web server) every file is
 * compared with the files of its own home. Ties go to the shallower path, then to the path in alphabetical order.
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { FileKind, KindId, WorkspaceView } from '../core/types';

/** Finds the kind of a file by its URI and content (the service's `kindOf` with the current settings). */
export type KindDetector = (uri: string, text: string) => FileKind<unknown> | undefined;

export interface WorkspaceFile {
  uri: string;
  kind: KindId;
  /** Increases on every update of this file (or the editor's document version when given). */
  version: number;
  text: string;
  model: unknown;
}

/** Which kinds' rules read which other kinds (cross-file rules). */
export const CROSS_FILE_DEPENDENCIES: Readonly<Record<KindId, readonly KindId[]>> = {
  // a pool file change affects reportsdb/server-is-listener and indexstats/url-differs-from-connpool
  connpool: ['reportsdb', 'indexstats'],
  // its ECE home is read by batch/shared-location-not-unc and batch/reportsdb-home-differs
  reportsdb: ['batch'],
  indexstats: [],
  // ecejs/hosts-differ compares ece_config.js, spog_config.js and the layouts
  ecejs: ['ecejs'],
  finesse: ['ecejs'],
  webconfig: [],
  // egainstart.bat and egainstop.bat compare their env.fs.shared.location
  batch: ['batch'],
};

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
  return commonDepth(folderSegments(a), folderSegments(b));
}

function commonDepth(x: readonly string[], y: readonly string[]): number {
  let i = 0;
  while (i < x.length && i < y.length && x[i] === y[i]) i++;
  return i;
}

export class WorkspaceModel implements WorkspaceView {
  private readonly files = new Map<string, WorkspaceFile>();
  private gen = 0;
  /** `related` answers for the current generation (every rule of every file asks; trees can be large). */
  private relatedCache = new Map<string, Array<{ uri: string; model: unknown }>>();
  private relatedGen = -1;

  constructor(private detect: KindDetector) {}

  /** Replaces the detector (settings changed: globs may differ). Known files are re-detected and re-parsed. */
  setDetector(detect: KindDetector): void {
    this.detect = detect;
    const old = [...this.files.values()];
    this.files.clear();
    for (const f of old) this.update(f.uri, f.text, f.version);
    this.gen++;
  }

  /** Increases on every change of the model: a cache key for cross-file results. */
  get generation(): number {
    return this.gen;
  }

  get size(): number {
    return this.files.size;
  }

  get(uri: string): WorkspaceFile | undefined {
    return this.files.get(canonicalUri(uri));
  }

  all(): WorkspaceFile[] {
    return [...this.files.values()];
  }

  ofKind(kind: KindId): WorkspaceFile[] {
    return this.all().filter((f) => f.kind === kind);
  }

  /**
   * Adds or replaces a file. Returns the file when it is an ECE file (kept), undefined when it is not (then any
   * earlier entry for the URI is dropped). The same text is not parsed again.
   */
  update(uri: string, text: string, version?: number, parsed?: { kind: FileKind<unknown>; model: unknown }): WorkspaceFile | undefined {
    const key = canonicalUri(uri);
    const old = this.files.get(key);
    if (old && old.text === text) {
      if (version !== undefined) old.version = version;
      return old;
    }
    if (parsed) {
      // The caller (the engine, for an open document) already detected and parsed this text: reuse it.
      const file: WorkspaceFile = { uri, kind: parsed.kind.id, version: version ?? (old ? old.version + 1 : 1), text, model: parsed.model };
      this.files.set(key, file);
      this.gen++;
      return file;
    }
    const kind = this.detect(uri, text);
    if (!kind) {
      if (old) {
        this.files.delete(key);
        this.gen++;
      }
      return undefined;
    }
    const v = version ?? (old ? old.version + 1 : 1);
    let model: unknown;
    try {
      model = kind.parse(TextDocument.create(uri, kind.id, v, text)).model;
    } catch {
      // Parsers never throw; if one did, the file is simply not known to the cross-file rules.
      if (old) this.files.delete(key);
      this.gen++;
      return undefined;
    }
    const file: WorkspaceFile = { uri, kind: kind.id, version: v, text, model };
    this.files.set(key, file);
    this.gen++;
    return file;
  }

  /** Forgets a file (deleted on disk). Returns its kind when it was known. */
  remove(uri: string): KindId | undefined {
    const key = canonicalUri(uri);
    const old = this.files.get(key);
    if (!old) return undefined;
    this.files.delete(key);
    this.gen++;
    return old.kind;
  }

  /** Forgets every file under a folder URI (a deleted folder). Returns the removed files' URIs and kinds. */
  removeUnder(folderUri: string): Array<{ uri: string; kind: KindId }> {
    const c = canonicalUri(folderUri);
    const prefix = c.endsWith('/') ? c : c + '/';
    const out: Array<{ uri: string; kind: KindId }> = [];
    for (const [key, f] of [...this.files]) {
      if (key.startsWith(prefix)) {
        this.files.delete(key);
        out.push({ uri: f.uri, kind: f.kind });
      }
    }
    if (out.length) this.gen++;
    return out;
  }

  clear(): void {
    this.files.clear();
    this.gen++;
  }

  /** Other known files of `kind`, nearest to `fromUri` first (see the file comment). */
  related(kind: KindId, fromUri: string): Array<{ uri: string; model: unknown }> {
    if (this.relatedGen !== this.gen) {
      this.relatedCache.clear();
      this.relatedGen = this.gen;
    }
    const self = canonicalUri(fromUri);
    const cacheKey = `${kind}|${self}`;
    const cached = this.relatedCache.get(cacheKey);
    if (cached) return cached.slice();
    const from = folderSegments(self);
    const ranked: Array<{ f: WorkspaceFile; depth: number; own: number }> = [];
    for (const [key, f] of this.files) {
      if (f.kind !== kind || key === self) continue;
      const segs = folderSegments(key);
      ranked.push({ f, depth: commonDepth(from, segs), own: segs.length });
    }
    ranked.sort((a, b) => b.depth - a.depth || a.own - b.own || (a.f.uri < b.f.uri ? -1 : a.f.uri > b.f.uri ? 1 : 0));
    const out = ranked.map((r) => ({ uri: r.f.uri, model: r.f.model }));
    this.relatedCache.set(cacheKey, out);
    return out.slice();
  }

  /**
   * The known files whose diagnostics may change when `changedUri` (of kind `changedKind`, by default its known
   * kind) changes: files of the kinds that read it through cross-file rules. Pass `among` (e.g. the open
   * documents' URIs) to restrict the answer. The changed file itself is not included.
   */
  dependents(changedUri: string, changedKind?: KindId, among?: Iterable<string>): string[] {
    const self = canonicalUri(changedUri);
    const kind = changedKind ?? this.files.get(self)?.kind;
    if (!kind) return [];
    const wanted = new Set(CROSS_FILE_DEPENDENCIES[kind]);
    if (wanted.size === 0) return [];
    const candidates = among ? [...among] : this.all().map((f) => f.uri);
    const out: string[] = [];
    for (const uri of candidates) {
      const key = canonicalUri(uri);
      if (key === self) continue;
      const f = this.files.get(key);
      if (f && wanted.has(f.kind)) out.push(uri);
    }
    return out;
  }
}
