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
import { nodeFileSystemProbe } from './node/fileSystemProbe';
import { registerCommands } from './commands';
import { WorkspaceSession } from './node/workspace';
import {
  CHECK_WORKSPACE_REQUEST,
  WINDOWS_AUTH_EDIT_REQUEST,
  WINDOWS_AUTH_ZIP_REQUEST,
  workspaceRequestHandlers,
} from './node/workspaceRequests';

const connection: Connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
const log = (m: string) => connection.console.log(m);

const docsDir = path.resolve(__dirname, '..', 'docs', 'rules');
const regexRunner = new WorkerRegexRunner();
const service = new EceLanguageService({ log, docsBase: pathToFileURL(docsDir).href, regexRunner, fileSystem: nodeFileSystemProbe() });
connection.onShutdown(() => regexRunner.dispose());

let hasConfigurationCapability = false;
let initSettings: Settings = normalizeSettings(undefined);
/** Settings of the workspace as a whole (cross-file model, workspace commands). */
let workspaceSettings: Settings = initSettings;
let roots: string[] = [];
let supportsWorkspaceFolders = false;
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

async function refreshWorkspaceSettings(): Promise<void> {
  if (!hasConfigurationCapability) {
    workspaceSettings = initSettings;
    return;
  }
  try {
    workspaceSettings = normalizeSettings((await connection.workspace.getConfiguration({ section: 'ece' })) ?? initSettings);
  } catch {
    workspaceSettings = initSettings;
  }
}

/** The ECE home(s) under the workspace folders, as one configuration for the cross-file rules. */
const session = new WorkspaceSession(service, () => workspaceSettings);
const revalidate = (uris: Iterable<string>) => {
  for (const u of uris) if (documents.get(u)) scheduler.schedule(u, 0);
};
const openUris = () => documents.keys();

/** Validation per document: debounced by the cost of the last run, newest version wins. */
const scheduler = new Scheduler(async (uri) => {
  const doc = documents.get(uri);
  if (!doc) return;
  const version = doc.version;
  const settings = await settingsFor(uri);
  const current = documents.get(uri);
  if (!current || current.version !== version) return; // a newer edit will validate
  // Keep the cross-file model in step with the editor, reusing the engine's parse of this version, and
  // refresh the open documents whose cross-file rules read this one.
  const entry = service.parse(current, settings);
  const dependents = session.documentChanged(current, openUris(), entry && { kind: entry.kind, model: entry.parsed.model });
  revalidate(dependents.filter((u) => u !== uri));
  const diagnostics = service.diagnostics(current, settings);
  // Validation ran synchronously: let edits that arrived meanwhile be read and dispatched (the JSON-RPC layer
  // dispatches from setImmediate, so wait for the next loop turn), and publish only if none did.
  await new Promise<void>((resolve) => setTimeout(resolve, 0));
  if (documents.get(uri)?.version !== version) return;
  await connection.sendDiagnostics({ uri, version, diagnostics });
}, log);

connection.onInitialize((params: InitializeParams): InitializeResult => {
  hasConfigurationCapability = !!params.capabilities.workspace?.configuration;
  supportsWorkspaceFolders = !!params.capabilities.workspace?.workspaceFolders;
  const init = params.initializationOptions as { settings?: unknown } | undefined;
  if (init?.settings) initSettings = normalizeSettings(init.settings);
  workspaceSettings = initSettings;
  roots = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: false },
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND], resolveProvider: false },
      hoverProvider: true,
      documentSymbolProvider: true,
      completionProvider: { triggerCharacters: [';', '='] },
      workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
    },
    serverInfo: { name: 'ece-config', version: '0.1.0' },
  };
});

connection.onInitialized(() => {
  if (hasConfigurationCapability) {
    void connection.client.register(DidChangeConfigurationNotification.type, { section: 'ece' });
  }
  // Load the ECE files that are not open (in the background: the first diagnostics do not wait for it).
  void (async () => {
    await refreshWorkspaceSettings();
    try {
      await session.addRoots(roots);
    } catch (e) {
      log(`loading the workspace failed: ${String(e)}`);
    }
    revalidate(openUris());
  })();
  if (supportsWorkspaceFolders) {
    connection.workspace.onDidChangeWorkspaceFolders((e) => {
      for (const f of e.removed) session.removeRoot(f.uri);
      roots = roots.filter((r) => !e.removed.some((f) => f.uri === r)).concat(e.added.map((f) => f.uri));
      void session.addRoots(e.added.map((f) => f.uri)).then(() => revalidate(openUris()), (err: unknown) => log(`loading folders failed: ${String(err)}`));
    });
  }
});

connection.onDidChangeConfiguration((change) => {
  settingsCache.clear();
  if (!hasConfigurationCapability) {
    const s = (change.settings as { ece?: unknown } | undefined)?.ece;
    if (s) initSettings = normalizeSettings(s);
  }
  void (async () => {
    const globsBefore = JSON.stringify(workspaceSettings.files);
    await refreshWorkspaceSettings();
    session.settingsChanged();
    if (JSON.stringify(workspaceSettings.files) !== globsBefore) await session.addRoots(roots).catch((e: unknown) => log(String(e)));
    for (const d of documents.all()) scheduler.schedule(d.uri, 0);
  })();
});

documents.onDidOpen((e) => scheduler.schedule(e.document.uri, 0));
documents.onDidChangeContent((e) => scheduler.schedule(e.document.uri));
documents.onDidClose((e) => {
  scheduler.cancel(e.document.uri);
  settingsCache.delete(e.document.uri);
  service.forget(e.document.uri);
  void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  void session.documentClosed(e.document.uri, openUris()).then(revalidate, (err: unknown) => log(String(err)));
});
connection.onDidChangeWatchedFiles((p) => {
  void session.watchedFilesChanged(p.changes, openUris()).then(revalidate, (err: unknown) => log(String(err)));
});

const workspaceHandlers = workspaceRequestHandlers(service, documents, () => workspaceSettings);
connection.onRequest(WINDOWS_AUTH_EDIT_REQUEST, workspaceHandlers.windowsAuthEdit);
connection.onRequest(WINDOWS_AUTH_ZIP_REQUEST, workspaceHandlers.windowsAuthZip);
/** Check Workspace: diagnostics for every ECE file under the folders, published so the Problems panel lists them. */
connection.onRequest(CHECK_WORKSPACE_REQUEST, async (p: { roots?: string[] }) => {
  const results = await workspaceHandlers.checkWorkspace({ roots: p?.roots?.length ? p.roots : roots });
  for (const r of results) if (!documents.get(r.uri)) await connection.sendDiagnostics({ uri: r.uri, diagnostics: r.diagnostics });
  return results.map((r) => ({ uri: r.uri, count: r.diagnostics.length, errors: r.diagnostics.filter((d) => d.severity === 1).length }));
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
