// A stand-in LSP server for checking the bench harness itself before `dist/server.js` exists:
// `npm run bench -- --server=bench/src/stub-server.mjs`; with `--noop` it is the protocol floor of the report. It keeps documents with incremental sync,
// checks XML well-formedness with fast-xml-parser, and publishes versioned diagnostics, debounced
// per document like a real server. Its numbers mean nothing about ece-config.
import rpc from 'vscode-jsonrpc/node.js';
import { XMLValidator } from 'fast-xml-parser';

const { createMessageConnection, StreamMessageReader, StreamMessageWriter } = rpc;
const conn = createMessageConnection(new StreamMessageReader(process.stdin), new StreamMessageWriter(process.stdout));
const docs = new Map();
const timers = new Map();

function offsetAt(text, pos) {
  let line = 0;
  let i = 0;
  while (line < pos.line && i < text.length) {
    const c = text.charCodeAt(i++);
    if (c === 13 && text.charCodeAt(i) === 10) i++;
    if (c === 10 || c === 13) line++;
  }
  return Math.min(text.length, i + pos.character);
}

// `--noop`: publish an empty result at once, with no work: the protocol floor (transport, JSON, document store).
const NOOP = process.argv.includes('--noop');

function schedule(uri) {
  if (NOOP) {
    const d = docs.get(uri);
    if (d) void conn.sendNotification('textDocument/publishDiagnostics', { uri, version: d.version, diagnostics: [] });
    return;
  }
  clearTimeout(timers.get(uri));
  timers.set(uri, setTimeout(() => {
    const d = docs.get(uri);
    if (!d) return;
    const r = d.uri.endsWith('.xml') || d.uri.endsWith('.config') ? XMLValidator.validate(d.text) : true;
    const diagnostics = r === true ? [] : [{
      range: { start: { line: r.err.line - 1, character: r.err.col - 1 }, end: { line: r.err.line - 1, character: r.err.col } },
      message: r.err.msg, severity: 1, source: 'stub', code: 'xml/not-well-formed',
    }];
    void conn.sendNotification('textDocument/publishDiagnostics', { uri, version: d.version, diagnostics });
  }, 5));
}

conn.onRequest('initialize', () => ({ capabilities: { textDocumentSync: { openClose: true, change: 2 } } }));
conn.onRequest('shutdown', () => null);
conn.onNotification('exit', () => process.exit(0));
conn.onNotification('textDocument/didOpen', (p) => {
  docs.set(p.textDocument.uri, { uri: p.textDocument.uri, version: p.textDocument.version, text: p.textDocument.text });
  schedule(p.textDocument.uri);
});
conn.onNotification('textDocument/didChange', (p) => {
  const d = docs.get(p.textDocument.uri);
  if (!d) return;
  for (const c of p.contentChanges) {
    if (!c.range) d.text = c.text;
    else d.text = d.text.slice(0, offsetAt(d.text, c.range.start)) + c.text + d.text.slice(offsetAt(d.text, c.range.end));
  }
  d.version = p.textDocument.version;
  schedule(d.uri);
});
conn.onNotification('textDocument/didClose', (p) => {
  docs.delete(p.textDocument.uri);
  clearTimeout(timers.get(p.textDocument.uri));
  void conn.sendNotification('textDocument/publishDiagnostics', { uri: p.textDocument.uri, diagnostics: [] });
});
conn.listen();
