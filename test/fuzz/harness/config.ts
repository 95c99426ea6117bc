/**
 * How much the fuzzers try. The default mode is fixed (same seeds, same inputs on every run) and sized for `npm test`;
 * `ECE_FUZZ=long` multiplies the number of inputs (by `ECE_FUZZ_SCALE`, 5 unless set) for a release run, with the
 * same seeds, so a long run starts with the default run's inputs. `ECE_FUZZ_SEED` changes the master seed of every
 * fuzzer (another deterministic sample); `ECE_FUZZ_CASE_TIMEOUT_MS` the time one input may take before it counts as a
 * hang (a generous 30 s: the guard catches freezes, it measures nothing).
 */

export type FuzzMode = 'default' | 'long';

export const MODE: FuzzMode = process.env.ECE_FUZZ === 'long' ? 'long' : 'default';

function positiveNumber(v: string | undefined, fallback: number): number {
  const n = v === undefined ? NaN : Number(v);
  return Number.isFinite(n) && n > 0 ? n : fallback;
}

/** How many times the default number of inputs the fuzzers try. */
export const SCALE = MODE === 'long' ? positiveNumber(process.env.ECE_FUZZ_SCALE, 5) : 1;

/** The time one input may take (the worker is stopped and the input reported as a hang past it). */
export const CASE_TIMEOUT_MS = positiveNumber(process.env.ECE_FUZZ_CASE_TIMEOUT_MS, 30_000);

/** Mixed into every fuzzer's own master seed (0 by default). */
export const SEED_OFFSET = (Number(process.env.ECE_FUZZ_SEED ?? 0) || 0) >>> 0;

/** `n` inputs in default mode, `n * SCALE` in long mode (at least 1). */
export function count(n: number): number {
  return Math.max(1, Math.round(n * SCALE));
}

/** A node:test timeout for a test that runs `inputs` inputs (never a measurement: only a bound against freezes). */
export function testTimeout(inputs: number): number {
  return 10 * 60_000 + inputs * 2_000;
}

/** Deterministic 32-bit seed of case `index` of a fuzzer whose master seed is `master`. */
export function caseSeed(master: number, index: number): number {
  let h = (master ^ SEED_OFFSET ^ Math.imul(index + 1, 0x9e3779b1)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}
