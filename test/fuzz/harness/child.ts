/**
 * The child process of `runner.ts`: loads one job module and runs the cases the parent sends, one at a time, answering
 * each with its outcome. A case that throws is reported as a crash of that case; the child goes on with the next.
 */
import { pathToFileURL } from 'node:url';
import type { Outcome } from './runner';

interface Job {
  runCase(id: string): Outcome | Promise<Outcome>;
}

const loaded = import(pathToFileURL(process.argv[2]!).href) as Promise<Job>;

process.on('message', (m: { i: number; id: string }) => {
  void (async () => {
    let o: Outcome;
    try {
      o = await (await loaded).runCase(m.id);
    } catch (e) {
      o = { inputs: 1, failures: [{ kind: 'crash', id: m.id, detail: `the case threw: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}` }] };
    }
    process.send!({ i: m.i, o });
  })();
});
