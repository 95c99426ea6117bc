/**
 * `ece-config`: the language service over files on disk, for CI and for servers without an editor.
 *
 *   ece-config check [--format text|json] [--fix] [--settings FILE] [--rule ID=LEVEL]... PATH...
 *   ece-config convert-windows-auth [--dry-run] [--settings FILE] PATH
 *
 * Exit codes: 0 no error reported, 1 at least one error, 2 bad usage or unreadable paths.
 */
import { promises as fs } from 'node:fs';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { EceLanguageService } from './service/core/engine';
import { nodeFileSystemProbe } from './node/fileSystemProbe';
import { fromDottedSettings, normalizeSettings, type Settings } from './service/core/settings';
import { applyEdits } from './service/core/text';
import { encodeText, writeFileAtomic } from './node/textFile';
import { loadWorkspace } from './node/workspace';
import { convertWindowsAuth, formatConvertReport } from './node/convertWindowsAuth';

const VERSION = '0.1.0';
const SEVERITY_NAME: Record<number, string> = {
  [DiagnosticSeverity.Error]: 'error',
  [DiagnosticSeverity.Warning]: 'warning',
  [DiagnosticSeverity.Information]: 'information',
  [DiagnosticSeverity.Hint]: 'hint',
};

const USAGE = `usage: ece-config check [--format text|json] [--fix] [--settings FILE] [--rule ID=LEVEL]... PATH...
       ece-config convert-windows-auth [--dry-run] [--settings FILE] PATH

Checks the Cisco ECE configuration files found in PATH (files or folders, searched recursively):
egpl_ds_connpool_map.xml, reportsdb_utility.properties, input.properties, ece_config.js, spog_config.js,
Finesse layouts and IIS web.config clickjacking rules.

  --format text|json   text (default): path:line:col severity rule-id message; json: one JSON object
  --fix                apply the safe fixes in place (atomically) and report what changed
  --settings FILE      JSON with the same keys as VS Code settings ("ece.rules", "ece.listenerNames", ...)
  --rule ID=LEVEL      set one rule to error|warning|information|hint|off (repeatable)

The files are checked together: cross-file rules compare each file with the nearest related ones
(e.g. input.properties with the pool file of the same ECE home).

convert-windows-auth PATH   PATH is an ECE home (or a folder holding its files): every pool of
  egpl_ds_connpool_map.xml gets integratedSecurity=true and empty User/Password, reportsdb_utility.properties
  gets IS_WINDOWS_AUTHENTICATION=true, input.properties gets blank users/passwords and integratedSecurity=true,
  then the pool file inside service/lib/deployment.zip gets the same change (backup of the zip beside it).
  Only the spans that must change are written. Prints what changed, never a password.
  --dry-run            show what would change, write nothing

Exit status: 0 when no error is reported, 1 when at least one is, 2 for bad usage or unreadable paths.`;

class UsageError extends Error {}

interface CheckOptions {
  format: 'text' | 'json';
  fix: boolean;
  settingsFile?: string;
  rules: Record<string, string>;
  paths: string[];
}

function parseCheckArgs(args: string[]): CheckOptions {
  const o: CheckOptions = { format: 'text', fix: false, rules: {}, paths: [] };
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const value = (name: string) => {
      const eq = a.indexOf('=');
      if (eq > 0 && a.startsWith('--')) return a.slice(eq + 1);
      const v = args[++i];
      if (v === undefined) throw new UsageError(`${name} needs a value`);
      return v;
    };
    if (a === '--fix') o.fix = true;
    else if (a === '--format' || a.startsWith('--format=')) {
      const f = value('--format');
      if (f !== 'text' && f !== 'json') throw new UsageError(`--format must be text or json, not '${f}'`);
      o.format = f;
    } else if (a === '--settings' || a.startsWith('--settings=')) o.settingsFile = value('--settings');
    else if (a === '--rule' || a.startsWith('--rule=')) {
      const r = value('--rule');
      const m = /^([a-z]+\/[a-z0-9-]+)=(error|warning|information|hint|off)$/.exec(r);
      if (!m) throw new UsageError(`--rule expects ID=LEVEL (e.g. jdbc/server-not-fully-qualified=off), not '${r}'`);
      o.rules[m[1]!] = m[2]!;
    } else if (a === '--') {
      o.paths.push(...args.slice(i + 1));
      break;
    }
    else if (a.startsWith('-')) throw new UsageError(`unknown option '${a}'`);
    else o.paths.push(a);
  }
  if (o.paths.length === 0) throw new UsageError('no PATH given');
  return o;
}

async function loadSettings(o: CheckOptions): Promise<Settings> {
  let raw: Record<string, unknown> = {};
  if (o.settingsFile) {
    let text: string;
    try {
      text = await fs.readFile(o.settingsFile, 'utf8');
    } catch (e) {
      throw new UsageError(`cannot read settings file ${o.settingsFile}: ${(e as Error).message}`);
    }
    try {
      raw = fromDottedSettings(JSON.parse(text.replace(/^\uFEFF/, '')) as Record<string, unknown>) as Record<string, unknown>;
    } catch (e) {
      throw new UsageError(`settings file ${o.settingsFile} is not valid JSON: ${(e as Error).message}`);
    }
  }
  const rules = { ...((raw.rules as Record<string, string> | undefined) ?? {}), ...o.rules };
  return normalizeSettings({ ...raw, rules });
}

interface FileResult {
  path: string;
  kind: string;
  diagnostics: Diagnostic[];
  fixed: number;
}

async function check(o: CheckOptions, out: (s: string) => void, err: (s: string) => void): Promise<number> {
  const settings = await loadSettings(o);
  const service = new EceLanguageService({ log: (m) => err(`ece-config: ${m}`), fileSystem: nodeFileSystemProbe() });
  // Every ECE file under the paths is read first into the workspace model, so cross-file rules see the whole tree.
  const ws = await loadWorkspace(o.paths, { settings, service });
  const walkErrors = ws.errors.filter((e) => o.paths.includes(e.path));
  for (const e of walkErrors) err(`ece-config: ${e.path}: ${e.message}`);
  if (walkErrors.length) return 2;
  service.setWorkspace(ws.model);
  const results: FileResult[] = [];
  let unreadable = false;
  for (const e of ws.errors) {
    if (walkErrors.includes(e)) continue;
    err(`ece-config: ${e.path}: ${e.message}`);
    unreadable = true;
  }
  for (const loaded of ws.files) {
    const file = loaded.path;
    const uri = loaded.uri;
    let text = loaded.text;
    const kind = service.kindOf(uri, text, settings);
    if (!kind) continue;
    let fixed = 0;
    if (o.fix) {
      // Overlapping fixes are applied in later passes; a handful of passes settle any file.
      for (let pass = 0; pass < 5; pass++) {
        const d = TextDocument.create(uri, kind.id, pass + 1, text);
        const edits = service.fixAllEdits(d, settings);
        if (edits.length === 0) break;
        text = applyEdits(text, edits);
        fixed += edits.length;
      }
      if (fixed > 0) {
        try {
          await writeFileAtomic(file, encodeText(text, loaded.encoding));
          ws.model.update(uri, text);
        } catch (e) {
          err(`ece-config: ${file}: cannot write the fixes: ${(e as Error).message}`);
          unreadable = true;
          continue;
        }
      }
    }
    const diagnostics = service.diagnostics(TextDocument.create(uri, kind.id, 100, text), settings);
    service.forget(uri);
    results.push({ path: file, kind: kind.id, diagnostics, fixed });
  }
  if (o.format === 'json') {
    out(
      JSON.stringify({
        version: 1,
        files: results.map((r) => ({
          path: r.path,
          kind: r.kind,
          ...(o.fix ? { fixed: r.fixed } : {}),
          diagnostics: r.diagnostics.map((d) => ({ code: d.code, severity: SEVERITY_NAME[d.severity ?? 1], range: d.range, message: d.message })),
        })),
      }),
    );
  } else {
    const counts = { error: 0, warning: 0, information: 0, hint: 0 } as Record<string, number>;
    for (const r of results) {
      if (r.fixed) out(`${r.path}: applied ${r.fixed} safe fix${r.fixed === 1 ? '' : 'es'}`);
      for (const d of r.diagnostics) {
        const sev = SEVERITY_NAME[d.severity ?? 1]!;
        counts[sev]!++;
        out(`${r.path}:${d.range.start.line + 1}:${d.range.start.character + 1} ${sev} ${String(d.code)} ${d.message}`);
      }
    }
    out(
      `${results.length} ECE file${results.length === 1 ? '' : 's'} checked: ${counts.error} error${counts.error === 1 ? '' : 's'}, ${counts.warning} warning${counts.warning === 1 ? '' : 's'}, ${counts.information} information, ${counts.hint} hint${counts.hint === 1 ? '' : 's'}`,
    );
  }
  if (unreadable) return 2;
  return results.some((r) => r.diagnostics.some((d) => d.severity === DiagnosticSeverity.Error)) ? 1 : 0;
}

async function convertCommand(args: string[], out: (s: string) => void, err: (s: string) => void): Promise<number> {
  let dryRun = false;
  let settingsFile: string | undefined;
  const paths: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--dry-run') dryRun = true;
    else if (a === '--settings' || a.startsWith('--settings=')) {
      const v = a.includes('=') ? a.slice(a.indexOf('=') + 1) : args[++i];
      if (v === undefined) throw new UsageError('--settings needs a value');
      settingsFile = v;
    } else if (a === '--') {
      paths.push(...args.slice(i + 1));
      break;
    } else if (a.startsWith('-')) throw new UsageError(`unknown option '${a}'`);
    else paths.push(a);
  }
  if (paths.length !== 1) throw new UsageError('convert-windows-auth takes exactly one PATH (the ECE home)');
  const home = paths[0]!;
  try {
    if (!(await fs.stat(home)).isDirectory()) throw new UsageError(`${home} is not a folder`);
  } catch (e) {
    if (e instanceof UsageError) throw e;
    err(`ece-config: ${home}: no such folder`);
    return 2;
  }
  const settings = await loadSettings({ format: 'text', fix: false, rules: {}, paths, ...(settingsFile ? { settingsFile } : {}) });
  const report = await convertWindowsAuth(home, { dryRun, settings });
  for (const line of formatConvertReport(report)) out(line);
  if (!report.ok) {
    err('ece-config: the conversion did not complete; see the lines above');
    return 1;
  }
  return 0;
}

export async function main(argv: string[], out: (s: string) => void = (s) => process.stdout.write(s + '\n'), err: (s: string) => void = (s) => process.stderr.write(s + '\n')): Promise<number> {
  const [cmd, ...rest] = argv;
  try {
    if (cmd === undefined || cmd === '--help' || cmd === '-h' || cmd === 'help') {
      out(USAGE);
      return cmd === undefined ? 2 : 0;
    }
    if (cmd === '--version' || cmd === '-v') {
      out(VERSION);
      return 0;
    }
    if (cmd === 'check') return await check(parseCheckArgs(rest), out, err);
    if (cmd === 'convert-windows-auth') return await convertCommand(rest, out, err);
    throw new UsageError(`unknown command '${cmd}'`);
  } catch (e) {
    if (e instanceof UsageError) {
      err(`ece-config: ${e.message}\n\n${USAGE}`);
      return 2;
    }
    err(`ece-config: internal error: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
    return 2;
  }
}

if (require.main === module) {
  void main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
