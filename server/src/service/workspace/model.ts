/**
 * The cross-file model of one or more ECE home trees: every known ECE file (open or not) with its kind, its
 * parsed model and a version, updated on open / change / delete. It finds the partner files of a kind for a file
 * (`related`: those of its own ECE home), answers the typed queries of `WorkspaceView` from them (`queries.ts`), and
 * tells which files depend on a changed one, so their diagnostics can be refreshed.
 *
 * Pure: no I/O. The Node side (`server/src/node/workspace.ts`) reads the files and feeds them in.
 *
 * Partners: going up from the asking file's folder, the first folder whose tree holds other files of the kind
 * decides. The partners are the files of the kind in that tree. When they sit in different sub-folders of it (two
 * ECE homes side by side, and the asking file belongs to neither), no file is taken as a partner, so cross-file rules
 * stay silent rather than compare with another home. Folder names compare case-insensitively, as on Windows.
 *
 * Cost: the files are indexed in a folder tree that counts, per folder, the files of each kind below it. A partner
 * query walks up from the file (its depth) and then visits only the folders that hold the answer; which files depend
 * on a change is answered from the changed file's own home. Nothing here scans every file of the workspace per file.
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import { MAX_ANALYZED_LENGTH } from '../core/limits';
import type { FileKind, GadgetHost, KindId, PartnerScript, PoolFileSummary, ReportsdbHome, EngineWorkspace } from '../core/types';
import { KINDS, type KindModels } from '../kinds';
import { canonicalUri, commonFolderDepth, folderSegments } from './paths';
import { gadgetHostsOf, partnerScriptOf, poolFileCopyOf, poolFileOf, reportsdbHomesOf, type Partner, type PartnerSource } from './queries';

export { canonicalUri, commonFolderDepth, folderSegments };

/** Finds the kind of a file by its URI and content (the service's `kindOf` with the current settings). */
export type KindDetector = (uri: string, text: string) => FileKind<unknown> | undefined;

export interface WorkspaceFile {
  uri: string;
  kind: KindId;
  /**
   * A second copy of an ECE file (the pool file inside `deployment.zip`): checked like any file of its kind, compared
   * with its original by `copies`, but never a partner of other files (`related` does not see it).
   */
  copy?: boolean;
  /** Increases on every update of this file (or the editor's document version when given). */
  version: number;
  text: string;
  model: unknown;
}

/**
 * Changed kind → the kinds whose rules read it (their `reads` declarations). Derived once, on first use, from the
 * kind registry, so a new cross-file rule only has to say what it reads.
 */
let readersTable: ReadonlyMap<KindId, readonly KindId[]> | undefined;

let copyReadersTable: ReadonlyMap<KindId, readonly KindId[]> | undefined;

/** The kinds whose rules read the copies (deployment.zip) of files of `kind` (their `readsCopies` declarations). */
function copyReadersOf(kind: KindId): readonly KindId[] {
  if (!copyReadersTable) {
    const t = new Map<KindId, KindId[]>();
    for (const k of KINDS) for (const r of k.rules) for (const read of r.readsCopies ?? []) t.set(read, [...new Set([...(t.get(read) ?? []), k.id])]);
    copyReadersTable = t;
  }
  return copyReadersTable.get(kind) ?? [];
}

export function readersOf(kind: KindId): readonly KindId[] {
  if (!readersTable) {
    const t = new Map<KindId, KindId[]>();
    for (const k of KINDS) {
      for (const r of k.rules) {
        for (const read of r.reads ?? []) {
          const list = t.get(read) ?? [];
          if (!list.includes(k.id)) list.push(k.id);
          t.set(read, list);
        }
      }
    }
    readersTable = t;
  }
  return readersTable.get(kind) ?? [];
}

/** One folder of the index: its files, its sub-folders, and how many files of each kind its whole tree holds. */
interface Folder {
  readonly name: string;
  readonly parent: Folder | undefined;
  /** The tree it belongs to (files or copies). */
  readonly root: Folder;
  readonly depth: number;
  readonly children: Map<string, Folder>;
  /** Files directly in this folder, by canonical URI. */
  readonly files: Map<string, Indexed>;
  /** Files of each kind in this folder's whole tree. */
  readonly counts: Map<KindId, number>;
}

interface Indexed {
  key: string;
  file: WorkspaceFile;
  folder: Folder;
}

/**
 * The depth of the ECE home of a file inside its `eService` folder (the home is the folder holding `eService`:
 * `C:/ECE/eService/...` → the depth of `C:/ECE`), or 0 for a file outside any `eService` tree. Such a file takes
 * partners only inside its own home: while a workspace of several homes loads, the home's own partners may not be
 * known yet, and another home's file found higher up would be compared with it (the ece_config.js of one home
 * reported against the layout of the next one, until the load ends). Files outside `eService` (the Reports DB and
 * index utilities, which can be installed anywhere) keep looking up to the first folder that holds the kind.
 */
function homeDepth(uri: string): number {
  const segs = folderSegments(uri);
  const i = segs.lastIndexOf('eservice');
  // segs[i] is eService, the folder at depth i + 1; its parent, the home, is at depth i (the root is depth 0).
  return i < 0 ? 0 : i;
}

function newFolder(name: string, parent: Folder | undefined): Folder {
  const f = { name, parent, depth: parent ? parent.depth + 1 : 0, children: new Map(), files: new Map(), counts: new Map() } as Omit<Folder, 'root'> & { root: Folder };
  f.root = parent ? parent.root : (f as Folder);
  return f as Folder;
}

export type { Partner };

export class WorkspaceModel implements EngineWorkspace, PartnerSource {
  private readonly files = new Map<string, Indexed>();
  private readonly root: Folder = newFolder('', undefined);
  /** The copies (see `WorkspaceFile.copy`) in a tree of their own. */
  private readonly copyRoot: Folder = newFolder('', undefined);
  private gen = 0;

  constructor(private detect: KindDetector) {}

  /** Replaces the detector (settings changed: globs may differ). Known files are re-detected and re-parsed. */
  setDetector(detect: KindDetector): void {
    this.detect = detect;
    const old = [...this.files.values()].map((x) => x.file);
    this.clear();
    for (const f of old) this.update(f.uri, f.text, f.version);
    this.gen++;
  }

  /** Increases on every change of the model. */
  get generation(): number {
    return this.gen;
  }

  get size(): number {
    return this.files.size;
  }

  get(uri: string): WorkspaceFile | undefined {
    return this.files.get(canonicalUri(uri))?.file;
  }

  all(): WorkspaceFile[] {
    return [...this.files.values()].map((x) => x.file);
  }

  ofKind(kind: KindId): WorkspaceFile[] {
    return this.all().filter((f) => f.kind === kind);
  }

  /**
   * Adds or replaces a file. Returns the file when it is an ECE file (kept), undefined when it is not (then any
   * earlier entry for the URI is dropped). The same text is not parsed again.
   */
  update(uri: string, text: string, version?: number, parsed?: { kind: FileKind<unknown>; model: unknown }, copy = false): WorkspaceFile | undefined {
    const key = canonicalUri(uri);
    const old = this.files.get(key)?.file;
    if (old && old.text === text) {
      if (version !== undefined) old.version = version;
      return old;
    }
    const v = version ?? (old ? old.version + 1 : 1);
    let kindId: KindId;
    let model: unknown;
    if (parsed) {
      // The caller (the engine, for an open document) already detected and parsed this text: reuse it.
      kindId = parsed.kind.id;
      model = parsed.model;
    } else {
      const kind = text.length > MAX_ANALYZED_LENGTH ? undefined : this.detect(uri, text);
      if (!kind) {
        if (old) this.unindex(key);
        return undefined;
      }
      try {
        model = kind.parse(TextDocument.create(uri, kind.id, v, text)).model;
      } catch {
        // Parsers never throw; if one did, the file is simply not known to the cross-file rules.
        if (old) this.unindex(key);
        return undefined;
      }
      kindId = kind.id;
    }
    const file: WorkspaceFile = copy ? { uri, kind: kindId, copy: true, version: v, text, model } : { uri, kind: kindId, version: v, text, model };
    if (old) this.unindex(key);
    this.index(key, file);
    return file;
  }

  /** Forgets a file (deleted on disk). Returns its kind when it was known. */
  remove(uri: string): KindId | undefined {
    const key = canonicalUri(uri);
    const old = this.files.get(key);
    if (!old) return undefined;
    this.unindex(key);
    return old.file.kind;
  }

  /** Forgets every file under a folder URI (a deleted folder). Returns the removed files' URIs and kinds. */
  removeUnder(folderUri: string): Array<{ uri: string; kind: KindId }> {
    const c = canonicalUri(folderUri);
    const prefix = c.endsWith('/') ? c : c + '/';
    const out: Array<{ uri: string; kind: KindId }> = [];
    // The folder's own node holds exactly the files under it (the key prefix is checked too, for other schemes).
    const victims: Indexed[] = [];
    for (const root of [this.root, this.copyRoot]) {
      const node = this.folderOf([...folderSegments(prefix + 'x')], false, root);
      if (node) victims.push(...this.filesUnder(node));
    }
    for (const x of victims) {
      if (!x.key.startsWith(prefix)) continue;
      this.unindex(x.key);
      out.push({ uri: x.file.uri, kind: x.file.kind });
    }
    return out;
  }

  clear(): void {
    this.files.clear();
    for (const r of [this.root, this.copyRoot]) {
      r.children.clear();
      r.files.clear();
      r.counts.clear();
    }
    this.gen++;
  }

  /**
   * The partners of `fromUri` among the files of `kind` (see the file comment): those of the first folder up from it
   * whose tree holds other files of the kind, shallowest first, then by URI; empty when none or ambiguous.
   */
  related<K extends KindId>(kind: K, fromUri: string): Array<Partner<K>> {
    return this.nearest(this.root, kind, fromUri);
  }

  /** The copies of files of `kind` (the pool file inside deployment.zip) for `fromUri`, by the same rule as `related`. */
  copies<K extends KindId>(kind: K, fromUri: string): Array<Partner<K>> {
    return this.nearest(this.copyRoot, kind, fromUri);
  }

  /** `EngineWorkspace.partnerSecrets`: what each partner (and copy) of `kind` lists as secret. */
  partnerSecrets(fromUri: string, kind: KindId, onError: (e: unknown) => void): string[] {
    const k = KINDS.find((x) => x.id === kind);
    if (!k?.secrets) return [];
    const out: string[] = [];
    for (const p of [...this.related(kind, fromUri), ...this.copies(kind, fromUri)]) {
      try {
        out.push(...k.secrets(p.model));
      } catch (e) {
        onError(e);
      }
    }
    return out;
  }

  // -- the typed queries of `WorkspaceView` (see queries.ts) -------------------------------------------------------

  poolFile(fromUri: string): PoolFileSummary | undefined {
    return poolFileOf(this, fromUri);
  }

  poolFileCopy(fromUri: string): PoolFileSummary | undefined {
    return poolFileCopyOf(this, fromUri);
  }

  gadgetHosts(fromUri: string): GadgetHost[] {
    return gadgetHostsOf(this, fromUri);
  }

  partnerScript(fromUri: string): PartnerScript | undefined {
    return partnerScriptOf(this, fromUri);
  }

  reportsdbHomes(fromUri: string): ReportsdbHome[] {
    return reportsdbHomesOf(this, fromUri);
  }

  private nearest<K extends KindId>(root: Folder, kind: K, fromUri: string): Array<Partner<K>> {
    const self = canonicalUri(fromUri);
    const known = this.files.get(self);
    const selfFile = known && known.folder.root === root ? known : undefined;
    const excludeSelf = selfFile?.file.kind === kind ? 1 : 0;
    let node: Folder | undefined = selfFile ? selfFile.folder : this.deepestFolder(folderSegments(self), root);
    let below: Folder | undefined; // the child on the way up: it holds no other file of the kind
    // A file inside an ECE home's eService tree looks no higher than that home (see homeDepth).
    const floor = root === this.root ? homeDepth(self) : 0;
    // A file in a folder the index does not have yet: start at the deepest existing ancestor.
    while (node) {
      const inTree = (node.counts.get(kind) ?? 0) - (excludeSelf && this.isUnder(selfFile!.folder, node) ? 1 : 0);
      if (inTree > 0) break;
      below = node;
      node = node.parent;
    }
    if (!node || node.depth < floor) return [];
    // Where do they sit: directly in `node` and/or in which sub-folders (the one on the way up holds none but self)?
    let places = 0;
    for (const x of node.files.values()) {
      if (x.file.kind === kind && x.key !== self) {
        places++;
        break;
      }
    }
    for (const c of node.children.values()) {
      if (c === below) continue;
      if ((c.counts.get(kind) ?? 0) > 0) places++;
      if (places > 1) return [];
    }
    const out: Array<{ x: Indexed; depth: number }> = [];
    const stack: Folder[] = [node];
    while (stack.length) {
      const f = stack.pop()!;
      for (const x of f.files.values()) if (x.file.kind === kind && x.key !== self) out.push({ x, depth: f.depth });
      for (const c of f.children.values()) if ((c.counts.get(kind) ?? 0) > 0) stack.push(c);
    }
    out.sort((a, b) => a.depth - b.depth || (a.x.file.uri < b.x.file.uri ? -1 : a.x.file.uri > b.x.file.uri ? 1 : 0));
    // A file's kind is the kind whose parser made its model (`update`), so a file of kind K holds a KindModels[K].
    return out.map((r) => ({ uri: r.x.file.uri, model: r.x.file.model as KindModels[K] }));
  }

  /**
   * A stamp of what `related(kind, fromUri)` and `copies(kind, fromUri)` answer for each of `kinds`: the partners' URIs
   * and versions. Every query of `WorkspaceView` is built from those answers for the kinds it reads
   * (`VIEW_QUERY_READS`), so the stamp changes whenever a cross-file rule of the file could answer differently, and
   * only then: analyses are cached on it.
   */
  stamp(fromUri: string, kinds: readonly KindId[]): string {
    let s = '';
    for (const k of kinds) {
      s += `${k}:`;
      for (const p of this.related(k, fromUri)) s += `${p.uri}@${this.files.get(canonicalUri(p.uri))?.file.version ?? 0},`;
      s += '|';
      for (const p of this.copies(k, fromUri)) s += `${p.uri}@${this.files.get(canonicalUri(p.uri))?.file.version ?? 0},`;
      s += ';';
    }
    return s;
  }

  /**
   * The known files whose diagnostics may change when `changedUri` (of kind `changedKind`, by default its known
   * kind) changes: files of the kinds that read it through cross-file rules and for which it is a partner right now.
   * Call it before a change (who read it) and after (who reads it now) and join the answers. Pass `among` (e.g. the open
   * documents' URIs) to restrict the answer. The changed file itself is not included.
   */
  dependents(changedUri: string, changedKind?: KindId, among?: Iterable<string>): string[] {
    const self = canonicalUri(changedUri);
    const known = this.files.get(self);
    const kind = changedKind ?? known?.file.kind;
    if (!kind) return [];
    const readers = new Set(readersOf(kind));
    if (readers.size === 0) return [];
    const wanted = among ? new Set([...among].map(canonicalUri)) : undefined;
    const out: string[] = [];
    // A file that is not (or no longer) known as one of that kind is nobody's partner: callers ask before a change
    // (who read it) and after it (who reads it now).
    if (!known || known.file.kind !== kind) return [];
    if (known.file.copy) {
      // A copy is read only by the rules that compare originals with their copies: few files (one pool file per
      // home), so they are looked at one by one.
      const copyReaders = new Set(copyReadersOf(kind));
      const out: string[] = [];
      for (const x of this.files.values()) {
        if (x.file.copy || !copyReaders.has(x.file.kind)) continue;
        if (wanted && !wanted.has(x.key)) continue;
        if (this.copies(kind, x.file.uri).some((p) => canonicalUri(p.uri) === self)) out.push(x.file.uri);
      }
      return out;
    }
    // A reader R takes this file X as a partner when, at the first folder L up from R whose tree holds other files of
    // the kind, X is in that tree and they all sit in one place of L (directly in it, or in one sub-folder). Each
    // reader is looked at once, at the folder L on X's way up where R leaves X's branch: with O files of the kind in
    // L's tree outside X's place, every reader there has X when O is 0, only that one file when O is 1 and it reads
    // its own kind, and none when O is 2 or more (two places, or a nearer one).
    const push = (x: Indexed, at: Folder) => {
      if (x.key === self || !readers.has(x.file.kind)) return;
      if (wanted && !wanted.has(x.key)) return;
      // A reader inside an ECE home's eService tree never looks above that home (`nearest`).
      if (homeDepth(x.key) > at.depth) return;
      out.push(x.file.uri);
    };
    let below: Folder | undefined;
    for (let L: Folder | undefined = known.folder; L; below = L, L = L.parent) {
      let direct = 0; // files of the kind directly in L (X's own place when L is X's folder)
      if (!below) for (const x of L.files.values()) if (x.file.kind === kind) direct++;
      const outside = (L.counts.get(kind) ?? 0) - (below ? (below.counts.get(kind) ?? 0) : direct);
      if (outside === 0) {
        for (const x of L.files.values()) push(x, L);
        for (const c of L.children.values()) if (c !== below) for (const x of this.filesUnder(c)) push(x, L);
      } else if (outside === 1 && readers.has(kind)) {
        const only = this.onlyFileOfKind(L, below, kind, !below);
        if (only) push(only, L);
      }
    }
    return out;
  }

  /** The one file of `kind` in `L`'s tree outside `below` (and outside L's own files when `skipDirect`), if one. */
  private onlyFileOfKind(L: Folder, below: Folder | undefined, kind: KindId, skipDirect: boolean): Indexed | undefined {
    if (!skipDirect) for (const x of L.files.values()) if (x.file.kind === kind) return x;
    for (const c of L.children.values()) {
      if (c === below || (c.counts.get(kind) ?? 0) === 0) continue;
      for (let f: Folder | undefined = c; f; ) {
        for (const x of f.files.values()) if (x.file.kind === kind) return x;
        let next: Folder | undefined;
        for (const g of f.children.values()) if ((g.counts.get(kind) ?? 0) > 0) next = g;
        f = next;
      }
    }
    return undefined;
  }

  // -- the folder index ------------------------------------------------------------------------------------------

  private index(key: string, file: WorkspaceFile): void {
    const folder = this.folderOf([...folderSegments(key)], true, file.copy ? this.copyRoot : this.root)!;
    const x: Indexed = { key, file, folder };
    folder.files.set(key, x);
    for (let f: Folder | undefined = folder; f; f = f.parent) f.counts.set(file.kind, (f.counts.get(file.kind) ?? 0) + 1);
    this.files.set(key, x);
    this.gen++;
  }

  private unindex(key: string): void {
    const x = this.files.get(key);
    if (!x) return;
    this.files.delete(key);
    x.folder.files.delete(key);
    for (let f: Folder | undefined = x.folder; f; f = f.parent) {
      const n = (f.counts.get(x.file.kind) ?? 1) - 1;
      if (n > 0) f.counts.set(x.file.kind, n);
      else f.counts.delete(x.file.kind);
    }
    // Drop folders left empty, so the tree stays as large as the files it holds.
    for (let f: Folder | undefined = x.folder; f && f.parent && f.files.size === 0 && f.children.size === 0; f = f.parent) {
      f.parent.children.delete(f.name);
    }
    this.gen++;
  }

  private folderOf(segments: string[], create: boolean, root: Folder = this.root): Folder | undefined {
    let f = root;
    for (const s of segments) {
      let c = f.children.get(s);
      if (!c) {
        if (!create) return undefined;
        c = newFolder(s, f);
        f.children.set(s, c);
      }
      f = c;
    }
    return f;
  }

  private deepestFolder(segments: readonly string[], root: Folder = this.root): Folder {
    let f = root;
    for (const s of segments) {
      const c = f.children.get(s);
      if (!c) break;
      f = c;
    }
    return f;
  }

  private isUnder(f: Folder, ancestor: Folder): boolean {
    for (let x: Folder | undefined = f; x; x = x.parent) if (x === ancestor) return true;
    return false;
  }

  private filesUnder(folder: Folder): Indexed[] {
    const out: Indexed[] = [];
    const stack: Folder[] = [folder];
    while (stack.length) {
      const f = stack.pop()!;
      for (const x of f.files.values()) out.push(x);
      for (const c of f.children.values()) stack.push(c);
    }
    return out;
  }
}
