import type { PoolSummary, Rule } from '../../../core/types';
import { summarizePool, type ConnPool, type ConnpoolModel } from '../model';

/** How many differing pools a message names before it counts the rest. */
const NAMED = 3;

/** The server command that copies a pool file into its deployment.zip (see `server/src/commands.ts`). */
export const COPY_POOL_INTO_ZIP_COMMAND = 'ece.server.copyPoolIntoZip';

/** The zip's own path from an entry URI (`ece-zip:///C:/ECE/service/lib/deployment.zip!/dataaccess/x.xml`). */
function zipPathOfEntryUri(uri: string): string | undefined {
  const m = /^ece-zip:(.*)!\//.exec(uri);
  return m ? `file:${m[1]}` : undefined;
}

const key = (p: PoolSummary, i: number) => (p.name ? p.name.toLowerCase() : `#${i + 1}`);
const MODE = { sql: 'SQL authentication', windows: 'Windows authentication', none: 'no usable login' } as const;

/** What matters to ECE about one pool, compared between the two copies; undefined when they agree. */
function difference(disk: PoolSummary, zip: PoolSummary): string | undefined {
  const parts: string[] = [];
  const du = disk.url ?? '';
  const zu = zip.url ?? '';
  if (du.replace(/\s+/g, '') !== zu.replace(/\s+/g, '')) parts.push('its Url differs');
  if (disk.login !== zip.login) parts.push(`${MODE[zip.login]} in the zip, ${MODE[disk.login]} here`);
  for (const [d, z, name] of [[disk.hasUser, zip.hasUser, 'User'], [disk.hasPassword, zip.hasPassword, 'Password']] as const) {
    if (d !== z) parts.push(z ? `the zip copy still holds a ${name}` : `only this file holds a ${name}`);
  }
  return parts.length ? parts.join(', ') : undefined;
}

/**
 * `connpool/deployment-zip-differs`: ECE deploys from the copy of the pool file inside `service\lib\deployment.zip`
 * (the 12.6 guide: extract it, make the same change, add it back). When that copy differs from this file in what
 * matters (URLs, authentication mode, credentials present, pools present), the change made here is undone on the
 * next deployment. The fix copies this file into the zip the safe way the conversion does (every other entry kept
 * byte for byte, a temporary file, a backup of the zip).
 */
export const deploymentZipDiffers: Rule<ConnpoolModel> = {
  id: 'connpool/deployment-zip-differs',
  defaultSeverity: 'warning',
  description: 'The pool file inside service\\lib\\deployment.zip differs from this one (URLs, authentication, credentials).',
  readsCopies: ['connpool'],
  check(model, ctx) {
    const copy = ctx.workspace.poolFileCopy(ctx.uri);
    if (!copy) return;
    const zipPools = new Map(copy.pools.map((p, i) => [key(p, i), p] as const));
    const diffs: Array<{ pool?: ConnPool; text: string }> = [];
    const seen = new Set<string>();
    model.pools.forEach((pool, i) => {
      const p = summarizePool(pool, i);
      const k = key(p, i);
      seen.add(k);
      const z = zipPools.get(k);
      if (!z) diffs.push({ pool, text: `pool ${p.label} is not in the zip copy` });
      else {
        const d = difference(p, z);
        if (d) diffs.push({ pool, text: `pool ${p.label}: ${d}` });
      }
    });
    copy.pools.forEach((p, i) => {
      if (!seen.has(key(p, i))) diffs.push({ text: `pool ${p.label} is only in the zip copy` });
    });
    if (diffs.length === 0) return;
    const shown = diffs.slice(0, NAMED).map((d) => d.text);
    const more = diffs.length - shown.length;
    const at = diffs.find((d) => d.pool)?.pool;
    const root = model.xml.roots[0];
    const span = at ? at.nameSpan : root ? { start: root.nameStart, end: root.nameEnd } : { start: 0, end: 0 };
    const zipPath = zipPathOfEntryUri(copy.uri);
    ctx.report({
      ...span,
      message: `The copy of this file inside service\\lib\\deployment.zip, which ECE deploys from, differs: ${shown.join('; ')}${more > 0 ? `; and ${more} more` : ''}. Make the same change there (or copy this file into the zip), or the next deployment brings the old settings back.`,
      fixes: zipPath
        ? [{ title: 'Copy this pool file into service\\lib\\deployment.zip (every other entry kept; a backup of the zip beside it)', edits: [], command: { command: COPY_POOL_INTO_ZIP_COMMAND, arguments: [ctx.uri, zipPath] }, safe: false }]
        : [],
    });
  },
};
