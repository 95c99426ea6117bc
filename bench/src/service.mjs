// In-process timing of the language service alone (parse + rules + conversion to LSP diagnostics),
// bundled from server/src with the root's esbuild. Lets the report split our LSP time into
// service work and protocol overhead. Returns null (with a reason) when the service cannot be built.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { now } from './lsp.mjs';
import { stats } from './measure.mjs';

export async function buildService(root, outDir) {
  const out = path.join(outDir, 'service-bundle.cjs');
  try {
    const require = createRequire(path.join(root, 'package.json'));
    const esbuild = require('esbuild');
    await esbuild.build({
      entryPoints: [path.join(root, 'bench', 'src', 'service-entry.ts')],
      bundle: true, platform: 'node', format: 'cjs', target: 'node20', sourcemap: true,
      outfile: out, logLevel: 'silent', nodePaths: [path.join(root, 'node_modules')],
    });
    const require2 = createRequire(import.meta.url);
    delete require2.cache[out];
    return { bundle: out, api: require2(out) };
  } catch (e) {
    return { error: String(e.message ?? e).split('\n').slice(0, 3).join(' ') };
  }
}

export function timeService(api, settings, uriFor, text, iters, maxMs = 20000) {
  const svc = api.createService(settings);
  const kind = svc.kindOf(uriFor(-1), text);
  if (!kind) return { unrecognised: true };
  let diagnostics = null;
  const samples = [];
  const deadline = now() + maxMs;
  // warm-up (not counted): up to 3 runs or 1 s, so the JIT has seen this kind at this size
  const warmEnd = now() + 1000;
  for (let w = 0; w < 3 && (w === 0 || now() < warmEnd); w++) svc.diagnose(uriFor(-1 - w), text, 1);
  for (let i = 0; i < iters && (i === 0 || now() < deadline); i++) {
    const t0 = now();
    diagnostics = svc.diagnose(uriFor(i), text, 1);
    samples.push(now() - t0);
  }
  const s = stats(samples);
  return s && { ...s, diagnostics };
}

export function cleanup(bundle) {
  for (const f of [bundle, `${bundle}.map`]) fs.rmSync(f, { force: true });
}

/** Runs `fn` under the V8 profiler of this process and writes `<dir>/service.cpuprofile`. */
export async function profileInProcess(dir, fn) {
  const inspector = await import('node:inspector');
  const session = new inspector.Session();
  session.connect();
  const post = (m, p) => new Promise((resolve, reject) => session.post(m, p ?? {}, (err, res) => (err ? reject(err) : resolve(res))));
  await post('Profiler.enable');
  await post('Profiler.setSamplingInterval', { interval: 200 });
  await post('Profiler.start');
  try {
    await fn();
  } finally {
    const { profile } = await post('Profiler.stop');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'service.cpuprofile'), JSON.stringify(profile));
    session.disconnect();
  }
}
