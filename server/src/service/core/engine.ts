/**
 * The language service: detects a file's kind, parses it once per version, runs the enabled rules (each
 * isolated: a rule that throws is logged and skipped), applies suppression comments and settings, and
 * answers diagnostics, code actions, hovers, symbols and completions in LSP types.
 * Pure: no `vscode`, no LSP server library, no I/O.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import {
  CodeActionKind,
  DiagnosticSeverity,
  type CodeAction,
  type CompletionItem,
  type Diagnostic,
  type DocumentSymbol,
  type Hover,
  type Position,
  type Range,
  type TextEdit,
} from 'vscode-languageserver-types';
import { parseJdbcUrl } from '../parse/jdbcUrl';
import { XML_NOT_WELL_FORMED } from '../parse/xml';
import { jdbcRules } from '../kinds/shared/jdbc';
import { KINDS } from '../kinds';
import { matchesAnyGlob } from './glob';
import { settingsKey, type Settings } from './settings';
import { continuesPreviousLine, findSuppressions, isSuppressed } from './suppression';
import { indentOf, lineIndex, lineStartOf, mergeEditGroups } from './text';
import {
  EMPTY_WORKSPACE,
  type FileKind,
  type FixProposal,
  type KindId,
  type OffsetEdit,
  type Parsed,
  type Report,
  type RuleContext,
  type ServiceHost,
  type Severity,
  type WorkspaceView,
} from './types';

export const SOURCE = 'ece';
export const FIX_ALL_KIND = 'source.fixAll.ece';

/** One finding of one rule, in raw offsets, with the severity settings gave it. */
export interface Finding {
  ruleId: string;
  start: number;
  end: number;
  message: string;
  severity: Severity;
  fixes: FixProposal[];
}

export interface Analysis {
  uri: string;
  version: number;
  kind: KindId;
  findings: Finding[];
}

interface ParseEntry {
  version: number;
  text: string;
  kind: FileKind<unknown>;
  parsed: Parsed<unknown>;
}

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** Problems reported by parsers rather than by rules: listed so settings, docs and the README know them. */
const PARSER_RULES: Array<{ id: string; defaultSeverity: Severity; description: string; kind: string }> = [
  { id: XML_NOT_WELL_FORMED, defaultSeverity: 'error', description: 'The XML is not well formed (reported once, at the first error).', kind: 'shared' },
];

/** Every rule the product has, for docs, settings schema and tests. */
export function allRules(): Array<{ id: string; defaultSeverity: Severity; description: string; kind: string }> {
  const out = [...PARSER_RULES, ...jdbcRules.map((r) => ({ id: r.id, defaultSeverity: r.defaultSeverity, description: r.description, kind: 'shared' }))];
  for (const k of KINDS) for (const r of k.rules) out.push({ id: r.id, defaultSeverity: r.defaultSeverity, description: r.description, kind: k.id });
  return out;
}

export class EceLanguageService {
  private readonly parses = new Map<string, ParseEntry>();
  private readonly analyses = new Map<string, { key: string; analysis: Analysis }>();

  constructor(
    private readonly host: ServiceHost,
    private workspace: WorkspaceView = EMPTY_WORKSPACE,
  ) {}

  setWorkspace(workspace: WorkspaceView): void {
    this.workspace = workspace;
    this.analyses.clear();
  }

  /** The kind of a file by its name (settings globs) and, where names are ambiguous, its content. */
  kindOf(uri: string, text: string, settings: Settings): FileKind<unknown> | undefined {
    for (const k of KINDS) {
      if (!matchesAnyGlob(uri, settings.files[k.id] ?? [])) continue;
      if (k.claims && !k.claims(text)) continue;
      return k;
    }
    return undefined;
  }

  /** True when a file's name matches some kind's globs (its content may still be refused by `claims`). */
  isCandidate(uri: string, settings: Settings): boolean {
    return KINDS.some((k) => matchesAnyGlob(uri, settings.files[k.id] ?? []));
  }

  /** Forget a closed document. */
  forget(uri: string): void {
    this.parses.delete(uri);
    this.analyses.delete(uri);
  }

  /** The parsed model of a document, reused while its version and text do not change. */
  parse(doc: TextDocument, settings: Settings): ParseEntry | undefined {
    const text = doc.getText();
    const cached = this.parses.get(doc.uri);
    if (cached && cached.version === doc.version && cached.text === text) return cached;
    const kind = this.kindOf(doc.uri, text, settings);
    if (!kind) {
      this.parses.delete(doc.uri);
      return undefined;
    }
    let parsed: Parsed<unknown>;
    try {
      parsed = kind.parse(doc);
    } catch (e) {
      this.host.log(`[${kind.id}] parser failed on ${doc.uri}: ${errorText(e)}`);
      return undefined;
    }
    const entry: ParseEntry = { version: doc.version, text, kind, parsed };
    this.parses.set(doc.uri, entry);
    return entry;
  }

  /** Runs the rules (cached per document version and settings). */
  analyze(doc: TextDocument, settings: Settings): Analysis | undefined {
    const entry = this.parse(doc, settings);
    if (!entry) {
      this.analyses.delete(doc.uri);
      return undefined;
    }
    const key = `${doc.version}|${entry.text.length}|${settingsKey(settings)}`;
    const cached = this.analyses.get(doc.uri);
    if (cached && cached.key === key && cached.analysis.version === doc.version) return cached.analysis;
    const findings = this.runRules(doc.uri, entry, settings);
    const analysis: Analysis = { uri: doc.uri, version: doc.version, kind: entry.kind.id, findings };
    this.analyses.set(doc.uri, { key, analysis });
    return analysis;
  }

  private runRules(uri: string, entry: ParseEntry, settings: Settings): Finding[] {
    const { kind, parsed, text } = entry;
    const findings: Finding[] = [];
    const levelOf = (id: string, def: Severity, own?: Severity): Severity | 'off' => settings.rules[id] ?? own ?? def;
    const push = (ruleId: string, def: Severity, r: Report) => {
      const level = levelOf(ruleId, def, r.severity);
      if (level === 'off') return;
      const start = clamp(r.start, 0, text.length);
      const end = clamp(Math.max(r.end, start), start, text.length);
      findings.push({ ruleId, start, end, message: r.message, severity: level, fixes: r.fixes ?? [] });
    };
    for (const p of parsed.problems) push(p.ruleId, 'error', p);

    const ctxFor = (report: (r: Report) => void): RuleContext => ({ uri, settings, workspace: this.workspace, fileSystem: this.host.fileSystem, report });
    for (const rule of kind.rules) {
      if (settings.rules[rule.id] === 'off') continue;
      try {
        rule.check(parsed.model, ctxFor((r) => push(rule.id, rule.defaultSeverity, r)));
      } catch (e) {
        this.host.log(`[${rule.id}] rule failed on ${uri} and was skipped: ${errorText(e)}`);
      }
    }
    if (kind.jdbcUrls) {
      let sites: ReturnType<NonNullable<typeof kind.jdbcUrls>> = [];
      try {
        sites = kind.jdbcUrls(parsed.model);
      } catch (e) {
        this.host.log(`[${kind.id}] listing JDBC URLs failed on ${uri}: ${errorText(e)}`);
      }
      for (const site of sites) {
        const url = site.parsed ?? parseJdbcUrl(site.text);
        const mapEdit = (e: OffsetEdit): OffsetEdit => ({ start: site.toRaw(e.start), end: site.toRaw(e.end), newText: site.encode(e.newText) });
        for (const rule of jdbcRules) {
          if (settings.rules[rule.id] === 'off') continue;
          try {
            rule.check(
              { url, site },
              ctxFor((r) =>
                push(rule.id, rule.defaultSeverity, {
                  ...r,
                  start: site.toRaw(r.start),
                  end: site.toRaw(r.end),
                  fixes: r.fixes?.map((f) => ({ ...f, edits: f.edits.map(mapEdit) })),
                }),
              ),
            );
          } catch (e) {
            this.host.log(`[${rule.id}] rule failed on ${uri} and was skipped: ${errorText(e)}`);
          }
        }
      }
    }
    // Suppression comments.
    const sup = findSuppressions(text, kind.commentStyle);
    if (sup.file.size || sup.lines.size) {
      const lineOf = lineIndex(text);
      return sortFindings(findings.filter((f) => !isSuppressed(sup, f.ruleId, lineOf(f.start))));
    }
    return sortFindings(findings);
  }

  /** LSP diagnostics for a document (empty for files that are not ECE files). */
  diagnostics(doc: TextDocument, settings: Settings): Diagnostic[] {
    const a = this.analyze(doc, settings);
    if (!a) return [];
    return a.findings.map((f, i) => this.toDiagnostic(doc, f, i));
  }

  private toDiagnostic(doc: TextDocument, f: Finding, index: number): Diagnostic {
    const d: Diagnostic = {
      range: { start: doc.positionAt(f.start), end: doc.positionAt(f.end) },
      severity: SEVERITY[f.severity],
      code: f.ruleId,
      source: SOURCE,
      message: f.message,
      data: { key: findingKey(f, index), fixable: f.fixes.length > 0 },
    };
    if (this.host.docsBase) d.codeDescription = { href: `${this.host.docsBase}/${f.ruleId}.md` };
    return d;
  }

  /**
   * Code actions for the diagnostics in the request: each finding's fixes, "fix all <rule> in this file"
   * when the rule has several fixable findings, "disable <rule> for this line", and `source.fixAll.ece`.
   */
  codeActions(doc: TextDocument, _range: Range, diagnostics: Diagnostic[], only: string[] | undefined, settings: Settings): CodeAction[] {
    const a = this.analyze(doc, settings);
    if (!a) return [];
    const actions: CodeAction[] = [];
    const wants = (kind: string) => !only || only.some((o) => kind === o || kind.startsWith(o + '.'));
    if (wants(CodeActionKind.QuickFix)) {
      const byKey = new Map(a.findings.map((f, i) => [findingKey(f, i), f]));
      const seenRules = new Set<string>();
      for (const d of diagnostics) {
        if (d.source !== SOURCE || typeof d.code !== 'string') continue;
        const key = (d.data as { key?: string } | undefined)?.key;
        const f = key ? byKey.get(key) : undefined;
        if (!f) continue;
        for (const fix of f.fixes) {
          actions.push(this.action(doc, fix.title, CodeActionKind.QuickFix, fix.edits, [d], fix.preferred ?? false));
        }
        if (!seenRules.has(f.ruleId)) {
          seenRules.add(f.ruleId);
          const all = a.findings.filter((x) => x.ruleId === f.ruleId && x.fixes.length > 0);
          if (all.length > 1) {
            const edits = mergeEditGroups(all.map((x) => x.fixes[0]!.edits));
            actions.push(this.action(doc, `Fix all ${f.ruleId} problems in this file`, CodeActionKind.QuickFix, edits, [], false));
          }
          const disable = this.disableEdit(doc, f);
          if (disable) actions.push(this.action(doc, `Disable ${f.ruleId} for this line`, CodeActionKind.QuickFix, [disable], [d], false));
        }
      }
    }
    // `source.fixAll.ece` only when asked for (on save, or "Fix All" in the source action menu).
    if (only?.some((o) => FIX_ALL_KIND.startsWith(o) && o.startsWith('source'))) {
      const edits = this.fixAllEdits(doc, settings);
      if (edits.length) actions.push(this.action(doc, 'Fix all safe ECE problems', FIX_ALL_KIND, edits, [], false));
    }
    return actions;
  }

  /** Edits of every safe fix in the document, merged (overlapping fixes are left for a second pass). */
  fixAllEdits(doc: TextDocument, settings: Settings): OffsetEdit[] {
    const a = this.analyze(doc, settings);
    if (!a) return [];
    const groups: OffsetEdit[][] = [];
    for (const f of a.findings) {
      const safe = f.fixes.find((x) => x.safe);
      if (safe) groups.push(safe.edits);
    }
    return mergeEditGroups(groups);
  }

  private disableEdit(doc: TextDocument, f: Finding): OffsetEdit | undefined {
    const entry = this.parses.get(doc.uri);
    if (!entry) return undefined;
    const text = entry.text;
    const ls = lineStartOf(text, f.start);
    const indent = indentOf(text, f.start);
    const eol = text.includes('\r\n') ? '\r\n' : '\n';
    const body = `ece-disable-next-line ${f.ruleId}`;
    const style = entry.kind.commentStyle;
    // A batch line joined to the one before by a trailing caret cannot take a comment line in between.
    if (style === 'rem' && continuesPreviousLine(text, ls)) return undefined;
    const comment = style === 'xml' ? `<!-- ${body} -->` : style === 'hash' ? `# ${body}` : style === 'rem' ? `REM ${body}` : `// ${body}`;
    // A comment cannot be placed before the XML declaration or inside a start tag spanning lines; the
    // line start must be outside markup for XML, which holds for element and text lines we report on.
    if (entry.kind.commentStyle === 'xml' && text.slice(ls, f.start).includes('<?xml')) return undefined;
    return { start: ls, end: ls, newText: `${indent}${comment}${eol}` };
  }

  private action(doc: TextDocument, title: string, kind: string, edits: OffsetEdit[], diagnostics: Diagnostic[], preferred: boolean): CodeAction {
    const textEdits: TextEdit[] = edits.map((e) => ({ range: { start: doc.positionAt(e.start), end: doc.positionAt(e.end) }, newText: e.newText }));
    const action: CodeAction = {
      title,
      kind,
      edit: { documentChanges: [{ textDocument: { uri: doc.uri, version: doc.version }, edits: textEdits }] },
    };
    if (diagnostics.length) action.diagnostics = diagnostics;
    if (preferred) action.isPreferred = true;
    return action;
  }

  async hover(doc: TextDocument, position: Position, settings: Settings): Promise<Hover | null> {
    const entry = this.parse(doc, settings);
    if (!entry?.kind.hover) return null;
    const offset = doc.offsetAt(position);
    try {
      const h = await entry.kind.hover(entry.parsed.model, offset, { uri: doc.uri, settings, workspace: this.workspace, host: this.host });
      if (!h) return null;
      return { contents: h.contents, range: { start: doc.positionAt(h.start), end: doc.positionAt(h.end) } };
    } catch (e) {
      this.host.log(`[${entry.kind.id}] hover failed on ${doc.uri}: ${errorText(e)}`);
      return null;
    }
  }

  symbols(doc: TextDocument, settings: Settings): DocumentSymbol[] {
    const entry = this.parse(doc, settings);
    if (!entry?.kind.symbols) return [];
    try {
      return entry.kind.symbols(entry.parsed.model, doc);
    } catch (e) {
      this.host.log(`[${entry.kind.id}] symbols failed on ${doc.uri}: ${errorText(e)}`);
      return [];
    }
  }

  completions(doc: TextDocument, position: Position, settings: Settings): CompletionItem[] {
    const entry = this.parse(doc, settings);
    if (!entry?.kind.completions) return [];
    try {
      return entry.kind.completions(entry.parsed.model, doc.offsetAt(position), { uri: doc.uri, settings, workspace: this.workspace, host: this.host });
    } catch (e) {
      this.host.log(`[${entry.kind.id}] completion failed on ${doc.uri}: ${errorText(e)}`);
      return [];
    }
  }
}

/** Identifies a finding within one analysis (a document version): rule, range and position in the list. */
export function findingKey(f: Pick<Finding, 'ruleId' | 'start' | 'end'>, index: number): string {
  return `${f.ruleId}@${f.start}-${f.end}#${index}`;
}

function sortFindings(f: Finding[]): Finding[] {
  return f.sort((a, b) => a.start - b.start || a.end - b.end || a.ruleId.localeCompare(b.ruleId));
}

function clamp(v: number, lo: number, hi: number): number {
  return Number.isFinite(v) ? Math.min(Math.max(v, lo), hi) : lo;
}

function errorText(e: unknown): string {
  return e instanceof Error ? `${e.message}${e.stack ? `\n${e.stack}` : ''}` : String(e);
}
