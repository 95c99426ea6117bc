import type { Rule } from '../../../../core/types';
import { parsePort, propertiesFor, type Span } from '../../../../parse/jdbcUrl';
import type { JdbcRuleInput } from '../types';
import { clip, propertySpan } from '../util';

function message(value: string): string {
  if (value.trim() === '') return 'The port is empty, which the driver cannot read as a number ("Integer.parseInt"), so it refuses to connect. Give the port (SQL Server listens on 1433 by default), or leave the port out.';
  if (/^[+-]?[0-9]+$/.test(value.trim()) && value.trim() === value) return `Port "${clip(value)}" is out of range: the driver accepts 0 to 65535 (0 meaning no port) and refuses anything else.`;
  return `"${clip(value)}" is not a whole number, so the driver cannot read it as a port ("Integer.parseInt") and refuses to connect. SQL Server listens on 1433 by default.`;
}

/**
 * `jdbc/invalid-port`: the `:port` part or a `portNumber`/`port` property is one the driver refuses
 * (SQLServerConnection.connectInternal: `Integer.parseInt`, then below 0 or above 65535 is R_invalidPortNumber).
 * Port 0 is valid and means "no port". An IPv6 literal in the server part is reported by `jdbc/invalid-url`
 * instead (the "port" is then the rest of the address).
 */
export const invalidPort: Rule<JdbcRuleInput> = {
  id: 'jdbc/invalid-port',
  defaultSeverity: 'error',
  description: 'The port is not a whole number from 0 to 65535, so the driver refuses to connect.',
  check({ url }, ctx) {
    if (!url.isSqlServer) return;
    const found: Array<{ value: string; span: Span }> = [];
    const ipv6 = url.problems.some((p) => p.code === 'ipv6-in-server-part');
    if (url.port && !ipv6) found.push({ value: url.port.value, span: url.port.value ? url.port.span : url.port.fullSpan });
    for (const p of propertiesFor(url, 'portNumber')) found.push({ value: p.value, span: p.value ? p.valueSpan : propertySpan(p) });
    for (const f of found) {
      if (parsePort(f.value) === undefined) ctx.report({ ...f.span, message: message(f.value) });
    }
  },
};
