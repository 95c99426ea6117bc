import type { Report } from '../../../core/types';
import type { PropertiesEntry } from '../../../parse/properties';
import { quoted } from '../../properties/escaping';
import { loadedEntry, valueOrKeyRange, type PropertiesFileModel } from '../../properties/model';

/** Shared by the two "must be true" rules: a report when `key` is present and Java does not load `true`. */
export function mustBeTrueReport(model: PropertiesFileModel, key: string, why: string): Report | undefined {
  const e: PropertiesEntry | undefined = loadedEntry(model, key);
  if (!e || e.value.trim().toLowerCase() === 'true') return undefined;
  return {
    ...valueOrKeyRange(e),
    message: `${key} loads as ${quoted(e.value)} but must be "true": ${why}`,
    fixes: [{ title: `Set ${key} to true`, edits: [{ start: e.valueStart, end: e.valueEnd, newText: e.valueStart === e.keyEnd ? '=true' : 'true' }], safe: false, preferred: true }],
  };
}
