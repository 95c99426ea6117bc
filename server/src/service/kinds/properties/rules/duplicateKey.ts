import type { Rule } from '../../../core/types';
import { lineNumberOf, type PropertiesFileModel } from '../model';

/** `properties/duplicate-key`: the same key twice; Java keeps the last value, so the earlier line does nothing. */
export const duplicateKey: Rule<PropertiesFileModel> = {
  id: 'properties/duplicate-key',
  defaultSeverity: 'warning',
  description: 'A key is set more than once; Java keeps only the last value.',
  check(model, ctx) {
    for (const [key, list] of model.parsed.byKey) {
      if (list.length < 2) continue;
      const last = list[list.length - 1]!;
      const lastLine = lineNumberOf(model, last.keyStart);
      for (const e of list.slice(0, -1)) {
        const name = key === '' ? 'The empty key' : key;
        ctx.report({
          start: e.keyEnd > e.keyStart ? e.keyStart : e.contentStart,
          end: e.keyEnd > e.keyStart ? e.keyEnd : e.lineEnd,
          message: `${name} is set again on line ${lastLine}. Java keeps only the last value, so this line has no effect.`,
          fixes: [
            {
              title: `Remove this earlier ${key === '' ? 'line' : key + ' line'}`,
              edits: [{ start: e.lineStart, end: e.fullEnd, newText: '' }],
              // Java ignores the line, but it may hold the value the admin wanted: never removed unasked.
              safe: false,
              preferred: true,
            },
          ],
        });
      }
    }
  },
};
