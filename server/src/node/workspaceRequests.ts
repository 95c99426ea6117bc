/**
 * Handlers of the workspace-wide requests behind the VS Code commands, written so the LSP adapter wires each one
 * in a line (`connection.onRequest(NAME, handlers.x)`):
 *
 * - `ece/windowsAuthEdit` → `windowsAuthEdit({ roots })`: the text part of "Convert to Windows Authentication" as
 *   ONE LSP `WorkspaceEdit` (pool file, reportsdb_utility.properties, input.properties). Every edit carries a change
 *   annotation with `needsConfirmation: true`, so VS Code shows the refactor preview before applying it, and the
 *   whole edit is undone as one step. Open documents are edited at their editor version (unsaved text included).
 *   The result also says whether a deployment.zip needs the same change.
 * - `ece/windowsAuthZip` → `windowsAuthZip({ roots, dryRun? })`: after its own confirmation, the same change to
 *   `dataaccess/egpl_ds_connpool_map.xml` inside each `service/lib/deployment.zip` (backup beside it).
 * - `ece/checkWorkspace` → `checkWorkspace({ roots })`: diagnostics of every ECE file under the roots.
 *
 * `roots` are workspace folder URIs (or paths).
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { ChangeAnnotation, Diagnostic, TextDocumentEdit, WorkspaceEdit, AnnotatedTextEdit } from 'vscode-languageserver-types';
import type { EceLanguageService } from '../service/core/engine';
import type { Settings } from '../service/core/settings';
import type { KindId } from '../service/core/types';
import { canonicalUri } from '../service/workspace/model';
import { baseName } from '../service/workspace/queries';
import { planWindowsAuth } from '../service/workspace/windowsAuth';
import { backupNote, convertZip, findDeploymentZips, type ConvertZipResult } from './convertWindowsAuth';
import { nodeFileSystemProbe } from './fileSystemProbe';
import { checkWorkspace, loadWorkspace } from './workspace';

/** What the handlers need of the server's document store (`TextDocuments` from vscode-languageserver fits). */
export interface OpenDocuments {
  get(uri: string): TextDocument | undefined;
  all(): TextDocument[];
}

export interface WindowsAuthEditParams {
  roots: string[];
}

export interface WindowsAuthEditResult {
  /** Null when no file needs a change. */
  edit: WorkspaceEdit | null;
  /** Per file: what changes (no values shown). */
  files: Array<{ uri: string; kind: KindId; changes: string[] }>;
  /** The deployment.zip files found and whether their pool entry needs the change (or why it cannot be changed). */
  zips: Array<{ path: string; needsChange: boolean; found: boolean; error?: string }>;
  /** One line for a notification. */
  message: string;
}

export interface WindowsAuthZipParams {
  roots: string[];
  dryRun?: boolean;
}

export interface WindowsAuthZipResult {
  zips: ConvertZipResult[];
  /** Lines for the user, including the old-password warning about each backup. */
  messages: string[];
  ok: boolean;
}

export const WINDOWS_AUTH_EDIT_REQUEST = 'ece/windowsAuthEdit';
export const WINDOWS_AUTH_ZIP_REQUEST = 'ece/windowsAuthZip';
export const CHECK_WORKSPACE_REQUEST = 'ece/checkWorkspace';

const KIND_LABEL: Partial<Record<KindId, string>> = {
  connpool: 'Connection pools: Windows authentication',
  reportsdb: 'Reports DB utility: IS_WINDOWS_AUTHENTICATION=true',
  indexstats: 'Index statistics utility: blank users and passwords',
};

export function workspaceRequestHandlers(service: EceLanguageService, documents: OpenDocuments, settings: () => Settings) {
  const openByCanonical = (): Map<string, TextDocument> => new Map(documents.all().map((d) => [canonicalUri(d.uri), d]));

  async function windowsAuthEdit(params: WindowsAuthEditParams): Promise<WindowsAuthEditResult> {
    const s = settings();
    const roots = params?.roots ?? [];
    const ws = await loadWorkspace(roots, { settings: s, service, stripBom: true });
    // Open documents win over the disk (unsaved edits); ECE documents open outside the roots are included too.
    const open = openByCanonical();
    const docOf = new Map<string, TextDocument>();
    for (const d of open.values()) {
      const f = ws.model.update(d.uri, d.getText(), d.version);
      if (f) docOf.set(canonicalUri(d.uri), d);
    }
    for (const f of ws.files) {
      const key = canonicalUri(f.uri);
      if (!docOf.has(key)) docOf.set(key, TextDocument.create(f.uri, f.kind, 0, f.text));
    }
    // Files on disk only: the copy inside deployment.zip is converted by the zip step (its own safe rewrite).
    const plans = planWindowsAuth(ws.model.all().filter((f) => !f.copy).map((f) => ({ uri: f.uri, kind: f.kind, model: f.model })));
    const changeAnnotations: Record<string, ChangeAnnotation> = {};
    const documentChanges: TextDocumentEdit[] = [];
    const files: WindowsAuthEditResult['files'] = [];
    for (const plan of plans) {
      const key = canonicalUri(plan.uri);
      const doc = docOf.get(key);
      if (!doc) continue;
      const isOpen = open.has(key);
      const id = `ece.windowsAuth.${plan.kind}.${documentChanges.length}`;
      changeAnnotations[id] = {
        label: KIND_LABEL[plan.kind] ?? 'Windows authentication',
        needsConfirmation: true,
        description: `${baseName(doc.uri)}: ${plan.changes.map((c) => c.what).join('; ')}`,
      };
      const edits: AnnotatedTextEdit[] = plan.edits.map((e) => ({
        range: { start: doc.positionAt(e.start), end: doc.positionAt(e.end) },
        newText: e.newText,
        annotationId: id,
      }));
      documentChanges.push({ textDocument: { uri: doc.uri, version: isOpen ? doc.version : null }, edits });
      files.push({ uri: doc.uri, kind: plan.kind, changes: plan.changes.map((c) => c.what) });
    }
    const zips: WindowsAuthEditResult['zips'] = [];
    for (const z of await findDeploymentZips(roots)) {
      const r = await convertZip(z, true);
      zips.push({ path: z, needsChange: r.changed, found: r.found, ...(r.error ? { error: r.error } : {}) });
    }
    const n = files.length;
    const zipNote = zips.some((z) => z.needsChange) ? ' The copy inside deployment.zip is changed next, after its own confirmation.' : '';
    const message =
      n === 0
        ? `Every ECE file found already uses Windows authentication.${zipNote}`
        : `Converting ${n} file${n === 1 ? '' : 's'} to Windows authentication: review the changes in the preview.${zipNote}`;
    return { edit: n ? { documentChanges, changeAnnotations } : null, files, zips, message };
  }

  async function windowsAuthZip(params: WindowsAuthZipParams): Promise<WindowsAuthZipResult> {
    const zips: ConvertZipResult[] = [];
    const messages: string[] = [];
    const found = await findDeploymentZips(params?.roots ?? []);
    if (found.length === 0) messages.push('No service/lib/deployment.zip was found under the workspace folders.');
    for (const z of found) {
      const r = await convertZip(z, !!params?.dryRun);
      zips.push(r);
      if (r.error) messages.push(r.error);
      else if (!r.found) messages.push(`${z} has no dataaccess/egpl_ds_connpool_map.xml entry; nothing to change.`);
      else if (!r.changed) messages.push(`${z}: the pool file inside already uses Windows authentication.`);
      else if (params?.dryRun) messages.push(`${z}: the pool file inside would be converted.`);
      else {
        messages.push(`${z}: the pool file inside was converted; every other entry is unchanged.`);
        if (r.backupPath) messages.push(backupNote(r.backupPath));
      }
    }
    return { zips, messages, ok: zips.every((z) => !z.error) };
  }

  async function checkAll(params: { roots: string[] }): Promise<Array<{ uri: string; diagnostics: Diagnostic[] }>> {
    const open = openByCanonical();
    // The same file-system probe as the editor's own service, so unopened files get the same path checks.
    const host = { log: () => undefined, fileSystem: nodeFileSystemProbe() };
    return checkWorkspace(params?.roots ?? [], settings(), { openDocument: (uri) => open.get(canonicalUri(uri)), host });
  }

  return { windowsAuthEdit, windowsAuthZip, checkWorkspace: checkAll };
}
