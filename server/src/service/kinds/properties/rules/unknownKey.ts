import { editDistance } from '../../../core/text';
import type { FixProposal, Rule } from '../../../core/types';
import { escapePropertiesKey } from '../../../parse/properties';
import type { PropertiesFileModel } from '../model';
import type { PropertiesSchema } from '../schema';

interface KnownKeys {
  /** The schema's key list these were computed from. */
  from: PropertiesSchema['keys'];
  known: string[];
  /** `known[i].toLowerCase()`, computed once per schema. */
  lower: string[];
  knownSet: Set<string>;
}

const knownKeysCache = new WeakMap<PropertiesSchema, KnownKeys>();

function knownKeysOf(schema: PropertiesSchema): KnownKeys {
  let k = knownKeysCache.get(schema);
  if (k === undefined || k.from !== schema.keys) {
    const known = schema.keys.map((x) => x.key);
    k = { from: schema.keys, known, lower: known.map((x) => x.toLowerCase()), knownSet: new Set(known) };
    knownKeysCache.set(schema, k);
  }
  return k;
}

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
    const { known, lower, knownSet } = knownKeysOf(model.schema);
    for (const entry of model.parsed.entries) {
      const key = entry.key;
      if (key === '' || knownSet.has(key)) continue;
      const keyLower = key.toLowerCase();
      // Known keys within two edits, in schema order, then (stable) by distance.
      let near: { k: string; d: number }[] | undefined;
      for (let i = 0; i < known.length; i++) {
        const k = lower[i]!;
        if (Math.abs(k.length - keyLower.length) > 2) continue;
        const d = editDistance(keyLower, k, 2);
        if (d <= 2) (near ??= []).push({ k: known[i]!, d });
      }
      if (near === undefined) continue;
      near.sort((a, b) => a.d - b.d);
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
