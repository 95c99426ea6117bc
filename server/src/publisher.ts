/**
 * Diagnostics for every ECE file the server knows, open or not, pushed with `textDocument/publishDiagnostics`.
 *
 * One validation per URI at a time (the `Scheduler`), whatever asks for it: an edit, a document closing (its findings
 * go back to the disk version), a file changed on disk, a partner file changing, Check Workspace. An open document is
 * validated from the editor's text, a closed one from the workspace model (the disk text), a file that could not be
 * read gets one `ece/file-not-read` finding, and a file that is no longer an ECE file gets an empty list. A result
 * equal to the last one published for that URI (same findings, same document version) is not sent again.
 *
 * Why push and not LSP 3.17 pull diagnostics: vscode-languageclient 9 clears a document's pulled diagnostics when
 * it closes unless workspace pull is on, and its workspace pull asks for the whole workspace again two seconds after
 * every answer (`DiagnosticRequestor.pullWorkspace`). Push sends only what changed, and every client has it.
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { FILE_NOT_READ, SOURCE, type EceLanguageService } from './service/core/engine';
import type { Settings } from './service/core/settings';
import { canonicalUri } from './service/workspace/model';
import type { WorkspaceSession } from './node/workspace';
import { Scheduler } from './scheduler';

export interface PublisherDeps {
  service: EceLanguageService;
  session: WorkspaceSession;
  documents: { get(uri: string): TextDocument | undefined };
  settingsFor(uri: string): Promise<Settings>;
  publish(params: { uri: string; version?: number; diagnostics: Diagnostic[] }): Promise<void>;
  log(message: string): void;
  /** Base URI of the rule pages, for the not-read finding's link. */
  docsBase?: string;
}

export class DiagnosticsPublisher {
  /** What was last published per (canonical) URI, as JSON, so an unchanged result is not sent again. */
  private readonly last = new Map<string, string>();
  private readonly scheduler: Scheduler;
  /** publishDiagnostics sent (for the log and the benchmark). */
  sent = 0;

  constructor(private readonly d: PublisherDeps) {
    this.scheduler = new Scheduler((uri) => this.validate(uri), d.log);
  }

  /** Validates `uri` (after the adaptive delay, or `delayMs`); a newer request for the same URI replaces it. */
  schedule(uri: string, delayMs?: number): void {
    this.scheduler.schedule(uri, delayMs);
  }

  scheduleAll(uris: Iterable<string>): void {
    for (const u of uris) this.scheduler.schedule(u, 0);
  }

  /** Forgets what was published for `uri` (the client forgets it too when its document closes: see `closed`). */
  cancel(uri: string): void {
    this.scheduler.cancel(uri);
  }

  private async validate(uri: string): Promise<void> {
    const { service, session, documents } = this.d;
    const open = documents.get(uri);
    if (open) {
      const version = open.version;
      const settings = await this.d.settingsFor(uri);
      const current = documents.get(uri);
      if (!current || current.version !== version) return; // a newer edit will validate
      // Keep the cross-file model in step with the editor, reusing the engine's parse of this version, and refresh
      // the files (open or not) whose cross-file rules read this one.
      const entry = service.parse(current, settings);
      const readers = session.documentChanged(current, entry && !entry.tooLarge ? { kind: entry.kind, model: entry.parsed.model } : undefined);
      for (const r of readers) this.scheduler.schedule(r, 0);
      const diagnostics = service.diagnostics(current, settings);
      // Validation ran synchronously: let edits that arrived meanwhile be read and dispatched (the JSON-RPC layer
      // dispatches from setImmediate, so wait for the next loop turn), and publish only if none did.
      await new Promise<void>((resolve) => setTimeout(resolve, 0));
      if (documents.get(uri)?.version !== version) return;
      await this.send(uri, diagnostics, version, entry !== undefined);
      return;
    }
    const file = session.model.get(uri);
    if (file) {
      const settings = await this.d.settingsFor(uri);
      if (documents.get(uri)) return this.scheduler.schedule(uri, 0); // opened meanwhile: validate the editor's text
      const now = session.model.get(uri);
      if (!now) return this.send(uri, []);
      const doc = TextDocument.create(now.uri, now.kind, now.version, now.text);
      await this.send(uri, service.diagnostics(doc, settings));
      service.forget(uri);
      return;
    }
    const notRead = session.notRead.get(canonicalUri(uri));
    if (notRead) {
      const d: Diagnostic = {
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        severity: DiagnosticSeverity.Warning,
        code: FILE_NOT_READ,
        source: SOURCE,
        message: `This file ${notRead.message}.`,
      };
      if (this.d.docsBase) d.codeDescription = { href: `${this.d.docsBase}/${FILE_NOT_READ}.md` };
      await this.send(uri, [d]);
      return;
    }
    await this.send(uri, []);
  }

  private async send(uri: string, diagnostics: Diagnostic[], version?: number, answer = false): Promise<void> {
    const key = canonicalUri(uri);
    // The version is part of what was published: every new version of an open document gets its answer, even when
    // its findings are those of the version before (a client, or a script, waiting for "the findings of version N"
    // would otherwise wait for ever, e.g. after a keystroke in a file whose first ece.maxProblems findings did not
    // change); a second validation of the same version (a partner changed, Check Workspace) is not sent again.
    const json = `${version ?? ''}|${JSON.stringify(diagnostics)}`;
    if (this.last.get(key) === json) return;
    // Nothing to show and nothing shown before: no message, except for the version of an open ECE file (the answer
    // a client waits for; a file that is no ECE file gets none).
    if (diagnostics.length === 0 && !this.last.has(key) && !answer) return;
    this.last.set(key, json);
    this.sent++;
    await this.d.publish(version === undefined ? { uri, diagnostics } : { uri, version, diagnostics });
  }
}
