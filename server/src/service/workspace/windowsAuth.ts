/**
 * "Convert to Windows Authentication", the pure part: which minimal edits each ECE file needs.
 *
 * - pool file (`connpool`): every `<connpool>` gets `integratedSecurity=true` in `Url` and empty `User` and
 *   `Password` values (`windowsAuthEdits`, shared with the connpool quick fixes); the credentials are kept when the
 *   URL's `authenticationScheme` is NTLM or JavaKerberos (or one the driver refuses): the driver needs or may use them;
 * - `reportsdb_utility.properties`: `IS_WINDOWS_AUTHENTICATION=true` (the value replaced, or the key added at the end,
 *   also when the file's only such line is glued to a byte-order mark, which Java reads as another key);
 * - `input.properties`: `ACTIVE_USER`, `ACTIVE_PASS`, `REPORTS_USER`, `REPORTS_PASS` blanked (every line of those
 *   keys, so no old password stays in the file; kept, as in the pool file, unless the URL's scheme is native) AND
 *   `integratedSecurity=true` set in `ACTIVE_DATABASE_URL` and
 *   `REPORTS_DATABASE_URL`. The spec says these URLs are the pool URLs and the users stay blank with Windows
 *   authentication; blanking the users while the URLs still say SQL authentication would leave a utility that
 *   cannot log in (`indexstats/missing-credentials`), so the URLs follow the pools.
 *
 * Only the spans that must change are touched; running the plan on its own result gives no edits (idempotent).
 * Descriptions never contain a user name or password.
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import { applyEdits, rawSpan } from '../core/text';
import type { KindId, OffsetEdit } from '../core/types';
import { integratedLoginMode, setPropertyEdits, parseJdbcUrl } from '../parse/jdbcUrl';
import { bomEffect, escapePropertiesValue, type PropertiesEntry } from '../parse/properties';
import { poolWindowsAuthEdits } from '../kinds/connpool/convert';
import { connpoolKind } from '../kinds/connpool/kind';
import type { ConnpoolModel } from '../kinds/connpool/model';
import { poolLabel } from '../kinds/connpool/model';
import { INDEXSTATS_DATABASES } from '../kinds/indexstats/schema';
import { appendLinesEdit, type PropertiesFileModel } from '../kinds/properties/model';

export interface PlanInput {
  uri: string;
  kind: KindId;
  /** The kind's parsed model of the file's current text (`WorkspaceFile.model`). */
  model: unknown;
}

export interface PlannedChange {
  /** Raw offsets of the edit this change belongs to. */
  start: number;
  end: number;
  /** What changes, in words, without any value that could be a secret: "pool 'X': Password emptied". */
  what: string;
}

export interface FilePlan {
  uri: string;
  kind: KindId;
  /** Non-overlapping, sorted by offset. */
  edits: OffsetEdit[];
  /** One entry per edit, same order. */
  changes: PlannedChange[];
}

export const WINDOWS_AUTH_KEY = 'IS_WINDOWS_AUTHENTICATION';

/** The edits of every file that needs a change (files already converted are left out). */
export function planWindowsAuth(files: ReadonlyArray<PlanInput>): FilePlan[] {
  const out: FilePlan[] = [];
  for (const f of files) {
    let plan: Omit<FilePlan, 'uri' | 'kind'> | undefined;
    if (f.kind === 'connpool') plan = planPoolFile(f.model as ConnpoolModel);
    else if (f.kind === 'reportsdb') plan = planReportsdb(f.model as PropertiesFileModel);
    else if (f.kind === 'indexstats') plan = planIndexstats(f.model as PropertiesFileModel);
    if (plan && plan.edits.length > 0) out.push({ uri: f.uri, kind: f.kind, ...plan });
  }
  return out;
}

function sorted(pairs: Array<{ edit: OffsetEdit; what: string }>): Omit<FilePlan, 'uri' | 'kind'> {
  pairs.sort((a, b) => a.edit.start - b.edit.start || a.edit.end - b.edit.end);
  return {
    edits: pairs.map((p) => p.edit),
    changes: pairs.map((p) => ({ start: p.edit.start, end: p.edit.end, what: p.what })),
  };
}

/** Pool file: every pool on Windows authentication. */
export function planPoolFile(model: ConnpoolModel): Omit<FilePlan, 'uri' | 'kind'> {
  const pairs: Array<{ edit: OffsetEdit; what: string }> = [];
  if (!model || !Array.isArray(model.pools)) return { edits: [], changes: [] };
  for (const pool of model.pools) {
    const label = `pool ${poolLabel(model, pool)}`;
    for (const edit of poolWindowsAuthEdits(pool)) {
      let what: string;
      if (pool.user && edit.start === pool.user.text.toRaw(0) && edit.newText === '') what = `${label}: User emptied`;
      else if (pool.password && edit.start === pool.password.text.toRaw(0) && edit.newText === '') what = `${label}: Password emptied`;
      else what = `${label}: integratedSecurity=true in Url`;
      pairs.push({ edit, what });
    }
  }
  return sorted(pairs);
}

/** `reportsdb_utility.properties`: `IS_WINDOWS_AUTHENTICATION=true`. */
export function planReportsdb(model: PropertiesFileModel): Omit<FilePlan, 'uri' | 'kind'> {
  if (!model?.parsed) return { edits: [], changes: [] };
  const e = model.parsed.table.get(WINDOWS_AUTH_KEY);
  // An entry glued to a leading byte-order mark is another key to Java (`\uFEFFIS_WINDOWS_AUTHENTICATION`, see
  // bomEffect): setting its value would not set IS_WINDOWS_AUTHENTICATION, so the key is added as if it were absent.
  if (e && e !== bomEffect(model.parsed)?.entry) {
    // Exactly true (in any case, as Boolean.parseBoolean reads it): "true  " with the blanks Java keeps may be read
    // as false (properties/trailing-blanks), and setting it to plain true cannot break a reader that trims.
    if (e.value.toLowerCase() === 'true') return { edits: [], changes: [] };
    const newText = e.valueStart === e.keyEnd && !e.hasSeparator ? '=true' : 'true';
    return sorted([{ edit: { start: e.valueStart, end: e.valueEnd, newText }, what: `${WINDOWS_AUTH_KEY} set to true` }]);
  }
  // Absent: add the key on a line of its own at the end of the file, with the file's line breaks.
  return sorted([{ edit: appendLinesEdit(model, [`${WINDOWS_AUTH_KEY}=true`]), what: `${WINDOWS_AUTH_KEY}=true added` }]);
}

/** `input.properties`: blank users and passwords, `integratedSecurity=true` in both URLs. */
export function planIndexstats(model: PropertiesFileModel): Omit<FilePlan, 'uri' | 'kind'> {
  if (!model?.parsed) return { edits: [], changes: [] };
  const pairs: Array<{ edit: OffsetEdit; what: string }> = [];
  for (const d of INDEXSTATS_DATABASES) {
    const url = model.parsed.table.get(d.url);
    const jdbc = url ? parseJdbcUrl(url.value) : undefined;
    if (url && jdbc) {
      for (const e of setPropertyEdits(jdbc, 'integratedSecurity', 'true')) {
        pairs.push({
          edit: { ...rawSpan(url.valueText, e.start, e.end), newText: escapePropertiesValue(e.newText) },
          what: `${d.url}: integratedSecurity=true`,
        });
      }
    }
    // Blank the credentials only when the driver will then use the native scheme: NTLM requires them,
    // JavaKerberos may use them, and a refused scheme is left for the admin to mend.
    if (jdbc && jdbc.isSqlServer && integratedLoginMode(jdbc) !== 'native') continue;
    for (const key of [d.user, d.pass]) {
      const entries: PropertiesEntry[] = model.parsed.byKey.get(key) ?? [];
      for (const e of entries) {
        if (e.valueEnd <= e.valueStart) continue;
        pairs.push({ edit: { start: e.valueStart, end: e.valueEnd, newText: '' }, what: `${key} blanked` });
      }
    }
  }
  return sorted(pairs);
}

/**
 * The same conversion on the text of a pool file (used on the copy inside `deployment.zip`). Returns the text
 * unchanged when every pool already uses Windows authentication.
 */
export function windowsAuthPoolText(text: string, uri = 'zip:/dataaccess/egpl_ds_connpool_map.xml'): string {
  const parsed = connpoolKind.parse(TextDocument.create(uri, 'xml', 1, text));
  const plan = planPoolFile(parsed.model);
  return plan.edits.length ? applyEdits(text, plan.edits) : text;
}
