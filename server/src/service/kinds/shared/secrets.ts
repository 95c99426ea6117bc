/**
 * The secret values of each kind's files (`FileKind.secrets`): what the engine masks in every outgoing text. See
 * `core/secrets.ts` for what counts as a secret.
 */
import { isSecretName, userInfoOf } from '../../core/secrets';
import type { JdbcUrl } from '../../parse/jdbcUrl';
import type { ParsedProperties } from '../../parse/properties';

/**
 * In a JDBC URL: the values of password-like properties, the text after an unbraced `;` inside one (the rest of a
 * password the driver split), and a `user:password@` written before the host.
 */
export function jdbcUrlSecrets(url: JdbcUrl): string[] {
  const out: string[] = [];
  const server = url.server?.raw ?? '';
  if (server.includes('@')) out.push(server.slice(0, server.lastIndexOf('@')));
  const port = url.port?.raw ?? '';
  if (port.includes('@')) out.push(port.slice(0, port.lastIndexOf('@')), server);
  // `//sa:Secr` while `user:password@host` is being typed: a port that is not a number may be a password.
  else if (/[^\d\s]/.test(port)) out.push(port);
  let afterSecret = false;
  for (const p of url.properties) {
    if (isSecretName(p.name)) {
      out.push(p.value);
      afterSecret = !p.braced;
      continue;
    }
    if (afterSecret && !p.canonical) out.push(p.name, p.value);
    else afterSecret = false;
  }
  // Text without `=` after a password (`password=ab;cd;databaseName=x`): the parser keeps it as a problem span.
  for (const pr of url.problems) if (pr.code === 'name-without-equals') out.push(url.text.slice(pr.start, pr.end));
  return out;
}

/** In a properties file: values of secret keys, URL secrets, and a bare line right after an empty secret (a password typed on the next line). */
export function propertiesSecrets(parsed: ParsedProperties, isUrlKey: (key: string) => boolean, parseUrl: (text: string) => JdbcUrl): string[] {
  const out: string[] = [];
  let prevEmptySecret = false;
  for (const e of parsed.entries) {
    if (isSecretName(e.key)) {
      out.push(e.value);
      prevEmptySecret = e.value.trim() === '';
      continue;
    }
    if (prevEmptySecret && !e.hasSeparator && e.value === '') out.push(e.key);
    prevEmptySecret = false;
    if (isUrlKey(e.key) || /^jdbc:/i.test(e.value.trim())) out.push(...jdbcUrlSecrets(parseUrl(e.value)));
  }
  return out;
}

/** The `user:password` part of an address (gadget URLs, `web_server_name`). */
export function addressSecrets(addresses: Iterable<string>): string[] {
  const out: string[] = [];
  for (const a of addresses) {
    const u = userInfoOf(a);
    if (u) out.push(u, ...u.split(':'));
    // Without a scheme: `user:pw@host`.
    const at = a.lastIndexOf('@');
    if (!u && at > 0 && !a.slice(0, at).includes('/')) out.push(a.slice(0, at));
  }
  return out;
}
