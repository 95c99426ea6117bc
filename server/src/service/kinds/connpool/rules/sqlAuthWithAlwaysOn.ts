import type { Rule } from '../../../core/types';
import { authMode, hostAndPort, poolLabel, type ConnpoolModel } from '../model';
import { windowsAuthEdits } from '../convert';

/** Always On availability groups need Windows authentication; a pool still on SQL authentication will fail. */
export const sqlAuthWithAlwaysOn: Rule<ConnpoolModel> = {
  id: 'connpool/sql-auth-with-always-on',
  defaultSeverity: 'warning',
  description: 'SQL authentication while Always On is in use (ece.alwaysOn, or a listener host).',
  check(model, ctx) {
    const listeners = new Set(ctx.settings.listenerNames.map((l) => l.toLowerCase()));
    let fix: { title: string; edits: ReturnType<typeof windowsAuthEdits>; safe: boolean } | undefined;
    for (const pool of model.pools) {
      if (authMode(pool) !== 'sql') continue;
      const host = hostAndPort(pool)?.host;
      const onListener = host !== undefined && listeners.has(host);
      if (!ctx.settings.alwaysOn && !onListener) continue;
      fix ??= { title: 'Convert every pool of this file to Windows authentication', edits: windowsAuthEdits(model), safe: false };
      const why = onListener ? `its host "${host}" is an availability-group listener (ece.listenerNames)` : 'Always On is enabled (ece.alwaysOn)';
      ctx.report({
        ...pool.nameSpan,
        message: `Pool ${poolLabel(model, pool)} uses SQL authentication, but ${why}: ECE with Always On requires Windows authentication (integratedSecurity=true, empty User and Password).`,
        fixes: [fix],
      });
    }
  },
};
