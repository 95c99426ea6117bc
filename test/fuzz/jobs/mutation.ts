/**
 * Mutation fuzzer: seed files with 1 to 5 seeded mutations (`harness/mutate.ts`), line breaks and byte-order mark
 * changed, under good and garbage settings; files of the example home are analysed inside the home (and one partner
 * file is analysed too, reading the mutated model). Web.config cases hover through the real regex worker, cancelling
 * some requests and asking others several times at once. Case ids: `s:<seed>` (service), `c:<seed>` (the CLI in a
 * child process on the mutated file stored in one of the encodings of `harness/cli.ts`, in a copy of its home).
 */
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { WorkerRegexRunner } from '../../../server/src/node/regexRunner';
import { decodeBytes } from '../../../server/src/node/textFile';
import { EceLanguageService } from '../../../server/src/service/core/engine';
import { defaultSettings, type Settings } from '../../../server/src/service/core/settings';
import { caseSeed, count } from '../harness/config';
import { cliProblems, pickStorage, READABLE, runCli, store } from '../harness/cli';
import { corpus, EXAMPLE_HOME, FUZZ_BASE, HOME_URI, type SeedFile } from '../harness/corpus';
import { serviceFor } from '../harness/home';
import { int, mutate, pick, reframe, type Rnd } from '../harness/mutate';
import type { Failure, Outcome } from '../harness/runner';
import { exercise, type Problem } from '../harness/service';
import { randomSettings } from '../harness/settings';
import { seededRandom } from '../../unit/random';

const MASTER = 0x3a7e_9b01;

/** A mutated seed file, the same for the same seed. */
export function mutatedFile(r: Rnd): { file: SeedFile; text: string } {
  const files = corpus();
  const file = pick(r, files);
  let text = r() < 0.6 ? reframe(r, file.text) : file.text;
  text = mutate(r, text, int(r, 1, 5), { kind: file.kind, donors: files.map((f) => f.text) });
  return { file, text };
}

export function cases(): string[] {
  const out: string[] = [];
  for (let i = 0; i < count(600); i++) out.push(`s:${caseSeed(MASTER, i)}`);
  for (let i = 0; i < count(16); i++) out.push(`c:${caseSeed(MASTER ^ 0xc1, i)}`);
  return out;
}

/** The input of a case (for `npm run fuzz:repro` with ECE_FUZZ_SHOW=1). */
export function describeCase(id: string): string {
  const { file, text } = mutatedFile(seededRandom(Number(id.slice(2))));
  return `${file.rel} (as ${file.uri}), mutated:\n${JSON.stringify(text)}`;
}

export async function runCase(id: string): Promise<Outcome> {
  const seed = Number(id.slice(2));
  return id.startsWith('c:') ? cliCase(id, seed) : serviceCase(id, seed);
}

const toFailures = (id: string, ps: Problem[], where = ''): Failure[] => ps.map((p) => ({ kind: p.kind, id, detail: `${where}${p.detail}` }));

async function serviceCase(id: string, seed: number): Promise<Outcome> {
  const r = seededRandom(seed);
  const { file, text } = mutatedFile(r);
  const settings = randomSettings(r, file.kind, file.inHome);
  const runner = file.kind === 'webconfig' && r() < 0.5 ? new WorkerRegexRunner() : undefined;
  try {
    // With the real regex worker (as the server has it) for some web.config cases.
    const setup = serviceFor(file, text, settings, runner ? { regexRunner: runner } : {});
    const ex = await exercise({ ...setup, uri: file.uri, text, rnd: r, hovers: 5, actionsPerDiagnostic: 8 });
    const failures = toFailures(id, ex.problems);
    if (runner) failures.push(...(await raceHovers(setup.service, ex.doc, settings, r, id, setup.logs)));
    let partners = 0;
    if (setup.partners.length) {
      // A partner file of the home, reading the mutated model through the workspace.
      const p = pick(r, setup.partners);
      const px = await exercise({ ...setup, uri: p.uri, text: p.text, rnd: r, hovers: 2, actionsPerDiagnostic: 2 });
      failures.push(...toFailures(id, px.problems, `partner ${p.rel}: `));
      partners++;
    }
    return { inputs: 1, failures, stats: { diagnostics: ex.diagnostics.length, codeActions: ex.actions.length, partnersAnalysed: partners, regexWorkerCases: runner ? 1 : 0 } };
  } finally {
    runner?.dispose();
  }
}

/** Hovers on the same offsets at once, some cancelled at once: every one settles, and no failure is logged. */
async function raceHovers(service: EceLanguageService, doc: TextDocument, settings: Settings, r: Rnd, id: string, logs: string[]): Promise<Failure[]> {
  const failures: Failure[] = [];
  const before = logs.length;
  const offsets = Array.from({ length: 3 }, () => int(r, 0, doc.getText().length));
  const asks: Array<Promise<unknown>> = [];
  for (const o of offsets) {
    for (let k = 0; k < 4; k++) {
      const c = new AbortController();
      asks.push(service.hover(doc, doc.positionAt(o), settings, c.signal));
      if (r() < 0.5) c.abort();
    }
  }
  const settled = await Promise.allSettled(asks);
  for (const s of settled) if (s.status === 'rejected') failures.push({ kind: 'crash', id, detail: `a concurrent hover rejected: ${String(s.reason)}` });
  for (const l of logs.slice(before)) if (/\bfailed\b/i.test(l)) failures.push({ kind: 'crash', id, detail: `log during concurrent hovers: ${l}` });
  return failures;
}

/** Where a seed file lives inside a temporary folder (its home's path, or its URI path). */
function relPath(file: SeedFile): string {
  return decodeURIComponent(file.inHome ? file.uri.slice(HOME_URI.length + 1) : file.uri.slice(FUZZ_BASE.length + 1));
}

function cliCase(id: string, seed: number): Outcome {
  const r = seededRandom(seed);
  const { file, text } = mutatedFile(r);
  const storage = pickStorage(r);
  const bytes = store(text, storage);
  const format = pick(r, ['text', 'json', 'sarif'] as const);
  const dir = mkdtempSync(path.join(tmpdir(), 'ece-fuzz-cli-'));
  try {
    const root = path.join(dir, 'home');
    if (file.inHome) cpSync(EXAMPLE_HOME, root, { recursive: true });
    const target = path.join(root, relPath(file));
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, bytes);
    const useStdin = r() < 0.2;
    const args = useStdin ? ['check', '--stdin', '--stdin-filename', target, '--format', format, root] : ['check', root, '--format', format];
    const run = runCli(args, { cwd: dir, ...(useStdin ? { input: bytes } : {}) });
    const label = `ece-config ${args.map((a) => a.replace(dir, '<tmp>')).join(' ')} (${file.rel} stored as ${storage})`;
    const { problems, json } = cliProblems(run, label, format);
    if (json !== undefined && format === 'json') problems.push(...unreadNotReported(json as JsonReport, file, target, bytes, storage, label));
    return { inputs: 1, failures: toFailures(id, problems), stats: { cliRuns: 1 } };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

interface JsonReport {
  files: Array<{ path: string; kind: string }>;
  problems: Array<{ path: string; message: string }>;
}

/** A file with an ECE name is either checked or named in the problems; never silently left out. */
function unreadNotReported(j: JsonReport, file: SeedFile, target: string, bytes: Buffer, storage: ReturnType<typeof pickStorage>, label: string): Problem[] {
  const mine = (p: string) => path.resolve(p) === target || p.endsWith(relPath(file).split('/').join(path.sep));
  const checked = j.files.some((f) => mine(f.path));
  const reported = j.problems.some((p) => mine(p.path));
  const decoded = decodeBytes(bytes);
  const service = new EceLanguageService({ log: () => undefined });
  const claimed = !decoded.binary && !!service.kindOf(file.uri, decoded.text, defaultSettings());
  if (!READABLE.has(storage) || decoded.binary) {
    if (!reported) return [{ kind: 'crash', detail: `${label}: a file that cannot be read as text was neither checked nor reported` }];
    return [];
  }
  if (claimed && !checked && !reported) return [{ kind: 'crash', detail: `${label}: an ECE file was neither checked nor reported` }];
  return [];
}
