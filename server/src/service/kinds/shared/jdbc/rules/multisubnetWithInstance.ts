import type { Rule } from '../../../../core/types';
import { instanceValue, lastProperty, portValue } from '../../../../parse/jdbcUrl';
import type { JdbcRuleInput } from '../types';
import { propertySpan } from '../util';

/** `jdbc/multisubnet-with-instance`: combinations the driver refuses with `multiSubnetFailover=true`. */
export const multisubnetWithInstance: Rule<JdbcRuleInput> = {
  id: 'jdbc/multisubnet-with-instance',
  defaultSeverity: 'error',
  description: 'multiSubnetFailover=true with an instance name and no port, or with failoverPartner: the driver refuses it.',
  check({ url }, ctx) {
    if (!url.isSqlServer) return;
    const msf = lastProperty(url, 'multiSubnetFailover');
    if (!msf || msf.value.toLowerCase() !== 'true') return;
    const inst = instanceValue(url);
    if (inst && inst.value && !portValue(url)) {
      ctx.report({
        ...propertySpan(msf),
        message: `\`multiSubnetFailover=true\` cannot be used with an instance name (\`${inst.value}\`) unless a port is given too: the driver refuses the connection. Give the listener's port (e.g. \`:1433\`) instead of the instance name.`,
      });
    }
    const partner = lastProperty(url, 'failoverPartner');
    if (partner && partner.value.trim() !== '') {
      ctx.report({
        ...propertySpan(partner),
        message: '`failoverPartner` (database mirroring) cannot be used with `multiSubnetFailover=true`: the driver refuses the connection. An availability group listener needs no failover partner.',
      });
    }
  },
};
