/**
 * A minimal LSP client over stdio for tests: spawns the bundled server (`dist/server.js --stdio`), answers
 * `workspace/configuration` with the given settings, and collects `publishDiagnostics`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';

export const SERVER = path.resolve(__dirname, '../../dist/server.js');

export interface TestClient {
  conn: ProtocolConnection;
  proc: ChildProcess;
  /** Every publishDiagnostics received, in order. */
  published: PublishDiagnosticsParams[];
  /** Resolves with the first publishDiagnostics for `uri` that satisfies `pred` (deadline: `ms`). */
  waitForDiagnostics(uri: string, pred?: (p: PublishDiagnosticsParams) => boolean, ms?: number): Promise<PublishDiagnosticsParams>;
  settings: Record<string, unknown>;
  /** window/workDoneProgress/create requests, $/progress notifications, applyEdit requests, showMessage texts. */
  progressCreated: unknown[];
  progress: unknown[];
  appliedEdits: Array<{ label?: string; edit: unknown }>;
  messages: string[];
  close(): Promise<void>;
}

export interface StartOptions {
  /** Workspace folders (file URIs) given at initialize. */
  folders?: string[];
  /** Advertise window.workDoneProgress (the server then reports the workspace load). */
  progress?: boolean;
  /** Answers workspace/applyEdit (default: not applied). */
  applyEdit?: (params: { label?: string; edit: unknown }) => { applied: boolean };
  /** Advertise codeAction.resolveSupport for `edit`, as VS Code does (the server may then list actions without edits). */
  resolveCodeActions?: boolean;
  /** Runs before each workspace/configuration request is answered (the answer waits for it). */
  beforeConfiguration?: (items: Array<{ scopeUri?: string; section?: string }>, conn: ProtocolConnection) => Promise<void> | void;
}

export async function startClient(settings: Record<string, unknown> = {}, opts: StartOptions = {}): Promise<TestClient> {
  const proc = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  const conn = createProtocolConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
  const published: PublishDiagnosticsParams[] = [];
  const waiters: Array<{ uri: string; pred: (p: PublishDiagnosticsParams) => boolean; resolve: (p: PublishDiagnosticsParams) => void }> = [];
  const client: TestClient = {
    conn,
    proc,
    published,
    settings,
    progressCreated: [],
    progress: [],
    appliedEdits: [],
    messages: [],
    waitForDiagnostics(uri, pred = () => true, ms = 10_000) {
      const hit = published.find((p) => p.uri === uri && pred(p));
      if (hit) return Promise.resolve(hit);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no matching diagnostics for ${uri} within ${ms} ms`)), ms);
        waiters.push({ uri, pred, resolve: (p) => (clearTimeout(timer), resolve(p)) });
      });
    },
    async close() {
      try {
        await conn.sendRequest('shutdown');
        await conn.sendNotification('exit');
      } catch {
        /* already gone */
      }
      conn.dispose();
      if (proc.exitCode === null) proc.kill();
    },
  };
  conn.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
    published.push(p);
    for (let i = waiters.length - 1; i >= 0; i--) {
      const w = waiters[i]!;
      if (w.uri === p.uri && w.pred(p)) {
        waiters.splice(i, 1);
        w.resolve(p);
      }
    }
  });
  conn.onRequest('workspace/configuration', async (params: { items: Array<{ scopeUri?: string; section?: string }> }) => {
    await opts.beforeConfiguration?.(params.items, conn);
    return params.items.map(() => client.settings);
  });
  conn.onRequest('client/registerCapability', () => null);
  conn.onRequest('window/workDoneProgress/create', (p: unknown) => {
    client.progressCreated.push(p);
    return null;
  });
  conn.onNotification('$/progress', (p: unknown) => client.progress.push(p));
  conn.onRequest('workspace/applyEdit', (p: { label?: string; edit: unknown }) => {
    client.appliedEdits.push(p);
    return opts.applyEdit ? opts.applyEdit(p) : { applied: false };
  });
  conn.onNotification('window/showMessage', (p: { message: string }) => client.messages.push(p.message));
  // vscode-languageserver's window.show*Message sends this request (the user may pick an action; none here).
  conn.onRequest('window/showMessageRequest', (p: { message: string }) => {
    client.messages.push(p.message);
    return null;
  });
  conn.onNotification('window/logMessage', () => undefined);
  conn.listen();
  await conn.sendRequest('initialize', {
    processId: process.pid,
    rootUri: opts.folders?.[0] ?? null,
    ...(opts.folders ? { workspaceFolders: opts.folders.map((uri, i) => ({ uri, name: `folder${i}` })) } : {}),
    capabilities: {
      ...(opts.progress ? { window: { workDoneProgress: true } } : {}),
      workspace: { configuration: true, workspaceFolders: !!opts.folders, applyEdit: true, didChangeConfiguration: { dynamicRegistration: true } },
      textDocument: { publishDiagnostics: { versionSupport: true }, codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source'] } }, ...(opts.resolveCodeActions ? { dataSupport: true, resolveSupport: { properties: ['edit'] } } : {}) } },
    },
  });
  await conn.sendNotification('initialized', {});
  return client;
}
