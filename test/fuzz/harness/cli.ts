/**
 * The built CLI (`dist/cli.js`, made by `npm run build`) in a child process with a time limit, the encodings a file
 * may have on disk, and the checks every run must pass: exit code 0, 1 or 2 only (never a signal, never an
 * "internal error" or a stack trace), and output that parses for `--format json` and `sarif`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { encodeText } from '../../../server/src/node/textFile';
import { ROOT } from './corpus';
import { pick, type Rnd } from './mutate';
import type { Problem } from './service';

export const CLI = path.join(ROOT, 'dist', 'cli.js');

export interface CliRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

/** The CLI's time limit per run: far above any real run, only there so a freeze ends as a finding. */
const CLI_TIMEOUT_MS = 25_000;

export function runCli(args: string[], opts: { cwd?: string; input?: Buffer | string } = {}): CliRun {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run npm run build first (npm test and npm run test:fuzz do)`);
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.FORCE_COLOR;
  delete env.NO_COLOR;
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: opts.cwd ?? ROOT, input: opts.input ?? '', env, encoding: 'utf8', timeout: CLI_TIMEOUT_MS, maxBuffer: 256 * 1024 * 1024 });
  const timedOut = (r.error as NodeJS.ErrnoException | undefined)?.code === 'ETIMEDOUT';
  if (r.error && !timedOut) throw r.error;
  return { code: r.status, signal: r.signal, stdout: r.stdout ?? '', stderr: r.stderr ?? '', timedOut };
}

export type Format = 'text' | 'json' | 'sarif';

/** What is wrong with one CLI run (and the parsed JSON or SARIF output when it parses). */
export function cliProblems(run: CliRun, label: string, format: Format): { problems: Problem[]; json?: unknown } {
  const problems: Problem[] = [];
  const tail = `\n--- stderr:\n${run.stderr.slice(0, 1500)}`;
  if (run.timedOut) problems.push({ kind: 'crash', detail: `${label}: no answer within ${CLI_TIMEOUT_MS} ms (hang)${tail}` });
  else if (run.signal) problems.push({ kind: 'crash', detail: `${label}: killed by ${run.signal}${tail}` });
  else if (run.code !== 0 && run.code !== 1 && run.code !== 2) problems.push({ kind: 'crash', detail: `${label}: exit code ${String(run.code)}${tail}` });
  if (/internal error|\n\s+at .+:\d+:\d+\)?\n|FATAL ERROR|Maximum call stack/.test(run.stderr + run.stdout)) problems.push({ kind: 'crash', detail: `${label}: internal error or stack trace${tail}` });
  let json: unknown;
  if (format !== 'text' && !run.timedOut && !run.signal) {
    try {
      json = JSON.parse(run.stdout);
    } catch (e) {
      problems.push({ kind: 'crash', detail: `${label}: --format ${format} output does not parse: ${String(e)}\n${run.stdout.slice(0, 300)}` });
    }
    if (format === 'sarif' && json !== undefined) {
      const s = json as { version?: string; runs?: unknown[] };
      if (s.version !== '2.1.0' || !Array.isArray(s.runs)) problems.push({ kind: 'crash', detail: `${label}: SARIF output without version 2.1.0 and runs` });
    }
  }
  return { problems, ...(json !== undefined ? { json } : {}) };
}

/** How a file may be stored: the encodings the CLI reads, and the bytes it must refuse to guess at. */
export type Storage = 'utf8' | 'utf8-bom' | 'utf16le' | 'utf16be' | 'utf16le-nobom' | 'utf16le-odd' | 'nul' | 'latin1';

export const READABLE: ReadonlySet<Storage> = new Set(['utf8', 'utf8-bom', 'utf16le', 'utf16be', 'utf16le-nobom', 'latin1', 'utf16le-odd']);

export function pickStorage(r: Rnd): Storage {
  return pick(r, ['utf8', 'utf8', 'utf8', 'utf8-bom', 'utf8-bom', 'utf16le', 'utf16be', 'utf16le-nobom', 'utf16le-odd', 'nul', 'latin1'] as const);
}

/** The bytes of `text` stored as `s` (a byte-order mark in `text` is dropped first, then added where `s` has one). */
export function store(text: string, s: Storage): Buffer {
  const body = text.replace(/^\uFEFF/, '');
  switch (s) {
    case 'utf8':
      return Buffer.from(body, 'utf8');
    case 'utf8-bom':
      return Buffer.from('\uFEFF' + body, 'utf8');
    case 'utf16le':
      return encodeText(body, 'utf16le');
    case 'utf16be':
      return encodeText(body, 'utf16be');
    case 'utf16le-nobom':
      return encodeText(body, 'utf16le-nobom');
    case 'utf16le-odd':
      return Buffer.concat([encodeText(body, 'utf16le'), Buffer.from([0x41])]);
    case 'nul': {
      const b = Buffer.from(body, 'utf8');
      const at = Math.min(b.length, 17);
      return Buffer.concat([b.subarray(0, at), Buffer.from([0, 0, 1]), b.subarray(at)]);
    }
    case 'latin1':
      return Buffer.concat([Buffer.from(body, 'utf8'), Buffer.from([0xe9, 0x0d, 0x0a, 0xff])]);
  }
}
