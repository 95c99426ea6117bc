/**
 * Runs Java's own `Properties.load` on many texts in ONE JVM (PropsOracle.java, TypedOracle.java).
 * Compiles the oracle into a fresh temp dir with `javac`; throws loudly when javac or java is missing.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export type JavaLoad = { ok: true; table: Map<string, string> } | { ok: false; error: string; message: string };

const hex = (s: string): string => {
  let out = '';
  for (let i = 0; i < s.length; i++) out += s.charCodeAt(i).toString(16).padStart(4, '0');
  return out;
};
const unhex = (s: string): string => {
  let out = '';
  for (let i = 0; i + 4 <= s.length; i += 4) out += String.fromCharCode(parseInt(s.slice(i, i + 4), 16));
  return out;
};

/** Compiles `<cls>.java` beside this file into a temp dir, runs it on the texts in one JVM, returns its output lines. */
function runOracle(cls: string, texts: readonly string[]): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'ece-props-oracle-'));
  try {
    const src = join(__dirname, `${cls}.java`);
    try {
      execFileSync('javac', ['-d', dir, src], { stdio: 'pipe' });
    } catch (e) {
      throw new Error(`javac (JDK 17) is required for the properties differential tests and failed: ${String(e)}`);
    }
    const input = join(dir, 'in.txt');
    const output = join(dir, 'out.txt');
    writeFileSync(input, texts.map(hex).join('\n') + '\n', 'ascii');
    execFileSync('java', ['-cp', dir, cls, input, output], { stdio: 'pipe', maxBuffer: 64 * 1024 * 1024 });
    return readFileSync(output, 'ascii').split('\n');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function loadWithJava(texts: readonly string[]): JavaLoad[] {
  const lines = runOracle('PropsOracle', texts);
  const out: JavaLoad[] = [];
  for (let i = 0; i < texts.length; i++) {
    const line = lines[i] ?? '';
    if (line.startsWith('ERR ')) {
      const [, cls, msg] = line.split(' ');
      out.push({ ok: false, error: cls ?? '', message: unhex(msg ?? '') });
    } else if (line === 'OK' || line.startsWith('OK ')) {
      const table = new Map<string, string>();
      for (const pair of line.slice(3).split(' ')) {
        if (pair === '') continue;
        const [k, v] = pair.split(',');
        table.set(unhex(k ?? ''), unhex(v ?? ''));
      }
      out.push({ ok: true, table });
    } else {
      throw new Error(`oracle output line ${i} unreadable: ${line.slice(0, 80)}`);
    }
  }
  return out;
}

/** One loaded entry with what Java's readers make of the value. */
export interface TypedValue {
  value: string;
  /** `Boolean.parseBoolean(value)`. */
  bool: boolean;
  /** `Integer.parseInt(value)`, or undefined when it throws NumberFormatException. */
  int: number | undefined;
}

export type TypedLoad =
  | { ok: true; table: Map<string, TypedValue>; stream: Map<string, string> }
  | { ok: false; error: string };

/**
 * Java 17 on each text (TypedOracle.java): `Properties.load(Reader)` with `Boolean.parseBoolean` and
 * `Integer.parseInt` of every value, and `Properties.load(InputStream)` of the text's UTF-8 bytes.
 */
export function loadTypedWithJava(texts: readonly string[]): TypedLoad[] {
  const lines = runOracle('TypedOracle', texts);
  const out: TypedLoad[] = [];
  for (let i = 0; i < texts.length; i++) {
    const line = lines[i] ?? '';
    if (line.startsWith('ERR ')) {
      out.push({ ok: false, error: line.slice(4) });
      continue;
    }
    if (!line.startsWith('OK')) throw new Error(`oracle output line ${i} unreadable: ${line.slice(0, 80)}`);
    const [reader = '', stream = ''] = line.slice(2).split(' |');
    const table = new Map<string, TypedValue>();
    for (const item of reader.split(' ')) {
      if (item === '') continue;
      const [k, v, b, n] = item.split(',');
      table.set(unhex(k ?? ''), { value: unhex(v ?? ''), bool: b === 't', int: n === 'n' ? undefined : Number(n) });
    }
    const st = new Map<string, string>();
    for (const item of stream.split(' ')) {
      if (item === '') continue;
      const [k, v] = item.split(',');
      st.set(unhex(k ?? ''), unhex(v ?? ''));
    }
    out.push({ ok: true, table, stream: st });
  }
  return out;
}

/** Java version string (for the test's log). */
export function javaVersion(): string {
  try {
    return execFileSync('java', ['-version'], { stdio: 'pipe', encoding: 'utf8' }) || '';
  } catch (e) {
    return String(e);
  }
}
