/**
 * "Convert to Windows Authentication", the pure part: which minimal edits each ECE file needs. Each kind that holds
 * logins plans its own files (`FileKind.windowsAuth`: the pool file in `kinds/connpool/convert.ts`,
 * `reportsdb_utility.properties` in `kinds/reportsdb/convert.ts`, `input.properties` in
 * `kinds/indexstats/convert.ts`); this module asks the kind of every file.
 *
 * Only the spans that must change are touched; running the plan on its own result gives no edits (idempotent).
 * Descriptions never contain a user name or password.
 */
import type { FileKind, KindId, WindowsAuthPlan } from '../core/types';
import { KINDS } from '../kinds';

export interface PlanInput {
  uri: string;
  kind: KindId;
  /** The kind's parsed model of the file's current text (`WorkspaceFile.model`). */
  model: unknown;
}

export interface FilePlan extends WindowsAuthPlan {
  uri: string;
  kind: KindId;
}

/** The edits of every file that needs a change (files already converted are left out). */
export function planWindowsAuth(files: ReadonlyArray<PlanInput>): FilePlan[] {
  const out: FilePlan[] = [];
  for (const f of files) {
    // The model was made by this kind's parse (the workspace keeps the two together).
    const kind = KINDS.find((k) => k.id === f.kind) as FileKind<unknown> | undefined;
    const plan = kind?.windowsAuth?.(f.model);
    if (plan && plan.edits.length > 0) out.push({ uri: f.uri, kind: f.kind, ...plan });
  }
  return out;
}
