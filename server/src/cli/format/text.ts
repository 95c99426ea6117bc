/**
 * `--format text`: ESLint's "stylish" shape. One block per file (the path on its own line, then one indented line
 * per finding: `line:column  severity  message  rule-id`), a summary, and the rule pages of the rules reported.
 * The "ECE Config" problem matcher in package.json reads exactly these lines (test/cli/problem-matcher.test.ts).
 */
import type { Severity } from '../../service/core/types';
import { DOCS_BASE, ruleDocUrl } from '../docs';
import { countFindings, plural, type CheckReport, type ReportFile } from '../report';
import { paint, type Style } from './style';

/** The severity word of the text format: `info`, not `information`, is what VS Code problem matchers understand. */
const TEXT_SEVERITY: Record<Severity, string> = { error: 'error', warning: 'warning', information: 'info', hint: 'hint' };

const SEVERITY_PAINT: Record<Severity, (s: Style, t: string) => string> = {
  error: paint.red,
  warning: paint.yellow,
  information: paint.blue,
  hint: paint.dim,
};

const oneLine = (s: string) => s.replace(/\s*[\r\n]+\s*/g, ' ');

function findingLines(f: ReportFile, st: Style): string[] {
  const pos = f.findings.map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1}`);
  const posWidth = pos.reduce((m, p) => Math.max(m, p.length), 0);
  const sevWidth = f.findings.reduce((m, d) => Math.max(m, TEXT_SEVERITY[d.severity].length), 0);
  return f.findings.map((d, i) => {
    const sev = TEXT_SEVERITY[d.severity];
    return `  ${paint.dim(st, pos[i]!.padEnd(posWidth))}  ${SEVERITY_PAINT[d.severity](st, sev.padEnd(sevWidth))}  ${oneLine(d.message)}  ${paint.link(st, paint.dim(st, d.ruleId), ruleDocUrl(d.ruleId))}`;
  });
}

function changeLines(f: ReportFile, st: Style): string[] {
  const pos = f.changes.map((c) => `${c.line}:${c.column}`);
  const posWidth = pos.reduce((m, p) => Math.max(m, p.length), 0);
  return f.changes.map((c, i) => `  ${paint.dim(st, pos[i]!.padEnd(posWidth))}  ${paint.dim(st, c.ruleId)}  ${paint.red(st, c.before)}  ->  ${paint.green(st, c.after)}`);
}

function diffLines(diff: string, st: Style): string[] {
  return diff
    .replace(/\n$/, '')
    .split('\n')
    .map((l) => (l.startsWith('@@') ? paint.cyan(st, l) : l.startsWith('---') || l.startsWith('+++') ? paint.bold(st, l) : l.startsWith('-') ? paint.red(st, l) : l.startsWith('+') ? paint.green(st, l) : l));
}

export function formatText(r: CheckReport, st: Style): string[] {
  const out: string[] = [];
  const c = countFindings(r);
  if (r.mode !== 'check') {
    const changed = r.files.filter((f) => f.changes.length);
    const verb = r.mode === 'fix' ? 'Fixed' : 'Would fix (dry run, nothing written)';
    out.push(paint.bold(st, `${verb}: ${plural(c.changes, 'change')} in ${plural(changed.length, 'file')}${c.changes ? ':' : '.'}`));
    for (const f of changed) {
      out.push('', paint.underline(st, f.path), ...changeLines(f, st));
      if (f.diff) out.push('', ...diffLines(f.diff, st));
    }
    out.push('');
  }
  const withFindings = r.files.filter((f) => f.findings.length);
  for (const f of withFindings) out.push(paint.underline(st, f.path), ...findingLines(f, st), '');
  const total = c.error + c.warning + c.information + c.hint;
  const after = r.mode === 'fix' ? ' left after fixing' : r.mode === 'fix-dry-run' ? ' left after these fixes' : '';
  const files = `${plural(r.files.length, 'ECE file')} checked`;
  if (r.files.length === 0) out.push(`${files}.`);
  else if (total === 0) out.push(paint.green(st, `✔ ${files}: no problems${after}.`));
  else {
    const parts = [plural(c.error, 'error'), plural(c.warning, 'warning')];
    if (c.information) parts.push(`${c.information} info`);
    if (c.hint) parts.push(plural(c.hint, 'hint'));
    const line = `✖ ${plural(total, 'problem')}${after} (${parts.join(', ')}) in ${files}`;
    out.push(c.error ? paint.bold(st, paint.red(st, line)) : paint.bold(st, paint.yellow(st, line)));
    if (c.fixable && r.mode === 'check') out.push(`  ${c.fixable} of them can be fixed with --fix (safe fixes; --fix-dry-run shows them first).`);
  }
  if (r.problems.length) out.push(paint.red(st, `✖ ${plural(r.problems.length, 'path')} could not be checked (listed on stderr).`));
  // One line for the rule pages (on a terminal each rule id above is also a link to its page).
  if (withFindings.length && DOCS_BASE) out.push('', `Rule pages: ${paint.dim(st, `${DOCS_BASE}/<rule id>.md`)}`);
  return out;
}
