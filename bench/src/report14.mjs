// Renders the issue-14 runs (bench/results/issue14/*.json, one file per part and, for the hard inputs, per kind)
// as Markdown between the issue-14 markers of BENCHMARKS.md. Each part keeps the header of the run that made it
// (time, command, commit, load), so a later `--only` run of one part leaves the others' figures as they were.
// When bench/baselines/issue14/ holds a saved run of other code, the targets table shows it next to this one.
//
// Usage: node src/report14.mjs [results-dir]          (re-render from saved results)
//        node src/report14.mjs --save-baseline         (copy the current results to bench/baselines/issue14/)
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { HARD } from './hard.mjs';
import { HOME_CROSS_FILE, homeFiles } from './homes.mjs';

const START = '<!-- bench:issue14:start (written by `npm run bench`; edit the prose outside these markers) -->';
const END = '<!-- bench:issue14:end -->';
const HERE = path.dirname(fileURLToPath(import.meta.url));
export const BASELINE_DIR = path.resolve(HERE, '..', 'baselines', 'issue14');

const ms = (v) => (v == null || !Number.isFinite(v) ? '—' : v >= 1000 ? `${(v / 1000).toFixed(2)} s` : v >= 100 ? `${v.toFixed(0)} ms` : `${v.toFixed(1)} ms`);
const bytes = (n) => (n == null ? '—' : n >= 2 ** 20 ? `${(n / 2 ** 20).toFixed(2)} MB` : n >= 1024 ? `${(n / 1024).toFixed(1)} KB` : `${Math.round(n)} B`);
const x = (v) => (v == null || !Number.isFinite(v) ? '—' : `${v.toFixed(v >= 10 ? 1 : 2)}×`);
const la = (m) => (m ? `${m.loadBefore?.[0] ?? '?'} → ${m.loadAfter?.[0] ?? '?'}; others ${m.otherCores ?? '?'} cores${m.busy ? ' (**busy**)' : ''}` : '—');
const esc = (s) => String(s).replace(/\|/g, '\\|').replace(/\s+/g, ' ');

/** Reads the saved parts of a results directory: { hard: {kind: saved}, homes, open, fixall }. */
export function readParts(dir) {
  const parts = { hard: {} };
  if (!fs.existsSync(dir)) return parts;
  for (const f of fs.readdirSync(dir).sort()) {
    if (!f.endsWith('.json')) continue;
    const saved = JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8'));
    const m = /^hard-(.+)\.json$/.exec(f);
    if (m) parts.hard[m[1]] = saved;
    else if (['homes', 'open', 'fixall'].includes(f.replace('.json', ''))) parts[f.replace('.json', '')] = saved;
  }
  return parts;
}

/**
 * A ratio against its target, judged only on an idle machine: when other processes kept the machine busy the
 * verdict is "machine busy", unless the ratio is more than twice the target (no load explains that).
 */
export function judgeRatio(v, target, busy) {
  if (v == null || !Number.isFinite(v)) return 'not measured';
  if (!busy) return v <= target ? 'met' : '**not met**';
  if (v > 2 * target) return '**not met** (machine busy, but over twice the target)';
  return `machine busy (${v <= target ? 'within' : 'over'} the target)`;
}

const busyOf = (...ms_) => ms_.some((m) => m?.busy);
const ratio = (a, b) => (a != null && b ? a / b : null);

/** Figures of one saved part set, for the targets table (also used for the baseline column). */
function figures(parts) {
  const f = { kinds: {} };
  for (const [kind, saved] of Object.entries(parts.hard)) {
    const k = saved.result.kinds[kind] ?? {};
    const s1 = k['1MB'];
    const s10 = k['10MB'];
    const bpf = ['100KB', '1MB', '10MB'].map((s) => k[s]?.open?.bytesPerFinding ?? null);
    f.kinds[kind] = {
      openRatio: ratio(s10?.open?.median, s1?.open?.median),
      editRatio: ratio(s10?.edit?.median, s1?.edit?.median),
      crashed10: s10?.crashed ?? null,
      measured10: !!s10 && !s10.skipped,
      bpf,
      busy: busyOf(s1?.machine, s10?.machine),
    };
  }
  const pool1 = parts.hard.connpool?.result.kinds.connpool?.['1MB'];
  const pool10 = parts.hard.connpool?.result.kinds.connpool?.['10MB'];
  f.pool = pool1 && { open: pool1.open?.median, floor: pool1.floor?.median, ratio: ratio(pool1.open?.median, pool1.floor?.median), busy: pool1.machine?.busy, pools: pool1.pools, crashed: pool1.crashed };
  f.pool10 = pool10 && !pool10.skipped && { published: !pool10.crashed && pool10.open?.diagnostics != null, crashed: pool10.crashed, peak: pool10.peakRssMb, pools: pool10.pools };
  const h = parts.homes?.result;
  if (h) {
    const counts = h.counts.filter((n) => h.runs[n] && !h.runs[n].skipped);
    const lo = counts[0];
    const hi = counts[counts.length - 1];
    const a = h.runs[lo];
    const b = h.runs[hi];
    f.homes = {
      lo, hi,
      cli: ratio(b?.cli?.ms, a?.cli?.ms), server: ratio(b?.server?.ms, a?.server?.ms),
      cliBusy: busyOf(a?.cli?.machine, b?.cli?.machine), serverBusy: busyOf(a?.server?.machine, b?.server?.machine),
      cliMs: [a?.cli?.ms, b?.cli?.ms], serverMs: [a?.server?.ms, b?.server?.ms],
    };
  }
  const o = parts.open?.result;
  if (o && !o.skipped) f.open = { docs: o.docs, max: o.maxPerDoc, total: o.total, never: o.neverPublished };
  const fx = parts.fixall?.result;
  if (fx) {
    const a = fx.runs['100KB'];
    const b = fx.runs['400KB'];
    f.fixall = {
      fixAll: ratio(b?.fixAll?.median, a?.fixAll?.median), quick: ratio(b?.quickFix?.median, a?.quickFix?.median),
      busy: busyOf(a?.machine, b?.machine), ms: [a?.fixAll?.median, b?.fixAll?.median], quickMs: [a?.quickFix?.median, b?.quickFix?.median],
      resolve: ratio(b?.resolve?.median, a?.resolve?.median), resolveMs: [a?.resolve?.median, b?.resolve?.median],
    };
  }
  return f;
}

function header(saved) {
  const m = saved.machine ?? {};
  const c = saved.code;
  const code = c ? `${c.commit}${c.product && c.product !== c.commit ? ` (product sources as of ${c.product})` : ''}${c.dirty ? ' with uncommitted changes under server/ or client/' : ''}` : 'unknown';
  return `${saved.when} (${saved.quick ? 'quick mode' : 'full mode'}), code ${code}${saved.label ? `, **${esc(saved.label)}**` : ''}; ${m.cpu ?? '?'}, ${m.cores ?? '?'} cores, Node ${m.node ?? '?'}; \`${saved.command}\`; ${Math.round(saved.seconds)} s`;
}

export function renderIssue14(parts, baseline) {
  const L = [];
  const f = figures(parts);
  const b = baseline ? figures(baseline) : null;
  const hardKinds = [...Object.keys(HARD).filter((k) => parts.hard[k]), ...Object.keys(parts.hard).filter((k) => !HARD[k])];
  const quick = [...Object.values(parts.hard), parts.homes, parts.open, parts.fixall].some((p) => p?.quick);

  L.push('Runs that made the figures below (each part keeps its own run):', '');
  const byHeader = new Map();
  for (const kind of hardKinds) {
    const hd = header(parts.hard[kind]);
    byHeader.set(hd, [...(byHeader.get(hd) ?? []), kind]);
  }
  for (const [hd, kinds] of byHeader) L.push(`- hard inputs (${kinds.join(', ')}): ${hd}`);
  for (const p of ['homes', 'open', 'fixall']) if (parts[p]) L.push(`- ${p}: ${header(parts[p])}`);
  if (b) L.push(`- baseline column: ${[...Object.values(baseline.hard), baseline.homes, baseline.open, baseline.fixall].filter(Boolean).map((s) => `${s.code?.product ?? s.code?.commit ?? '?'}${s.label ? ` (${esc(s.label)})` : ''}`).filter((v, i, a) => a.indexOf(v) === i).join(', ')}, saved in \`bench/baselines/issue14/\``);
  L.push('', 'Load: the 1-minute load average before → after each measurement, and the CPU other processes used meanwhile ("others", in cores; **busy** above half a core). On a busy machine a time budget is reported as "machine busy" instead of met or not met, unless the ratio is more than twice its target.', '');

  // ---- targets
  const rows = [];
  const base = (v) => (b ? ` | ${v ?? '—'}` : '');
  for (const kind of hardKinds) {
    const k = f.kinds[kind];
    const bk = b?.kinds[kind];
    const measured = k.crashed10 ? `crashed at 10 MB: ${esc(k.crashed10.error).slice(0, 160)}` : `open ${x(k.openRatio)}, edit ${x(k.editRatio)}`;
    const verdict = !k.measured10 ? 'not measured (no 10 MB run)' : k.crashed10 ? '**crashed**' : judgeRatio(Math.max(k.openRatio ?? 0, k.editRatio ?? 0) || null, 11, k.busy);
    rows.push([`${kind}, hard input: 10 MB / 1 MB ≤ 11× (time)`, measured, verdict, bk ? (bk.crashed10 ? 'crashed' : `open ${x(bk.openRatio)}, edit ${x(bk.editRatio)}`) : null]);
  }
  for (const kind of hardKinds) {
    const k = f.kinds[kind];
    const bk = b?.kinds[kind];
    const [a, m, z] = k.bpf;
    const first = a ?? m;
    const last = z ?? m;
    const growth = first && last ? last / first : null;
    const shown = k.bpf.map((v) => (v == null ? '—' : bytes(v))).join(' → ');
    const verdict = k.crashed10 ? '**crashed** (10 MB published nothing)' : growth == null ? 'not measured' : growth <= 1.25 ? 'met' : '**not met**';
    rows.push([`${kind}: published bytes per finding not growing with the file (100 KB → 1 MB → 10 MB)`, `${shown}${growth != null ? ` (${x(growth)})` : ''}`, verdict, bk ? bk.bpf.map((v) => (v == null ? '—' : bytes(v))).join(' → ') : null]);
  }
  if (f.pool) {
    rows.push([`pool file of ${f.pool.pools?.toLocaleString('en-US')} distinct pools (1 MB): open → diagnostics ≤ 2× fast-xml-parser validate + parse of the same text`,
      f.pool.crashed ? `crashed: ${esc(f.pool.crashed.error)}` : `${ms(f.pool.open)} vs ${ms(f.pool.floor)}: ${x(f.pool.ratio)}`, f.pool.crashed ? '**crashed**' : judgeRatio(f.pool.ratio, 2, f.pool.busy),
      b?.pool ? `${ms(b.pool.open)} vs ${ms(b.pool.floor)}: ${x(b.pool.ratio)}` : null]);
  }
  if (f.pool10) {
    const p = f.pool10;
    const ok = p.published && !p.crashed && p.peak != null && p.peak < 1024;
    rows.push([`pool file of ${p.pools?.toLocaleString('en-US')} pools (10 MB): diagnostics published, no crash, server memory < 1 GB`,
      `published: ${p.published ? 'yes' : 'no'}; ${p.crashed ? `crashed: ${esc(p.crashed.error).slice(0, 160)}` : 'no crash'}; peak RSS ${p.peak != null ? `${p.peak.toFixed(0)} MB` : '—'}`,
      p.crashed ? '**crashed**' : ok ? 'met' : '**not met**',
      b?.pool10 ? `published: ${b.pool10.published ? 'yes' : 'no'}; ${b.pool10.crashed ? 'crashed' : 'no crash'}; peak ${b.pool10.peak?.toFixed(0)} MB` : null]);
  }
  if (f.homes) {
    const h = f.homes;
    rows.push([`Check Workspace: ${h.hi.toLocaleString('en-US')} homes ≤ 4.5× the time of ${h.lo} homes${h.hi / h.lo !== 4 ? ` (target scaled for ${h.hi / h.lo}× the homes)` : ''}`, `${ms(h.serverMs[0])} → ${ms(h.serverMs[1])}: ${x(h.server)}`,
      judgeRatio(h.server, 4.5 * (h.hi / h.lo) / 4, h.serverBusy), b?.homes ? `${ms(b.homes.serverMs[0])} → ${ms(b.homes.serverMs[1])}: ${x(b.homes.server)}` : null]);
    rows.push([`\`ece-config check --format json\`: ${h.hi.toLocaleString('en-US')} homes ≤ 4.5× the time of ${h.lo} homes`, `${ms(h.cliMs[0])} → ${ms(h.cliMs[1])}: ${x(h.cli)}`,
      judgeRatio(h.cli, 4.5 * (h.hi / h.lo) / 4, h.cliBusy), b?.homes ? `${ms(b.homes.cliMs[0])} → ${ms(b.homes.cliMs[1])}: ${x(b.homes.cli)}` : null]);
  }
  if (f.open) {
    rows.push([`opening ${f.open.docs.toLocaleString('en-US')} documents in ${f.open.docs.toLocaleString('en-US')} homes publishes each document at most twice`, `at most ${f.open.max} per document, ${f.open.total} in all (${x(f.open.total / f.open.docs)} the one publish each needs)${f.open.never ? `; ${f.open.never} never published` : ''}`,
      f.open.never ? '**not met** (some documents got no diagnostics)' : f.open.max <= 2 ? 'met' : '**not met**', b?.open ? `at most ${b.open.max}, ${b.open.total} in all` : null]);
  }
  if (f.fixall) {
    rows.push(['fix all (`source.fixAll.ece`) on a 400 KB file ≤ 4× the 100 KB time', `${ms(f.fixall.ms[0])} → ${ms(f.fixall.ms[1])}: ${x(f.fixall.fixAll)}`, judgeRatio(f.fixall.fixAll, 4, f.fixall.busy),
      b?.fixall ? `${ms(b.fixall.ms[0])} → ${ms(b.fixall.ms[1])}: ${x(b.fixall.fixAll)}` : null]);
    rows.push(['quick fixes at the cursor (with "Fix all <rule> in this file") on a 400 KB file ≤ 4× the 100 KB time', `${ms(f.fixall.quickMs[0])} → ${ms(f.fixall.quickMs[1])}: ${x(f.fixall.quick)}`, judgeRatio(f.fixall.quick, 4, f.fixall.busy),
      b?.fixall ? `${ms(b.fixall.quickMs[0])} → ${ms(b.fixall.quickMs[1])}: ${x(b.fixall.quick)}` : null]);
    if (f.fixall.resolveMs[1] != null) {
      rows.push(['choosing "Fix all <rule> in this file" (`codeAction/resolve`) on a 400 KB file ≤ 4× the 100 KB time', `${ms(f.fixall.resolveMs[0])} → ${ms(f.fixall.resolveMs[1])}: ${x(f.fixall.resolve)}`, judgeRatio(f.fixall.resolve, 4, f.fixall.busy),
        b?.fixall ? 'the edits came with the list' : null]);
    }
  }
  L.push('### Issue-14 targets', '');
  if (quick) L.push('**Some parts below come from a quick run** (smaller inputs: no 10 MB, 100 / 200 / 400 homes, 250 documents): their verdicts are indicative only; the targets are judged on a full run.', '');
  L.push(`| target | measured | verdict${b ? ' | baseline' : ''} |`, `|---|---|---|${b ? '---|' : ''}`);
  for (const r of rows) L.push(`| ${r[0]} | ${r[1]} | ${r[2]}${base(r[3])} |`);
  L.push('');

  // ---- hard inputs
  if (hardKinds.length) {
    L.push('### Hard inputs: per kind and size', '');
    L.push('Open = `didOpen` → the first `publishDiagnostics` (fresh URI each time, median of the warm opens); edit = one-character change in the middle → the publish of that version (median). Published = size of the JSON of the first publish; per finding = that size / its number of diagnostics. Peak RSS = the server\'s `VmHWM` (a fresh server per size). Rules = expected rule ids that fired / expected (listed in `bench/src/hard.mjs`), counted by `ece-config check` on the same input and partners (the CLI reports every finding; what the server publishes may be capped per file).', '');
    L.push('| kind | size | bytes | findings | rules | open | edit | floor | open / floor | published | per finding | peak RSS | load |', '|---|---|---|---|---|---|---|---|---|---|---|---|---|');
    for (const kind of hardKinds) {
      const saved = parts.hard[kind];
      for (const size of saved.result.sizes) {
        const r = saved.result.kinds[kind]?.[size];
        if (!r) continue;
        if (r.skipped) { L.push(`| ${kind} | ${size} | — | ${r.skipped} | | | | | | | | | |`); continue; }
        const o = r.open ?? {};
        const exp = HARD[kind]?.expect.length ?? 0;
        const rules = r.missingRules
          ? `${exp - r.missingRules.length}/${exp}${r.missingRules.length ? ` (**missing: ${r.missingRules.join(', ')}**)` : ''}`
          : r.rulesCheckError ? `not checked: ${esc(r.rulesCheckError).slice(0, 120)}` : '—';
        const openCell = r.crashed ? `**crashed** after ${ms(r.crashed.afterMs)}: ${esc(r.crashed.error).slice(0, 120)}` : ms(o.median);
        L.push(`| ${kind} | ${size}${r.pools ? ` (${r.pools.toLocaleString('en-US')} pools)` : ''} | ${bytes(r.bytes)} | ${o.diagnostics ?? '—'} | ${rules} | ${openCell} | ${ms(r.edit?.median)}${r.edit?.failures ? ` (${r.edit.failures} timed out)` : ''} | ${ms(r.floor?.median)} | ${x(ratio(o.median, r.floor?.median))} | ${bytes(o.bytes)} | ${bytes(o.bytesPerFinding)} | ${r.peakRssMb != null ? `${r.peakRssMb.toFixed(0)} MB` : '—'} | ${la(r.machine)} |`);
      }
    }
    const floors = [...new Set(hardKinds.map((k) => Object.values(parts.hard[k].result.kinds[k] ?? {}).find((r) => r.floor)?.floor.name).filter(Boolean))];
    L.push('', `Floors (in the bench process, same text): ${floors.join('; ')}. Hard settings: \`ece.listenerNames\` = \`${parts.hard[hardKinds[0]].result.settings?.listenerNames?.join(', ')}\` besides the bench settings; the cross-file partners (a pool file, spog_config.js, a layout) sit on disk in the ECE home each input is opened in.`, '');

    L.push('### Hard inputs: growth', '');
    L.push('Each size step is 10× the bytes (3.3 doublings); "per doubling" is the 10 MB / 1 MB time ratio spread over those doublings (2.0 is linear).', '');
    L.push('| kind | open 1 MB / 100 KB | open 10 MB / 1 MB | edit 1 MB / 100 KB | edit 10 MB / 1 MB | open per doubling (1 → 10 MB) | findings 100 KB → 1 MB → 10 MB | bytes per finding 100 KB → 1 MB → 10 MB |', '|---|---|---|---|---|---|---|---|');
    for (const kind of hardKinds) {
      const k = parts.hard[kind].result.kinds[kind] ?? {};
      const o = (s) => k[s]?.open?.median;
      const e = (s) => k[s]?.edit?.median;
      const r10 = ratio(o('10MB'), o('1MB'));
      L.push(`| ${kind} | ${x(ratio(o('1MB'), o('100KB')))} | ${k['10MB']?.crashed ? '**crashed**' : x(r10)} | ${x(ratio(e('1MB'), e('100KB')))} | ${k['10MB']?.crashed ? '**crashed**' : x(ratio(e('10MB'), e('1MB')))} | ${r10 ? `${Math.pow(r10, 1 / Math.log2(10)).toFixed(2)}×` : '—'} | ${['100KB', '1MB', '10MB'].map((s) => k[s]?.open?.diagnostics ?? '—').join(' → ')} | ${['100KB', '1MB', '10MB'].map((s) => bytes(k[s]?.open?.bytesPerFinding)).join(' → ')} |`);
    }
    L.push('');

    L.push('<details><summary>Findings per rule id on the hard inputs (by the CLI, at the largest size it checked)</summary>', '');
    for (const kind of hardKinds) {
      const k = parts.hard[kind].result.kinds[kind] ?? {};
      const size = ['10MB', '1MB', '100KB'].find((s) => k[s]?.rules ?? k[s]?.open?.rules);
      if (!size) continue;
      const counts = k[size].rules ?? k[size].open.rules;
      L.push(`- **${kind} ${size}**${k[size].rules ? '' : ' (as published)'}: ${Object.entries(counts).sort((p, q) => q[1] - p[1]).map(([id, n]) => `\`${id}\` ${n}`).join(', ')}`);
    }
    L.push('', '</details>', '');
  }

  // ---- homes
  const h = parts.homes?.result;
  if (h) {
    L.push('### Many ECE homes: `ece-config check` and Check Workspace', '');
    L.push(`Each home: ${Object.keys(homeFiles(0)).length} files (pool file, reportsdb_utility.properties, input.properties, ece_config.js, spog_config.js, three layouts, web.config; \`bench/src/homes.mjs\`) with the same planted mistakes, cross-file ones included (${HOME_CROSS_FILE.map((c) => `\`${c}\``).join(', ')}). "Totals" checks that the findings per rule are exactly N times one home's, so a file compared with another home's files shows. CLI: \`node dist/cli.js check <root> --format json\` as a fresh process (start-up included). Check Workspace: the \`ece/checkWorkspace\` request with the root, on a server whose workspace folder is empty; it returns after publishing every file's diagnostics. Floor: the per-kind floors over every file of the workspace, in the bench process.`, '');
    L.push('| homes | CLI | CLI totals | Check Workspace | findings | server totals | server peak RSS | floor | CLI / floor | server / floor | load (CLI) | load (server) |', '|---|---|---|---|---|---|---|---|---|---|---|---|');
    for (const n of h.counts) {
      const r = h.runs[n];
      if (!r || r.skipped) { L.push(`| ${n} | ${r?.skipped ?? 'not run'} | | | | | | | | | | |`); continue; }
      const tot = (d) => (d == null ? '—' : Object.keys(d).length ? `**differ**: ${esc(Object.entries(d).map(([id, v]) => `${id} ${v.got}/${v.expected}`).join(', '))}` : 'as expected');
      L.push(`| ${n} | ${ms(r.cli?.ms)}${r.cli?.exitCode > 1 ? ` (exit ${r.cli.exitCode})` : ''} | ${tot(r.cli?.totalsDiffer)} | ${r.server?.error ? `failed: ${esc(r.server.error)}` : ms(r.server?.ms)} | ${r.server?.findings ?? '—'} | ${tot(r.server?.totalsDiffer)} | ${r.server?.peakRssMb != null ? `${r.server.peakRssMb.toFixed(0)} MB` : '—'} | ${ms(r.floor?.ms)} | ${x(ratio(r.cli?.ms, r.floor?.ms))} | ${x(ratio(r.server?.ms, r.floor?.ms))} | ${la(r.cli?.machine)} | ${la(r.server?.machine)} |`);
    }
    L.push('');
  }

  // ---- open many
  const o = parts.open?.result;
  if (o) {
    L.push('### Opening many documents', '');
    if (o.skipped || o.error) L.push(o.skipped ?? `Failed: ${o.error}`, '');
    else {
      L.push(`${esc(o.input)}. The documents are opened right after \`initialized\` (as VS Code restores editors), while the server loads the folder; the run ends when every document has diagnostics and neither publishes nor server CPU happened for 2 s. Floor: one publish per document.`, '');
      L.push('| documents | publishes for them | per document: max | per document: 1 / 2 / 3 / 4+ | publishes for other files | all published after | settled after | peak RSS | load |', '|---|---|---|---|---|---|---|---|---|');
      const hg = o.histogram ?? {};
      L.push(`| ${o.docs} | ${o.total} (${x(o.total / o.docs)} the floor) | ${o.maxPerDoc} | ${hg['1'] ?? 0} / ${hg['2'] ?? 0} / ${hg['3'] ?? 0} / ${hg['4+'] ?? 0} | ${o.otherUris} | ${ms(o.allPublishedMs)} | ${ms(o.settledMs)} | ${o.peakRssMb?.toFixed(0)} MB | ${la(o.machine)} |`, '');
    }
  }

  // ---- fix all
  const fx = parts.fixall?.result;
  if (fx) {
    L.push('### Fix all', '');
    L.push('A reportsdb_utility.properties file with an unescaped Windows or UNC path on every second line (distinct keys and values; `bench/src/hard.mjs` `reportsdbFixable`). Fix all = one `textDocument/codeAction` with `only: ["source.fixAll.ece"]` over the whole file; quick fix = one request at the finding in the middle of the file with the diagnostics of that line (what VS Code sends when the cursor rests there), whose answer includes "Fix all <rule> in this file" (the bench declares \`codeAction.resolveSupport\` for \`edit\`, as VS Code does, so that action comes without its edits); resolve = the \`codeAction/resolve\` request VS Code sends when an action is chosen: for "Fix all <rule>", which returns its edits (the merged edits are kept per analysis, so after the first request a resolve converts them to positions), and for "Disable <rule> for this line", which runs every rule again on the text with the comment. Floor: the open → diagnostics time of the same file (the validation that found the problems).', '');
    L.push('| size | findings (fixable) | open → diagnostics | fix all | edits | fix all / open | quick fix | actions (answer size) | quick fix / open | resolve fix all (edits) | resolve disable line | load |', '|---|---|---|---|---|---|---|---|---|---|---|---|');
    for (const size of fx.sizes) {
      const r = fx.runs[size];
      if (!r || r.skipped || r.error) { L.push(`| ${size} | ${r?.skipped ?? r?.error ?? 'not run'} | | | | | | | | |`); continue; }
      L.push(`| ${size} (${bytes(r.bytes)}) | ${r.findings} (${r.fixable}) | ${ms(r.openMs)} | ${ms(r.fixAll?.median)} | ${r.fixAllEdits} | ${x(ratio(r.fixAll?.median, r.openMs))} | ${ms(r.quickFix?.median)} | ${r.quickFixActions} (${bytes(r.quickFixBytes)}) | ${x(ratio(r.quickFix?.median, r.openMs))} | ${r.resolve ? `${ms(r.resolve.median)} (${r.resolvedEdits})` : '—'} | ${r.resolveDisable ? `${ms(r.resolveDisable.median)}${r.disableResolved ? '' : ' (refused)'}` : '—'} | ${la(r.machine)} |`);
    }
    L.push('');
  }
  return L.join('\n');
}


export function writeIssue14Report(resultsDir, file, baselineDir = BASELINE_DIR) {
  const parts = readParts(resultsDir);
  let baseline = fs.existsSync(baselineDir) ? readParts(baselineDir) : null;
  // the baseline column only when it is another run than this one
  const stamp = (p) => JSON.stringify([Object.values(p.hard).map((s) => s.when), p.homes?.when, p.open?.when, p.fixall?.when]);
  if (baseline && stamp(baseline) === stamp(parts)) baseline = null;
  const body = renderIssue14(parts, baseline);
  let text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '# Benchmarks\n';
  if (text.indexOf(START) < 0 || text.indexOf(END) < text.indexOf(START)) text = `${text.trimEnd()}\n\n${START}\n${END}\n`;
  const a = text.indexOf(START);
  const b = text.indexOf(END);
  text = `${text.slice(0, a + START.length)}\n${body}\n${text.slice(b)}`;
  fs.writeFileSync(file, text);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const results = path.resolve(HERE, '..', 'results', 'issue14');
  if (process.argv[2] === '--save-baseline') {
    fs.mkdirSync(BASELINE_DIR, { recursive: true });
    for (const f of fs.readdirSync(results).filter((n) => n.endsWith('.json'))) fs.copyFileSync(path.join(results, f), path.join(BASELINE_DIR, f));
    console.log(`saved ${results} to ${BASELINE_DIR}`);
  } else {
    writeIssue14Report(path.resolve(process.argv[2] ?? results), path.resolve(HERE, '..', '..', 'BENCHMARKS.md'));
  }
}
