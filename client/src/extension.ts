/**
 * The thin VS Code client: starts the ECE language server, hands it the files the `ece.files.*` globs
 * select (never every XML, JavaScript or properties file), and forwards commands. No ECE knowledge here.
 *
 * File selection: a broad document selector (by scheme) and a middleware that forwards didOpen/didChange/didClose
 * and the per-document requests only for documents `isEceCandidate` accepts: the server's and the CLI's own glob
 * matcher on the `ece.files` setting of that document (see fileFilter.ts).
 */
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type Middleware, type ServerOptions } from 'vscode-languageclient/node';
import { registerCommands } from './commands';
import { isEceCandidate, SYNCED_SCHEMES, WATCHED_GLOBS } from './fileFilter';
import { redactTrace } from './redact';
import { ActiveDocumentStatus } from './status';
import { registerZipEntries } from './zipEntries';

let client: LanguageClient | undefined;
let output: vscode.OutputChannel | undefined;
let trace: vscode.OutputChannel | undefined;
let status: ActiveDocumentStatus | undefined;

/** The document is synced to the server when its path matches the `ece.files.*` globs in effect for it. */
function wanted(doc: vscode.TextDocument): boolean {
  if (!(SYNCED_SCHEMES as readonly string[]).includes(doc.uri.scheme)) return false;
  const files = vscode.workspace.getConfiguration('ece', doc.uri).get<unknown>('files');
  return isEceCandidate(doc.uri.toString(), files);
}

/**
 * didOpen decides (and remembers) whether a document is the server's; didChange, didClose and the requests about a
 * document follow that decision, so the server never hears of a document it was not given.
 */
function fileFilterMiddleware(synced: Set<string>): Middleware {
  const known = (uri: vscode.Uri) => synced.has(uri.toString());
  return {
    didOpen: async (doc, next) => {
      if (!wanted(doc)) return;
      synced.add(doc.uri.toString());
      await next(doc);
    },
    didChange: async (e, next) => (known(e.document.uri) ? next(e) : undefined),
    didClose: async (doc, next) => {
      if (!synced.delete(doc.uri.toString())) return;
      await next(doc);
    },
    provideHover: (doc, pos, token, next) => (known(doc.uri) ? next(doc, pos, token) : undefined),
    provideCodeActions: (doc, range, ctx, token, next) => (known(doc.uri) ? next(doc, range, ctx, token) : undefined),
    provideCompletionItem: (doc, pos, ctx, token, next) => (known(doc.uri) ? next(doc, pos, ctx, token) : undefined),
    provideDocumentSymbols: (doc, token, next) => (known(doc.uri) ? next(doc, token) : undefined),
  };
}

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
  const clientOptions: LanguageClientOptions = {
    documentSelector: SYNCED_SCHEMES.map((scheme) => ({ scheme })),
    middleware: fileFilterMiddleware(new Set()),
    outputChannel: output,
    // The trace (ece.trace.server) goes to its own channel, redacted: documents and passwords are not written there.
    traceOutputChannel: trace,
    synchronize: {
      // The server keeps a model of the ECE files that are not open (cross-file rules): tell it when they change.
      fileEvents: WATCHED_GLOBS.map((g) => vscode.workspace.createFileSystemWatcher(g)),
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
  status = new ActiveDocumentStatus(() => client);
  registerCommands(context, () => client, status);
  registerZipEntries(context, () => client);
  context.subscriptions.push(
    status,
    vscode.workspace.onDidChangeConfiguration(async (e) => {
      // Which documents were given to the server was decided when they opened: new file globs start it afresh, so
      // every open document is decided again.
      if (e.affectsConfiguration('ece.files') && client) {
        await client.stop();
        client = createClient(context);
        await client.start();
        status?.attach(client);
      }
    }),
  );
  await client.start();
  status.attach(client);
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
