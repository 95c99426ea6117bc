/** What the shared-location rules read of the partner script (egainstart.bat ↔ egainstop.bat of the same ECE home). */
import type { WorkspaceView } from '../../../core/types';
import type { SharedLocation } from '../model';
import { parseWinPath } from '../paths';

/** The partner script and the location it sets, when it sets one plainly. */
export function partnerLocation(view: WorkspaceView, uri: string): { name: string; location: Omit<SharedLocation, 'assignment'> } | undefined {
  const p = view.partnerScript(uri);
  if (p?.sharedLocation === undefined) return undefined;
  return { name: p.displayName, location: { value: p.sharedLocation, path: parseWinPath(p.sharedLocation) } };
}
