import type { Rule } from '../../../core/types';
import type { PropertiesFileModel } from '../../properties/model';
import { mustBeTrueReport } from './mustBeTrue';

/** `reportsdb/windows-authentication-required`: `IS_WINDOWS_AUTHENTICATION` must be `true`. */
export const windowsAuthenticationRequired: Rule<PropertiesFileModel> = {
  id: 'reportsdb/windows-authentication-required',
  defaultSeverity: 'error',
  description: 'IS_WINDOWS_AUTHENTICATION must be true.',
  check(model, ctx) {
    const r = mustBeTrueReport(model, 'IS_WINDOWS_AUTHENTICATION', 'databases in an Always On availability group are reached with Windows authentication.');
    if (r) ctx.report(r);
  },
};
