/**
 * The connection-pool file (`egpl_ds_connpool_map.xml`): every `<connpool>` with its name, the decoded
 * `User`, `Password` and `Url` texts and the parsed JDBC URL, all with raw ranges. Built once per parse.
 */
import { rawSpan, type DecodedText } from '../../core/text';
import type { JdbcUrlSite, PoolFileSummary, PoolSummary } from '../../core/types';
import { connectionPort, databaseName, effectiveHost, hasUrlCredential, loginMode, parseJdbcUrl, type JdbcUrl, type LoginMode } from '../../parse/jdbcUrl';
import { allElements, attr, childNamed, elementText, xmlContentEdit, type XmlDocument, type XmlElement } from '../../parse/xml';

export interface PoolValue {
  element: XmlElement;
  text: DecodedText;
  /** The text with surrounding whitespace removed (what the product compares). */
  trimmed: string;
}

export interface ConnPool {
  element: XmlElement;
  /** From a `name` attribute or a `<name>` child; undefined when neither exists. */
  name: string | undefined;
  /**
   * Where a finding about the whole pool goes: the name's text (attribute value or child content), or the
   * `connpool` tag name when the pool has no name. Never the whole Url, so a hover on a URL property shows that
   * property's findings and docs first.
   */
  nameSpan: { start: number; end: number };
  user: PoolValue | undefined;
  password: PoolValue | undefined;
  url: (PoolValue & { jdbc: JdbcUrl; site: JdbcUrlSite }) | undefined;
}

export interface ConnpoolModel {
  xml: XmlDocument;
  pools: ConnPool[];
}

const NAME_ATTRS = ['name', 'poolName', 'pool_name'];
const NAME_CHILDREN = ['name', 'poolName', 'pool_name'];

function value(xml: XmlDocument, el: XmlElement | undefined): PoolValue | undefined {
  if (!el) return undefined;
  const text = elementText(xml, el);
  return { element: el, text, trimmed: text.text.trim() };
}

export function buildConnpoolModel(xml: XmlDocument): ConnpoolModel {
  const pools: ConnPool[] = [];
  for (const el of allElements(xml)) {
    if (el.localName.toLowerCase() !== 'connpool') continue;
    let name: string | undefined;
    let nameSpan = { start: el.nameStart, end: el.nameEnd };
    const trimmedSpan = (t: DecodedText) => {
      const s = t.text.length - t.text.trimStart().length;
      const e = t.text.trimEnd().length;
      return e > s ? rawSpan(t, s, e) : undefined;
    };
    for (const a of NAME_ATTRS) {
      const at = attr(el, a);
      if (at) {
        name = at.value.text.trim();
        nameSpan = trimmedSpan(at.value) ?? { start: at.nameStart, end: at.nameEnd };
        break;
      }
    }
    if (name === undefined) {
      for (const c of NAME_CHILDREN) {
        const ch = childNamed(el, c);
        if (ch) {
          const t = elementText(xml, ch);
          name = t.text.trim();
          nameSpan = trimmedSpan(t) ?? { start: ch.nameStart, end: ch.nameEnd };
          break;
        }
      }
    }
    const urlValue = value(xml, childNamed(el, 'Url'));
    let url: ConnPool['url'];
    if (urlValue) {
      const t = urlValue.text;
      const site: JdbcUrlSite = {
        text: t.text,
        span: (s, e) => rawSpan(t, s, e),
        edit: (s, e, newText) => xmlContentEdit(t, s, e, newText),
        label: name,
      };
      url = { element: urlValue.element, text: t, trimmed: urlValue.trimmed, jdbc: parseJdbcUrl(t.text), site };
      site.parsed = url.jdbc;
    }
    pools.push({ element: el, name, nameSpan, user: value(xml, childNamed(el, 'User')), password: value(xml, childNamed(el, 'Password')), url });
  }
  return { xml, pools };
}

export type AuthMode = 'windows' | 'sql';

/** How the pool's URL makes the driver log in (see `loginMode`); undefined without a SQL Server URL. */
export function poolLoginMode(pool: ConnPool): LoginMode | undefined {
  if (!pool.url || !pool.url.jdbc.isSqlServer) return undefined;
  // Several rules ask for every pool of a file of thousands: read the URL once per pool (a pool never changes).
  if (loginModes.has(pool)) return loginModes.get(pool);
  const m = loginMode(pool.url.jdbc);
  loginModes.set(pool, m);
  return m;
}
const loginModes = new WeakMap<ConnPool, LoginMode | undefined>();
const hostsAndPorts = new WeakMap<ConnPool, { host: string; port: string; shown: string } | undefined>();

/**
 * Windows authentication when the URL says `integratedSecurity=true` (with any scheme the driver accepts); SQL
 * authentication when `integratedSecurity` is absent or `false` (and no other `authentication` method is set).
 * Undefined when the driver refuses the URL's `integratedSecurity` or `authenticationScheme` value, or another
 * method is used: such a pool is neither, and no rule may describe it as either.
 */
export function authMode(pool: ConnPool): AuthMode | undefined {
  const m = poolLoginMode(pool);
  if (m === 'sql') return 'sql';
  if (m === 'native' || m === 'ntlm' || m === 'kerberos') return 'windows';
  return undefined;
}

/**
 * Whether the pool supplies a user (or password): the `<User>` (`<Password>`) element or a `user`/`password`
 * property in the URL, non-empty. Both are credentials the driver can receive.
 */
export function hasCredential(pool: ConnPool, which: 'user' | 'password'): boolean {
  const el = which === 'user' ? pool.user : pool.password;
  if (el && el.trimmed.length > 0) return true;
  return pool.url !== undefined && hasUrlCredential(pool.url.jdbc, which);
}

/** The reports pool (`ReportsDB_MSSQL_Pool` and the like) points at the reports database, not the active one. */
export function isReportsPool(pool: ConnPool): boolean {
  return /report/i.test(pool.name ?? '');
}

/**
 * Where a pool connects: the host (lower-cased) and, as a comparable key, the port: the given port, `1433` when
 * none is given (or 0) and no instance either, `\instance` when the port is the one SQL Browser reports for that
 * instance (not known here), or the refused port text. `shown` is the same for messages.
 */
export function hostAndPort(pool: ConnPool): { host: string; port: string; shown: string } | undefined {
  if (hostsAndPorts.has(pool)) return hostsAndPorts.get(pool);
  const hp = readHostAndPort(pool);
  hostsAndPorts.set(pool, hp);
  return hp;
}

function readHostAndPort(pool: ConnPool): { host: string; port: string; shown: string } | undefined {
  if (!pool.url) return undefined;
  const host = effectiveHost(pool.url.jdbc);
  if (!host) return undefined;
  const h = host.toLowerCase();
  const cp = connectionPort(pool.url.jdbc);
  switch (cp.kind) {
    case 'given':
    case 'default':
      return { host: h, port: String(cp.port), shown: `${h}:${cp.port}` };
    case 'browser':
      return { host: h, port: `\\${cp.instance.toLowerCase()}`, shown: `${h}\\${cp.instance} (the port SQL Browser reports for that instance)` };
    case 'invalid':
      return { host: h, port: `invalid:${cp.value}`, shown: `${h} with the port "${cp.value}" (not a port)` };
  }
}

/** Label for messages: the pool's name, or its position. */
export function poolLabel(model: ConnpoolModel, pool: ConnPool): string {
  return pool.name ? `"${pool.name}"` : `#${model.pools.indexOf(pool) + 1}`;
}

/** Pool number `index` (0-based) as the rules of other files (and the deployment.zip comparison) see it. */
export function summarizePool(pool: ConnPool, index: number): PoolSummary {
  const jdbc = pool.url?.jdbc;
  const auth = authMode(pool);
  return {
    name: pool.name,
    label: pool.name ? `"${pool.name}"` : `#${index + 1}`,
    url: pool.url?.trimmed,
    sqlServer: jdbc?.isSqlServer ? { host: effectiveHost(jdbc)?.trim(), database: databaseName(jdbc), port: connectionPort(jdbc) } : undefined,
    reports: isReportsPool(pool),
    login: auth ?? 'none',
    hasUser: hasCredential(pool, 'user'),
    hasPassword: hasCredential(pool, 'password'),
  };
}

/** The pool file as the rules of other files see it (`WorkspaceView.poolFile`). */
export function summarizePoolFile(uri: string, model: ConnpoolModel): PoolFileSummary {
  return { uri, pools: model.pools.map(summarizePool) };
}
