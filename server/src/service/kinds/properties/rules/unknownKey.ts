import { editDistance } from '../../../core/text';
import type { FixProposal, Rule } from '../../../core/types';
import { escapePropertiesKey } from '../../../parse/properties';
import type { PropertiesFileModel } from '../model';

/**
 * `properties/unknown-key`: a key this file kind does not know but that is within two edits of one it does:
 * a typo, so the utility never sees the value. Other unknown keys are fine (shipped files hold more keys than
 * the guides list).
 */
export const unknownKey: Rule<PropertiesFileModel> = {
  id: 'properties/unknown-key',
  defaultSeverity: 'warning',
  description: 'A key that looks like a misspelt known key: the utility ignores it.',
  check(model, ctx) {
    const known = model.schema.keys.map((k) => k.key);
    const knownSet = new Set(known);
    for (const entry of model.parsed.entries) {
      const key = entry.key;
      if (key === '' || knownSet.has(key)) continue;
      const near = known
        .map((k) => ({ k, d: editDistance(key.toLowerCase(), k.toLowerCase(), 2) }))
        .filter((x) => x.d <= 2)
        .sort((a, b) => a.d - b.d);
      if (near.length === 0) continue;
      const best = near[0]!.k;
      const caseOnly = near[0]!.d === 0;
      const fixes: FixProposal[] = near.map((x, i) => ({
        title: `Change to ${x.k}`,
        edits: [{ start: entry.keyStart, end: entry.keyEnd, newText: escapePropertiesKey(x.k) }],
        safe: false,
        preferred: i === 0,
      }));
      ctx.report({
        start: entry.keyStart,
        end: entry.keyEnd,
        message: caseOnly
          ? `${key} is not a key of ${model.schema.fileName}: keys are case-sensitive, so ${model.schema.reader} does not see this value. Did you mean ${best}?`
          : `${key} is not a key of ${model.schema.fileName}, so ${model.schema.reader} ignores this value. Did you mean ${best}?`,
        fixes,
      });
    }
  },
};
