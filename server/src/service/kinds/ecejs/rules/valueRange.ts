import type { JsStringValue } from '../../../parse/javascript';

/** Where a diagnostic about a string value goes: inside the quotes, or on the quotes when empty. */
export function valueRange(s: JsStringValue): { start: number; end: number } {
  return s.start < s.end ? { start: s.start, end: s.end } : { start: s.literalStart, end: s.literalEnd };
}
