/**
 * A parse memo scoped to one request. The "Disable … for this line / file" actions read the same texts several
 * times (where each construct starts, what the file says without its comments, before and after each comment), and
 * each read of a properties or XML text is a full parse: a code-action request on a 400 KB file parsed it ten times.
 * Inside `withParseMemo` each distinct text is parsed once per purpose; outside it nothing is kept, so no text or
 * parse outlives the request that made it.
 *
 * Only for readers that never change what they get (anchors, fingerprints): a kind's own parse is not shared.
 */
let active: Map<string, Map<string, unknown>> | undefined;

/** Runs `fn` with a fresh memo (a nested call shares the outer one), and drops it afterwards. */
export function withParseMemo<T>(fn: () => T): T {
  if (active) return fn();
  active = new Map();
  try {
    return fn();
  } finally {
    active = undefined;
  }
}

/** `make(text)` once per (purpose, text) inside `withParseMemo`; outside it, `make(text)` every time. */
export function memoized<T>(purpose: string, text: string, make: (text: string) => T): T {
  if (!active) return make(text);
  let m = active.get(purpose);
  if (!m) active.set(purpose, (m = new Map()));
  if (m.has(text)) return m.get(text) as T;
  const v = make(text);
  m.set(text, v);
  return v;
}
