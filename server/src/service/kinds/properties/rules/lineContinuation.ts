import type { Rule } from '../../../core/types';
import { escapingFix, loadsAs } from '../escaping';
import type { PropertiesFileModel } from '../model';

/**
 * `properties/line-continuation`: a line ends in an odd number of backslashes, so Java joins the next line
 * to it (a path ending in `\` swallows the next key) or, at the end of the file, drops the backslash.
 */
export const lineContinuation: Rule<PropertiesFileModel> = {
  id: 'properties/line-continuation',
  defaultSeverity: 'error',
  description: 'A line ends in a single backslash, so Java joins the next line to it.',
  check(model, ctx) {
    for (const entry of model.parsed.entries) {
      for (const e of entry.escapes) {
        if (e.kind !== 'continuation') continue;
        let next = '';
        if (e.end < entry.lineEnd) {
          let j = e.end;
          while (j < entry.lineEnd && model.text[j] !== '\n' && model.text[j] !== '\r') j++;
          next = model.text.slice(e.end, j);
        }
        const swallowedKey = /^([^=:\s\\]+)[ \t\f]*[=:]/.exec(next)?.[1];
        let message: string;
        if (next === '') {
          message = `The backslash at the end of this line is read as a line continuation and dropped: ${loadsAs(model, entry)}.`;
        } else if (swallowedKey) {
          message = `This line ends in a single backslash, so Java joins the next line to it: ${loadsAs(model, entry)}, and ${swallowedKey} on the next line is not loaded as a key.`;
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
