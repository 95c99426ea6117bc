/**
 * The secret values of each kind's files (`FileKind.secrets`): what the engine masks in every outgoing text. See
 * `core/secrets.ts` for what counts as a secret.
 */
import { isSecretName, userInfoOf } from '../../core/secrets';
import type { JdbcUrl } from '../../parse/jdbcUrl';
import type { ParsedProperties } from '../../parse/properties';

/** A name followed by `=` or `:` inside a value (a line glued to the one before it: `…SvcACTIVE_PASS=pw`). */
const GLUED_ASSIGNMENT = /(?<![\w.-])([\w.-]+)[ \t\f]*[=:]/g;

/** Where the value of a secret assignment glued inside `value` starts (after its `=` or `:`), or -1. Linear. */
function gluedSecretAt(value: string): number {
  for (const m of value.matchAll(GLUED_ASSIGNMENT)) if (isSecretName(m[1]!)) return m.index + m[0].length;
  return -1;
}

/**
 * In a JDBC URL: the values of password-like properties, the text after an unbraced `;` inside one (the rest of a
 * password the driver split), a `user:password@` written before the host, and a secret line glued into a value.
 */
export function jdbcUrlSecrets(url: JdbcUrl): string[] {
  const out: string[] = [];
  const server = url.server?.raw ?? '';
  if (server.includes('@')) out.push(server.slice(0, server.lastIndexOf('@')));
  // `//:Secr` (`user:password@` with the user left out, or still being typed): the driver reads `:Secr` as the server
  // name, and what follows the colon may be a password.
  const colon = server.indexOf(':');
  if (colon >= 0 && !server.startsWith('[')) {
    const after = server.slice(colon + 1).split('@')[0]!;
    if (/[^\d\s]/.test(after)) out.push(after);
  }
  const port = url.port?.raw ?? '';
  if (port.includes('@')) out.push(port.slice(0, port.lastIndexOf('@')), server);
  // `//sa:Secr` while `user:password@host` is being typed: a port that is not a number may be a password.
  else if (/[^\d\s]/.test(port)) out.push(port);
  let afterSecret = false;
  // Where the rest of an unbraced password may run: from its end to the next property the driver knows.
  const tails: Array<[number, number]> = [];
  for (const p of url.properties) {
    if (isSecretName(p.name)) {
      out.push(p.value);
      afterSecret = !p.braced;
      if (afterSecret) tails.push([p.segmentSpan.end, url.text.length]);
      continue;
    }
    if (afterSecret && !p.canonical) out.push(p.name, p.value);
    else {
      if (afterSecret) tails[tails.length - 1]![1] = p.segmentSpan.start;
      afterSecret = false;
    }
    // A secret line glued into the URL's last value (`databaseName=eGActiveDB` + `ACTIVE_PAS:pw`).
    const at = gluedSecretAt(p.value);
    if (at >= 0) out.push(p.value.slice(at));
  }
  // Text without `=` after a password (`password=ab;cd;databaseName=x`): the parser keeps it as a problem span. Only
  // there: elsewhere such text is no secret, and masking it would mask its words everywhere (`server`, `1433`).
  for (const pr of url.problems) {
    if (pr.code === 'name-without-equals' && tails.some(([a, b]) => pr.start >= a && pr.start < b)) out.push(url.text.slice(pr.start, pr.end));
  }
  return out;
}

/**
 * In a properties file: values of secret keys, URL secrets, the line right after an empty secret (a password typed on
 * the next line, as Java reads it: a bare key, or a key with whatever the line runs into when its line break is lost),
 * and a secret assignment glued inside another entry's value that is no URL (its line break lost): the rest of that
 * value, decoded and as its raw lines (a diff shows those). A JDBC URL is looked for in the value and also across a
 * separator that split it (`KEY<VT>jdbc:sqlserver://…`, `KEY\=jdbc:…`: Java's key then ends in `jdbc`, its value is
 * the rest); a URL's own password properties are its URL secrets.
 */
export function propertiesSecrets(parsed: ParsedProperties, isUrlKey: (key: string) => boolean, parseUrl: (text: string) => JdbcUrl, isKnownKey: (key: string) => boolean): string[] {
  const out: string[] = [];
  let prevEmptySecret = false;
  for (const e of parsed.entries) {
    if (isSecretName(e.key)) {
      out.push(e.value);
      prevEmptySecret = e.value.trim() === '';
      continue;
    }
    if (prevEmptySecret && (e.value === '' ? !e.hasSeparator : !isKnownKey(e.key))) out.push(e.key);
    prevEmptySecret = false;
    // A JDBC URL anywhere in a value (a key mistyped or glued to the line before it leaves `KEY=jdbc:...` in the value).
    const at = e.value.search(/jdbc:/i);
    const url = at >= 0 ? e.value.slice(at) : /jdbc$/i.test(e.key) ? `jdbc:${e.value}` : isUrlKey(e.key) ? e.value : undefined;
    if (url !== undefined) {
      out.push(...jdbcUrlSecrets(parseUrl(url)));
      continue;
    }
    const from = gluedSecretAt(e.value);
    if (from >= 0) {
      const raw = parsed.text.slice(e.valueText.toRaw(from), e.valueEnd);
      out.push(e.value.slice(from), ...raw.split(/\\?(?:\r\n|\r|\n)[ \t\f]*/));
    }
  }
  return out;
}

/**
 * The `user:password` of every `//user:password@` in a raw text, whatever the parser made of the text around it (an
 * unclosed CDATA section or comment before a gadget URL swallows it into another element's text, which a message then
 * quotes). Linear: a user info holds no `/`, so each try ends at the next slash.
 */
export function rawAddressSecrets(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/\/\/([^\s/?#@<>"'`]+)@/g)) out.push(m[1]!, ...m[1]!.split(':'));
  return out;
}

/**
 * The `user:password` part of an address (gadget URLs, `web_server_name`), and a "port" that is not a number
 * (`admin:Secr` while `admin:Secr@host` is being typed, as for JDBC URLs).
 */
export function addressSecrets(addresses: Iterable<string>): string[] {
  const out: string[] = [];
  for (const a of addresses) {
    const u = userInfoOf(a);
    if (u) out.push(u, ...u.split(':'));
    if (!a.includes('@')) {
      const authority = a.trim().replace(/^[a-z][a-z0-9+.-]*:\/\//i, '').split(/[/?#]/)[0]!;
      const colon = authority.indexOf(':');
      const port = colon >= 0 && !authority.startsWith('[') ? authority.slice(colon + 1) : '';
      if (/[^\d\s]/.test(port)) out.push(port);
    }
  }
  return out;
}

/** The longest raw password content taken from the text (a password is short; this bounds the work per element). */
const MAX_RAW_PASSWORD = 4096;

/**
 * The content of every element of an XML text whose name is a secret name (`<Password …>` up to the next `</`),
 * read from the raw text whatever the tree made of it: in a file broken by an unclosed CDATA section or a `<` inside
 * the value, the element is not where the model keeps a pool's password, yet messages quoting the text around it
 * (a pool name, a URL that swallowed the rest of the file) would show it. Linear: one forward scan.
 */
export function rawXmlPasswords(text: string): string[] {
  const out: string[] = [];
  const open = /<(?:[\w.-]+:)?([\w.-]+)(?:\s[^<>]*)?>/g;
  let nextClose = -1;
  for (let m = open.exec(text); m; m = open.exec(text)) {
    if (!isSecretName(m[1]!)) continue;
    const from = m.index + m[0].length;
    if (nextClose < from) nextClose = text.indexOf('</', from);
    const end = Math.min(nextClose < 0 ? text.length : nextClose, from + MAX_RAW_PASSWORD);
    const raw = text.slice(from, end);
    if (raw.trim()) out.push(raw, raw.replace(/<!\[CDATA\[|\]\]>/g, ''));
  }
  return out;
}
