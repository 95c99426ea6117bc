/**
 * `ece-config`: the language service over files on disk, for CI and for servers without an editor.
 * The commands live in `cli/` (`cli/main.ts` dispatches); this file is the bundle's entry (`dist/cli.js`).
 *
 *   ece-config check [options] PATH...
 *   ece-config convert-windows-auth [options] ECE_HOME
 *
 * Exit codes: 0 no error found, 1 errors found (or a gate failed), 2 bad usage or I/O problems.
 */
import { main, processIo, run } from './cli/main';

export { main, run };

if (require.main === module) {
  // A reader that goes away (`ece-config check . | head -1`) is not an error: stop writing, keep the exit code.
  let closed = false;
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') closed = true;
    else {
      process.stderr.write(`ece-config: cannot write the report: ${e.message}\n`);
      process.exitCode = 2;
    }
  });
  const io = processIo();
  const out = io.out;
  void run(process.argv.slice(2), { ...io, out: (s) => (closed ? undefined : out(s)) }).then((code) => {
    process.exitCode = Math.max(code, typeof process.exitCode === 'number' ? process.exitCode : 0);
  });
}
