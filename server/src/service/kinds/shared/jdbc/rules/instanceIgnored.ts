import type { Rule } from '../../../../core/types';
import { connectionPort, portValue, propertiesFor } from '../../../../parse/jdbcUrl';
import type { JdbcRuleInput } from '../types';
import { clip, deletion, fix, propertySpan } from '../util';

/**
 * `jdbc/instance-ignored`: with a port other than 0 the driver connects to that port and never asks SQL Browser for
 * the instance's port (SQLServerConnection.primaryPermissionCheck looks the instance up only when the port is 0).
 * Silent with port 0 (the instance is looked up) and with a port the driver refuses (`jdbc/invalid-port`).
 */
export const instanceIgnored: Rule<JdbcRuleInput> = {
  id: 'jdbc/instance-ignored',
  defaultSeverity: 'warning',
  description: 'Both an instance name and a port are given: the driver connects to the port and does not look the instance up.',
  check({ url }, ctx) {
    if (!url.isSqlServer) return;
    const cp = connectionPort(url);
    if (cp.kind !== 'given') return;
    const port = portValue(url)!;
    const said = (inst: string) =>
      `A port ("${clip(port.value)}") is given too, so the driver connects straight to that port and does not ask SQL Browser where the instance "${clip(inst)}" listens: the instance name does not decide where it connects. Remove the instance name so the URL says what it does (or remove the port if you meant the instance).`;
    if (url.instance && url.instance.value) {
      const inst = url.instance;
      ctx.report({
        start: inst.fullSpan.start,
        end: inst.span.end,
        message: said(inst.raw),
        fixes: [fix(`Remove the instance name '\\${clip(inst.raw)}'`, [deletion(inst.fullSpan)], true, true)],
      });
    }
    for (const p of propertiesFor(url, 'instanceName')) {
      if (!p.value) continue;
      ctx.report({
        ...propertySpan(p),
        message: said(p.value),
        fixes: [fix(`Remove the "${p.name}" setting`, [deletion(p.segmentSpan)], true, true)],
      });
    }
  },
};
