/** Helpers shared by the batch rules: visible blanks in messages, edits that are safe to write into a batch file. */
import type { OffsetEdit } from '../../../core/types';
import type { BatchAssignment } from '../../../parse/batch';
import type { BatchFileModel } from '../model';

/** A value for a message: leading and trailing blanks shown as `·` (space) and `→` (tab), so they can be seen. */
export function visible(value: string): string {
  const lead = /^[ \t]*/.exec(value)![0].length;
  const trail = value.length === lead ? 0 : /[ \t]*$/.exec(value)![0].length;
  const mark = (s: string) => s.replace(/ /g, '·').replace(/\t/g, '→');
  return mark(value.slice(0, lead)) + value.slice(lead, value.length - trail) + mark(value.slice(value.length - trail));
}

/** `1 blank`, `2 blanks`. */
export function blanks(n: number): string {
  return `${n} blank${n === 1 ? '' : 's'}`;
}

/** True when the raw text between two offsets is only spaces and tabs (nothing a deletion could break). */
export function rawIsBlanks(text: string, start: number, end: number): boolean {
  return end > start && /^[ \t]+$/.test(text.slice(start, end));
}

/**
 * True when `value` can be written into a SET line as it is, quoted or not: no quote, no percent sign (which a
 * batch file would expand), no `!` (delayed expansion) and none of cmd.exe's special characters.
 */
export function writableValue(value: string): boolean {
  return value !== '' && /^[^"%!^&|<>()\r\n]*$/.test(value);
}

/** The edit that replaces an assignment's whole value (every raw character of it) with `value`. */
export function replaceValue(a: BatchAssignment, value: string): OffsetEdit {
  return { start: a.valueStart, end: a.valueEnd, newText: value };
}

/** `line 12` (1-based) for messages. */
export function lineLabel(model: BatchFileModel, offset: number): string {
  return `line ${model.lineOf(offset) + 1}`;
}
