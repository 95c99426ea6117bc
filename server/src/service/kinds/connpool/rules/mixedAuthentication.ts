import { MAX_RELATED } from '../../../core/limits';
import type { Rule } from '../../../core/types';
import { authMode, poolLabel, type ConnpoolModel } from '../model';
import { windowsAuthEdits } from '../convert';

/** How many pools of the other mode a message names before it counts the rest. */
const NAMED = 3;

/** Some pools use Windows authentication and others SQL authentication: a half-done conversion. */
export const mixedAuthentication: Rule<ConnpoolModel> = {
  id: 'connpool/mixed-authentication',
  defaultSeverity: 'warning',
  description: 'The pools of the file do not agree on the authentication mode.',
  check(model, ctx) {
    const windows = model.pools.filter((p) => authMode(p) === 'windows');
    const sql = model.pools.filter((p) => authMode(p) === 'sql');
    if (windows.length === 0 || sql.length === 0) return;
    // Bounded: a few pools named, the rest counted; the others as related information (the engine keeps at most 20).
    const shown = windows.slice(0, NAMED).map((p) => poolLabel(model, p));
    const more = windows.length - shown.length;
    const names = more > 0 ? `${shown.join(', ')} and ${more} other pool${more === 1 ? '' : 's'}` : shown.join(', ');
    const related = windows.slice(0, MAX_RELATED).map((p) => ({ ...p.nameSpan, message: `Pool ${poolLabel(model, p)} uses Windows authentication.` }));
    const fix = { title: 'Convert every pool of this file to Windows authentication', edits: windowsAuthEdits(model), safe: false };
    for (const pool of sql) {
      ctx.report({
        ...pool.nameSpan,
        message: `Pool ${poolLabel(model, pool)} still uses SQL authentication while ${names} ${windows.length > 1 ? 'use' : 'uses'} Windows authentication: the conversion looks half done. Every pool must use the same mode.`,
        related,
        fixes: [fix],
      });
    }
  },
};
