/**
 * What a file says, read by code other than the product's own readers where one exists, to tell whether an edit
 * changed more than it should: fast-xml-parser's tree of an XML file without its comments, acorn's tokens of a script
 * (comments are no tokens), the commands of a batch file (caret continuations joined, REM and :: lines left out),
 * and the table of a properties file (Java itself checks a sample of those, see `test/java/oracle.ts`).
 */
import { tokenizer } from 'acorn';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { KindId } from '../../../server/src/service/core/types';
import { parseProperties } from '../../../server/src/service/parse/properties';
import { parseXml } from '../../../server/src/service/parse/xml';

export const XML_KINDS: ReadonlySet<KindId> = new Set(['connpool', 'finesse', 'webconfig']);
export const PROPERTIES_KINDS: ReadonlySet<KindId> = new Set(['reportsdb', 'indexstats']);

/** Well formed as the product's XML scanner reads it (the brief's measure; fast-xml-parser is its differential test). */
export function wellFormed(text: string): boolean {
  return parseXml(text).problems.length === 0;
}

const parser = new XMLParser({
  ignoreAttributes: false,
  preserveOrder: true,
  trimValues: true,
  parseTagValue: false,
  parseAttributeValue: false,
  processEntities: true,
  ignoreDeclaration: false,
  cdataPropName: '#cdata',
});

/** fast-xml-parser's reading of an XML text without comments, or `invalid: …` when its validator refuses the text. */
export function xmlTree(text: string): string {
  const v = XMLValidator.validate(text.replace(/^\uFEFF/, ''));
  if (v !== true) return `invalid: ${v.err.code}`;
  try {
    return JSON.stringify(parser.parse(text.replace(/^\uFEFF/, '')));
  } catch (e) {
    // The validator and the parser of fast-xml-parser disagree on some texts (an unclosed processing instruction).
    return `invalid: ${e instanceof Error ? e.message : String(e)}`;
  }
}

/** acorn's tokens of a script (type and value), or the error that stopped it, without its position. */
export function jsTokens(text: string): string {
  const out: string[] = [];
  try {
    for (const t of tokenizer(text, { ecmaVersion: 'latest', allowHashBang: true, allowReturnOutsideFunction: true })) {
      out.push(`${t.type.label}:${String((t as { value?: unknown }).value)}`);
    }
  } catch (e) {
    out.push(`error:${e instanceof Error ? e.message.replace(/\s*\(\d+:\d+\)$/, '') : String(e)}`);
  }
  return out.join('\0');
}

/** The commands of a batch file as cmd.exe joins them: a line ending in an odd run of carets takes the next one. */
export function batchCommands(text: string): string {
  const lines = text.split(/\r\n|\n|\r/);
  const out: string[] = [];
  let cur: string | undefined;
  for (const l of lines) {
    const joined = cur === undefined ? l : cur + '\n' + l;
    const carets = /\^*$/.exec(l)![0].length;
    if (carets % 2 === 1) {
      cur = joined;
      continue;
    }
    cur = undefined;
    if (/^\s*@?(?:rem(?:\s|$)|::)/i.test(joined)) continue;
    out.push(joined);
  }
  if (cur !== undefined) out.push(cur);
  return out.join('\0');
}

/** The properties entries (key and value, in order) and whether a malformed \u stops Java's load. */
export function propertiesEntries(text: string): string {
  const p = parseProperties(text);
  return JSON.stringify([p.malformedUnicode, p.entries.map((e) => [e.key, e.value])]);
}

/** What the file says for its kind: equal before and after an edit that adds or changes comments only. */
export function meaning(kind: KindId, text: string): string {
  if (XML_KINDS.has(kind)) return xmlTree(text);
  if (PROPERTIES_KINDS.has(kind)) return propertiesEntries(text);
  if (kind === 'ecejs') return jsTokens(text);
  return batchCommands(text);
}
