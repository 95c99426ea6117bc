import type { Rule } from '../../../core/types';
import { sharedLocationOf, type BatchFileModel } from '../model';
import { samePath } from '../paths';
import { partnerLocation } from './sharedLocation';
import { replaceValue, writableValue } from './util';

/**
 * `batch/shared-location-differs` (cross-file): `egainstart.bat` and `egainstop.bat` of the same ECE home set
 * `env.fs.shared.location` to different folders. Both are compared as Windows paths (case, `/` and a trailing `\`
 * ignored); a local folder against a UNC share is left to `batch/shared-location-not-unc`.
 */
export const sharedLocationDiffers: Rule<BatchFileModel> = {
  id: 'batch/shared-location-differs',
  defaultSeverity: 'warning',
  reads: ['batch'],
  description: 'egainstart.bat and egainstop.bat of one ECE home set env.fs.shared.location to different folders.',
  check(model, ctx) {
    if (model.fileName !== 'egainstart.bat' && model.fileName !== 'egainstop.bat') return;
    const own = sharedLocationOf(model);
    if (!own?.path) return;
    const other = partnerLocation(ctx.workspace, ctx.uri);
    if (!other?.location.path || other.location.path.kind !== own.path.kind || samePath(own.path, other.location.path)) return;
    const a = own.assignment;
    ctx.report({
      start: a.valueStart,
      end: a.valueEnd,
      message: `env.fs.shared.location is ${own.value} here but ${other.location.value} in ${other.name} of the same ECE home. Both scripts must name the same shared file location.`,
      fixes: writableValue(other.location.value)
        ? [{ title: `Use ${other.name}'s location (${other.location.value})`, edits: [replaceValue(a, other.location.value)], safe: false }]
        : [],
    });
  },
};
