import type { Rule } from '../../../core/types';
import { escapeText, escapingFix, keyName, loadsAs, swallowNote } from '../escaping';
import type { PropertiesFileModel } from '../model';
import { isStrictClass, valueClassOf } from '../schema';

/**
 * `properties/unknown-escape`: a backslash before a character that is not an escape. Java drops the backslash
 * silently, so `C:\ECE` loads as `C:ECE`. Error on path, host, user and URL values; warning elsewhere.
 */
export const unknownEscape: Rule<PropertiesFileModel> = {
  id: 'properties/unknown-escape',
  defaultSeverity: 'error',
  description: 'A backslash before a character that is not an escape: Java silently drops the backslash.',
  check(model, ctx) {
    for (const entry of model.parsed.entries) {
      for (const e of entry.escapes) {
        if (e.kind !== 'unknown' || e.part === 'separator') continue;
        const cls = valueClassOf(model.schema, entry.key);
        const fix = escapingFix(model, entry, e);
        let message: string;
        if (e.part === 'key') {
          message = `${escapeText(model, entry, e)} is not an escape, so Java drops the backslash from the key: the key is read as "${keyName(entry.key)}".`;
        } else if (cls === 'secret') {
          message = `A backslash in the value of ${keyName(entry.key)} is not an escape, so Java drops it: the password it loads is not the one written here. Write \\\\ for each backslash.`;
        } else {
          message = `${escapeText(model, entry, e)} is not a Java escape, so Java drops the backslash: ${loadsAs(model, entry)}.` +
            (isStrictClass(cls) ? ' Write \\\\ for each backslash, or use forward slashes.' : '');
        }
        ctx.report({
          start: e.start,
          end: e.end,
          message: message + swallowNote(model, entry, e),
          severity: e.part === 'value' && isStrictClass(cls) ? 'error' : 'warning',
          fixes: fix ? [fix] : [],
        });
      }
    }
  },
};
