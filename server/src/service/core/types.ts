/**
 * The contracts of the language service. Everything here is pure data and interfaces:
 * no `vscode`, no LSP server library, no I/O. Offsets are UTF-16 code-unit offsets into the
 * document text exactly as it is on disk (CRLF and BOM included); the engine turns them into
 * LSP positions at the very end.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { CompletionItem, DocumentSymbol, MarkupContent } from 'vscode-languageserver-types';
import type { Settings } from './settings';
import type { JdbcUrl } from '../parse/jdbcUrl';

export type Severity = 'error' | 'warning' | 'information' | 'hint';
export type RuleLevel = Severity | 'off';

/** The file kinds the product understands. */
export type KindId = 'connpool' | 'reportsdb' | 'indexstats' | 'ecejs' | 'finesse' | 'webconfig' | 'batch';

/** A replacement of the raw text between two offsets (end exclusive). */
export interface OffsetEdit {
  start: number;
  end: number;
  newText: string;
}

export interface FixProposal {
  /** What the user sees in the light bulb, e.g. "Escape the backslashes". */
  title: string;
  /** Minimal edits, non-overlapping, in raw document offsets. */
  edits: OffsetEdit[];
  /**
   * Safe fixes never change what the admin meant (escaping a backslash, `&` to `&amp;`).
   * Only safe fixes are applied by `source.fixAll.ece` and `ece-config check --fix`.
   */
  safe: boolean;
  /** Marked as the preferred quick fix (Ctrl+. applies it directly). */
  preferred?: boolean;
  /**
   * A fix that is not a text edit (rewriting the pool entry inside deployment.zip): a server command the code action
   * runs (`workspace/executeCommand`). Such a fix has no edits and is never safe.
   */
  command?: { command: string; arguments: unknown[] };
}

/** Another place of the same file a finding refers to (LSP `relatedInformation`). */
export interface RelatedSpan {
  start: number;
  end: number;
  message: string;
}

/** What a rule reports. Fixes are computed eagerly: they are small and make code actions trivial. */
export interface Report {
  start: number;
  end: number;
  message: string;
  /** Other places this finding is about (e.g. the pools a pool disagrees with); the engine keeps at most 20. */
  related?: RelatedSpan[];
  /** Overrides the rule's default severity for this one report (a user setting still wins). */
  severity?: Severity;
  fixes?: FixProposal[];
}

/** A report with its rule id: what parsers return for syntax problems (e.g. `xml/not-well-formed`). */
export interface SyntaxProblem extends Report {
  ruleId: string;
}

/** Cross-file questions. Answers are `undefined`/empty when the other file is not known. */
export interface WorkspaceView {
  /**
   * The partner files of one kind for `fromUri` (the files of that kind of its own ECE home, shallowest first);
   * empty when there are none or when it cannot be told which home the file belongs to.
   */
  related(kind: KindId, fromUri: string): Array<{ uri: string; model: unknown }>;
  /** The copies of files of `kind` (the pool file inside deployment.zip) nearest to `fromUri`, by the same rule. */
  copies(kind: KindId, fromUri: string): Array<{ uri: string; model: unknown }>;
  /** Changes whenever `related` or `copies` would answer differently for one of `kinds` (caches key on it). */
  stamp(fromUri: string, kinds: readonly KindId[]): string;
}

export const EMPTY_WORKSPACE: WorkspaceView = { related: () => [], copies: () => [], stamp: () => '' };

export interface RuleContext {
  readonly uri: string;
  readonly settings: Settings;
  readonly workspace: WorkspaceView;
  /** The host's file-system probe (absent where no file system is at hand, e.g. a browser or a unit test). */
  readonly fileSystem?: FileSystemProbe;
  /** The file on disk starts with a UTF-8 byte order mark that the text does not hold (see `ServiceHost`). */
  readonly byteOrderMarkRemoved?: boolean;
  report(report: Report): void;
}

/** One rule: one file under `kinds/<kind>/rules/` (or `kinds/shared/`), listed in its kind's registry. */
export interface Rule<M> {
  /** Stable public id: diagnostic code, settings key and doc page name. Never changes once shipped. */
  readonly id: string;
  readonly defaultSeverity: Severity;
  /** One line, shown in hovers of `ece.rules` and in the rule list. */
  readonly description: string;
  /**
   * The other file kinds this rule reads through `ctx.workspace` (cross-file rules). The engine keys its cache on
   * them and the workspace model derives from them which files to re-check after a change; a rule that reads the
   * workspace without declaring it would show stale findings.
   */
  readonly reads?: readonly KindId[];
  /** The kinds whose copies (the pool file inside deployment.zip) this rule reads through `ctx.workspace.copies`. */
  readonly readsCopies?: readonly KindId[];
  check(model: M, ctx: RuleContext): void;
}

/** Context handed to hovers, completions and symbols. */
export interface FeatureContext {
  readonly uri: string;
  readonly settings: Settings;
  readonly workspace: WorkspaceView;
  readonly host: ServiceHost;
  /** Fires when the client no longer wants the answer (LSP `$/cancelRequest`). */
  readonly signal?: AbortSignal;
}

export interface HoverResult {
  contents: MarkupContent;
  start: number;
  end: number;
}

/** A position-keeping model of one file plus the syntax problems its parser found. Parsers never throw. */
export interface Parsed<M> {
  model: M;
  problems: SyntaxProblem[];
}

/**
 * Comment syntax of a kind: used by suppression comments and by the "disable for this line" action.
 * `rem`: batch files (`REM ...` and `:: ...`).
 */
export type CommentStyle = 'xml' | 'hash' | 'slash' | 'rem';

/** A JDBC URL found inside a file, with the way back from decoded URL offsets to raw document offsets. */
export interface JdbcUrlSite {
  /** The URL as the driver will see it (entities or escapes decoded). */
  text: string;
  /** The raw document range of decoded [start, end) (see `DecodedText`). */
  span(start: number, end: number): { start: number; end: number };
  /** The raw edit replacing decoded [start, end) with decoded `newText`, encoded for where it lands. */
  edit(start: number, end: number, newText: string): OffsetEdit;
  /** Extra knowledge the kind wants jdbc rules to have (e.g. the pool name), for messages. */
  label?: string;
  /** The kind's own parse of `text`, reused by the engine instead of parsing again. */
  parsed?: JdbcUrl;
}

export interface FileKind<M> {
  readonly id: KindId;
  /** Human name, e.g. "connection pool file". */
  readonly label: string;
  /** The LSP language id the client should prefer when it opens such a file. */
  readonly commentStyle: CommentStyle;
  /** Content check after the file name matched `ece.files.<id>`; absent means "name is enough". */
  claims?(text: string): boolean;
  parse(doc: TextDocument): Parsed<M>;
  readonly rules: ReadonlyArray<Rule<M>>;
  /** JDBC URLs in this file: the shared `jdbc/*` rules run on each. */
  jdbcUrls?(model: M): JdbcUrlSite[];
  /** The secret values of this file (passwords and the like): masked in every text the service gives out. */
  secrets?(model: M): string[];
  hover?(model: M, offset: number, ctx: FeatureContext): HoverResult | null | Promise<HoverResult | null>;
  symbols?(model: M, doc: TextDocument): DocumentSymbol[];
  completions?(model: M, offset: number, ctx: FeatureContext): CompletionItem[];
}

/** Runs a user's regular expression where it can be stopped (a worker), with a deadline. */
export interface RegexRunner {
  /**
   * Resolves with the match result per input, `timedOut: true` when the deadline passed, or `cancelled: true` when
   * `signal` fired first (the evaluation is then dropped if nobody else waits for it).
   */
  test(
    source: string,
    flags: string,
    inputs: string[],
    deadlineMs: number,
    signal?: AbortSignal,
  ): Promise<{ timedOut: boolean; cancelled?: boolean; results: boolean[]; error?: string }>;
}

/**
 * Read-only questions about the file system of the machine the service runs on. Only the faces that run where the
 * files are (the CLI, the language server) inject one; rules never ask about a path this machine cannot resolve.
 */
export interface FileSystemProbe {
  /** How the machine spells paths: `win32` resolves `C:\...`; `posix` resolves `/...`. */
  readonly platform: 'win32' | 'posix';
  /** True when the file or folder exists, false when it does not, undefined when the host cannot tell. */
  exists(path: string): boolean | undefined;
}

/** Everything the service needs from its surroundings, injected by the LSP adapter or the CLI. */
export interface ServiceHost {
  log(message: string): void;
  /** Base URI of the rule docs, e.g. `file:///…/docs/rules`; each diagnostic links `${docsBase}/${id}.md`. */
  docsBase?: string;
  regexRunner?: RegexRunner;
  /** Existence checks for paths named in files (`batch/path-not-found`); absent: those checks are off. */
  fileSystem?: FileSystemProbe;
  /**
   * True when the file behind `uri` starts with a UTF-8 byte order mark that the text handed to the service does not
   * hold: editors hide the mark (VS Code shows "UTF-8 with BOM" and writes it back on save), and the language server
   * drops it from the files it loads so that their offsets agree with the editor's. Rules that depend on the mark
   * (`properties/byte-order-mark`) see it as `RuleContext.byteOrderMarkRemoved`. Absent: the text is the whole file.
   */
  byteOrderMarkRemoved?(uri: string): boolean;
}
