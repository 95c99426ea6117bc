/**
 * What counts as a secret, and the mask every text passes through before it leaves the service (messages, fix titles,
 * hovers, symbols, completions, logs).
 *
 * Secrecy is decided by meaning, not by exact names: a password position (a pool's `<Password>`, a `*_PASS` or
 * `*PASSWORD*` key, a JDBC `password=`), any key or property whose name is a password-like word or a near miss of one
 * (`pasword`, `SSIS_USER_PASWORD`, `ACTIVE_PAS`, `pwd`, `passwd`), the `user:password@` part of an address (and a
 * "port" that is not a number while it is typed), the text that follows an unbraced `;` inside a JDBC password, and in
 * the pool file whatever reads as a `<Password>` element in the raw text. Each kind lists the secret values of its file
 * (`FileKind.secrets`); the engine then replaces every occurrence of them, in any letter case, in outgoing text with
 * `••••`, together with the secrets of the partner files a cross-file rule reads (its messages quote their values).
 */

export const MASK = '••••';

/** Words that name a secret, compared on the name lower-cased with `_`, `-`, `.` and spaces removed. */
const SECRET_WORDS = ['password', 'passwd', 'passphrase', 'secret', 'token', 'credential', 'pwd', 'apikey', 'privatekey'];

/** Levenshtein distance, stopping past `max` (names are short). */
function near(a: string, b: string, max: number): boolean {
  if (Math.abs(a.length - b.length) > max) return false;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      cur.push(v);
      if (v < best) best = v;
    }
    if (best > max) return false;
    prev = cur;
  }
  return prev[b.length]! <= max;
}

/**
 * True when a key or property name denotes a secret: it holds a secret word (`SSIS_CATALOG_PASSWORD`,
 * `keyStoreSecret`), one of its parts is `PASS` or `PW` (`ACTIVE_PASS`, `userPass`), or one of its parts is a near miss of `password`/`passwd`
 * (`pasword`, `SSIS_USER_PASWORD`) or of `pass` at its end (`ACTIVE_PAS`).
 */
const secretNames = new Map<string, boolean>();

export function isSecretName(name: string): boolean {
  let hit = secretNames.get(name);
  if (hit === undefined) {
    if (secretNames.size > 10_000) secretNames.clear();
    hit = isSecretNameUncached(name);
    secretNames.set(name, hit);
  }
  return hit;
}

function isSecretNameUncached(name: string): boolean {
  const flat = name.toLowerCase().replace(/[\s_.-]+/g, '');
  if (flat === '') return false;
  if (SECRET_WORDS.some((w) => flat.includes(w))) return true;
  const parts = name.split(/[\s_.-]+|(?<=[a-z])(?=[A-Z])/).map((x) => x.toLowerCase());
  if (parts.includes('pass') || parts.includes('pw')) return true;
  for (const part of parts) {
    if (part.length >= 5 && (near(part, 'password', 2) || near(part, 'passwd', 1))) return true;
  }
  // `ACTIVE_PAS`, `REPORTS_PSS`: a last part one edit away from `pass`.
  const last = name.toLowerCase().split(/[\s_.-]+/).pop() ?? '';
  return last.length >= 3 && last.length <= 5 && near(last, 'pass', 1) && /^p/.test(last);
}

/**
 * The `user:password` before the `@` of an address's authority, if any (what must not be shown): `scheme://u:p@host`,
 * `//u:p@host`, `u:p@host`, and an address with anything in front of its `//` (a stray character typed before the
 * scheme, which then reads as no scheme at all: the credentials are still there). The authority starts after the first
 * `//` written before the first `@` (else at the start) and ends at the first `/`, `?`, `#` or `\`; the user info runs
 * to its last `@`, as browsers read it. One pass, no backtracking.
 */
export function userInfoOf(address: string): string | undefined {
  const a = address.trim();
  const firstAt = a.indexOf('@');
  if (firstAt < 0) return undefined;
  const slashes = a.indexOf('//');
  const start = slashes >= 0 && slashes < firstAt ? slashes + 2 : 0;
  let end = start;
  while (end < a.length && a[end] !== '/' && a[end] !== '?' && a[end] !== '#' && a[end] !== '\\') end++;
  const at = a.lastIndexOf('@', end - 1);
  return at > start ? a.slice(start, at) : undefined;
}

/**
 * Replaces every occurrence of the given secret values in texts, in any letter case (a host part of an address is
 * shown lower-cased); pieces shorter than 4 characters only as whole words in their own case (a 2-letter piece must not
 * eat parts of ordinary words). Values shorter than 2 characters are not masked. At each position the longest value
 * that matches there wins.
 *
 * Built lazily (most analyses produce few texts) as a trie of the case-folded values, so masking a text costs its
 * length times how far it runs along some value from each position, not the number of values: an input.properties
 * with thousands of mistyped password keys has thousands of values that all start alike (`value1`, `value2`, …).
 */
export class SecretMask {
  private readonly raw: readonly string[];
  private trie: SecretTrie | undefined;
  /** Texts already masked (a related-information line is shared by many findings). */
  private readonly done = new Map<string, string>();

  constructor(values: Iterable<string>) {
    this.raw = [...values];
  }

  private index(): SecretTrie {
    if (this.trie) return this.trie;
    const trie = new SecretTrie();
    for (const v of this.raw) {
      const t = v.trim();
      if (t.length >= 2) trie.add(t);
      // Also the value's pieces between markup and separators (a `<` inside a password splits it for the XML parser).
      for (const piece of t.split(/[<>&;=\s"'/]+/)) if (piece.length >= 2) trie.add(piece);
    }
    this.trie = trie;
    return trie;
  }

  /** This mask with more values. */
  with(values: Iterable<string>): SecretMask {
    return new SecretMask([...this.raw, ...values]);
  }

  get empty(): boolean {
    return this.index().size === 0;
  }

  mask(text: string): string {
    if (text.length < 2) return text;
    const trie = this.index();
    if (trie.size === 0) return text;
    const known = this.done.get(text);
    if (known !== undefined) return known;
    let out = '';
    let from = 0;
    for (let i = 0; i + 1 < text.length; ) {
      const n = trie.longestAt(text, i);
      if (n > 0) {
        out += text.slice(from, i) + MASK;
        i += n;
        from = i;
      } else i++;
    }
    const masked = from === 0 ? text : out + text.slice(from);
    if (this.done.size > 5000) this.done.clear();
    this.done.set(text, masked);
    return masked;
  }
}

/**
 * The secret values as a trie over case-folded UTF-16 units: one map from (node, unit) to the child node, and per
 * node whether a value of 4 or more units ends there (matched in any case) or the short values (2 or 3 units, matched
 * only in their own case and as whole words) that end there.
 */
class SecretTrie {
  private readonly next = new Map<number, number>();
  private readonly long: boolean[] = [false];
  private readonly short = new Map<number, string[]>();
  private nodes = 1;
  size = 0;

  add(v: string): void {
    let node = 0;
    for (let i = 0; i < v.length; i++) {
      const key = node * 65536 + fold(v.charCodeAt(i));
      let child = this.next.get(key);
      if (child === undefined) {
        child = this.nodes++;
        this.next.set(key, child);
        this.long.push(false);
      }
      node = child;
    }
    if (v.length >= 4) {
      if (!this.long[node]) this.size++;
      this.long[node] = true;
    } else {
      const list = this.short.get(node);
      if (!list) this.short.set(node, [v]);
      else if (!list.includes(v)) list.push(v);
      else return;
      this.size++;
    }
  }

  /** The length of the longest value that matches `text` at `i`, or 0. */
  longestAt(text: string, i: number): number {
    let node = 0;
    let best = 0;
    for (let j = i; j < text.length; j++) {
      const child = this.next.get(node * 65536 + fold(text.charCodeAt(j)));
      if (child === undefined) break;
      node = child;
      const len = j - i + 1;
      if (this.long[node]) best = len;
      else if (len < 4) {
        const list = this.short.get(node);
        if (list && list.some((v) => text.startsWith(v, i)) && !isWordChar(text, i - 1) && !isWordChar(text, i + len)) best = len;
      }
    }
    return best;
  }
}

/** One UTF-16 unit lower-cased (ASCII fast; others through toLowerCase when that keeps them one unit). */
function fold(c: number): number {
  if (c >= 65 && c <= 90) return c + 32;
  if (c < 128) return c;
  const l = String.fromCharCode(c).toLowerCase();
  return l.length === 1 ? l.charCodeAt(0) : c;
}

function isWordChar(text: string, i: number): boolean {
  if (i < 0 || i >= text.length) return false;
  return /[\p{L}\p{N}_]/u.test(text[i]!);
}

