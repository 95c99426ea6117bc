/**
 * The "Disable RULE for this line / for this file" actions: where a suppression comment can go so that it means
 * what it says, and a check of every such edit before it is offered.
 *
 * For a line: the comment goes above the construct holding the finding (`anchors.ts`), never inside a properties
 * continuation, a multi-line start tag or a CDATA section; an `ece-disable-next-line` comment already there gets the
 * rule id added instead of a second comment (which would push the first one off its line); on the XML declaration's
 * line (nothing may precede `<?xml`) the comment goes after the declaration as `ece-disable-line`. For a file: the
 * comment goes at the top (after a byte-order mark and the XML declaration), or the id joins an `ece-disable` there.
 *
 * Every edit is then checked on the result: the file must read exactly as before (same entries, elements, values,
 * tokens; only comments differ) and the finding must now be suppressed. An edit that fails the check is not offered.
 */
import { tokenizer } from 'acorn';
import { parseProperties, type PropertiesEntry } from '../parse/properties';
import { allElements, elementText, parseXml } from '../parse/xml';
import { constructStarts } from './anchors';
import { memoized } from './memo';
import { findSuppressions, isSuppressed } from './suppression';
import { applyEdits, detectEol, indentOf, lineIndex, lineStartOf } from './text';
import type { CommentStyle, OffsetEdit } from './types';

function comment(style: CommentStyle, body: string): string {
  switch (style) {
    case 'xml':
      return `<!-- ${body} -->`;
    case 'hash':
      return `# ${body}`;
    case 'slash':
      return `// ${body}`;
    case 'rem':
      return `REM ${body}`;
  }
}

/** What the file says, leaving comments out: two texts with the same fingerprint read the same. */
export function fingerprint(text: string, style: CommentStyle): string {
  return memoized(`fingerprint:${style}`, text, (t) => readFingerprint(t, style));
}

function readFingerprint(text: string, style: CommentStyle): string {
  switch (style) {
    case 'hash': {
      const p = memoized('properties', text, parseProperties);
      const first = p.bom ? javaFirstEntry(text) : undefined;
      return JSON.stringify([p.malformedUnicode, first ? [first.key, first.value] : null, p.entries.map((e) => [e.key, e.value])]);
    }
    case 'xml': {
      const { model, problems } = memoized('xml', text, parseXml);
      const parts: string[] = [problems.map((p) => p.message).join('|')];
      for (const el of allElements(model)) {
        // The text between child elements is indentation: a comment line adds some, which changes nothing.
        const t = elementText(model, el).text;
        const own = el.children.length ? t.replace(/\s+/g, '') : t;
        parts.push(`<${el.name}`, ...el.attributes.map((a) => `${a.name}=${a.value.text}`), `>${own}`, `/${el.children.length}`);
      }
      return parts.join('\0');
    }
    case 'slash': {
      const out: string[] = [];
      try {
        for (const t of tokenizer(text, { ecmaVersion: 'latest', allowHashBang: true, allowReturnOutsideFunction: true })) {
          out.push(`${t.type.label}:${String((t as { value?: unknown }).value)}`);
        }
      } catch (e) {
        out.push(`error:${e instanceof Error ? e.message.replace(/\s*\(\d+:\d+\)$/, '') : String(e)}`);
      }
      return out.join('\0');
    }
    case 'rem':
      // Comment lines (REM, ::) do not count; every other line does, exactly.
      return text
        .split(/\r\n|\r|\n/)
        .filter((l) => !/^\s*@?(?:rem(?:\s|$)|::)/i.test(l))
        .join('\n');
  }
}

function bomLength(text: string): number {
  return text.charCodeAt(0) === 0xfeff ? 1 : 0;
}

/**
 * The first logical line of a properties text that starts with U+FEFF, as Java reads it. `Properties.load` takes the
 * mark for an ordinary character (the parser skips it; see `bomEffect`), so to Java that line is never a comment or a
 * blank line: `\uFEFF# text` is the key `\uFEFF#`, and a comment put right after the mark would be a key-value pair
 * that changes that key (or frees a key glued to the mark). Read here with the mark replaced by a plain character.
 */
function javaFirstEntry(text: string): PropertiesEntry | undefined {
  return parseProperties('\uFFFF' + text.slice(1)).entries[0];
}

/** End of `<?xml ...?>` when the text starts with it (after a BOM), on its first line. */
function xmlDeclarationEnd(text: string): number | undefined {
  const b = bomLength(text);
  if (!text.startsWith('<?xml', b)) return undefined;
  const close = text.indexOf('?>', b);
  if (close < 0) return undefined;
  const nl = text.slice(b, close).search(/[\r\n]/);
  return nl >= 0 ? undefined : close + 2;
}

/** The edit that disables `ruleId` for the finding at `offset`, or undefined when no comment can say so safely. */
export function disableLineEdit(text: string, style: CommentStyle, ruleId: string, offset: number): OffsetEdit | undefined {
  const sup = findSuppressions(text, style);
  const anchor = constructStarts(text, style, [offset])[0]!;
  const lineOf = lineIndex(text);
  const line = lineOf(anchor);
  let edit: OffsetEdit | undefined;
  const existing = sup.directives.find((d) => (d.kind === 'next-line' || d.kind === 'line') && d.line === line && !d.ids.has('*'));
  if (existing) edit = { start: existing.appendAt, end: existing.appendAt, newText: ` ${ruleId}` };
  else if (style === 'xml' && line === 0 && xmlDeclarationEnd(text) !== undefined) {
    // Nothing may come before the XML declaration: a comment after it, for its own line.
    const at = xmlDeclarationEnd(text)!;
    edit = { start: at, end: at, newText: comment(style, `ece-disable-line ${ruleId}`) };
  } else {
    const at = Math.max(lineStartOf(text, anchor), line === 0 ? bomLength(text) : 0);
    edit = { start: at, end: at, newText: `${indentOf(text, anchor)}${comment(style, `ece-disable-next-line ${ruleId}`)}${detectEol(text)}` };
  }
  return checked(text, style, edit, ruleId, offset, 'line');
}

/** The edit that disables `ruleId` for the whole file, or undefined when no comment can say so safely. */
export function disableFileEdit(text: string, style: CommentStyle, ruleId: string): OffsetEdit | undefined {
  const sup = findSuppressions(text, style);
  const existing = sup.directives.find((d) => d.kind === 'file' && !d.ids.has('*'));
  let edit: OffsetEdit;
  if (existing) edit = { start: existing.appendAt, end: existing.appendAt, newText: ` ${ruleId}` };
  else {
    const decl = style === 'xml' ? xmlDeclarationEnd(text) : undefined;
    const eol = detectEol(text);
    const line = comment(style, `ece-disable ${ruleId}`);
    if (decl !== undefined) edit = { start: decl, end: decl, newText: `${eol}${line}` };
    else if (style === 'hash' && bomLength(text)) {
      // After a byte-order mark Java reads the first line as a key (see javaFirstEntry): the comment goes below it.
      const at = javaFirstEntry(text)?.fullEnd ?? text.length;
      const broken = at > 0 && (text[at - 1] === '\n' || text[at - 1] === '\r');
      edit = { start: at, end: at, newText: broken ? `${line}${eol}` : `${eol}${line}` };
    } else edit = { start: bomLength(text), end: bomLength(text), newText: `${line}${eol}` };
  }
  return checked(text, style, edit, ruleId, 0, 'file');
}

function checked(text: string, style: CommentStyle, edit: OffsetEdit, ruleId: string, offset: number, scope: 'line' | 'file'): OffsetEdit | undefined {
  const after = applyEdits(text, [edit]);
  if (fingerprint(after, style) !== fingerprint(text, style)) return undefined;
  const sup = findSuppressions(after, style);
  if (scope === 'file') return isSuppressed(sup, ruleId, -2) ? edit : undefined;
  const moved = offset >= edit.start ? offset + edit.newText.length - (edit.end - edit.start) : offset;
  const lineOf = lineIndex(after);
  const anchor = constructStarts(after, style, [moved])[0]!;
  return isSuppressed(sup, ruleId, lineOf(moved), lineOf(anchor)) ? edit : undefined;
}
