/**
 * Truncation fuzzer: prefixes of every seed file (a file being typed, or cut short on disk) through the service.
 * Long mode takes every prefix of every file; the default mode a dense seeded sample of them, half of the cuts right
 * before or after a character that matters (`<>&;="'{}\^%`, line breaks). Case id: `<file>@<length>`.
 */
import { MODE, count, caseSeed } from '../harness/config';
import { corpus, seedFile } from '../harness/corpus';
import { serviceFor } from '../harness/home';
import { int } from '../harness/mutate';
import type { Outcome } from '../harness/runner';
import { exercise } from '../harness/service';
import { seededRandom } from '../../unit/random';

const MASTER = 0x7c0f_11e5;

/** The prefix lengths tried for a text: all of them in long mode, else about 30 + length/12 of them. */
function lengths(text: string, seed: number): number[] {
  if (MODE === 'long') return Array.from({ length: text.length + 1 }, (_, i) => i);
  const r = seededRandom(seed);
  const want = Math.min(text.length + 1, count(30 + Math.ceil(text.length / 12)));
  const out = new Set<number>([0, text.length, Math.floor(text.length / 2)]);
  const special: number[] = [];
  for (let i = 0; i < text.length; i++) if (/[<>&;="'{}\\^%\r\n]/.test(text[i]!)) special.push(i, i + 1);
  for (let k = 0; out.size < want; k++) out.add(special.length && k % 2 === 0 ? special[int(r, 0, special.length - 1)]! : int(r, 0, text.length));
  return [...out].sort((a, b) => a - b);
}

export function cases(): string[] {
  return corpus().flatMap((f, i) => lengths(f.text, caseSeed(MASTER, i)).map((n) => `${f.rel}@${n}`));
}

/** The input of a case (for `npm run fuzz:repro` with ECE_FUZZ_SHOW=1). */
export function describeCase(id: string): string {
  const at = id.lastIndexOf('@');
  return JSON.stringify(seedFile(id.slice(0, at)).text.slice(0, Number(id.slice(at + 1))));
}

export async function runCase(id: string): Promise<Outcome> {
  const at = id.lastIndexOf('@');
  const file = seedFile(id.slice(0, at));
  const n = Number(id.slice(at + 1));
  const text = file.text.slice(0, n);
  const setup = serviceFor(file, text);
  const ex = await exercise({ ...setup, uri: file.uri, text, rnd: seededRandom(caseSeed(MASTER, n)), hovers: 3, actionsPerDiagnostic: 2 });
  return {
    inputs: 1,
    failures: ex.problems.map((p) => ({ kind: p.kind, id, detail: p.detail })),
    stats: { diagnostics: ex.diagnostics.length, codeActions: ex.actions.length },
  };
}
