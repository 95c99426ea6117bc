/**
 * The language service: detects a file's kind, parses it once per version, runs the enabled rules (each
 * isolated: a rule that throws is logged and skipped), applies suppression comments and settings, and
 * answers diagnostics, code actions, hovers, symbols and completions in LSP types.
 * Pure: no `vscode`, no LSP server library, no I/O.
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
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
import { MAX_ANALYZED_LENGTH, MAX_FINDINGS_PER_ANALYSIS, MAX_RELATED } from './limits';
import { settingsKey, type Settings } from './settings';
import { constructStarts } from './anchors';
import { disableFileEdit, disableLineEdit } from './disable';
import { withParseMemo } from './memo';
import { findSuppressions, isSuppressed } from './suppression';
import { SecretMask } from './secrets';
import { applyEdits, lineIndex, mergeEditGroups } from './text';
import {
  EMPTY_WORKSPACE,
  type FileKind,
  type FixProposal,
  type KindId,
  type OffsetEdit,
  type Parsed,
  type RelatedSpan,
  type Report,
  type RuleContext,
  type ServiceHost,
  type Severity,
  type EngineWorkspace,
} from './types';

export const SOURCE = 'ece';
export const FIX_ALL_KIND = 'source.fixAll.ece';

/** How the client takes code actions. */
export interface CodeActionOptions {
  /**
   * List the costly actions without their edit, for `resolveCodeAction` to fill in when one is chosen (the client
   * must resolve the `edit` property: LSP `codeAction.resolveSupport`). "Fix all <rule> in this file" (thousands of
   * edits on a big file) and "Disable <rule> for this line / file" (each checked by running every rule again on the
   * text with the comment) are then listed after the cheap checks only.
   */
  resolveEdits?: boolean;
}

/** The `data` of an action listed without its edit. */
type Deferred =
  | { ece: 'fixAllRule'; ruleId: string; uri: string }
  | { ece: 'disable'; scope: 'line' | 'file'; ruleId: string; key: string; uri: string };

/** A resolved action, or why its edit cannot be given (the action then comes back without one). */
export interface ResolvedAction {
  action: CodeAction;
  refused?: string;
}

interface FindingIndex {
  byKey: Map<string, Finding>;
  /** Whether the rule has fixes in more than one place of the file (so "fix all" means more than the one fix). */
  hasFixAll(ruleId: string): boolean;
  /** The rule's fixes merged into one edit list, or undefined when `hasFixAll` is false. */
  fixAll(ruleId: string): OffsetEdit[] | undefined;
}

/** One finding of one rule, in raw offsets, with the severity settings gave it. */
export interface Finding {
  ruleId: string;
  start: number;
  end: number;
  message: string;
  severity: Severity;
  fixes: FixProposal[];
  /** Other places of the same file the finding refers to (bounded by the rule). */
  related: RelatedSpan[];
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
  /** Not parsed: over MAX_ANALYZED_LENGTH (only the parser problem saying so is reported). */
  tooLarge?: boolean;
}

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** Findings the engine itself reports about a file (limits), with their public ids. */
export const TOO_MANY_PROBLEMS = 'ece/too-many-problems';
const FILE_TOO_LARGE = 'ece/file-too-large';
export const FILE_NOT_READ = 'ece/file-not-read';


/** Problems reported by parsers or by the engine rather than by rules: listed so settings, docs and the README know them. */
const PARSER_RULES: Array<{ id: string; defaultSeverity: Severity; description: string; kind: string }> = [
  { id: XML_NOT_WELL_FORMED, defaultSeverity: 'error', description: 'The XML is not well formed (reported once, at the first error).', kind: 'shared' },
  { id: TOO_MANY_PROBLEMS, defaultSeverity: 'information', description: 'The file has more problems than ece.maxProblems; the editor shows the first ones (the CLI lists them all).', kind: 'shared' },
  { id: FILE_TOO_LARGE, defaultSeverity: 'warning', description: 'The file is too large to be checked (more than 16 MB of text).', kind: 'shared' },
  { id: FILE_NOT_READ, defaultSeverity: 'warning', description: 'A file with an ECE file name could not be read or is not text, so it was not checked.', kind: 'shared' },
];

/**
 * Every rule the product has, once each: a rule object several kinds run (the properties/* rules) is listed under
 * its first kind. Two different rules with one id are both listed, so `sync-manifest --check` and the defaults
 * table test refuse them instead of one hiding the other.
 */
export function allRules(): Array<{ id: string; defaultSeverity: Severity; description: string; kind: string }> {
  const out = [...PARSER_RULES, ...jdbcRules.map((r) => ({ id: r.id, defaultSeverity: r.defaultSeverity, description: r.description, kind: 'shared' }))];
  const seen = new Set<object>();
  for (const k of KINDS) {
    for (const r of k.rules) {
      if (seen.has(r)) continue;
      seen.add(r);
      out.push({ id: r.id, defaultSeverity: r.defaultSeverity, description: r.description, kind: r.id.startsWith('properties/') ? 'properties' : k.id });
    }
  }
  return out;
}

export class EceLanguageService {
  private readonly parses = new Map<string, ParseEntry>();
  /** The last analysis per document, valid for one parse, one settings key and one state of its partner files. */
  private readonly indexes = new WeakMap<Analysis, FindingIndex>();
  private readonly analyses = new Map<string, { entry: ParseEntry; settingsKey: string; stamp: string; analysis: Analysis }>();

  constructor(
    private readonly host: ServiceHost,
    private workspace: EngineWorkspace = EMPTY_WORKSPACE,
  ) {}

  /** The cross-file view the rules read; analyses stay cached per file until its own partners change. */
  setWorkspace(workspace: EngineWorkspace): void {
    if (workspace !== this.workspace) this.analyses.clear();
    this.workspace = workspace;
  }

  private readonly masks = new WeakMap<ParseEntry, SecretMask>();

  /** The mask of a parse: its kind's secret values (a kind that fails to list them masks nothing but is logged). */
  private maskOf(entry: ParseEntry): SecretMask {
    let m = this.masks.get(entry);
    if (!m) {
      let values: string[] = [];
      if (!entry.tooLarge && entry.kind.secrets) {
        try {
          values = entry.kind.secrets(entry.parsed.model);
        } catch (e) {
          this.host.log(`[${entry.kind.id}] listing secrets failed: ${e instanceof Error ? e.message : String(e)}`);
        }
      }
      m = new SecretMask(values);
      this.masks.set(entry, m);
    }
    return m;
  }

  /**
   * The mask of a document with its partners' secrets added: a cross-file message quotes the other file's values (a
   * pool's Url in a finding of input.properties), so what is secret there is masked here too.
   */
  private maskWithPartners(entry: ParseEntry, uri: string): SecretMask {
    const own = this.maskOf(entry);
    const reads = readsOf(entry.kind);
    if (!reads.length || entry.tooLarge) return own;
    const values: string[] = [];
    for (const k of reads) {
      values.push(...this.workspace.partnerSecrets(uri, k, (e) => this.host.log(`[${k}] listing secrets failed: ${e instanceof Error ? e.message : String(e)}`)));
    }
    return values.length ? own.with(values) : own;
  }

  /** Masks the secrets of a document (and of its partners) in any text (the CLI's fix report uses it for before/after lines). */
  maskFor(doc: TextDocument, settings: Settings): (text: string) => string {
    const entry = this.parse(doc, settings);
    if (!entry) return (t) => t;
    const m = this.maskWithPartners(entry, doc.uri);
    return (t) => m.mask(t);
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
    // The previous version's parse and analysis are of no use now: let them go before the new parse is built, so the
    // caches never keep two versions of a large file alive while the second is parsed.
    if (cached) this.forget(doc.uri);
    const kind = this.kindOf(doc.uri, text, settings);
    if (!kind) {
      this.parses.delete(doc.uri);
      return undefined;
    }
    let parsed: Parsed<unknown>;
    if (text.length > MAX_ANALYZED_LENGTH) {
      const problem = {
        ruleId: FILE_TOO_LARGE,
        start: 0,
        end: 0,
        message: `This ${kind.label} holds ${(text.length / 1024 / 1024).toFixed(1)} MB of text, more than the 16 MB ECE Config checks; it is not checked. ECE's configuration files are a few kilobytes: is this the right file?`,
      };
      const entry: ParseEntry = { version: doc.version, text, kind, parsed: { model: undefined, problems: [problem] }, tooLarge: true };
      this.parses.set(doc.uri, entry);
      return entry;
    }
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
    const bomRemoved = entry.text.charCodeAt(0) !== 0xfeff && this.host.byteOrderMarkRemoved?.(doc.uri) === true;
    const sKey = settingsKey(settings) + (bomRemoved ? '|bom' : '');
    const reads = readsOf(entry.kind);
    const stamp = reads.length ? this.workspace.stamp(doc.uri, reads) : '';
    const cached = this.analyses.get(doc.uri);
    if (cached && cached.entry === entry && cached.settingsKey === sKey && cached.stamp === stamp) return cached.analysis;
    const findings = this.runRules(doc.uri, entry, settings, bomRemoved);
    const analysis: Analysis = { uri: doc.uri, version: doc.version, kind: entry.kind.id, findings };
    this.analyses.set(doc.uri, { entry, settingsKey: sKey, stamp, analysis });
    return analysis;
  }

  private runRules(uri: string, entry: ParseEntry, settings: Settings, byteOrderMarkRemoved = false): Finding[] {
    const { kind, parsed, text } = entry;
    const secret = this.maskWithPartners(entry, uri);
    const log = (m: string) => this.host.log(secret.mask(m));
    const findings: Finding[] = [];
    let dropped = 0;
    const levelOf = (id: string, def: Severity, own?: Severity): Severity | 'off' => settings.rules[id] ?? own ?? def;
    const span = (a: number, b: number) => {
      const start = clamp(a, 0, text.length);
      return { start, end: clamp(Math.max(b, start), start, text.length) };
    };
    const push = (ruleId: string, def: Severity, r: Report) => {
      const level = levelOf(ruleId, def, r.severity);
      if (level === 'off') return;
      if (findings.length >= MAX_FINDINGS_PER_ANALYSIS) {
        dropped++;
        return;
      }
      const { start, end } = span(r.start, r.end);
      const related = (r.related ?? []).slice(0, MAX_RELATED).map((x) => ({ ...span(x.start, x.end), message: secret.mask(x.message) }));
      const fixes = secret.empty ? r.fixes ?? [] : (r.fixes ?? []).map((f) => ({ ...f, title: secret.mask(f.title) }));
      findings.push({ ruleId, start, end, message: secret.mask(r.message), severity: level, fixes, related });
    };
    for (const p of parsed.problems) push(p.ruleId, 'error', p);
    if (entry.tooLarge) return findings;

    const ctxFor = (report: (r: Report) => void): RuleContext => ({
      uri,
      settings,
      workspace: this.workspace,
      fileSystem: this.host.fileSystem,
      ...(byteOrderMarkRemoved ? { byteOrderMarkRemoved } : {}),
      report,
    });
    for (const rule of kind.rules) {
      if (settings.rules[rule.id] === 'off') continue;
      try {
        rule.check(parsed.model, ctxFor((r) => push(rule.id, rule.defaultSeverity, r)));
      } catch (e) {
        log(`[${rule.id}] rule failed on ${uri} and was skipped: ${errorText(e)}`);
      }
    }
    if (kind.jdbcUrls) {
      let sites: ReturnType<NonNullable<typeof kind.jdbcUrls>> = [];
      try {
        sites = kind.jdbcUrls(parsed.model);
      } catch (e) {
        log(`[${kind.id}] listing JDBC URLs failed on ${uri}: ${errorText(e)}`);
      }
      // One context for every (site, rule) pair: the report reads the current pair, so thousands of URLs cost no
      // closure or context object each.
      const jdbcOn = jdbcRules.filter((rule) => settings.rules[rule.id] !== 'off');
      let site = sites[0]!;
      let rule = jdbcOn[0]!;
      const mapEdit = (e: OffsetEdit): OffsetEdit => site.edit(e.start, e.end, e.newText);
      const jdbcCtx = ctxFor((r) =>
        push(rule.id, rule.defaultSeverity, {
          ...r,
          ...site.span(r.start, r.end),
          fixes: r.fixes?.map((f) => ({ ...f, edits: f.edits.map(mapEdit) })),
        }),
      );
      for (const each of sites) {
        site = each;
        const input = { url: each.parsed ?? parseJdbcUrl(each.text), site: each };
        for (const check of jdbcOn) {
          rule = check;
          try {
            check.check(input, jdbcCtx);
          } catch (e) {
            log(`[${check.id}] rule failed on ${uri} and was skipped: ${errorText(e)}`);
          }
        }
      }
    }
    if (dropped > 0) {
      this.host.log(`[engine] ${uri}: ${dropped} findings beyond ${MAX_FINDINGS_PER_ANALYSIS} were not kept`);
      findings.push({
        ruleId: TOO_MANY_PROBLEMS,
        start: 0,
        end: 0,
        severity: 'warning',
        message: `Checking stopped after ${MAX_FINDINGS_PER_ANALYSIS.toLocaleString('en-US')} problems in this file; ${dropped.toLocaleString('en-US')} more were found and not kept. Fix the first ones (or the cause they share) and check again.`,
        fixes: [],
        related: [],
      });
    }
    // Suppression comments: a finding is on a line when it starts there or its construct does (see anchors.ts).
    const sup = findSuppressions(text, kind.commentStyle);
    if (sup.file.size || sup.lines.size) {
      const lineOf = lineIndex(text);
      const anchors = sup.lines.size ? constructStarts(text, kind.commentStyle, findings.map((f) => f.start)) : [];
      return sortFindings(findings.filter((f, i) => !isSuppressed(sup, f.ruleId, lineOf(f.start), anchors.length ? lineOf(anchors[i]!) : -1)));
    }
    return sortFindings(findings);
  }

  /**
   * LSP diagnostics for a document (empty for files that are not ECE files): at most `ece.maxProblems` of them, the
   * most severe first, and then one more that says how many were left out. The CLI reads `analyze` and gets all.
   */
  diagnostics(doc: TextDocument, settings: Settings): Diagnostic[] {
    const a = this.analyze(doc, settings);
    if (!a) return [];
    const max = settings.maxProblems;
    if (a.findings.length <= max) return a.findings.map((f, i) => this.toDiagnostic(doc, f, i));
    const order = a.findings.map((_, i) => i);
    order.sort((x, y) => SEVERITY[a.findings[x]!.severity] - SEVERITY[a.findings[y]!.severity] || x - y);
    const shown = order.slice(0, max).sort((x, y) => x - y);
    const out = shown.map((i) => this.toDiagnostic(doc, a.findings[i]!, i));
    const hidden = a.findings.length - max;
    const summary: Finding = {
      ruleId: TOO_MANY_PROBLEMS,
      start: 0,
      end: 0,
      severity: 'information',
      message: `This file has ${a.findings.length.toLocaleString('en-US')} problems; the ${max.toLocaleString('en-US')} most severe are shown and ${hidden.toLocaleString('en-US')} are not (setting ece.maxProblems). The command line lists them all: ece-config check <file>.`,
      fixes: [],
      related: [],
    };
    const level = settings.rules[TOO_MANY_PROBLEMS] ?? 'information';
    if (level !== 'off') out.push(this.toDiagnostic(doc, { ...summary, severity: level }, a.findings.length));
    return out;
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
    if (f.related.length) {
      d.relatedInformation = f.related.map((r) => ({
        location: { uri: doc.uri, range: { start: doc.positionAt(r.start), end: doc.positionAt(r.end) } },
        message: r.message,
      }));
    }
    return d;
  }

  /**
   * Code actions for the diagnostics in the request: each finding's fixes, "fix all <rule> in this file"
   * when the rule has several fixable findings, "disable <rule> for this line / file", and `source.fixAll.ece`. With
   * `options.resolveEdits` the fix-all and disable actions come without edits (see `resolveCodeAction`).
   */
  codeActions(doc: TextDocument, range: Range, diagnostics: Diagnostic[], only: string[] | undefined, settings: Settings, options: CodeActionOptions = {}): CodeAction[] {
    // The disable actions read the same few texts many times: parse each once for this request (core/memo.ts).
    return withParseMemo(() => this.codeActionsOnce(doc, range, diagnostics, only, settings, options));
  }

  /**
   * The edit of an action listed without one (`CodeActionOptions.resolveEdits`), computed on the document as it is
   * now: "Fix all <rule> in this file" merges the rule's fixes; "Disable <rule> …" places the comment and checks it
   * by running the rules again (`verifiedDisable`), and is refused, with the reason, when that check fails or the
   * finding is gone. Any other action is returned as it came.
   */
  resolveCodeAction(doc: TextDocument, action: CodeAction, settings: Settings): ResolvedAction {
    const data = action.data as Deferred | undefined;
    if (action.edit || !data || typeof data !== 'object' || data.uri !== doc.uri || typeof data.ruleId !== 'string') return { action };
    if (data.ece !== 'fixAllRule' && data.ece !== 'disable') return { action };
    return withParseMemo(() => {
      const { data: _data, ...rest } = action;
      const withEdits = (edits: OffsetEdit[]): ResolvedAction => ({
        action: { ...rest, edit: this.action(doc, action.title, action.kind ?? CodeActionKind.QuickFix, edits, [], false).edit! },
      });
      const a = this.analyze(doc, settings);
      if (!a) return { action: rest, refused: 'the file is no longer checked' };
      if (data.ece === 'fixAllRule') {
        const edits = this.findingIndex(a).fixAll(data.ruleId);
        return edits ? withEdits(edits) : { action: rest, refused: `no ${data.ruleId} problems are left to fix in this file` };
      }
      const f = typeof data.key === 'string' ? this.findingIndex(a).byKey.get(data.key) : undefined;
      if (!f || f.ruleId !== data.ruleId) return { action: rest, refused: `the ${data.ruleId} problem changed since the action was listed; ask for the actions again` };
      const edit = this.verifiedDisable(doc, a, f, data.scope === 'file' ? 'file' : 'line', settings);
      if (!edit) {
        return {
          action: rest,
          refused: `a comment disabling ${data.ruleId} ${data.scope === 'file' ? 'for this file' : 'for this line'} would change other findings of this file (or not hide this one), so it was not added`,
        };
      }
      return withEdits([edit]);
    });
  }

  private codeActionsOnce(doc: TextDocument, _range: Range, diagnostics: Diagnostic[], only: string[] | undefined, settings: Settings, options: CodeActionOptions): CodeAction[] {
    const a = this.analyze(doc, settings);
    if (!a) return [];
    const actions: CodeAction[] = [];
    const wants = (kind: string) => !only || only.some((o) => kind === o || kind.startsWith(o + '.'));
    if (wants(CodeActionKind.QuickFix)) {
      const index = this.findingIndex(a);
      const seenRules = new Set<string>();
      // One action per title: two findings (or two rules) offering the same change show it once, with both diagnostics.
      const byTitle = new Map<string, CodeAction>();
      const offer = (title: string, edits: OffsetEdit[], d: Diagnostic | undefined, preferred: boolean) => {
        const had = byTitle.get(title);
        if (had) {
          if (d && had.diagnostics) had.diagnostics.push(d);
          return;
        }
        const action = this.action(doc, title, CodeActionKind.QuickFix, edits, d ? [d] : [], preferred);
        byTitle.set(title, action);
        actions.push(action);
      };
      for (const d of diagnostics) {
        if (d.source !== SOURCE || typeof d.code !== 'string') continue;
        const key = (d.data as { key?: string } | undefined)?.key;
        const f = key ? index.byKey.get(key) : undefined;
        if (!f) continue;
        for (const fix of f.fixes) {
          if (fix.command) {
            if (byTitle.has(fix.title)) continue;
            const action: CodeAction = { title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [d], command: { title: fix.title, ...fix.command } };
            byTitle.set(fix.title, action);
            actions.push(action);
          } else offer(fix.title, fix.edits, d, fix.preferred ?? false);
        }
        if (!seenRules.has(f.ruleId)) {
          seenRules.add(f.ruleId);
          const title = `Fix all ${f.ruleId} problems in this file`;
          // Listed without edits, the client asks for them with codeAction/resolve when the action is chosen: VS
          // Code asks for this list each time the cursor rests on a finding.
          const deferred = (t: string, data: Deferred, diag: Diagnostic | undefined) => {
            if (byTitle.has(t)) return;
            const action: CodeAction = { title: t, kind: CodeActionKind.QuickFix, data, ...(diag ? { diagnostics: [diag] } : {}) };
            byTitle.set(t, action);
            actions.push(action);
          };
          if (options.resolveEdits) {
            if (index.hasFixAll(f.ruleId)) deferred(title, { ece: 'fixAllRule', ruleId: f.ruleId, uri: doc.uri }, undefined);
            // The cheap checks now (where the comment goes, the file reads the same, the comment covers the finding:
            // disable.ts); running every rule again on the result waits for the resolve.
            // `key` found `f` (the diagnostic's data): the resolve finds the finding again by it.
            if (this.disableEdit(doc, f, 'line')) deferred(`Disable ${f.ruleId} for this line`, { ece: 'disable', scope: 'line', ruleId: f.ruleId, key: key!, uri: doc.uri }, d);
            if (this.disableEdit(doc, f, 'file')) deferred(`Disable ${f.ruleId} for this file`, { ece: 'disable', scope: 'file', ruleId: f.ruleId, key: key!, uri: doc.uri }, d);
          } else {
            const all = index.fixAll(f.ruleId);
            if (all) offer(title, all, undefined, false);
            const line = this.verifiedDisable(doc, a, f, 'line', settings);
            if (line) offer(`Disable ${f.ruleId} for this line`, [line], d, false);
            const file = this.verifiedDisable(doc, a, f, 'file', settings);
            if (file) offer(`Disable ${f.ruleId} for this file`, [file], d, false);
          }
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

  /**
   * Per analysis (a document version with its settings), built once and reused by every code-action request that
   * VS Code sends while the cursor rests on a finding: findings by key, and each rule's merged "fix all" edits.
   */
  private findingIndex(a: Analysis): FindingIndex {
    let idx = this.indexes.get(a);
    if (!idx) {
      const byKey = new Map(a.findings.map((f, i) => [findingKey(f, i), f] as const));
      const groupsOf = (ruleId: string) => {
        const groups: OffsetEdit[][] = [];
        for (const x of a.findings) if (x.ruleId === ruleId && x.fixes.length > 0 && x.fixes[0]!.edits.length > 0) groups.push(x.fixes[0]!.edits);
        return groups;
      };
      // Several findings sharing one fix (a whole-file conversion) are one change, not a "fix all".
      const hasMany = new Map<string, boolean>();
      const merged = new Map<string, OffsetEdit[] | undefined>();
      const built: FindingIndex = {
        byKey,
        hasFixAll: (ruleId: string) => {
          if (!hasMany.has(ruleId)) hasMany.set(ruleId, new Set(groupsOf(ruleId)).size > 1);
          return hasMany.get(ruleId)!;
        },
        fixAll: (ruleId: string) => {
          if (!merged.has(ruleId)) merged.set(ruleId, built.hasFixAll(ruleId) ? mergeEditGroups(groupsOf(ruleId)) : undefined);
          return merged.get(ruleId);
        },
      };
      this.indexes.set(a, built);
      idx = built;
    }
    return idx;
  }

  /** The suppression comment's edit after the checks of disable.ts only (no rule is run). */
  private disableEdit(doc: TextDocument, f: Finding, scope: 'line' | 'file'): OffsetEdit | undefined {
    const entry = this.parses.get(doc.uri);
    if (!entry || entry.tooLarge) return undefined;
    const style = entry.kind.commentStyle;
    return scope === 'line' ? disableLineEdit(entry.text, style, f.ruleId, f.start) : disableFileEdit(entry.text, style, f.ruleId);
  }

  /**
   * The suppression comment for a finding (`disable.ts` places it and checks the text still reads the same), kept only
   * when the rules, run again on the result, report that finding no more (for a line: one fewer of its findings; for
   * the file: none of the rule's) and nothing else changes. A finding placed by its rule on "the first line" cannot be
   * disabled for a line, for instance: the eager list then offers it for the file only, and a resolve of the listed
   * line action is refused.
   */
  private verifiedDisable(doc: TextDocument, a: Analysis, f: Finding, scope: 'line' | 'file', settings: Settings): OffsetEdit | undefined {
    const entry = this.parses.get(doc.uri);
    if (!entry || entry.tooLarge) return undefined;
    const text = entry.text;
    const style = entry.kind.commentStyle;
    const edit = this.disableEdit(doc, f, scope);
    if (!edit) return undefined;
    const after = applyEdits(text, [edit]);
    const kind = this.kindOf(doc.uri, after, settings);
    if (kind !== entry.kind) return undefined;
    let parsed: Parsed<unknown>;
    try {
      parsed = kind.parse(TextDocument.create(doc.uri, kind.id, doc.version, after));
    } catch {
      return undefined;
    }
    const bomRemoved = after.charCodeAt(0) !== 0xfeff && this.host.byteOrderMarkRemoved?.(doc.uri) === true;
    const found = this.runRules(doc.uri, { version: doc.version, text: after, kind, parsed }, settings, bomRemoved);
    // Findings compared by rule and message (numbers aside: a message may name a line, which the comment moves).
    const sig = (x: Finding) => `${x.ruleId}\0${x.message.replace(/\d+/g, '#')}`;
    const count = (list: Iterable<Finding>) => {
      const m = new Map<string, number>();
      for (const x of list) m.set(sig(x), (m.get(sig(x)) ?? 0) + 1);
      return m;
    };
    // What must go: every finding of the rule (for the file), or those of the rule on the finding's line (its own
    // line or its construct's first line).
    const same = a.findings.filter((x) => x.ruleId === f.ruleId);
    let gone = same;
    if (scope === 'line') {
      const lineOf = lineIndex(text);
      const starts = constructStarts(text, style, same.map((x) => x.start));
      const target = new Set([lineOf(f.start), lineOf(constructStarts(text, style, [f.start])[0]!)]);
      gone = same.filter((x, i) => target.has(lineOf(x.start)) || target.has(lineOf(starts[i]!)));
    }
    const expected = count(a.findings);
    for (const x of gone) expected.set(sig(x), expected.get(sig(x))! - 1);
    const now = count(found);
    for (const [k, n] of expected) if ((now.get(k) ?? 0) !== n) return undefined;
    for (const k of now.keys()) if (!expected.has(k)) return undefined;
    return edit;
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

  async hover(doc: TextDocument, position: Position, settings: Settings, signal?: AbortSignal): Promise<Hover | null> {
    const entry = this.parse(doc, settings);
    if (!entry?.kind.hover || entry.tooLarge) return null;
    const offset = doc.offsetAt(position);
    try {
      const h = await entry.kind.hover(entry.parsed.model, offset, { uri: doc.uri, settings, workspace: this.workspace, host: this.host, ...(signal ? { signal } : {}) });
      if (signal?.aborted) return null;
      if (!h) return null;
      const mask = this.maskWithPartners(entry, doc.uri);
      return { contents: { ...h.contents, value: mask.mask(h.contents.value) }, range: { start: doc.positionAt(h.start), end: doc.positionAt(h.end) } };
    } catch (e) {
      this.host.log(this.maskOf(entry).mask(`[${entry.kind.id}] hover failed on ${doc.uri}: ${errorText(e)}`));
      return null;
    }
  }

  symbols(doc: TextDocument, settings: Settings): DocumentSymbol[] {
    const entry = this.parse(doc, settings);
    if (!entry?.kind.symbols || entry.tooLarge) return [];
    try {
      const mask = this.maskWithPartners(entry, doc.uri);
      const clean = (list: DocumentSymbol[]): DocumentSymbol[] =>
        list.map((x) => ({
          ...x,
          name: mask.mask(x.name),
          ...(x.detail !== undefined ? { detail: mask.mask(x.detail) } : {}),
          ...(x.children ? { children: clean(x.children) } : {}),
        }));
      const out = entry.kind.symbols(entry.parsed.model, doc);
      return mask.empty ? out : clean(out);
    } catch (e) {
      this.host.log(this.maskOf(entry).mask(`[${entry.kind.id}] symbols failed on ${doc.uri}: ${errorText(e)}`));
      return [];
    }
  }

  completions(doc: TextDocument, position: Position, settings: Settings): CompletionItem[] {
    const entry = this.parse(doc, settings);
    if (!entry?.kind.completions || entry.tooLarge) return [];
    try {
      const mask = this.maskWithPartners(entry, doc.uri);
      const items = entry.kind.completions(entry.parsed.model, doc.offsetAt(position), { uri: doc.uri, settings, workspace: this.workspace, host: this.host });
      if (mask.empty) return items;
      return items.map((c) => ({
        ...c,
        ...(c.detail !== undefined ? { detail: mask.mask(c.detail) } : {}),
        ...(typeof c.documentation === 'string' ? { documentation: mask.mask(c.documentation) } : c.documentation ? { documentation: { ...c.documentation, value: mask.mask(c.documentation.value) } } : {}),
      }));
    } catch (e) {
      this.host.log(this.maskOf(entry).mask(`[${entry.kind.id}] completion failed on ${doc.uri}: ${errorText(e)}`));
      return [];
    }
  }
}

const readsCache = new WeakMap<FileKind<unknown>, readonly KindId[]>();

/** The other kinds a kind's rules read (their `reads` declarations), sorted: what its analyses depend on. */
function readsOf(kind: FileKind<unknown>): readonly KindId[] {
  let r = readsCache.get(kind);
  if (!r) {
    r = [...new Set(kind.rules.flatMap((x) => [...(x.reads ?? []), ...(x.readsCopies ?? [])]))].sort();
    readsCache.set(kind, r);
  }
  return r;
}

/** Identifies a finding within one analysis (a document version): rule, range and position in the list. */
function findingKey(f: Pick<Finding, 'ruleId' | 'start' | 'end'>, index: number): string {
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
