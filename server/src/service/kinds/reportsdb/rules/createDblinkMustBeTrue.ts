import type { Rule } from '../../../core/types';
import type { PropertiesFileModel } from '../../properties/model';
import { mustBeTrueReport } from './mustBeTrue';

/** `reportsdb/create-dblink-must-be-true`: `CREATE_DBLINK_FROM_CONNPOOLMAP` ships as `true` and must stay so. */
export const createDblinkMustBeTrue: Rule<PropertiesFileModel> = {
  id: 'reportsdb/create-dblink-must-be-true',
  defaultSeverity: 'error',
  description: 'CREATE_DBLINK_FROM_CONNPOOLMAP must stay true.',
  check(model, ctx) {
    const r = mustBeTrueReport(model, 'CREATE_DBLINK_FROM_CONNPOOLMAP', 'the utility builds its database links from the connection pool file, and the guide says not to change it.');
    if (r) ctx.report(r);
  },
};
