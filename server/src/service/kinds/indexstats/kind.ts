/**
 * The `indexstats` file kind: `input.properties` of the UpdateDBIndexStats utility. The name is common, so the
 * kind claims a file only when it holds one of the utility's keys.
 */
import { keyInfo, valueClassOf } from '../properties/schema';
import { propertiesSecrets } from '../shared/secrets';
import type { FileKind, JdbcUrlSite } from '../../core/types';
import { rawSpan } from '../../core/text';
import { parseJdbcUrl } from '../../parse/jdbcUrl';
import { escapePropertiesValue, parseProperties } from '../../parse/properties';
import { propertiesCompletions, propertiesHover, propertiesSymbols } from '../properties/features';
import { buildPropertiesModel, loadedEntry, type PropertiesFileModel } from '../properties/model';
import { propertiesRules } from '../properties/rules';
import { indexstatsRules } from './rules';
import { INDEXSTATS_DATABASES, INDEXSTATS_SCHEMA } from './schema';
import { planIndexstats } from './convert';

const KNOWN = new Set(INDEXSTATS_SCHEMA.keys.map((k) => k.key));

/**
 * The last text `claims` parsed, so `parse` right after it (the engine asks both for one document version)
 * does not parse the same text again.
 */
let lastClaimed: { text: string; parsed: ReturnType<typeof parseProperties> } | undefined;

/** True when the text holds one of `input.properties`' keys (as Java reads the keys). */
export function claimsIndexstats(text: string): boolean {
  // Cheap rejection first: without a backslash (escapes, continuations) a key can only be spelled out as is.
  if (!text.includes('\\') && ![...KNOWN].some((k) => text.includes(k))) return false;
  const parsed = parseProperties(text);
  lastClaimed = { text, parsed };
  for (const e of parsed.entries) if (KNOWN.has(e.key)) return true;
  return false;
}

/** The two JDBC URLs as Java loads them, with decoded offsets mapped back to the raw text. */
function indexstatsJdbcUrls(model: PropertiesFileModel): JdbcUrlSite[] {
  const sites: JdbcUrlSite[] = [];
  for (const d of INDEXSTATS_DATABASES) {
    const e = loadedEntry(model, d.url);
    if (!e) continue;
    sites.push({
      text: e.value,
      span: (s, end) => rawSpan(e.valueText, s, end),
      edit: (s, end, newText) => ({ ...rawSpan(e.valueText, s, end), newText: escapePropertiesValue(newText) }),
      label: d.url,
      parsed: parseJdbcUrl(e.value),
    });
  }
  return sites;
}

export const indexstatsKind: FileKind<PropertiesFileModel> = {
  id: 'indexstats',
  label: 'UpdateDBIndexStats input.properties',
  commentStyle: 'hash',
  claims: claimsIndexstats,
  parse(doc) {
    const text = doc.getText();
    const reuse = lastClaimed && lastClaimed.text === text ? lastClaimed.parsed : undefined;
    lastClaimed = undefined;
    return { model: buildPropertiesModel(text, doc.uri, INDEXSTATS_SCHEMA, reuse), problems: [] };
  },
  rules: [...propertiesRules, ...indexstatsRules],
  jdbcUrls: indexstatsJdbcUrls,
  windowsAuth: planIndexstats,
  secrets: (model) => propertiesSecrets(model.parsed, (k) => valueClassOf(model.schema, k) === 'url', parseJdbcUrl, (k) => keyInfo(model.schema, k) !== undefined),
  hover: (model, offset) => propertiesHover(model, offset),
  completions: (model, offset) => propertiesCompletions(model, offset),
  symbols: (model, doc) => propertiesSymbols(model, doc),
};
