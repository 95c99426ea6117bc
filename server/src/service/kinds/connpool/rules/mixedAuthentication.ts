import type { Rule } from '../../../core/types';
import { authMode, poolLabel, type ConnpoolModel } from '../model';
import { windowsAuthEdits } from '../convert';

/** Some pools use Windows authentication and others SQL authentication: a half-done conversion. */
export const mixedAuthentication: Rule<ConnpoolModel> = {
  id: 'connpool/mixed-authentication',
  defaultSeverity: 'warning',
  description: 'The pools of the file do not agree on the authentication mode.',
  check(model, ctx) {
    const windows = model.pools.filter((p) => authMode(p) === 'windows');
    const sql = model.pools.filter((p) => authMode(p) === 'sql');
    if (windows.length === 0 || sql.length === 0) return;
    const names = windows.map((p) => poolLabel(model, p)).join(', ');
    const fix = { title: 'Convert every pool of this file to Windows authentication', edits: windowsAuthEdits(model), safe: false };
    for (const pool of sql) {
      const url = pool.url!;
      ctx.report({
        start: url.element.start,
        end: url.element.end,
        message: `Pool ${poolLabel(model, pool)} still uses SQL authentication while ${names} ${windows.length > 1 ? 'use' : 'uses'} Windows authentication: the conversion looks half done. Every pool must use the same mode.`,
        fixes: [fix],
      });
    }
  },
};
