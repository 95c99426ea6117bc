import { hostValue } from '../../../parse/jdbcUrl';
import type { Rule } from '../../../core/types';
import { hostAndPort, isReportsPool, poolLabel, type ConnpoolModel } from '../model';

/**
 * All active-side pools talk to the same database server; one pointing elsewhere is a leftover. Ports compare as
 * the driver uses them (SQLServerConnection.primaryPermissionCheck): no port or 0 is 1433 without an instance; with
 * an instance and no port the port is whatever SQL Browser reports, so such a pool compares by its instance name.
 */
export const hostsDiffer: Rule<ConnpoolModel> = {
  id: 'connpool/hosts-differ',
  defaultSeverity: 'warning',
  description: 'Pools of the active database point at different hosts or ports.',
  check(model, ctx) {
    const active = model.pools.filter((p) => !isReportsPool(p)).map((p) => ({ p, hp: hostAndPort(p) })).filter((x) => x.hp);
    if (active.length < 2) return;
    // The most common host and port is taken as the intended one; ties go to the first pool.
    const keyOf = (hp: { host: string; port: string }) => `${hp.host} ${hp.port}`;
    const counts = new Map<string, number>();
    const shown = new Map<string, string>();
    for (const x of active) {
      const k = keyOf(x.hp!);
      counts.set(k, (counts.get(k) ?? 0) + 1);
      if (!shown.has(k)) shown.set(k, x.hp!.shown);
    }
    if (counts.size < 2) return;
    let major = keyOf(active[0]!.hp!);
    for (const [k, c] of counts) if (c > counts.get(major)!) major = k;
    for (const { p, hp } of active) {
      const key = keyOf(hp!);
      if (key === major) continue;
      // On the host the pool names (where the change goes), else on the pool's name.
      const host = hostValue(p.url!.jdbc);
      ctx.report({
        ...(host && host.span.end > host.span.start ? p.url!.site.span(host.span.start, host.span.end) : p.nameSpan),
        message: `Pool ${poolLabel(model, p)} connects to ${hp!.shown}, while the other active-database pools connect to ${shown.get(major)}. All pools except the reports pool should use the same server and port (after a move to an Always On listener, every pool must be changed).`,
      });
    }
  },
};
