import type { Rule } from '../../../../core/types';
import { parsePort, propertiesFor, type Span } from '../../../../parse/jdbcUrl';
import type { JdbcRuleInput } from '../types';
import { clip, propertySpan } from '../util';

function message(value: string): string {
  const v = value.trim();
  if (v === '') return 'The port is empty: give a whole number from 1 to 65535 (SQL Server listens on 1433 by default), or leave the port out.';
  if (/^\+?[0-9]+$/.test(v)) return `Port \`${clip(v)}\` is out of range: a port is a whole number from 1 to 65535 (SQL Server listens on 1433 by default).`;
  return `\`${clip(v)}\` is not a port: the driver needs a whole number from 1 to 65535 (SQL Server listens on 1433 by default) and refuses to connect.`;
}

/** `jdbc/invalid-port`: the `:port` part or a `portNumber`/`port` property is not an integer 1..65535. */
export const invalidPort: Rule<JdbcRuleInput> = {
  id: 'jdbc/invalid-port',
  defaultSeverity: 'error',
  description: 'The port is not a whole number from 1 to 65535.',
  check({ url }, ctx) {
    if (!url.isSqlServer) return;
    const found: Array<{ value: string; span: Span }> = [];
    if (url.port) found.push({ value: url.port.value, span: url.port.value ? url.port.span : url.port.fullSpan });
    for (const p of propertiesFor(url, 'portNumber')) found.push({ value: p.value, span: p.value ? p.valueSpan : propertySpan(p) });
    for (const f of found) {
      if (parsePort(f.value) === undefined) ctx.report({ ...f.span, message: message(f.value) });
    }
  },
};
