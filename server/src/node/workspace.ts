/**
 * The Node side of the workspace model: finds and reads the ECE files under some folders (workspace folders, CLI
 * paths), feeds them to a `WorkspaceModel`, and keeps it current (editor documents, files changed or deleted on
 * disk). Also `checkWorkspace`: diagnostics for every ECE file under the roots, open or not.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver-types';
import { EceLanguageService } from '../service/core/engine';
import { defaultSettings, type Settings } from '../service/core/settings';
import type { FileKind, KindId, ServiceHost } from '../service/core/types';
import { canonicalUri, WorkspaceModel } from '../service/workspace/model';
import { decodeBytes, type Encoding } from './textFile';
import { walk } from './walk';
import { isDeploymentZip, parseZipEntryUri, readDeploymentZipPool, zipEntryDisplay } from './deploymentZip';

/** ECE files are small; anything larger is not read (a stray log or dump with a matching name). */
const MAX_WORKSPACE_FILE_SIZE = 16 * 1024 * 1024;

export interface LoadedFile {
  path: string;
  uri: string;
  kind: KindId;
  /** Set for the pool file inside a deployment.zip (read only: never written back as a file). */
  inZip?: { zipPath: string; entryName: string };
  /** The text as the model holds it (a byte-order mark removed when `stripBom`). */
  text: string;
  encoding: Encoding;
  /** True when the file started with a byte-order mark. */
  bom: boolean;
}

export interface LoadedWorkspace {
  model: WorkspaceModel;
  files: LoadedFile[];
  /** Roots or files that could not be read, with the reason. */
  errors: Array<{ path: string; message: string }>;
  /** Files skipped on purpose (too large, binary), with the reason. */
  skipped: Array<{ path: string; message: string }>;
  /** True when the walk stopped at `maxFiles` (the rest of the tree was not looked at). */
  truncated: boolean;
  /** deployment.zip files that could not be read, with the reason (their pool entry was not checked). */
  zipErrors: Array<{ path: string; message: string }>;
}

export interface LoadOptions {
  settings?: Settings;
  /** Used for `kindOf`; a fresh one is made when absent. */
  service?: EceLanguageService;
  /** Add to this model instead of a new one. */
  model?: WorkspaceModel;
  /**
   * Drop a leading byte-order mark from the text. Use it for LSP work: editors hand out document text without the
   * BOM, so offsets and positions then agree with open documents. The CLI keeps the BOM (it writes files back).
   */
  stripBom?: boolean;
  maxFiles?: number;
  /** Called now and then while the folders are walked, with the number of files seen so far. */
  onProgress?: (filesSeen: number) => void;
}

/** True when `uri` lies under the folder `folderUri` (both compared in canonical form). */
function isUnderFolder(uri: string, folderUri: string): boolean {
  const c = canonicalUri(folderUri);
  return canonicalUri(uri).startsWith(c.endsWith('/') ? c : c + '/');
}

/** A root given as a path or a `file:` URI, as a path. */
export function rootPath(root: string): string {
  return /^file:/i.test(root) ? fileURLToPath(root) : root;
}

/** The `file:` URI the model and the CLI use for a path. */
export function fileUri(p: string): string {
  return pathToFileURL(path.resolve(p)).href;
}

/** A detector for the model: the service's `kindOf` with these settings. */
function detectorFor(service: EceLanguageService, settings: () => Settings): (uri: string, text: string) => ReturnType<EceLanguageService['kindOf']> {
  return (uri, text) => service.kindOf(uri, text, settings());
}

/** Reads one file for the model; undefined when it is not an ECE file or cannot be read (reason in `why`). */
export async function readCandidate(
  file: string,
  opts: { stripBom?: boolean },
): Promise<{ text: string; encoding: Encoding; bom: boolean } | { skip: string } | { error: string }> {
  let bytes: Buffer;
  try {
    const st = await fs.stat(file);
    if (st.size > MAX_WORKSPACE_FILE_SIZE) return { skip: `is larger than ${MAX_WORKSPACE_FILE_SIZE / 1024 / 1024} MB (${(st.size / 1024 / 1024).toFixed(1)} MB); it was not checked` };
    bytes = await fs.readFile(file);
  } catch (e) {
    return { error: `cannot be read (${(e as Error).message}); it was not checked` };
  }
  const decoded = decodeBytes(bytes);
  if (decoded.binary) return { skip: 'holds binary data (NUL bytes) and is not a text file in an encoding ECE Config knows; it was not checked' };
  const bom = decoded.text.charCodeAt(0) === 0xfeff;
  const text = opts.stripBom && bom ? decoded.text.slice(1) : decoded.text;
  return { text, encoding: decoded.encoding, bom };
}

/**
 * Finds the ECE files under `roots` (folders or files, paths or `file:` URIs; searched recursively), reads them
 * and puts them into a workspace model. Files whose names match no kind are not read.
 */
export async function loadWorkspace(roots: string[], opts: LoadOptions = {}): Promise<LoadedWorkspace> {
  const settings = opts.settings ?? defaultSettings();
  const service = opts.service ?? new EceLanguageService({ log: () => undefined });
  const model = opts.model ?? new WorkspaceModel(detectorFor(service, () => settings));
  const { files: found, errors, truncated } = await walk(roots.map(rootPath), opts.maxFiles, opts.onProgress);
  const files: LoadedFile[] = [];
  const skipped: LoadedWorkspace['skipped'] = [];
  const zipErrors: LoadedWorkspace['zipErrors'] = [];
  for (const file of found) {
    const uri = fileUri(file);
    if (isDeploymentZip(file)) {
      // The copy of the pool file ECE deploys from: checked as a copy (see node/deploymentZip.ts).
      const z = await readDeploymentZipPool(file, opts);
      if (z.kind === 'error') zipErrors.push({ path: file, message: z.message });
      else if (z.kind === 'entry') {
        const f = model.update(z.uri, z.text, undefined, undefined, true);
        if (f) files.push({ path: zipEntryDisplay(file, z.entryName), uri: z.uri, kind: f.kind, text: z.text, encoding: 'utf8', bom: false, inZip: { zipPath: file, entryName: z.entryName } });
      }
      continue;
    }
    if (!service.isCandidate(uri, settings)) continue;
    const r = await readCandidate(file, opts);
    if ('error' in r) {
      errors.push({ path: file, message: r.error });
      continue;
    }
    if ('skip' in r) {
      skipped.push({ path: file, message: r.skip });
      continue;
    }
    const f = model.update(uri, r.text);
    if (f) files.push({ path: file, uri, kind: f.kind, text: r.text, encoding: r.encoding, bom: r.bom });
  }
  return { model, files, errors, skipped, truncated, zipErrors };
}

export interface CheckWorkspaceOptions {
  host?: ServiceHost;
  /** Open editor documents by URI: their (unsaved) text is used instead of the file on disk. */
  openDocument?: (uri: string) => TextDocument | undefined;
}

/**
 * Diagnostics for every ECE file under `roots`, open or not, with the cross-file rules seeing the whole tree.
 * Positions are those of the text without a byte-order mark (as editors show it).
 */
export async function checkWorkspace(
  roots: string[],
  settings: Settings,
  opts: CheckWorkspaceOptions = {},
): Promise<Array<{ uri: string; kind: KindId; diagnostics: Diagnostic[] }>> {
  // The loader drops byte order marks (positions as editors show them); the rules that depend on one are told.
  const boms = new Set<string>();
  const service = new EceLanguageService({ log: () => undefined, ...opts.host, byteOrderMarkRemoved: (uri) => boms.has(canonicalUri(uri)) });
  const ws = await loadWorkspace(roots, { settings, service, stripBom: true });
  for (const f of ws.files) if (f.bom && !f.inZip) boms.add(canonicalUri(f.uri));
  const docs: TextDocument[] = [];
  for (const f of ws.files) {
    const open = opts.openDocument?.(f.uri);
    if (open) {
      ws.model.update(f.uri, open.getText());
      docs.push(open);
    } else docs.push(TextDocument.create(f.uri, f.kind, 0, f.text));
  }
  service.setWorkspace(ws.model);
  const out: Array<{ uri: string; kind: KindId; diagnostics: Diagnostic[] }> = [];
  for (const d of docs) {
    const kind = ws.model.get(d.uri)?.kind;
    if (!kind) continue;
    out.push({ uri: d.uri, kind, diagnostics: service.diagnostics(d, settings) });
    service.forget(d.uri);
  }
  return out;
}

/**
 * A language service wired to a workspace model, for the LSP server: one per server, fed the editor's documents and
 * the file watcher's events. Every method returns the URIs whose diagnostics may have changed (the file itself and
 * the files whose cross-file rules read it, open or not), so the server re-publishes exactly those: the editor then
 * shows the findings of every ECE file of the home at all times, the same as `ece-config check` on the same tree.
 *
 * The service's analyses are cached per file on the state of that file's partners (`WorkspaceView.stamp`), so a
 * change re-runs the rules of the files that read it and of no other.
 */
export class WorkspaceSession {
  readonly model: WorkspaceModel;
  private readonly open = new Set<string>();
  /** ECE files that could not be read or checked (binary, too large, unreadable), by canonical URI. */
  readonly notRead = new Map<string, { uri: string; message: string }>();
  /**
   * Whether the file on disk starts with a UTF-8 byte order mark, by canonical URI, as last read. The model holds
   * the text without it (as editors hand it out); `byteOrderMarkRemoved` tells the service (`ServiceHost`).
   */
  private readonly bomOnDisk = new Map<string, boolean>();

  constructor(
    readonly service: EceLanguageService,
    private readonly settings: () => Settings,
  ) {
    this.model = new WorkspaceModel(detectorFor(service, settings));
    service.setWorkspace(this.model);
  }

  /** True when the file behind `uri` starts with a byte order mark the model's (and the editor's) text lacks. */
  byteOrderMarkRemoved(uri: string): boolean {
    return this.bomOnDisk.get(canonicalUri(uri)) === true;
  }

  /**
   * An editor document opened: when its file was not read yet (outside the folders, or opened before the background
   * load got there), reads the first bytes of the file for a byte order mark. Returns `[uri]` when that changes what
   * the rules see.
   */
  async documentOpened(uri: string): Promise<string[]> {
    if (this.bomOnDisk.has(canonicalUri(uri))) return [];
    return (await this.refreshBom(uri)) ? [uri] : [];
  }

  /** Reads whether the file starts with EF BB BF; true when that differs from what was known. */
  private async refreshBom(uri: string): Promise<boolean> {
    let file: string;
    try {
      file = fileURLToPath(uri);
    } catch {
      return false;
    }
    const key = canonicalUri(uri);
    const before = this.bomOnDisk.get(key) === true;
    let now = false;
    try {
      const h = await fs.open(file, 'r');
      try {
        const b = Buffer.alloc(3);
        const { bytesRead } = await h.read(b, 0, 3, 0);
        now = bytesRead === 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf;
      } finally {
        await h.close();
      }
    } catch {
      now = false; // gone or unreadable: nothing to say about a mark
    }
    this.bomOnDisk.set(key, now);
    return now !== before;
  }

  /**
   * Reads every ECE file under the roots (paths or `file:` URIs). Open documents keep their editor text. Returns the
   * load's result and every URI whose diagnostics to publish.
   */
  async addRoots(roots: string[], opts: { maxFiles?: number; onProgress?: (filesSeen: number) => void } = {}): Promise<LoadedWorkspace & { uris: string[] }> {
    const settings = this.settings();
    const before = new Map(this.model.all().filter((f) => this.open.has(canonicalUri(f.uri))).map((f) => [f.uri, f] as const));
    const r = await loadWorkspace(roots, { settings, service: this.service, model: this.model, stripBom: true, ...opts });
    for (const f of before.values()) this.model.update(f.uri, f.text, f.version);
    const uris = new Set(r.files.map((f) => f.uri));
    for (const x of [...r.skipped, ...r.errors]) {
      const uri = fileUri(x.path);
      if (!this.service.isCandidate(uri, settings)) continue;
      this.notRead.set(canonicalUri(uri), { uri, message: x.message });
      uris.add(uri);
    }
    for (const x of r.zipErrors) {
      const uri = fileUri(x.path);
      this.notRead.set(canonicalUri(uri), { uri, message: x.message });
      uris.add(uri);
    }
    for (const f of r.files) {
      this.notRead.delete(canonicalUri(f.uri));
      if (!f.inZip) this.bomOnDisk.set(canonicalUri(f.uri), f.bom);
    }
    return { ...r, uris: [...uris] };
  }

  /**
   * Check Workspace: reads the roots again and forgets the files under them that are gone from disk (open documents
   * keep their editor text). Returns every URI to publish, the forgotten ones included (they get no findings).
   */
  async rescan(roots: string[], opts: { maxFiles?: number; onProgress?: (filesSeen: number) => void } = {}): Promise<LoadedWorkspace & { uris: string[] }> {
    const under = (uri: string) => roots.some((root) => isUnderFolder(uri, /^file:/i.test(root) ? root : fileUri(root)));
    const zipOf = (uri: string) => {
      const z = parseZipEntryUri(uri);
      return z ? fileUri(z.zipPath) : uri;
    };
    const knownBefore = this.model.all().filter((f) => under(zipOf(f.uri)) && !this.open.has(canonicalUri(f.uri))).map((f) => f.uri);
    const notReadBefore = [...this.notRead.values()].filter((x) => under(x.uri)).map((x) => x.uri);
    for (const u of notReadBefore) this.notRead.delete(canonicalUri(u));
    const r = await this.addRoots(roots, opts);
    const seen = new Set([...r.files.map((f) => canonicalUri(f.uri)), ...[...this.notRead.keys()]]);
    const out = new Set(r.uris);
    for (const u of knownBefore) {
      if (seen.has(canonicalUri(u))) continue;
      for (const x of this.readers(u)) out.add(x);
      this.model.remove(u);
      out.add(u);
    }
    for (const u of notReadBefore) out.add(u);
    return { ...r, uris: [...out] };
  }

  /** Forgets the files under a removed workspace folder. Returns their URIs (to clear) and their readers. */
  removeRoot(root: string): string[] {
    const uri = /^file:/i.test(root) ? root : fileUri(root);
    const gone = this.model.all().filter((f) => isUnderFolder(f.uri, uri) && !this.open.has(canonicalUri(f.uri)));
    const out = new Set<string>();
    for (const f of gone) for (const u of this.readers(f.uri)) out.add(u);
    for (const f of gone) {
      this.model.remove(f.uri);
      out.add(f.uri);
    }
    for (const [k, x] of [...this.notRead]) {
      if (!isUnderFolder(x.uri, uri)) continue;
      this.notRead.delete(k);
      out.add(x.uri);
    }
    return [...out];
  }

  /** An editor document opened or changed. Returns the other URIs (open or not) whose diagnostics to refresh. */
  documentChanged(doc: TextDocument, parsed?: { kind: FileKind<unknown>; model: unknown }): string[] {
    this.open.add(canonicalUri(doc.uri));
    this.notRead.delete(canonicalUri(doc.uri));
    const before = this.model.get(doc.uri);
    if (before && before.text === doc.getText()) return [];
    const readers = this.readers(doc.uri);
    this.model.update(doc.uri, doc.getText(), doc.version, parsed);
    return this.withReaders(readers, doc.uri).filter((u) => canonicalUri(u) !== canonicalUri(doc.uri));
  }

  /**
   * An editor document closed: the model goes back to the file on disk (or forgets it when it is gone). Returns the
   * document's URI (its findings are now those of the disk version) and its readers.
   */
  async documentClosed(uri: string): Promise<string[]> {
    this.open.delete(canonicalUri(uri));
    return [uri, ...(await this.reloadFromDisk(uri))];
  }

  /**
   * File watcher events (`type`: 1 created, 2 changed, 3 deleted, as in LSP `FileChangeType`). Files open in the
   * editor are left alone (their editor text wins). Returns the URIs whose diagnostics to refresh.
   */
  async watchedFilesChanged(changes: ReadonlyArray<{ uri: string; type: number }>): Promise<string[]> {
    const out = new Set<string>();
    for (const c of changes) {
      if (this.open.has(canonicalUri(c.uri))) {
        // The editor text wins, but a save with another encoding adds or drops the byte order mark on disk.
        if (await this.refreshBom(c.uri)) out.add(c.uri);
        continue;
      }
      if (c.type === 3 && isDeploymentZip(c.uri)) {
        for (const u of await this.reloadFromDisk(c.uri)) out.add(u);
      } else if (c.type === 3) {
        const gone = this.model.get(c.uri) ? [c.uri] : this.model.all().filter((f) => isUnderFolder(f.uri, c.uri)).map((f) => f.uri);
        for (const u of gone) for (const r of this.readers(u)) out.add(r);
        for (const u of gone) {
          this.model.remove(u);
          out.add(u);
        }
        for (const [k, x] of [...this.notRead]) {
          if (k !== canonicalUri(c.uri) && !isUnderFolder(x.uri, c.uri)) continue;
          this.notRead.delete(k);
          out.add(x.uri);
        }
      } else {
        out.add(c.uri);
        for (const u of await this.reloadFromDisk(c.uri)) out.add(u);
      }
    }
    return [...out];
  }

  /** Settings changed (globs may select other files): re-detect every known file. Returns every URI to publish. */
  settingsChanged(): string[] {
    const before = this.model.all().map((f) => f.uri);
    this.model.setDetector(detectorFor(this.service, this.settings));
    return [...new Set([...before, ...this.model.all().map((f) => f.uri)])];
  }

  /** Every URI the session has something to say about: the known ECE files and those that could not be read. */
  knownUris(): string[] {
    return [...this.model.all().map((f) => f.uri), ...[...this.notRead.values()].map((x) => x.uri)];
  }

  private async reloadFromDisk(uri: string): Promise<string[]> {
    const before = this.model.get(uri);
    let file: string;
    try {
      file = fileURLToPath(uri);
    } catch {
      return [];
    }
    if (isDeploymentZip(file)) return this.reloadZip(uri, file);
    if (!this.service.isCandidate(uri, this.settings())) {
      this.notRead.delete(canonicalUri(uri));
      if (!before) return [];
      const readers = this.readers(uri);
      this.model.remove(uri);
      return this.withReaders(readers, uri);
    }
    const r = await readCandidate(file, { stripBom: true });
    const key = canonicalUri(uri);
    const bomBefore = this.bomOnDisk.get(key) === true;
    if ('text' in r) this.bomOnDisk.set(key, r.bom);
    else this.bomOnDisk.delete(key);
    const bomChanged = bomBefore !== ('text' in r && r.bom);
    if ('text' in r) this.notRead.delete(canonicalUri(uri));
    else if ('skip' in r) this.notRead.set(canonicalUri(uri), { uri, message: r.skip });
    else if ((await fs.stat(file).then(() => true, () => false))) this.notRead.set(canonicalUri(uri), { uri, message: r.error });
    else this.notRead.delete(canonicalUri(uri));
    if ('text' in r && before && before.text === r.text) return bomChanged ? [uri] : [];
    const readers = this.readers(uri);
    if ('text' in r) this.model.update(uri, r.text);
    else this.model.remove(uri);
    return this.withReaders(readers, uri);
  }

  /** A deployment.zip created, changed or deleted: its pool entry (a copy) follows, and the files comparing with it. */
  private async reloadZip(zipUri: string, zipPath: string): Promise<string[]> {
    const out = new Set<string>([zipUri]);
    const old = this.model.all().filter((f) => f.copy && parseZipEntryUri(f.uri)?.zipPath === zipPath);
    const exists = await fs.stat(zipPath).then(() => true, () => false);
    const z = exists ? await readDeploymentZipPool(zipPath, { stripBom: true }) : ({ kind: 'absent' } as const);
    if (z.kind === 'error') this.notRead.set(canonicalUri(zipUri), { uri: zipUri, message: z.message });
    else this.notRead.delete(canonicalUri(zipUri));
    for (const f of old) {
      if (z.kind === 'entry' && z.uri === f.uri && z.text === f.text) continue;
      for (const r of this.readers(f.uri)) out.add(r);
      if (!(z.kind === 'entry' && z.uri === f.uri)) {
        this.model.remove(f.uri);
        out.add(f.uri);
      }
    }
    if (z.kind === 'entry') {
      const before = this.model.get(z.uri);
      if (!before || before.text !== z.text) {
        this.model.update(z.uri, z.text, undefined, undefined, true);
        out.add(z.uri);
        for (const r of this.readers(z.uri)) out.add(r);
      }
    }
    return [...out];
  }

  /** The files whose cross-file rules read `uri` now (call before and after a change). */
  private readers(uri: string): string[] {
    return this.model.get(uri) ? this.model.dependents(uri) : [];
  }

  private withReaders(before: string[], uri: string): string[] {
    return [...new Set([...before, ...this.readers(uri)])];
  }
}
