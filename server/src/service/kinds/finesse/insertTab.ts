/**
 * The pure half of the command `ECE: Insert Finesse Gadget Tab...`: checks what the admin typed and
 * builds the `<tab>` XML for the ECE, Solve or Cobrowse gadget in the document's own indentation and
 * line endings. The client asks the questions and inserts the returned text at the cursor.
 */
import {
  COBROWSE_GADGET_FILE,
  CONTEXT_ROOT_PLACEHOLDER,
  ECE_AGENT_GADGET_PATH,
  HOST_PLACEHOLDER,
  SOLVE_GADGET_FILE,
} from '../shared/gadgetUrl';
import { isFullyQualified } from '../../core/names';
import { detectEol, isIpLiteral, lineStartOf } from '../../core/text';
import { escapeXml } from '../../parse/xml';

export type GadgetTabKind = 'ece' | 'solve' | 'cobrowse';

export interface GadgetTabOptions {
  kind: GadgetTabKind;
  /** Bare fully qualified host name (checked with `validateHost` first). */
  host: string;
  /** eGain Solve's context root, for `solve` and `cobrowse` (slashes around it are ignored). */
  contextRoot?: string;
  /** One level of indentation of the document, e.g. `"    "` or `"\t"`. */
  indent: string;
  /** The document's line ending. */
  eol: string;
  /** Indentation of the line the cursor is on: prefixed to every line but the first. */
  baseIndent: string;
}

/** Tab id, label and what the command's pick list shows, per kind. */
export const GADGET_TAB_KINDS: ReadonlyArray<{ kind: GadgetTabKind; id: string; label: string; detail: string; needsContextRoot: boolean }> = [
  { kind: 'ece', id: 'ece', label: 'ECE', detail: 'Enterprise Chat and Email agent gadget', needsContextRoot: false },
  { kind: 'solve', id: 'solve', label: 'Solve', detail: 'eGain Solve for Cisco knowledge gadget', needsContextRoot: true },
  { kind: 'cobrowse', id: 'cobrowse', label: 'Cobrowse', detail: 'eGain Cobrowse gadget', needsContextRoot: true },
];

/**
 * Checks a host name typed by the admin. Returns an error message in plain words, or undefined
 * when the host is fine. Refuses a scheme, a path, a port, an IP address, spaces, a leftover
 * placeholder and names without a domain part.
 */
export function validateHost(input: string): string | undefined {
  const host = input.trim();
  if (host === '') return 'Enter the fully qualified host name of the ECE web server or load balancer, e.g. ece.example.com.';
  if (/^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(host)) {
    return 'Enter the host name only, without "http://" or "https://": the gadget URL adds https:// itself.';
  }
  if (host.includes('/') || host.includes('\\') || host.includes('?') || host.includes('#')) {
    return 'Enter the host name only, without a path: the gadget path is added for you.';
  }
  if (/\s/.test(host)) return 'A host name cannot contain spaces.';
  if (isIpLiteral(host)) {
    return 'Enter a DNS host name, not an IP address: the web server certificate is issued for a name, so browsers refuse the gadget over an IP address.';
  }
  if (host.includes(':')) return 'Enter the host name without a port: the ECE gadget is served on the standard HTTPS port.';
  if (host.includes('@')) return 'Enter the host name only, without a user name.';
  if (host === HOST_PLACEHOLDER) return `Replace ${HOST_PLACEHOLDER} with the real host name of the web server or load balancer.`;
  if (!/^[A-Za-z0-9._-]+$/.test(host)) {
    return 'A host name may contain only letters, digits, dots, hyphens and underscores.';
  }
  if (host.startsWith('.') || host.endsWith('..') || host.includes('..')) return 'A host name cannot start with a dot or contain two dots in a row.';
  if (!isFullyQualified(host)) {
    return `Enter the fully qualified name, with its domain (e.g. ${host.toLowerCase() === 'localhost' ? 'ece' : host}.example.com): agents' browsers must be able to resolve it.`;
  }
  return undefined;
}

/** Checks eGain Solve's context root. Returns an error message, or undefined when fine. */
export function validateContextRoot(input: string): string | undefined {
  const root = input.trim().replace(/^\/+|\/+$/g, '');
  if (root === '') return "Enter eGain Solve's context root (the first part of its URL path, e.g. the name of its web application).";
  if (root === CONTEXT_ROOT_PLACEHOLDER) return `Replace ${CONTEXT_ROOT_PLACEHOLDER} with Solve's real context root.`;
  if (root.includes('://')) return 'Enter only the context root, not a whole URL.';
  if (!/^[A-Za-z0-9._~-]+(\/[A-Za-z0-9._~-]+)*$/.test(root)) {
    return 'A context root may contain only letters, digits, ".", "_", "~", "-" and "/" between parts.';
  }
  return undefined;
}

/** The gadget URL for a kind (no XML escaping needed: validated hosts and roots have no `&` or `<`). */
export function gadgetUrl(kind: GadgetTabKind, host: string, contextRoot = ''): string {
  const h = host.trim();
  const root = contextRoot.trim().replace(/^\/+|\/+$/g, '');
  switch (kind) {
    case 'ece':
      return `https://${h}${ECE_AGENT_GADGET_PATH}`;
    case 'solve':
      return `https://${h}/${root}/${SOLVE_GADGET_FILE}`;
    case 'cobrowse':
      return `https://${h}/${root}/${COBROWSE_GADGET_FILE}`;
  }
}

/**
 * The `<tab>` element for one gadget. The first line carries no indentation (the cursor already
 * sits at `baseIndent`); every following line starts with `baseIndent`. No trailing line break.
 */
export function buildGadgetTab(o: GadgetTabOptions): string {
  const meta = GADGET_TAB_KINDS.find((k) => k.kind === o.kind)!;
  const i1 = o.baseIndent + o.indent;
  const i2 = i1 + o.indent;
  const url = escapeXml(gadgetUrl(o.kind, o.host, o.contextRoot));
  return [
    '<tab>',
    `${i1}<id>${meta.id}</id>`,
    `${i1}<label>${meta.label}</label>`,
    `${i1}<gadgets>`,
    `${i2}<gadget>${url}</gadget>`,
    `${i1}</gadgets>`,
    `${o.baseIndent}</tab>`,
  ].join(o.eol);
}

/**
 * One level of indentation used by a document: a tab when lines are indented with tabs, otherwise
 * the smallest positive step in leading spaces (2 or 4 usually); `fallback` for flat documents.
 */
export function detectIndentUnit(text: string, fallback = '    '): string {
  let tabs = 0;
  let spaces = 0;
  let step = 0;
  let prev = 0;
  let lineStart = 0;
  for (let i = 0; i <= text.length; i++) {
    if (i === text.length || text[i] === '\n') {
      let j = lineStart;
      while (j < i && text[j] === ' ') j++;
      const n = j - lineStart;
      if (text[lineStart] === '\t') tabs++;
      else if (j < i && text[j] !== '\r' && n > 0) {
        spaces++;
        const d = Math.abs(n - prev);
        if (d > 0 && (step === 0 || d < step)) step = d;
      }
      if (j < i && text[j] !== '\r' && text[j] !== '\t') prev = n;
      lineStart = i + 1;
    }
  }
  if (tabs > spaces) return '\t';
  if (spaces > 0 && step > 0) return ' '.repeat(Math.min(step, 8));
  return fallback;
}

/**
 * Everything the command needs in one call: the edit that inserts the tab at `offset` of `text`,
 * in the document's own line ending and indentation. When the cursor line already holds text
 * before the cursor, the tab starts on a new line indented like that line; text after the cursor
 * moves to its own line below the tab.
 */
export function gadgetTabInsertion(
  text: string,
  offset: number,
  o: { kind: GadgetTabKind; host: string; contextRoot?: string; indent?: string },
): { start: number; end: number; newText: string } {
  const at = Math.max(0, Math.min(offset, text.length));
  const eol = detectEol(text, '\r\n');
  const ls = lineStartOf(text, at);
  let ws = ls;
  while (ws < text.length && (text[ws] === ' ' || text[ws] === '\t')) ws++;
  const lineIndent = text.slice(ls, Math.min(ws, Math.max(at, ls)));
  const before = text.slice(ls, at);
  const onlyBlankBefore = /^[ \t]*$/.test(before);
  const unit = o.indent ?? detectIndentUnit(text);
  // Right after a start tag on the same line (`<tabs>|`), the new tab is its child: one level deeper.
  const trimmed = before.trimEnd();
  const lt = trimmed.lastIndexOf('<');
  const afterStartTag =
    !onlyBlankBefore && trimmed.endsWith('>') && !trimmed.endsWith('/>') && lt >= 0 && !/^<[/!?]/.test(trimmed.slice(lt));
  const baseIndent = onlyBlankBefore ? before : text.slice(ls, ws) + (afterStartTag ? unit : '');
  let le = at;
  while (le < text.length && text[le] !== '\n' && text[le] !== '\r') le++;
  const restOfLine = text.slice(at, le);
  const tab = buildGadgetTab({
    kind: o.kind,
    host: o.host,
    ...(o.contextRoot !== undefined ? { contextRoot: o.contextRoot } : {}),
    indent: unit,
    eol,
    baseIndent,
  });
  let newText = onlyBlankBefore ? tab : eol + baseIndent + tab;
  if (restOfLine.trim() !== '') newText += eol + (onlyBlankBefore ? lineIndent : text.slice(ls, ws));
  return { start: at, end: at, newText };
}
