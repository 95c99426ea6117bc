/**
 * The contracts of the language service. Everything here is pure data and interfaces:
 * no `vscode`, no LSP server library, no I/O. Offsets are UTF-16 code-unit offsets into the
 * document text exactly as it is on disk (CRLF and BOM included); the engine turns them into
 * LSP positions at the very end.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { CompletionItem, DocumentSymbol, MarkupContent } from 'vscode-languageserver-types';
import type { Settings } from './settings';
import type { ConnectionPort, JdbcUrl } from '../parse/jdbcUrl';

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

/**
 * One `<connpool>` of a pool file as the rules of other files see it: plain values, no parse tree (the workspace
 * builds it from the connpool kind's model; see `WorkspaceView.poolFile`).
 */
export interface PoolSummary {
  /** The pool's name as written (attribute or child), trimmed; undefined when it has none. */
  name: string | undefined;
  /** How messages name the pool: `"Platform_MSSQL_Pool"`, or its position (`#2`) when it has no name. */
  label: string;
  /** The Url as the driver reads it (XML entities decoded), trimmed; undefined when the pool has no `<Url>`. */
  url: string | undefined;
  /** Where a SQL Server URL connects; undefined for any other URL (or none). */
  sqlServer:
    | {
        /** The server the driver connects to (`serverName` or the host part), trimmed; undefined when none. */
        host: string | undefined;
        /** The `databaseName` the URL opens; undefined when it names none. */
        database: string | undefined;
        /** Where the driver connects, port-wise (see `connectionPort`). */
        port: ConnectionPort;
      }
    | undefined;
  /** The reports pool (its name mentions "report"), not an active-database pool. */
  reports: boolean;
  /** How the driver logs in: SQL authentication, Windows authentication, or neither (no usable URL or login). */
  login: 'sql' | 'windows' | 'none';
  /** A non-empty `<User>` or `user` URL property. */
  hasUser: boolean;
  /** A non-empty `<Password>` or `password` URL property. */
  hasPassword: boolean;
}

/** A pool file (or its copy inside deployment.zip) as the rules of other files see it. */
export interface PoolFileSummary {
  uri: string;
  pools: readonly PoolSummary[];
}

/** A web server host named by a gadget config script or a Finesse layout. */
export interface GadgetHost {
  uri: string;
  /** What names it, for messages: "spog_config.js", "layout agent.xml". */
  source: string;
  host: string;
}

/** The other service script of an ECE home (`egainstop.bat` for `egainstart.bat` and the other way round). */
export interface PartnerScript {
  uri: string;
  /** Its file name as written, for messages. */
  displayName: string;
  /**
   * `env.fs.shared.location` as the script sets it when it sets it plainly (blanks and quotes around the value
   * removed); undefined when it does not, or when the value depends on the run.
   */
  sharedLocation: string | undefined;
}

/** An ECE home the Reports DB utility is given in `reportsdb_utility.properties`. */
export interface ReportsdbHome {
  uri: string;
  /** `EGAIN_HOME_DIR` (12.6) or `ECE_HOME_DIR` (12.5). */
  key: string;
  /** The value exactly as `java.util.Properties` loads it (escapes applied). */
  value: string;
}

/**
 * Cross-file questions, each answered from the files of the asking file's own ECE home (see `WorkspaceModel`). Every
 * answer is `undefined` or empty when the other file is not known (or it cannot be told which home is meant), so a
 * cross-file rule stays silent without it. The answers are plain summaries: a kind never sees another kind's model.
 * Each query reads the kinds `VIEW_QUERY_READS` names; a rule declares them in `Rule.reads` / `Rule.readsCopies`.
 */
export interface WorkspaceView {
  /** The nearest connection pool file. */
  poolFile(fromUri: string): PoolFileSummary | undefined;
  /** The copy of the nearest pool file inside `service/lib/deployment.zip`. */
  poolFileCopy(fromUri: string): PoolFileSummary | undefined;
  /** The hosts `web_server_name` names in the gadget config scripts and the ECE gadget hosts of the Finesse layouts. */
  gadgetHosts(fromUri: string): GadgetHost[];
  /** The other service script of `egainstart.bat` / `egainstop.bat`, in the same folder; undefined for other files. */
  partnerScript(fromUri: string): PartnerScript | undefined;
  /** The ECE home the nearest `reportsdb_utility.properties` gives (one entry per key present, as Java loads it). */
  reportsdbHomes(fromUri: string): ReportsdbHome[];
  /** Changes whenever a query reading one of `kinds` would answer differently (caches key on it). */
  stamp(fromUri: string, kinds: readonly KindId[]): string;
}

/** The queries of `WorkspaceView` (all but `stamp`). */
export type WorkspaceQuery = Exclude<keyof WorkspaceView, 'stamp'>;

/**
 * The kinds of files each query reads (`reads`) and the kinds whose copies it reads (`copies`). A rule calling a query
 * declares these in `Rule.reads` / `Rule.readsCopies` (a unit test holds every rule to it), so the engine's cache stamp
 * and the workspace's re-checks cover what it read.
 */
export const VIEW_QUERY_READS: { readonly [Q in WorkspaceQuery]: { readonly reads: readonly KindId[]; readonly copies: readonly KindId[] } } = {
  poolFile: { reads: ['connpool'], copies: [] },
  poolFileCopy: { reads: [], copies: ['connpool'] },
  gadgetHosts: { reads: ['ecejs', 'finesse'], copies: [] },
  partnerScript: { reads: ['batch'], copies: [] },
  reportsdbHomes: { reads: ['reportsdb'], copies: [] },
};

/** The view of a file that has no workspace (a unit test, a file outside every ECE home): nothing is known. */
/** What the engine asks the workspace besides the rules' queries (rules see only `WorkspaceView`). */
export interface EngineWorkspace extends WorkspaceView {
  /**
   * The secret values (each kind's `secrets`) of the partner files of `kind` for `fromUri` and of their copies: a
   * cross-file message may quote them (a pool's Url in a finding of input.properties), so they are masked in this
   * file's texts too. `onError` hears a listing that threw; the others are still given.
   */
  partnerSecrets(fromUri: string, kind: KindId, onError: (e: unknown) => void): string[];
}

export const EMPTY_WORKSPACE: EngineWorkspace = {
  poolFile: () => undefined,
  poolFileCopy: () => undefined,
  gadgetHosts: () => [],
  partnerScript: () => undefined,
  reportsdbHomes: () => [],
  stamp: () => '',
  partnerSecrets: () => [],
};

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
   * The other file kinds this rule reads through `ctx.workspace` (cross-file rules: the `reads` of the queries it
   * calls, see `VIEW_QUERY_READS`). The engine keys its cache on them and the workspace model derives from them which
   * files to re-check after a change; a rule that reads the workspace without declaring it would show stale findings.
   */
  readonly reads?: readonly KindId[];
  /** The kinds whose copies (the pool file inside deployment.zip) this rule reads (`ctx.workspace.poolFileCopy`). */
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

/** One change of "Convert to Windows Authentication", in words without any value that could be a secret. */
export interface PlannedChange {
  /** Raw offsets of the edit this change belongs to. */
  start: number;
  end: number;
  /** What changes: "pool 'X': Password emptied". */
  what: string;
}

/** The minimal edits that put one file on Windows authentication (empty when it already is), one change per edit. */
export interface WindowsAuthPlan {
  /** Non-overlapping, sorted by offset. */
  edits: OffsetEdit[];
  /** One entry per edit, same order. */
  changes: PlannedChange[];
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
  /** The edits of "Convert to Windows Authentication" for this file (kinds that hold logins only); idempotent. */
  windowsAuth?(model: M): WindowsAuthPlan;
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
