/**
 * Custom requests behind the client's commands. Each handler is glue only: find the document, its
 * settings and model, call a pure service function, return LSP data. The client asks the questions.
 */
import type { Connection, TextDocuments, WorkspaceEdit } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { EceLanguageService } from './service/core/engine';
import type { Settings } from './service/core/settings';
import type { OffsetEdit } from './service/core/types';
import { GADGET_TAB_KINDS, gadgetTabInsertion, validateContextRoot, validateHost, type GadgetTabKind } from './service/kinds/finesse/insertTab';
import { restrictFramingEdits } from './service/kinds/webconfig/restrict';
import { COPY_POOL_INTO_ZIP_COMMAND } from './service/kinds/connpool/rules/deploymentZipDiffers';
import type { WebconfigModel } from './service/kinds/webconfig/model';
import { parseDomainList } from './service/parse/iisRegex';

export interface CommandContext {
  service: EceLanguageService;
  documents: TextDocuments<TextDocument>;
  settingsFor(uri: string): Promise<Settings>;
  log(message: string): void;
  /** Check Workspace over the workspace folders: per file, the number of findings and errors. */
  checkWorkspace(): Promise<Array<{ uri: string; count: number; errors: number }>>;
  /** The text part of Convert to Windows Authentication as one edit, and the zip step. */
  windowsAuthEdit(): Promise<{ edit: WorkspaceEdit | null; message: string; zips: Array<{ needsChange: boolean }> }>;
  windowsAuthZip(): Promise<{ messages: string[]; ok: boolean }>;
  /** Copies the pool file (editor text if open, else the disk text) into the deployment.zip of its home. */
  copyPoolIntoZip(poolUri: string, zipUri: string): Promise<{ ok: boolean; message: string }>;
  /** The text of an `ece-zip:` entry as the workspace model holds it (for a read-only view). */
  zipEntryText(uri: string): string | undefined;
}

/**
 * The commands any LSP client can run with `workspace/executeCommand` (Neovim, Helix, Emacs...). VS Code uses its own
 * commands (`ece.*`, with input boxes and a preview) over the custom requests; these ids differ so the two never clash.
 * Arguments are positional, as `workspace/executeCommand` passes them.
 */
export const ServerCommands = {
  /** `()` → `{ files, findings, errors }` after publishing every ECE file's findings. */
  checkWorkspace: 'ece.server.checkWorkspace',
  /** `()` → applies the conversion edit with `workspace/applyEdit`, then the deployment.zip step; `{ ok, messages }`. */
  convertWindowsAuth: 'ece.server.convertWindowsAuth',
  /** `(uri, domains)` → applies the restricted wsname= patterns; `{ ok, count }` or `{ error }`. */
  restrictFraming: 'ece.server.restrictFraming',
  /** `(uri, position, kind, host, contextRoot?)` → inserts the tab; `{ ok }` or `{ error }`. */
  insertGadgetTab: 'ece.server.insertGadgetTab',
  /** `(poolUri, zipUri)` → the quick fix of connpool/deployment-zip-differs; `{ ok, message }`. */
  copyPoolIntoZip: COPY_POOL_INTO_ZIP_COMMAND,
} as const;

export const Requests = {
  gadgetTabKinds: 'ece/gadgetTab/kinds',
  gadgetTabValidate: 'ece/gadgetTab/validate',
  gadgetTabBuild: 'ece/gadgetTab/build',
  restrictFramingValidate: 'ece/restrictFraming/validate',
  restrictFraming: 'ece/restrictFraming',
  /** `{ uri }` of an `ece-zip:` entry → its text (or null): the client shows it read-only. */
  zipEntryText: 'ece/zipEntryText',
} as const;

export function workspaceEdit(doc: TextDocument, edits: OffsetEdit[]): WorkspaceEdit {
  return {
    documentChanges: [
      {
        textDocument: { uri: doc.uri, version: doc.version },
        edits: edits.map((e) => ({ range: { start: doc.positionAt(e.start), end: doc.positionAt(e.end) }, newText: e.newText })),
      },
    ],
  };
}

/** A `restrictFraming` answer: the edit and how many patterns it replaces, or why not. */
async function restrictFramingFor(ctx: CommandContext, uri: string, domains: string | string[]): Promise<{ edit: WorkspaceEdit; count: number } | { error: string }> {
  const doc = ctx.documents.get(uri);
  if (!doc) return { error: 'Open the web.config of the ECE site first.' };
  const settings = await ctx.settingsFor(doc.uri);
  const entry = ctx.service.parse(doc, settings);
  if (!entry || entry.kind.id !== 'webconfig') return { error: 'This command works on the web.config of the ECE site (a file with wsname= rewrite rules).' };
  const edits = restrictFramingEdits(entry.parsed.model as WebconfigModel, domains);
  if ('error' in edits) return edits;
  return { edit: workspaceEdit(doc, edits), count: edits.length };
}

export function registerCommands(connection: Connection, ctx: CommandContext): void {
  connection.onExecuteCommand(async (p) => {
    const args = p.arguments ?? [];
    try {
      switch (p.command) {
        case ServerCommands.checkWorkspace: {
          const r = await ctx.checkWorkspace();
          return { files: r.length, findings: r.reduce((n, x) => n + x.count, 0), errors: r.reduce((n, x) => n + x.errors, 0) };
        }
        case ServerCommands.convertWindowsAuth: {
          const plan = await ctx.windowsAuthEdit();
          const messages = [plan.message];
          if (plan.edit) {
            const applied = await connection.workspace.applyEdit({ label: 'Convert to Windows Authentication', edit: plan.edit });
            if (!applied.applied) return { ok: false, messages: [...messages, `The editor did not apply the change${applied.failureReason ? `: ${applied.failureReason}` : ''}; nothing else was changed.`] };
          }
          if (!plan.zips.some((z) => z.needsChange)) return { ok: true, messages };
          const zip = await ctx.windowsAuthZip();
          return { ok: zip.ok, messages: [...messages, ...zip.messages] };
        }
        case ServerCommands.restrictFraming: {
          const [uri, domains] = args as [string, string | string[]];
          if (typeof uri !== 'string' || (typeof domains !== 'string' && !Array.isArray(domains))) return { error: 'arguments: (web.config URI, domains)' };
          const r = await restrictFramingFor(ctx, uri, domains);
          if ('error' in r) return r;
          const applied = await connection.workspace.applyEdit({ label: 'Restrict framing to domains', edit: r.edit });
          return applied.applied ? { ok: true, count: r.count } : { error: `The editor did not apply the change${applied.failureReason ? `: ${applied.failureReason}` : ''}.` };
        }
        case ServerCommands.insertGadgetTab: {
          const [uri, position, kind, host, contextRoot] = args as [string, { line: number; character: number }, GadgetTabKind, string, string | undefined];
          const doc = typeof uri === 'string' ? ctx.documents.get(uri) : undefined;
          if (!doc || !position) return { error: 'arguments: (layout URI of an open document, position, kind, host, contextRoot?)' };
          const tab = GADGET_TAB_KINDS.find((k) => k.kind === kind);
          if (!tab) return { error: `Unknown gadget kind '${String(kind)}': one of ${GADGET_TAB_KINDS.map((k) => k.kind).join(', ')}.` };
          const invalid = validateHost(host ?? '') ?? (tab.needsContextRoot ? validateContextRoot(contextRoot ?? '') : undefined);
          if (invalid) return { error: invalid };
          const edit = gadgetTabInsertion(doc.getText(), doc.offsetAt(position), { kind, host: host.trim(), contextRoot });
          const applied = await connection.workspace.applyEdit({ label: `Insert ${tab.label}`, edit: workspaceEdit(doc, [edit]) });
          return applied.applied ? { ok: true } : { error: 'The editor did not apply the change.' };
        }
        case ServerCommands.copyPoolIntoZip: {
          const [poolUri, zipUri] = args as [string, string];
          if (typeof poolUri !== 'string' || typeof zipUri !== 'string') return { ok: false, message: 'arguments: (pool file URI, deployment.zip URI)' };
          const r = await ctx.copyPoolIntoZip(poolUri, zipUri);
          if (r.ok) void connection.window.showInformationMessage(r.message);
          else void connection.window.showErrorMessage(r.message);
          return r;
        }
        default:
          return { error: `unknown command ${p.command}` };
      }
    } catch (e) {
      ctx.log(`command ${p.command} failed: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
      return { error: `The command failed: ${e instanceof Error ? e.message : String(e)}` };
    }
  });

  connection.onRequest(Requests.gadgetTabKinds, () => GADGET_TAB_KINDS);
  connection.onRequest(Requests.zipEntryText, (p: { uri: string }) => ctx.zipEntryText(p?.uri ?? '') ?? null);

  connection.onRequest(Requests.gadgetTabValidate, (p: { host?: string; contextRoot?: string }) => {
    if (p.host !== undefined) return validateHost(p.host) ?? null;
    if (p.contextRoot !== undefined) return validateContextRoot(p.contextRoot) ?? null;
    return null;
  });

  connection.onRequest(Requests.gadgetTabBuild, (p: { kind: GadgetTabKind; host: string; contextRoot?: string; text: string; offset: number }) => {
    const error = validateHost(p.host) ?? (GADGET_TAB_KINDS.find((k) => k.kind === p.kind)?.needsContextRoot ? validateContextRoot(p.contextRoot ?? '') : undefined);
    if (!GADGET_TAB_KINDS.some((k) => k.kind === p.kind)) return { error: `Unknown gadget kind '${String(p.kind)}'.` };
    if (error) return { error };
    const text = typeof p.text === 'string' ? p.text : '';
    const offset = Math.max(0, Math.min(p.offset | 0, text.length));
    // The whole insertion: line ending, indentation unit, depth after a start tag, text after the cursor.
    const edit = gadgetTabInsertion(text, offset, { kind: p.kind, host: p.host.trim(), contextRoot: p.contextRoot });
    return { edit };
  });

  connection.onRequest(Requests.restrictFramingValidate, (p: { domains: string }) => {
    const r = parseDomainList(p.domains ?? '');
    return 'error' in r ? r.error : null;
  });

  connection.onRequest(Requests.restrictFraming, (p: { uri: string; domains: string | string[] }) => restrictFramingFor(ctx, p.uri, p.domains));
}
