// Summarises the V8 CPU profiles our server wrote with --cpu-prof: the functions with the most self
// time and the most inclusive time, mapped back to server/src file:line through the bundle's source map.
// Usage: node src/prof.mjs [profile-dir]   (also called by `npm run bench -- --profile`)
import fs from 'node:fs';
import path from 'node:path';
import { SourceMap } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

function loadSourceMap(bundle) {
  try {
    const text = fs.readFileSync(bundle, 'utf8');
    const m = /\/\/# sourceMappingURL=(\S+)\s*$/.exec(text.slice(-100000));
    let payload = null;
    if (m && m[1].startsWith('data:')) payload = JSON.parse(Buffer.from(m[1].slice(m[1].indexOf(',') + 1), 'base64').toString('utf8'));
    else if (m) payload = JSON.parse(fs.readFileSync(path.resolve(path.dirname(bundle), m[1]), 'utf8'));
    else if (fs.existsSync(`${bundle}.map`)) payload = JSON.parse(fs.readFileSync(`${bundle}.map`, 'utf8'));
    return payload ? new SourceMap(payload) : null;
  } catch {
    return null;
  }
}

export function summarizeProfiles(dir, bundle, root, top = 25) {
  if (!fs.existsSync(dir)) return `no profiles in ${dir}\n`;
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'));
  if (!files.length) return `no .cpuprofile files in ${dir}\n`;
  const map = loadSourceMap(bundle);
  const bundleUrl = pathToFileURL(bundle).href;
  const self = new Map();
  const incl = new Map();
  const lines = new Map();
  const lineOf = (cf, line) => {
    // positionTicks lines are 1-based lines of the loaded script
    if ((cf.url === bundleUrl || cf.url === bundle) && map) {
      const e = map.findEntry(line - 1, 100000);
      if (e && e.originalSource) {
        const src = e.originalSource.startsWith('file:') ? fileURLToPath(e.originalSource) : path.resolve(path.dirname(bundle), e.originalSource);
        return `${path.relative(root, src)}:${e.originalLine + 1}`;
      }
    }
    return null;
  };
  let totalMs = 0;
  const where = (cf) => {
    if (!cf.url) return `(${cf.functionName || 'program'})`;
    if ((cf.url === bundleUrl || cf.url === bundle) && map) {
      const e = map.findEntry(cf.lineNumber, cf.columnNumber);
      if (e && e.originalSource) {
        const src = e.originalSource.startsWith('file:') ? fileURLToPath(e.originalSource) : path.resolve(path.dirname(bundle), e.originalSource);
        return `${path.relative(root, src)}:${e.originalLine + 1}`;
      }
    }
    const file = cf.url.startsWith('file:') ? path.relative(root, fileURLToPath(cf.url)) : cf.url;
    return `${file}:${cf.lineNumber + 1}`;
  };
  for (const f of files) {
    const prof = JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8'));
    const byId = new Map(prof.nodes.map((n) => [n.id, n]));
    const parent = new Map();
    for (const n of prof.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
    const interval = prof.samples.length ? (prof.endTime - prof.startTime) / 1000 / prof.samples.length : 0;
    for (const n of prof.nodes) {
      for (const pt of n.positionTicks ?? []) {
        const k = lineOf(n.callFrame, pt.line);
        if (k) lines.set(`${k}  (in ${n.callFrame.functionName || 'anonymous'})`, (lines.get(`${k}  (in ${n.callFrame.functionName || 'anonymous'})`) ?? 0) + pt.ticks * interval);
      }
    }
    const selfMs = new Map();
    for (let i = 0; i < prof.samples.length; i++) {
      const dt = (prof.timeDeltas[i + 1] ?? prof.timeDeltas[i] ?? 0) / 1000;
      selfMs.set(prof.samples[i], (selfMs.get(prof.samples[i]) ?? 0) + dt);
      totalMs += dt;
    }
    for (const [id, ms] of selfMs) {
      const n = byId.get(id);
      const key = `${n.callFrame.functionName || '(anonymous)'}  ${where(n.callFrame)}`;
      self.set(key, (self.get(key) ?? 0) + ms);
      // inclusive: credit each distinct function on the stack once
      const seen = new Set();
      for (let cur = id; cur !== undefined; cur = parent.get(cur)) {
        const cn = byId.get(cur);
        const k = `${cn.callFrame.functionName || '(anonymous)'}  ${where(cn.callFrame)}`;
        if (seen.has(k)) continue;
        seen.add(k);
        incl.set(k, (incl.get(k) ?? 0) + ms);
      }
    }
  }
  // percentages of the busy time: idle (waiting for the client) is left out
  const idleMs = [...self].filter(([k]) => k.startsWith('(idle)')).reduce((a, [, v]) => a + v, 0);
  const busyMs = Math.max(1, totalMs - idleMs);
  const fmt = (m) => [...m].filter(([k]) => !k.startsWith('(idle)')).sort((a, b) => b[1] - a[1]).slice(0, top)
    .map(([k, ms]) => `${ms.toFixed(0).padStart(8)} ms ${((100 * ms) / busyMs).toFixed(1).padStart(5)}%  ${k}`).join('\n');
  const ours = (m) => new Map([...m].filter(([k]) => k.includes('server/src/')));
  return [
    `CPU profiles: ${files.length} file(s) in ${path.relative(root, dir)}, ${totalMs.toFixed(0)} ms sampled, ${busyMs.toFixed(0)} ms busy (percentages are of the busy time); source map ${map ? 'used' : 'NOT found (positions are in the bundle)'}`,
    '', 'Self time, top functions:', fmt(self),
    '', 'Self time, our code only (server/src):', fmt(ours(self)),
    '', 'Inclusive time, our code only (server/src):', fmt(ours(incl)),
    '', 'Hot lines, self time by source line, our code only (server/src):', fmt(ours(lines)),
    '',
  ].join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const root = path.resolve(here, '..', '..');
  const dir = path.resolve(process.argv[2] ?? path.join(here, '..', 'results', 'prof'));
  process.stdout.write(summarizeProfiles(dir, path.join(root, 'dist', 'server.js'), root));
}
