/** The command dispatch of `ece-config`, over an injected `Io` (the entry point, `server/src/cli.ts`, gives the process). */
import { CHECK_HELP, CONVERT_HELP, MAIN_HELP, parseCheckArgs, parseConvertArgs } from './args';
import { check } from './check';
import { convert } from './convert';
import { TOOL_VERSION } from './docs';
import { FatalError, UsageError } from './errors';
import { styleFor } from './format/style';
import { displayPath, readAll, type Io } from './io';

export function processIo(): Io {
  const cwd = process.cwd();
  return {
    out: (s) => process.stdout.write(s + '\n'),
    err: (s) => process.stderr.write(s + '\n'),
    readStdin: () => readAll(process.stdin),
    cwd,
    env: process.env,
    stdoutIsTTY: !!process.stdout.isTTY,
    display: (p) => displayPath(cwd, p),
  };
}

export async function run(argv: string[], io: Io): Promise<number> {
  const [cmd, ...rest] = argv;
  try {
    if (cmd === undefined) throw new UsageError('no command given (check or convert-windows-auth)');
    if (cmd === '--help' || cmd === '-h' || cmd === 'help') {
      io.out(MAIN_HELP);
      return 0;
    }
    if (cmd === '--version' || cmd === '-v') {
      io.out(TOOL_VERSION);
      return 0;
    }
    if (cmd === 'check') {
      const o = parseCheckArgs(rest);
      if (o.help) {
        io.out(CHECK_HELP);
        return 0;
      }
      return await check(o, io, styleFor(io.env, io.stdoutIsTTY));
    }
    if (cmd === 'convert-windows-auth') {
      const o = parseConvertArgs(rest);
      if (o.help) {
        io.out(CONVERT_HELP);
        return 0;
      }
      return await convert(o, io);
    }
    throw new UsageError(cmd.startsWith('-') ? `unknown option '${cmd}' (options come after the command)` : `unknown command '${cmd}'`);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`ece-config: ${e.message}`);
      io.err(`Try 'ece-config ${e.command ? `${e.command} ` : ''}--help' for the options.`);
      return 2;
    }
    if (e instanceof FatalError) {
      io.err(`ece-config: ${e.message}`);
      return 2;
    }
    io.err(`ece-config: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    return 2;
  }
}

/**
 * The former in-process entry: `main(argv, out, err)` with the process's stdin, folder and environment (colours
 * off unless FORCE_COLOR: `out` is not a terminal).
 */
export function main(argv: string[], out?: (s: string) => void, err?: (s: string) => void): Promise<number> {
  const io = processIo();
  return run(argv, { ...io, ...(out ? { out, stdoutIsTTY: false } : {}), ...(err ? { err } : {}) });
}
