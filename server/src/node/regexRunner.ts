/**
 * Runs a user's regular expression in a `worker_threads` Worker that is terminated at a deadline,
 * so a catastrophic pattern (`(a+)+$` on a long input) cannot hang the language server.
 *
 * Design choices:
 * - The worker's code is an inline string started with `eval: true`: the server is bundled by
 *   esbuild into one file and no separate worker file has to be shipped or located at run time.
 * - One worker is kept warm and reused; jobs run one at a time (a small queue). When a job passes
 *   its deadline the worker is terminated (that is the only way to stop a running RegExp) and the
 *   next job starts a fresh one.
 * - The deadline (`deadlineMs`, a duration in milliseconds) starts when the job is handed to the
 *   worker, which includes the worker's start-up for the first job. A job waiting behind another one
 *   does not lose its time.
 * - The worker is referenced only while a job runs: an idle runner never keeps a CLI process alive.
 * - One evaluation per question: callers asking the same pattern, flags and inputs while it is queued or running
 *   share it, and the answers of the last 200 questions are kept (a pattern that ran out of time is not run again
 *   for every hover). A caller may cancel (an `AbortSignal`, from LSP `$/cancelRequest`): it gets `cancelled` at
 *   once, and the job is dropped from the queue, or stopped if it runs, when no other caller still waits for it.
 */
import { Worker } from 'node:worker_threads';
import type { RegexRunner } from '../service/core/types';

export interface RegexRunResult {
  timedOut: boolean;
  /** The caller cancelled before the answer came. */
  cancelled?: boolean;
  /** One entry per input: did the pattern match (find) anywhere in it. All false on error or time-out. */
  results: boolean[];
  /** Set when the pattern could not be compiled by JavaScript (`new RegExp` threw). */
  error?: string;
}

/** Plain CommonJS run by the worker (kept free of TypeScript and of imports other than worker_threads). */
const REGEX_WORKER_SOURCE = `
'use strict';
const { parentPort } = require('node:worker_threads');
parentPort.on('message', (job) => {
  let re;
  try {
    re = new RegExp(job.source, job.flags);
  } catch (e) {
    parentPort.postMessage({ id: job.id, error: String(e && e.message || e), results: job.inputs.map(() => false) });
    return;
  }
  const results = job.inputs.map((s) => { re.lastIndex = 0; return re.test(s); });
  parentPort.postMessage({ id: job.id, results });
});
`;

interface Job {
  id: number;
  key: string;
  source: string;
  flags: string;
  inputs: string[];
  deadlineMs: number;
  /** Everyone waiting for this job's answer. */
  waiters: Set<(r: RegexRunResult) => void>;
}

const MEMO_SIZE = 200;

interface WorkerReply {
  id: number;
  results: boolean[];
  error?: string;
}

export interface WorkerRegexRunnerOptions {
  /** Heap cap of the worker in MB (default 64). */
  maxHeapMb?: number;
}

export class WorkerRegexRunner implements RegexRunner {
  private worker: Worker | null = null;
  private queue: Job[] = [];
  private current: Job | null = null;
  private timer: NodeJS.Timeout | null = null;
  private nextId = 1;
  private disposed = false;
  /** Queued or running jobs by question, so the same question is evaluated once. */
  private readonly byKey = new Map<string, Job>();
  /** Answers of recent questions (insertion order: the oldest goes first). */
  private readonly memo = new Map<string, RegexRunResult>();
  /** How many evaluations actually ran in the worker (for tests). */
  evaluations = 0;
  /** How many workers were terminated because a job ran out of time (for logs and tests). */
  timeouts = 0;

  constructor(private readonly options: WorkerRegexRunnerOptions = {}) {}

  test(source: string, flags: string, inputs: string[], deadlineMs: number, signal?: AbortSignal): Promise<RegexRunResult> {
    return new Promise((resolve) => {
      const none = (extra: Partial<RegexRunResult>): RegexRunResult => ({ timedOut: false, results: inputs.map(() => false), ...extra });
      if (this.disposed) return resolve(none({ error: 'the regex runner is disposed' }));
      if (signal?.aborted) return resolve(none({ cancelled: true }));
      const safeFlags = [...new Set(flags.replace(/[^imsu]/g, ''))].join('');
      const key = JSON.stringify([source, safeFlags, inputs, deadlineMs]);
      const known = this.memo.get(key);
      if (known) return resolve({ ...known, results: known.results.slice() });
      let job = this.byKey.get(key);
      if (!job) {
        job = { id: this.nextId++, key, source, flags: safeFlags, inputs: inputs.slice(), deadlineMs: Math.max(1, deadlineMs), waiters: new Set() };
        this.byKey.set(key, job);
        this.queue.push(job);
      }
      const waiter = (r: RegexRunResult) => {
        signal?.removeEventListener('abort', onAbort);
        resolve({ ...r, results: r.results.slice() });
      };
      const onAbort = () => {
        if (!job.waiters.delete(waiter)) return;
        resolve(none({ cancelled: true }));
        if (job.waiters.size === 0) this.drop(job);
      };
      job.waiters.add(waiter);
      signal?.addEventListener('abort', onAbort, { once: true });
      this.pump();
    });
  }

  /** Nobody waits for `job` any more: out of the queue, or stopped when it runs. */
  private drop(job: Job): void {
    this.byKey.delete(job.key);
    const i = this.queue.indexOf(job);
    if (i >= 0) this.queue.splice(i, 1);
    else if (this.current === job) {
      this.kill();
      this.finish();
      this.pump();
    }
  }

  private settle(job: Job, r: RegexRunResult): void {
    this.byKey.delete(job.key);
    if (!r.error) {
      this.memo.set(job.key, r);
      if (this.memo.size > MEMO_SIZE) this.memo.delete(this.memo.keys().next().value!);
    }
    for (const w of job.waiters) w(r);
    job.waiters.clear();
  }

  /** Stops the worker and answers every pending job with an error. */
  dispose(): void {
    this.disposed = true;
    this.kill();
    const pending = [...(this.current ? [this.current] : []), ...this.queue];
    this.current = null;
    this.queue = [];
    for (const j of pending) this.settle(j, { timedOut: false, results: j.inputs.map(() => false), error: 'the regex runner is disposed' });
  }

  private pump(): void {
    if (this.current || this.queue.length === 0) return;
    const job = this.queue.shift()!;
    this.current = job;
    const w = this.ensureWorker();
    // Referenced while a job runs (a CLI waiting for the answer stays alive), unreferenced when idle.
    w.ref();
    this.evaluations++;
    this.timer = setTimeout(() => this.onDeadline(job), job.deadlineMs);
    w.postMessage({ id: job.id, source: job.source, flags: job.flags, inputs: job.inputs });
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const heap = this.options.maxHeapMb ?? 64;
    const w = new Worker(REGEX_WORKER_SOURCE, {
      eval: true,
      resourceLimits: { maxOldGenerationSizeMb: heap, maxYoungGenerationSizeMb: Math.max(4, Math.floor(heap / 4)) },
      stdout: false,
      stderr: false,
    });
    w.on('message', (m: WorkerReply) => this.onReply(w, m));
    w.on('error', (e: Error) => this.onWorkerGone(w, e.message));
    w.on('exit', () => this.onWorkerGone(w, 'the regex worker stopped'));
    this.worker = w;
    return w;
  }

  private onReply(w: Worker, m: WorkerReply): void {
    if (w !== this.worker || !this.current || m.id !== this.current.id) return;
    const job = this.current;
    this.finish();
    this.settle(job, m.error !== undefined ? { timedOut: false, results: m.results, error: m.error } : { timedOut: false, results: m.results });
    this.pump();
  }

  private onDeadline(job: Job): void {
    if (this.current !== job) return;
    this.timeouts++;
    this.kill();
    this.finish();
    this.settle(job, { timedOut: true, results: job.inputs.map(() => false) });
    this.pump();
  }

  private onWorkerGone(w: Worker, reason: string): void {
    if (w !== this.worker) return;
    this.worker = null;
    const job = this.current;
    if (!job) return;
    this.finish();
    this.settle(job, { timedOut: false, results: job.inputs.map(() => false), error: reason });
    this.pump();
  }

  private finish(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.current = null;
    this.worker?.unref();
  }

  private kill(): void {
    const w = this.worker;
    this.worker = null;
    if (w) void w.terminate();
  }
}
