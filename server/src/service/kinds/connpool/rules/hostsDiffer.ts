import { rawSpan } from '../../../core/text';
import type { Rule } from '../../../core/types';
import { hostAndPort, isReportsPool, poolLabel, type ConnpoolModel } from '../model';

/** All active-side pools talk to the same database server; one pointing elsewhere is a leftover. */
export const hostsDiffer: Rule<ConnpoolModel> = {
  id: 'connpool/hosts-differ',
  defaultSeverity: 'warning',
  description: 'Pools of the active database point at different hosts or ports.',
  check(model, ctx) {
    const active = model.pools.filter((p) => !isReportsPool(p)).map((p) => ({ p, hp: hostAndPort(p) })).filter((x) => x.hp);
    if (active.length < 2) return;
    // The most common host:port is taken as the intended one; ties go to the first pool.
    const counts = new Map<string, number>();
    for (const x of active) counts.set(`${x.hp!.host}:${x.hp!.port}`, (counts.get(`${x.hp!.host}:${x.hp!.port}`) ?? 0) + 1);
    let major = `${active[0]!.hp!.host}:${active[0]!.hp!.port}`;
    for (const [k, c] of counts) if (c > counts.get(major)!) major = k;
    if (counts.size < 2) return;
    for (const { p, hp } of active) {
      const key = `${hp!.host}:${hp!.port}`;
      if (key === major) continue;
      const url = p.url!;
      ctx.report({
        ...rawSpan(url.text, 0, url.text.text.length),
        message: `Pool ${poolLabel(model, p)} connects to ${key}, while the other active-database pools connect to ${major}. All pools except the reports pool should use the same server and port (after a move to an Always On listener, every pool must be changed).`,
      });
    }
  },
};
