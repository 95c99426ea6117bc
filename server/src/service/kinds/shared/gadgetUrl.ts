/**
 * Pure helpers about Finesse gadget URLs, shared by the `finesse` and `ecejs` kinds (host-name comparisons are in
 * `core/names.ts`).
 * Every offset here is an offset into the string passed in (callers map them back to the document).
 * All scans are single passes: no backtracking regular expressions on user text.
 */

/** The path of ECE's agent gadget on an ECE web server (or the load balancer in front of them). */
export const ECE_AGENT_GADGET_PATH = '/system/templates/finesse/gadget/agent/ece.xml';
/** Folder of the gadget files ECE serves for Finesse. */
const ECE_GADGET_FOLDER = '/system/templates/finesse/gadget/';
/**
 * Paths (below eGain Solve's context root) used for the Solve and Cobrowse gadgets by the tab
 * builder and the snippets. The shipped `solve.xml`/`cobrowse.xml` are the reference: these only
 * need to name a gadget file on that web application, which the admin can still adjust.
 */
export const SOLVE_GADGET_FILE = 'finesse/gadget/solve.xml';
export const COBROWSE_GADGET_FILE = 'finesse/gadget/cobrowse.xml';

/** The placeholders ECE ships in `solve.xml` and `cobrowse.xml`. */
export const HOST_PLACEHOLDER = 'EGAIN_WEBSERVER_OR_LOADBALANCER';
export const CONTEXT_ROOT_PLACEHOLDER = 'CONTEXT_ROOT';
const PLACEHOLDERS = [HOST_PLACEHOLDER, CONTEXT_ROOT_PLACEHOLDER] as const;
export type PlaceholderName = (typeof PLACEHOLDERS)[number];

export interface PlaceholderHit {
  name: PlaceholderName;
  start: number;
  end: number;
}

/** Every occurrence of a shipped placeholder (exact spelling, as the files ship them). */
export function findPlaceholders(s: string): PlaceholderHit[] {
  const hits: PlaceholderHit[] = [];
  for (const name of PLACEHOLDERS) {
    let i = s.indexOf(name);
    while (i >= 0) {
      // `CONTEXT_ROOT` must not be part of a longer identifier-like word (e.g. MY_CONTEXT_ROOT_X).
      const before = i > 0 ? s[i - 1]! : '';
      const after = s[i + name.length] ?? '';
      if (!isWordChar(before) && !isWordChar(after)) hits.push({ name, start: i, end: i + name.length });
      i = s.indexOf(name, i + name.length);
    }
  }
  hits.sort((a, b) => a.start - b.start);
  return hits;
}

function isWordChar(c: string): boolean {
  return c !== '' && /[A-Za-z0-9_]/.test(c);
}

/** The parts of an absolute URL, a protocol-relative URL, a relative path, or a bare `host[:port][/path]`. */
export interface UrlParts {
  /** Scheme without `://`, e.g. `https`; absent when none was written. */
  scheme?: string;
  /** Host as written ('' for a relative path). IPv6 keeps its brackets. */
  host: string;
  hostStart: number;
  hostEnd: number;
  /** Port text after `:`, when written. */
  port?: string;
  portStart?: number;
  /** User info before `@`, when written. */
  userInfo?: string;
  /** Path, query and fragment together, from the first `/`, `?` or `#` after the authority. */
  rest: string;
  restStart: number;
  /** Only the path part of `rest` (before `?` or `#`). */
  path: string;
  /** True for a path without a host (`/desktop/...`). */
  relative: boolean;
}

/** `[A-Za-z]`, on a character code. */
function isSchemeStart(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}
/** `[A-Za-z0-9+.-]`, on a character code. */
function isSchemeChar(c: number): boolean {
  return isSchemeStart(c) || (c >= 48 && c <= 57) || c === 43 || c === 46 || c === 45;
}

/** Splits a URL-ish string. `start`/`end` bound the part to read (default: the whole string). */
export function splitUrl(s: string, start = 0, end = s.length): UrlParts {
  let i = start;
  let scheme: string | undefined;
  // scheme "://"
  if (i < end && isSchemeStart(s.charCodeAt(i))) {
    let j = i + 1;
    while (j < end && isSchemeChar(s.charCodeAt(j))) j++;
    if (s.startsWith('://', j) && j + 3 <= end) {
      scheme = s.slice(i, j);
      i = j + 3;
    }
  }
  let relative = false;
  if (scheme === undefined) {
    if (s.startsWith('//', i)) i += 2;
    else if (s[i] === '/' || s[i] === '?' || s[i] === '#') relative = true;
  }
  let authEnd = i;
  if (!relative) {
    while (authEnd < end && s[authEnd] !== '/' && s[authEnd] !== '?' && s[authEnd] !== '#' && s[authEnd] !== '\\') authEnd++;
  }
  let hostStart = i;
  let userInfo: string | undefined;
  const at = s.lastIndexOf('@', authEnd - 1);
  if (at >= i && at < authEnd) {
    userInfo = s.slice(i, at);
    hostStart = at + 1;
  }
  let hostEnd = authEnd;
  let port: string | undefined;
  let portStart: number | undefined;
  if (s[hostStart] === '[') {
    const close = s.indexOf(']', hostStart);
    if (close >= 0 && close < authEnd) {
      hostEnd = close + 1;
      if (s[hostEnd] === ':') {
        port = s.slice(hostEnd + 1, authEnd);
        portStart = hostEnd + 1;
      }
    }
  } else {
    const first = s.indexOf(':', hostStart);
    if (first >= 0 && first < authEnd) {
      const second = s.indexOf(':', first + 1);
      if (second < 0 || second >= authEnd) {
        hostEnd = first;
        port = s.slice(first + 1, authEnd);
        portStart = first + 1;
      }
      // Two or more colons without brackets: a bare IPv6 literal, all host.
    }
  }
  const rest = s.slice(authEnd, end);
  let pathEnd = rest.length;
  for (let k = 0; k < rest.length; k++) {
    if (rest[k] === '?' || rest[k] === '#') {
      pathEnd = k;
      break;
    }
  }
  // Plain assignments in the order the fields were always written (conditional spreads take a slow path in V8).
  const parts = {} as UrlParts;
  if (scheme !== undefined) parts.scheme = scheme;
  parts.host = s.slice(hostStart, hostEnd);
  parts.hostStart = hostStart;
  parts.hostEnd = hostEnd;
  if (port !== undefined) {
    parts.port = port;
    parts.portStart = portStart;
  }
  if (userInfo !== undefined) parts.userInfo = userInfo;
  parts.rest = rest;
  parts.restStart = authEnd;
  parts.path = rest.slice(0, pathEnd);
  parts.relative = relative;
  return parts;
}

/** Finesse's rule for tab ids: `[a-zA-Z]([-_:.a-zA-Z0-9])*`. */
export function isValidTabId(id: string): boolean {
  return /^[A-Za-z][-_:.A-Za-z0-9]*$/.test(id);
}

export type GadgetKind = 'ece-agent' | 'ece-other' | 'solve' | 'cobrowse' | 'finesse' | 'third-party' | 'other';

export interface GadgetUrlInfo {
  parts: UrlParts;
  kind: GadgetKind;
  /** Short human name of the gadget, e.g. "ECE agent gadget". */
  label: string;
  /** One or two sentences about what the gadget is, for hovers. */
  description: string;
  placeholders: PlaceholderHit[];
}

/**
 * Analyses a gadget URL (already stripped of whitespace by the caller if it wants to).
 * Classification is by path, case-insensitive (IIS paths are case-insensitive).
 */
export function analyzeGadgetUrl(url: string): GadgetUrlInfo {
  const parts = splitUrl(url);
  const path = parts.path.toLowerCase();
  const placeholders = findPlaceholders(url);
  const lastSegment = path.slice(path.lastIndexOf('/') + 1);
  let kind: GadgetKind;
  if (path.endsWith(ECE_AGENT_GADGET_PATH)) kind = 'ece-agent';
  else if (path.includes(ECE_GADGET_FOLDER)) kind = 'ece-other';
  else if (lastSegment.includes('cobrowse') || path.includes('/cobrowse/')) kind = 'cobrowse';
  else if (lastSegment.includes('solve') || path.includes('/solve/')) kind = 'solve';
  else if (parts.relative && path.startsWith('/3rdpartygadget/')) kind = 'third-party';
  else if (parts.relative && path.startsWith('/desktop/')) kind = 'finesse';
  else kind = 'other';
  const { label, description } = describe(kind, parts);
  return { parts, kind, label, description, placeholders };
}

function describe(kind: GadgetKind, parts: UrlParts): { label: string; description: string } {
  switch (kind) {
    case 'ece-agent':
      return {
        label: 'ECE agent gadget',
        description:
          'The Enterprise Chat and Email agent console inside the Finesse desktop. The browser loads it from this host, so in a load-balanced install it must name the load balancer.',
      };
    case 'ece-other':
      return { label: 'ECE gadget file', description: 'A gadget file served by the ECE web server.' };
    case 'solve':
      return {
        label: 'eGain Solve gadget',
        description: "The eGain Solve for Cisco gadget, served by Solve's web application under its context root.",
      };
    case 'cobrowse':
      return {
        label: 'Cobrowse gadget',
        description: "The eGain Cobrowse gadget, served by Solve's web application under its context root.",
      };
    case 'finesse':
      return { label: 'Finesse built-in gadget', description: 'A gadget that Finesse itself serves (relative path on the Finesse server).' };
    case 'third-party':
      return {
        label: 'Third-party gadget on Finesse',
        description: 'A gadget uploaded to the Finesse server through the 3rdpartygadget account.',
      };
    default:
      return {
        label: parts.relative ? 'Gadget on the Finesse server' : 'External gadget',
        description: parts.relative
          ? 'A gadget loaded from the Finesse server itself.'
          : 'A gadget loaded from another web server.',
      };
  }
}
