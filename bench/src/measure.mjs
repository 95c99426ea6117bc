// Measurements over one LSP connection. Each function returns plain data (milliseconds, counts).
import { delay, now } from './lsp.mjs';
import { positionAt } from './gen.mjs';

export function stats(samples) {
  const s = samples.filter((x) => typeof x === 'number' && Number.isFinite(x)).sort((a, b) => a - b);
  if (s.length === 0) return null;
  const q = (p) => s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))];
  return { n: s.length, median: q(0.5), p95: q(0.95), min: s[0], max: s[s.length - 1] };
}

/** Only the publishes for `uri` whose version (when the server sends one) is `version`. */
const forVersion = (uri, version) => (ev) => ev.uri === uri && (ev.version === undefined || ev.version === null || ev.version === version);

/**
 * didOpen → first publishDiagnostics, on a fresh URI each time (no cache can answer), closing after.
 * The first (cold) open is reported apart from the warm ones.
 */
export async function measureOpen(server, { uriFor, languageId, text, iters, timeoutMs }) {
  const samples = [];
  let first = null;
  let count = null;
  let failures = 0;
  let versioned = null;
  for (let k = 0; k < iters; k++) {
    const uri = uriFor(k);
    const version = 1;
    const wait = server.waitDiagnostics(forVersion(uri, version), timeoutMs);
    const t0 = now();
    await server.open(uri, languageId, version, text);
    const ev = await wait;
    if (!ev) {
      failures++;
      if (server.exited || k === 0) break; // a first open that never answers will not answer the next time either
      continue;
    }
    const ms = ev.t - t0;
    if (k === 0) first = ms; else samples.push(ms);
    count = ev.count;
    versioned = ev.version !== undefined && ev.version !== null;
    await server.close(uri);
  }
  return { first, ...statsOrEmpty(samples, first), diagnostics: count, failures, versioned, crashed: !!server.exited };
}

function statsOrEmpty(samples, first) {
  const s = stats(samples.length ? samples : first != null ? [first] : []);
  return s ?? { n: 0, median: null, p95: null, min: null, max: null };
}

/**
 * One-character edits in the middle of an open document (insert, then delete, alternately), each
 * followed by the publish for exactly that version.
 */
export async function measureChange(server, { uri, languageId, text, offset, iters, timeoutMs, pause = () => 0 }) {
  const pos = positionAt(text, offset);
  const after = { line: pos.line, character: pos.character + 1 };
  let version = 1;
  const opened = server.waitDiagnostics(forVersion(uri, version), timeoutMs);
  await server.open(uri, languageId, version, text);
  if (!(await opened)) return { n: 0, median: null, p95: null, failures: 1, crashed: !!server.exited };
  const samples = [];
  let failures = 0;
  let count = null;
  let publishesPerVersion = 1;
  let last = null;
  for (let i = 0; i < iters; i++) {
    // an isolated keystroke: the previous answer is in and the document has been still for a while
    const still = pause(last);
    if (still > 0) await delay(still);
    version++;
    const change = i % 2 === 0
      ? { range: { start: pos, end: pos }, rangeLength: 0, text: 'x' }
      : { range: { start: pos, end: after }, rangeLength: 1, text: '' };
    const seen = [];
    const off = server.onAnyPublish((ev) => { if (ev.uri === uri) seen.push(ev.version); });
    const wait = server.waitDiagnostics(forVersion(uri, version), timeoutMs);
    const t0 = now();
    await server.change(uri, version, [change]);
    const ev = await wait;
    off();
    if (!ev) {
      failures++;
      if (server.exited || failures >= 2) break;
      continue;
    }
    samples.push(ev.t - t0);
    last = ev.t - t0;
    count = ev.count;
    publishesPerVersion = Math.max(publishesPerVersion, seen.filter((v) => v === version).length);
  }
  await server.close(uri);
  return { ...statsOrEmpty(samples, null), diagnostics: count, failures, publishesPerVersion, crashed: !!server.exited };
}

/**
 * Typing burst: `edits` one-character inserts spread evenly over `spanMs` on an open document.
 * Checks which versions got diagnostics, that the final one did, how long after the last edit,
 * and that nothing older arrived after it.
 */
export async function editStorm(server, { uri, languageId, text, offset, edits = 200, spanMs = 2000, timeoutMs = 30000, lingerMs = 500 }) {
  const pos = positionAt(text, offset);
  const opened = server.waitDiagnostics(forVersion(uri, 1), timeoutMs);
  await server.open(uri, languageId, 1, text);
  if (!(await opened)) return { error: 'no diagnostics for the initial open', crashed: !!server.exited };
  const events = [];
  const off = server.onAnyPublish((ev) => { if (ev.uri === uri) events.push({ t: ev.t, version: ev.version }); });
  const finalVersion = 1 + edits;
  const finalWait = server.waitDiagnostics(forVersion(uri, finalVersion), timeoutMs);
  const start = now();
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  let tLast = start;
  for (let i = 0; i < edits; i++) {
    const due = start + (i * spanMs) / edits;
    const wait = due - now();
    if (wait > 1) await delay(wait);
    const p = { line: pos.line, character: pos.character + i };
    tLast = now();
    await server.change(uri, 2 + i, [{ range: { start: p, end: p }, rangeLength: 0, text: letters[i % 26] }]);
  }
  const sentMs = now() - start;
  const fin = await finalWait;
  if (fin) await delay(lingerMs); // anything stale arriving now would be a bug
  off();
  await server.close(uri);
  const versioned = events.some((e) => e.version !== undefined && e.version !== null);
  const finT = fin ? fin.t : Infinity;
  return {
    edits,
    sentWithinMs: sentMs,
    versioned,
    finalArrived: !!fin,
    afterLastEditMs: fin ? fin.t - tLast : null,
    intermediatePublishes: events.filter((e) => e.version !== finalVersion && e.version > 1 && e.t <= finT).length,
    stalePublishesAfterFinal: fin ? events.filter((e) => e.t > finT && e.version !== finalVersion).length : null,
    finalDiagnostics: fin ? fin.count : null,
    crashed: !!server.exited,
  };
}

/** Opens `docs` (all at once), waits for a publish for each, and returns when all arrived or time ran out. */
export async function openMany(server, docs, timeoutMs) {
  const pending = new Set(docs.map((d) => d.uri));
  let timer;
  const done = new Promise((resolve) => {
    const off = server.onAnyPublish((ev) => {
      pending.delete(ev.uri);
      if (pending.size === 0) { off(); clearTimeout(timer); resolve(true); }
    });
    timer = setTimeout(() => { off(); resolve(false); }, timeoutMs);
  });
  const t0 = now();
  for (const d of docs) await server.open(d.uri, d.languageId, 1, d.text);
  const all = await done;
  return { allPublished: all, missing: pending.size, ms: now() - t0 };
}
