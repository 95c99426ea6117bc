// The runs of issue 14 ("the benchmark made honest"), each selectable with `--only`:
//   hard    the hard input of every kind at 100 KB, 1 MB, 10 MB: open and edit → diagnostics, published bytes per
//           finding, growth per size step, peak memory, findings per rule id (and a check that the expected rules
//           fire); the 1 MB connection pool input is the "pool file of 4,000 distinct pools" (`pools`: only that kind)
//   homes   300 / 600 / 1,200 ECE homes: `ece-config check --format json` and the server's Check Workspace request
//   open    1,000 documents opened in 1,000 homes with the workspace folder set: publishes per document
//   fixall  one `source.fixAll.ece` code-action request and one quick-fix request on 100 / 200 / 400 KB files
// Every measurement records its input, the machine's load (machine.mjs) and the ratio to a floor.
import fs from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { LspServer, delay, now } from './lsp.mjs';
import { measureChange, stats } from './measure.mjs';
import { LIVE_PIDS, cpuSeconds, cpuWindow } from './machine.mjs';
import { floorFor } from './floors.mjs';
import { HARD, HARD_SETTINGS, HARD_SIZES, countByRule, hardEditOffset, missingRules, reportsdbFixable } from './hard.mjs';
import { expectedTotals, homeFiles, homeName, removeHomes, writeHomes } from './homes.mjs';

export const SECTIONS = ['hard', 'homes', 'open', 'fixall'];

const uri = (p) => pathToFileURL(p).href;
const sizeBytes = { '100KB': 100 * 1024, '200KB': 200 * 1024, '400KB': 400 * 1024 };

/** Plans per mode: iterations and sizes. */
export function plan(quick) {
  return quick
    ? {
      hardSizes: ['100KB', '1MB'],
      hardIters: { '100KB': [4, 4], '1MB': [3, 3] },
      homes: [100, 200, 400],
      openDocs: 250,
      fixallSizes: ['100KB', '200KB', '400KB'],
      fixallIters: 3,
    }
    : {
      hardSizes: HARD_SIZES,
      hardIters: { '100KB': [6, 6], '1MB': [4, 4], '10MB': [2, 2] },
      homes: [300, 600, 1200],
      openDocs: 1000,
      fixallSizes: ['100KB', '200KB', '400KB'],
      fixallIters: 5,
    };
}

/** Default time budget per section in seconds (no new measurement starts after it). */
export function sectionBudget(section, quick) {
  const full = { hard: 1200, homes: 900, open: 600, fixall: 240 };
  const q = { hard: 300, homes: 240, open: 180, fixall: 90 };
  return (quick ? q : full)[section];
}

function serverConfig(env, { rootDir, settings, measureBytes = false }) {
  return {
    name: 'ece-config',
    script: env.SERVER,
    rootUri: uri(rootDir),
    cwd: env.ROOT,
    settings: { ece: settings },
    configuration: (section) => (section === 'ece' ? settings : section === undefined || section === '' ? { ece: settings } : null),
    measureBytes,
  };
}

/**
 * Resolves with the first publish for `uri`, or `{ failure }` when the server logs that validating it failed (the
 * server catches errors, so a crash in one validation shows as a log line and no publish), or exits, or time runs out.
 */
function waitPublishOrFailure(server, target, timeoutMs) {
  return new Promise((resolve) => {
    let done = false;
    const finish = (v) => {
      if (done) return;
      done = true;
      clearInterval(poll);
      off();
      resolve(v);
    };
    const off = server.onAnyPublish((ev) => { if (ev.uri === target) finish(ev); });
    const seen = server.logs.length;
    let vague = null;
    const poll = setInterval(() => {
      const fresh = server.logs.slice(Math.min(seen, server.logs.length));
      // the server logs "validation of <uri> failed: <error>" when it catches an error (after a bare "Sending
      // notification failed." when the send itself threw): take the line that names the error
      const bad = fresh.find((l) => /RangeError|out of memory|uncaught/i.test(l)) ?? fresh.find((l) => l.includes(target) && /failed/i.test(l));
      if (bad) finish({ failure: bad.split('\n').slice(0, 2).join(' ') });
      else if (server.exited) finish({ failure: `server exited (${JSON.stringify(server.exited)}); stderr: ${server.stderr.slice(-600)}` });
      else if (fresh.some((l) => /notification failed/i.test(l))) {
        vague ??= now();
        if (now() - vague > 2000) finish({ failure: 'the server could not send the diagnostics ("Sending notification failed.")' });
      }
    }, 100);
    setTimeout(() => finish({ failure: `no diagnostics within ${Math.round(timeoutMs / 1000)} s`, timeout: true }), timeoutMs);
  });
}

/** didOpen → publish on fresh URIs; keeps the first publish's rule counts and the published bytes. */
async function openHard(server, { uriFor, languageId, text, iters, timeoutMs }) {
  const samples = [];
  let first = null;
  let pub = null;
  let failure = null;
  for (let k = 0; k < iters; k++) {
    const u = uriFor(k);
    const wait = waitPublishOrFailure(server, u, timeoutMs);
    const t0 = now();
    await server.open(u, languageId, 1, text);
    const ev = await wait;
    if (ev.failure) {
      failure = { error: ev.failure.replace(/validation of \S+ failed: /, 'validation failed: '), afterMs: now() - t0, timeout: !!ev.timeout, exited: server.exited };
      break;
    }
    const ms = ev.t - t0;
    if (k === 0) {
      first = ms;
      pub = { diagnostics: ev.count, bytes: ev.bytes, rules: countByRule(ev.diagnostics) };
    } else samples.push(ms);
    await server.close(u);
  }
  const s = stats(samples.length ? samples : first != null ? [first] : []);
  return { first, ...(s ?? {}), ...pub, bytesPerFinding: pub && pub.diagnostics ? pub.bytes / pub.diagnostics : null, failure };
}

// ------------------------------------------------------------------ hard inputs

export async function runHard(env, { kinds, sizes, iters, over }) {
  const out = { sizes, kinds: {}, settings: HARD_SETTINGS };
  for (const kind of kinds) {
    const spec = HARD[kind];
    const base = path.join(env.DATA, 'hard', kind);
    fs.rmSync(base, { recursive: true, force: true });
    fs.mkdirSync(path.join(base, 'ws'), { recursive: true });
    const kr = {};
    out.kinds[kind] = kr;
    for (const size of sizes) {
      if (over()) { kr[size] = { skipped: 'run time budget used up' }; continue; }
      const text = spec.generate(size);
      const file = path.join(base, 'inputs', size, path.basename(spec.path));
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, text);
      const r = { input: `hard ${kind} ${size}`, bytes: Buffer.byteLength(text), file: path.relative(env.ROOT, file) };
      if (spec.pools) r.pools = spec.pools[size];
      const [openIters, editIters] = iters[size];
      // each ECE home the input is opened in holds the companions on disk (loaded by the server at start), so the
      // cross-file rules find their partners in the file's own home (a file inside eService never takes another
      // home's files as partners)
      for (const k of [...Array.from({ length: openIters }, (_, i) => i), 'edit']) {
        for (const c of spec.companions) {
          const f = path.join(base, 'ws', size, `open-${k}`, c.path);
          fs.mkdirSync(path.dirname(f), { recursive: true });
          fs.writeFileSync(f, c.text);
        }
      }
      const timeoutMs = size === '10MB' ? 300000 : 60000;
      // a fresh server per size: its peak memory is this size's, and a crash does not spill into the next size
      const server = new LspServer(serverConfig(env, { rootDir: path.join(base, 'ws'), settings: HARD_SETTINGS, measureBytes: true }));
      const win = cpuWindow();
      try {
        await server.start();
        await delay(800); // the companions load in the background
        const uriFor = (k) => uri(path.join(base, 'ws', size, `open-${k}`, spec.path));
        r.open = await openHard(server, { uriFor, languageId: spec.languageId, text, iters: openIters, timeoutMs });
        if (r.open.failure) {
          r.crashed = r.open.failure;
          env.log(`hard ${kind}/${size}: CRASHED: ${r.crashed.error} (after ${(r.crashed.afterMs / 1000).toFixed(1)} s)`);
        } else {
          r.edit = await measureChange(server, {
            uri: uriFor('edit'), languageId: spec.languageId, text, offset: hardEditOffset(kind, text), iters: editIters, timeoutMs,
            pause: (last) => (last == null ? 300 : Math.min(4000, Math.max(100, 3.5 * last))),
          });
        }
        r.peakRssMb = server.peakRss();
      } catch (e) {
        r.crashed = { error: String(e.message ?? e), exited: server.exited };
      } finally {
        r.serverLogTail = server.logs.slice(-3).map((l) => l.split('\n')[0].slice(0, 300));
        await server.stop();
      }
      r.machine = win.end();
      // the rule check: every expected rule id fires on this input (counted by the CLI, which reports all findings)
      const cli = await hardRulesByCli(env, kind, text, base);
      if (cli.rules) {
        r.rules = cli.rules;
        r.missingRules = missingRules(kind, cli.rules);
      } else r.rulesCheckError = cli.error;
      const floor = floorFor(kind, text, size === '10MB' ? 3 : size === '1MB' ? 5 : 10);
      r.floor = floor && { name: floor.name, median: floor.median, n: floor.n };
      kr[size] = r;
      const o = r.open ?? {};
      env.log(`hard ${kind}/${size} (${(r.bytes / 1048576).toFixed(2)} MB): open ${env.fmt(o.median)}, edit ${env.fmt(r.edit?.median)}, ${o.diagnostics ?? '—'} findings, ${o.bytes != null ? `${(o.bytes / 1048576).toFixed(2)} MB published (${o.bytesPerFinding?.toFixed(0)} B/finding)` : 'nothing published'}, peak RSS ${r.peakRssMb?.toFixed(0)} MB, floor ${env.fmt(r.floor?.median)}${r.missingRules?.length ? `; RULES NOT FIRING: ${r.missingRules.join(', ')}` : ''}${r.rulesCheckError ? `; rule check failed: ${r.rulesCheckError}` : ''}; other processes ${r.machine.otherCores} cores`);
    }
  }
  return out;
}

// ------------------------------------------------------------------ many homes

/**
 * `node dist/cli.js check <root> --format json` as a fresh process: wall time, exit code, files and findings per
 * rule id (of every file, or only of `onlyFile`). The CLI reports every finding (no per-file cap), so the hard
 * inputs' rule check uses it too.
 */
function runCli(env, root, { settingsFile, onlyFile } = {}) {
  return new Promise((resolve) => {
    const t0 = now();
    const args = [path.join(env.ROOT, 'dist', 'cli.js'), 'check', root, '--format', 'json', ...(settingsFile ? ['--settings', settingsFile] : [])];
    const child = spawn(process.execPath, args, { cwd: env.ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    LIVE_PIDS.add(child.pid);
    const chunks = [];
    let err = '';
    child.stdout.on('data', (d) => chunks.push(d));
    // keep the start of stderr (where V8 prints FATAL ERROR before its stack) and its end
    child.stderr.on('data', (d) => { err = err.length < 4000 ? err + d : err.slice(0, 2000) + err.slice(-2000) + d; });
    child.on('close', (code, signal) => {
      LIVE_PIDS.delete(child.pid);
      const ms = now() - t0;
      let rules = null;
      let files = null;
      try {
        const j = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        const picked = onlyFile ? j.files.filter((f) => path.resolve(env.ROOT, f.path) === onlyFile) : j.files;
        files = picked.length;
        rules = countByRule(picked.flatMap((f) => f.diagnostics));
      } catch (e) {
        const cause = err.split('\n').find((l) => /FATAL ERROR|RangeError|Error:/.test(l))?.trim() ?? err.slice(-300);
        err = `${cause}; output not JSON: ${e.message}`;
      }
      resolve({ ms, exitCode: code ?? signal, files, rules, stderr: err ? err.slice(0, 600) : undefined });
    });
  });
}

/**
 * Findings per rule id of a hard input, by the CLI on an ECE home holding the input and the kind's companions
 * (what the server publishes may be capped per file; the CLI reports all).
 */
async function hardRulesByCli(env, kind, text, base) {
  const spec = HARD[kind];
  const home = path.join(base, 'cli', 'home');
  fs.rmSync(path.join(base, 'cli'), { recursive: true, force: true });
  const file = path.join(home, spec.path);
  for (const [f, t] of [[file, text], ...spec.companions.map((c) => [path.join(home, c.path), c.text])]) {
    fs.mkdirSync(path.dirname(f), { recursive: true });
    fs.writeFileSync(f, t);
  }
  const settingsFile = path.join(base, 'cli', 'settings.json');
  fs.writeFileSync(settingsFile, JSON.stringify({ ece: HARD_SETTINGS }));
  const r = await runCli(env, path.join(base, 'cli'), { settingsFile, onlyFile: file });
  fs.rmSync(file, { force: true });
  return r.rules && r.files === 1 ? { rules: r.rules, ms: r.ms } : { error: `the CLI gave no result for the file (exit ${r.exitCode}): ${r.stderr ?? ''}`.slice(0, 400), ms: r.ms };
}

/** Rule totals against `expectedTotals(count)`: the rules whose totals differ, with both numbers. */
function compareTotals(rules, count) {
  if (!rules) return null;
  const exp = expectedTotals(count);
  const diff = {};
  for (const [id, n] of Object.entries(exp)) if ((rules[id] ?? 0) !== n) diff[id] = { expected: n, got: rules[id] ?? 0 };
  return diff;
}

export async function runHomes(env, { counts, over }) {
  const out = { counts, runs: {} };
  const empty = path.join(env.DATA, 'homes-empty-ws');
  fs.mkdirSync(empty, { recursive: true });
  for (const n of counts) {
    if (over()) { out.runs[n] = { skipped: 'run time budget used up' }; continue; }
    const root = writeHomes(path.join(env.DATA, 'homes', String(n)), n);
    const r = { input: `${n} ECE homes (${Object.keys(homeFiles(0)).length} files each)`, homes: n };
    // (a) the CLI
    let win = cpuWindow();
    r.cli = await runCli(env, root);
    r.cli.machine = win.end();
    r.cli.totalsDiffer = compareTotals(r.cli.rules, n);
    env.log(`homes ${n}: CLI check ${env.fmt(r.cli.ms)} (exit ${r.cli.exitCode}, ${r.cli.files} files)${r.cli.totalsDiffer && Object.keys(r.cli.totalsDiffer).length ? `; TOTALS DIFFER: ${JSON.stringify(r.cli.totalsDiffer)}` : ''}`);
    // (b) the server's Check Workspace request (workspace folder: an empty one; the roots come with the request)
    if (!over()) {
      const server = new LspServer(serverConfig(env, { rootDir: empty, settings: {} }));
      win = cpuWindow();
      try {
        await server.start();
        await delay(300);
        const codes = [];
        const off = server.onAnyPublish((ev) => { for (const d of ev.diagnostics) codes.push(d); });
        const { ms, result } = await server.timedRequest('ece/checkWorkspace', { roots: [uri(root)] }, 600000);
        off();
        r.server = { ms, files: result.length, findings: result.reduce((a, x) => a + x.count, 0), rules: countByRule(codes), peakRssMb: server.peakRss() };
        r.server.totalsDiffer = compareTotals(r.server.rules, n);
      } catch (e) {
        r.server = { error: String(e.message ?? e), exited: server.exited, logs: server.logs.slice(-3) };
      } finally {
        await server.stop();
      }
      r.server.machine = win.end();
      env.log(`homes ${n}: Check Workspace ${env.fmt(r.server.ms)}${r.server.error ? ` FAILED: ${r.server.error}` : ` (${r.server.files} files, ${r.server.findings} findings)`}${r.server.totalsDiffer && Object.keys(r.server.totalsDiffer).length ? `; TOTALS DIFFER: ${JSON.stringify(r.server.totalsDiffer)}` : ''}`);
    }
    removeHomes(root);
    // floor: the per-kind floors over every file of the workspace, in this process
    r.floor = homesFloor(n);
    out.runs[n] = r;
  }
  return out;
}

/** The sum of the per-kind floors over the files of `n` homes (one pass, each file once). */
function homesFloor(n) {
  const kindOf = (rel) => (rel.endsWith('.xml') ? (rel.includes('connpool') ? 'connpool' : 'finesse') : rel.endsWith('.js') ? 'ecejs' : rel.endsWith('web.config') ? 'webconfig' : 'reportsdb');
  let ms = 0;
  for (let i = 0; i < n; i++) {
    for (const [rel, text] of Object.entries(homeFiles(i))) {
      const f = floorFor(kindOf(rel), text, 1);
      ms += f?.median ?? 0;
    }
  }
  return { name: 'the per-kind floors over every file (fast-xml-parser, acorn, line split)', ms };
}

// ------------------------------------------------------------------ open many documents

/** Which file of each home is opened: the kinds in turn. */
const OPEN_ORDER = [
  ['eService/installation/dataaccess/egpl_ds_connpool_map.xml', 'xml'],
  ['ReportsDB Utility/reportsdb_utility.properties', 'properties'],
  ['UpdateDBIndexStats/input.properties', 'properties'],
  ['eService/templates/finesse/gadget/agent/ece_config.js', 'javascript'],
  ['eService/templates/finesse/gadget/layout/agent.xml', 'xml'],
  ['inetpub/ece/web.config', 'xml'],
];

export async function runOpenMany(env, { docs, over }) {
  if (over()) return { skipped: 'run time budget used up' };
  const root = writeHomes(path.join(env.DATA, 'homes', String(docs)), docs);
  const server = new LspServer(serverConfig(env, { rootDir: root, settings: {} }));
  const win = cpuWindow();
  const per = new Map();
  let others = 0;
  let firstAll = null;
  let lastPublish = null;
  const r = { input: `${docs} documents, one in each of ${docs} ECE homes; workspace folder: their parent`, docs };
  try {
    // open right after `initialized`, as VS Code does when it restores editors: the server is still loading the
    // workspace folder in the background
    await server.start();
    const t0 = now();
    const opened = [];
    for (let i = 0; i < docs; i++) {
      const u = uri(path.join(root, homeName(i), OPEN_ORDER[i % OPEN_ORDER.length][0]));
      opened.push(u);
      per.set(u, 0);
    }
    let withAny = 0;
    server.onAnyPublish((ev) => {
      lastPublish = now();
      if (!per.has(ev.uri)) { others++; return; }
      const c = per.get(ev.uri) + 1;
      per.set(ev.uri, c);
      if (c === 1 && ++withAny === docs) firstAll = now() - t0;
    });
    for (let i = 0; i < docs; i++) {
      const [rel, languageId] = OPEN_ORDER[i % OPEN_ORDER.length];
      await server.open(opened[i], languageId, 1, homeFiles(i)[rel]);
    }
    // settled: every document published, no publish for 2 s and the server's CPU still for 2 s (at most 10 minutes)
    const deadline = now() + 600000;
    let cpu = cpuSeconds(server.pid);
    for (;;) {
      await delay(2000);
      const c = cpuSeconds(server.pid);
      const quiet = lastPublish != null && now() - lastPublish >= 2000 && c != null && cpu != null && c - cpu < 0.1;
      cpu = c;
      if ((quiet && firstAll != null) || server.exited) break;
      if (now() > deadline || over()) {
        r.incomplete = 'stopped waiting (10 minutes or the time budget): publishes were still arriving';
        break;
      }
    }
    const counts = [...per.values()];
    r.settledMs = (lastPublish ?? now()) - t0;
    r.allPublishedMs = firstAll;
    r.total = counts.reduce((a, b) => a + b, 0);
    r.maxPerDoc = Math.max(...counts);
    r.histogram = {};
    for (const c of counts) r.histogram[c > 3 ? '4+' : String(c)] = (r.histogram[c > 3 ? '4+' : String(c)] ?? 0) + 1;
    r.neverPublished = counts.filter((c) => c === 0).length;
    r.otherUris = others;
    r.peakRssMb = server.peakRss();
    r.exited = server.exited;
  } catch (e) {
    r.error = String(e.message ?? e);
  } finally {
    await server.stop();
  }
  r.machine = win.end();
  removeHomes(root);
  env.log(`open ${docs}: ${r.total} publishes for the opened documents (max ${r.maxPerDoc} per document, ${JSON.stringify(r.histogram)}), settled after ${env.fmt(r.settledMs)}`);
  return r;
}

// ------------------------------------------------------------------ fix all

export async function runFixAll(env, { sizes, iters, over }) {
  const out = { sizes, runs: {} };
  const ws = path.join(env.DATA, 'fixall-ws');
  fs.mkdirSync(ws, { recursive: true });
  for (const size of sizes) {
    if (over()) { out.runs[size] = { skipped: 'run time budget used up' }; continue; }
    const text = reportsdbFixable(sizeBytes[size]);
    const r = { input: `reportsdb_utility.properties with unescaped paths on every second line, ${size}`, bytes: Buffer.byteLength(text) };
    const server = new LspServer(serverConfig(env, { rootDir: ws, settings: HARD_SETTINGS }));
    const win = cpuWindow();
    try {
      await server.start();
      await delay(300);
      const u = uri(path.join(env.DATA, 'fixall', size, 'ReportsDB Utility', 'reportsdb_utility.properties'));
      const wait = server.waitDiagnostics((ev) => ev.uri === u, 60000);
      const t0 = now();
      await server.open(u, 'properties', 1, text);
      const ev = await wait;
      if (!ev) throw new Error('no diagnostics for the opened file');
      r.openMs = ev.t - t0;
      const diags = ev.diagnostics;
      r.findings = diags.length;
      r.fixable = diags.filter((d) => d.data?.fixable).length;
      const lines = text.split(/\r\n|\n|\r/);
      const fullRange = { start: { line: 0, character: 0 }, end: { line: lines.length - 1, character: lines[lines.length - 1].length } };
      const fixAll = [];
      const quick = [];
      const resolve = [];
      const resolveDisable = [];
      // the finding under the cursor, in the middle of the file, and the diagnostics VS Code sends with it
      const mid = diags[Math.floor(diags.length / 2)];
      const at = diags.filter((d) => d.range.start.line === mid.range.start.line);
      for (let i = 0; i < iters; i++) {
        const a = await server.timedRequest('textDocument/codeAction', { textDocument: { uri: u }, range: fullRange, context: { diagnostics: [], only: ['source.fixAll.ece'], triggerKind: 1 } }, 120000);
        fixAll.push(a.ms);
        r.fixAllEdits = a.result?.[0]?.edit?.changes?.[u]?.length ?? a.result?.[0]?.edit?.documentChanges?.[0]?.edits?.length ?? 0;
        const q = await server.timedRequest('textDocument/codeAction', { textDocument: { uri: u }, range: mid.range, context: { diagnostics: at, triggerKind: 2 } }, 120000);
        quick.push(q.ms);
        r.quickFixActions = q.result?.length ?? 0;
        r.quickFixBytes = Buffer.byteLength(JSON.stringify(q.result ?? null));
        // choosing "Fix all <rule> in this file": VS Code asks for its edits with codeAction/resolve
        const listed = (q.result ?? []).find((x) => /^Fix all .* in this file$/.test(x.title));
        if (listed && !listed.edit) {
          const rs = await server.timedRequest('codeAction/resolve', listed, 120000);
          resolve.push(rs.ms);
          r.resolvedEdits = rs.result?.edit?.documentChanges?.[0]?.edits?.length ?? 0;
        }
        // choosing "Disable <rule> for this line": its check (every rule run again with the comment) runs now
        const disable = (q.result ?? []).find((x) => /^Disable .* for this line$/.test(x.title));
        if (disable && !disable.edit) {
          const rs = await server.timedRequest('codeAction/resolve', disable, 120000);
          resolveDisable.push(rs.ms);
          r.disableResolved = !!rs.result?.edit;
        }
      }
      r.fixAll = stats(fixAll);
      r.quickFix = stats(quick);
      r.resolve = stats(resolve);
      r.resolveDisable = stats(resolveDisable);
      r.quickFixDiagnosticsSent = at.length;
    } catch (e) {
      r.error = String(e.message ?? e);
    } finally {
      await server.stop();
    }
    r.machine = win.end();
    out.runs[size] = r;
    env.log(`fixall ${size}: ${r.findings} findings (${r.fixable} fixable); source.fixAll ${env.fmt(r.fixAll?.median)} (${r.fixAllEdits} edits), quick fix ${env.fmt(r.quickFix?.median)} (${r.quickFixActions} actions), resolve ${env.fmt(r.resolve?.median)} (${r.resolvedEdits ?? '—'} edits), disable resolved ${env.fmt(r.resolveDisable?.median)}; open ${env.fmt(r.openMs)}${r.error ? `; FAILED: ${r.error}` : ''}`);
  }
  return out;
}
