import type { Rule } from '../../../core/types';
import { hasCredential, poolLabel, poolLoginMode, type ConnPool, type ConnpoolModel } from '../model';

/** How many differing pools a message names before it counts the rest. */
const NAMED = 3;

/** The server command that copies a pool file into its deployment.zip (see `server/src/commands.ts`). */
export const COPY_POOL_INTO_ZIP_COMMAND = 'ece.server.copyPoolIntoZip';

function isConnpoolModel(m: unknown): m is ConnpoolModel {
  return !!m && typeof m === 'object' && Array.isArray((m as ConnpoolModel).pools);
}

/** The zip's own path from an entry URI (`ece-zip:///C:/ECE/service/lib/deployment.zip!/dataaccess/x.xml`). */
export function zipPathOfEntryUri(uri: string): string | undefined {
  const m = /^ece-zip:(.*)!\//.exec(uri);
  return m ? `file:${m[1]}` : undefined;
}

const key = (p: ConnPool, i: number) => (p.name ? p.name.toLowerCase() : `#${i + 1}`);
const mode = (p: ConnPool) => {
  const m = poolLoginMode(p);
  return m === 'sql' ? 'SQL authentication' : m === 'native' || m === 'ntlm' || m === 'kerberos' ? 'Windows authentication' : 'no usable login';
};

/** What matters to ECE about one pool, compared between the two copies; undefined when they agree. */
function difference(disk: ConnPool, zip: ConnPool): string | undefined {
  const parts: string[] = [];
  const du = disk.url?.trimmed ?? '';
  const zu = zip.url?.trimmed ?? '';
  if (du.replace(/\s+/g, '') !== zu.replace(/\s+/g, '')) parts.push('its Url differs');
  if (mode(disk) !== mode(zip)) parts.push(`${mode(zip)} in the zip, ${mode(disk)} here`);
  for (const which of ['user', 'password'] as const) {
    const d = hasCredential(disk, which);
    const z = hasCredential(zip, which);
    if (d !== z) parts.push(z ? `the zip copy still holds a ${which === 'user' ? 'User' : 'Password'}` : `only this file holds a ${which === 'user' ? 'User' : 'Password'}`);
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
    const copy = ctx.workspace.copies('connpool', ctx.uri)[0];
    if (!copy || !isConnpoolModel(copy.model)) return;
    const zipModel = copy.model;
    const zipPools = new Map(zipModel.pools.map((p, i) => [key(p, i), p] as const));
    const diffs: Array<{ pool?: ConnPool; text: string }> = [];
    const seen = new Set<string>();
    model.pools.forEach((p, i) => {
      const k = key(p, i);
      seen.add(k);
      const z = zipPools.get(k);
      if (!z) diffs.push({ pool: p, text: `pool ${poolLabel(model, p)} is not in the zip copy` });
      else {
        const d = difference(p, z);
        if (d) diffs.push({ pool: p, text: `pool ${poolLabel(model, p)}: ${d}` });
      }
    });
    zipModel.pools.forEach((p, i) => {
      if (!seen.has(key(p, i))) diffs.push({ text: `pool ${poolLabel(zipModel, p)} is only in the zip copy` });
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
