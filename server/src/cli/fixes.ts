/**
 * `--fix` and `--fix-dry-run`: the safe fixes applied pass by pass (overlapping fixes wait for the next pass, as
 * `source.fixAll.ece` does), with a record of every change (rule, position, the line before and after, secrets
 * masked) and a unified diff of the whole file with secrets masked.
 */
import { FILE_HEADERS_ONLY, formatPatch, structuredPatch } from 'diff';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { EceLanguageService, Finding } from '../service/core/engine';
import type { Settings } from '../service/core/settings';
import { applyEdits, lineStartOf, mergeEditGroups } from '../service/core/text';
import type { FixProposal, KindId, OffsetEdit } from '../service/core/types';
import { maskSecrets, maskWindow, secretSpans, type Span } from './secrets';

export interface FixChange {
  ruleId: string;
  /** 1-based, in the text as it was before this change's pass (columns as editors count them: no BOM). */
  line: number;
  column: number;
  /** The changed line(s) before and after this one fix, long lines cut around the change; secrets are `••••`. */
  before: string;
  after: string;
}

export interface FixOutcome {
  text: string;
  changes: FixChange[];
}

/** Passes before giving up on fixes that keep overlapping (a handful settle any real file). */
const MAX_PASSES = 5;
/** Characters kept on each side of a change when its line is long. */
const CONTEXT = 40;
const LONG_LINE = 120;

/** The fix `--fix` applies for a finding: its first safe one, as `fixAllEdits` picks (none when it edits nothing). */
export function safeFixOf(f: Finding): FixProposal | undefined {
  const safe = f.fixes.find((x) => x.safe);
  return safe && safe.edits.length ? safe : undefined;
}

function safeFixGroups(service: EceLanguageService, doc: TextDocument, settings: Settings): Array<{ ruleId: string; edits: OffsetEdit[] }> {
  const groups: Array<{ ruleId: string; edits: OffsetEdit[] }> = [];
  for (const f of service.analyze(doc, settings)?.findings ?? []) {
    const safe = safeFixOf(f);
    if (safe) groups.push({ ruleId: f.ruleId, edits: safe.edits });
  }
  return groups;
}

export function applySafeFixes(service: EceLanguageService, uri: string, kind: KindId, original: string, settings: Settings): FixOutcome {
  let text = original;
  const changes: FixChange[] = [];
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const doc = TextDocument.create(uri, kind, pass + 1, text);
    const groups = safeFixGroups(service, doc, settings);
    const merged = mergeEditGroups(groups.map((g) => g.edits));
    if (merged.length === 0) break;
    const accepted = new Set(merged);
    const spans = secretSpans(text);
    // The service's own mask (the file's secret values, decided by meaning) on top of the password positions.
    const mask = service.maskFor(doc, settings);
    for (const g of groups) {
      // Findings may share one fix (one edit for several problems of a value): it is reported once.
      if (!g.edits.every((e) => accepted.has(e))) continue;
      for (const e of g.edits) accepted.delete(e);
      const c = describe(text, doc, g, spans);
      changes.push({ ...c, before: mask(c.before), after: mask(c.after) });
    }
    text = applyEdits(text, merged);
  }
  service.forget(uri);
  return { text, changes };
}

function lineEnd(text: string, o: number): number {
  let i = o;
  while (i < text.length && text[i] !== '\n' && text[i] !== '\r') i++;
  return i;
}

/**
 * Offset in the text after `edits` (sorted, non-overlapping) of offset `o` of the text before. Text inserted exactly
 * at `o` falls inside the range that `o` bounds: after a start (`side` 'start'), before an end ('end').
 */
function mapOffset(edits: readonly OffsetEdit[], o: number, side: 'start' | 'end'): number {
  let shift = 0;
  for (const e of edits) {
    const insertionHere = e.start === e.end && e.start === o;
    if (e.end < o || (e.end === o && (!insertionHere || side === 'end'))) shift += e.newText.length - (e.end - e.start);
    else if (e.start < o) return e.start + shift + e.newText.length;
  }
  return o + shift;
}

function describe(text: string, doc: TextDocument, g: { ruleId: string; edits: OffsetEdit[] }, spans: readonly Span[]): FixChange {
  const edits = [...g.edits].sort((a, b) => a.start - b.start);
  const start = edits[0]!.start;
  let end = start;
  for (const e of edits) if (e.end > end) end = e.end; // (no spread: a fix may hold 150,000 edits)
  const ws = lineStartOf(text, start);
  const we = lineEnd(text, end);
  const local = edits.map((e) => ({ start: e.start - ws, end: e.end - ws, newText: e.newText }));
  const beforeLines = text.slice(ws, we);
  const afterLines = applyEdits(beforeLines, local);
  // Secrets of the lines after the change: those found in them, and those carried over from the text before.
  const localSpans = spans.filter(([s, e]) => e > ws && s < we).map(([s, e]): Span => [Math.max(s, ws) - ws, Math.min(e, we) - ws]);
  const afterSpans = [...secretSpans(afterLines), ...localSpans.map(([s, e]): Span => [mapOffset(local, s, 'start'), mapOffset(local, e, 'end')])].sort((a, b) => a[0] - b[0]);
  let cs = 0;
  let ce = beforeLines.length;
  if (beforeLines.length > LONG_LINE) {
    cs = Math.max(0, start - ws - CONTEXT);
    ce = Math.min(beforeLines.length, end - ws + CONTEXT);
  }
  const before = maskWindow(beforeLines, localSpans, cs, ce);
  const after = maskWindow(afterLines, afterSpans, mapOffset(local, cs, 'start'), mapOffset(local, ce, 'end'));
  const pos = doc.positionAt(start);
  const bom = text.charCodeAt(0) === 0xfeff && pos.line === 0 ? 1 : 0;
  const [b, a] = trimCommonIndent(before, after);
  return { ruleId: g.ruleId, line: pos.line + 1, column: pos.character + 1 - bom, before: show(b, cs > 0, ce < beforeLines.length), after: show(a, cs > 0, ce < beforeLines.length) };
}

function trimCommonIndent(a: string, b: string): [string, string] {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i] && (a[i] === ' ' || a[i] === '\t' || a[i] === '\uFEFF')) i++;
  return [a.slice(i), b.slice(i)];
}

/** One line for the report: line breaks as ↵, cut ends as …. */
function show(s: string, cutStart: boolean, cutEnd: boolean): string {
  return `${cutStart ? '…' : ''}${s.replace(/\r\n|\r|\n/g, '↵')}${cutEnd ? '…' : ''}`;
}

/** A unified diff (3 lines of context) of the file before and after, secrets masked; '' when nothing changed. */
export function unifiedDiff(file: string, before: string, after: string, mask: (t: string) => string = (t) => t): string {
  if (before === after) return '';
  const strip = (t: string) => mask(maskSecrets(t)).replace(/^\uFEFF/, '');
  const name = file.replace(/\\/g, '/');
  const patch = structuredPatch(`a/${name}`, `b/${name}`, strip(before), strip(after), undefined, undefined, { context: 3, stripTrailingCr: true });
  const text = formatPatch(patch, FILE_HEADERS_ONLY);
  // Every change inside a masked value: the masked texts are equal, so say so instead of an empty diff.
  return patch.hunks.length ? text : `${text}# every change is inside a masked value (a password): see the list of changes\n`;
}
