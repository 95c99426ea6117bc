/**
 * Command-line parsing with `node:util` `parseArgs` (strict: unknown options and missing values are refused), and
 * the help texts. A usage error is one line plus a hint to the command's help.
 */
import { parseArgs } from 'node:util';
import type { RuleLevel } from '../service/core/types';
import { UsageError } from './errors';

export type Command = 'check' | 'convert-windows-auth';

export type Format = 'text' | 'json' | 'sarif';

export interface CheckOptions {
  help: boolean;
  format: Format;
  fix: boolean;
  fixDryRun: boolean;
  settingsFile?: string;
  workspaceFile?: string;
  /** `--rule ID=LEVEL`, in order (a later one wins). */
  rules: Record<string, RuleLevel>;
  strict: boolean;
  maxWarnings?: number;
  stdin: boolean;
  stdinFilename?: string;
  noFilesOk: boolean;
  paths: string[];
}

export interface ConvertOptions {
  help: boolean;
  format: 'text' | 'json';
  dryRun: boolean;
  check: boolean;
  settingsFile?: string;
  strict: boolean;
  paths: string[];
}

const FILE_KINDS = `egpl_ds_connpool_map.xml, reportsdb_utility.properties, input.properties, ece_config.js,
spog_config.js, Finesse layouts and IIS web.config clickjacking rules`;

export const MAIN_HELP = `usage: ece-config <command> [options]

Checks and fixes the hand-edited configuration files of Cisco ECE (${FILE_KINDS.replace(/\n/g, ' ')}).

commands:
  check PATH...                  report the problems of the ECE files under PATH (files, folders or globs)
  convert-windows-auth ECE_HOME  switch an ECE home to Windows authentication, changing only what must change

  ece-config <command> --help    options of a command
  ece-config --version           the version

Exit status: 0 no problem of error severity, 1 errors found (or a gate failed), 2 bad usage or I/O problems.`;

export const CHECK_HELP = `usage: ece-config check [options] PATH...
       ece-config check [options] --stdin --stdin-filename PATH [TREE...]

Checks the ECE files found in each PATH (a file, a folder searched recursively, or a glob such as
'homes/*/eService'): ${FILE_KINDS}.
The files are checked together, so cross-file rules compare each file with the others of its ECE home.

output:
  -f, --format text|json|sarif   text (default): grouped by file; json: one object; sarif: SARIF 2.1.0
      --max-warnings N           exit 1 when more than N warnings are found
fixing:
      --fix                      apply the safe fixes in place and list each change (passwords masked)
      --fix-dry-run              show the same changes as a unified diff; write nothing
settings (like VS Code's):
      --settings FILE            use this settings file (JSON with comments) for every file, instead of
                                 each file's nearest .vscode/settings.json
      --workspace FILE           a .code-workspace file: its "settings" apply under the folder settings,
                                 and its folders are checked when no PATH is given
      --rule ID=LEVEL            set a rule to error|warning|information|hint|off (repeatable; wins over files)
      --strict                   unknown settings, unknown rule ids and wrong types exit 2 (else: warnings)
input:
      --stdin                    read one file's text from standard input (needs --stdin-filename)
      --stdin-filename PATH      its name: decides the kind and the ECE home; TREE (or the folder of the
                                 nearest .vscode/settings.json) feeds the cross-file rules
      --no-files-ok              no ECE file found is not an error (exit 0)
  -h, --help                     this help

Exit status: 0 no error found, 1 errors found or more warnings than --max-warnings,
2 bad usage, a PATH that does not exist, a file that cannot be read or written, no ECE file found,
a settings file that is not valid JSON, or (with --strict) any settings warning.`;

export const CONVERT_HELP = `usage: ece-config convert-windows-auth [options] ECE_HOME

Every pool of egpl_ds_connpool_map.xml gets integratedSecurity=true and an empty User and Password,
reportsdb_utility.properties gets IS_WINDOWS_AUTHENTICATION=true, input.properties gets blank users
and passwords, then the pool file inside service/lib/deployment.zip gets the same change (with a backup
of the zip beside it). Only the spans that must change are written; a password is never printed.

      --dry-run                  show what would change; write nothing
      --check                    like --dry-run, and exit 1 when something would change (for CI)
  -f, --format text|json         text (default) or one JSON object with the plan or the result
      --settings FILE            settings file (default: the nearest .vscode/settings.json of ECE_HOME)
      --strict                   settings problems exit 2 (else: warnings)
  -h, --help                     this help

Exit status: 0 done (or, with --check, nothing to change), 1 with --check: changes are pending,
2 bad usage or a file that could not be read or written.`;

const LEVEL_RE = /^(error|warning|information|info|hint|off)$/i;

/** Turns `parseArgs`' multi-sentence errors into one short line. */
function parseError(e: unknown, command: Command): never {
  const err = e as NodeJS.ErrnoException;
  if (typeof err.code === 'string' && err.code.startsWith('ERR_PARSE_ARGS_')) {
    const first = (err.message.split('\n')[0] ?? '').replace(/\.$/, '');
    if (err.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
      const m = /'([^']+)'/.exec(first);
      throw new UsageError(`unknown option '${m ? m[1] : first}'`, command);
    }
    throw new UsageError(first.charAt(0).toLowerCase() + first.slice(1), command);
  }
  throw e;
}

function oneOf<T extends string>(name: string, value: string | undefined, allowed: readonly T[], fallback: T, command: Command): T {
  if (value === undefined) return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`${name} must be ${allowed.join(', ').replace(/, ([^,]*)$/, ' or $1')}, not '${value}'`, command);
}

export function parseCheckArgs(args: string[]): CheckOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      strict: true,
      options: {
        help: { type: 'boolean', short: 'h' },
        format: { type: 'string', short: 'f' },
        fix: { type: 'boolean' },
        'fix-dry-run': { type: 'boolean' },
        settings: { type: 'string' },
        workspace: { type: 'string' },
        rule: { type: 'string', multiple: true },
        strict: { type: 'boolean' },
        'max-warnings': { type: 'string' },
        stdin: { type: 'boolean' },
        'stdin-filename': { type: 'string' },
        'no-files-ok': { type: 'boolean' },
      },
    });
  } catch (e) {
    parseError(e, 'check');
  }
  const v = parsed.values;
  const o: CheckOptions = {
    help: !!v.help,
    format: oneOf('--format', v.format, ['text', 'json', 'sarif'], 'text', 'check'),
    fix: !!v.fix,
    fixDryRun: !!v['fix-dry-run'],
    rules: {},
    strict: !!v.strict,
    stdin: !!v.stdin,
    noFilesOk: !!v['no-files-ok'],
    paths: parsed.positionals,
  };
  if (o.help) return o;
  if (v.settings !== undefined) o.settingsFile = v.settings;
  if (v.workspace !== undefined) o.workspaceFile = v.workspace;
  if (v['stdin-filename'] !== undefined) o.stdinFilename = v['stdin-filename'];
  for (const r of v.rule ?? []) {
    const eq = r.lastIndexOf('=');
    const id = r.slice(0, eq).trim();
    const level = r.slice(eq + 1).trim();
    if (eq <= 0 || !id || !LEVEL_RE.test(level)) throw new UsageError(`--rule expects ID=LEVEL with LEVEL error, warning, information, hint or off (e.g. jdbc/instance-ignored=off), not '${r}'`, 'check');
    const l = level.toLowerCase();
    o.rules[id] = (l === 'info' ? 'information' : l) as RuleLevel;
  }
  if (v['max-warnings'] !== undefined) {
    if (!/^\d+$/.test(v['max-warnings'])) throw new UsageError(`--max-warnings expects a whole number (0 or more), not '${v['max-warnings']}'`, 'check');
    o.maxWarnings = Number(v['max-warnings']);
  }
  if (o.fix && o.fixDryRun) throw new UsageError('--fix and --fix-dry-run cannot be used together', 'check');
  if (o.stdin && o.stdinFilename === undefined) throw new UsageError('--stdin needs --stdin-filename PATH (the name decides the kind of file)', 'check');
  if (!o.stdin && o.stdinFilename !== undefined) throw new UsageError('--stdin-filename only makes sense with --stdin', 'check');
  if (o.stdin && o.fix) throw new UsageError('--fix writes files, so it cannot take --stdin; use --fix-dry-run to see the changes', 'check');
  if (!o.stdin && o.paths.length === 0 && o.workspaceFile === undefined) throw new UsageError('no PATH given', 'check');
  return o;
}

export function parseConvertArgs(args: string[]): ConvertOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      strict: true,
      options: {
        help: { type: 'boolean', short: 'h' },
        format: { type: 'string', short: 'f' },
        'dry-run': { type: 'boolean' },
        check: { type: 'boolean' },
        settings: { type: 'string' },
        strict: { type: 'boolean' },
      },
    });
  } catch (e) {
    parseError(e, 'convert-windows-auth');
  }
  const v = parsed.values;
  const o: ConvertOptions = {
    help: !!v.help,
    format: oneOf('--format', v.format, ['text', 'json'], 'text', 'convert-windows-auth'),
    dryRun: !!v['dry-run'] || !!v.check,
    check: !!v.check,
    strict: !!v.strict,
    paths: parsed.positionals,
  };
  if (o.help) return o;
  if (v.settings !== undefined) o.settingsFile = v.settings;
  if (o.paths.length !== 1) throw new UsageError('convert-windows-auth takes exactly one ECE_HOME folder', 'convert-windows-auth');
  return o;
}
