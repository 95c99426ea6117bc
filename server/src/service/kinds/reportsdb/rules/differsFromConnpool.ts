import { baseName } from '../../../core/names';
import type { PoolFileSummary, Rule } from '../../../core/types';
import type { ConnectionPort } from '../../../parse/jdbcUrl';
import { quoted } from '../../properties/escaping';
import { loadedEntry, valueOrKeyRange, type PropertiesFileModel } from '../../properties/model';

const PAIRS = [
  { side: 'reports', nameKey: 'REPORTS_DB_NAME', portKey: 'REPORTS_DB_LST_PORT', one: 'the reports pool', many: 'the reports pools' },
  { side: 'active', nameKey: 'ACT_DB_NAME', portKey: 'ACT_DB_LST_PORT', one: 'the active-database pool', many: 'the active-database pools' },
] as const;

/** A SQL Server pool of the pool file: its name, whether it is the reports pool, and where it connects. */
interface PoolDatabase {
  name: string | undefined;
  reports: boolean;
  database: string | undefined;
  port: ConnectionPort;
}

/** The pools of the file with a SQL Server URL. */
function poolDatabases(file: PoolFileSummary | undefined): PoolDatabase[] {
  const out: PoolDatabase[] = [];
  for (const p of file?.pools ?? []) if (p.sqlServer) out.push({ name: p.name, reports: p.reports, database: p.sqlServer.database, port: p.sqlServer.port });
  return out;
}

const poolList = (pools: PoolDatabase[], show: (p: PoolDatabase) => string): string =>
  [...new Set(pools.map((p) => `${p.name ? `"${p.name}"` : 'a pool without a name'} (${show(p)})`))].slice(0, 4).join(', ');

const portNumber = (c: ConnectionPort): number | undefined => (c.kind === 'given' || c.kind === 'default' ? c.port : undefined);

const portText = (c: ConnectionPort): string => (c.kind === 'given' || c.kind === 'default' ? `${c.port}${c.kind === 'default' ? ', the default' : ''}` : '');

/**
 * `reportsdb/differs-from-connpool` (cross-file): the Reports DB utility's database names and listener ports against
 * the pool file of the same ECE home. `REPORTS_DB_NAME`/`REPORTS_DB_LST_PORT` must match the reports pool,
 * `ACT_DB_NAME`/`ACT_DB_LST_PORT` an active-database pool. Names compare without regard to case (SQL Server's usual
 * collations); ports as the driver uses them: a pool with an instance and no port connects to whatever port SQL
 * Browser reports, which is not known here, so it is never compared. Silent without the pool file.
 */
export const differsFromConnpool: Rule<PropertiesFileModel> = {
  id: 'reportsdb/differs-from-connpool',
  defaultSeverity: 'warning',
  reads: ['connpool'],
  description: 'A database name or listener port differs from the matching pool in egpl_ds_connpool_map.xml.',
  check(model, ctx) {
    let file: PoolFileSummary | undefined;
    let pools: PoolDatabase[] | undefined;
    for (const pair of PAIRS) {
      const nameEntry = loadedEntry(model, pair.nameKey);
      const portEntry = loadedEntry(model, pair.portKey);
      if (!nameEntry && !portEntry) continue;
      if (!pools) {
        file = ctx.workspace.poolFile(ctx.uri);
        pools = poolDatabases(file);
      }
      const side = pools.filter((p) => p.reports === (pair.side === 'reports'));
      if (side.length === 0) continue;
      const fileName = baseName(file!.uri);
      const name = nameEntry?.value.trim() ?? '';
      const named = side.filter((p) => p.database !== undefined && p.database.trim() !== '');
      if (name !== '' && named.length > 0 && !named.some((p) => p.database!.trim().toLowerCase() === name.toLowerCase())) {
        ctx.report({
          ...valueOrKeyRange(nameEntry!),
          message: `${pair.nameKey} is ${quoted(name)}, but ${named.length > 1 ? pair.many : pair.one} in ${fileName} open${named.length > 1 ? '' : 's'} another database: ${poolList(named, (p) => `databaseName=${p.database!.trim()}`)}. The utility must work on the database ECE uses.`,
        });
      }
      const portValue = portEntry?.value.trim() ?? '';
      if (!/^[0-9]{1,5}$/.test(portValue)) continue; // reportsdb/invalid-port's case
      const known = side.filter((p) => p.port.kind === 'given' || p.port.kind === 'default');
      if (known.length === 0 || known.length < side.length) continue;
      const port = Number(portValue);
      if (known.some((p) => portNumber(p.port) === port)) continue;
      ctx.report({
        ...valueOrKeyRange(portEntry!),
        message: `${pair.portKey} is ${port}, but ${known.length > 1 ? pair.many : pair.one} in ${fileName} connect${known.length > 1 ? '' : 's'} to another port: ${poolList(known, (p) => `port ${portText(p.port)}`)}. Both should be the availability group listener's port.`,
      });
    }
  },
};
