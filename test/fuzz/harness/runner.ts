/**
 * Runs a fuzzer's cases in child processes, one case at a time under a time guard: a case that does not answer in
 * `CASE_TIMEOUT_MS` is a hang (the child is killed and a fresh one takes the next case), a child that dies (a V8
 * fatal error, out of memory, a signal) is a crash of the case it was running. Either way the case's id is in the
 * report, and `npm run fuzz:repro -- <fuzzer> '<id>'` runs it again in the foreground.
 *
 * A job module (`test/fuzz/jobs/*.ts`) exports `runCase(id): Outcome | Promise<Outcome>`; ids are strings that say
 * everything the case needs (a file and a length, or a seed), so the parent and the child agree without sharing state.
 */
import { fork, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { CASE_TIMEOUT_MS, MODE, SCALE, SEED_OFFSET } from './config';

export type FailureKind = 'crash' | 'hang' | 'bytes' | 'leak';

export interface Failure {
  kind: FailureKind;
  id: string;
  detail: string;
}

/** What one case reports. `inputs` counts the texts (or homes) it tried; `stats` adds named counters. */
export interface Outcome {
  inputs: number;
  failures: Failure[];
  stats?: Record<string, number>;
  /** Job-specific data the parent checks after all cases (e.g. texts for one batched Java run). */
  extra?: unknown;
}

export interface Tally {
  inputs: number;
  crashes: number;
  hangs: number;
  bytesLost: number;
  leaks: number;
}

export interface RunResult {
  fuzzer: string;
  tally: Tally;
  failures: Failure[];
  stats: Record<string, number>;
  /** `extra` of each case that returned one, in case order. */
  extras: unknown[];
}

const TSX = pathToFileURL(require.resolve('tsx')).href;
const CHILD = path.join(__dirname, 'child.ts');

interface Slot {
  child: ChildProcess | undefined;
  stderr: string;
}

function start(slot: Slot, job: string): ChildProcess {
  const child = fork(CHILD, [job], { execArgv: ['--import', TSX], stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
  slot.stderr = '';
  child.stderr!.on('data', (d: Buffer) => {
    slot.stderr = (slot.stderr + d.toString('utf8')).slice(-4000);
  });
  slot.child = child;
  return child;
}

/** Runs `ids` through `jobFile` (absolute path of a job module), `workers` children at a time. */
export async function runCases(fuzzer: string, jobFile: string, ids: readonly string[], opts: { workers?: number; timeoutMs?: number } = {}): Promise<RunResult> {
  const timeoutMs = opts.timeoutMs ?? CASE_TIMEOUT_MS;
  const workers = Math.max(1, Math.min(opts.workers ?? (Number(process.env.ECE_FUZZ_WORKERS) || 1), ids.length));
  const outcomes: Outcome[] = new Array<Outcome>(ids.length);
  let next = 0;

  const runOne = (slot: Slot, i: number): Promise<Outcome> =>
    new Promise<Outcome>((resolve) => {
      const id = ids[i]!;
      const child = slot.child && slot.child.connected ? slot.child : start(slot, jobFile);
      let settled = false;
      const finish = (o: Outcome, restart: boolean) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        child.off('message', onMessage);
        child.off('exit', onExit);
        if (restart) {
          child.kill('SIGKILL');
          slot.child = undefined;
        }
        resolve(o);
      };
      const onMessage = (m: { i: number; o: Outcome }) => {
        if (m.i === i) finish(m.o, false);
      };
      const onExit = (code: number | null, signal: NodeJS.Signals | null) =>
        finish({ inputs: 1, failures: [{ kind: 'crash', id, detail: `the fuzz child died (exit ${code}, signal ${signal}) on this case:\n${slot.stderr.trim()}` }] }, true);
      const timer = setTimeout(
        () => finish({ inputs: 1, failures: [{ kind: 'hang', id, detail: `no answer within ${timeoutMs} ms (the child was killed)` }] }, true),
        timeoutMs,
      );
      child.on('message', onMessage);
      child.on('exit', onExit);
      child.send({ i, id });
    });

  const loop = async (): Promise<void> => {
    const slot: Slot = { child: undefined, stderr: '' };
    try {
      while (next < ids.length) {
        const i = next++;
        outcomes[i] = await runOne(slot, i);
      }
    } finally {
      if (slot.child) {
        slot.child.disconnect();
        slot.child = undefined;
      }
    }
  };
  await Promise.all(Array.from({ length: workers }, loop));

  const tally: Tally = { inputs: 0, crashes: 0, hangs: 0, bytesLost: 0, leaks: 0 };
  const failures: Failure[] = [];
  const stats: Record<string, number> = {};
  const extras: unknown[] = [];
  for (const o of outcomes) {
    tally.inputs += o.inputs;
    for (const f of o.failures) failures.push(f);
    for (const [k, v] of Object.entries(o.stats ?? {})) stats[k] = (stats[k] ?? 0) + v;
    if (o.extra !== undefined) extras.push(o.extra);
  }
  addFailures(tally, failures);
  return { fuzzer, tally, failures, stats, extras };
}

/** Counts failures into the tally's columns. */
export function addFailures(tally: Tally, failures: readonly Failure[]): void {
  for (const f of failures) {
    if (f.kind === 'crash') tally.crashes++;
    else if (f.kind === 'hang') tally.hangs++;
    else if (f.kind === 'bytes') tally.bytesLost++;
    else tally.leaks++;
  }
}

/** The `t.diagnostic` line of a fuzzer: mode, inputs and the four failure columns, then its own counters. */
export function summaryLine(r: RunResult): string {
  const t = r.tally;
  const extra = Object.entries(r.stats)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');
  return `fuzz ${r.fuzzer} (${MODE}${MODE === 'long' ? ` x${SCALE}` : ''}): inputs ${t.inputs}, crashes ${t.crashes}, hangs ${t.hangs}, bytes lost ${t.bytesLost}, leaks ${t.leaks}${extra ? ` | ${extra}` : ''}`;
}

/** The failures as an assertion message: the first few in full, each with the command that runs it again. */
export function failureReport(r: RunResult, max = 8): string {
  // A case id holds its seed (`s:<seed>`, `c<seed>`) or its input (`<file>@<length>`); the master seed offset, when one
  // was set, also drives a truncation case's hover offsets, so the command repeats it.
  const env = SEED_OFFSET ? `ECE_FUZZ_SEED=${SEED_OFFSET} ` : '';
  const lines = [`${r.failures.length} failure(s) in fuzzer ${r.fuzzer} (${MODE} mode, seed offset ${SEED_OFFSET}):`];
  for (const f of r.failures.slice(0, max)) {
    lines.push(`- ${f.kind} in case ${f.id}\n  reproduce: ${env}npm run fuzz:repro -- ${r.fuzzer} '${f.id}'\n  ${f.detail.slice(0, 2000).replace(/\n/g, '\n  ')}`);
  }
  if (r.failures.length > max) {
    lines.push(`... and ${r.failures.length - max} more (case, kind, first line):`);
    for (const f of r.failures.slice(max)) lines.push(`  ${f.id} ${f.kind}: ${f.detail.split('\n')[0]!.slice(0, 200)}`);
  }
  return lines.join('\n');
}
