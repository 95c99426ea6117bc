#!/usr/bin/env node
// `npm run bench` (in bench/): generates the inputs, measures our server, the XML floor and the peers
// over the same data, writes bench/results/latest.json and the results section of BENCHMARKS.md.
//
// Options:
//   --quick            sizes up to 1 MB, fewer iterations (a minute or so)
//   --kinds=a,b        only these file kinds (connpool,reportsdb,indexstats,webconfig,finesse,ecejs)
//   --sizes=1KB,1MB    only these sizes
//   --no-peers         skip the peer servers and the XML floor
//   --no-write         do not touch BENCHMARKS.md
//   --profile          run our server with --cpu-prof (1 MB and 10 MB only) and print its hot spots; the
//                      server is bundled for this from server/src/server.ts, unminified with a source map,
//                      into bench/results/prof-build/ (dist/ is left alone)
//   --server=PATH      the server entry point (default: ../dist/server.js)
//   --fresh            measure a bundle of the working tree made now (like scripts/build.mjs) instead of dist/
//   --service-only     only the in-process service timing (parse + rules, no LSP); with --profile,
//                      profiles it in this process and prints hot spots as server/src file:line
//   --budget-s=N       stop starting new measurements after N seconds (default 540)
//   --no-nice          do not raise the run's scheduling priority (it does by default when running as root)
//   --only=a,b         only these parts: classic (everything above: the easy inputs, floors, peers, storm, memory),
//                      hard (hard inputs of every kind), pools (the hard connection pool input only), homes (many
//                      ECE homes: CLI and Check Workspace), open (1,000 documents in 1,000 homes), fixall; default all
//   --hard-sizes=a,b   sizes of the hard inputs (default 100KB,1MB,10MB; quick: 100KB,1MB)
//   --homes=300,600    home counts of the homes run (default 300,600,1200; quick: 100,200,400)
//   --open-docs=N      documents of the open run (default 1000; quick: 250)
//   --budget-<part>-s=N  time budget of one part of issue 14 (hard, homes, open, fixall), see issue14.mjs
//   --label=TEXT       a label for this run in BENCHMARKS.md (e.g. "baseline before the fixes")
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';
import { BENCH_SETTINGS, CONNPOOL_SCHEMA, KINDS, SIZES, connpoolJson, connpoolRecords, connpoolYaml, editOffset, generate } from './gen.mjs';
import { LspServer, delay, now } from './lsp.mjs';
import { cpuWindow } from './machine.mjs';
import { editStorm, measureChange, measureOpen, openMany, stats } from './measure.mjs';
import { fxpParse, fxpValidate, xmlTools, xmllint, xmllintAvailable } from './floors.mjs';
import { writeReport } from './report.mjs';
import { summarizeProfiles } from './prof.mjs';
import { buildService, cleanup, profileInProcess, timeService } from './service.mjs';
import { SECTIONS, plan as plan14, runFixAll, runHard, runHomes, runOpenMany, sectionBudget } from './issue14.mjs';
import { HARD, HARD_SIZES } from './hard.mjs';
import { writeIssue14Report } from './report14.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const BENCH = path.resolve(HERE, '..');
const ROOT = path.resolve(BENCH, '..');
const RESULTS = path.join(BENCH, 'results');
const DATA = path.join(RESULTS, 'data');

const argv = process.argv.slice(2);
const flag = (n) => argv.includes(`--${n}`);
// `--name=value` or `--name value`
const opt = (n, d) => {
  const a = argv.find((x) => x.startsWith(`--${n}=`));
  if (a) return a.slice(n.length + 3);
  const i = argv.indexOf(`--${n}`);
  return i >= 0 && argv[i + 1] !== undefined && !argv[i + 1].startsWith('--') ? argv[i + 1] : d;
};
const QUICK = flag('quick');
const PROFILE = flag('profile');
const SERVICE_ONLY = flag('service-only');
const KIND_LIST = opt('kinds', Object.keys(KINDS).join(',')).split(',').filter((k) => KINDS[k]);
const SIZE_LIST = opt('sizes', PROFILE ? '1MB,10MB' : QUICK ? '1KB,10KB,100KB,1MB' : Object.keys(SIZES).join(',')).split(',').filter((s) => SIZES[s]);
let SERVER = path.resolve(ROOT, opt('server', 'dist/server.js'));
const BUDGET_MS = Number(opt('budget-s', '540')) * 1000;
// Which parts run: `classic` (the easy-input matrix, floors, peers, storm, memory) and the runs of issue 14.
const ONLY = (() => {
  const v = opt('only', null);
  if (!v) return new Set(['classic', ...SECTIONS]);
  const set = new Set();
  for (const x of v.split(',').map((y) => y.trim()).filter(Boolean)) {
    if (x === 'pools') set.add('pools');
    else if (x === 'classic' || SECTIONS.includes(x)) set.add(x);
    else throw new Error(`--only: unknown part '${x}' (known: classic, ${SECTIONS.join(', ')}, pools)`);
  }
  return set;
})();
const CLASSIC = ONLY.has('classic') || PROFILE || SERVICE_ONLY;
const PARTS14 = PROFILE || SERVICE_ONLY ? [] : SECTIONS.filter((x) => ONLY.has(x) || (x === 'hard' && ONLY.has('pools')));
const budget14 = (part) => Number(opt(`budget-${part}-s`, String(sectionBudget(part, QUICK)))) * 1000;
const START = now();
const overBudget = () => now() - START > BUDGET_MS;
const log = (...a) => console.log(`[${((now() - START) / 1000).toFixed(1).padStart(5)}s]`, ...a);

// Iterations per size: open (first is cold, the rest warm), change, floor runs; and a wait deadline.
const PLAN = QUICK
  ? { '1KB': [6, 10, 50, 10000], '10KB': [6, 10, 50, 10000], '100KB': [5, 10, 20, 10000], '1MB': [3, 5, 5, 30000], '10MB': [2, 2, 2, 90000] }
  : { '1KB': [21, 30, 200, 10000], '10KB': [21, 30, 100, 10000], '100KB': [16, 20, 50, 10000], '1MB': [8, 10, 10, 30000], '10MB': [3, 3, 3, 90000] };

// Peers answer in hundreds of milliseconds to seconds (their built-in delays alone are 200-500 ms): fewer runs.
const PEER_ITERS = QUICK
  ? { '1KB': [4, 4], '10KB': [4, 4], '100KB': [3, 4], '1MB': [2, 3], '10MB': [1, 1] }
  : { '1KB': [8, 10], '10KB': [6, 8], '100KB': [6, 8], '1MB': [4, 5], '10MB': [2, 2] };

const uri = (p) => pathToFileURL(p).href;

// Between two measured edits the document stays still for 3.5 times the last answer time (at least 100 ms, at
// most 4 s), so each edit is an isolated keystroke whatever burst detection a server does; typing is the storm.
// The peers' delays are fixed, so they get a short pause.
const PAUSE_OURS = (last) => (last == null ? 300 : Math.min(4000, Math.max(100, 3.5 * last)));
const PAUSE_PEERS = () => 50;

// ------------------------------------------------------------------ data

function writeData() {
  const files = {};
  for (const size of SIZE_LIST) {
    for (const kind of KIND_LIST) {
      const text = generate(kind, SIZES[size]);
      const file = path.join(DATA, size, 'ece-home', KINDS[kind].path);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, text);
      files[`${kind}/${size}`] = { file, text, bytes: Buffer.byteLength(text) };
    }
    const records = connpoolRecords(SIZES[size], 20260);
    for (const [ext, render] of [['json', connpoolJson], ['yaml', connpoolYaml]]) {
      const text = render(records);
      const file = path.join(DATA, size, 'peers', `egpl_ds_connpool_map.${ext}`);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, text);
      files[`${ext}/${size}`] = { file, text, bytes: Buffer.byteLength(text), records: records.length };
    }
    files[`connpool-records/${size}`] = records.length;
  }
  fs.writeFileSync(path.join(DATA, 'connpool.schema.json'), JSON.stringify(CONNPOOL_SCHEMA, null, 2));
  fs.mkdirSync(path.join(DATA, 'workspace'), { recursive: true });
  return files;
}

// ------------------------------------------------------------------ servers

const EMPTY_WS = () => uri(path.join(DATA, 'workspace'));

function oursConfig(nodeArgs = []) {
  return {
    name: 'ece-config',
    script: SERVER,
    nodeArgs,
    rootUri: EMPTY_WS(),
    cwd: ROOT,
    settings: { ece: BENCH_SETTINGS },
    configuration: (section) => (section === 'ece' ? BENCH_SETTINGS : section === undefined || section === '' ? { ece: BENCH_SETTINGS } : null),
  };
}

function peerConfigs() {
  const schemaUri = uri(path.join(DATA, 'connpool.schema.json'));
  const json = {
    json: {
      validate: { enable: true },
      format: { enable: false },
      schemas: [{ fileMatch: ['*.json'], url: schemaUri, schema: CONNPOOL_SCHEMA }],
      resultLimit: 5000,
    },
    http: { proxy: '', proxyStrictSSL: false },
  };
  const yaml = {
    yaml: {
      validate: true, hover: false, completion: false, format: { enable: false },
      schemas: { [schemaUri]: '*.yaml' }, schemaStore: { enable: false }, maxItemsComputed: 5000, keyOrdering: false,
    },
    http: { proxy: '', proxyStrictSSL: false },
    '[yaml]': {},
    editor: { tabSize: 2 },
    files: {},
  };
  const bin = (p) => path.join(BENCH, 'node_modules', p);
  return {
    json: {
      label: 'vscode-json-language-server', ext: 'json', languageId: 'json',
      // Built into the server: validation runs 500 ms after open/change (vscode-json-languageserver utils/validation.js).
      fixedDelayMs: 500,
      version: pkgVersion('vscode-langservers-extracted'),
      cfg: {
        name: 'json', script: bin('vscode-langservers-extracted/bin/vscode-json-language-server'), rootUri: EMPTY_WS(), cwd: BENCH,
        initializationOptions: { provideFormatter: false, handledSchemaProtocols: ['file'] },
        settings: json, configuration: (s) => (s ? json[s] ?? null : json),
      },
    },
    yaml: {
      label: 'yaml-language-server', ext: 'yaml', languageId: 'yaml',
      // Built into the server: yamlSettings.validationDelayMs = 200.
      fixedDelayMs: 200,
      version: pkgVersion('yaml-language-server'),
      cfg: {
        name: 'yaml', script: bin('yaml-language-server/bin/yaml-language-server'), rootUri: EMPTY_WS(), cwd: BENCH,
        settings: yaml, configuration: (s) => (s ? yaml[s] ?? null : yaml),
      },
    },
  };
}

function pkgVersion(name) {
  try {
    return JSON.parse(fs.readFileSync(path.join(BENCH, 'node_modules', name, 'package.json'), 'utf8')).version;
  } catch {
    return null;
  }
}

/** Process start → `initialize` result, several fresh processes; plus idle RSS of the last one. */
async function measureStartup(cfg, runs) {
  const samples = [];
  let idle = null;
  let error = null;
  for (let i = 0; i < runs; i++) {
    const s = new LspServer(cfg);
    try {
      samples.push(await s.start());
      if (i === runs - 1) {
        await delay(1500); // let start-up work and the first GC settle
        idle = s.rss();
      }
    } catch (e) {
      error = `${e.message}; stderr: ${s.stderr.slice(-500)}`;
    } finally {
      await s.stop();
    }
    if (error) break;
  }
  return { initialize: stats(samples), idleRssMb: idle, error };
}

/** Open/change matrix for one server on a list of (label, text, uri factory) cases. */
async function measureMatrix(cfg, cases, results, label) {
  const server = new LspServer(cfg);
  try {
    await server.start();
  } catch (e) {
    log(`${label}: could not start: ${e.message}`);
    results.error = `could not start: ${e.message}; stderr: ${server.stderr.slice(-800)}`;
    await server.stop();
    return;
  }
  await delay(300);
  for (const c of cases) {
    if (overBudget()) { results[c.key] = { skipped: 'run time budget used up' }; continue; }
    const [planOpen, planChange, , timeoutMs] = PLAN[c.size];
    const [openIters, changeIters] = c.iters ?? [planOpen, planChange];
    const skip = c.skipIf?.();
    if (skip) { results[c.key] = { skipped: skip }; continue; }
    const r = { bytes: Buffer.byteLength(c.text) };
    const win = cpuWindow();
    const tOpen = now();
    r.open = await measureOpen(server, { uriFor: c.uriFor, languageId: c.languageId, text: c.text, iters: openIters, timeoutMs });
    r.openWallMs = now() - tOpen;
    if (!server.exited) {
      r.change = await measureChange(server, { uri: c.uriFor('change'), languageId: c.languageId, text: c.text, offset: c.offset, iters: changeIters, timeoutMs, pause: c.pause ?? PAUSE_OURS });
    }
    r.rssAfterMb = server.rss();
    r.machine = win.end();
    results[c.key] = r;
    log(`${label} ${c.key}: open ${fmt(r.open.median)} (cold ${fmt(r.open.first)}, p95 ${fmt(r.open.p95)}), change ${fmt(r.change?.median)} (p95 ${fmt(r.change?.p95)}), diagnostics ${r.open.diagnostics}${r.open.failures ? `, ${r.open.failures} timeouts` : ''}`);
    if (server.exited) {
      results.crash = { at: c.key, exit: server.exited, stderr: server.stderr.slice(-2000) };
      log(`${label}: server exited at ${c.key}: ${JSON.stringify(server.exited)}`);
      break;
    }
  }
  results.rssEndMb = server.rss();
  await server.stop();
}

const fmt = (ms) => (ms == null ? '—' : ms >= 100 ? `${ms.toFixed(0)} ms` : `${ms.toFixed(1)} ms`);

// ------------------------------------------------------------------ main

/**
 * On a shared machine other work skews every number. When allowed (root), the run moves into a session of
 * its own (so it has its own scheduler autogroup, holding only the bench and the servers it starts) and
 * raises that group's priority; nothing else on the machine is touched. `--no-nice` turns this off.
 */
function raisePriority() {
  try {
    if (process.env.ECE_BENCH_OWN_SESSION === '1' && fs.existsSync('/proc/self/autogroup')) fs.writeFileSync('/proc/self/autogroup', '-10');
  } catch { /* not allowed: keep the default */ }
  try {
    os.setPriority(-10);
  } catch { /* not allowed */ }
  return os.getPriority();
}

function autogroupNice() {
  try {
    return Number(/nice\s+(-?\d+)/.exec(fs.readFileSync('/proc/self/autogroup', 'utf8'))?.[1]);
  } catch {
    return null;
  }
}

/** Re-runs this script in a new session (see raisePriority); resolves with its exit code, or null to run here. */
function runInOwnSession() {
  if (flag('no-nice') || process.env.ECE_BENCH_OWN_SESSION || process.getuid?.() !== 0) return null;
  if (!fs.existsSync('/proc/self/autogroup') || spawnSync('which', ['setsid']).status !== 0) return null;
  return new Promise((resolve) => {
    const child = spawn('setsid', ['-w', process.execPath, fileURLToPath(import.meta.url), ...argv], {
      stdio: 'inherit', env: { ...process.env, ECE_BENCH_OWN_SESSION: '1' },
    });
    const forward = (sig) => { try { child.kill(sig); } catch { /* gone */ } };
    process.on('SIGINT', () => forward('SIGINT'));
    process.on('SIGTERM', () => forward('SIGTERM'));
    child.on('exit', (code) => resolve(code ?? 1));
  });
}

async function main() {
  fs.mkdirSync(RESULTS, { recursive: true });
  const priority = flag('no-nice') ? os.getPriority() : raisePriority();
  const machine = { ...machineInfo(), niceness: priority, autogroupNice: autogroupNice() };
  log(`machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memGb} GB, Node ${machine.node}`);
  log(`kinds ${KIND_LIST.join(',')}; sizes ${SIZE_LIST.join(',')}${QUICK ? ' (quick)' : ''}`);
  const data = CLASSIC ? writeData() : {};
  if (CLASSIC) log('inputs generated under bench/results/data');
  if (PROFILE && !SERVICE_ONLY && !opt('server', null)) {
    SERVER = await buildProfilingServer();
    log(`profiling build: ${path.relative(ROOT, SERVER)} (unminified, source map)`);
  } else if (flag('fresh') && !opt('server', null)) {
    SERVER = await buildServer('fresh-build', false);
    log(`fresh build of the working tree: ${path.relative(ROOT, SERVER)} (minified like dist/)`);
  }

  const out = {
    when: new Date().toISOString(), machine, command: `npm run bench${argv.length ? ` -- ${argv.map((a) => (/\s/.test(a) ? JSON.stringify(a) : a)).join(' ')}` : ''}`,
    code: codeVersion(), label: opt('label', null), parts: [...(CLASSIC ? ['classic'] : []), ...PARTS14],
    quick: QUICK, kinds: KIND_LIST, sizes: SIZE_LIST,
    inputs: Object.fromEntries(Object.entries(data).map(([k, v]) => [k, typeof v === 'number' ? { records: v } : { bytes: v.bytes, path: path.relative(ROOT, v.file), records: v.records }])),
    ours: null, floor: {}, peers: {},
  };

  if (CLASSIC) await runClassic(data, out);
  if (PARTS14.length) out.issue14 = await runIssue14Parts(out);

  out.totalSeconds = (now() - START) / 1000;
  out.machine.loadAvgEnd = os.loadavg().map((x) => Number(x.toFixed(2)));
  const jsonName = PROFILE || SERVICE_ONLY ? 'latest-profile.json' : 'latest.json';
  fs.writeFileSync(path.join(RESULTS, jsonName), JSON.stringify(out, null, 2));
  log(`wrote bench/results/${jsonName}`);
  if (!flag('no-write') && !PROFILE && !SERVICE_ONLY) {
    if (CLASSIC) {
      writeReport(out, path.join(ROOT, 'BENCHMARKS.md'));
      log('wrote the results section of BENCHMARKS.md');
    }
    if (PARTS14.length) {
      writeIssue14Report(path.join(RESULTS, 'issue14'), path.join(ROOT, 'BENCHMARKS.md'));
      log('wrote the issue-14 section of BENCHMARKS.md');
    }
  }
  if (PROFILE && !SERVICE_ONLY) {
    const dir = path.join(RESULTS, 'prof');
    const summary = KIND_LIST.filter((k) => fs.existsSync(path.join(dir, k)))
      .map((k) => `==================== ${k} (${SIZE_LIST.join(', ')})\n${summarizeProfiles(path.join(dir, k), SERVER, ROOT)}`).join('\n');
    fs.writeFileSync(path.join(RESULTS, 'profile-summary.txt'), summary);
    console.log(summary);
  }
  if (out.issue14?.problems?.length) {
    console.error(`bench: the issue-14 inputs did not do what they are for:\n  ${out.issue14.problems.join('\n  ')}`);
    process.exitCode = 3;
  }
}

/** The commit measured, and whether the product sources differ from it. */
function codeVersion() {
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'server', 'client'], { cwd: ROOT, encoding: 'utf8' }).trim() !== '';
    // the last commit that changed the product: bench-only commits on top of it measure the same code
    const product = execFileSync('git', ['log', '-1', '--format=%h', '--', 'server', 'client'], { cwd: ROOT, encoding: 'utf8' }).trim();
    return { commit: head, product, dirty };
  } catch {
    return null;
  }
}

/** The runs of issue 14, each part with its own time budget; each part's result is kept in results/issue14/. */
async function runIssue14Parts(out) {
  const p = plan14(QUICK);
  const env = { ROOT, DATA, SERVER, log, fmt };
  const res = { problems: [] };
  const dir = path.join(RESULTS, 'issue14');
  fs.mkdirSync(dir, { recursive: true });
  if (!fs.existsSync(SERVER) || !fs.existsSync(path.join(ROOT, 'dist', 'cli.js'))) {
    log(`issue 14: ${path.relative(ROOT, SERVER)} or dist/cli.js not found: run \`npm run build\` at the root first`);
    res.problems.push('the server or the CLI bundle is missing');
    return res;
  }
  for (const part of PARTS14) {
    const deadline = now() + budget14(part);
    const over = () => now() > deadline;
    const t0 = now();
    const header = { when: new Date().toISOString(), quick: QUICK, command: out.command, code: out.code, label: out.label, machine: out.machine };
    log(`issue 14: ${part}`);
    let r;
    if (part === 'hard') {
      const kinds = ONLY.has('hard') ? opt('kinds', Object.keys(HARD).join(',')).split(',').filter((k) => HARD[k]) : ['connpool'];
      const sizes = opt('hard-sizes', p.hardSizes.join(',')).split(',').filter((x) => HARD_SIZES.includes(x));
      const iters = { '100KB': [4, 4], '1MB': [3, 3], '10MB': [2, 2], ...p.hardIters };
      r = await runHard(env, { kinds, sizes, iters, over });
      const seconds = (now() - t0) / 1000;
      for (const [kind, bySize] of Object.entries(r.kinds)) {
        for (const [size, x] of Object.entries(bySize)) {
          if (x.missingRules?.length) res.problems.push(`hard ${kind}/${size}: expected rules did not fire: ${x.missingRules.join(', ')}`);
        }
        // one file per kind, so a later run of some kinds (e.g. --only pools) keeps the others' results
        const saved = { ...header, seconds, result: { sizes: r.sizes, settings: r.settings, kinds: { [kind]: bySize } } };
        fs.writeFileSync(path.join(dir, `hard-${kind}.json`), JSON.stringify(saved, null, 2));
      }
      res.hard = { ...header, seconds, result: r };
      continue;
    } else if (part === 'homes') {
      const counts = opt('homes', p.homes.join(',')).split(',').map(Number).filter((n) => n > 0);
      r = await runHomes(env, { counts, over });
      for (const [n, x] of Object.entries(r.runs)) {
        for (const [who, y] of [['CLI', x.cli], ['Check Workspace', x.server]]) {
          if (y?.totalsDiffer && Object.keys(y.totalsDiffer).length) res.problems.push(`homes ${n} (${who}): findings per rule differ from ${n} times one home's: ${JSON.stringify(y.totalsDiffer)}`);
        }
      }
    } else if (part === 'open') {
      r = await runOpenMany(env, { docs: Number(opt('open-docs', String(p.openDocs))), over });
    } else if (part === 'fixall') {
      r = await runFixAll(env, { sizes: p.fixallSizes, iters: p.fixallIters, over });
    }
    const saved = { ...header, seconds: (now() - t0) / 1000, result: r };
    fs.writeFileSync(path.join(dir, `${part}.json`), JSON.stringify(saved, null, 2));
    res[part] = saved;
  }
  return res;
}

/** The measurements that were there before issue 14 (easy inputs, floors, peers, storm, memory). */
async function runClassic(data, out) {
  // ---- the language service alone, in this process
  out.service = await measureService(data);
  out_service = out.service;
  if (SERVICE_ONLY) {
    out.ours = { missing: 'not run (--service-only)' };
  } else
  // ---- ours over LSP
  if (!fs.existsSync(SERVER)) {
    log(`${path.relative(ROOT, SERVER)} not found: build it with \`npm run build\` at the repository root; measuring the peers only`);
    out.ours = { missing: path.relative(ROOT, SERVER) };
  } else {
    out.ours = await measureOurs(data);
    out.ours.staleness = staleness(SERVER);
    if (out.ours.staleness?.newerSources.length) log(`note: ${out.ours.staleness.newerSources.length} server/src files are newer than ${path.relative(ROOT, SERVER)}`);
  }
  Object.assign(out, measureVsix());
  out.serverBundleBytes = fs.existsSync(SERVER) ? fs.statSync(SERVER).size : null;

  // ---- protocol floor: a server that answers every open/change at once with no work
  if (!flag('no-peers') && !PROFILE && !SERVICE_ONLY && !overBudget()) {
    const cfg = { ...oursConfig(), name: 'no-op', script: path.join(HERE, 'stub-server.mjs'), args: ['--stdio', '--noop'] };
    const cases = SIZE_LIST.map((size) => {
      const { text } = data[`connpool/${size}`];
      return {
        key: `connpool/${size}`, size, text, languageId: 'xml', offset: editOffset('connpool', text),
        uriFor: (k) => uri(path.join(DATA, size, `noop-${k}`, 'ece-home', KINDS.connpool.path)),
      };
    });
    out.protocolFloor = {};
    await measureMatrix(cfg, cases, out.protocolFloor, 'protocol floor (no-op server)');
  }

  // ---- floor and peers
  if (!flag('no-peers') && !PROFILE && !SERVICE_ONLY) {
    await measureFloor(data, out);
    await measurePeers(data, out);
  }
}

async function measureService(data) {
  const built = await buildService(ROOT, RESULTS);
  if (built.error) {
    log(`service: could not bundle server/src for in-process timing: ${built.error}`);
    return { error: built.error };
  }
  serviceApi = built.api;
  const res = {};
  const run = () => {
    for (const size of SIZE_LIST) {
      for (const kind of KIND_LIST) {
        if (overBudget()) return;
        const { text } = data[`${kind}/${size}`];
        const iters = { '1KB': 200, '10KB': 100, '100KB': 30, '1MB': 8, '10MB': 2 }[size];
        const uriFor = (k) => uri(path.join(DATA, size, `svc-${k}`, 'ece-home', KINDS[kind].path));
        try {
          res[`${kind}/${size}`] = timeService(built.api, BENCH_SETTINGS, uriFor, text, iters);
        } catch (e) {
          res[`${kind}/${size}`] = { error: String(e.message ?? e) };
        }
        const r = res[`${kind}/${size}`];
        log(`service ${kind}/${size}: ${r.error ? `failed: ${r.error}` : r.unrecognised ? 'no kind claims this file (not registered yet?)' : `${fmt(r.median)} (p95 ${fmt(r.p95)}), ${r.diagnostics} diagnostics`}`);
      }
    }
  };
  if (PROFILE && SERVICE_ONLY) {
    const dir = path.join(RESULTS, 'prof-service');
    fs.rmSync(dir, { recursive: true, force: true });
    await profileInProcess(dir, run);
    const summary = summarizeProfiles(dir, built.bundle, ROOT);
    fs.writeFileSync(path.join(RESULTS, 'profile-service-summary.txt'), summary);
    console.log(summary);
  } else {
    run();
  }
  cleanup(built.bundle);
  return res;
}

/** Bundles server/src/server.ts like scripts/build.mjs does, into bench/results (dist/ is left alone). */
async function buildServer(dir, profiling) {
  const require = createRequire(path.join(ROOT, 'package.json'));
  const esbuild = require('esbuild');
  const outfile = path.join(RESULTS, dir, 'server.cjs'); // .cjs: bench/ is an ES module package
  await esbuild.build({
    entryPoints: [path.join(ROOT, 'server', 'src', 'server.ts')], outfile,
    bundle: true, platform: 'node', target: 'node20', format: 'cjs', legalComments: 'none', logLevel: 'warning',
    minify: !profiling, sourcemap: profiling ? 'linked' : false,
  });
  return outfile;
}
const buildProfilingServer = () => buildServer('prof-build', true);

/** Source files of the server newer than the bundle under test: the bundle does not hold the latest code. */
function staleness(bundle) {
  if (!fs.existsSync(bundle)) return null;
  const t = fs.statSync(bundle).mtimeMs;
  const newer = [];
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (p.endsWith('.ts') && fs.statSync(p).mtimeMs > t) newer.push(path.relative(ROOT, p));
    }
  };
  try { walk(path.join(ROOT, 'server', 'src')); } catch { /* no sources */ }
  return { bundleBuilt: new Date(t).toISOString(), newerSources: newer };
}

let out_service = null;
let serviceApi = null;
/** Whether the language service gives a kind to this file (true when the service could not be built). */
function serviceRecognises(kind, text) {
  if (!serviceApi) return true;
  try {
    return !!serviceApi.createService(BENCH_SETTINGS).kindOf(uri(path.join(DATA, 'probe', 'ece-home', KINDS[kind].path)), text);
  } catch {
    return true;
  }
}

async function measureOurs(data) {
  const ours = { server: path.relative(ROOT, SERVER) };
  const profDir = path.join(RESULTS, 'prof');
  const nodeArgs = PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${profDir}`] : [];
  if (PROFILE) fs.rmSync(profDir, { recursive: true, force: true });

  if (!PROFILE) {
    log('ours: initialize and idle memory');
    ours.startup = await measureStartup(oursConfig(), QUICK ? 3 : 7);
    log(`ours: initialize median ${fmt(ours.startup.initialize?.median)}, idle RSS ${ours.startup.idleRssMb?.toFixed(1)} MB${ours.startup.error ? `; ${ours.startup.error}` : ''}`);
  }

  // open/change per kind and size, one server process for the whole matrix (like one editor session)
  ours.matrix = {};
  const cases = [];
  for (const size of SIZE_LIST) {
    for (const kind of KIND_LIST) {
      const { text } = data[`${kind}/${size}`];
      cases.push({
        key: `${kind}/${size}`, size, text, languageId: KINDS[kind].languageId, offset: editOffset(kind, text),
        uriFor: (k) => uri(path.join(DATA, size, `open-${k}`, 'ece-home', KINDS[kind].path)),
      });
    }
  }
  for (const c of cases) {
    if (out_service?.[c.key]?.unrecognised) c.skipIf = () => 'no kind claims this file yet';
  }
  if (PROFILE) {
    // one server (and one profile) per kind, so the hot spots of each kind stand apart
    for (const kind of KIND_LIST) {
      const dir = path.join(profDir, kind);
      const kindCases = cases.filter((c) => c.key.startsWith(`${kind}/`));
      if (kindCases.every((c) => c.skipIf?.())) continue;
      await measureMatrix(oursConfig(['--cpu-prof', `--cpu-prof-dir=${dir}`]), kindCases, ours.matrix, `ours (profiled) ${kind}`);
    }
    return ours;
  }
  await measureMatrix(oursConfig(nodeArgs), cases, ours.matrix, 'ours');

  // edit storm on the 1 MB connection pool file (or the largest size measured below it)
  const stormSize = SIZE_LIST.includes('1MB') ? '1MB' : SIZE_LIST[SIZE_LIST.length - 1];
  if (!overBudget() && KIND_LIST.includes('connpool')) {
    const s = new LspServer(oursConfig());
    try {
      await s.start();
      await delay(300);
      const { text } = data[`connpool/${stormSize}`];
      const win = cpuWindow();
      ours.storm = { size: stormSize, ...(await editStorm(s, { uri: uri(path.join(DATA, stormSize, 'storm', 'ece-home', KINDS.connpool.path)), languageId: 'xml', text, offset: editOffset('connpool', text) })) };
      ours.storm.machine = win.end();
      log(`ours: edit storm on ${stormSize}: ${JSON.stringify(ours.storm)}`);
    } catch (e) {
      ours.storm = { error: e.message };
    } finally {
      await s.stop();
    }
  }

  // memory with 1,000 small documents open (the 1 KB inputs of every kind, in 1,000 ECE homes)
  if (!overBudget()) {
    const s = new LspServer(oursConfig());
    try {
      await s.start();
      await delay(1000);
      const idle = s.rss();
      const small = Object.keys(KINDS)
        .map((k) => ({ kind: k, text: generate(k, SIZES['1KB']) }))
        .filter(({ kind, text }) => serviceRecognises(kind, text));
      const docs = [];
      for (let i = 0; i < 1000; i++) {
        const { kind, text } = small[i % small.length];
        docs.push({ uri: uri(path.join(DATA, 'mem', `home${String(i).padStart(4, '0')}`, 'ece-home', KINDS[kind].path)), languageId: KINDS[kind].languageId, text });
      }
      const r = await openMany(s, docs, 30000);
      await delay(1000);
      ours.memory = { idleRssMb: idle, docs: docs.length, kinds: small.map((x) => x.kind), docBytes: docs.reduce((a, d) => a + d.text.length, 0), ...r, rssMb: s.rss(), exited: s.exited };
      log(`ours: 1,000 documents: RSS ${ours.memory.rssMb?.toFixed(1)} MB (idle ${idle?.toFixed(1)} MB), all published ${r.allPublished} in ${fmt(r.ms)}`);
    } catch (e) {
      ours.memory = { error: e.message };
    } finally {
      await s.stop();
    }
  }
  return ours;
}

/**
 * Size of the package: `dist/ece-config.vsix` when `npm run package` made one (flagged when older than the
 * server bundle); otherwise packaged here with the root's vsce into bench/results (dist/ is not touched).
 */
function measureVsix() {
  const vsix = path.join(ROOT, 'dist', 'ece-config.vsix');
  if (fs.existsSync(vsix)) {
    const stale = fs.existsSync(SERVER) && fs.statSync(vsix).mtimeMs < fs.statSync(path.join(ROOT, 'dist', 'server.js')).mtimeMs;
    return { vsixBytes: fs.statSync(vsix).size, vsixPath: 'dist/ece-config.vsix', vsixStale: stale };
  }
  const vsce = path.join(ROOT, 'node_modules', '.bin', 'vsce');
  if (!fs.existsSync(vsce) || !fs.existsSync(path.join(ROOT, 'dist', 'server.js'))) return { vsixBytes: null };
  const outFile = path.join(RESULTS, 'ece-config.vsix');
  fs.rmSync(outFile, { force: true });
  const r = spawnSync(vsce, ['package', '--no-dependencies', '--no-rewrite-relative-links', '-o', outFile], { cwd: ROOT, encoding: 'utf8', timeout: 120000 });
  if (r.status === 0 && fs.existsSync(outFile)) {
    log(`packaged ${path.relative(ROOT, outFile)} with vsce: ${fs.statSync(outFile).size} bytes`);
    return { vsixBytes: fs.statSync(outFile).size, vsixPath: path.relative(ROOT, outFile) };
  }
  const why = `${r.stderr ?? ''}${r.stdout ?? ''}`.split('\n').find((l) => /error/i.test(l))?.trim() ?? `vsce exited with ${r.status}`;
  log(`could not package the .vsix: ${why}`);
  return { vsixBytes: null, vsixError: why };
}

async function measureFloor(data, out) {
  const lint = xmllintAvailable() ?? installXmllint();
  out.floor.xmllintVersion = lint;
  out.floor.fastXmlParserVersion = pkgVersion('fast-xml-parser');
  out.floor.xmlToolsVersion = pkgVersion('@xml-tools/parser');
  let xmlToolsSlow = false;
  for (const size of SIZE_LIST) {
    for (const kind of KIND_LIST.filter((k) => KINDS[k].xml)) {
      if (overBudget()) break;
      const { text, file } = data[`${kind}/${size}`];
      const iters = PLAN[size][2];
      const r = { fxpParse: fxpParse(text, iters), fxpValidate: fxpValidate(text, iters) };
      if (lint) r.xmllint = xmllint(file, Math.min(iters, 20));
      if (kind === 'connpool') {
        if (xmlToolsSlow) r.xmlTools = { skipped: 'the 1 MB run took over 4 s; 10 MB would exceed the run time budget' };
        else r.xmlTools = xmlTools(text, { '1KB': 20, '10KB': 10, '100KB': 5, '1MB': 3, '10MB': 1 }[size]);
        if (size === '1MB' && r.xmlTools?.median > 4000) xmlToolsSlow = true;
      }
      out.floor[`${kind}/${size}`] = r;
      log(`floor ${kind}/${size}: fxp parse ${fmt(r.fxpParse?.median)}, fxp validate ${fmt(r.fxpValidate?.median)}, xmllint ${fmt(r.xmllint?.median)}${r.xmlTools ? `, @xml-tools ${fmt(r.xmlTools.median)}` : ''}`);
    }
  }
  if (lint) {
    const empty = path.join(DATA, 'empty.xml');
    fs.writeFileSync(empty, '<a/>');
    out.floor.xmllintProcessStart = xmllint(empty, 20);
  }
}

function installXmllint() {
  // `xmllint` comes from Debian's libxml2-utils; install it when we may (root, apt-get present).
  if (process.getuid?.() !== 0 || spawnSync('which', ['apt-get']).status !== 0) return null;
  log('installing libxml2-utils for xmllint (apt-get)');
  spawnSync('apt-get', ['update', '-qq'], { stdio: 'ignore', timeout: 120000 });
  spawnSync('apt-get', ['install', '-y', '-qq', 'libxml2-utils'], { stdio: 'ignore', timeout: 180000, env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  return xmllintAvailable();
}

async function measurePeers(data, out) {
  const peers = peerConfigs();
  for (const [id, p] of Object.entries(peers)) {
    if (overBudget()) { out.peers[id] = { label: p.label, skipped: 'run time budget used up' }; continue; }
    if (!fs.existsSync(p.cfg.script)) { out.peers[id] = { label: p.label, skipped: 'not installed (run npm install in bench/)' }; continue; }
    const r = { label: p.label, version: p.version, fixedDelayMs: p.fixedDelayMs, matrix: {} };
    log(`peer ${p.label}: initialize and idle memory`);
    r.startup = await measureStartup(p.cfg, QUICK ? 2 : 3);
    const cases = SIZE_LIST.map((size) => {
      const { text } = data[`${p.ext}/${size}`];
      let offset = text.indexOf('databaseName=', Math.floor(text.length / 2));
      if (offset < 0) offset = text.indexOf('databaseName=');
      return {
        key: `connpool/${size}`, size, text, languageId: p.languageId, offset: offset + 'databaseName='.length + 3,
        iters: PEER_ITERS[size], pause: PAUSE_PEERS,
        uriFor: (k) => uri(path.join(DATA, size, 'peers', `open-${k}`, `egpl_ds_connpool_map.${p.ext}`)),
        // a 1 MB open over 8 s means 10 MB would not fit a bounded run: say so instead of waiting
        skipIf: () => {
          const one = r.matrix['connpool/1MB']?.open?.median;
          return size === '10MB' && one > 8000 ? `1 MB took ${(one / 1000).toFixed(1)} s to open; 10 MB skipped to keep the run bounded` : null;
        },
      };
    });
    await measureMatrix(p.cfg, cases, r.matrix, `peer ${id}`);
    // memory with 1,000 small documents open, like ours (the 1 KB records, each under its own folder)
    if (!overBudget()) {
      const srv = new LspServer(p.cfg);
      try {
        await srv.start();
        await delay(1000);
        const text = (p.ext === 'json' ? connpoolJson : connpoolYaml)(connpoolRecords(SIZES['1KB'], 20260));
        const docs = Array.from({ length: 1000 }, (_, i) => ({ uri: uri(path.join(DATA, 'mem-peers', `home${String(i).padStart(4, '0')}`, `egpl_ds_connpool_map.${p.ext}`)), languageId: p.languageId, text }));
        const m = await openMany(srv, docs, 60000);
        await delay(1000);
        r.memory = { docs: docs.length, docBytes: docs.reduce((a, d) => a + d.text.length, 0), ...m, rssMb: srv.rss() };
        log(`peer ${id}: 1,000 documents: RSS ${r.memory.rssMb?.toFixed(1)} MB, all published ${m.allPublished} in ${fmt(m.ms)}`);
      } catch (e) {
        r.memory = { error: e.message };
      } finally {
        await srv.stop();
      }
    }
    out.peers[id] = r;
  }
}

function machineInfo() {
  const cpus = os.cpus();
  let distro = '';
  try {
    distro = /PRETTY_NAME="([^"]+)"/.exec(fs.readFileSync('/etc/os-release', 'utf8'))?.[1] ?? '';
  } catch { /* not Linux */ }
  let npmVersion = null;
  try {
    npmVersion = execFileSync('npm', ['--version'], { encoding: 'utf8' }).trim();
  } catch { /* no npm on PATH */ }
  return {
    cpu: cpus[0]?.model?.trim() ?? 'unknown', cores: cpus.length, memGb: Math.round(os.totalmem() / 2 ** 30),
    node: process.version, npm: npmVersion, loadAvgStart: os.loadavg().map((x) => Number(x.toFixed(2))), os: `${distro || os.type()} (${os.release()}, ${os.arch()})`,
  };
}

// Bounded: a watchdog ends the run (writing what it has is main's job; this only guarantees the stop).
const WATCHDOG_MS = (CLASSIC ? BUDGET_MS : 0) + PARTS14.reduce((a, x) => a + budget14(x), 0) + 240000;
const watchdog = setTimeout(() => {
  console.error(`bench: still running after ${WATCHDOG_MS / 1000} s; stopping`);
  process.exit(2);
}, WATCHDOG_MS);
watchdog.unref();

const own = runInOwnSession();
if (own) {
  watchdog.unref();
  own.then((code) => process.exit(code));
} else {
  main().then(() => process.exit(0), (e) => {
    console.error(e);
    process.exit(1);
  });
}

