/**
 * Custom requests behind the client's commands. Each handler is glue only: find the document, its
 * settings and model, call a pure service function, return LSP data. The client asks the questions.
 */
import type { Connection, TextDocuments, WorkspaceEdit } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { EceLanguageService } from './service/core/engine';
import type { Settings } from './service/core/settings';
import type { KindId, OffsetEdit } from './service/core/types';
import { GADGET_TAB_KINDS, gadgetTabInsertion, validateContextRoot, validateHost, type GadgetTabKind } from './service/kinds/finesse/insertTab';
import { restrictFramingEdits } from './service/kinds/webconfig/restrict';
import { COPY_POOL_INTO_ZIP_COMMAND } from './service/kinds/connpool/rules/deploymentZipDiffers';
import type { WebconfigModel } from './service/kinds/webconfig/model';
import { parseDomainList } from './service/parse/iisRegex';
import {
  Requests,
  ServerCommands,
  type CheckWorkspaceCommandResult,
  type CheckWorkspaceResult,
  type ConvertWindowsAuthCommandResult,
  type CopyPoolIntoZipCommandResult,
  type DocumentInfoResult,
  type InsertGadgetTabCommandResult,
  type RestrictFramingCommandResult,
  type RestrictFramingResult,
  type WindowsAuthEditResult,
  type WindowsAuthZipResult,
} from './protocol';

export interface CommandContext {
  service: EceLanguageService;
  documents: TextDocuments<TextDocument>;
  settingsFor(uri: string): Promise<Settings>;
  log(message: string): void;
  /** Check Workspace over the workspace folders: per file, the number of findings and errors. */
  checkWorkspace(): Promise<CheckWorkspaceResult>;
  /** The text part of Convert to Windows Authentication as one edit, and the zip step. */
  windowsAuthEdit(): Promise<WindowsAuthEditResult>;
  windowsAuthZip(): Promise<WindowsAuthZipResult>;
  /** A file of the workspace model (the disk text of a file that is not open), if it is an ECE file. */
  workspaceFile(uri: string): { uri: string; kind: KindId; version: number; text: string } | undefined;
  /** Whether the workspace model holds any ECE file. */
  workspaceHasEceFiles(): boolean;
  /** Copies the pool file (editor text if open, else the disk text) into the deployment.zip of its home. */
  copyPoolIntoZip(poolUri: string, zipUri: string): Promise<CopyPoolIntoZipCommandResult>;
  /** The text of an `ece-zip:` entry as the workspace model holds it (for a read-only view). */
  zipEntryText(uri: string): string | undefined;
}

// The quick fix of connpool/deployment-zip-differs names the command by the service's constant: the two must agree.
const sameCopyCommand: typeof ServerCommands.copyPoolIntoZip = COPY_POOL_INTO_ZIP_COMMAND;
void sameCopyCommand;

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

/** A `restrictFraming` answer: the edit, how many patterns it replaces and the pattern it writes, or why not. */
async function restrictFramingFor(ctx: CommandContext, uri: string, domains: string | string[]): Promise<RestrictFramingResult> {
  const doc = ctx.documents.get(uri);
  if (!doc) return { error: 'Open the web.config of the ECE site first.' };
  const settings = await ctx.settingsFor(doc.uri);
  const entry = ctx.service.parse(doc, settings);
  if (!entry || entry.kind.id !== 'webconfig') return { error: 'This command works on the web.config of the ECE site (a file with wsname= rewrite rules).' };
  const parsed = parseDomainList(domains);
  if ('error' in parsed) return parsed;
  const edits = restrictFramingEdits(entry.parsed.model as WebconfigModel, domains);
  if ('error' in edits) return edits;
  // Every changed pattern gets the same wsname= text (empty when nothing changes).
  const pattern = edits[0]?.newText ?? '';
  return { edit: workspaceEdit(doc, edits), count: edits.length, pattern, domains: parsed.domains };
}

export function registerCommands(connection: Connection, ctx: CommandContext): void {
  connection.onExecuteCommand(async (p) => {
    const args = p.arguments ?? [];
    try {
      switch (p.command) {
        case ServerCommands.checkWorkspace: {
          const r = await ctx.checkWorkspace();
          const out: CheckWorkspaceCommandResult = { files: r.length, findings: r.reduce((n, x) => n + x.count, 0), errors: r.reduce((n, x) => n + x.errors, 0) };
          return out;
        }
        case ServerCommands.convertWindowsAuth:
          return await convertWindowsAuthCommand(connection, ctx);
        case ServerCommands.restrictFraming: {
          const [uri, domains] = args as [string, string | string[]];
          if (typeof uri !== 'string' || (typeof domains !== 'string' && !Array.isArray(domains))) return { error: 'arguments: (web.config URI, domains)' };
          const r = await restrictFramingFor(ctx, uri, domains);
          if ('error' in r) return r;
          if (r.count === 0) return { ok: true, count: 0, pattern: '' } satisfies RestrictFramingCommandResult;
          const applied = await connection.workspace.applyEdit({ label: 'Restrict framing to domains', edit: r.edit });
          if (applied.applied) ctx.log(`Restrict Framing: ${r.count} wsname= pattern${r.count === 1 ? '' : 's'} of ${uri} set to allow ${r.domains.join(', ')}`);
          const out: RestrictFramingCommandResult = applied.applied
            ? { ok: true, count: r.count, pattern: r.pattern }
            : { error: `The editor did not apply the change${applied.failureReason ? `: ${applied.failureReason}` : ''}.` };
          return out;
        }
        case ServerCommands.insertGadgetTab: {
          const [uri, position, kind, host, contextRoot] = args as [string, { line: number; character: number }, GadgetTabKind, string, string | undefined];
          const doc = typeof uri === 'string' ? ctx.documents.get(uri) : undefined;
          if (!doc || !position) return { error: 'arguments: (layout URI of an open document, position, kind, host, contextRoot?)' };
          const tab = GADGET_TAB_KINDS.find((k) => k.kind === kind);
          if (!tab) return { error: `Unknown gadget kind "${String(kind)}": one of ${GADGET_TAB_KINDS.map((k) => k.kind).join(', ')}.` };
          const invalid = validateHost(host ?? '') ?? (tab.needsContextRoot ? validateContextRoot(contextRoot ?? '') : undefined);
          if (invalid) return { error: invalid };
          const edit = gadgetTabInsertion(doc.getText(), doc.offsetAt(position), { kind, host: host.trim(), contextRoot });
          const applied = await connection.workspace.applyEdit({ label: `Insert ${tab.label}`, edit: workspaceEdit(doc, [edit]) });
          const out: InsertGadgetTabCommandResult = applied.applied ? { ok: true } : { error: 'The editor did not apply the change.' };
          return out;
        }
        case ServerCommands.copyPoolIntoZip: {
          const [poolUri, zipUri] = args as [string, string];
          if (typeof poolUri !== 'string' || typeof zipUri !== 'string') {
            const bad: CopyPoolIntoZipCommandResult = { ok: false, message: 'arguments: (pool file URI, deployment.zip URI)' };
            return bad;
          }
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

  connection.onRequest(Requests.gadgetTabKinds, () => GADGET_TAB_KINDS.map(({ kind, label, detail, needsContextRoot }) => ({ kind, label, detail, needsContextRoot })));
  connection.onRequest(Requests.zipEntryText, (p) => ctx.zipEntryText(p?.uri ?? '') ?? null);

  connection.onRequest(Requests.gadgetTabValidate, (p) => {
    if (p.host !== undefined) return validateHost(p.host) ?? null;
    if (p.contextRoot !== undefined) return validateContextRoot(p.contextRoot) ?? null;
    return null;
  });

  connection.onRequest(Requests.gadgetTabBuild, (p) => {
    const tab = GADGET_TAB_KINDS.find((k) => k.kind === p.kind);
    if (!tab) return { error: `Unknown gadget kind "${String(p.kind)}".` };
    const error = validateHost(p.host) ?? (tab.needsContextRoot ? validateContextRoot(p.contextRoot ?? '') : undefined);
    if (error) return { error };
    const text = typeof p.text === 'string' ? p.text : '';
    const offset = Math.max(0, Math.min(p.offset | 0, text.length));
    // The whole insertion: line ending, indentation unit, depth after a start tag, text after the cursor.
    const edit = gadgetTabInsertion(text, offset, { kind: p.kind, host: p.host.trim(), contextRoot: p.contextRoot });
    return { edit };
  });

  connection.onRequest(Requests.restrictFramingValidate, (p) => {
    const r = parseDomainList(p.domains ?? '');
    return 'error' in r ? r.error : null;
  });

  connection.onRequest(Requests.restrictFraming, async (p) => {
    const r = await restrictFramingFor(ctx, p.uri, p.domains);
    if (!('error' in r)) ctx.log(`Restrict Framing: ${r.count} wsname= pattern${r.count === 1 ? '' : 's'} of ${p.uri} to change, to allow ${r.domains.join(', ')}`);
    return r;
  });

  connection.onRequest(Requests.documentInfo, (p) => documentInfoFor(ctx, p.uri));
}

/** How a setting reads in the language status item. */
const listOrNone = (l: readonly string[]) => (l.length ? l.join(', ') : 'none set');

/**
 * The kind of a document (by the same detection as its diagnostics: the `ece.files.*` globs, then the kind's test of
 * the content) and the `ece.*` settings in effect for it, for the client's context keys and language status item.
 */
export async function documentInfoFor(ctx: CommandContext, uri: string): Promise<DocumentInfoResult> {
  const workspaceHasEceFiles = ctx.workspaceHasEceFiles();
  const settings = await ctx.settingsFor(uri);
  const file = ctx.workspaceFile(uri);
  const doc = ctx.documents.get(uri) ?? (file ? TextDocument.create(file.uri, file.kind, file.version, file.text) : undefined);
  const kind = doc ? ctx.service.kindOf(doc.uri, doc.getText(), settings) : undefined;
  if (!doc || !kind) return { kind: null, label: null, settings: [], problems: 0, workspaceHasEceFiles };
  const changedRules = Object.keys(settings.rules).length;
  const shown: DocumentInfoResult['settings'] = [
    { name: 'Listener names', value: listOrNone(settings.listenerNames) },
    { name: 'Always On', value: settings.alwaysOn ? 'yes' : 'no' },
    { name: 'Load balancer', value: settings.loadBalancerHost || 'none set' },
    { name: 'Framing allowed from', value: listOrNone(settings.clickjacking.allowedDomains) },
    { name: 'Solve context root', value: settings.solve.contextRoot || 'none set' },
    { name: 'Rule severities changed', value: changedRules ? String(changedRules) : 'none' },
  ];
  const problems = ctx.service.diagnostics(doc, settings).length;
  if (!ctx.documents.get(uri)) ctx.service.forget(uri);
  return { kind: kind.id, label: kind.label, settings: shown, problems, workspaceHasEceFiles };
}

/** `ece.server.convertWindowsAuth`: the text edit through `workspace/applyEdit`, then the deployment.zip copy. */
async function convertWindowsAuthCommand(connection: Connection, ctx: CommandContext): Promise<ConvertWindowsAuthCommandResult> {
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
