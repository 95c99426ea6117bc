/**
 * "Convert to Windows Authentication" on `input.properties`: `ACTIVE_USER`, `ACTIVE_PASS`, `REPORTS_USER`,
 * `REPORTS_PASS` blanked (every line of those keys, so no old password stays in the file; kept, as in the pool file,
 * unless the URL's scheme is native) AND `integratedSecurity=true` set in `ACTIVE_DATABASE_URL` and
 * `REPORTS_DATABASE_URL`. The spec says these URLs are the pool URLs and the users stay blank with Windows
 * authentication; blanking the users while the URLs still say SQL authentication would leave a utility that cannot
 * log in (`indexstats/missing-credentials`), so the URLs follow the pools.
 */
import { rawSpan } from '../../core/text';
import type { OffsetEdit, WindowsAuthPlan } from '../../core/types';
import { integratedLoginMode, parseJdbcUrl, setPropertyEdits } from '../../parse/jdbcUrl';
import { escapePropertiesValue, type PropertiesEntry } from '../../parse/properties';
import type { PropertiesFileModel } from '../properties/model';
import { planOf } from '../shared/windowsAuth';
import { INDEXSTATS_DATABASES } from './schema';

export function planIndexstats(model: PropertiesFileModel): WindowsAuthPlan {
  const pairs: Array<{ edit: OffsetEdit; what: string }> = [];
  for (const d of INDEXSTATS_DATABASES) {
    const url = model.parsed.table.get(d.url);
    const jdbc = url ? parseJdbcUrl(url.value) : undefined;
    if (url && jdbc) {
      for (const e of setPropertyEdits(jdbc, 'integratedSecurity', 'true')) {
        pairs.push({
          edit: { ...rawSpan(url.valueText, e.start, e.end), newText: escapePropertiesValue(e.newText) },
          what: `${d.url}: integratedSecurity=true`,
        });
      }
    }
    // Blank the credentials only when the driver will then use the native scheme: NTLM requires them,
    // JavaKerberos may use them, and a refused scheme is left for the admin to mend.
    if (jdbc && jdbc.isSqlServer && integratedLoginMode(jdbc) !== 'native') continue;
    for (const key of [d.user, d.pass]) {
      const entries: PropertiesEntry[] = model.parsed.byKey.get(key) ?? [];
      for (const e of entries) {
        if (e.valueEnd <= e.valueStart) continue;
        pairs.push({ edit: { start: e.valueStart, end: e.valueEnd, newText: '' }, what: `${key} blanked` });
      }
    }
  }
  return planOf(pairs);
}
