import type { Rule } from '../../../../core/types';
import { portValue, propertiesFor } from '../../../../parse/jdbcUrl';
import type { JdbcRuleInput } from '../types';
import { clip, deletion, fix, propertySpan } from '../util';

/** `jdbc/instance-ignored`: with a port given, the driver connects to the port and ignores the instance name. */
export const instanceIgnored: Rule<JdbcRuleInput> = {
  id: 'jdbc/instance-ignored',
  defaultSeverity: 'warning',
  description: 'Both an instance name and a port are given: the driver uses the port and ignores the instance.',
  check({ url }, ctx) {
    if (!url.isSqlServer) return;
    const port = portValue(url);
    if (!port) return;
    const said = (inst: string) =>
      `A port (\`${clip(port.value.trim() || '(empty)')}\`) is given too, so the driver connects straight to that port and ignores the instance name \`${clip(inst)}\`. Remove the instance name so the URL says what it does (or remove the port if you meant the instance).`;
    if (url.instance && url.instance.value) {
      const inst = url.instance;
      ctx.report({
        start: inst.fullSpan.start,
        end: inst.span.end,
        message: said(inst.raw),
        fixes: [fix(`Remove the ignored instance name '\\${clip(inst.raw)}'`, [deletion(inst.fullSpan)], true, true)],
      });
    }
    for (const p of propertiesFor(url, 'instanceName')) {
      if (!p.value) continue;
      ctx.report({
        ...propertySpan(p),
        message: said(p.value),
        fixes: [fix(`Remove the ignored '${p.name}' setting`, [deletion(p.segmentSpan)], true, true)],
      });
    }
  },
};
