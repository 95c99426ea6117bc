/** What the shared-location rules read: this script's `env.fs.shared.location` and its partner's. */
import type { WorkspaceView } from '../../../core/types';
import type { BatchAssignment } from '../../../parse/batch';
import { partnerScript } from '../../../workspace/queries';
import { effectiveAssignment, literalValue, SHARED_LOCATION, type BatchFileModel } from '../model';
import { parseWinPath, type WinPath } from '../paths';
import { meant } from './util';

export interface SharedLocation {
  assignment: BatchAssignment;
  /** The value without surrounding blanks and quotes. */
  value: string;
  /** The value as an absolute Windows path, when it is one. */
  path: WinPath | undefined;
}

/** The location a service script sets, when it sets one plainly (see `effectiveAssignment`). */
export function sharedLocationOf(model: BatchFileModel): SharedLocation | undefined {
  const a = effectiveAssignment(model, SHARED_LOCATION);
  const v = a && literalValue(a);
  if (!a || v === undefined) return undefined;
  const value = meant(v);
  return { assignment: a, value, path: parseWinPath(value) };
}

/** The partner script (egainstart.bat ↔ egainstop.bat of the same ECE home) and the location it sets. */
export function partnerLocation(view: WorkspaceView, uri: string): { name: string; location: SharedLocation } | undefined {
  const p = partnerScript(view, uri);
  const location = p && sharedLocationOf(p.model);
  return p && location ? { name: p.model.displayName, location } : undefined;
}
