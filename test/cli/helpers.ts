/**
 * Helpers for the CLI tests: run the built CLI as a user would (`node dist/cli.js`, built by `npm test` first), or
 * in-process through `run()` with a captured `Io`; build small ECE trees in a temporary folder.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { run } from '../../server/src/cli';
import { displayPath, type Io } from '../../server/src/cli/io';

export const ROOT = path.join(__dirname, '..', '..');
export const CLI = path.join(ROOT, 'dist', 'cli.js');
export const EXAMPLE = path.join(ROOT, 'examples', 'ece-home');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The built CLI in a child process; colours off unless `env` asks (FORCE_COLOR and NO_COLOR removed first). */
export function spawnCli(args: string[], opts: { cwd?: string; input?: string | Buffer; env?: Record<string, string> } = {}): CliResult {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.FORCE_COLOR;
  delete env.NO_COLOR;
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: opts.cwd ?? ROOT, input: opts.input ?? '', env: { ...env, ...opts.env }, encoding: 'utf8', timeout: 60_000 });
  if (r.error) throw r.error;
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The CLI in-process (stdout is not a terminal unless `tty`), with an optional standard input. */
export async function runCli(args: string[], opts: { cwd?: string; stdin?: string | Buffer; env?: NodeJS.ProcessEnv; tty?: boolean } = {}): Promise<CliResult> {
  const out: string[] = [];
  const err: string[] = [];
  const cwd = opts.cwd ?? process.cwd();
  const io: Io = {
    out: (s) => out.push(s),
    err: (s) => err.push(s),
    readStdin: () => Promise.resolve(Buffer.from(opts.stdin ?? '')),
    cwd,
    env: opts.env ?? {},
    stdoutIsTTY: opts.tty ?? false,
    display: (p) => displayPath(cwd, p),
  };
  // Paths are read relative to the process's folder, as in a real run.
  const before = process.cwd();
  process.chdir(cwd);
  try {
    const code = await run(args, io);
    return { code, stdout: out.join('\n'), stderr: err.join('\n') };
  } finally {
    process.chdir(before);
  }
}

/** A temporary folder with these files (relative path → content); removed by the returned function. */
export function tree(files: Record<string, string | Buffer>): { dir: string; remove: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ece-cli-'));
  for (const [rel, content] of Object.entries(files)) {
    const p = path.join(dir, rel);
    fs.mkdirSync(path.dirname(p), { recursive: true });
    fs.writeFileSync(p, content);
  }
  return { dir, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** A copy of the example ECE home under a temporary folder (at `name`). */
export function exampleCopy(name = 'home'): { dir: string; home: string; remove: () => void } {
  const t = tree({});
  const home = path.join(t.dir, name);
  fs.cpSync(EXAMPLE, home, { recursive: true });
  return { dir: t.dir, home, remove: t.remove };
}

export const ECEJS = 'eService/templates/finesse/gadget/agent/ece_config.js';

/** An ece_config.js: clean, with a warning only (IP address), or with an error (http). */
export const ECEJS_CLEAN = 'var web_server_protocol = "https";\nvar web_server_name = "ece.example.com";\n';
export const ECEJS_WARNING = 'var web_server_protocol = "https";\nvar web_server_name = "10.1.2.3";\n';
export const ECEJS_ERROR = 'var web_server_protocol = "http";\nvar web_server_name = "ece.example.com";\n';

/** Bytes with NUL characters at no regular place: binary, and not UTF-16 either. */
export const BINARY = Buffer.from([0x00, 0x01, 0x02, 0x00, 0x03, 0x04, 0x00, 0x00, 0x05, 0x06, 0x07, 0x00, 0x00, 0x08, 0x09, 0x0a, 0x00, 0x0b]);

export interface JsonReport {
  version: number;
  tool: { name: string; version: string };
  mode: string;
  summary: { filesChecked: number; errors: number; warnings: number; information: number; hints: number; fixable: number; problems: number; fixed?: number; wouldFix?: number };
  files: Array<{
    path: string;
    kind: string;
    settings: string[];
    fixed?: number;
    fixes?: Array<{ ruleId: string; line: number; column: number; before: string; after: string }>;
    diff?: string;
    diagnostics: Array<{ code: string; severity: string; range: { start: { line: number; character: number }; end: { line: number; character: number } }; message: string; fixable: boolean; docUrl: string | null }>;
  }>;
  problems: Array<{ path: string; message: string }>;
  settingsNotices: Array<{ severity: string; source: string; message: string }>;
}

/** `code@line:col` (1-based) of every finding per file path, from a JSON report. */
export function findingsByFile(r: JsonReport): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const f of r.files) out[f.path.replace(/\\/g, '/')] = f.diagnostics.map((d) => `${d.code}@${d.range.start.line + 1}:${d.range.start.character + 1}`);
  return out;
}
