import type { Rule } from '../../../core/types';
import { sharedLocationOf, type BatchFileModel } from '../model';
import { homeOfSharedLocation, parseWinPath, samePath } from '../paths';

/**
 * `batch/reportsdb-home-differs` (cross-file): the ECE home the Reports DB utility is given (`EGAIN_HOME_DIR` or
 * `ECE_HOME_DIR` in `reportsdb_utility.properties`, as Java loads it) is not the home whose shared location
 * `egainstart.bat` sets (`<home>\eService`). Compared only when both are paths of the same form (both UNC or both
 * drive paths) and the shared location ends in `eService`; the home may also be given as that `eService` folder.
 * Reported on egainstart.bat (on egainstop.bat only when no egainstart.bat is known), so one mismatch is one finding.
 */
export const reportsdbHomeDiffers: Rule<BatchFileModel> = {
  id: 'batch/reportsdb-home-differs',
  defaultSeverity: 'warning',
  reads: ['batch', 'reportsdb'],
  description: "The ECE home in reportsdb_utility.properties is not the home of this script's env.fs.shared.location.",
  check(model, ctx) {
    if (model.fileName !== 'egainstart.bat' && !(model.fileName === 'egainstop.bat' && !ctx.workspace.partnerScript(ctx.uri))) return;
    const own = sharedLocationOf(model);
    const home = own?.path && homeOfSharedLocation(own.path);
    if (!own?.path || !home) return;
    for (const h of ctx.workspace.reportsdbHomes(ctx.uri)) {
      const given = parseWinPath(h.value.trim());
      if (!given || given.kind !== own.path.kind || samePath(given, home) || samePath(given, own.path)) continue;
      const a = own.assignment;
      ctx.report({
        start: a.valueStart,
        end: a.valueEnd,
        message: `reportsdb_utility.properties gives the Reports DB utility ${h.key}=${h.value} (as Java loads it), but this script's shared location ${own.value} belongs to the ECE home ${own.value.replace(/[\\/]+$/, '').replace(/[\\/][^\\/]*$/, '')}. The utility and the services must work on the same ECE home.`,
      });
      return;
    }
  },
};
