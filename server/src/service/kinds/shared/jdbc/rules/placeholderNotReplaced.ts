import type { Rule } from '../../../../core/types';
import { hostValue, instanceValue, lastProperty, placeholderSpans, portValue, type Span } from '../../../../parse/jdbcUrl';
import type { JdbcRuleInput } from '../types';
import { clip } from '../util';

/**
 * `jdbc/placeholder-not-replaced`: a `<...>` left from the installation guide's example URL
 * (`jdbc:sqlserver://<DB server name>:1433;integratedSecurity=true;databaseName=<Database Name>`) in the server,
 * instance, port or database name: it is not a name, and the driver uses it as one. Other values (an application
 * name may hold `<1>`) are left alone.
 */
export const placeholderNotReplaced: Rule<JdbcRuleInput> = {
  id: 'jdbc/placeholder-not-replaced',
  defaultSeverity: 'error',
  description: 'The server, instance, port or database name is still a placeholder from the guide, such as <DB server name> or <Database Name>.',
  check({ url }, ctx) {
    if (!url.isSqlServer) return;
    const places: Array<{ span: Span; what: string }> = [];
    const host = hostValue(url);
    if (host) places.push({ span: host.span, what: 'the fully qualified name of the database server (with Always On, the availability group listener). As written, the driver looks for a host of that name and cannot connect.' });
    const inst = instanceValue(url);
    if (inst) places.push({ span: inst.span, what: 'the instance name, or remove it for the default instance.' });
    const port = portValue(url);
    if (port) places.push({ span: port.span, what: 'the port (usually 1433). As written, it is not a number and the driver refuses to connect.' });
    const db = lastProperty(url, 'databaseName');
    if (db) places.push({ span: db.valueSpan, what: 'the name of the database (e.g. eGActiveDB or eGReportsDB). As written, SQL Server is asked to open a database of that name and the login fails.' });
    for (const { span, what } of places) {
      for (const s of placeholderSpans(url.text.slice(span.start, span.end))) {
        const start = span.start + s.start;
        const end = span.start + s.end;
        ctx.report({
          start,
          end,
          message: `"${clip(url.text.slice(start, end))}" is a placeholder from the installation guide's example, not a value: replace it with ${what}`,
        });
      }
    }
  },
};
