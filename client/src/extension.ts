/**
 * The thin VS Code client: starts the ECE language server, hands it the files the `ece.files.*` globs
 * select (never every XML, JavaScript or properties file), and forwards commands. No ECE knowledge here.
 */
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { registerCommands } from './commands';
import { redactTrace } from './redact';
import { registerZipEntries } from './zipEntries';
import { documentSelector } from './selector';

let client: LanguageClient | undefined;
let output: vscode.OutputChannel | undefined;
let trace: vscode.OutputChannel | undefined;

/** An output channel that writes through `redactTrace`: the LSP trace never shows document text or passwords. */
function redactingChannel(name: string): vscode.OutputChannel {
  const inner = vscode.window.createOutputChannel(name);
  return {
    get name() {
      return inner.name;
    },
    append: (value: string) => inner.append(redactTrace(value)),
    appendLine: (value: string) => inner.appendLine(redactTrace(value)),
    replace: (value: string) => inner.replace(redactTrace(value)),
    clear: () => inner.clear(),
    show: (a?: boolean | vscode.ViewColumn, b?: boolean) => (typeof a === 'boolean' ? inner.show(a) : inner.show(a, b)),
    hide: () => inner.hide(),
    dispose: () => inner.dispose(),
  };
}

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
    // The trace (ece.trace.server) goes to its own channel, redacted: documents and passwords are not written there.
    traceOutputChannel: trace,
    synchronize: {
      // The server keeps a model of the ECE files that are not open (cross-file rules): tell it when they change.
      fileEvents: vscode.workspace.createFileSystemWatcher('**/*.{xml,XML,properties,PROPERTIES,js,JS,config,CONFIG,bat,BAT,zip,ZIP}'),
    },
  };
  // The id `ece` makes the client honour the `ece.trace.server` setting.
  return new LanguageClient('ece', 'ECE Config', serverOptions, clientOptions);
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  output = vscode.window.createOutputChannel('ECE Config');
  trace = redactingChannel('ECE Config (trace)');
  context.subscriptions.push(output, trace);
  client = createClient(context);
  registerCommands(context, () => client);
  registerZipEntries(context, () => client);
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
