/**
 * Handlers of the workspace-wide requests behind the VS Code commands, written so the LSP adapter wires each one
 * in a line (`connection.onRequest(NAME, handlers.x)`):
 *
 * - `ece/windowsAuthEdit` → `windowsAuthEdit({ roots })`: the text part of "Convert to Windows Authentication" as
 *   ONE LSP `WorkspaceEdit` (pool file, reportsdb_utility.properties, input.properties), undone as one step, with one
 *   change annotation per change (no value in its label), and the same edit for the refactor preview (`previewEdit`).
 *   Open documents are edited at their editor version (unsaved text included), closed files with `version: null`.
 *   The result also says whether a deployment.zip needs the same change.
 * - `ece/windowsAuthZip` → `windowsAuthZip({ roots, dryRun? })`: after its own confirmation, the same change to
 *   `dataaccess/egpl_ds_connpool_map.xml` inside each `service/lib/deployment.zip` (backup beside it).
 * - `ece/checkWorkspace` → `checkWorkspace({ roots })`: diagnostics of every ECE file under the roots.
 *
 * `roots` are workspace folder URIs (or paths). The method names and types are in `../protocol.ts`.
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { AnnotatedTextEdit, ChangeAnnotation, Diagnostic, TextDocumentEdit } from 'vscode-languageserver-types';
import type { EceLanguageService } from '../service/core/engine';
import type { Settings } from '../service/core/settings';
import type { KindId } from '../service/core/types';
import { canonicalUri } from '../service/workspace/model';
import { baseName } from '../service/workspace/queries';
import { planWindowsAuth } from '../service/workspace/windowsAuth';
import { backupNote, convertZip, findDeploymentZips, unreadTargets, type ConvertZipResult } from './convertWindowsAuth';
import { nodeFileSystemProbe } from './fileSystemProbe';
import { checkWorkspace, loadWorkspace } from './workspace';
import type { WindowsAuthEditParams, WindowsAuthEditResult, WindowsAuthZipParams, WindowsAuthZipResult } from '../protocol';

/** What the handlers need of the server's document store (`TextDocuments` from vscode-languageserver fits). */
export interface OpenDocuments {
  get(uri: string): TextDocument | undefined;
  all(): TextDocument[];
}

const KIND_LABEL: Partial<Record<KindId, string>> = {
  connpool: 'connection pools',
  reportsdb: 'Reports DB utility',
  indexstats: 'index statistics utility',
};

/** The id of the one annotation that needs confirmation: it only opens VS Code's refactor preview (see protocol.ts). */
export const PREVIEW_ANNOTATION = 'ece.windowsAuth.preview';

/**
 * The edit for VS Code's refactor preview: the planned changes (ticked there, as their annotations need no
 * confirmation) plus one empty edit whose annotation needs confirmation. VS Code opens the preview only for an edit
 * with such an annotation and shows exactly those unticked, so this entry (it inserts nothing) opens the preview and
 * says what Apply does; ticked or not, it changes no text. It sits at an offset no planned change touches.
 */
function previewEdit(edit: { documentChanges: TextDocumentEdit[]; changeAnnotations: Record<string, ChangeAnnotation> }, zipNext: boolean) {
  const annotation: ChangeAnnotation = {
    label: zipNext
      ? 'Apply applies the ticked changes and saves those files; then you are asked about the copy in deployment.zip'
      : 'Apply applies the ticked changes and saves those files',
    description: 'This entry changes no text; untick a change below to leave it out.',
    needsConfirmation: true,
  };
  const isFree = (c: TextDocumentEdit) => !c.edits.some((e) => e.range.start.line === 0 && e.range.start.character === 0);
  const at = Math.max(0, edit.documentChanges.findIndex(isFree));
  const first = edit.documentChanges[at]!;
  const opener: AnnotatedTextEdit = { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: '', annotationId: PREVIEW_ANNOTATION };
  const documentChanges = edit.documentChanges.map((c, i) => (i === at ? { ...first, edits: [opener, ...first.edits] } : c));
  return { documentChanges, changeAnnotations: { ...edit.changeAnnotations, [PREVIEW_ANNOTATION]: annotation } };
}

/** `log` gets one line per conversion step (the output channel); never a user name or password. */
export function workspaceRequestHandlers(service: EceLanguageService, documents: OpenDocuments, settings: () => Settings, log: (m: string) => void = () => undefined) {
  const openByCanonical = (): Map<string, TextDocument> => new Map(documents.all().map((d) => [canonicalUri(d.uri), d]));

  async function windowsAuthEdit(params: WindowsAuthEditParams): Promise<WindowsAuthEditResult> {
    const s = settings();
    const roots = params?.roots ?? [];
    const ws = await loadWorkspace(roots, { settings: s, service, stripBom: true });
    // A pool or utility file that cannot be read may hold a password: converting the others would half-convert the home.
    const unread = unreadTargets(ws, s);
    if (unread.length) {
      const message = `Nothing was converted, because ${unread.length === 1 ? 'this file or folder cannot' : 'these files or folders cannot'} be read: ${unread.join(', ')}. Convert it by hand or make it readable, then run the conversion again.`;
      log(`Convert to Windows Authentication: ${message}`);
      return { edit: null, preview: null, files: [], zips: [], message };
    }
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
      // Labels and descriptions are masked with the file's own secrets, though the planner never puts a value in them.
      const mask = service.maskFor(doc, s);
      const name = baseName(doc.uri);
      const edits: AnnotatedTextEdit[] = plan.edits.map((e, i) => {
        // One annotation per change: VS Code's preview groups by annotation label, so each change is one ticked row.
        const id = `ece.windowsAuth.${documentChanges.length}.${i}`;
        changeAnnotations[id] = {
          label: mask(`${name}: ${plan.changes[i]!.what}`),
          description: `${KIND_LABEL[plan.kind] ?? plan.kind}: Windows authentication`,
          needsConfirmation: false,
        };
        return { range: { start: doc.positionAt(e.start), end: doc.positionAt(e.end) }, newText: e.newText, annotationId: id };
      });
      // Open documents are edited at their editor version; closed files at whatever VS Code loads (version null).
      documentChanges.push({ textDocument: { uri: doc.uri, version: open.has(key) ? doc.version : null }, edits });
      files.push({ uri: doc.uri, kind: plan.kind, changes: plan.changes.map((c) => mask(c.what)) });
    }
    const zips: WindowsAuthEditResult['zips'] = [];
    for (const z of await findDeploymentZips(roots)) {
      const r = await convertZip(z, true);
      zips.push({ path: z, needsChange: r.changed, found: r.found, ...(r.error ? { error: r.error } : {}) });
    }
    const n = files.length;
    const zipNext = zips.some((z) => z.needsChange);
    const zipNote = zipNext ? ' The copy inside deployment.zip is changed next, after its own confirmation.' : '';
    const message =
      n === 0
        ? `Every ECE file found already uses Windows authentication.${zipNote}`
        : `${n} file${n === 1 ? '' : 's'} to convert to Windows authentication.${zipNote}`;
    log(`Convert to Windows Authentication: ${plans.reduce((k, p) => k + p.edits.length, 0)} changes planned in ${n} file${n === 1 ? '' : 's'}; ${zips.filter((z) => z.needsChange).length} deployment.zip to convert`);
    if (n === 0) return { edit: null, preview: null, files, zips, message };
    const edit = { documentChanges, changeAnnotations };
    return { edit, preview: previewEdit(edit, zipNext), files, zips, message };
  }

  async function windowsAuthZip(params: WindowsAuthZipParams): Promise<WindowsAuthZipResult> {
    const results: ConvertZipResult[] = [];
    const messages: string[] = [];
    const found = await findDeploymentZips(params?.roots ?? []);
    if (found.length === 0) messages.push('No service/lib/deployment.zip was found under the workspace folders.');
    for (const z of found) {
      const r = await convertZip(z, !!params?.dryRun);
      results.push(r);
      if (r.error) messages.push(r.error);
      else if (!r.found) messages.push(`${z} has no dataaccess/egpl_ds_connpool_map.xml entry; nothing to change.`);
      else if (!r.changed) messages.push(`${z}: the pool file inside already uses Windows authentication.`);
      else if (params?.dryRun) messages.push(`${z}: the pool file inside would be converted.`);
      else {
        messages.push(`${z}: the pool file inside was converted; every other entry is unchanged.`);
        if (r.backupPath) messages.push(backupNote(r.backupPath));
      }
    }
    for (const m of messages) log(`Convert to Windows Authentication: ${m}`);
    return { messages, ok: results.every((z) => !z.error), converted: results.filter((z) => z.changed && !z.error).map((z) => z.path) };
  }

  async function checkAll(params: { roots: string[] }): Promise<Array<{ uri: string; diagnostics: Diagnostic[] }>> {
    const open = openByCanonical();
    // The same file-system probe as the editor's own service, so unopened files get the same path checks.
    const host = { log: () => undefined, fileSystem: nodeFileSystemProbe() };
    return checkWorkspace(params?.roots ?? [], settings(), { openDocument: (uri) => open.get(canonicalUri(uri)), host });
  }

  return { windowsAuthEdit, windowsAuthZip, checkWorkspace: checkAll };
}
