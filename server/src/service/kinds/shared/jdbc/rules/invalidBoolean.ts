import type { FixProposal, Rule } from '../../../../core/types';
import { driverProperty } from '../../../../parse/jdbcUrl';
import type { JdbcRuleInput } from '../types';
import { clip, editDistance, fix, propertySpan } from '../util';

const TRUE_WORDS = new Set(['yes', 'y', '1', 'on', 't', 'enable', 'enabled', 'sspi']);
const FALSE_WORDS = new Set(['no', 'n', '0', 'off', 'f', 'disable', 'disabled', 'none']);

/** The boolean an admin most likely meant by `value`, or undefined when it is not clear. */
function nearestBoolean(value: string): 'true' | 'false' | undefined {
  const v = value.trim().replace(/^(["'])(.*)\1$/, '$2').trim().toLowerCase();
  if (TRUE_WORDS.has(v)) return 'true';
  if (FALSE_WORDS.has(v)) return 'false';
  const dt = editDistance(v, 'true', 2);
  const df = editDistance(v, 'false', 2);
  if (dt < df && dt <= 2) return 'true';
  if (df < dt && df <= 2) return 'false';
  return undefined;
}

/**
 * `jdbc/invalid-boolean`: a boolean property with a value other than true/false. What the driver then does depends
 * on how it reads that property (generated driver facts, `reading`): the strict ones
 * (SQLServerConnection.isBooleanPropertyOn) fail the connection, the lenient ones (`Boolean.parseBoolean`) silently
 * read false.
 */
export const invalidBoolean: Rule<JdbcRuleInput> = {
  id: 'jdbc/invalid-boolean',
  defaultSeverity: 'error',
  description: 'A true/false property has another value: the driver refuses to connect (or, for fips and useDefaultJaasConfig, silently reads false).',
  check({ url }, ctx) {
    if (!url.isSqlServer) return;
    for (const p of url.properties) {
      if (!p.canonical || p.newestDriverOnly) continue;
      const facts = driverProperty(p.canonical);
      if (facts?.type !== 'boolean') continue;
      const v = p.value.toLowerCase();
      if (v === 'true' || v === 'false') continue;
      const span = p.valueSpan.start === p.valueSpan.end ? propertySpan(p) : p.valueSpan;
      const shown = p.value === '' ? 'an empty value' : `"${clip(p.value)}"`;
      const edit = (b: string) => [{ start: p.valueSpan.start, end: p.valueSpan.end, newText: b }];
      const nearest = nearestBoolean(p.value);
      const fixes: FixProposal[] = nearest
        ? [fix(`Set ${p.name}=${nearest}`, edit(nearest), false, true)]
        : [fix(`Set ${p.name}=true`, edit('true'), false), fix(`Set ${p.name}=false`, edit('false'), false)];
      const quoted = /^(["']).*\1$/.test(p.value) ? ' Quotes are not part of a JDBC value: write the word without them.' : '';
      let message: string;
      let severity: 'warning' | undefined;
      if (facts.reading === 'lenient') {
        severity = 'warning';
        message = `"${p.name}" is read with Java's "Boolean.parseBoolean": only "true" (in any case) means true, so ${shown} is silently read as "false".${quoted}`;
      } else if (facts.readOnlyWhen) {
        message = `"${p.name}" accepts only "true" or "false" (in any case). The driver reads it only with ${facts.readOnlyWhen}, and then refuses to connect with ${shown}.${quoted}`;
      } else {
        message = `"${p.name}" accepts only "true" or "false" (in any case); with ${shown} the driver refuses to connect.${quoted}`;
      }
      ctx.report({ ...span, message, ...(severity ? { severity } : {}), fixes });
    }
  },
};
