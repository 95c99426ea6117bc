/**
 * `ece-config convert-windows-auth`: `convertWindowsAuth` on an ECE home, with the settings of that home (its
 * nearest .vscode/settings.json, or --settings). Exit 0 when done (with --check: nothing pending), 1 with --check
 * when something would change, 2 when the home is not a folder or a file could not be read or written.
 */
import { promises as fs } from 'node:fs';
import { convertWindowsAuth, formatConvertReport, type ConvertReport } from '../node/convertWindowsAuth';
import type { ConvertOptions } from './args';
import { TOOL_NAME, TOOL_VERSION } from './docs';
import type { Io } from './io';
import { plural } from './report';
import { noticeLine, SettingsResolver } from './settingsFiles';

/** Files that change (or would): the ECE files with a plan and the deployment.zip entries. */
function pendingChanges(r: ConvertReport): number {
  return r.files.filter((f) => !f.error && (r.dryRun || f.written)).length + r.zips.filter((z) => z.changed && !z.error).length;
}

export async function convert(o: ConvertOptions, io: Io): Promise<number> {
  const home = o.paths[0]!;
  let isFolder = false;
  try {
    isFolder = (await fs.stat(home)).isDirectory();
  } catch {
    io.err(`ece-config: ${home}: no such folder`);
    return 2;
  }
  if (!isFolder) {
    io.err(`ece-config: ${home} is not a folder (give the ECE home)`);
    return 2;
  }
  const resolver = await SettingsResolver.create({ ...(o.settingsFile !== undefined ? { settingsFile: o.settingsFile } : {}), display: io.display });
  const { settings, sources } = await resolver.forFolder(home);
  resolver.markUsed(sources);
  for (const n of resolver.notices) io.err(noticeLine(n));
  const report = await convertWindowsAuth(home, { dryRun: o.dryRun, settings });
  const pending = pendingChanges(report);
  if (o.format === 'json') io.out(JSON.stringify({ version: 1, tool: { name: TOOL_NAME, version: TOOL_VERSION }, check: o.check, pending, ...report, settingsNotices: resolver.notices }));
  else for (const line of formatConvertReport(report)) io.out(line);
  if (!report.ok) {
    io.err('ece-config: the conversion did not complete; see the report');
    return 2;
  }
  if (resolver.notices.some((n) => n.severity === 'error' || o.strict)) return 2;
  if (o.check && pending > 0) {
    io.err(`ece-config: ${plural(pending, 'file')} would change: this ECE home is not yet on Windows authentication`);
    return 1;
  }
  return 0;
}
