/** Commands: thin wrappers that ask the server for an edit and let VS Code apply (and preview) it. */
import type * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';

export function registerCommands(_context: vscode.ExtensionContext, _client: () => LanguageClient | undefined): void {
  // Filled in per command as the features land (see package.json contributes.commands).
}
