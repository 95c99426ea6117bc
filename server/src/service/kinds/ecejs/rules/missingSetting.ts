import { lineStartOf } from '../../../core/text';
import type { FixProposal, Rule } from '../../../core/types';
import type { JsBinding } from '../../../parse/javascript';
import { bindingsOf, PROTOCOL, quoteString, SERVER_NAME, type EceJsModel, type SettingName } from '../model';

/** `ecejs/missing-setting`: `web_server_protocol` or `web_server_name` is not set anywhere in the file. */
export const missingSetting: Rule<EceJsModel> = {
  id: 'ecejs/missing-setting',
  defaultSeverity: 'error',
  description: 'web_server_protocol or web_server_name is not declared in the gadget config script.',
  check(model, ctx) {
    // When the file does not parse, a declaration may hide after the error: stay silent.
    if (!model.js.ok) return;
    const { start, end } = firstLineRange(model.text);
    for (const name of [PROTOCOL, SERVER_NAME] as const) {
      if (bindingsOf(model, name).length > 0) continue;
      // The guides only ask for web_server_name in spog_config.js: do not demand the protocol there.
      if (name === PROTOCOL && model.spog) continue;
      const value = name === PROTOCOL ? 'https' : ctx.settings.loadBalancerHost.trim();
      const what =
        name === PROTOCOL
          ? 'the protocol the gadget uses to reach ECE ("https")'
          : 'the fully qualified host name of the ECE web server (the load balancer in a load-balanced install)';
      ctx.report({
        start,
        end,
        message: `${name} is not set in this file. The ECE gadget reads ${what} from it; without it the gadget cannot load.`,
        fixes: [insertDeclaration(model, name, value)],
      });
    }
  },
};

function firstLineRange(text: string): { start: number; end: number } {
  const start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let end = start;
  while (end < text.length && text[end] !== '\n' && text[end] !== '\r') end++;
  return { start, end };
}

/** Offset just after the line break that ends the line holding `offset`, or -1 at the end of the text. */
function nextLineStart(text: string, offset: number): number {
  let i = offset;
  while (i < text.length && text[i] !== '\n' && text[i] !== '\r') i++;
  if (i >= text.length) return -1;
  return text[i] === '\r' && text[i + 1] === '\n' ? i + 2 : i + 1;
}

function indentBefore(text: string, offset: number): string {
  const ls = lineStartOf(text, offset);
  const lead = text.slice(ls, offset);
  return /^[ \t]*$/.test(lead) ? lead : '';
}

function declaration(model: EceJsModel, name: SettingName, value: string): string {
  return `${model.keyword} ${name} = ${quoteString(value, model.quote)}${model.semicolon ? ';' : ''}`;
}

/**
 * Inserts the declaration next to its sibling setting when there is one (the protocol goes before
 * the name, the name after the protocol), otherwise before the first statement; in the file's own
 * line breaks, indentation, quotes, keyword and semicolon style.
 */
function insertDeclaration(model: EceJsModel, name: SettingName, value: string): FixProposal {
  const text = model.text;
  const eol = model.eol;
  const other = name === PROTOCOL ? SERVER_NAME : PROTOCOL;
  const sibling: JsBinding | undefined = bindingsOf(model, other).find((b) => b.topLevel);
  const decl = declaration(model, name, value);
  let offset: number;
  let newText: string;
  if (sibling && name === SERVER_NAME) {
    const indent = indentBefore(text, sibling.statementStart);
    const next = nextLineStart(text, sibling.statementEnd);
    if (next < 0) {
      offset = text.length;
      newText = eol + indent + decl + (text.endsWith('\n') || text.endsWith('\r') ? eol : '');
    } else {
      offset = next;
      newText = indent + decl + eol;
    }
  } else if (sibling) {
    offset = lineStartOf(text, sibling.statementStart);
    newText = indentBefore(text, sibling.statementStart) + decl + eol;
  } else if (model.js.statements.length > 0) {
    const first = model.js.statements[0]!.start;
    offset = lineStartOf(text, first);
    newText = indentBefore(text, first) + decl + eol;
  } else {
    offset = text.length;
    const needsBreak = text.length > 0 && !text.endsWith('\n') && !text.endsWith('\r') && !(text.length === 1 && text.charCodeAt(0) === 0xfeff);
    newText = (needsBreak ? eol : '') + decl + eol;
  }
  return {
    title: `Insert ${decl}`,
    edits: [{ start: offset, end: offset, newText }],
    safe: false,
    preferred: true,
  };
}
