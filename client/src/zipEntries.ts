/**
 * Read-only views of the pool file inside deployment.zip: the server publishes that copy's findings under
 * `ece-zip:<zip>!/<entry>` URIs, and this provider lets VS Code open such a URI (from the Problems panel) with the text
 * the server checked. No ECE logic: the text comes from the server (`ece/zipEntryText`).
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { Requests } from '../../server/src/protocol';

export const ZIP_ENTRY_SCHEME = 'ece-zip';

export function registerZipEntries(context: vscode.ExtensionContext, client: () => LanguageClient | undefined): void {
  const provider: vscode.TextDocumentContentProvider = {
    async provideTextDocumentContent(uri) {
      const c = client();
      if (!c) return '';
      const text = await c.sendRequest(Requests.zipEntryText, { uri: uri.toString(true) });
      return text ?? '(This entry of deployment.zip is not known to ECE Config any more: run ECE: Check Workspace.)';
    },
  };
  context.subscriptions.push(vscode.workspace.registerTextDocumentContentProvider(ZIP_ENTRY_SCHEME, provider));
}
