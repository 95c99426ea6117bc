import { baseName, hostKey, sameMachine } from '../../../core/names';
import type { PoolFileSummary, Rule } from '../../../core/types';
import { quoted } from '../../properties/escaping';
import { loadedEntry, valueOrKeyRange, type PropertiesFileModel } from '../../properties/model';

const SERVER_KEYS = ['REPORTS_DB_SERVER_NAME', 'ACT_DB_SERVER_NAME'];

/**
 * `reportsdb/server-is-listener` (cross-file): a `*_SERVER_NAME` names the availability group listener, the host
 * the connection pool file connects to, or a host listed in `ece.listenerNames`. The utility wants the server that
 * was the secondary replica at install time. Silent when neither the pool file nor the setting is there.
 */
export const serverIsListener: Rule<PropertiesFileModel> = {
  id: 'reportsdb/server-is-listener',
  defaultSeverity: 'warning',
  reads: ['connpool'],
  description: 'A *_SERVER_NAME names the Always On listener (from the pool file or ece.listenerNames) instead of the secondary replica.',
  check(model, ctx) {
    let file: PoolFileSummary | undefined | null;
    for (const key of SERVER_KEYS) {
      const e = loadedEntry(model, key);
      if (!e) continue;
      const value = e.value.trim();
      if (hostKey(value) === '') continue;
      const setting = ctx.settings.listenerNames.find((l) => sameMachine(l, value));
      let why: string | undefined;
      if (setting !== undefined) why = `it is an availability group listener (listed in ece.listenerNames)`;
      else {
        if (file === undefined) file = ctx.workspace.poolFile(ctx.uri) ?? null;
        const hit = file?.pools.find((p) => p.sqlServer?.host && sameMachine(p.sqlServer.host, value));
        if (file && hit) {
          const pool = hit.name ? `pool "${hit.name}"` : 'a pool';
          why = `${baseName(file.uri)} connects to it (${pool}), so it is the availability group listener`;
        }
      }
      if (!why) continue;
      ctx.report({
        ...valueOrKeyRange(e),
        message: `${key} is ${quoted(value)}, but ${why}. The Reports DB utility needs the fully qualified name of the server that was the secondary replica at install time, not the listener.`,
      });
    }
  },
};
