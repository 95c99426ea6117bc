/** What the commands need from the process, injected so tests can run them in-process. */
import * as path from 'node:path';

export interface Io {
  /** One line of the report (stdout). */
  out(line: string): void;
  /** One line of diagnostics about the run (stderr). */
  err(line: string): void;
  readStdin(): Promise<Buffer>;
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Whether stdout is a terminal (colours, links). */
  stdoutIsTTY: boolean;
  /** A path as shown in messages: relative to `cwd` when it is inside it. */
  display(p: string): string;
}

export function displayPath(cwd: string, p: string): string {
  const rel = path.relative(cwd, path.resolve(cwd, p));
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : path.resolve(cwd, p);
}

export async function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(typeof c === 'string' ? Buffer.from(c) : c);
  return Buffer.concat(chunks);
}
