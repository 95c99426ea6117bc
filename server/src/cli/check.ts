/**
 * `ece-config check`: loads the files (each with its home's settings), applies the safe fixes when asked, checks
 * every file against the whole tree, prints the report in the chosen format and returns the exit code:
 * 2 for any I/O or settings problem (settings warnings only with --strict), else 1 for an error finding or more
 * warnings than --max-warnings, else 0.
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import { EceLanguageService } from '../service/core/engine';
import { rewriteTextFile } from '../node/textFile';
import { nodeFileSystemProbe } from '../node/fileSystemProbe';
import { leftoverNote } from '../node/leftovers';
import type { CheckOptions } from './args';
import { applySafeFixes, safeFixOf, unifiedDiff } from './fixes';
import { formatJson } from './format/json';
import { formatSarif } from './format/sarif';
import type { Style } from './format/style';
import { formatText } from './format/text';
import { loadInputs, type InputFile } from './inputs';
import type { Io } from './io';
import { countFindings, plural, type CheckReport, type Range, type ReportFile, type ReportFinding } from './report';
import { secretSpans, touchesSecret } from './secrets';
import { noticeLine, SettingsResolver } from './settingsFiles';

/** Version numbers of the documents checked after the fix passes (which use 1, 2, ...). */
const CHECK_VERSION = 1000;

export async function check(o: CheckOptions, io: Io, style: Style): Promise<number> {
  const resolver = await SettingsResolver.create({
    ...(o.settingsFile !== undefined ? { settingsFile: o.settingsFile } : {}),
    ...(o.workspaceFile !== undefined ? { workspaceFile: o.workspaceFile } : {}),
    rules: o.rules,
    display: io.display,
  });
  // The file-system probe lets batch/path-not-found check paths on this machine (see node/fileSystemProbe.ts).
  const service = new EceLanguageService({ log: (m) => io.err(`ece-config: ${m}`), fileSystem: nodeFileSystemProbe() });
  const paths = o.paths.length || o.stdin ? o.paths : (resolver.workspace?.folders ?? []);
  const stdin = o.stdin ? { filename: o.stdinFilename!, bytes: await io.readStdin() } : undefined;
  const inputs = await loadInputs({ paths, ...(stdin ? { stdin } : {}), resolver, service });
  const mode: CheckReport['mode'] = o.fix ? 'fix' : o.fixDryRun ? 'fix-dry-run' : 'check';
  const problems = [...inputs.problems];

  // Fixes first, for every file, so that the findings afterwards (cross-file ones too) see all fixed files.
  const changes = new Map<InputFile, { changes: ReportFile['changes']; diff?: string }>();
  if (mode !== 'check') {
    for (const f of inputs.files) {
      // The copy inside deployment.zip is never rewritten by --fix: the zip changes only through the quick fix
      // "Copy this pool file into service\lib\deployment.zip" or convert-windows-auth, each with a backup.
      if (f.inZip) continue;
      const outcome = applySafeFixes(service, f.uri, f.kind, f.text, f.settings);
      const entry: { changes: ReportFile['changes']; diff?: string } = { changes: outcome.changes };
      if (mode === 'fix-dry-run') entry.diff = unifiedDiff(f.path, f.text, outcome.text, service.maskFor(TextDocument.create(f.uri, f.kind, 1, f.text), f.settings));
      if (outcome.text !== f.text) {
        if (mode === 'fix') {
          try {
            // Exact or not at all: the file must still hold what was read and survive the round trip, links are
            // written through, read-only files are refused (node/textFile.ts).
            const w = await rewriteTextFile(f.path, f, outcome.text);
            for (const l of w.leftoversRemoved) io.err(`ece-config: ${leftoverNote(l)}`);
          } catch (e) {
            problems.push({ path: f.path, message: `cannot write the fixes: ${(e as Error).message}` });
            changes.set(f, { changes: [] });
            continue;
          }
        }
        f.text = outcome.text;
        inputs.model.update(f.uri, f.text);
      }
      changes.set(f, entry);
    }
  }
  service.setWorkspace(inputs.model);

  const files: ReportFile[] = inputs.files.map((f) => {
    const doc = TextDocument.create(f.uri, f.kind, CHECK_VERSION, f.text);
    const r = reportFile(service, doc, f);
    const c = changes.get(f);
    if (c) {
      r.changes = c.changes;
      if (c.diff !== undefined) r.diff = c.diff;
    }
    return r;
  });

  const notices = resolver.notices;
  const report: CheckReport = { mode, files, problems, settingsNotices: notices, cwd: io.cwd };
  for (const n of notices) io.err(noticeLine(n));
  for (const p of problems) io.err(`ece-config: ${p.path}: ${p.message}`);
  const noFiles = files.length === 0 && problems.length === 0 && !o.noFilesOk;
  if (noFiles) {
    const where = stdin || paths.length === 0 ? '' : ` under ${paths.join(', ')}`;
    io.err(`ece-config: no ECE configuration file found${where} (names are matched by the ece.files.* globs); --no-files-ok accepts that`);
  }

  if (o.format === 'json') io.out(formatJson(report));
  else if (o.format === 'sarif') io.out(formatSarif(report));
  else for (const line of formatText(report, style)) io.out(line);

  const counts = countFindings(report);
  const tooManyWarnings = o.maxWarnings !== undefined && counts.warning > o.maxWarnings;
  if (tooManyWarnings) io.err(`ece-config: ${plural(counts.warning, 'warning')} found, more than --max-warnings ${o.maxWarnings}`);
  const settingsFailed = notices.some((n) => n.severity === 'error' || o.strict);
  if (problems.length || noFiles || settingsFailed) return 2;
  return counts.error > 0 || tooManyWarnings ? 1 : 0;
}

function reportFile(service: EceLanguageService, doc: TextDocument, f: InputFile): ReportFile {
  const text = doc.getText();
  const bom = text.charCodeAt(0) === 0xfeff;
  // Positions as editors show them: a byte-order mark is not a column.
  const pos = (o: number) => {
    const p = doc.positionAt(o);
    return bom && p.line === 0 && p.character > 0 ? { line: 0, character: p.character - 1 } : p;
  };
  const range = (start: number, end: number): Range => ({ start: pos(start), end: pos(end) });
  const analysis = service.analyze(doc, f.settings);
  const spans = secretSpans(text);
  const findings: ReportFinding[] = (analysis?.findings ?? []).map((x) => {
    const safe = safeFixOf(x);
    const d: ReportFinding = { ruleId: x.ruleId, severity: x.severity, message: x.message, range: range(x.start, x.end), fixable: !!safe };
    if (safe && !safe.edits.some((e) => touchesSecret(spans, e.start, e.end))) {
      d.fix = { title: safe.title, edits: safe.edits.map((e) => ({ range: range(e.start, e.end), newText: e.newText })) };
    }
    return d;
  });
  service.forget(f.uri);
  return { path: f.path, kind: f.kind, settingsSources: f.settingsSources, findings, changes: [] };
}
