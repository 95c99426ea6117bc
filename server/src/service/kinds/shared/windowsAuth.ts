/** What the kinds' "Convert to Windows Authentication" plans share. */
import type { OffsetEdit, WindowsAuthPlan } from '../../core/types';

/** The plan of a file from its edits and their descriptions, sorted by offset. */
export function planOf(pairs: Array<{ edit: OffsetEdit; what: string }>): WindowsAuthPlan {
  pairs.sort((a, b) => a.edit.start - b.edit.start || a.edit.end - b.edit.end);
  return {
    edits: pairs.map((p) => p.edit),
    changes: pairs.map((p) => ({ start: p.edit.start, end: p.edit.end, what: p.what })),
  };
}

export const NO_CHANGE: WindowsAuthPlan = Object.freeze({ edits: [], changes: [] }) as WindowsAuthPlan;
