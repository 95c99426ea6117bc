import type { FixProposal, Rule } from '../../../core/types';
import { appendLinesEdit, type PropertiesFileModel } from '../model';

/** 12.5-only keys of `reportsdb_utility.properties`: their presence says the file follows the 12.5 tech note. */
const V125_HINT = /^(MAST_DB_NAME|SSIS_)/;

/**
 * `properties/missing-key`: keys the guides require are absent. One report on the first line lists them all;
 * the fixes append `KEY=` lines at the end of the file (all at once, or one key).
 */
export const missingKey: Rule<PropertiesFileModel> = {
  id: 'properties/missing-key',
  defaultSeverity: 'warning',
  description: 'A key the installation guide requires is missing from the file.',
  check(model, ctx) {
    const { table } = model.parsed;
    const text = model.text;
    const v125 = [...table.keys()].some((k) => V125_HINT.test(k));
    const missing: Array<{ key: string; names: string }> = [];
    for (const group of model.schema.required) {
      if (group.some((k) => table.has(k))) continue;
      const key = group.length > 1 && v125 ? group[group.length - 1]! : group[0]!;
      missing.push({ key, names: group.join(' or ') });
    }
    if (missing.length === 0) return;
    const start = model.parsed.bom ? 1 : 0;
    let firstLineEnd = start;
    while (firstLineEnd < text.length && text[firstLineEnd] !== '\n' && text[firstLineEnd] !== '\r') firstLineEnd++;
    const add = (keys: string[]) => [appendLinesEdit(model, keys.map((k) => `${k}=`))];
    const fixes: FixProposal[] = [];
    if (missing.length > 1) fixes.push({ title: 'Add all missing keys', edits: add(missing.map((m) => m.key)), safe: false, preferred: true });
    for (const m of missing) fixes.push({ title: `Add ${m.key}=`, edits: add([m.key]), safe: false, preferred: missing.length === 1 });
    const list = missing.map((m) => m.names);
    ctx.report({
      start,
      end: firstLineEnd,
      message: list.length === 1
        ? `${list[0]} is missing from ${model.schema.fileName}; ${model.schema.reader} needs it.`
        : `${model.schema.fileName} lacks keys that ${model.schema.reader} needs: ${list.join(', ')}.`,
      fixes,
    });
  },
};
