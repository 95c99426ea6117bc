import type { Rule } from '../../../../core/types';
import { hostValue, lastProperty, setPropertyEdits } from '../../../../parse/jdbcUrl';
import type { JdbcRuleInput } from '../types';
import { fix } from '../util';

const bare = (h: string): string => h.trim().toLowerCase().replace(/\.$/, '');

/** `jdbc/listener-without-multisubnet`: Microsoft asks for `multiSubnetFailover=true` with every listener. */
export const listenerWithoutMultisubnet: Rule<JdbcRuleInput> = {
  id: 'jdbc/listener-without-multisubnet',
  defaultSeverity: 'information',
  description: 'The server is an Always On listener (ece.listenerNames) and multiSubnetFailover is not true.',
  check({ url }, ctx) {
    const host = hostValue(url);
    if (!host || !host.value) return;
    const h = bare(host.value);
    if (!ctx.settings.listenerNames.some((l) => bare(l) === h)) return;
    const msf = lastProperty(url, 'multiSubnetFailover');
    if (msf && msf.value.toLowerCase() === 'true') return;
    // With failoverPartner (present at all, even empty) the driver refuses multiSubnetFailover=true
    // (R_dbMirroringWithMultiSubnetFailover): offer no fix then. A named instance without a port does not block it.
    const blocked = lastProperty(url, 'failoverPartner') !== undefined;
    const edits = blocked ? [] : setPropertyEdits(url, 'multiSubnetFailover', 'true');
    ctx.report({
      ...host.span,
      message: `"${host.value}" is an Always On availability group listener (listed in ece.listenerNames), but "multiSubnetFailover" is not "true". Microsoft's JDBC documentation asks for "multiSubnetFailover=true" whenever a listener is used: the driver then tries all of the listener's addresses at once, so after a failover to another subnet it does not wait for a timeout on the old address.`,
      ...(edits.length > 0
        ? { fixes: [fix(msf ? 'Set multiSubnetFailover=true' : 'Add ;multiSubnetFailover=true', edits, false, true)] }
        : {}),
    });
  },
};
