import type { FixProposal, Rule } from '../../../core/types';
import type { BatchAssignment, BatchRef } from '../../../parse/batch';
import { holdsPath, type BatchFileModel } from '../model';
import { lineLabel } from './util';

/** Characters that make an unquoted use of the value split or misbehave once the quotes are gone. */
const NEEDS_QUOTES = /[ \t&|<>^(),;=]/;

/**
 * `batch/quoted-path-value`: `SET JAVA_HOME="C:\Program Files\Java\jdk"` keeps the quotes in the value, so a use in
 * quotes (`"%JAVA_HOME%\bin\java"`) gets doubled quotes and splits at the blank. Reported when the file uses the
 * variable inside quotes (warning) or not at all (information: whatever reads it gets the quotes); silent when every
 * use in the file is unquoted, since there the quotes are what keeps the path whole.
 */
export const quotedPathValue: Rule<BatchFileModel> = {
  id: 'batch/quoted-path-value',
  defaultSeverity: 'warning',
  description: 'A path set as SET NAME="..." keeps its quotes, so "%NAME%\\..." gets doubled quotes.',
  check(model, ctx) {
    let byKey: Map<string, BatchRef[]> | undefined;
    for (const a of model.parsed.assignments) {
      if (a.kind !== 'plain' || a.form !== 'plain' || !a.runs || a.uncertain || a.value === undefined) continue;
      if (!a.value.includes('"') || !holdsPath(a)) continue;
      byKey ??= groupByKey(model.parsed.references);
      const uses = (byKey.get(a.key) ?? []).filter((r) => r.start < a.setStart || r.start >= a.end);
      const quoted = uses.filter((r) => r.quoted);
      if (uses.length && !quoted.length) continue;
      const name = a.name.trim();
      const fix = quoteFix(model, a, uses);
      let message: string;
      if (quoted.length) {
        const q = quoted[0]!;
        const shown = usageText(model, q);
        const expanded = shown === undefined ? undefined : shown.split(model.text.slice(q.start, q.end)).join(a.value);
        message = `The quotes are part of ${name}'s value, and ${lineLabel(model, q.start)} uses ${shown ?? `%${q.name}%`} inside quotes` +
          (expanded !== undefined ? `, which cmd.exe turns into ${expanded}: the quotes no longer pair up and the path splits at its first blank.` : ', so the path gets doubled quotes.');
      } else {
        message = `The quotes are part of ${name}'s value: cmd.exe sets it to ${a.value}, quotes included, and a path built from it ("%${name}%\\bin") gets doubled quotes.`;
      }
      if (!fix && uses.some((r) => !r.quoted)) message += ` Other lines use %${name}% without quotes and need quotes of their own first.`;
      ctx.report({ start: a.valueStart, end: a.valueEnd, message, ...(quoted.length ? {} : { severity: 'information' as const }), fixes: fix ? [fix] : [] });
    }
  },
};

function groupByKey(refs: readonly BatchRef[]): Map<string, BatchRef[]> {
  const out = new Map<string, BatchRef[]>();
  for (const r of refs) {
    if (r.kind === 'argument') continue;
    const list = out.get(r.key);
    if (list) list.push(r);
    else out.set(r.key, [r]);
  }
  return out;
}

/** The quoted string holding a use, as written (`"%JAVA_HOME%\bin\java"`), when short enough to show. */
function usageText(model: BatchFileModel, r: BatchRef): string | undefined {
  if (r.quoteStart === undefined || r.quoteEnd === undefined || r.quoteEnd - r.quoteStart > 120) return undefined;
  const s = model.text.slice(r.quoteStart, r.quoteEnd);
  return /[\r\n]/.test(s) ? undefined : s;
}

/**
 * `SET NAME="value"` → `SET "NAME=value"`: a quote inserted before the name and the one after `=` removed; the closing
 * quote stays and now ends the assignment (blanks after it are ignored by cmd.exe). Only when the value is one quoted
 * string (optionally followed by blanks) written as is, the name has no special characters, and removing the quotes
 * cannot split an unquoted use of the variable.
 */
function quoteFix(model: BatchFileModel, a: BatchAssignment, uses: BatchRef[]): FixProposal | undefined {
  const m = /^"([^"]*)"[ \t]*$/.exec(a.value ?? '');
  if (!m) return undefined;
  const text = model.text;
  if (text[a.valueStart] !== '"' || text.slice(a.nameStart, a.nameEnd) !== a.name || /[\s"^&|<>%!()]/.test(a.name)) return undefined;
  if (text.slice(a.valueStart, a.valueEnd) !== a.value) return undefined;
  if (NEEDS_QUOTES.test(m[1]!) && uses.some((r) => !r.quoted)) return undefined;
  return {
    title: `Write it as SET "${a.name}=${m[1]}" (quotes around the whole assignment)`,
    edits: [
      { start: a.nameStart, end: a.nameStart, newText: '"' },
      { start: a.valueStart, end: a.valueStart + 1, newText: '' },
    ],
    safe: false,
    preferred: true,
  };
}
