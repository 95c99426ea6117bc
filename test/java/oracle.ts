/**
 * Runs Java's own `Properties.load(Reader)` on many texts in ONE JVM (see PropsOracle.java).
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

export function loadWithJava(texts: readonly string[]): JavaLoad[] {
  const dir = mkdtempSync(join(tmpdir(), 'ece-props-oracle-'));
  try {
    const src = join(__dirname, 'PropsOracle.java');
    try {
      execFileSync('javac', ['-d', dir, src], { stdio: 'pipe' });
    } catch (e) {
      throw new Error(`javac (JDK 17) is required for the properties differential test and failed: ${String(e)}`);
    }
    const input = join(dir, 'in.txt');
    const output = join(dir, 'out.txt');
    writeFileSync(input, texts.map(hex).join('\n') + '\n', 'ascii');
    execFileSync('java', ['-cp', dir, 'PropsOracle', input, output], { stdio: 'pipe', maxBuffer: 64 * 1024 * 1024 });
    const lines = readFileSync(output, 'ascii').split('\n');
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
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Java version string (for the test's log). */
export function javaVersion(): string {
  try {
    return execFileSync('java', ['-version'], { stdio: 'pipe', encoding: 'utf8' }) || '';
  } catch (e) {
    return String(e);
  }
}
