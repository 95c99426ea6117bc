/** What `check` found, in the shape every output format reads. Positions are as editors show them (no BOM). */
import type { Severity } from '../service/core/types';
import type { FixChange } from './fixes';
import type { SettingsNotice } from './settingsFiles';

export interface Position {
  /** 0-based, as in LSP. */
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export interface ReportFinding {
  ruleId: string;
  severity: Severity;
  message: string;
  range: Range;
  /** `--fix` would fix it (the rule offers a safe fix). */
  fixable: boolean;
  /** The safe fix, when it may be shown (it does not touch a secret): for SARIF `fixes`. */
  fix?: { title: string; edits: Array<{ range: Range; newText: string }> };
}

export interface ReportFile {
  /** As found under the PATH arguments. */
  path: string;
  kind: string;
  settingsSources: string[];
  findings: ReportFinding[];
  /** The safe fixes applied (`--fix`) or that would be (`--fix-dry-run`). */
  changes: FixChange[];
  /** `--fix-dry-run`: the unified diff (secrets masked); '' when nothing would change. */
  diff?: string;
}

export interface CheckReport {
  mode: 'check' | 'fix' | 'fix-dry-run';
  files: ReportFile[];
  /** I/O problems: PATHs that do not exist, ECE files that cannot be read or written. Each makes the exit 2. */
  problems: Array<{ path: string; message: string }>;
  settingsNotices: SettingsNotice[];
  /** Working folder: relative paths and SARIF's %SRCROOT%. */
  cwd: string;
}

export interface Counts {
  error: number;
  warning: number;
  information: number;
  hint: number;
  fixable: number;
  changes: number;
}

export function countFindings(r: CheckReport): Counts {
  const c: Counts = { error: 0, warning: 0, information: 0, hint: 0, fixable: 0, changes: 0 };
  for (const f of r.files) {
    c.changes += f.changes.length;
    for (const d of f.findings) {
      c[d.severity]++;
      if (d.fixable) c.fixable++;
    }
  }
  return c;
}

export const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;
