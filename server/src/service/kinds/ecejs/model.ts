/**
 * The model of `ece_config.js` / `spog_config.js`: where `web_server_protocol` and `web_server_name`
 * get their values, plus what a fix needs to write new lines in the file's own style.
 */
import { baseName } from '../../core/names';
import { detectEol } from '../../core/text';
import { parseJavaScript, type JsBinding, type JsParseResult } from '../../parse/javascript';
import { splitUrl, type UrlParts } from '../shared/gadgetUrl';

export const PROTOCOL = 'web_server_protocol';
export const SERVER_NAME = 'web_server_name';
const SETTING_NAMES = [PROTOCOL, SERVER_NAME] as const;
export type SettingName = (typeof SETTING_NAMES)[number];

export interface EceJsModel {
  text: string;
  /** Lower-cased file name (`ece_config.js`, `spog_config.js`, or whatever the file is called). */
  fileName: string;
  /** True for `spog_config.js` (the SPOG gadget's config). */
  spog: boolean;
  js: JsParseResult;
  /** Bindings of the two settings, in source order. */
  bindings: JsBinding[];
  /** The file's first line break (CRLF when the file has none: these files live on Windows). */
  eol: string;
  /** Quote character new string literals should use. */
  quote: '"' | "'";
  /** Keyword for new declarations. */
  keyword: 'var' | 'let' | 'const';
  /** Whether statements end with `;`. */
  semicolon: boolean;
}

/** A binding of a setting whose value is a plain string, with the host part already split. */
export interface HostValue {
  binding: JsBinding;
  /** Decoded value (what the browser sees). */
  value: string;
  /** Offsets of the text inside the quotes. */
  start: number;
  end: number;
  /** URL split of the value, offsets relative to `value`. */
  parts: UrlParts;
}


export function buildEceJsModel(text: string, uri: string): EceJsModel {
  const js = parseJavaScript(text, SETTING_NAMES);
  const fileName = baseName(uri).toLowerCase();
  const bindings = js.bindings;
  const withString = bindings.find((b) => b.string && b.string.quote !== '`');
  let quote: '"' | "'" = '"';
  if (withString?.string && withString.string.quote !== '`') quote = withString.string.quote;
  else if (js.quoteCounts.single > js.quoteCounts.double) quote = "'";
  let keyword: 'var' | 'let' | 'const' = 'var';
  const decl = bindings.find((b) => b.form === 'var' || b.form === 'let' || b.form === 'const');
  if (decl && (decl.form === 'let' || decl.form === 'const')) keyword = decl.form;
  let semicolon = true;
  const top = bindings.find((b) => b.topLevel);
  if (top) semicolon = text[top.statementEnd - 1] === ';';
  return { text, fileName, spog: fileName === 'spog_config.js', js, bindings, eol: detectEol(text, '\r\n'), quote, keyword, semicolon };
}

/** The bindings of one setting. */
export function bindingsOf(model: EceJsModel, name: SettingName): JsBinding[] {
  return model.bindings.filter((b) => b.name === name);
}

/** The string values of `web_server_name`, each split as a URL-ish host. */
export function serverNameValues(model: EceJsModel): HostValue[] {
  const out: HostValue[] = [];
  for (const b of bindingsOf(model, SERVER_NAME)) {
    if (!b.string) continue;
    const value = b.string.value;
    // Skip leading/trailing blanks so " host " is judged by its host.
    let s = 0;
    let e = value.length;
    while (s < e && /\s/.test(value[s]!)) s++;
    while (e > s && /\s/.test(value[e - 1]!)) e--;
    out.push({ binding: b, value, start: b.string.start, end: b.string.end, parts: splitUrl(value, s, e) });
  }
  return out;
}

/** Escapes a value for a string literal with the given quote. */
export function quoteString(value: string, quote: '"' | "'"): string {
  let out = '';
  for (const c of value) {
    if (c === '\\' || c === quote) out += '\\' + c;
    else if (c === '\n') out += '\\n';
    else if (c === '\r') out += '\\r';
    else out += c;
  }
  return quote + out + quote;
}

/** The raw text that, put between the existing quotes of `b`, makes its value `value`. */
export function rawForQuote(value: string, quote: '"' | "'" | '`'): string {
  let out = '';
  for (const c of value) {
    if (c === '\\' || c === quote || (quote === '`' && c === '$')) out += '\\' + c;
    else if (c === '\n') out += '\\n';
    else if (c === '\r') out += '\\r';
    else out += c;
  }
  return out;
}
