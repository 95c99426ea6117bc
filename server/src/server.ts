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
import { DiagnosticsPublisher } from './publisher';
import { copyPoolIntoZip } from './node/convertWindowsAuth';
import { canonicalZipEntryUri } from './node/deploymentZip';
import { WorkerRegexRunner } from './node/regexRunner';
import { nodeFileSystemProbe } from './node/fileSystemProbe';
import { registerCommands } from './commands';
import { WorkspaceSession } from './node/workspace';
import { workspaceRequestHandlers } from './node/workspaceRequests';
import { Notifications, Requests, ServerCommands, type CheckWorkspaceResult } from './protocol';

const connection: Connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
const log = (m: string) => connection.console.log(m);

const docsDir = path.resolve(__dirname, '..', 'docs', 'rules');
const regexRunner = new WorkerRegexRunner();
const service = new EceLanguageService({
  log,
  docsBase: pathToFileURL(docsDir).href,
  regexRunner,
  fileSystem: nodeFileSystemProbe(),
  // Editors hide a file's byte order mark, and the session drops it from the files it loads (see WorkspaceSession).
  byteOrderMarkRemoved: (uri: string): boolean => session.byteOrderMarkRemoved(uri),
});
connection.onShutdown(() => regexRunner.dispose());

let hasConfigurationCapability = false;
let initSettings: Settings = normalizeSettings(undefined);
/** Settings of the workspace as a whole (cross-file model, workspace commands). */
let workspaceSettings: Settings = initSettings;
let roots: string[] = [];
let supportsWorkspaceFolders = false;
let resolveEdits = false;
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
const session: WorkspaceSession = new WorkspaceSession(service, () => workspaceSettings);
/** Diagnostics of every known ECE file, open or not (see publisher.ts). */
const publisher = new DiagnosticsPublisher({
  service,
  session,
  documents,
  settingsFor,
  publish: (p) => connection.sendDiagnostics(p),
  log,
  docsBase: pathToFileURL(docsDir).href,
});
const revalidate = (uris: Iterable<string>) => publisher.scheduleAll(uris);
let supportsProgress = false;

/** Files looked at per workspace load before stopping (a folder such as C:\ is not an ECE home). */
const MAX_FILES_WALKED = 100_000;

/** Loads the ECE files under `folders` in the background, with progress where the client shows it, then publishes. */
async function loadFolders(folders: string[], title: string, rescan = false): Promise<{ files: number; notRead: number }> {
  const started = performance.now();
  const progress = supportsProgress ? await connection.window.createWorkDoneProgress().catch(() => undefined) : undefined;
  progress?.begin(title, 0, 'looking for ECE files…', false);
  try {
    const opts = { maxFiles: MAX_FILES_WALKED, onProgress: (n: number) => progress?.report(`${n.toLocaleString('en-US')} files looked at…`) };
    const r = rescan ? await session.rescan(folders, opts) : await session.addRoots(folders, opts);
    if (r.truncated) {
      const note = `ECE Config looked at the first ${MAX_FILES_WALKED.toLocaleString('en-US')} files of the workspace folders and stopped there; ECE files beyond them are checked when you open them. Open the ECE home itself (the folder holding eService) to have every file checked.`;
      log(note);
      void connection.window.showInformationMessage(note);
    }
    revalidate(r.uris);
    const ms = Math.round(performance.now() - started);
    const notRead = r.skipped.length + r.errors.length;
    log(`${title}: ${r.files.length} ECE file${r.files.length === 1 ? '' : 's'} loaded from ${folders.length} folder${folders.length === 1 ? '' : 's'} in ${ms} ms${notRead ? `; ${notRead} not read` : ''}`);
    for (const n of [...r.skipped, ...r.errors].slice(0, 20)) log(`  not read: ${n.path}: ${n.message}`);
    if (notRead > 20) log(`  ... and ${notRead - 20} more not read`);
    void connection.sendNotification(Notifications.workspaceLoaded, { files: session.model.all().length });
    return { files: r.files.length, notRead };
  } finally {
    progress?.done();
  }
}

connection.onInitialize((params: InitializeParams): InitializeResult => {
  hasConfigurationCapability = !!params.capabilities.workspace?.configuration;
  supportsProgress = !!params.capabilities.window?.workDoneProgress;
  supportsWorkspaceFolders = !!params.capabilities.workspace?.workspaceFolders;
  // The costly actions ("Fix all <rule>", "Disable <rule>") are listed without their edits when the client can
  // resolve them (codeAction/resolve), as VS Code does.
  resolveEdits = params.capabilities.textDocument?.codeAction?.resolveSupport?.properties.includes('edit') === true;
  const init = params.initializationOptions as { settings?: unknown } | undefined;
  if (init?.settings) initSettings = normalizeSettings(init.settings);
  workspaceSettings = initSettings;
  roots = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: false },
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND], resolveProvider: true },
      hoverProvider: true,
      executeCommandProvider: { commands: Object.values(ServerCommands) },
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
      await loadFolders(roots, 'ECE Config: loading the ECE home');
    } catch (e) {
      log(`loading the workspace failed: ${String(e)}`);
    }
  })();
  if (supportsWorkspaceFolders) {
    connection.workspace.onDidChangeWorkspaceFolders((e) => {
      for (const f of e.removed) revalidate(session.removeRoot(f.uri));
      roots = roots.filter((r) => !e.removed.some((f) => f.uri === r)).concat(e.added.map((f) => f.uri));
      void loadFolders(e.added.map((f) => f.uri), 'ECE Config: loading the added folders').catch((err: unknown) => log(`loading folders failed: ${String(err)}`));
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
    revalidate(session.settingsChanged());
    if (JSON.stringify(workspaceSettings.files) !== globsBefore) await loadFolders(roots, 'ECE Config: the file patterns changed').catch((e: unknown) => log(String(e)));
    revalidate(documents.keys());
  })();
});

documents.onDidOpen((e) => {
  publisher.schedule(e.document.uri, 0);
  void session.documentOpened(e.document.uri).then(revalidate, (err: unknown) => log(String(err)));
});
documents.onDidChangeContent((e) => publisher.schedule(e.document.uri));
documents.onDidClose((e) => {
  // The findings stay: they go back to the file on disk (or go away if it is gone or no ECE file).
  publisher.cancel(e.document.uri);
  settingsCache.delete(e.document.uri);
  service.forget(e.document.uri);
  void session.documentClosed(e.document.uri).then(revalidate, (err: unknown) => log(String(err)));
});
connection.onDidChangeWatchedFiles((p) => {
  void session.watchedFilesChanged(p.changes).then(revalidate, (err: unknown) => log(String(err)));
});

const workspaceHandlers = workspaceRequestHandlers(service, documents, () => workspaceSettings, log);
connection.onRequest(Requests.windowsAuthEdit, workspaceHandlers.windowsAuthEdit);
connection.onRequest(Requests.windowsAuthZip, workspaceHandlers.windowsAuthZip);
/**
 * Check Workspace: reads every ECE file under the folders again from disk (files changed outside the editor while no
 * watcher saw it, files gone), publishes their findings, and answers with a count per file.
 */
connection.onRequest(Requests.checkWorkspace, async (p) => checkWorkspaceNow(p?.roots?.length ? p.roots : roots));

async function checkWorkspaceNow(folders: string[]): Promise<CheckWorkspaceResult> {
  await loadFolders(folders, 'ECE Config: checking the workspace', true);
  // The counts are those of the live model (what is published): editor text for open documents, disk for the rest.
  const out: CheckWorkspaceResult = [];
  for (const f of session.model.all()) {
    const doc = documents.get(f.uri) ?? TextDocument.create(f.uri, f.kind, f.version, f.text);
    const d = service.diagnostics(doc, await settingsFor(f.uri));
    out.push({ uri: f.uri, count: d.length, errors: d.filter((x) => x.severity === 1).length });
  }
  return out;
}

connection.onCodeAction(async (params) => {
  const doc = documents.get(params.textDocument.uri);
  if (!doc) return [];
  try {
    const settings = await settingsFor(doc.uri);
    return service.codeActions(doc, params.range, params.context.diagnostics, params.context.only, settings, { resolveEdits });
  } catch (e) {
    log(`code actions failed: ${String(e)}`);
    return [];
  }
});

connection.onCodeActionResolve(async (action) => {
  // An action listed without its edit names its document in `data` (engine.ts, Deferred).
  const uri = (action.data as { uri?: string } | undefined)?.uri;
  const doc = uri ? documents.get(uri) : undefined;
  if (!doc) return action;
  try {
    const r = service.resolveCodeAction(doc, action, await settingsFor(doc.uri));
    // The client applies nothing for an action without an edit: say why.
    if (r.refused) void connection.window.showWarningMessage(`ECE Config: "${action.title}" was not applied: ${r.refused}.`);
    return r.action;
  } catch (e) {
    log(`resolving a code action failed: ${String(e)}`);
    return action;
  }
});

connection.onHover(async (params, token) => {
  const doc = documents.get(params.textDocument.uri);
  if (!doc) return null;
  // $/cancelRequest: a slow wsname= sample run is dropped (or stopped) as soon as the client gives up on the hover.
  const abort = new AbortController();
  token.onCancellationRequested(() => abort.abort());
  try {
    return await service.hover(doc, params.position, await settingsFor(doc.uri), abort.signal);
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

registerCommands(connection, {
  service,
  documents,
  settingsFor,
  log,
  checkWorkspace: () => checkWorkspaceNow(roots),
  windowsAuthEdit: () => workspaceHandlers.windowsAuthEdit({ roots }),
  windowsAuthZip: () => workspaceHandlers.windowsAuthZip({ roots }),
  copyPoolIntoZip: async (poolUri, zipUri) => {
    const r = await copyPoolIntoZip(poolUri, zipUri, documents.get(poolUri)?.getText());
    // The zip changed: its copy and the pool file comparing with it are published again.
    revalidate(await session.watchedFilesChanged([{ uri: zipUri, type: 2 }]));
    return r;
  },
  zipEntryText: (uri) => session.model.get(canonicalZipEntryUri(uri))?.text,
  workspaceFile: (uri) => session.model.get(uri),
  workspaceHasEceFiles: () => session.model.all().length > 0,
});

process.on('uncaughtException', (e) => log(`uncaught: ${e.stack ?? String(e)}`));
process.on('unhandledRejection', (e) => log(`unhandled rejection: ${String(e)}`));

documents.listen(connection);
connection.listen();
