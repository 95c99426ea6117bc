/** "Convert to Windows Authentication" on `reportsdb_utility.properties`: `IS_WINDOWS_AUTHENTICATION=true`. */
import type { WindowsAuthPlan } from '../../core/types';
import { bomEffect } from '../../parse/properties';
import { appendLinesEdit, type PropertiesFileModel } from '../properties/model';
import { NO_CHANGE, planOf } from '../shared/windowsAuth';

const WINDOWS_AUTH_KEY = 'IS_WINDOWS_AUTHENTICATION';

/**
 * The value replaced (or the key added at the end, with the file's line breaks, also when the file's only such line is
 * glued to a byte-order mark, which Java reads as another key); nothing when it is already true.
 */
export function planReportsdb(model: PropertiesFileModel): WindowsAuthPlan {
  const e = model.parsed.table.get(WINDOWS_AUTH_KEY);
  // An entry glued to a leading byte-order mark is another key to Java (`\uFEFFIS_WINDOWS_AUTHENTICATION`, see
  // bomEffect): setting its value would not set IS_WINDOWS_AUTHENTICATION, so the key is added as if it were absent.
  if (e && e !== bomEffect(model.parsed)?.entry) {
    // Exactly true (in any case, as Boolean.parseBoolean reads it): "true  " with the blanks Java keeps may be read
    // as false (properties/trailing-blanks), and setting it to plain true cannot break a reader that trims.
    if (e.value.toLowerCase() === 'true') return NO_CHANGE;
    const newText = e.valueStart === e.keyEnd && !e.hasSeparator ? '=true' : 'true';
    return planOf([{ edit: { start: e.valueStart, end: e.valueEnd, newText }, what: `${WINDOWS_AUTH_KEY} set to true` }]);
  }
  return planOf([{ edit: appendLinesEdit(model, [`${WINDOWS_AUTH_KEY}=true`]), what: `${WINDOWS_AUTH_KEY}=true added` }]);
}
