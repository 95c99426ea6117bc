/**
 * The model of a Java properties file of a known kind: the parse (exactly what Java loads, with raw ranges),
 * the kind's key schema, and line bookkeeping for messages and edits.
 */
import { detectEol, lineIndex } from '../../core/text';
import type { OffsetEdit } from '../../core/types';
import { parseProperties, type ParsedProperties, type PropertiesEntry } from '../../parse/properties';
import type { PropertiesSchema } from './schema';

export interface PropertiesFileModel {
  uri: string;
  text: string;
  parsed: ParsedProperties;
  schema: PropertiesSchema;
  eol: '\r\n' | '\n' | '\r';
  /** 0-based line of an offset (LSP line breaks: CR, LF, CRLF). */
  lineOf(offset: number): number;
}

export function buildPropertiesModel(text: string, uri: string, schema: PropertiesSchema, parsed?: ParsedProperties): PropertiesFileModel {
  return { uri, text, parsed: parsed ?? parseProperties(text), schema, eol: detectEol(text), lineOf: lineIndex(text) };
}

/**
 * The edit that adds `lines` (each without its line break) at the end of the file, each on a line of its own with the
 * file's line breaks, so that Java reads each one as a new entry: a missing final line break is added first, and when
 * the last line ends in a continuation (an odd number of backslashes), an empty line ends it first, since otherwise
 * Java would join the first new line to that value. Idempotent in effect: the new lines end with a line break.
 */
export function appendLinesEdit(model: PropertiesFileModel, lines: readonly string[]): OffsetEdit {
  const text = model.text;
  const eol = model.eol;
  const start = model.parsed.bom ? 1 : 0;
  let prefix = text.length > start && !/[\r\n]$/.test(text) ? eol : '';
  const continued = model.parsed.escapes.some((e) => e.kind === 'continuation' && e.end >= text.length);
  if (continued) prefix += eol;
  return { start: text.length, end: text.length, newText: prefix + lines.map((l) => l + eol).join('') };
}

/** 1-based line number of an offset (for messages). */
export function lineNumberOf(model: PropertiesFileModel, offset: number): number {
  return model.lineOf(offset) + 1;
}

/** The entry Java keeps for a key (the last one), if any. */
export function loadedEntry(model: PropertiesFileModel, key: string): PropertiesEntry | undefined {
  return model.parsed.table.get(key);
}

/** The value range to underline: the value, or the key when the value is empty. */
export function valueOrKeyRange(e: PropertiesEntry): { start: number; end: number } {
  return e.valueEnd > e.valueStart ? { start: e.valueStart, end: e.valueEnd } : { start: e.keyStart, end: e.keyEnd };
}
