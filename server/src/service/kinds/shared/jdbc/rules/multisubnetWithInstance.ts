import type { Rule } from '../../../../core/types';
import { connectionPort, lastProperty } from '../../../../parse/jdbcUrl';
import type { JdbcRuleInput } from '../types';
import { clip, propertySpan } from '../util';

/**
 * `jdbc/multisubnet-with-instance`: `multiSubnetFailover=true` with `failoverPartner` is refused by the driver
 * (SQLServerConnection.connectInternal, R_dbMirroringWithMultiSubnetFailover; the property merely being present, even
 * empty, counts). With a named instance and no port it is NOT refused (getInstancePort asks SQL Browser on every
 * address of the host): that case only gets advice, at information level.
 */
export const multisubnetWithInstance: Rule<JdbcRuleInput> = {
  id: 'jdbc/multisubnet-with-instance',
  defaultSeverity: 'error',
  description: 'multiSubnetFailover=true with failoverPartner (the driver refuses it); with an instance name and no port, advice to give the port.',
  check({ url }, ctx) {
    if (!url.isSqlServer) return;
    const msf = lastProperty(url, 'multiSubnetFailover');
    if (!msf || msf.value.toLowerCase() !== 'true') return;
    const cp = connectionPort(url);
    if (cp.kind === 'browser') {
      ctx.report({
        ...propertySpan(msf),
        severity: 'information',
        message: `With "multiSubnetFailover=true" and the instance "${clip(cp.instance)}" but no port, the driver asks the SQL Server Browser service (UDP 1434) on every address of the host for the instance's port before it connects. That works only while SQL Browser answers on those addresses; Microsoft recommends a fixed port for availability group listeners. If the listener has one, give it (e.g. ":1433").`,
      });
    }
    const partner = lastProperty(url, 'failoverPartner');
    if (partner) {
      ctx.report({
        ...propertySpan(partner),
        message: `"failoverPartner" (database mirroring) cannot be used with "multiSubnetFailover=true": the driver refuses the connection${partner.value.trim() === '' ? ', even with an empty value' : ''}. An availability group listener needs no failover partner: remove it.`,
      });
    }
  },
};
