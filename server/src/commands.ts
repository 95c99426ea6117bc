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
import type { WebconfigModel } from './service/kinds/webconfig/model';
import { parseDomainList } from './service/parse/iisRegex';

export interface CommandContext {
  service: EceLanguageService;
  documents: TextDocuments<TextDocument>;
  settingsFor(uri: string): Promise<Settings>;
  log(message: string): void;
}

export const Requests = {
  gadgetTabKinds: 'ece/gadgetTab/kinds',
  gadgetTabValidate: 'ece/gadgetTab/validate',
  gadgetTabBuild: 'ece/gadgetTab/build',
  restrictFramingValidate: 'ece/restrictFraming/validate',
  restrictFraming: 'ece/restrictFraming',
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

export function registerCommands(connection: Connection, ctx: CommandContext): void {
  connection.onRequest(Requests.gadgetTabKinds, () => GADGET_TAB_KINDS);

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

  connection.onRequest(Requests.restrictFraming, async (p: { uri: string; domains: string | string[] }) => {
    const doc = ctx.documents.get(p.uri);
    if (!doc) return { error: 'Open the web.config of the ECE site first.' };
    const settings = await ctx.settingsFor(doc.uri);
    const entry = ctx.service.parse(doc, settings);
    if (!entry || entry.kind.id !== 'webconfig') return { error: 'This command works on the web.config of the ECE site (a file with wsname= rewrite rules).' };
    const edits = restrictFramingEdits(entry.parsed.model as WebconfigModel, p.domains);
    if ('error' in edits) return edits;
    return { edit: workspaceEdit(doc, edits), count: edits.length };
  });
}
