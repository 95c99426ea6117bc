import { integratedSecurity, parseJdbcUrl, type JdbcUrl } from '../../../parse/jdbcUrl';
import type { PropertiesEntry } from '../../../parse/properties';
import { loadedEntry, type PropertiesFileModel } from '../../properties/model';
import { INDEXSTATS_DATABASES } from '../schema';

export interface DatabaseSettings {
  label: string;
  urlKey: string;
  userKey: string;
  passKey: string;
  urlEntry: PropertiesEntry;
  url: JdbcUrl;
  user?: PropertiesEntry;
  pass?: PropertiesEntry;
  /** `integratedSecurity=true` in the URL (what Java loads). */
  integrated: boolean;
}

/** Each database whose URL key is present, with its parsed URL (as Java loads it) and credential entries. */
export function databasesOf(model: PropertiesFileModel): DatabaseSettings[] {
  const out: DatabaseSettings[] = [];
  for (const d of INDEXSTATS_DATABASES) {
    const urlEntry = loadedEntry(model, d.url);
    if (!urlEntry) continue;
    const url = parseJdbcUrl(urlEntry.value);
    out.push({
      label: d.label,
      urlKey: d.url,
      userKey: d.user,
      passKey: d.pass,
      urlEntry,
      url,
      user: loadedEntry(model, d.user),
      pass: loadedEntry(model, d.pass),
      integrated: integratedSecurity(url) === true,
    });
  }
  return out;
}
