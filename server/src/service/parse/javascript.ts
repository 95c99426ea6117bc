/**
 * A position-keeping reader for small configuration scripts (`ece_config.js`, `spog_config.js`).
 *
 * It parses with acorn (script first, module as a second chance), never throws, and reports a
 * syntax error as a `js/syntax-error` problem at acorn's exact offset. It then finds where named
 * settings are given a value: `var|let|const name = …`, `name = …`, `anything.name = …`,
 * `anything["name"] = …` and object properties `{ name: … }`. When the value is a plain string
 * (single or double quotes, or a template literal without `${}`), the exact range of the text
 * inside the quotes is kept, so fixes replace only that text.
 *
 * Offsets are UTF-16 offsets into the text exactly as given (a BOM counts as one code unit; acorn
 * treats it as white space, so offsets stay aligned).
 */
import { Parser, tokenizer, type Node, type Options, type Program, type Token } from 'acorn';
import type { SyntaxProblem } from '../core/types';

export type JsBindingForm = 'var' | 'let' | 'const' | 'assign' | 'property';

/** A string value written as a literal, with the raw range of its text inside the quotes. */
export interface JsStringValue {
  /** The value the script sees (escapes decoded). */
  value: string;
  /** The raw source text between the quotes. */
  raw: string;
  /** Offset of the first character after the opening quote. */
  start: number;
  /** Offset of the closing quote (end exclusive of the inner text). */
  end: number;
  /** Offsets of the whole literal, quotes included. */
  literalStart: number;
  literalEnd: number;
  quote: '"' | "'" | '`';
}

/** One place where a watched name gets a value (or is declared without one). */
export interface JsBinding {
  name: string;
  form: JsBindingForm;
  /** Range of the name as written (identifier, property name or computed string). */
  nameStart: number;
  nameEnd: number;
  /** Range of the assigned expression; absent for `var x;`. */
  valueStart?: number;
  valueEnd?: number;
  /** Set when the assigned expression is a plain string. */
  string?: JsStringValue;
  /** Range of the top-level statement that holds this binding (for inserting siblings). */
  statementStart: number;
  statementEnd: number;
  /** True when the binding is a direct top-level `var|let|const` statement or `name = …;` statement. */
  topLevel: boolean;
}

export interface JsTopStatement {
  start: number;
  end: number;
}

export interface JsParseResult {
  /** True when the whole text parsed. */
  ok: boolean;
  /** The AST when the text parsed. */
  program?: Program;
  /** `js/syntax-error` problems (at most one: acorn stops at the first error). */
  problems: SyntaxProblem[];
  /** Top-level statements (empty when the text did not parse). */
  statements: JsTopStatement[];
  /** Bindings of the watched names, in source order. */
  bindings: JsBinding[];
  /** Number of string literals quoted with `"` and with `'` (for matching the file's quote style). */
  quoteCounts: { double: number; single: number };
}

const BASE_OPTIONS = {
  ecmaVersion: 'latest' as const,
  allowReturnOutsideFunction: true,
  allowHashBang: true,
  allowAwaitOutsideFunction: true,
  allowImportExportEverywhere: true,
  allowReserved: true,
};

/**
 * Nesting deeper than this (nested calls of acorn's recursive parse methods) is refused with a syntax problem
 * instead of being parsed. acorn is a recursive-descent parser: a few kilobytes of nested template literals,
 * `function(){return ...}` or `if(1)` chains exhaust the native stack, and when that happens inside V8's regular
 * expression compiler the process dies with a fatal error that no `try` can catch. Real gadget scripts nest a
 * handful of levels; 1,500 calls is far below the stack's limit (measured: ~300 nested templates, ~6,000 calls,
 * already crash the default stack).
 */
export const MAX_JS_NESTING = 1500;

class TooDeep extends Error {
  constructor(readonly pos: number) {
    super('The script nests too deeply to be read safely (more than 1,500 levels)');
  }
}

/** The recursive entry points of acorn's parser: every deep recursion passes through them. */
const RECURSIVE = [
  'parseStatement', 'parseBlock', 'parseExpression', 'parseMaybeAssign', 'parseMaybeConditional', 'parseExprOps',
  'parseExprOp', 'parseMaybeUnary', 'parseExprSubscripts', 'parseSubscripts', 'parseExprAtom', 'parseTemplate',
  'parseParenAndDistinguishExpression', 'parseObj', 'parseExprList', 'parseFunctionBody', 'parseBindingAtom',
  'parseMaybeDefault', 'parseClass', 'parseNew',
] as const;

/** acorn's Parser with a depth counter around its recursive methods (internal, untyped methods: hence `any`). */
const BoundedParser = Parser.extend((Base) => {
  /* eslint-disable @typescript-eslint/no-explicit-any */
  const C: any = class extends (Base as any) {
    depth = 0;
  };
  for (const name of RECURSIVE) {
    const original = (Base as any).prototype[name];
    if (typeof original !== 'function') continue;
    C.prototype[name] = function (this: any, ...args: unknown[]) {
      if (++this.depth > MAX_JS_NESTING) throw new TooDeep(this.start as number);
      try {
        return original.apply(this, args);
      } finally {
        this.depth--;
      }
    };
  }
  return C;
  /* eslint-enable @typescript-eslint/no-explicit-any */
});

function parse(text: string, options: Options): Program {
  return BoundedParser.parse(text, options) as Program;
}

interface AcornError {
  pos?: unknown;
  message?: unknown;
}

export const JS_NESTING_TOO_DEEP = 'js/nesting-too-deep';

function errorProblem(text: string, err: unknown): SyntaxProblem {
  if (err instanceof TooDeep) {
    const at = Math.min(Math.max(0, err.pos), text.length);
    return {
      ruleId: JS_NESTING_TOO_DEEP,
      start: at,
      end: Math.min(text.length, at + 1),
      severity: 'warning',
      message:
        'This script nests more than 1,500 levels deep, so ECE Config stops reading it here and its settings are checked only as far as they could be found. Gadget configuration scripts hold a few plain assignments: is this the right file?',
    };
  }
  const e = (err ?? {}) as AcornError;
  let pos = typeof e.pos === 'number' && e.pos >= 0 ? Math.min(e.pos, text.length) : text.length;
  // acorn's message ends with " (line:column)"; the editor shows the position itself.
  const raw = typeof e.message === 'string' ? e.message.replace(/\s*\(\d+:\d+\)$/, '') : 'Invalid syntax';
  let end = pos;
  if (pos < text.length && text[pos] !== '\n' && text[pos] !== '\r') end = pos + 1;
  else if (pos === text.length && pos > 0 && !/[\r\n]/.test(text[pos - 1]!)) {
    // Unexpected end of input: mark the last character so the squiggle is visible.
    pos = pos - 1;
  }
  return {
    ruleId: 'js/syntax-error',
    start: pos,
    end,
    message:
      `JavaScript syntax error: ${raw}. The browser stops reading the file here, so the gadget gets none of its settings.`,
  };
}

type AnyNode = Node & Record<string, unknown>;

function isNode(v: unknown): v is AnyNode {
  return !!v && typeof v === 'object' && typeof (v as { type?: unknown }).type === 'string';
}

/** The plain string value of an expression node, or undefined. */
function stringOf(text: string, node: AnyNode): JsStringValue | undefined {
  if (node.type === 'Literal' && typeof node.value === 'string') {
    const q = text[node.start];
    if (q !== '"' && q !== "'") return undefined;
    return {
      value: node.value,
      raw: text.slice(node.start + 1, node.end - 1),
      start: node.start + 1,
      end: node.end - 1,
      literalStart: node.start,
      literalEnd: node.end,
      quote: q,
    };
  }
  if (node.type === 'TemplateLiteral') {
    const exprs = node.expressions as unknown[];
    const quasis = node.quasis as AnyNode[];
    if (exprs.length !== 0 || quasis.length !== 1) return undefined;
    const q = quasis[0]!;
    const cooked = (q.value as { cooked?: string | null }).cooked;
    if (typeof cooked !== 'string') return undefined;
    return {
      value: cooked,
      raw: text.slice(q.start, q.end),
      start: q.start,
      end: q.end,
      literalStart: node.start,
      literalEnd: node.end,
      quote: '`',
    };
  }
  return undefined;
}

/** The watched name an assignment target or property key stands for. */
function targetName(node: AnyNode, names: ReadonlySet<string>): { name: string; start: number; end: number } | undefined {
  if (node.type === 'Identifier' && names.has(node.name as string)) {
    return { name: node.name as string, start: node.start, end: node.end };
  }
  if (node.type === 'MemberExpression') {
    const p = node.property as AnyNode;
    if (!node.computed && p.type === 'Identifier' && names.has(p.name as string)) {
      return { name: p.name as string, start: p.start, end: p.end };
    }
    if (node.computed && p.type === 'Literal' && typeof p.value === 'string' && names.has(p.value)) {
      return { name: p.value, start: p.start, end: p.end };
    }
  }
  return undefined;
}

function keyName(node: AnyNode, names: ReadonlySet<string>): { name: string; start: number; end: number } | undefined {
  const k = node.key as AnyNode;
  if (!node.computed && k.type === 'Identifier' && names.has(k.name as string)) return { name: k.name as string, start: k.start, end: k.end };
  if (k.type === 'Literal' && typeof k.value === 'string' && names.has(k.value)) return { name: k.value, start: k.start, end: k.end };
  return undefined;
}

/**
 * One pre-order walk of the whole tree: finds the bindings of `names` (none when `names` is empty) and counts
 * the string literals quoted with `"` and with `'`.
 */
function walkProgram(text: string, program: Program, names: ReadonlySet<string>): { bindings: JsBinding[]; quoteCounts: { double: number; single: number } } {
  const out: JsBinding[] = [];
  const counts = { double: 0, single: 0 };
  const watch = names.size > 0;
  const body = program.body as unknown as AnyNode[];
  // Declarators seen under a VariableDeclaration (visited first: the walk is pre-order) get its kind.
  const declKind = new Map<AnyNode, 'var' | 'let' | 'const'>();
  const stack: AnyNode[] = [];
  for (const top of body) {
    stack.push(top);
    while (stack.length > 0) {
      const node = stack.pop()!;
      const type = node.type;
      if (type === 'Literal') {
        if (typeof node.value === 'string') {
          const q = text.charCodeAt(node.start);
          if (q === 34) counts.double++;
          else if (q === 39) counts.single++;
        }
      } else if (!watch) {
        // Only the quote count is wanted.
      } else if (type === 'VariableDeclaration') {
        const k = node.kind === 'let' || node.kind === 'const' ? node.kind : 'var';
        for (const d of node.declarations as AnyNode[]) declKind.set(d, k);
      } else if (type === 'VariableDeclarator') {
        const id = node.id as AnyNode;
        if (id.type === 'Identifier' && names.has(id.name as string)) {
          const init = node.init as AnyNode | null;
          const decl = declKind.get(node) ?? 'var';
          // Plain assignments, fields in the order they were always written (no conditional spreads).
          const b = { name: id.name as string, form: decl, nameStart: id.start, nameEnd: id.end } as JsBinding;
          if (init) {
            b.valueStart = init.start;
            b.valueEnd = init.end;
            b.string = stringOf(text, init);
          }
          b.statementStart = top.start;
          b.statementEnd = top.end;
          b.topLevel = top.type === 'VariableDeclaration';
          out.push(b);
        }
      } else if (type === 'AssignmentExpression' && node.operator === '=') {
        const t = targetName(node.left as AnyNode, names);
        if (t) {
          const right = node.right as AnyNode;
          out.push({
            name: t.name,
            form: 'assign',
            nameStart: t.start,
            nameEnd: t.end,
            valueStart: right.start,
            valueEnd: right.end,
            string: stringOf(text, right),
            statementStart: top.start,
            statementEnd: top.end,
            topLevel: top.type === 'ExpressionStatement' && top.expression === (node as unknown),
          });
        }
      } else if (type === 'Property' && node.kind === 'init' && !node.method) {
        const t = keyName(node, names);
        const value = node.value as AnyNode;
        if (t && value.type !== 'AssignmentPattern') {
          out.push({
            name: t.name,
            form: 'property',
            nameStart: t.start,
            nameEnd: t.end,
            valueStart: value.start,
            valueEnd: value.end,
            string: stringOf(text, value),
            statementStart: top.start,
            statementEnd: top.end,
            topLevel: false,
          });
        }
      }
      // Push children in reverse so they pop in source order (no per-node array of children).
      const keys = Object.keys(node);
      for (let k = keys.length - 1; k >= 0; k--) {
        const v = node[keys[k]!];
        if (typeof v !== 'object' || v === null) continue;
        if (Array.isArray(v)) {
          for (let i = v.length - 1; i >= 0; i--) {
            const c: unknown = v[i];
            if (isNode(c)) stack.push(c);
          }
        } else if (isNode(v)) stack.push(v);
      }
    }
  }
  out.sort((a, b) => a.nameStart - b.nameStart);
  return { bindings: out, quoteCounts: counts };
}

/** acorn's tokens carry their value, which its type declarations leave out. */
type Tok = Token & { value?: unknown };

/**
 * When the text does not parse, the tokens before the error are still worth reading:
 * `var name = "x"`, `name = "x"`, `obj.name = "x"` and `name: "x"` found there are returned.
 */
function bindingsFromTokens(text: string, names: ReadonlySet<string>): JsBinding[] {
  const toks: Tok[] = [];
  try {
    for (const t of tokenizer(text, { ...BASE_OPTIONS, sourceType: 'script' })) toks.push(t as Tok);
  } catch {
    // Keep the tokens read before the error.
  }
  const out: JsBinding[] = [];
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i]!;
    if (t.type.label !== 'name' || !names.has(t.value as string)) continue;
    const next = toks[i + 1];
    if (!next || (next.type.label !== '=' && next.type.label !== ':')) continue;
    if (next.type.label === '=' && next.value !== '=') continue;
    const prev = toks[i - 1];
    let form: JsBindingForm = next.type.label === ':' ? 'property' : 'assign';
    if (form === 'assign' && prev) {
      if (prev.type.label === 'var') form = 'var';
      else if (prev.type.label === 'const') form = 'const';
      else if (prev.type.label === 'name' && prev.value === 'let') form = 'let';
    }
    const v = toks[i + 2];
    let str: JsStringValue | undefined;
    let valueStart: number | undefined;
    let valueEnd: number | undefined;
    let after = i + 2;
    if (v && v.type.label === 'string' && typeof v.value === 'string') {
      const q = text[v.start];
      if (q === '"' || q === "'") {
        str = { value: v.value, raw: text.slice(v.start + 1, v.end - 1), start: v.start + 1, end: v.end - 1, literalStart: v.start, literalEnd: v.end, quote: q };
      }
      valueStart = v.start;
      valueEnd = v.end;
      after = i + 3;
    } else if (v && v.type.label === '`' && toks[i + 3]?.type.label === 'template' && toks[i + 4]?.type.label === '`') {
      const body = toks[i + 3]!;
      const close = toks[i + 4]!;
      if (typeof body.value === 'string') {
        str = { value: body.value, raw: text.slice(body.start, body.end), start: body.start, end: body.end, literalStart: v.start, literalEnd: close.end, quote: '`' };
      }
      valueStart = v.start;
      valueEnd = close.end;
      after = i + 5;
    } else if (v) {
      valueStart = v.start;
      valueEnd = v.end;
      after = i + 3;
    }
    const stmtStart = form === 'var' || form === 'let' || form === 'const' ? prev!.start : t.start;
    let stmtEnd = valueEnd ?? next.end;
    const semi = toks[after];
    if (semi && semi.type.label === ';') stmtEnd = semi.end;
    const b = { name: t.value as string, form, nameStart: t.start, nameEnd: t.end } as JsBinding;
    if (valueStart !== undefined) {
      b.valueStart = valueStart;
      b.valueEnd = valueEnd;
    }
    if (str) b.string = str;
    b.statementStart = stmtStart;
    b.statementEnd = stmtEnd;
    b.topLevel = form !== 'property' && (prev === undefined || prev.type.label === ';' || form !== 'assign');
    out.push(b);
  }
  return out;
}

/**
 * Parses a script and finds the bindings of `names`. Never throws.
 */
export function parseJavaScript(text: string, names: readonly string[] = []): JsParseResult {
  const watched = new Set(names);
  let program: Program | undefined;
  let firstError: unknown;
  try {
    program = parse(text, { ...BASE_OPTIONS, sourceType: 'script' });
  } catch (err) {
    firstError = err;
    try {
      // Some files are ES modules; accept them if they parse as such.
      program = parse(text, { ...BASE_OPTIONS, sourceType: 'module' });
    } catch {
      program = undefined;
    }
  }
  if (!program) {
    return {
      ok: false,
      problems: [errorProblem(text, firstError)],
      statements: [],
      bindings: watched.size > 0 ? bindingsFromTokens(text, watched) : [],
      quoteCounts: { double: 0, single: 0 },
    };
  }
  const walked = walkProgram(text, program, watched);
  return {
    ok: true,
    program,
    problems: [],
    statements: (program.body as unknown as AnyNode[]).map((s) => ({ start: s.start, end: s.end })),
    bindings: walked.bindings,
    quoteCounts: walked.quoteCounts,
  };
}
