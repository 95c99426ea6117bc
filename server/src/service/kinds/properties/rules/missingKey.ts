import type { Rule } from '../../../core/types';
import type { PropertiesFileModel } from '../model';

/** 12.5-only keys of `reportsdb_utility.properties`: their presence says the file follows the 12.5 tech note. */
const V125_HINT = /^(MAST_DB_NAME|SSIS_)/;

/** `properties/missing-key`: a key the guides require is absent. Fix: append `KEY=` at the end of the file. */
export const missingKey: Rule<PropertiesFileModel> = {
  id: 'properties/missing-key',
  defaultSeverity: 'warning',
  description: 'A key the installation guide requires is missing from the file.',
  check(model, ctx) {
    const { table } = model.parsed;
    const text = model.text;
    const start = model.parsed.bom ? 1 : 0;
    let firstLineEnd = start;
    while (firstLineEnd < text.length && text[firstLineEnd] !== '\n' && text[firstLineEnd] !== '\r') firstLineEnd++;
    const endsWithBreak = text.length === start || text.endsWith('\n') || text.endsWith('\r');
    const v125 = [...table.keys()].some((k) => V125_HINT.test(k));
    for (const group of model.schema.required) {
      if (group.some((k) => table.has(k))) continue;
      const key = group.length > 1 && v125 ? group[group.length - 1]! : group[0]!;
      const names = group.length > 1 ? group.join(' or ') : key;
      ctx.report({
        start,
        end: firstLineEnd,
        message: `${names} is missing from ${model.schema.fileName}; ${model.schema.reader} needs it.`,
        fixes: [
          {
            title: `Add ${key}=`,
            edits: [{ start: text.length, end: text.length, newText: `${endsWithBreak ? '' : model.eol}${key}=${model.eol}` }],
            safe: false,
            preferred: true,
          },
        ],
      });
    }
  },
};
