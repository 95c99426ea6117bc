import type { Rule } from '../../../core/types';
import { continuedText, escapingFix, isDeliberateContinuation, keyName, loadsAs, swallowedKey } from '../escaping';
import type { PropertiesFileModel } from '../model';

/**
 * `properties/line-continuation`: a line ends in an odd number of backslashes, so Java joins the next line
 * to it (a path ending in `\` swallows the next key) or, at the end of the file, drops the backslash.
 * A deliberate wrap (the next line indented and not a `KEY=` line) is left alone.
 */
export const lineContinuation: Rule<PropertiesFileModel> = {
  id: 'properties/line-continuation',
  defaultSeverity: 'error',
  description: 'A line ends in a single backslash, so Java joins the next line to it.',
  check(model, ctx) {
    for (const entry of model.parsed.entries) {
      for (const e of entry.escapes) {
        if (e.kind !== 'continuation' || isDeliberateContinuation(model, e)) continue;
        const next = e.end < entry.lineEnd ? continuedText(model.text, e) : '';
        const swallowed = swallowedKey(model.text, e);
        const key = swallowed === undefined ? undefined : keyName(swallowed);
        let message: string;
        if (next === '') {
          message = `The backslash at the end of this line is read as a line continuation and dropped: ${loadsAs(model, entry)}.`;
        } else if (key) {
          message = `This line ends in a single backslash, so Java joins the next line to it: ${loadsAs(model, entry)}, and ${key} on the next line is not loaded as a key.`;
        } else {
          message = `This line ends in a single backslash, so Java joins the next line to it: ${loadsAs(model, entry)}.`;
        }
        const fix = escapingFix(model, entry, e);
        ctx.report({
          start: e.start,
          end: e.start + 1,
          message: `${message} Write \\\\ for a trailing backslash.`,
          fixes: fix ? [fix] : [],
        });
      }
    }
  },
};
