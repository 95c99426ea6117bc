/**
 * What the client shows about the active document, all of it answered by the server (`ece/documentInfo`): the
 * context keys the `when` clauses of package.json read, and a language status item with the document's ECE kind and
 * the settings in effect for it. No ECE logic here: the server detects the kind exactly as for its diagnostics.
 *
 * Context keys:
 * - `ece.activeKind`: the ECE kind of the active editor's document (`connpool`, `finesse`, `webconfig`, ...), or ''.
 * - `ece.workspaceHasEceFiles`: the server's model of the workspace folders holds at least one ECE file.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { Notifications, Requests, type DocumentInfoResult } from '../../server/src/protocol';

export const SETTINGS_QUERY = '@ext:ece-config.ece-config';

/** A selector that matches exactly one document (the active one), for the language status item. */
function selectorFor(uri: vscode.Uri): vscode.DocumentSelector {
  // Only the base name is read as a glob: escape its glob characters.
  const name = uri.path.slice(uri.path.lastIndexOf('/') + 1).replace(/[[\]{}*?]/g, (c) => `[${c}]`);
  return { scheme: uri.scheme, pattern: new vscode.RelativePattern(vscode.Uri.joinPath(uri, '..'), name) };
}

/** Never matches a document: the item is hidden while the active document is no ECE file. */
const NO_DOCUMENT: vscode.DocumentSelector = { scheme: 'ece-config-none' };

export class ActiveDocumentStatus implements vscode.Disposable {
  private readonly item: vscode.LanguageStatusItem;
  private readonly subscriptions: vscode.Disposable[] = [];
  private seq = 0;
  /** The last answer, for tests and the command that shows it. */
  last: { uri: string; info: DocumentInfoResult } | undefined;

  constructor(private readonly getClient: () => LanguageClient | undefined) {
    this.item = vscode.languages.createLanguageStatusItem('ece.fileKind', NO_DOCUMENT);
    this.item.name = 'ECE Config';
    this.subscriptions.push(
      this.item,
      vscode.window.onDidChangeActiveTextEditor(() => void this.refresh()),
      // The problem count and a kind that changes with the content (index statistics input.properties) follow.
      vscode.languages.onDidChangeDiagnostics((e) => {
        const active = vscode.window.activeTextEditor?.document.uri.toString();
        if (active && e.uris.some((u) => u.toString() === active)) void this.refresh();
      }),
      vscode.workspace.onDidChangeConfiguration((e) => (e.affectsConfiguration('ece') ? void this.refresh() : undefined)),
    );
    void vscode.commands.executeCommand('setContext', 'ece.activeKind', '');
    void vscode.commands.executeCommand('setContext', 'ece.workspaceHasEceFiles', false);
  }

  /** Called once the client runs (again): listens for the server's load notice, then asks about the active editor. */
  attach(client: LanguageClient): void {
    this.subscriptions.push(
      client.onNotification(Notifications.workspaceLoaded, (p) => {
        void vscode.commands.executeCommand('setContext', 'ece.workspaceHasEceFiles', p.files > 0);
        void this.refresh();
      }),
    );
    void this.refresh();
  }

  async refresh(): Promise<void> {
    const seq = ++this.seq;
    const client = this.getClient();
    const doc = vscode.window.activeTextEditor?.document;
    if (!client || !client.isRunning()) return;
    if (!doc) {
      this.show(undefined, undefined);
      return;
    }
    let info: DocumentInfoResult;
    try {
      info = await client.sendRequest(Requests.documentInfo, { uri: client.code2ProtocolConverter.asUri(doc.uri) });
    } catch {
      return; // the server is restarting: the next event asks again
    }
    if (seq !== this.seq) return; // a newer question was asked meanwhile
    void vscode.commands.executeCommand('setContext', 'ece.workspaceHasEceFiles', info.workspaceHasEceFiles);
    this.show(doc, info);
  }

  private show(doc: vscode.TextDocument | undefined, info: DocumentInfoResult | undefined): void {
    void vscode.commands.executeCommand('setContext', 'ece.activeKind', info?.kind ?? '');
    if (!doc || !info?.kind) {
      this.last = undefined;
      this.item.selector = NO_DOCUMENT;
      return;
    }
    this.last = { uri: doc.uri.toString(), info };
    this.item.selector = selectorFor(doc.uri);
    this.item.text = `ECE: ${info.label}`;
    const get = (name: string) => info.settings.find((s) => s.name === name)?.value ?? '';
    this.item.detail = `Listener names: ${get('Listener names')} · Load balancer: ${get('Load balancer')}`;
    this.item.severity = vscode.LanguageStatusSeverity.Information;
    this.item.accessibilityInformation = { label: `ECE file kind: ${info.label}; ${info.problems} problems` };
    this.item.command = { title: 'ECE settings', command: 'workbench.action.openSettings', arguments: [SETTINGS_QUERY], tooltip: info.settings.map((s) => `${s.name}: ${s.value}`).join('\n') };
  }

  dispose(): void {
    for (const d of this.subscriptions) d.dispose();
  }
}
