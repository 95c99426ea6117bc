/** "Convert to Windows Authentication" on `reportsdb_utility.properties`: `IS_WINDOWS_AUTHENTICATION=true`. */
import type { WindowsAuthPlan } from '../../core/types';
import { appendLinesEdit, type PropertiesFileModel } from '../properties/model';
import { NO_CHANGE, planOf } from '../shared/windowsAuth';

const WINDOWS_AUTH_KEY = 'IS_WINDOWS_AUTHENTICATION';

/** The value replaced (or the key added at the end, with the file's line breaks); nothing when it is already true. */
export function planReportsdb(model: PropertiesFileModel): WindowsAuthPlan {
  const e = model.parsed.table.get(WINDOWS_AUTH_KEY);
  if (e) {
    // Exactly true (in any case, as Boolean.parseBoolean reads it): "true  " with the blanks Java keeps may be read
    // as false (properties/trailing-blanks), and setting it to plain true cannot break a reader that trims.
    if (e.value.toLowerCase() === 'true') return NO_CHANGE;
    const newText = e.valueStart === e.keyEnd && !e.hasSeparator ? '=true' : 'true';
    return planOf([{ edit: { start: e.valueStart, end: e.valueEnd, newText }, what: `${WINDOWS_AUTH_KEY} set to true` }]);
  }
  return planOf([{ edit: appendLinesEdit(model, [`${WINDOWS_AUTH_KEY}=true`]), what: `${WINDOWS_AUTH_KEY}=true added` }]);
}
