import type { FixProposal, Rule } from '../../../../core/types';
import { driverProperty } from '../../../../parse/jdbcUrl';
import type { JdbcRuleInput } from '../types';
import { clip, editDistance, fix, propertySpan } from '../util';

const TRUE_WORDS = new Set(['yes', 'y', '1', 'on', 't', 'enable', 'enabled', 'sspi']);
const FALSE_WORDS = new Set(['no', 'n', '0', 'off', 'f', 'disable', 'disabled', 'none']);

/** The boolean an admin most likely meant by `value`, or undefined when it is not clear. */
export function nearestBoolean(value: string): 'true' | 'false' | undefined {
  const v = value.trim().toLowerCase();
  if (TRUE_WORDS.has(v)) return 'true';
  if (FALSE_WORDS.has(v)) return 'false';
  const dt = editDistance(v, 'true', 2);
  const df = editDistance(v, 'false', 2);
  if (dt < df && dt <= 2) return 'true';
  if (df < dt && df <= 2) return 'false';
  return undefined;
}

/** `jdbc/invalid-boolean`: a boolean property with a value other than true/false fails the connection. */
export const invalidBoolean: Rule<JdbcRuleInput> = {
  id: 'jdbc/invalid-boolean',
  defaultSeverity: 'error',
  description: 'A true/false property has another value, so the driver refuses to connect.',
  check({ url }, ctx) {
    if (!url.isSqlServer) return;
    for (const p of url.properties) {
      if (!p.canonical || p.newestDriverOnly || driverProperty(p.canonical)?.type !== 'boolean') continue;
      const v = p.value.toLowerCase();
      if (v === 'true' || v === 'false') continue;
      const span = p.valueSpan.start === p.valueSpan.end ? propertySpan(p) : p.valueSpan;
      const shown = p.value === '' ? 'an empty value' : `\`${clip(p.value)}\``;
      const edit = (b: string) => [{ start: p.valueSpan.start, end: p.valueSpan.end, newText: b }];
      const nearest = nearestBoolean(p.value);
      const fixes: FixProposal[] = nearest
        ? [fix(`Set ${p.name}=${nearest}`, edit(nearest), false, true)]
        : [fix(`Set ${p.name}=true`, edit('true'), false), fix(`Set ${p.name}=false`, edit('false'), false)];
      ctx.report({
        ...span,
        message: `\`${p.name}\` accepts only \`true\` or \`false\` (in any case); with ${shown} the driver refuses to connect.`,
        fixes,
      });
    }
  },
};
