/**
 * `--format json`: one object. `files[].diagnostics[]` keeps the shape of earlier versions (`code`, `severity`,
 * 0-based LSP `range`, `message`) and adds `fixable` (`--fix` would fix it) and `docUrl` (the rule page).
 */
import { ruleDocUrl, TOOL_NAME, TOOL_VERSION } from '../docs';
import { displayPath } from '../io';
import { countFindings, type CheckReport } from '../report';

export function formatJson(r: CheckReport): string {
  const c = countFindings(r);
  return JSON.stringify({
    version: 1,
    tool: { name: TOOL_NAME, version: TOOL_VERSION },
    mode: r.mode,
    summary: {
      filesChecked: r.files.length,
      errors: c.error,
      warnings: c.warning,
      information: c.information,
      hints: c.hint,
      fixable: c.fixable,
      ...(r.mode === 'fix' ? { fixed: c.changes } : r.mode === 'fix-dry-run' ? { wouldFix: c.changes } : {}),
      problems: r.problems.length,
    },
    files: r.files.map((f) => ({
      path: f.path,
      kind: f.kind,
      settings: f.settingsSources.map((p) => displayPath(r.cwd, p)),
      ...(r.mode === 'fix' ? { fixed: f.changes.length, fixes: f.changes } : r.mode === 'fix-dry-run' ? { fixes: f.changes } : {}),
      ...(f.diff !== undefined ? { diff: f.diff } : {}),
      diagnostics: f.findings.map((d) => ({
        code: d.ruleId,
        severity: d.severity,
        range: d.range,
        message: d.message,
        fixable: d.fixable,
        docUrl: ruleDocUrl(d.ruleId) ?? null,
      })),
    })),
    problems: r.problems,
    settingsNotices: r.settingsNotices,
  });
}
