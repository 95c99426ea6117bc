import type { Rule } from '../../../../core/types';
import { lastProperty, type JdbcPart, type JdbcProperty } from '../../../../parse/jdbcUrl';
import type { JdbcRuleInput } from '../types';
import { deletion, fix, propertySpan } from '../util';

/**
 * `jdbc/duplicate-property`: the same property twice (case and aliases folded; aliases only the newest driver
 * knows are left to `jdbc/unknown-property`, since ECE's driver ignores them). The driver keeps the last value.
 * Also reports a server, instance or port part that a later property overrides.
 */
export const duplicateProperty: Rule<JdbcRuleInput> = {
  id: 'jdbc/duplicate-property',
  defaultSeverity: 'warning',
  description: 'The same property is set twice; the driver keeps only the last value.',
  check({ url }, ctx) {
    if (!url.isSqlServer) return;
    const lastOf = new Map<string, JdbcProperty>();
    for (const p of url.properties) if (p.canonical && !p.newestDriverOnly) lastOf.set(p.canonical, p);
    for (const p of url.properties) {
      if (!p.canonical || p.newestDriverOnly) continue;
      const last = lastOf.get(p.canonical)!;
      if (last === p) continue;
      const as = last.name === p.name ? '' : ` (as "${last.name}")`;
      ctx.report({
        ...propertySpan(p),
        message: `"${p.canonical}" is set again later in this URL${as}. The driver keeps only the last value, so this one has no effect.`,
        fixes: [fix(`Remove this earlier "${p.name}" setting`, [deletion(p.segmentSpan)], true, true)],
      });
    }
    const overridden = (part: JdbcPart | undefined, canonical: string, what: string): void => {
      if (!part || !part.value) return;
      const later = lastProperty(url, canonical);
      if (!later) return;
      ctx.report({
        start: part.span.start,
        end: part.span.end,
        message: `The "${later.name}" property later in this URL overrides this ${what}; the driver uses the property's value.`,
      });
    };
    overridden(url.server, 'serverName', 'server name');
    overridden(url.instance, 'instanceName', 'instance name');
    overridden(url.port, 'portNumber', 'port');
  },
};
