/**
 * The connection-pool file (`egpl_ds_connpool_map.xml`): every `<connpool>` with its name, the decoded
 * `User`, `Password` and `Url` texts and the parsed JDBC URL, all with raw ranges. Built once per parse.
 */
import { rawSpan, type DecodedText } from '../../core/text';
import type { JdbcUrlSite } from '../../core/types';
import { effectiveHost, effectivePort, integratedSecurity, parseJdbcUrl, type JdbcUrl } from '../../parse/jdbcUrl';
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
    for (const a of NAME_ATTRS) {
      const at = attr(el, a);
      if (at) {
        name = at.value.text.trim();
        break;
      }
    }
    if (name === undefined) {
      for (const c of NAME_CHILDREN) {
        const ch = childNamed(el, c);
        if (ch) {
          name = elementText(xml, ch).text.trim();
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
    pools.push({ element: el, name, user: value(xml, childNamed(el, 'User')), password: value(xml, childNamed(el, 'Password')), url });
  }
  return { xml, pools };
}

export type AuthMode = 'windows' | 'sql';

/** Windows authentication when the URL says `integratedSecurity=true`; SQL authentication otherwise. */
export function authMode(pool: ConnPool): AuthMode | undefined {
  if (!pool.url) return undefined;
  return integratedSecurity(pool.url.jdbc) === true ? 'windows' : 'sql';
}

/** The reports pool (`ReportsDB_MSSQL_Pool` and the like) points at the reports database, not the active one. */
export function isReportsPool(pool: ConnPool): boolean {
  return /report/i.test(pool.name ?? '');
}

export function hostAndPort(pool: ConnPool): { host: string; port: number } | undefined {
  if (!pool.url) return undefined;
  const host = effectiveHost(pool.url.jdbc);
  if (!host) return undefined;
  return { host: host.toLowerCase(), port: effectivePort(pool.url.jdbc) ?? 1433 };
}

/** Label for messages: the pool's name, or its position. */
export function poolLabel(model: ConnpoolModel, pool: ConnPool): string {
  return pool.name ? `'${pool.name}'` : `#${model.pools.indexOf(pool) + 1}`;
}
