/**
 * One text through the language service as an editor drives it (diagnostics, code actions per diagnostic and for all,
 * `source.fixAll.ece`, hovers and completions at several offsets, symbols), checking what must hold for any input:
 * nothing throws, no rule or feature logs a failure, every range is a real position of the text, every edit lies
 * inside the text, edits of one change do not overlap, never start or end between the two characters of a CRLF or of
 * a surrogate pair, and the LSP form of a change (positions) does exactly what its raw form (offsets) does. Every text
 * the service gives out is collected, for the password checks.
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, CompletionItem, Diagnostic, DocumentSymbol, Position, Range, TextEdit } from 'vscode-languageserver-types';
import type { EceLanguageService, Finding } from '../../../server/src/service/core/engine';
import type { Settings } from '../../../server/src/service/core/settings';
import { applyEdits } from '../../../server/src/service/core/text';
import type { OffsetEdit } from '../../../server/src/service/core/types';
import { int, type Rnd } from './mutate';

export type ProblemKind = 'crash' | 'bytes' | 'leak';

export interface Problem {
  kind: ProblemKind;
  detail: string;
}

export interface ExerciseOptions {
  service: EceLanguageService;
  /** The array the service's `log` writes to (its new lines are checked). */
  logs: string[];
  uri: string;
  text: string;
  settings: Settings;
  rnd: Rnd;
  /** Random hover and completion offsets, on top of 0, the end and the ends of a few findings. */
  hovers: number;
  /** How many diagnostics get a code-action request of their own (besides one request for all of them). */
  actionsPerDiagnostic: number;
  version?: number;
}

export interface Exercised {
  doc: TextDocument;
  problems: Problem[];
  /** Every text the service gave out (messages, titles, hovers, symbols, completions) and every log line. */
  outgoing: string[];
  diagnostics: Diagnostic[];
  findings: Finding[];
  /** Every distinct code action (by title) of all requests, `source.fixAll.ece` included. */
  actions: CodeAction[];
}

const isHigh = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number) => c >= 0xdc00 && c <= 0xdfff;

/** Why an offset cannot bound an edit of `text`: outside it, or between the halves of a CRLF or a surrogate pair. */
function badBoundary(text: string, o: number): string | undefined {
  if (!Number.isInteger(o) || o < 0 || o > text.length) return `offset ${o} outside the text (length ${text.length})`;
  if (o > 0 && o < text.length) {
    if (text.charCodeAt(o - 1) === 13 && text.charCodeAt(o) === 10) return `offset ${o} splits a CRLF`;
    if (isHigh(text.charCodeAt(o - 1)) && isLow(text.charCodeAt(o))) return `offset ${o} splits a surrogate pair`;
  }
  return undefined;
}

/** Problems of a set of raw edits meant to be applied together. */
export function editProblems(text: string, edits: readonly OffsetEdit[], label: string): Problem[] {
  const out: Problem[] = [];
  for (const e of edits) {
    if (typeof e.newText !== 'string') out.push({ kind: 'bytes', detail: `${label}: an edit without newText` });
    const why = badBoundary(text, e.start) ?? badBoundary(text, e.end) ?? (e.end < e.start ? `end ${e.end} before start ${e.start}` : undefined);
    if (why) out.push({ kind: 'bytes', detail: `${label}: ${why} (${JSON.stringify(e)})` });
  }
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  for (let i = 1; i < sorted.length; i++) {
    const a = sorted[i - 1]!;
    const b = sorted[i]!;
    if (b.start < a.end) out.push({ kind: 'bytes', detail: `${label}: edits overlap: ${JSON.stringify(a)} and ${JSON.stringify(b)}` });
  }
  return out;
}

const samePos = (a: Position, b: Position) => a.line === b.line && a.character === b.character;
const before = (a: Position, b: Position) => a.line < b.line || (a.line === b.line && a.character <= b.character);

/** Why an LSP range is not a real range of the document (a position that does not name an offset, or start after end). */
export function badRange(doc: TextDocument, r: Range | undefined): string | undefined {
  if (!r || !r.start || !r.end) return 'no range';
  for (const p of [r.start, r.end]) {
    if (!Number.isInteger(p.line) || !Number.isInteger(p.character) || p.line < 0 || p.character < 0) return `bad position ${JSON.stringify(p)}`;
    if (!samePos(doc.positionAt(doc.offsetAt(p)), p)) return `position ${JSON.stringify(p)} names no offset of the text`;
  }
  if (!before(r.start, r.end)) return `range ends before it starts: ${JSON.stringify(r)}`;
  return undefined;
}

const contains = (outer: Range, inner: Range) => before(outer.start, inner.start) && before(inner.end, outer.end);

/** The edits of one code action on this document, with problems of their shape. */
export function actionEdits(doc: TextDocument, a: CodeAction, problems: Problem[]): TextEdit[] {
  const label = `code action "${a.title}"`;
  if (!a.edit) return [];
  const out: TextEdit[] = [];
  if (a.edit.changes) problems.push({ kind: 'bytes', detail: `${label}: unversioned "changes" instead of documentChanges` });
  for (const ch of a.edit.documentChanges ?? []) {
    if (!('edits' in ch)) {
      problems.push({ kind: 'bytes', detail: `${label}: a resource operation` });
      continue;
    }
    if (ch.textDocument.uri !== doc.uri || ch.textDocument.version !== doc.version) {
      problems.push({ kind: 'bytes', detail: `${label}: edits for ${ch.textDocument.uri}@${String(ch.textDocument.version)}, not ${doc.uri}@${doc.version}` });
    }
    for (const e of ch.edits as TextEdit[]) {
      const why = badRange(doc, e.range);
      if (why) problems.push({ kind: 'bytes', detail: `${label}: ${why}` });
      out.push(e);
    }
  }
  const raw = out.map((e) => ({ start: doc.offsetAt(e.range.start), end: doc.offsetAt(e.range.end), newText: e.newText }));
  problems.push(...editProblems(doc.getText(), raw, label));
  return out;
}

/** The text after a code action's edits (as the editor applies them), or undefined when they cannot be applied. */
export function applyAction(doc: TextDocument, edits: TextEdit[], problems: Problem[], label: string): string | undefined {
  try {
    const lsp = TextDocument.applyEdits(doc, edits);
    const raw = applyEdits(doc.getText(), edits.map((e) => ({ start: doc.offsetAt(e.range.start), end: doc.offsetAt(e.range.end), newText: e.newText })));
    if (lsp !== raw) problems.push({ kind: 'bytes', detail: `${label}: the editor's reading of the edits differs from their offsets` });
    return lsp;
  } catch (e) {
    problems.push({ kind: 'bytes', detail: `${label}: the editor cannot apply the edits: ${String(e)}` });
    return undefined;
  }
}

function symbolProblems(doc: TextDocument, list: DocumentSymbol[], out: string[], problems: Problem[]): void {
  for (const s of list) {
    if (typeof s.name !== 'string' || s.name.length === 0) problems.push({ kind: 'crash', detail: `symbol with an empty name (VS Code refuses the whole outline): ${JSON.stringify(s).slice(0, 200)}` });
    const r1 = badRange(doc, s.range);
    const r2 = badRange(doc, s.selectionRange);
    if (r1 || r2) problems.push({ kind: 'crash', detail: `symbol "${s.name}": ${r1 ?? r2}` });
    else if (!contains(s.range, s.selectionRange)) problems.push({ kind: 'crash', detail: `symbol "${s.name}": selectionRange outside range (VS Code refuses the outline)` });
    out.push(s.name, s.detail ?? '');
    if (s.children) symbolProblems(doc, s.children, out, problems);
  }
}

function completionTexts(doc: TextDocument, items: CompletionItem[], out: string[], problems: Problem[]): void {
  for (const c of items) {
    if (typeof c.label !== 'string' || c.label.length === 0) problems.push({ kind: 'crash', detail: 'completion item without a label' });
    out.push(c.label, c.detail ?? '', typeof c.documentation === 'string' ? c.documentation : (c.documentation?.value ?? ''), c.insertText ?? '');
    const te = c.textEdit;
    if (te) {
      const r = 'range' in te ? te.range : te.insert;
      const why = badRange(doc, r);
      if (why) problems.push({ kind: 'crash', detail: `completion "${c.label}": ${why}` });
      out.push(te.newText);
    }
  }
}

/** Runs `fn`, turning a throw into a crash problem. */
async function guarded<T>(problems: Problem[], what: string, fn: () => T | Promise<T>): Promise<T | undefined> {
  try {
    return await fn();
  } catch (e) {
    problems.push({ kind: 'crash', detail: `${what} threw: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}` });
    return undefined;
  }
}

export async function exercise(o: ExerciseOptions): Promise<Exercised> {
  const { service, settings, text } = o;
  const problems: Problem[] = [];
  const outgoing: string[] = [];
  const logStart = o.logs.length;
  const doc = TextDocument.create(o.uri, 'plaintext', o.version ?? 1, text);
  const diagnostics = (await guarded(problems, 'diagnostics', () => service.diagnostics(doc, settings))) ?? [];
  const findings = (await guarded(problems, 'analyze', () => service.analyze(doc, settings)?.findings ?? [])) ?? [];
  for (const d of diagnostics) {
    const why = badRange(doc, d.range);
    if (why) problems.push({ kind: 'crash', detail: `diagnostic ${String(d.code)}: ${why}` });
    if (typeof d.message !== 'string' || d.message.length === 0) problems.push({ kind: 'crash', detail: `diagnostic ${String(d.code)} without a message` });
    outgoing.push(d.message);
    for (const r of d.relatedInformation ?? []) {
      const w = badRange(doc, r.location.range);
      if (w) problems.push({ kind: 'crash', detail: `related information of ${String(d.code)}: ${w}` });
      outgoing.push(r.message);
    }
  }
  for (const f of findings) {
    for (const fix of f.fixes) {
      outgoing.push(fix.title);
      problems.push(...editProblems(text, fix.edits, `fix "${fix.title}" of ${f.ruleId}`));
    }
  }

  // Code actions: one request for all diagnostics (every rule's actions), then some diagnostics one by one.
  const actions = new Map<string, CodeAction>();
  const collect = (list: CodeAction[] | undefined) => {
    for (const a of list ?? []) {
      outgoing.push(a.title);
      if (!actions.has(a.title)) actions.set(a.title, a);
    }
  };
  const whole = { start: { line: 0, character: 0 }, end: doc.positionAt(text.length) };
  if (diagnostics.length) collect(await guarded(problems, 'codeActions(all)', () => service.codeActions(doc, whole, diagnostics, undefined, settings)));
  const order = diagnostics.map((_, i) => i);
  for (let i = order.length - 1; i > 0; i--) {
    const j = int(o.rnd, 0, i);
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  for (const i of order.slice(0, o.actionsPerDiagnostic)) {
    const d = diagnostics[i]!;
    collect(await guarded(problems, `codeActions(${String(d.code)})`, () => service.codeActions(doc, d.range, [d], ['quickfix'], settings)));
    // As VS Code takes them: the costly actions listed without edits, each resolved (as sent back over the wire).
    const lazy = await guarded(problems, `codeActions(${String(d.code)}, resolveEdits)`, () =>
      service.codeActions(doc, d.range, [d], ['quickfix'], settings, { resolveEdits: true }),
    );
    for (const a of lazy ?? []) {
      outgoing.push(a.title);
      const r = await guarded(problems, `resolve "${a.title}"`, () => service.resolveCodeAction(doc, JSON.parse(JSON.stringify(a)) as CodeAction, settings));
      if (!r) continue;
      if (r.refused) outgoing.push(r.refused);
      if (r.action.edit) actionEdits(doc, r.action, problems);
      else if (!a.command && !r.refused) problems.push({ kind: 'crash', detail: `resolve of "${a.title}" gave neither an edit nor a reason` });
    }
  }
  collect(await guarded(problems, 'codeActions(source.fixAll.ece)', () => service.codeActions(doc, { start: whole.start, end: whole.start }, [], ['source.fixAll.ece'], settings)));
  for (const a of actions.values()) actionEdits(doc, a, problems);

  // Hovers and completions: the ends of the text, the ends of some findings, random offsets.
  const offsets = new Set<number>([0, text.length]);
  for (const f of findings.slice(0, 6)) {
    offsets.add(f.start);
    offsets.add(Math.min(text.length, f.start + 1));
    offsets.add(f.end);
  }
  for (let k = 0; k < o.hovers; k++) offsets.add(int(o.rnd, 0, text.length));
  for (const off of offsets) {
    const p = doc.positionAt(off);
    const h = await guarded(problems, `hover@${off}`, () => service.hover(doc, p, settings));
    if (h) {
      if (h.range) {
        const why = badRange(doc, h.range);
        if (why) problems.push({ kind: 'crash', detail: `hover@${off}: ${why}` });
      }
      const c = h.contents;
      outgoing.push(typeof c === 'string' ? c : Array.isArray(c) ? c.map((x) => (typeof x === 'string' ? x : x.value)).join('\n') : c.value);
    }
    completionTexts(doc, (await guarded(problems, `completions@${off}`, () => service.completions(doc, p, settings))) ?? [], outgoing, problems);
  }
  symbolProblems(doc, (await guarded(problems, 'symbols', () => service.symbols(doc, settings))) ?? [], outgoing, problems);

  for (const line of o.logs.slice(logStart)) {
    outgoing.push(line);
    if (/\bfailed\b/i.test(line)) problems.push({ kind: 'crash', detail: `log: ${line.slice(0, 1500)}` });
  }
  return { doc, problems, outgoing, diagnostics, findings, actions: [...actions.values()] };
}
