import type { Rule } from '../../../core/types';
import { quoted } from '../../properties/escaping';
import { loadedEntry, valueOrKeyRange, type PropertiesFileModel } from '../../properties/model';

/**
 * `reportsdb/ssis-user-not-domain-account`: `SSIS_USER_ID`, as Java loads it, is not of the `Domain\username` form
 * the 12.5 HA tech note asks for (one backslash, text on both sides). When the backslash was written once, Java drops
 * it and `properties/unknown-escape` already says so (with the fix): this rule then stays silent.
 */
export const ssisUserNotDomainAccount: Rule<PropertiesFileModel> = {
  id: 'reportsdb/ssis-user-not-domain-account',
  defaultSeverity: 'warning',
  description: 'SSIS_USER_ID does not load as a Domain\\username account.',
  check(model, ctx) {
    const e = loadedEntry(model, 'SSIS_USER_ID');
    if (!e) return;
    const v = e.value.trim();
    if (v === '' || /^[^\\]+\\[^\\]+$/.test(v)) return;
    if (e.escapes.some((x) => x.part === 'value' && x.kind !== 'valid' && x.kind !== 'unicode-ok')) return;
    const hint = v.includes('\\')
      ? 'It holds more than one backslash, or one at an end.'
      : v.includes('@')
        ? 'It looks like a user@domain name; the tech note writes the account as DOMAIN\\\\user in this file.'
        : 'Write the domain, then the user, with the backslash written twice: "DOMAIN\\\\user".';
    ctx.report({
      ...valueOrKeyRange(e),
      message: `SSIS_USER_ID loads as ${quoted(v)}, which is not of the Domain\\username form the 12.5 HA tech note asks for. ${hint}`,
    });
  },
};
