/**
 * The thin VS Code client: starts the ECE language server, hands it the files the `ece.files.*` globs
 * select (never every XML, JavaScript or properties file), and forwards commands. No ECE knowledge here.
 */
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { registerCommands } from './commands';
import { documentSelector } from './selector';

let client: LanguageClient | undefined;
let output: vscode.OutputChannel | undefined;

function createClient(context: vscode.ExtensionContext): LanguageClient {
  const serverModule = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const files = vscode.workspace.getConfiguration('ece').get<Record<string, string[]>>('files') ?? {};
  const clientOptions: LanguageClientOptions = {
    documentSelector: documentSelector(files),
    outputChannel: output,
    synchronize: {
      // The server keeps a model of the ECE files that are not open (cross-file rules): tell it when they change.
      fileEvents: vscode.workspace.createFileSystemWatcher('**/*.{xml,XML,properties,PROPERTIES,js,JS,config,CONFIG}'),
    },
  };
  // The id `ece` makes the client honour the `ece.trace.server` setting.
  return new LanguageClient('ece', 'ECE Config', serverOptions, clientOptions);
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  output = vscode.window.createOutputChannel('ECE Config');
  context.subscriptions.push(output);
  client = createClient(context);
  registerCommands(context, () => client);
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration(async (e) => {
      // The document selector is fixed when the client starts: a change of the file globs needs a restart.
      if (e.affectsConfiguration('ece.files') && client) {
        await client.stop();
        client = createClient(context);
        await client.start();
      }
    }),
  );
  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
