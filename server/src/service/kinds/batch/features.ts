/**
 * Hover, symbols and completions of the batch files. The hover on a SET line shows the value exactly as cmd.exe
 * will hold it (blanks and quotes made visible); a password-like variable's value is never shown.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { CompletionItemKind, SymbolKind, type CompletionItem, type DocumentSymbol } from 'vscode-languageserver-types';
import { lastStartingAtOrBefore, lineStartOf } from '../../core/text';
import type { HoverResult } from '../../core/types';
import type { BatchAssignment, BatchRef } from '../../parse/batch';
import { isSecretName, SHARED_LOCATION, type BatchFileModel } from './model';

/** Every blank shown: `·` a space, `→` a tab, `↵` a line break (a caret at the end of a line can put one in). */
function showBlanks(s: string): string {
  return s.replace(/ /g, '·').replace(/\t/g, '→').replace(/\n/g, '↵');
}

/** An inline code span that survives backticks inside. */
function code(s: string): string {
  const longest = Math.max(0, ...[...s.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad = s.startsWith('`') || s.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${s}${pad}${fence}`;
}

function assignmentAt(model: BatchFileModel, offset: number): BatchAssignment | undefined {
  const list = model.parsed.assignments;
  const found = lastStartingAtOrBefore(list, offset, (a) => a.setStart);
  // `SET /A a=1, b=2` gives several assignments of one command: the one whose name is under the cursor, else the first.
  if (!found || offset > found.end) return undefined;
  const same = list.filter((a) => a.setStart === found!.setStart);
  return same.find((a) => offset >= a.nameStart && offset <= a.valueEnd) ?? same[0];
}

/** Markdown telling what cmd.exe holds after the assignment. */
function describeAssignment(model: BatchFileModel, a: BatchAssignment): string {
  const lines: string[] = [];
  const name = a.name;
  lines.push(`**${showBlanks(name)}** (set on line ${a.line + 1})`);
  if (name !== name.trimEnd()) lines.push('', `The name ends in a blank: this is not the variable ${code(name.trimEnd())}.`);
  lines.push('');
  if (!a.runs) {
    lines.push('cmd.exe refuses this line (a redirection without a target, or an empty name): the variable is not set here.');
  } else if (a.kind === 'arithmetic') {
    lines.push('`SET /A`: cmd.exe computes the value from the arithmetic expression when the line runs.');
  } else if (a.kind === 'prompt') {
    lines.push('`SET /P`: the value is what the user types when the line runs.');
  } else if (isSecretName(name)) {
    lines.push(`cmd.exe holds: ${a.value === '' ? '(empty)' : '•••• (set, not shown)'}`);
  } else if (a.value === '') {
    lines.push('cmd.exe holds: (nothing: `SET name=` removes the variable)');
  } else {
    lines.push(`cmd.exe holds: ${code(showBlanks(a.value!))}`, '', '(· is a blank, → a tab: cmd.exe keeps them)');
    if (a.form === 'quoted') {
      lines.push('', '`SET "name=value"`: the quotes only delimit the assignment and are not part of the value.');
      if (a.ignoredEnd > a.ignoredStart && model.text.slice(a.ignoredStart, a.ignoredEnd).trim() !== '') {
        lines.push('', `cmd.exe ignores the text after the closing quote: ${code(model.text.slice(a.ignoredStart, a.ignoredEnd))}.`);
      }
    } else if (a.value!.includes('"')) {
      lines.push('', 'The quotes are part of the value.');
    }
    const refs = a.references.map((r) => refText(r));
    if (refs.length) lines.push('', `Expanded when the line runs: ${[...new Set(refs)].map(code).join(', ')}.`);
  }
  if (a.uncertain) lines.push('', `Not certain: ${a.uncertain}.`);
  if (a.conditional) lines.push('', 'Inside an IF, a FOR or a block: this assignment may not run (or run more than once).');
  const later = model.parsed.assignments.find((b) => b.key === a.key && b.setStart > a.setStart);
  if (later) lines.push('', `Line ${later.line + 1} sets ${name.trim()} again.`);
  if (a.key === SHARED_LOCATION) lines.push('', 'The shared file location of the ECE services: after a move to DFS, the DFS share (`\\\\server\\share\\...\\eService`), the same in egainstart.bat and egainstop.bat.');
  if (a.key === 'JAVA_HOME') lines.push('', 'The JDK folder the script runs Java from (the folder holding `bin\\java.exe`).');
  return lines.join('\n');
}

function refText(r: BatchRef): string {
  return r.kind === 'delayed' ? `!${r.name}!` : `%${r.name}${r.kind === 'argument' ? '' : '%'}`;
}

/** The reference under the cursor, if any (binary search over the file's references). */
function referenceAt(model: BatchFileModel, offset: number): BatchRef | undefined {
  const found = lastStartingAtOrBefore(model.parsed.references, offset, (r) => r.start);
  return found && offset < found.end ? found : undefined;
}

export function batchHover(model: BatchFileModel, offset: number): HoverResult | null {
  const r = referenceAt(model, offset);
  if (r && r.kind !== 'argument') {
    let last: BatchAssignment | undefined;
    for (const a of model.parsed.assignments) if (a.key === r.key && a.setStart < r.start) last = a;
    const value = last ? describeAssignment(model, last) : `**${r.key}** is not set earlier in this file: cmd.exe uses the value it had when the script started (nothing, if it was not set).`;
    return { contents: { kind: 'markdown', value }, start: r.start, end: r.end };
  }
  const a = assignmentAt(model, offset);
  if (!a) return null;
  return { contents: { kind: 'markdown', value: describeAssignment(model, a) }, start: a.nameStart, end: Math.max(a.valueEnd, a.nameEnd) };
}

export function batchSymbols(model: BatchFileModel, doc: TextDocument): DocumentSymbol[] {
  const out: DocumentSymbol[] = [];
  for (const a of model.parsed.assignments) {
    if (a.name === '') continue;
    const detail =
      a.kind === 'arithmetic' ? 'SET /A' : a.kind === 'prompt' ? 'SET /P' : isSecretName(a.name) ? (a.value === '' ? '' : '••••') : showBlanks(a.value ?? '').slice(0, 80);
    out.push({
      name: showBlanks(a.name),
      detail,
      kind: SymbolKind.Variable,
      range: { start: doc.positionAt(a.setStart), end: doc.positionAt(Math.max(a.end, a.nameEnd)) },
      selectionRange: { start: doc.positionAt(a.nameStart), end: doc.positionAt(a.nameEnd) },
    });
  }
  for (const l of model.parsed.labels) {
    out.push({
      name: `:${l.name}`,
      kind: SymbolKind.Function,
      range: { start: doc.positionAt(l.start), end: doc.positionAt(l.end) },
      selectionRange: { start: doc.positionAt(l.start), end: doc.positionAt(l.end) },
    });
  }
  return out.sort((x, y) => x.range.start.line - y.range.start.line || x.range.start.character - y.range.start.character);
}

/** The variables the guides have an admin set in each file. */
function guideNames(model: BatchFileModel): Array<{ name: string; doc: string }> {
  if (model.fileName === 'egainstart.bat' || model.fileName === 'egainstop.bat') {
    return [{ name: 'env.fs.shared.location', doc: 'The shared file location; after a move to DFS the DFS share, e.g. `\\\\egeng.info\\DFS1\\ECE\\eService`, the same in egainstart.bat and egainstop.bat.' }];
  }
  return [{ name: 'JAVA_HOME', doc: 'The JDK folder, e.g. `C:\\ECE\\jdk`, or a JDK folder shared into DFS.' }];
}

/**
 * Completions: variable names after `%` (the file's own and the guides' ones, closing `%` added), and names after
 * `SET ` (the guides' ones and those the file uses but never sets, `=` added).
 */
export function batchCompletions(model: BatchFileModel, offset: number): CompletionItem[] {
  const text = model.text;
  const ls = lineStartOf(text, offset);
  const before = text.slice(ls, offset);
  const known = new Map<string, string>();
  for (const g of guideNames(model)) known.set(g.name.toUpperCase(), g.name);
  for (const a of model.parsed.assignments) if (a.name.trim() && !known.has(a.key.trim())) known.set(a.key.trim(), a.name.trim());
  const docOf = (name: string) => guideNames(model).find((g) => g.name.toUpperCase() === name.toUpperCase())?.doc;

  const pct = /%([A-Za-z0-9_.$#@-]*)$/.exec(before);
  if (pct && (before.slice(0, pct.index).replace(/%%/g, '').split('%').length - 1) % 2 === 0) {
    return [...known.values()].map((name) => ({
      label: name,
      kind: CompletionItemKind.Variable,
      insertText: `${name}%`,
      filterText: name,
      ...(docOf(name) ? { documentation: { kind: 'markdown' as const, value: docOf(name)! } } : {}),
    }));
  }
  const set = /^[\s@]*set\s+"?([A-Za-z0-9_.$#@-]*)$/i.exec(before);
  if (set) {
    const setNames = new Set(model.parsed.assignments.map((a) => a.key.trim()));
    const names = new Map<string, string>();
    for (const g of guideNames(model)) names.set(g.name.toUpperCase(), g.name);
    for (const r of model.parsed.references) if (r.kind !== 'argument' && r.key && !setNames.has(r.key) && !names.has(r.key)) names.set(r.key, r.name.split(':')[0]!);
    return [...names.values()].map((name) => ({
      label: name,
      kind: CompletionItemKind.Variable,
      detail: 'SET name=',
      insertText: `${name}=`,
      filterText: name,
      ...(docOf(name) ? { documentation: { kind: 'markdown' as const, value: docOf(name)! } } : {}),
    }));
  }
  return [];
}
