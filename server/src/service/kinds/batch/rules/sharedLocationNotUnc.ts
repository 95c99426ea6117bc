import type { FixProposal, Rule } from '../../../core/types';
import { sharedLocationOf, type BatchFileModel } from '../model';
import { parseWinPath } from '../paths';
import { partnerLocation } from './sharedLocation';
import { replaceValue, writableValue } from './util';

/**
 * `batch/shared-location-not-unc` (cross-file): `env.fs.shared.location` is a local folder (`C:\ECE\eService`) while
 * the ECE home is known to be on DFS. The home counts as on DFS when the partner script (egainstart.bat ↔
 * egainstop.bat) already names a UNC path, or when `reportsdb_utility.properties` of the same home gives the Reports
 * DB utility a UNC path as the ECE home. Without either the rule cannot tell, and stays silent.
 */
export const sharedLocationNotUnc: Rule<BatchFileModel> = {
  id: 'batch/shared-location-not-unc',
  defaultSeverity: 'warning',
  reads: ['batch', 'reportsdb'],
  description: 'env.fs.shared.location is a local folder although this ECE home is on DFS (a UNC path elsewhere).',
  check(model, ctx) {
    if (model.fileName !== 'egainstart.bat' && model.fileName !== 'egainstop.bat') return;
    const own = sharedLocationOf(model);
    if (own?.path?.kind !== 'drive') return;
    const a = own.assignment;
    const other = partnerLocation(ctx.workspace, ctx.uri);
    let evidence: string | undefined;
    const fixes: FixProposal[] = [];
    if (other?.location.path?.kind === 'unc') {
      evidence = `${other.name} of the same ECE home names the share ${other.location.value}`;
      if (writableValue(other.location.value)) {
        fixes.push({ title: `Use ${other.name}'s DFS location (${other.location.value})`, edits: [replaceValue(a, other.location.value)], safe: false });
      }
    } else {
      const home = ctx.workspace.reportsdbHomes(ctx.uri).find((h) => parseWinPath(h.value)?.kind === 'unc');
      if (home) evidence = `reportsdb_utility.properties of the same ECE home gives the Reports DB utility ${home.key}=${home.value} (as Java loads it), a UNC path`;
    }
    if (!evidence) return;
    ctx.report({
      start: a.valueStart,
      end: a.valueEnd,
      message: `env.fs.shared.location is the local folder ${own.value}, but this ECE home is on DFS: ${evidence}. After the move to DFS both service scripts must point at the DFS share (a \\\\server\\share path).`,
      fixes,
    });
  },
};
