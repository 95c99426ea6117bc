import { baseName } from '../../../core/names';
import type { PoolFileSummary, Rule } from '../../../core/types';
import {
  effectiveHost,
  connectionPort,
  effectiveInstance,
  isSecretName,
  lastProperty,
  normalizeJdbcUrl,
  parseJdbcUrl,
  type JdbcUrl,
} from '../../../parse/jdbcUrl';
import { escapePropertiesValue } from '../../../parse/properties';
import { valueOrKeyRange, type PropertiesFileModel } from '../../properties/model';
import { databasesOf } from './urls';

/** Which pool each URL key must copy. */
const POOL_OF: Record<string, string> = {
  ACTIVE_DATABASE_URL: 'Platform_MSSQL_Pool',
  REPORTS_DATABASE_URL: 'ReportsDB_MSSQL_Pool',
};

const show = (v: string | undefined): string => (v === undefined || v === '' ? '(none)' : `"${v}"`);

/** Short description of what differs, never showing a password-like value. */
function describeUrlDifference(mine: JdbcUrl, pool: JdbcUrl): string {
  const parts: string[] = [];
  const h1 = (effectiveHost(mine) ?? '').toLowerCase();
  const h2 = (effectiveHost(pool) ?? '').toLowerCase();
  if (h1 !== h2) parts.push(`server ${show(effectiveHost(mine))} instead of ${show(effectiveHost(pool))}`);
  // Ports as the driver uses them: none (or 0) is 1433 without an instance, SQL Browser's answer with one.
  const portOf = (u: JdbcUrl): string => {
    const c = connectionPort(u);
    return c.kind === 'given' ? `"${c.port}"` : c.kind === 'default' ? '(none: 1433)' : c.kind === 'browser' ? "(none: SQL Browser's port for the instance)" : `"${c.value}"`;
  };
  const p1 = portOf(mine);
  const p2 = portOf(pool);
  if (p1 !== p2) parts.push(`port ${p1} instead of ${p2}`);
  const i1 = effectiveInstance(mine)?.toLowerCase();
  const i2 = effectiveInstance(pool)?.toLowerCase();
  if (i1 !== i2) parts.push(`instance ${show(i1)} instead of ${show(i2)}`);
  const names = new Set<string>();
  for (const p of [...mine.properties, ...pool.properties]) {
    const c = p.canonical ?? p.name.trim();
    if (c === 'serverName' || c === 'portNumber' || c === 'instanceName') continue;
    names.add(c);
  }
  for (const n of [...names].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase()))) {
    const find = (u: JdbcUrl) => lastProperty(u, n) ?? [...u.properties].reverse().find((p) => p.name.trim().toLowerCase() === n.toLowerCase());
    const a = find(mine)?.value;
    const b = find(pool)?.value;
    if ((a ?? '').toLowerCase() === (b ?? '').toLowerCase() && (a === undefined) === (b === undefined)) continue;
    if (isSecretName(n)) parts.push(`${n} differs (value not shown)`);
    else parts.push(`${n} ${show(a)} instead of ${show(b)}`);
  }
  return parts.length ? parts.join(', ') : 'the URLs are written differently';
}

/** The Url of the last pool named `name` (case-insensitive) that has one. */
function urlOfPool(file: PoolFileSummary, name: string): string | undefined {
  const want = name.toLowerCase();
  for (let i = file.pools.length - 1; i >= 0; i--) {
    const p = file.pools[i]!;
    if (p.name?.toLowerCase() === want && p.url !== undefined) return p.url;
  }
  return undefined;
}

/**
 * `indexstats/url-differs-from-connpool` (cross-file): `ACTIVE_DATABASE_URL` / `REPORTS_DATABASE_URL` must be the
 * URLs of `Platform_MSSQL_Pool` / `ReportsDB_MSSQL_Pool` in the pool file. Compared after normalising (property
 * name case, order, blanks). Silent when the pool file or that pool is not known.
 */
export const urlDiffersFromConnpool: Rule<PropertiesFileModel> = {
  id: 'indexstats/url-differs-from-connpool',
  defaultSeverity: 'warning',
  reads: ['connpool'],
  description: 'A database URL differs from the URL of the matching pool in egpl_ds_connpool_map.xml.',
  check(model, ctx) {
    for (const db of databasesOf(model)) {
      const poolName = POOL_OF[db.urlKey];
      if (!poolName) continue;
      const poolFile = ctx.workspace.poolFile(ctx.uri);
      const poolUrl = poolFile && urlOfPool(poolFile, poolName);
      if (!poolFile || !poolUrl) continue;
      const poolJdbc = parseJdbcUrl(poolUrl);
      if (normalizeJdbcUrl(db.url) === normalizeJdbcUrl(poolJdbc)) continue;
      const e = db.urlEntry;
      const file = baseName(poolFile.uri);
      ctx.report({
        ...valueOrKeyRange(e),
        message: `${db.urlKey} differs from the Url of pool "${poolName}" in ${file}: ${describeUrlDifference(db.url, poolJdbc)}. The utility must reach the same ${db.label} as ECE does.`,
        fixes: [
          {
            title: `Copy the Url of "${poolName}" from ${file}`,
            edits: [{ start: e.valueStart, end: e.valueEnd, newText: (e.valueStart === e.keyEnd ? '=' : '') + escapePropertiesValue(poolUrl, true) }],
            safe: false,
            preferred: true,
          },
        ],
      });
    }
  },
};
