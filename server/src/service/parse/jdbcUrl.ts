/**
 * A position-keeping parser for Microsoft SQL Server JDBC URLs, modelled on the driver's own state machine
 * (mssql-jdbc `Util.parseUrl`):
 *
 *   jdbc:sqlserver://[serverName[\instanceName][:portNumber]][;property=value]*
 *
 * Choices, all taken from what the driver does:
 * - The prefix `jdbc:sqlserver://` is compared case-SENSITIVELY by the driver (`String.startsWith`): with another
 *   case it answers "not my URL" and the connection fails with "no suitable driver". We still parse such a URL
 *   (so the other checks work while the admin types) but report the prefix as a problem. Leading whitespace
 *   before the prefix is skipped (the file formats trim element text and property values).
 * - The first character after `//` always belongs to the server part unless it is `;` (the driver appends it
 *   before it looks for delimiters), so `//:1433` names a server called `:1433`: reported as a problem.
 * - Server, instance and port parts are trimmed (Java `trim`: every char up to U+0020). The instance ends at
 *   `;` or `:`, the port only at `;`. An `=` inside the server part is an error.
 * - Properties are `name=value` after a `;`. Empty segments (`;;`) are skipped. A non-empty name without `=`
 *   and an empty name before `=` are errors. Names are trimmed and case-insensitive; unknown names are dropped
 *   by the driver. Values are trimmed unless braced: `{...}` may hold `;`, `}}` inside stands for `}`, and only
 *   spaces (U+0020) may follow the closing brace. A `{` after other value text is an error; an unclosed `{`
 *   swallows the rest of the URL and is an error.
 * - Later settings override earlier ones (the server part is stored first, so a `serverName=` property wins).
 * - The server part ends at the first `:`, so an IPv6 literal there (`//[fd00::1]:1433`) is cut at its first colon
 *   and the rest becomes the port, which the driver refuses (R_invalidPortNumber). Reported as a problem with the
 *   form that works: the address in the `serverName` property.
 *
 * The parser never throws and is linear in the length of the text. Every span is an offset range into `text`
 * (end exclusive).
 */
import { isIpLiteral } from '../core/text';
import { DRIVER_ALIASES, DRIVER_PROPERTIES, type DriverProperty } from './jdbcDriverFacts';

export const JDBC_SQLSERVER_PREFIX = 'jdbc:sqlserver://';

export interface Span {
  start: number;
  end: number;
}

export type JdbcProblemCode =
  | 'not-sqlserver'
  | 'prefix-case'
  | 'server-has-equals'
  | 'server-starts-with-delimiter'
  | 'ipv6-in-server-part'
  | 'empty-name'
  | 'name-without-equals'
  | 'text-before-brace'
  | 'unclosed-brace'
  | 'text-after-brace';

export interface JdbcUrlProblem extends Span {
  code: JdbcProblemCode;
  message: string;
}

/** The server, instance or port part of the URL. */
export interface JdbcPart {
  /** Trimmed value; the instance is lower-cased as the driver does. */
  value: string;
  /** Trimmed value exactly as written. */
  raw: string;
  /** The trimmed value. */
  span: Span;
  /**
   * The whole part with its delimiter: server = everything between `//` and the first `\`, `:` or `;`;
   * instance = `\` up to `:`/`;`/end; port = `:` up to `;`/end. Deleting it removes the part cleanly.
   */
  fullSpan: Span;
}

export interface JdbcProperty {
  /** Trimmed name as written. */
  name: string;
  /** The driver's canonical name (case and aliases folded, newest-driver aliases included), or undefined if unknown. */
  canonical: string | undefined;
  /** The name is an alias that only the newest driver knows (older drivers, such as ECE's, ignore it). */
  newestDriverOnly: boolean;
  /** The value the driver sees: trimmed, or the brace content with `}}` turned into `}`. */
  value: string;
  braced: boolean;
  /** A `{` value that never closed (it swallowed the rest of the URL). */
  unclosed: boolean;
  /** The trimmed name. */
  nameSpan: Span;
  /** The trimmed raw value, braces included (may be empty: then it sits right after `=`). */
  valueSpan: Span;
  /** `;name=value` from its `;` up to (not including) the next `;` or the end: delete it to remove the property. */
  segmentSpan: Span;
}

export interface JdbcUrl {
  text: string;
  /** The text starts with the SQL Server prefix (in any case; a wrong case is also a problem). */
  isSqlServer: boolean;
  prefix: Span;
  server?: JdbcPart;
  instance?: JdbcPart;
  port?: JdbcPart;
  properties: JdbcProperty[];
  /** Grammar problems: each one fails the connection (or makes the driver reject the URL). */
  problems: JdbcUrlProblem[];
}

/** A value with where it came from: the server part or a property. */
export interface JdbcValue {
  value: string;
  span: Span;
  part?: JdbcPart;
  property?: JdbcProperty;
}

// ---------------------------------------------------------------------------------------------------------------
// Property names

interface NameInfo {
  canonical: string;
  newestDriverOnly: boolean;
}

const NAME_INFO = new Map<string, NameInfo>();
const PROPERTY_BY_NAME = new Map<string, DriverProperty>();
for (const p of DRIVER_PROPERTIES) {
  NAME_INFO.set(p.name.toLowerCase(), { canonical: p.name, newestDriverOnly: false });
  PROPERTY_BY_NAME.set(p.name, p);
}
for (const a of DRIVER_ALIASES) NAME_INFO.set(a.alias.toLowerCase(), { canonical: a.property, newestDriverOnly: a.newestDriverOnly });

/** The driver's canonical property name for `name` (trimmed, case-insensitive, aliases folded), or undefined. */
export function canonicalName(name: string): string | undefined {
  return NAME_INFO.get(javaTrim(name).toLowerCase())?.canonical;
}

/** True when `name` is an alias only the newest driver understands (`uid`, `trusted_connection`, ...). */
export function isNewestDriverOnlyAlias(name: string): boolean {
  return NAME_INFO.get(javaTrim(name).toLowerCase())?.newestDriverOnly === true;
}

/** The driver's description of a canonical property. */
export function driverProperty(canonical: string): DriverProperty | undefined {
  return PROPERTY_BY_NAME.get(canonical);
}

/** All names the driver (any version) accepts: canonical names and aliases. */
export function knownPropertyNames(): Array<{ name: string; canonical: string; newestDriverOnly: boolean }> {
  return [
    ...DRIVER_PROPERTIES.map((p) => ({ name: p.name, canonical: p.name, newestDriverOnly: false })),
    ...DRIVER_ALIASES.map((a) => ({ name: a.alias, canonical: a.property, newestDriverOnly: a.newestDriverOnly })),
  ];
}

// ---------------------------------------------------------------------------------------------------------------
// Parser

const isJavaSpace = (c: number): boolean => c <= 0x20;

function javaTrim(s: string): string {
  let a = 0;
  let b = s.length;
  while (a < b && isJavaSpace(s.charCodeAt(a))) a++;
  while (b > a && isJavaSpace(s.charCodeAt(b - 1))) b--;
  return s.slice(a, b);
}

function trimSpan(text: string, start: number, end: number): Span {
  let a = start;
  let b = end;
  while (a < b && isJavaSpace(text.charCodeAt(a))) a++;
  while (b > a && isJavaSpace(text.charCodeAt(b - 1))) b--;
  return { start: a, end: b };
}

function part(text: string, start: number, end: number, fullStart: number, lower: boolean): JdbcPart {
  const span = trimSpan(text, start, end);
  const raw = text.slice(span.start, span.end);
  return { value: lower ? raw.toLowerCase() : raw, raw, span, fullSpan: { start: fullStart, end } };
}

/** Shortens user text for messages. */
function clip(s: string, max = 60): string {
  return s.length > max ? `${s.slice(0, max)}…` : s;
}

/**
 * An IPv6 literal written in the server part, `[fd00::1]:1433` or `fd00::1`: the driver's parser ends the server
 * name at the first `:` (Util.parseUrl), so the literal is split into a server `[fd00` and a port `:1]:1433`.
 * `from`/`to`: the text between `//` and the first `;`.
 */
function ipv6InServerPart(url: JdbcUrl, text: string, from: number, to: number): JdbcUrlProblem | undefined {
  if (!url.server || url.instance) return undefined;
  const whole = trimSpan(text, from, to);
  let addr = text.slice(whole.start, whole.end);
  let port = '';
  if (addr.startsWith('[')) {
    const close = addr.indexOf(']');
    if (close < 0) return undefined;
    const rest = addr.slice(close + 1).trim();
    if (rest !== '' && !/^:\s*[0-9]*\s*$/.test(rest)) return undefined;
    port = rest.replace(/^:\s*/, '').trim();
    addr = addr.slice(1, close);
  }
  if (!addr.includes(':') || !isIpLiteral(addr)) return undefined;
  const form = `jdbc:sqlserver://;serverName=${addr}${port ? `;portNumber=${port}` : ''};...`;
  return {
    code: 'ipv6-in-server-part',
    start: whole.start,
    end: whole.end,
    message: `The driver ends the server name at the first ":", so it reads "${clip(url.server.raw)}" as the server and the rest as a port, which is not a number: the connection fails. An IPv6 address must go in the "serverName" property: "${clip(form, 90)}".`,
  };
}

export function parseJdbcUrl(text: string): JdbcUrl {
  return new JdbcUrlParser(text).parse();
}

/** A property's value as read from its segment, and where the segment ends (at its `;` or the end). */
interface ValueRead {
  value: string;
  valueSpan: Span;
  braced: boolean;
  unclosed: boolean;
  segEnd: number;
}

/**
 * One URL, read as the driver reads it (`SQLServerDriver` / `Util.parseUrl`): the prefix, the server part (server,
 * `\instance`, `:port`), then one segment per `;` (a `name=value` property, the value plain or in braces). Each part
 * is a method that returns where the reading goes on.
 */
class JdbcUrlParser {
  private readonly n: number;
  private readonly url: JdbcUrl;
  /** After a secret-looking property, text is never quoted in messages: it may be the rest of a password with a `;`. */
  private prevSecret = false;

  constructor(private readonly text: string) {
    this.n = text.length;
    this.url = { text, isSqlServer: false, prefix: { start: 0, end: 0 }, properties: [], problems: [] };
  }

  parse(): JdbcUrl {
    const { text, n, url } = this;
    let s = 0;
    while (s < n && isJavaSpace(text.charCodeAt(s))) s++;
    url.prefix = { start: s, end: s };
    const P = JDBC_SQLSERVER_PREFIX.length;
    const head = text.slice(s, s + P);
    if (head.toLowerCase() !== JDBC_SQLSERVER_PREFIX) {
      this.notSqlServer(s);
      return url;
    }
    url.isSqlServer = true;
    url.prefix = { start: s, end: s + P };
    if (head !== JDBC_SQLSERVER_PREFIX) {
      url.problems.push({
        code: 'prefix-case',
        start: s,
        end: s + P,
        message: `The driver only recognises the prefix in lower case, "${JDBC_SQLSERVER_PREFIX}"; written as "${head}" the URL is refused ("no suitable driver").`,
      });
    }
    let i = s + P;
    // Server part (absent when `;` follows `//` directly).
    if (i < n && text[i] !== ';') i = this.serverPart(i);
    const ipv6 = ipv6InServerPart(url, text, s + P, i);
    if (ipv6) url.problems.push(ipv6);
    // Properties: here i === n or text[i] === ';'.
    while (i < n) i = this.segment(i);
    return url;
  }

  /** Another driver's URL (or no URL at all): one problem, nothing else is read. */
  private notSqlServer(s: number): void {
    const { text, n, url } = this;
    const whole = trimSpan(text, s, n);
    const m = /^jdbc:[^:/;]*:?/i.exec(text.slice(s, Math.min(n, s + 64)));
    url.prefix = { start: s, end: s + (m ? m[0].length : 0) };
    const what = m ? `"${clip(m[0])}" is another driver's prefix` : 'it does not start with "jdbc:sqlserver://"';
    const form = 'ECE connects to SQL Server with URLs of the form "jdbc:sqlserver://host:port;databaseName=name".';
    url.problems.push({
      code: 'not-sqlserver',
      start: whole.start,
      end: whole.end,
      message: whole.start === whole.end ? `The URL is empty. ${form}` : `This is not a Microsoft SQL Server JDBC URL: ${what}. ${form}`,
    });
  }

  /** The server name up to `;`, `:` or `\` (its first character always belongs to it), then `\instance` and `:port`. */
  private serverPart(i: number): number {
    const { text, n, url } = this;
    let j = i + 1;
    while (j < n) {
      const c = text[j];
      if (c === ';' || c === ':' || c === '\\') break;
      j++;
    }
    const server = part(text, i, j, i, false);
    url.server = server;
    const first = text[i];
    if (first === ':' || first === '\\') {
      url.problems.push({
        code: 'server-starts-with-delimiter',
        start: i,
        end: i + 1,
        message: `There is no server name before "${first}": the driver takes "${clip(server.raw)}" as the server name. Write the host name first, e.g. "jdbc:sqlserver://dbhost${first === ':' ? ':1433' : '\\instance'}".`,
      });
    } else if (server.raw.indexOf('=') >= 0) {
      url.problems.push({
        code: 'server-has-equals',
        start: server.span.start,
        end: server.span.end,
        message: `The server part "${clip(server.raw)}" contains "=", which the driver rejects. Properties go after a ";": write "jdbc:sqlserver://host;name=value" or "jdbc:sqlserver://;serverName=host".`,
      });
    }
    i = j;
    if (i < n && text[i] === '\\') {
      let k = i + 1;
      while (k < n && text[k] !== ';' && text[k] !== ':') k++;
      url.instance = part(text, i + 1, k, i, true);
      i = k;
    }
    if (i < n && text[i] === ':') {
      let k = i + 1;
      while (k < n && text[k] !== ';') k++;
      url.port = part(text, i + 1, k, i, false);
      i = k;
    }
    return i;
  }

  /** The segment after the `;` at `segStart`: a `name=value` property, or a problem; returns the next `;` (or the end). */
  private segment(segStart: number): number {
    const { text, n, url } = this;
    const i = segStart + 1;
    let j = i;
    while (j < n && text[j] !== '=' && text[j] !== ';') j++;
    const nameSpan = trimSpan(text, i, j);
    if (j >= n || text[j] === ';') {
      if (nameSpan.end > nameSpan.start) {
        const name = text.slice(nameSpan.start, nameSpan.end);
        url.problems.push({
          code: 'name-without-equals',
          start: nameSpan.start,
          end: nameSpan.end,
          message: this.prevSecret
            ? 'This text has no "=", so the driver rejects the whole URL. If it is the rest of the previous value (a password containing ";"), wrap that whole value in braces: "password={...}".'
            : `"${clip(name)}" has no "=": every property must be written "name=value"; the driver rejects the whole URL.`,
        });
      }
      return j;
    }
    const emptyName = nameSpan.end === nameSpan.start;
    if (emptyName) {
      url.problems.push({
        code: 'empty-name',
        start: j,
        end: j + 1,
        message: 'A value without a property name (";="): the driver rejects the whole URL.',
      });
    }
    let k = j + 1;
    while (k < n && text[k] !== ';' && text[k] !== '{') k++;
    const braceAfterText = k < n && text[k] === '{' && trimSpan(text, j + 1, k).end > trimSpan(text, j + 1, k).start;
    const v = k < n && text[k] === '{' && !braceAfterText ? this.bracedValue(nameSpan, k) : this.plainValue(j, k, braceAfterText);
    const name = text.slice(nameSpan.start, nameSpan.end);
    this.prevSecret = !emptyName && isSecretName(name);
    if (!emptyName) {
      const info = NAME_INFO.get(name.toLowerCase());
      url.properties.push({
        name,
        canonical: info?.canonical,
        newestDriverOnly: info?.newestDriverOnly === true,
        value: v.value,
        braced: v.braced,
        unclosed: v.unclosed,
        nameSpan,
        valueSpan: v.valueSpan,
        segmentSpan: { start: segStart, end: v.segEnd },
      });
    }
    return v.segEnd;
  }

  /**
   * A value without braces, from after the `=` at `eq` to the next `;`, blanks trimmed (an empty one sits right after
   * `=`). `k` is the first `;` or `{` after `=`; a `{` after other text is an error in the driver, read past.
   */
  private plainValue(eq: number, k: number, braceAfterText: boolean): ValueRead {
    const { text, n, url } = this;
    if (braceAfterText) {
      url.problems.push({
        code: 'text-before-brace',
        start: k,
        end: k + 1,
        message: 'A "{" may only start a value. To put "{", "}" or ";" in a value, wrap the whole value in braces, e.g. "password={a;b{c}"; otherwise the driver rejects the URL.',
      });
      while (k < n && text[k] !== ';') k++;
      const valueSpan = trimSpan(text, eq + 1, k);
      return { value: text.slice(valueSpan.start, valueSpan.end), valueSpan, braced: false, unclosed: false, segEnd: k };
    }
    let valueSpan = trimSpan(text, eq + 1, k);
    if (valueSpan.start === valueSpan.end) valueSpan = { start: eq + 1, end: eq + 1 };
    return { value: text.slice(valueSpan.start, valueSpan.end), valueSpan, braced: false, unclosed: false, segEnd: k };
  }

  /** A value in braces from the `{` at `k`: `}}` stands for `}`; only blanks may follow the closing `}`. */
  private bracedValue(nameSpan: Span, k: number): ValueRead {
    const { text, n, url } = this;
    const chunks: string[] = [];
    let m = k + 1;
    let chunkStart = m;
    let closed = false;
    while (m < n) {
      const c = text.charCodeAt(m);
      if (c === 0x7d /* } */) {
        if (m + 1 < n && text.charCodeAt(m + 1) === 0x7d) {
          chunks.push(text.slice(chunkStart, m + 1));
          m += 2;
          chunkStart = m;
          continue;
        }
        closed = true;
        break;
      }
      m++;
    }
    if (!closed) {
      chunks.push(text.slice(chunkStart, n));
      url.problems.push({
        code: 'unclosed-brace',
        start: k,
        end: k + 1,
        message: 'This "{" is never closed with "}": the value swallows the rest of the URL and the driver rejects it.',
      });
      return { value: chunks.join(''), valueSpan: { start: k, end: trimSpan(text, k, n).end }, braced: true, unclosed: true, segEnd: n };
    }
    chunks.push(text.slice(chunkStart, m));
    let q = m + 1;
    while (q < n && text[q] !== ';') q++;
    let a = m + 1;
    while (a < q && text[a] === ' ') a++;
    if (a < q) {
      let b = q;
      while (b > a && text[b - 1] === ' ') b--;
      url.problems.push({
        code: 'text-after-brace',
        start: a,
        end: b,
        message: isSecretName(text.slice(nameSpan.start, nameSpan.end))
          ? 'Only spaces may follow the closing "}" of a value; this text makes the driver reject the URL. Inside braces, write "}" as "}}".'
          : `Only spaces may follow the closing "}" of a value; "${clip(text.slice(a, b))}" makes the driver reject the URL. Inside braces, write "}" as "}}".`,
      });
    }
    return { value: chunks.join(''), valueSpan: { start: k, end: m + 1 }, braced: true, unclosed: false, segEnd: q };
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Questions about a parsed URL. They answer for the driver an ECE release ships: aliases that only the newest
// driver knows (`uid`, `trusted_connection`, ...) are ignored, as that driver ignores them.

/** The properties that set `canonical` and that ECE's driver honours (newest-driver aliases excluded), in order. */
export function propertiesFor(url: JdbcUrl, canonical: string): JdbcProperty[] {
  return url.properties.filter((p) => p.canonical === canonical && !p.newestDriverOnly);
}

/** The property that decides `canonical` (the last one ECE's driver honours). */
export function lastProperty(url: JdbcUrl, canonical: string): JdbcProperty | undefined {
  for (let i = url.properties.length - 1; i >= 0; i--) {
    const p = url.properties[i]!;
    if (p.canonical === canonical && !p.newestDriverOnly) return p;
  }
  return undefined;
}

const fromProperty = (p: JdbcProperty): JdbcValue => ({ value: p.value, span: p.valueSpan, property: p });
const fromPart = (p: JdbcPart): JdbcValue => ({ value: p.value, span: p.span, part: p });

/** Where the host comes from: the last `serverName`/`server` property, else a non-empty server part. */
export function hostValue(url: JdbcUrl): JdbcValue | undefined {
  if (!url.isSqlServer) return undefined;
  const p = lastProperty(url, 'serverName');
  if (p) return fromProperty(p);
  return url.server && url.server.value ? fromPart(url.server) : undefined;
}

/** Where the port comes from: the last `portNumber`/`port` property, else the `:port` part. */
export function portValue(url: JdbcUrl): JdbcValue | undefined {
  if (!url.isSqlServer) return undefined;
  const p = lastProperty(url, 'portNumber');
  if (p) return fromProperty(p);
  return url.port ? fromPart(url.port) : undefined;
}

/** Where the instance comes from: the last `instanceName` property, else the `\instance` part (lower-cased). */
export function instanceValue(url: JdbcUrl): JdbcValue | undefined {
  if (!url.isSqlServer) return undefined;
  const p = lastProperty(url, 'instanceName');
  if (p) return fromProperty(p);
  return url.instance ? fromPart(url.instance) : undefined;
}

/** The host the driver connects to (trimmed, as written), or undefined when none is given. */
export function effectiveHost(url: JdbcUrl): string | undefined {
  const v = hostValue(url)?.value;
  return v ? v : undefined;
}

/**
 * A port value as the driver reads it (SQLServerConnection.connectInternal: `Integer.parseInt`, refused only below 0
 * or above 65535, R_invalidPortNumber): the number 0..65535, or undefined when the driver refuses it. The value is
 * taken as the driver sees it (the URL parser already trimmed unbraced values; a braced one keeps its blanks, and
 * `Integer.parseInt` refuses them). 0 means "no port" (see `connectionPort`).
 */
export function parsePort(text: string): number | undefined {
  if (!/^[+-]?[0-9]{1,10}$/.test(text)) return undefined;
  const v = Math.abs(Number(text)) === 0 ? 0 : Number(text);
  return v >= 0 && v <= 65535 ? v : undefined;
}

/**
 * Where the driver connects, port-wise (SQLServerConnection.primaryPermissionCheck): a given port other than 0 is
 * used as is; with no port, or port 0, it asks SQL Browser (UDP 1434) for the port of the named instance when one is
 * given, else uses 1433. `invalid`: the port is one the driver refuses.
 */
export type ConnectionPort =
  | { kind: 'given'; port: number }
  | { kind: 'browser'; instance: string }
  | { kind: 'default'; port: 1433 }
  | { kind: 'invalid'; value: string };

export function connectionPort(url: JdbcUrl): ConnectionPort {
  const v = portValue(url);
  if (v) {
    const p = parsePort(v.value);
    if (p === undefined) return { kind: 'invalid', value: v.value };
    if (p !== 0) return { kind: 'given', port: p };
  }
  const inst = instanceValue(url)?.value;
  return inst ? { kind: 'browser', instance: inst } : { kind: 'default', port: 1433 };
}

/** The port given in the URL when it is one the driver connects to directly (not absent, not 0, not refused). */
export function effectivePort(url: JdbcUrl): number | undefined {
  const c = connectionPort(url);
  return c.kind === 'given' ? c.port : undefined;
}

/** The named instance whose port the driver asks SQL Browser for: undefined when none is given or a port (not 0) is. */
export function effectiveInstance(url: JdbcUrl): string | undefined {
  const c = connectionPort(url);
  return c.kind === 'browser' ? c.instance : undefined;
}

/** The `databaseName` (or `database`) value, last one winning; undefined when absent. */
export function databaseName(url: JdbcUrl): string | undefined {
  return url.isSqlServer ? lastProperty(url, 'databaseName')?.value : undefined;
}

/** `integratedSecurity` as a boolean (any case); undefined when absent or not a valid boolean. */
export function integratedSecurity(url: JdbcUrl): boolean | undefined {
  if (!url.isSqlServer) return undefined;
  const v = lastProperty(url, 'integratedSecurity')?.value.toLowerCase();
  return v === 'true' ? true : v === 'false' ? false : undefined;
}

/**
 * How the URL makes the driver log in (SQLServerConnection.connectInternal and logon):
 * - `sql`: `integratedSecurity` absent or `false`, and `authentication` absent, `NotSpecified` or `SqlPassword`:
 *   the user and password are sent to SQL Server;
 * - `native`: `integratedSecurity=true` with `authenticationScheme` absent or `NativeAuthentication`: the Windows
 *   account of the process logs in (AuthenticationJNI); user and password are not used;
 * - `ntlm`: `integratedSecurity=true;authenticationScheme=NTLM`: user and password are REQUIRED
 *   (R_NtlmNoUserPasswordDomain when either is empty);
 * - `kerberos`: `integratedSecurity=true;authenticationScheme=JavaKerberos`: user and password may be used to log in
 *   to Kerberos (KerbAuthentication);
 * - `invalid`: `integratedSecurity` is not `true`/`false`, or (with it true) `authenticationScheme` is not one of the
 *   three schemes (AuthenticationScheme.valueOfString, case-insensitive): the driver refuses to connect;
 * - `other`: another `authentication` method (Microsoft Entra); not described further.
 * `authenticationScheme` is only read when `integratedSecurity` is true.
 */
export type LoginMode = 'sql' | 'native' | 'ntlm' | 'kerberos' | 'invalid' | 'other';

export function loginMode(url: JdbcUrl): LoginMode {
  const integrated = lastProperty(url, 'integratedSecurity');
  const iv = integrated?.value.toLowerCase();
  if (integrated && iv !== 'true' && iv !== 'false') return 'invalid';
  if (iv === 'true') {
    const scheme = lastProperty(url, 'authenticationScheme')?.value.toLowerCase();
    if (scheme === undefined || scheme === 'nativeauthentication') return 'native';
    if (scheme === 'ntlm') return 'ntlm';
    if (scheme === 'javakerberos') return 'kerberos';
    return 'invalid';
  }
  const auth = lastProperty(url, 'authentication')?.value.toLowerCase();
  return auth === undefined || auth === 'notspecified' || auth === 'sqlpassword' ? 'sql' : 'other';
}

/**
 * The login mode the driver would use once `integratedSecurity=true` is set (the "Convert to Windows
 * Authentication" edits): the URL's `authenticationScheme` then decides. Credentials may be emptied only when this
 * is `native`.
 */
export function integratedLoginMode(url: JdbcUrl): 'native' | 'ntlm' | 'kerberos' | 'invalid' {
  const scheme = lastProperty(url, 'authenticationScheme')?.value.toLowerCase();
  if (scheme === undefined || scheme === 'nativeauthentication') return 'native';
  if (scheme === 'ntlm') return 'ntlm';
  if (scheme === 'javakerberos') return 'kerberos';
  return 'invalid';
}

/** True when the URL itself supplies a non-empty `user` (or `password`) property, which the driver also receives. */
export function hasUrlCredential(url: JdbcUrl, which: 'user' | 'password'): boolean {
  const p = url.isSqlServer ? lastProperty(url, which) : undefined;
  return p !== undefined && p.value.trim().length > 0;
}

/**
 * Text that an admin copied from the guide without replacing it: `<DB server name>`, `<Database Name>`, `<ECE File
 * Server Install Directory>`. Spans of every `<...>` (at most 80 characters inside, no `<`, `>` or `;`) in `text`.
 */
export function placeholderSpans(text: string): Span[] {
  const out: Span[] = [];
  const re = /<[^<>;\r\n]{1,80}>/g;
  for (let m = re.exec(text); m; m = re.exec(text)) out.push({ start: m.index, end: m.index + m[0].length });
  return out;
}

/** True when a host value is not a host name at all: a guide placeholder, or the broken half of an IPv6 literal. */
export function isNotAHostName(host: string): boolean {
  return /[<>[\]]/.test(host);
}

/** Writes a value so the driver reads it back unchanged: braces when it holds `;`, `{`, `}` or outer spaces. */
export function encodePropertyValue(value: string): string {
  if (value === '') return '';
  const needsBraces =
    /[;{}]/.test(value) || isJavaSpace(value.charCodeAt(0)) || isJavaSpace(value.charCodeAt(value.length - 1));
  return needsBraces ? `{${value.replace(/\}/g, '}}')}}` : value;
}

/**
 * Minimal edits (decoded URL offsets) that set a property: the value of the last occurrence ECE's driver honours
 * is replaced, or `;name=value` is appended after the last non-blank character when the property is absent.
 * `name` is folded to its canonical spelling when known. Returns [] for a URL that is not SQL Server's.
 */
export function setPropertyEdits(url: JdbcUrl, name: string, value: string): Array<{ start: number; end: number; newText: string }> {
  if (!url.isSqlServer) return [];
  const canonical = canonicalName(name) ?? javaTrim(name);
  const encoded = encodePropertyValue(value);
  const last = lastProperty(url, canonical);
  if (last) {
    if (last.value === value && !last.unclosed) return [];
    return [{ start: last.valueSpan.start, end: last.valueSpan.end, newText: encoded }];
  }
  const end = trimSpan(url.text, 0, url.text.length).end;
  const sep = url.text[end - 1] === ';' ? '' : ';';
  return [{ start: end, end, newText: `${sep}${canonical}=${encoded}` }];
}

/**
 * A canonical form for comparing two URLs: prefix in lower case, effective host (lower-cased), instance (only
 * when no port or port 0, i.e. when it is looked up) and port (not 0) in the server part, then every other property once (last wins) with lower-cased
 * names, sorted, values trimmed (boolean values lower-cased). Unknown names and newest-driver aliases are kept
 * under their own lower-cased names. A URL that is not SQL Server's comes back trimmed, unchanged otherwise.
 */
export function normalizeJdbcUrl(url: JdbcUrl): string {
  if (!url.isSqlServer) return javaTrim(url.text);
  const host = (effectiveHost(url) ?? '').toLowerCase();
  const cp = connectionPort(url);
  const port = cp.kind === 'given' ? `:${cp.port}` : cp.kind === 'invalid' ? `:${javaTrim(cp.value)}` : '';
  const inst = cp.kind === 'browser' ? cp.instance.toLowerCase() : '';
  const values = new Map<string, string>();
  for (const p of url.properties) {
    const honoured = p.canonical !== undefined && !p.newestDriverOnly;
    if (honoured && (p.canonical === 'serverName' || p.canonical === 'portNumber' || p.canonical === 'instanceName')) continue;
    const key = (honoured ? p.canonical! : p.name).toLowerCase();
    const type = honoured ? driverProperty(p.canonical!)?.type : undefined;
    values.set(key, type === 'boolean' ? p.value.toLowerCase() : p.value);
  }
  const keys = [...values.keys()].sort();
  let out = `${JDBC_SQLSERVER_PREFIX}${host}${inst ? `\\${inst}` : ''}${port}`;
  for (const k of keys) out += `;${k}=${encodePropertyValue(values.get(k)!)}`;
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Hover text

/** True for names whose values must never be shown (passwords, secrets, keys, tokens). */
export function isSecretName(name: string): boolean {
  return /password|secret|key|token/i.test(name);
}

function code(s: string): string {
  const v = clip(s.replace(/[\r\n\t]/g, ' '), 80);
  if (v === '') return '(empty)';
  const fence = v.includes('`') ? '``' : '`';
  const pad = v.startsWith('`') || v.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${v}${pad}${fence}`;
}

function shownValue(names: string[], value: string): string {
  if (names.some(isSecretName)) return value === '' ? '(empty)' : '•••• (set)';
  return code(value);
}

/** Markdown for a hover: server, instance, port, database, authentication, then every other property. */
export function describeJdbcUrl(url: JdbcUrl): string {
  if (!url.isSqlServer) return '**Not a SQL Server JDBC URL**: ECE expects `jdbc:sqlserver://host:port;databaseName=name`.';
  const lines: string[] = ['**SQL Server JDBC URL**', ''];
  const host = effectiveHost(url);
  lines.push(`- **Server:** ${host ? code(host) : 'not given (the driver would try `localhost`)'}`);
  const inst = instanceValue(url);
  const cp = connectionPort(url);
  if (inst && inst.value) {
    lines.push(
      `- **Instance:** ${code(inst.value)}${cp.kind === 'given' ? ' (not looked up: a port is given, so the driver connects to that port directly)' : cp.kind === 'browser' ? ' (its port is asked from the SQL Server Browser service, UDP 1434)' : ''}`,
    );
  }
  const portText = portValue(url)?.value;
  if (cp.kind === 'given') lines.push(`- **Port:** ${cp.port}`);
  else if (cp.kind === 'invalid') lines.push(`- **Port:** ${code(cp.value)} (not a port: the driver refuses to connect)`);
  else if (cp.kind === 'browser') lines.push(`- **Port:** ${portText !== undefined ? '0, which means none: ' : ''}the one SQL Browser reports for the instance`);
  else lines.push(`- **Port:** 1433 (${portText !== undefined ? '0 means no port, so ' : ''}the default)`);
  const db = databaseName(url);
  lines.push(`- **Database:** ${db ? code(db) : "not given (the login's default database is used)"}`);
  const auth = lastProperty(url, 'authentication')?.value;
  const mode = loginMode(url);
  let authText: string;
  if (mode === 'native') authText = 'Windows authentication (`integratedSecurity=true`): the account the ECE services run as logs in';
  else if (mode === 'ntlm') authText = 'Windows authentication over NTLM (`authenticationScheme=NTLM`): the driver needs a user and password';
  else if (mode === 'kerberos') authText = 'Windows authentication over Kerberos (`authenticationScheme=JavaKerberos`): a user and password, if given, are used to log in to Kerberos';
  else if (mode === 'invalid') authText = '`integratedSecurity` or `authenticationScheme` has a value the driver refuses, so it cannot connect';
  else if (mode === 'other') authText = `\`authentication=${clip(auth ?? '', 40)}\``;
  else authText = 'SQL Server authentication: the login and password given with the pool';
  lines.push(`- **Authentication:** ${authText}`);
  const shown = new Set(['serverName', 'portNumber', 'instanceName', 'databaseName']);
  const others = url.properties.filter((p) => !(p.canonical && !p.newestDriverOnly && shown.has(p.canonical)));
  if (others.length > 0) {
    lines.push('', '**Other properties:**', '');
    for (const p of others) {
      let what: string;
      if (!p.canonical) what = 'unknown to the driver, which silently ignores it';
      else if (p.newestDriverOnly)
        what = `alias of \`${p.canonical}\` known only to the newest driver; older drivers such as ECE's ignore it`;
      else what = driverProperty(p.canonical)?.description ?? '';
      lines.push(`- ${code(p.name)} = ${shownValue([p.name, p.canonical ?? ''], p.value)}${what ? ` — ${what}` : ''}`);
    }
  }
  return lines.join('\n');
}

const within = (s: Span, offset: number): boolean => offset >= s.start && offset <= s.end;

/** Markdown for one property name: what it does, its type, default and range, and how the driver reads it. */
export function describeJdbcProperty(name: string): string {
  const info = NAME_INFO.get(javaTrim(name).toLowerCase());
  if (!info) return `**\`${clip(name)}\`**: not a property the SQL Server JDBC driver knows. The driver silently ignores it.`;
  const p = driverProperty(info.canonical);
  const lines = [`**${info.canonical}**${info.canonical.toLowerCase() !== javaTrim(name).toLowerCase() ? ` (written as the alias \`${clip(name)}\`)` : ''}`, ''];
  if (p) lines.push(p.description, '');
  if (info.newestDriverOnly) lines.push('This alias is known only to the newest driver (August 2026); older drivers, such as the one ECE ships, ignore it.', '');
  if (p) {
    const type = p.type === 'boolean' ? '`true` or `false`' : p.type === 'int' ? 'whole number' : p.type === 'object' ? 'object (code only)' : 'text';
    const range = p.min !== undefined && p.max !== undefined ? ` from ${p.min} to ${p.max}` : '';
    const def = p.default === null || p.default === '' ? '' : ` · default \`${String(p.default)}\``;
    lines.push(`Type: ${type}${range}${def}`);
  }
  return lines.join('\n');
}

/**
 * Hover for a decoded offset inside the URL: on a property name, that property's description; anywhere else in
 * the URL, `describeJdbcUrl`. The span is what the hover covers (decoded coordinates). Undefined outside the URL.
 */
export function jdbcHoverAt(url: JdbcUrl, offset: number): { markdown: string; span: Span } | undefined {
  for (const p of url.properties) {
    if (within(p.nameSpan, offset)) return { markdown: describeJdbcProperty(p.name), span: p.nameSpan };
  }
  const whole = trimSpan(url.text, 0, url.text.length);
  if (!within(whole, offset)) return undefined;
  return { markdown: describeJdbcUrl(url), span: whole };
}
