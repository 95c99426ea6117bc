import type { Rule } from '../../../../core/types';
import { isSecretName, knownPropertyNames, type JdbcProperty } from '../../../../parse/jdbcUrl';
import type { JdbcRuleInput } from '../types';
import { clip, editDistance, fix } from '../util';

const MAX_SUGGESTED = 500;

/** Names worth suggesting: canonical names and the aliases every driver knows. */
const CANDIDATES = knownPropertyNames().filter((n) => !n.newestDriverOnly);

/**
 * The known name closest to `name`: within edit distance 1 (names up to 4 characters) or 2, else the only
 * canonical name that starts with it (`instance` → `instanceName`) when it has at least 5 characters.
 */
function suggestPropertyName(name: string): string | undefined {
  const max = name.length <= 4 ? 1 : 2;
  let best: string | undefined;
  let bestD = max + 1;
  for (const c of CANDIDATES) {
    const d = editDistance(name, c.name, max);
    if (d < bestD) {
      bestD = d;
      best = c.name;
    }
  }
  if (best !== undefined) return best;
  if (name.length < 5) return undefined;
  const lower = name.toLowerCase();
  const starts = CANDIDATES.filter((c) => c.name === c.canonical && c.name.toLowerCase().startsWith(lower));
  return starts.length === 1 ? starts[0]!.name : undefined;
}

/** `jdbc/unknown-property`: a name the driver does not know is dropped without any error. */
export const unknownProperty: Rule<JdbcRuleInput> = {
  id: 'jdbc/unknown-property',
  defaultSeverity: 'warning',
  description: 'A property name the driver does not know: it is silently ignored, so the setting has no effect.',
  check({ url }, ctx) {
    if (!url.isSqlServer) return;
    const memo = new Map<string, string | undefined>();
    let prev: JdbcProperty | undefined;
    for (const p of url.properties) {
      const afterSecret = prev !== undefined && !prev.braced && isSecretName(prev.name);
      prev = p;
      if (!p.canonical && afterSecret) {
        // Perhaps the rest of a password that contains `;`: never quote it.
        ctx.report({
          start: p.nameSpan.start,
          end: p.nameSpan.end,
          message:
            'This name is not a property the SQL Server JDBC driver knows: the driver silently ignores it. If it is the rest of the previous value (a password containing ";"), wrap that whole value in braces: "password={...}".',
        });
        continue;
      }
      if (p.canonical && p.newestDriverOnly) {
        ctx.report({
          start: p.nameSpan.start,
          end: p.nameSpan.end,
          message: `"${p.name}" is a short name for "${p.canonical}" that only the newest SQL Server driver (August 2026) understands; older drivers, such as the one ECE ships, silently ignore it, so this setting has no effect. Write "${p.canonical}" instead.`,
          fixes: [fix(`Replace "${p.name}" with "${p.canonical}"`, [{ start: p.nameSpan.start, end: p.nameSpan.end, newText: p.canonical }], false, true)],
        });
        continue;
      }
      if (p.canonical) continue;
      const key = p.name.toLowerCase();
      // Real URLs hold a few dozen names; past MAX_SUGGESTED distinct ones (pasted junk) stop looking for suggestions.
      if (!memo.has(key)) memo.set(key, memo.size < MAX_SUGGESTED ? suggestPropertyName(p.name) : undefined);
      const suggestion = memo.get(key);
      const base = `"${clip(p.name)}" is not a property the SQL Server JDBC driver knows: the driver silently ignores it, so this setting has no effect.`;
      if (suggestion) {
        ctx.report({
          start: p.nameSpan.start,
          end: p.nameSpan.end,
          message: `${base} Did you mean "${suggestion}"?`,
          fixes: [fix(`Replace "${clip(p.name)}" with "${suggestion}"`, [{ start: p.nameSpan.start, end: p.nameSpan.end, newText: suggestion }], false, true)],
        });
      } else {
        ctx.report({ start: p.nameSpan.start, end: p.nameSpan.end, message: base });
      }
    }
  },
};
