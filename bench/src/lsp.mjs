// A minimal LSP client over stdio for measurement: spawns a server as a child process, answers the
// requests servers send to clients (configuration, registrations), and resolves waiters on
// `textDocument/publishDiagnostics`. Every wait has a deadline; nothing here sleeps blindly.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import rpc from 'vscode-jsonrpc/node.js';
import { LIVE_PIDS } from './machine.mjs';

const { createMessageConnection, StreamMessageReader, StreamMessageWriter } = rpc;

export const now = () => performance.now();

/** Resident set size of a process in MB (VmRSS of /proc/<pid>/status), or null when not readable. */
export function rssMb(pid, field = 'VmRSS') {
  try {
    const m = new RegExp(`${field}:\\s+(\\d+)\\s+kB`).exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : null;
  } catch {
    return null;
  }
}

/** Peak resident set size of a process so far in MB (VmHWM), or null when not readable. */
export const peakRssMb = (pid) => rssMb(pid, 'VmHWM');

const CLIENT_CAPABILITIES = {
  workspace: {
    configuration: true,
    workspaceFolders: true,
    didChangeConfiguration: { dynamicRegistration: true },
    didChangeWatchedFiles: { dynamicRegistration: false },
    applyEdit: false,
  },
  textDocument: {
    synchronization: { dynamicRegistration: false, didSave: true, willSave: false },
    publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true, dataSupport: true, tagSupport: { valueSet: [1, 2] } },
    hover: { contentFormat: ['markdown', 'plaintext'] },
    completion: { completionItem: { snippetSupport: true } },
    // as VS Code declares it: actions may come without their edit, resolved when one is chosen
    codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source.fixAll'] } }, dataSupport: true, resolveSupport: { properties: ['edit'] } },
    // No `diagnostic` (pull) capability: every server under test must push.
  },
  window: { workDoneProgress: false },
  general: { positionEncodings: ['utf-16'] },
};

export class LspServer {
  /**
   * @param {object} o
   * @param {string} o.name        label for messages
   * @param {string} o.script      server entry point (run with this Node)
   * @param {string[]} [o.args]    arguments after the script (default `--stdio`)
   * @param {string[]} [o.nodeArgs] Node flags (e.g. `--cpu-prof`)
   * @param {(section: string|undefined) => unknown} [o.configuration] answers `workspace/configuration`
   * @param {unknown} [o.initializationOptions]
   * @param {string} o.rootUri     workspace folder URI
   */
  constructor(o) {
    this.o = o;
    this.waiters = new Set();
    this.publishes = [];
    this.listeners = new Set();
    this.stderr = '';
    /** The server's last `window/logMessage` and `window/showMessage` lines (errors it caught show up here). */
    this.logs = [];
    this.exited = null;
    /** When set, each publish event carries `bytes`: the size of the JSON of its params (what went over the wire). */
    this.measureBytes = !!o.measureBytes;
  }

  /** Spawns the server and runs `initialize`; returns milliseconds from spawn to the result. */
  async start(timeoutMs = 20000) {
    const o = this.o;
    const t0 = now();
    this.proc = spawn(process.execPath, [...(o.nodeArgs ?? []), o.script, ...(o.args ?? ['--stdio'])], {
      stdio: ['pipe', 'pipe', 'pipe'],
      cwd: o.cwd,
    });
    this.pid = this.proc.pid;
    LIVE_PIDS.add(this.pid);
    this.proc.stderr.setEncoding('utf8');
    this.proc.stderr.on('data', (d) => { this.stderr = (this.stderr + d).slice(-20000); });
    this.exitPromise = new Promise((resolve) => this.proc.on('exit', (code, signal) => {
      LIVE_PIDS.delete(this.pid);
      this.exited = { code, signal };
      for (const w of this.waiters) w.resolve(null);
      this.waiters.clear();
      resolve(this.exited);
    }));
    this.proc.stdin.on('error', () => {}); // a crashed server closes the pipe; reported through `exited`
    const conn = createMessageConnection(new StreamMessageReader(this.proc.stdout), new StreamMessageWriter(this.proc.stdin));
    this.conn = conn;
    conn.onError(() => {});
    conn.onRequest((method, params) => this.answer(method, params));
    conn.onNotification((method, params) => {
      if (method === 'textDocument/publishDiagnostics') this.onPublish(params);
      else if (method === 'window/logMessage' || method === 'window/showMessage') {
        this.logs.push(String(params?.message ?? '').slice(0, 2000));
        if (this.logs.length > 200) this.logs.splice(0, 100);
      }
    });
    conn.listen();
    const init = conn.sendRequest('initialize', {
      processId: process.pid,
      clientInfo: { name: 'ece-config-bench', version: '0.0.0' },
      rootUri: o.rootUri,
      workspaceFolders: [{ uri: o.rootUri, name: 'bench' }],
      capabilities: CLIENT_CAPABILITIES,
      initializationOptions: o.initializationOptions,
      trace: 'off',
    });
    const result = await withTimeout(init, timeoutMs, `${o.name}: initialize`);
    this.initializeMs = now() - t0;
    this.initializeResult = result;
    await conn.sendNotification('initialized', {});
    if (o.settings !== undefined) await conn.sendNotification('workspace/didChangeConfiguration', { settings: o.settings });
    return this.initializeMs;
  }

  answer(method, params) {
    switch (method) {
      case 'workspace/configuration':
        return (params?.items ?? []).map((it) => (this.o.configuration ? this.o.configuration(it.section, it.scopeUri) : null));
      case 'workspace/workspaceFolders':
        return [{ uri: this.o.rootUri, name: 'bench' }];
      default:
        return null; // client/registerCapability, window/workDoneProgress/create, ...
    }
  }

  onPublish(p) {
    const ev = { t: now(), uri: p.uri, version: p.version, count: p.diagnostics.length, diagnostics: p.diagnostics };
    if (this.measureBytes) ev.bytes = Buffer.byteLength(JSON.stringify(p));
    this.publishes.push({ t: ev.t, uri: ev.uri, version: ev.version, count: ev.count });
    if (this.publishes.length > 50000) this.publishes.splice(0, 25000);
    for (const l of this.listeners) l(ev);
    for (const w of this.waiters) {
      if (w.pred(ev)) {
        this.waiters.delete(w);
        clearTimeout(w.timer);
        w.resolve(ev);
      }
    }
  }

  /** Resolves with the first publish matching `pred`, or null on timeout or server exit. */
  waitDiagnostics(pred, timeoutMs) {
    return new Promise((resolve) => {
      if (this.exited) return resolve(null);
      const w = { pred, resolve };
      w.timer = setTimeout(() => { this.waiters.delete(w); resolve(null); }, timeoutMs);
      this.waiters.add(w);
    });
  }

  onAnyPublish(listener) {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  open(uri, languageId, version, text) {
    return this.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
  }

  change(uri, version, contentChanges) {
    return this.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges });
  }

  close(uri) {
    return this.conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  rss() {
    return rssMb(this.pid);
  }

  peakRss() {
    return peakRssMb(this.pid);
  }

  /** Sends a request and resolves with its result and the milliseconds it took (rejects after `timeoutMs`). */
  async timedRequest(method, params, timeoutMs) {
    const t0 = now();
    const result = await withTimeout(this.conn.sendRequest(method, params), timeoutMs, method);
    return { ms: now() - t0, result };
  }

  /** `shutdown` + `exit`; the process is killed by its pid if it does not leave in time. */
  async stop(timeoutMs = 5000) {
    if (!this.proc || this.exited) return this.exited;
    try {
      await withTimeout(this.conn.sendRequest('shutdown'), timeoutMs, 'shutdown');
      await this.conn.sendNotification('exit');
    } catch {
      // fall through to the kill below
    }
    const left = await Promise.race([this.exitPromise, delay(timeoutMs).then(() => null)]);
    if (!left) {
      try { process.kill(this.pid, 'SIGKILL'); } catch { /* already gone */ }
      await Promise.race([this.exitPromise, delay(2000)]);
    }
    this.conn.dispose();
    return this.exited;
  }
}

export function delay(ms) {
  return new Promise((r) => setTimeout(r, ms));
}

export function withTimeout(p, ms, what) {
  let timer;
  return Promise.race([
    p.finally(() => clearTimeout(timer)),
    new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms); }),
  ]);
}
