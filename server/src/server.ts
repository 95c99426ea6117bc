/**
 * The LSP adapter: connection, document store, settings, scheduling. Every handler has one shape:
 * get the document, get its settings, call the language service, catch and log. No ECE knowledge here.
 * Transport: `--stdio`, `--node-ipc` or `--socket=N`, chosen by vscode-languageserver from argv.
 */
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  CodeActionKind,
  createConnection,
  DidChangeConfigurationNotification,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
  type Connection,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { EceLanguageService, FIX_ALL_KIND } from './service/core/engine';
import { normalizeSettings, type Settings } from './service/core/settings';
import { Scheduler } from './scheduler';
import { WorkerRegexRunner } from './node/regexRunner';
import { registerCommands } from './commands';

const connection: Connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
const log = (m: string) => connection.console.log(m);

const docsDir = path.resolve(__dirname, '..', 'docs', 'rules');
const service = new EceLanguageService({
  log,
  docsBase: pathToFileURL(docsDir).href,
  regexRunner: new WorkerRegexRunner(),
});

let hasConfigurationCapability = false;
let initSettings: Settings = normalizeSettings(undefined);
const settingsCache = new Map<string, Promise<Settings>>();

function settingsFor(uri: string): Promise<Settings> {
  if (!hasConfigurationCapability) return Promise.resolve(initSettings);
  let s = settingsCache.get(uri);
  if (!s) {
    s = connection.workspace
      .getConfiguration({ scopeUri: uri, section: 'ece' })
      .then((raw) => normalizeSettings(raw ?? initSettings), () => initSettings);
    settingsCache.set(uri, s);
  }
  return s;
}

/** Validation per document: debounced by the cost of the last run, newest version wins. */
const scheduler = new Scheduler(async (uri) => {
  const doc = documents.get(uri);
  if (!doc) return;
  const version = doc.version;
  const settings = await settingsFor(uri);
  const current = documents.get(uri);
  if (!current || current.version !== version) return; // a newer edit will validate
  const diagnostics = service.diagnostics(current, settings);
  await connection.sendDiagnostics({ uri, version, diagnostics });
}, log);

connection.onInitialize((params: InitializeParams): InitializeResult => {
  hasConfigurationCapability = !!params.capabilities.workspace?.configuration;
  const init = params.initializationOptions as { settings?: unknown } | undefined;
  if (init?.settings) initSettings = normalizeSettings(init.settings);
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: false },
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND], resolveProvider: false },
      hoverProvider: true,
      documentSymbolProvider: true,
      completionProvider: { triggerCharacters: [';', '='] },
      executeCommandProvider: { commands: [] },
    },
    serverInfo: { name: 'ece-config', version: '0.1.0' },
  };
});

connection.onInitialized(() => {
  if (hasConfigurationCapability) {
    void connection.client.register(DidChangeConfigurationNotification.type, { section: 'ece' });
  }
});

connection.onDidChangeConfiguration((change) => {
  settingsCache.clear();
  if (!hasConfigurationCapability) {
    const s = (change.settings as { ece?: unknown } | undefined)?.ece;
    if (s) initSettings = normalizeSettings(s);
  }
  for (const d of documents.all()) scheduler.schedule(d.uri, 0);
});

documents.onDidOpen((e) => scheduler.schedule(e.document.uri, 0));
documents.onDidChangeContent((e) => scheduler.schedule(e.document.uri));
documents.onDidClose((e) => {
  scheduler.cancel(e.document.uri);
  settingsCache.delete(e.document.uri);
  service.forget(e.document.uri);
  void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
});

connection.onCodeAction(async (params) => {
  const doc = documents.get(params.textDocument.uri);
  if (!doc) return [];
  try {
    const settings = await settingsFor(doc.uri);
    return service.codeActions(doc, params.range, params.context.diagnostics, params.context.only, settings);
  } catch (e) {
    log(`code actions failed: ${String(e)}`);
    return [];
  }
});

connection.onHover(async (params) => {
  const doc = documents.get(params.textDocument.uri);
  if (!doc) return null;
  try {
    return await service.hover(doc, params.position, await settingsFor(doc.uri));
  } catch (e) {
    log(`hover failed: ${String(e)}`);
    return null;
  }
});

connection.onDocumentSymbol(async (params) => {
  const doc = documents.get(params.textDocument.uri);
  if (!doc) return [];
  try {
    return service.symbols(doc, await settingsFor(doc.uri));
  } catch (e) {
    log(`symbols failed: ${String(e)}`);
    return [];
  }
});

connection.onCompletion(async (params) => {
  const doc = documents.get(params.textDocument.uri);
  if (!doc) return [];
  try {
    return service.completions(doc, params.position, await settingsFor(doc.uri));
  } catch (e) {
    log(`completion failed: ${String(e)}`);
    return [];
  }
});

registerCommands(connection, { service, documents, settingsFor, log });

process.on('uncaughtException', (e) => log(`uncaught: ${e.stack ?? String(e)}`));
process.on('unhandledRejection', (e) => log(`unhandled rejection: ${String(e)}`));

documents.listen(connection);
connection.listen();
