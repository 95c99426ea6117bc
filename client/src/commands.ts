/**
 * Commands: the client asks the questions (quick pick, input boxes validated by the server, confirmations) and applies
 * what the server returns. Each command also accepts its answers as an argument, so scripts and tests can run it
 * without prompts. The requests and their types are in server/src/protocol.ts (shared with the server).
 */
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { Requests, type WindowsAuthEditResult } from '../../server/src/protocol';
import { SETTINGS_QUERY, type ActiveDocumentStatus } from './status';

type ClientGetter = () => LanguageClient | undefined;

function ready(getClient: ClientGetter): LanguageClient {
  const c = getClient();
  if (!c || !c.isRunning()) throw new Error('The ECE language server is not running yet.');
  return c;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

async function applyServerEdit(client: LanguageClient, edit: Parameters<LanguageClient['protocol2CodeConverter']['asWorkspaceEdit']>[0]): Promise<boolean> {
  const we = await client.protocol2CodeConverter.asWorkspaceEdit(edit);
  return vscode.workspace.applyEdit(we!, { isRefactoring: true });
}

async function insertGadgetTab(getClient: ClientGetter, args?: { kind?: string; host?: string; contextRoot?: string }): Promise<string | undefined> {
  const client = ready(getClient);
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    void vscode.window.showErrorMessage('Open the Finesse layout XML and place the cursor where the tab belongs.');
    return undefined;
  }
  const kinds = await client.sendRequest(Requests.gadgetTabKinds);
  let kind = kinds.find((k) => k.kind === args?.kind);
  if (!kind) {
    const pick = await vscode.window.showQuickPick(
      kinds.map((k) => ({ label: k.label, detail: k.detail, k })),
      { title: 'Insert Finesse Gadget Tab', placeHolder: 'Which gadget?' },
    );
    if (!pick) return undefined;
    kind = pick.k;
  }
  const cfg = vscode.workspace.getConfiguration('ece', editor.document.uri);
  let host = args?.host;
  if (host === undefined) {
    host = await vscode.window.showInputBox({
      title: `${kind.label} tab: web server or load balancer`,
      prompt: 'Fully qualified host name, without https:// and without a path',
      value: cfg.get<string>('loadBalancerHost') ?? '',
      validateInput: async (v) => (await client.sendRequest(Requests.gadgetTabValidate, { host: v })) ?? undefined,
    });
    if (host === undefined) return undefined;
  }
  let contextRoot = args?.contextRoot;
  if (kind.needsContextRoot && contextRoot === undefined) {
    contextRoot = await vscode.window.showInputBox({
      title: `${kind.label} tab: eGain Solve context root`,
      value: cfg.get<string>('solve.contextRoot') ?? '',
      validateInput: async (v) => (await client.sendRequest(Requests.gadgetTabValidate, { contextRoot: v })) ?? undefined,
    });
    if (contextRoot === undefined) return undefined;
  }
  const doc = editor.document;
  if (!editor.selection.isEmpty) await editor.edit((b) => b.delete(editor.selection));
  const result = await client.sendRequest(Requests.gadgetTabBuild, {
    kind: kind.kind,
    host,
    contextRoot,
    text: doc.getText(),
    offset: doc.offsetAt(editor.selection.start),
  });
  if ('error' in result) {
    void vscode.window.showErrorMessage(result.error);
    return undefined;
  }
  const edit = result.edit;
  const range = new vscode.Range(doc.positionAt(edit.start), doc.positionAt(edit.end));
  const ok = await editor.edit((b) => b.replace(range, edit.newText));
  return ok ? edit.newText : undefined;
}

/**
 * Restrict Framing to Domains: asks for the domains (unless given), shows what it will write and where, applies it as
 * one undoable edit, then says what it wrote. `{ domains }` answers both questions (scripts and tests).
 */
async function restrictFraming(getClient: ClientGetter, args?: { domains?: string | string[] }): Promise<number | undefined> {
  const client = ready(getClient);
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    void vscode.window.showErrorMessage('Open the web.config of the ECE site first.');
    return undefined;
  }
  const interactive = args?.domains === undefined;
  let domains = args?.domains;
  if (domains === undefined) {
    const configured = vscode.workspace.getConfiguration('ece', editor.document.uri).get<string[]>('clickjacking.allowedDomains') ?? [];
    domains = await vscode.window.showInputBox({
      title: 'Restrict Framing to Domains',
      prompt: 'Parent domains allowed to frame ECE, comma-separated (e.g. example.com, partner.example.net)',
      value: configured.join(', '),
      validateInput: async (v) => (await client.sendRequest(Requests.restrictFramingValidate, { domains: v })) ?? undefined,
    });
    if (domains === undefined) return undefined;
  }
  const file = vscode.workspace.asRelativePath(editor.document.uri);
  const r = await client.sendRequest(Requests.restrictFraming, { uri: client.code2ProtocolConverter.asUri(editor.document.uri), domains });
  if ('error' in r) {
    void vscode.window.showErrorMessage(r.error);
    return undefined;
  }
  const list = r.domains.join(', ');
  if (r.count === 0) {
    void vscode.window.showInformationMessage(`Every wsname= pattern of ${file} already allows exactly ${list}; nothing was changed.`);
    return 0;
  }
  const what = `${plural(r.count, 'wsname= pattern')} of ${file}`;
  if (interactive) {
    const answer = await vscode.window.showWarningMessage(
      `Restrict framing to ${list}?`,
      {
        modal: true,
        detail:
          `"Restrict" replaces the wsname= part of ${what} with:\n\n${r.pattern}\n\n` +
          'The file is changed in the editor, not saved: save it to keep the change, Undo takes it back. Cancel changes nothing.',
      },
      'Restrict',
    );
    if (answer !== 'Restrict') return undefined;
  }
  if (!(await applyServerEdit(client, r.edit))) {
    void vscode.window.showErrorMessage(`Restrict Framing: ${file} changed while the edit was prepared, so nothing was written. Run the command again.`);
    return undefined;
  }
  void vscode.window.showInformationMessage(`Restricted framing to ${list}: wrote ${r.pattern} into ${what} (unsaved).`);
  return r.count;
}

function folderUris(): string[] {
  return (vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.toString());
}

async function checkWorkspace(getClient: ClientGetter): Promise<{ files: number; problems: number; errors: number }> {
  const client = ready(getClient);
  const results = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'ECE: checking every ECE file of the workspace…' },
    () => client.sendRequest(Requests.checkWorkspace, { roots: folderUris() }),
  );
  const summary = { files: results.length, problems: results.reduce((n, r) => n + r.count, 0), errors: results.reduce((n, r) => n + r.errors, 0) };
  const text = `ECE: ${plural(summary.files, 'file')} checked, ${plural(summary.problems, 'problem')} (${plural(summary.errors, 'error')}).`;
  if (summary.problems) {
    void vscode.window.showInformationMessage(text, 'Show Problems').then((a) => (a ? vscode.commands.executeCommand('workbench.actions.view.problems') : undefined));
  } else void vscode.window.showInformationMessage(text);
  return summary;
}

export interface ConvertResult {
  /** Whether the text edit was applied (false: nothing to do, cancelled, or nothing ticked in the preview). */
  applied: boolean;
  /** The files the edit changed and that were saved (fsPath). */
  saved: string[];
  zipMessages: string[];
}

/** The buttons of the first question, and what each does (the dialog says the same). */
const CONVERT = 'Convert and Save';
const PREVIEW = 'Preview...';
const CONVERT_ZIP = 'Convert the Zip Copy';

function convertDetail(plan: WindowsAuthEditResult): string {
  const lines = plan.files.map((f) => `${vscode.workspace.asRelativePath(vscode.Uri.parse(f.uri))}:\n  ${f.changes.join('\n  ')}`);
  const zipNext = plan.zips.some((z) => z.needsChange);
  return [
    plan.message,
    '',
    ...lines,
    '',
    `"${CONVERT}" applies every change listed here as one edit (Undo takes it back) and saves the changed files.`,
    `"${PREVIEW}" opens the refactor preview with every change ticked: untick what to leave out, then Apply applies the ticked changes and saves those files.`,
    ...(zipNext ? ['Either way you are then asked about the copy of the pool file inside deployment.zip.'] : []),
    'Cancel changes nothing.',
  ].join('\n');
}

/**
 * The documents of `uris` that the edit changed (their version moved since `before`, or they were not loaded), saved.
 * VS Code saves the files of a refactoring that touches several files itself (`files.refactoring.autoSave`, on by
 * default); a file it left dirty is saved here. Returns the files that are now saved with the change.
 */
async function saveChanged(uris: string[], before: Map<string, number>): Promise<string[]> {
  const saved: string[] = [];
  for (const u of uris) {
    // By file path: the server's URI may spell the path's characters otherwise (percent-encoding) than VS Code does.
    const key = vscode.Uri.parse(u).fsPath;
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'file' && d.uri.fsPath === key);
    if (!doc || before.get(key) === doc.version) continue; // not touched (unticked in the preview)
    if (doc.isDirty && !(await doc.save())) continue;
    saved.push(doc.uri.fsPath);
  }
  return saved;
}

/**
 * Convert to Windows Authentication: one workspace edit (or VS Code's refactor preview of it), the changed files
 * saved (so `ece-config check` and the Problems panel see the same files), then, after its own confirmation, the copy
 * inside deployment.zip. Arguments answer the questions: `{ preview: false }` converts without the first question,
 * `{ preview: true }` opens the preview, `{ confirmZip: true | false }` answers the zip question.
 */
async function convertWindowsAuth(getClient: ClientGetter, args?: { confirmZip?: boolean; preview?: boolean }): Promise<ConvertResult | undefined> {
  const client = ready(getClient);
  const plan = await client.sendRequest(Requests.windowsAuthEdit, { roots: folderUris() });
  const result: ConvertResult = { applied: false, saved: [], zipMessages: [] };
  if (plan.edit && plan.preview) {
    let preview = args?.preview;
    if (preview === undefined) {
      const answer = await vscode.window.showWarningMessage('Convert to Windows Authentication?', { modal: true, detail: convertDetail(plan) }, CONVERT, PREVIEW);
      if (!answer) return undefined;
      preview = answer === PREVIEW;
    }
    const before = new Map(vscode.workspace.textDocuments.map((d) => [d.uri.fsPath, d.version]));
    result.applied = await applyServerEdit(client, preview ? plan.preview : plan.edit);
    if (!result.applied) {
      void vscode.window.showWarningMessage(
        preview
          ? 'Convert to Windows Authentication: nothing was changed (the preview was discarded, or no change was ticked).'
          : 'Convert to Windows Authentication: nothing was changed, because a file changed while the edit was prepared. Run the command again.',
      );
      return result;
    }
    result.saved = await saveChanged(plan.files.map((f) => f.uri), before);
  }
  const pending = plan.zips.filter((z) => z.needsChange);
  for (const z of plan.zips) if (z.error) result.zipMessages.push(z.error);
  if (pending.length) {
    const names = pending.map((z) => vscode.workspace.asRelativePath(z.path)).join(', ');
    const go =
      args?.confirmZip ??
      (await vscode.window.showWarningMessage(
        `Also convert the copy of the pool file inside ${names}?`,
        {
          modal: true,
          detail:
            `"${CONVERT_ZIP}" rewrites only dataaccess/egpl_ds_connpool_map.xml inside the zip, keeps every other entry byte for byte, and writes a backup of the original zip beside it (the backup still holds the old user names and passwords).\n` +
            'Cancel leaves the zip as it is: ECE then still deploys the old pool file from it.',
        },
        CONVERT_ZIP,
      )) === CONVERT_ZIP;
    if (go) {
      const r = await client.sendRequest(Requests.windowsAuthZip, { roots: folderUris() });
      result.zipMessages.push(...r.messages);
      const show = r.ok ? vscode.window.showInformationMessage : vscode.window.showErrorMessage;
      void show(r.messages.join(' '));
    }
  }
  if (result.applied) void vscode.window.showInformationMessage(`Converted to Windows authentication and saved: ${result.saved.map((f) => vscode.workspace.asRelativePath(f)).join(', ') || 'no file'}.`);
  else if (!plan.edit && !pending.length) void vscode.window.showInformationMessage(plan.message);
  return result;
}

/** Opens the page of a rule (docs/rules/<id>.md in the extension) in the Markdown preview; the settings link here. */
async function showRuleDoc(context: vscode.ExtensionContext, id?: string): Promise<boolean> {
  if (typeof id !== 'string' || !/^[a-z0-9-]+(\/[a-z0-9-]+)+$/.test(id)) return false;
  const file = vscode.Uri.joinPath(context.extensionUri, 'docs', 'rules', `${id}.md`);
  if (!fs.existsSync(file.fsPath)) {
    void vscode.window.showErrorMessage(`No page for the rule ${id}.`);
    return false;
  }
  await vscode.commands.executeCommand('markdown.showPreview', file);
  return true;
}

export function registerCommands(context: vscode.ExtensionContext, getClient: ClientGetter, status: ActiveDocumentStatus): void {
  const wrap =
    <A, R>(fn: (g: ClientGetter, a?: A) => Promise<R>) =>
    async (a?: A) => {
      try {
        return await fn(getClient, a);
      } catch (e) {
        void vscode.window.showErrorMessage(e instanceof Error ? e.message : String(e));
        return undefined;
      } finally {
        void status.refresh();
      }
    };
  context.subscriptions.push(
    vscode.commands.registerCommand('ece.insertGadgetTab', wrap(insertGadgetTab)),
    vscode.commands.registerCommand('ece.restrictFraming', wrap(restrictFraming)),
    vscode.commands.registerCommand('ece.checkWorkspace', wrap(checkWorkspace)),
    vscode.commands.registerCommand('ece.convertWindowsAuth', wrap(convertWindowsAuth)),
    vscode.commands.registerCommand('ece.showRuleDoc', (id?: string) => showRuleDoc(context, id)),
    // For tests and support: what the language status item shows for the active document.
    vscode.commands.registerCommand('ece.activeDocumentInfo', async () => {
      await status.refresh();
      const last = status.last;
      if (last) {
        const settings = last.info.settings.map((x) => `${x.name}: ${x.value}`).join('; ');
        void vscode.window.showInformationMessage(`${vscode.workspace.asRelativePath(vscode.Uri.parse(last.uri))} is an ECE ${last.info.label}. Settings in effect: ${settings}.`, 'Open Settings').then((a) =>
          a ? vscode.commands.executeCommand('workbench.action.openSettings', SETTINGS_QUERY) : undefined,
        );
      }
      return last;
    }),
  );
}
