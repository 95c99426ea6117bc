/**
 * Host names and file names as the rules compare and show them. Pure string functions, shared by every kind and by
 * the workspace (they used to live in the workspace queries, which the kinds must not import).
 */

/** The file name of a URI (percent-decoded), for messages. */
export function baseName(uri: string): string {
  const clean = uri.split(/[?#]/)[0] ?? uri;
  const seg = clean.slice(Math.max(clean.lastIndexOf('/'), clean.lastIndexOf('\\')) + 1);
  try {
    return decodeURIComponent(seg);
  } catch {
    return seg;
  }
}

/** A host name as DNS compares it: case-insensitive, surrounding blanks and a trailing dot ignored. */
export function hostKey(host: string): string {
  return host.trim().toLowerCase().replace(/\.$/, '');
}

/** True when two host names are the same name (see `hostKey`). */
export function sameHost(a: string, b: string): boolean {
  return hostKey(a) === hostKey(b);
}

/**
 * True when two host names denote the same machine: the same name, or one is the short name of the other
 * (`ece-ag-listener` and `ece-ag-listener.example.com`). Empty names denote no machine.
 */
export function sameMachine(a: string, b: string): boolean {
  const x = hostKey(a);
  const y = hostKey(b);
  if (!x || !y) return false;
  if (x === y) return true;
  if (!x.includes('.') && y.startsWith(x + '.')) return true;
  if (!y.includes('.') && x.startsWith(y + '.')) return true;
  return false;
}

/** A host is fully qualified when it has a dot and is not `localhost` (IP literals are judged elsewhere). */
export function isFullyQualified(host: string): boolean {
  const h = hostKey(host);
  if (h === '' || h === 'localhost' || h.startsWith('localhost.')) return false;
  return h.includes('.');
}
