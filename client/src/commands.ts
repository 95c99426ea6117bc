/**
 * Commands: the client asks the questions (quick pick, input boxes validated by the server) and applies
 * what the server returns. Each command also accepts its answers as an argument, so scripts and tests
 * can run it without prompts.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';

type ClientGetter = () => LanguageClient | undefined;

interface GadgetTabKindInfo {
  kind: string;
  label: string;
  detail: string;
  needsContextRoot: boolean;
}

function ready(getClient: ClientGetter): LanguageClient {
  const c = getClient();
  if (!c || !c.isRunning()) throw new Error('The ECE language server is not running yet.');
  return c;
}

/** The same edit without change annotations (VS Code then applies it at once instead of opening the preview). */
function withoutAnnotations(edit: unknown): unknown {
  const e = edit as { changeAnnotations?: unknown; documentChanges?: Array<{ edits?: Array<Record<string, unknown>> }> };
  const { changeAnnotations: _dropped, ...rest } = e;
  void _dropped;
  return {
    ...rest,
    documentChanges: rest.documentChanges?.map((c) =>
      c.edits
        ? {
            ...c,
            edits: c.edits.map((te) => {
              const { annotationId: _a, ...plain } = te;
              void _a;
              return plain;
            }),
          }
        : c,
    ),
  };
}

async function applyServerEdit(client: LanguageClient, edit: unknown, label: string): Promise<boolean> {
  const we = await client.protocol2CodeConverter.asWorkspaceEdit(edit as Parameters<typeof client.protocol2CodeConverter.asWorkspaceEdit>[0]);
  const ok = await vscode.workspace.applyEdit(we!, { isRefactoring: true });
  if (!ok) void vscode.window.showErrorMessage(`${label}: the edit could not be applied (the file changed meanwhile?). Try again.`);
  return ok;
}

async function insertGadgetTab(getClient: ClientGetter, args?: { kind?: string; host?: string; contextRoot?: string }): Promise<string | undefined> {
  const client = ready(getClient);
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    void vscode.window.showErrorMessage('Open the Finesse layout XML and place the cursor where the tab belongs.');
    return undefined;
  }
  const kinds = await client.sendRequest<GadgetTabKindInfo[]>('ece/gadgetTab/kinds');
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
  const validateHost = async (host: string) => (await client.sendRequest<string | null>('ece/gadgetTab/validate', { host })) ?? undefined;
  let host = args?.host;
  if (host === undefined) {
    host = await vscode.window.showInputBox({
      title: `${kind.label} tab: web server or load balancer`,
      prompt: 'Fully qualified host name, without https:// and without a path',
      value: cfg.get<string>('loadBalancerHost') ?? '',
      validateInput: validateHost,
    });
    if (host === undefined) return undefined;
  }
  let contextRoot = args?.contextRoot;
  if (kind.needsContextRoot && contextRoot === undefined) {
    contextRoot = await vscode.window.showInputBox({
      title: `${kind.label} tab: eGain Solve context root`,
      value: cfg.get<string>('solve.contextRoot') ?? '',
      validateInput: async (v) => (await client.sendRequest<string | null>('ece/gadgetTab/validate', { contextRoot: v })) ?? undefined,
    });
    if (contextRoot === undefined) return undefined;
  }
  const doc = editor.document;
  if (!editor.selection.isEmpty) await editor.edit((b) => b.delete(editor.selection));
  const result = await client.sendRequest<{ edit?: { start: number; end: number; newText: string }; error?: string }>('ece/gadgetTab/build', {
    kind: kind.kind,
    host,
    contextRoot,
    text: doc.getText(),
    offset: doc.offsetAt(editor.selection.start),
  });
  const edit = result.edit;
  if (result.error || !edit) {
    void vscode.window.showErrorMessage(result.error ?? 'The tab could not be built.');
    return undefined;
  }
  const range = new vscode.Range(doc.positionAt(edit.start), doc.positionAt(edit.end));
  const ok = await editor.edit((b) => b.replace(range, edit.newText));
  return ok ? edit.newText : undefined;
}

async function restrictFraming(getClient: ClientGetter, args?: { domains?: string | string[] }): Promise<number | undefined> {
  const client = ready(getClient);
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    void vscode.window.showErrorMessage('Open the web.config of the ECE site first.');
    return undefined;
  }
  let domains = args?.domains;
  if (domains === undefined) {
    const configured = vscode.workspace.getConfiguration('ece', editor.document.uri).get<string[]>('clickjacking.allowedDomains') ?? [];
    domains = await vscode.window.showInputBox({
      title: 'Restrict Framing to Domains',
      prompt: 'Parent domains allowed to frame ECE, comma-separated (e.g. example.com, partner.example.net)',
      value: configured.join(', '),
      validateInput: async (v) => (await client.sendRequest<string | null>('ece/restrictFraming/validate', { domains: v })) ?? undefined,
    });
    if (domains === undefined) return undefined;
  }
  const r = await client.sendRequest<{ edit?: unknown; count?: number; error?: string }>('ece/restrictFraming', { uri: editor.document.uri.toString(), domains });
  if (r.error || !r.edit) {
    void vscode.window.showErrorMessage(r.error ?? 'Nothing to change.');
    return undefined;
  }
  if (r.count === 0) {
    void vscode.window.showInformationMessage('Every wsname= pattern already allows exactly these domains.');
    return 0;
  }
  return (await applyServerEdit(client, r.edit, 'Restrict Framing')) ? r.count : undefined;
}

function folderUris(): string[] {
  return (vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.toString());
}

async function checkWorkspace(getClient: ClientGetter): Promise<{ files: number; problems: number; errors: number }> {
  const client = ready(getClient);
  const results = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'ECE: checking every ECE file of the workspace…' },
    () => client.sendRequest<Array<{ uri: string; count: number; errors: number }>>('ece/checkWorkspace', { roots: folderUris() }),
  );
  const summary = { files: results.length, problems: results.reduce((n, r) => n + r.count, 0), errors: results.reduce((n, r) => n + r.errors, 0) };
  const text = `ECE: ${summary.files} file${summary.files === 1 ? '' : 's'} checked, ${summary.problems} problem${summary.problems === 1 ? '' : 's'} (${summary.errors} error${summary.errors === 1 ? '' : 's'}).`;
  if (summary.problems) {
    void vscode.window.showInformationMessage(text, 'Show Problems').then((a) => (a ? vscode.commands.executeCommand('workbench.actions.view.problems') : undefined));
  } else void vscode.window.showInformationMessage(text);
  return summary;
}

interface WindowsAuthEditResult {
  edit: unknown;
  files: Array<{ uri: string; changes: string[] }>;
  zips: Array<{ path: string; needsChange: boolean; found: boolean; error?: string }>;
  message: string;
}

/**
 * Convert to Windows Authentication: one workspace edit (refactor preview, one undo step), then, after its own
 * confirmation, the copy inside deployment.zip. `{ confirmZip: true }` answers the zip question (for scripts/tests).
 */
async function convertWindowsAuth(
  getClient: ClientGetter,
  args?: { confirmZip?: boolean; skipZip?: boolean; preview?: boolean },
): Promise<{ files: number; zipMessages: string[] } | undefined> {
  const client = ready(getClient);
  const plan = await client.sendRequest<WindowsAuthEditResult>('ece/windowsAuthEdit', { roots: folderUris() });
  if (plan.edit) {
    // Confirmation: a modal that lists every change, with "Convert" (one edit, one undo step) or "Preview..."
    // (VS Code's refactor preview, where each change is ticked before it is applied).
    let preview = args?.preview;
    if (preview === undefined) {
      const lines = plan.files.map((f) => `${vscode.workspace.asRelativePath(vscode.Uri.parse(f.uri))}: ${f.changes.join('; ')}`);
      const answer = await vscode.window.showWarningMessage(
        'Convert to Windows Authentication?',
        { modal: true, detail: `${plan.message}\n\n${lines.join('\n')}` },
        'Convert',
        'Preview...',
      );
      if (!answer) return undefined;
      preview = answer === 'Preview...';
    }
    const applied = await applyServerEdit(client, preview ? plan.edit : withoutAnnotations(plan.edit), 'Convert to Windows Authentication');
    if (!applied) return undefined;
    // Save what the conversion changed, so the deployment.zip copy and the files on disk agree.
    for (const f of plan.files) {
      const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === vscode.Uri.parse(f.uri).toString());
      if (doc?.isDirty) await doc.save();
    }
  }
  const zipMessages: string[] = [];
  const pending = plan.zips.filter((z) => z.needsChange);
  for (const z of plan.zips) if (z.error) zipMessages.push(z.error);
  if (pending.length && !args?.skipZip) {
    const go =
      args?.confirmZip ??
      (await vscode.window.showWarningMessage(
        `Also convert the copy of the pool file inside ${pending.map((z) => z.path).join(', ')}? Every other entry stays byte for byte; a backup of the zip is kept beside it.`,
        { modal: true },
        'Convert the zip copy',
      )) === 'Convert the zip copy';
    if (go) {
      const r = await client.sendRequest<{ messages: string[]; ok: boolean }>('ece/windowsAuthZip', { roots: folderUris() });
      zipMessages.push(...r.messages);
      const show = r.ok ? vscode.window.showInformationMessage : vscode.window.showErrorMessage;
      void show(r.messages.join(' '));
    }
  }
  if (!plan.edit && !pending.length) void vscode.window.showInformationMessage(plan.message);
  return { files: plan.files.length, zipMessages };
}

export function registerCommands(context: vscode.ExtensionContext, getClient: ClientGetter): void {
  const wrap =
    <A, R>(fn: (g: ClientGetter, a?: A) => Promise<R>) =>
    async (a?: A) => {
      try {
        return await fn(getClient, a);
      } catch (e) {
        void vscode.window.showErrorMessage(e instanceof Error ? e.message : String(e));
        return undefined;
      }
    };
  context.subscriptions.push(
    vscode.commands.registerCommand('ece.insertGadgetTab', wrap(insertGadgetTab)),
    vscode.commands.registerCommand('ece.restrictFraming', wrap(restrictFraming)),
    vscode.commands.registerCommand('ece.checkWorkspace', wrap(checkWorkspace)),
    vscode.commands.registerCommand('ece.convertWindowsAuth', wrap(convertWindowsAuth)),
  );
}
