/**
 * The custom requests between the VS Code client and the ECE language server, typed once and imported by both sides
 * (as vscode-eslint shares its messages): a `RequestType` carries the method name, the params and the result, so a
 * change on one side that the other does not follow fails the type check instead of failing at run time.
 *
 * Also the `workspace/executeCommand` ids that any LSP client (Neovim, Helix, Emacs...) can run, with their
 * positional arguments and results. VS Code's own commands (`ece.*`, with prompts and a preview) use the requests.
 *
 * This module holds types and constants only: no ECE logic, no `vscode` import (the client bundles it), nothing
 * from the server's Node-only code.
 */
import { NotificationType, RequestType, RequestType0 } from 'vscode-languageserver-protocol';
import type { WorkspaceEdit } from 'vscode-languageserver-types';
// Type-only imports: erased from the bundles, so the client gets no service code.
import type { KindId } from './service/core/types';
import type { GadgetTabKind } from './service/kinds/finesse/insertTab';

// --- Insert Finesse Gadget Tab ---------------------------------------------------------------------------------------

export interface GadgetTabKindInfo {
  kind: GadgetTabKind;
  label: string;
  detail: string;
  needsContextRoot: boolean;
}

/** Exactly one of the two is checked; the answer is the problem in words, or null when the value is usable. */
export interface GadgetTabValidateParams {
  host?: string;
  contextRoot?: string;
}

export interface GadgetTabBuildParams {
  kind: GadgetTabKindInfo['kind'];
  host: string;
  contextRoot?: string;
  /** The layout's text and the cursor offset (UTF-16) where the tab goes. */
  text: string;
  offset: number;
}

export type GadgetTabBuildResult = { edit: { start: number; end: number; newText: string } } | { error: string };

// --- Restrict Framing to Domains -------------------------------------------------------------------------------------

export interface RestrictFramingParams {
  /** URI of the open web.config. */
  uri: string;
  /** Comma-separated or a list. */
  domains: string | string[];
}

export type RestrictFramingResult =
  | {
      edit: WorkspaceEdit;
      /** How many wsname= patterns change (0: every pattern already allows exactly these domains). */
      count: number;
      /** The wsname= part every changed pattern gets, as written in the file (XML-escaped); empty when count is 0. */
      pattern: string;
      /** The domains it allows, as parsed. */
      domains: string[];
    }
  | { error: string };

// --- Convert to Windows Authentication -------------------------------------------------------------------------------

export interface WindowsAuthEditParams {
  /** Workspace folder URIs (or paths). */
  roots: string[];
}

export interface WindowsAuthZipInfo {
  path: string;
  needsChange: boolean;
  found: boolean;
  error?: string;
}

export interface WindowsAuthEditResult {
  /**
   * The text part as ONE workspace edit (one undo step), null when no file needs a change. Each planned change carries
   * a change annotation (its label and description say what changes, never a value) that does NOT need confirmation.
   */
  edit: WorkspaceEdit | null;
  /**
   * The same edit for VS Code's refactor preview ("Preview..."), null with `edit`: VS Code opens the preview only when
   * some edit needs confirmation, and shows exactly those edits UNTICKED (so Apply would apply nothing if every change
   * needed it). So the planned changes stay ticked and one more entry, an empty edit that changes no text, carries the
   * one annotation with `needsConfirmation: true`: it opens the preview and says what happens after Apply.
   */
  preview: WorkspaceEdit | null;
  /** Per file: what changes, in words (no user name or password). */
  files: Array<{ uri: string; kind: KindId; changes: string[] }>;
  /** The deployment.zip files found and whether their pool entry needs the change (or why it cannot be changed). */
  zips: WindowsAuthZipInfo[];
  /** One line for a notification. */
  message: string;
}

export interface WindowsAuthZipParams {
  roots: string[];
  dryRun?: boolean;
}

export interface WindowsAuthZipResult {
  /** Lines for the user, including the old-password warning about each backup. */
  messages: string[];
  ok: boolean;
  /** The zips whose pool entry was converted (or, on a dry run, would be). */
  converted: string[];
}

// --- Check Workspace -------------------------------------------------------------------------------------------------

export interface CheckWorkspaceParams {
  roots?: string[];
}

export type CheckWorkspaceResult = Array<{ uri: string; count: number; errors: number }>;

// --- The kind of a document (context keys, language status) ----------------------------------------------------------

export interface DocumentInfoParams {
  uri: string;
}

export interface DocumentInfoResult {
  /** The ECE file kind, or null when the file is not an ECE file (by the `ece.files.*` globs and the kind's test). */
  kind: KindId | null;
  /** The kind in words ("Connection pool file"). */
  label: string | null;
  /** The settings in effect for this file that its rules read, as `name: value` lines (no secret is a setting). */
  settings: Array<{ name: string; value: string }>;
  /** Findings published for the file now. */
  problems: number;
  /** Whether the workspace holds ECE files (the server's model), for commands that act on the whole home. */
  workspaceHasEceFiles: boolean;
}

// --- The pool file inside deployment.zip (read-only view) ------------------------------------------------------------

export interface ZipEntryTextParams {
  /** `ece-zip:<zip path>!/<entry>` */
  uri: string;
}

export const Requests = {
  gadgetTabKinds: new RequestType0<GadgetTabKindInfo[], void>('ece/gadgetTab/kinds'),
  gadgetTabValidate: new RequestType<GadgetTabValidateParams, string | null, void>('ece/gadgetTab/validate'),
  gadgetTabBuild: new RequestType<GadgetTabBuildParams, GadgetTabBuildResult, void>('ece/gadgetTab/build'),
  restrictFramingValidate: new RequestType<{ domains: string }, string | null, void>('ece/restrictFraming/validate'),
  restrictFraming: new RequestType<RestrictFramingParams, RestrictFramingResult, void>('ece/restrictFraming'),
  windowsAuthEdit: new RequestType<WindowsAuthEditParams, WindowsAuthEditResult, void>('ece/windowsAuthEdit'),
  windowsAuthZip: new RequestType<WindowsAuthZipParams, WindowsAuthZipResult, void>('ece/windowsAuthZip'),
  checkWorkspace: new RequestType<CheckWorkspaceParams, CheckWorkspaceResult, void>('ece/checkWorkspace'),
  documentInfo: new RequestType<DocumentInfoParams, DocumentInfoResult, void>('ece/documentInfo'),
  /** The text of an `ece-zip:` entry (the pool file inside a deployment.zip) as the server checked it, or null. */
  zipEntryText: new RequestType<ZipEntryTextParams, string | null, void>('ece/zipEntryText'),
} as const;

/** Server → client: the ECE files of the workspace folders were (re)loaded; how many the model now holds. */
export interface WorkspaceLoadedParams {
  files: number;
}

export const Notifications = {
  workspaceLoaded: new NotificationType<WorkspaceLoadedParams>('ece/workspaceLoaded'),
} as const;

// --- workspace/executeCommand (any LSP client) ------------------------------------------------------------------------

/**
 * The commands any LSP client can run with `workspace/executeCommand`. VS Code's commands (`ece.*`) differ in name so
 * the two never clash. Arguments are positional, as `workspace/executeCommand` passes them.
 */
export const ServerCommands = {
  /** `()` → `CheckWorkspaceCommandResult` after reading the folders again and publishing every ECE file's findings. */
  checkWorkspace: 'ece.server.checkWorkspace',
  /** `()` → applies the conversion edit with `workspace/applyEdit`, then the deployment.zip step; `{ ok, messages }`. */
  convertWindowsAuth: 'ece.server.convertWindowsAuth',
  /** `(uri, domains)` → applies the restricted wsname= patterns; `{ ok, count, pattern }` or `{ error }`. */
  restrictFraming: 'ece.server.restrictFraming',
  /** `(uri, position, kind, host, contextRoot?)` → inserts the tab; `{ ok }` or `{ error }`. */
  insertGadgetTab: 'ece.server.insertGadgetTab',
  /**
   * `(poolUri, zipUri)` → copies the pool file into the deployment.zip (the quick fix of
   * connpool/deployment-zip-differs, whose command id is this one: the server checks that they agree);
   * `CopyPoolIntoZipCommandResult`.
   */
  copyPoolIntoZip: 'ece.server.copyPoolIntoZip',
} as const;

export type CopyPoolIntoZipCommandResult = { ok: boolean; message: string };

export interface CheckWorkspaceCommandResult {
  files: number;
  findings: number;
  errors: number;
}

export type ConvertWindowsAuthCommandResult = { ok: boolean; messages: string[] };
export type RestrictFramingCommandResult = { ok: true; count: number; pattern: string } | { error: string };
export type InsertGadgetTabCommandResult = { ok: true } | { error: string };
