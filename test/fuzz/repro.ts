/**
 * Runs one fuzz case again in the foreground and prints what it found:
 *   npm run fuzz:repro -- <fuzzer> '<case id>'        (the id is in every failure message)
 *   npm run fuzz:repro -- <fuzzer> --list [N]          (the first N case ids of the current mode)
 * Fuzzers: truncation, mutation, fix-safety, conversion, secrets. `ECE_FUZZ_SHOW=1` also prints the input text.
 */
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadWithJava } from '../java/oracle';
import type { Failure, Outcome } from './harness/runner';
import { judgeJavaConversion, type JavaConversionCheck } from './jobs/conversion';
import { judgeJava, type JavaCheck } from './jobs/fixSafety';

const JOBS: Record<string, string> = {
  truncation: 'truncation',
  mutation: 'mutation',
  'fix-safety': 'fixSafety',
  conversion: 'conversion',
  secrets: 'secrets',
};

/** The checks the test runs in the parent, on the case's `extra` (Java 17 loads in one JVM). */
const JUDGES: Record<string, (extra: unknown) => Failure[]> = {
  'fix-safety': (x) => judgeJava(x as JavaCheck[], loadWithJava),
  conversion: (x) => judgeJavaConversion(x as JavaConversionCheck[], loadWithJava),
};

interface Job {
  cases(): string[];
  runCase(id: string): Outcome | Promise<Outcome>;
  describeCase?(id: string): string | Promise<string>;
}

async function main(): Promise<number> {
  const [fuzzer, id, n] = process.argv.slice(2);
  const file = fuzzer ? JOBS[fuzzer] : undefined;
  if (!file || !id) {
    console.error(`usage: npm run fuzz:repro -- <${Object.keys(JOBS).join('|')}> '<case id>' | --list [N]`);
    return 2;
  }
  const job = (await import(pathToFileURL(path.join(__dirname, 'jobs', `${file}.ts`)).href)) as Job;
  if (id === '--list') {
    for (const c of job.cases().slice(0, Number(n ?? 20))) console.log(c);
    return 0;
  }
  if (process.env.ECE_FUZZ_SHOW && job.describeCase) console.log(await job.describeCase(id));
  const o = await job.runCase(id);
  const judge = JUDGES[fuzzer!];
  if (judge && o.extra !== undefined) o.failures.push(...judge(o.extra));
  console.log(JSON.stringify({ inputs: o.inputs, stats: o.stats ?? {}, failures: o.failures.length }, null, 1));
  for (const f of o.failures) console.log(`\n${f.kind}: ${f.detail}`);
  return o.failures.length ? 1 : 0;
}

void main().then((code) => process.exit(code));
