// The import boundaries of ARCHITECTURE.md ("Invariants"), as `no-restricted-imports` blocks per folder, so a layering
// mistake fails `npm run lint` (and shows in the editor) instead of rotting quietly. Each pattern carries its reason.
// ESLint applies the last matching block's options for a rule, so every block lists the whole set for its folder.
// test/unit/layering.test.ts lints deliberate violations with these blocks and expects each to be refused.

/** The file kinds' folders under server/src/service/kinds/ (`shared/` and `properties/` are libraries, not kinds). */
export const KIND_FOLDERS = ['batch', 'connpool', 'ecejs', 'finesse', 'indexstats', 'reportsdb', 'webconfig'];

const NODE_BUILTINS = ['assert', 'buffer', 'child_process', 'crypto', 'fs', 'http', 'https', 'net', 'os', 'path', 'stream', 'url', 'util', 'worker_threads', 'zlib'];

const editorFree = {
  regex: '^vscode(-languageserver)?(/.*)?$',
  message:
    'The language service imports neither vscode nor vscode-languageserver (only vscode-languageserver-types and -textdocument): it runs unchanged in the CLI, the LSP server, a browser and a unit test.',
};
const ioFree = {
  regex: `^(node:.*|(${NODE_BUILTINS.join('|')})(/.*)?)$`,
  message:
    'The language service does no I/O: files, workers and zips are reached through ServiceHost, injected by the faces (server/src/node/ holds the Node pieces). Then every test runs in milliseconds without a file system.',
};
const facesOut = {
  regex: '^(\\.\\./)+(node|cli)(/.*)?$|^(\\.\\./)+(server|commands|publisher|scheduler|cli)$',
  message: 'The language service knows nothing of its faces (LSP server, CLI, server/src/node/): they depend on it, never the other way round.',
};
const noWorkspace = (who) => ({
  regex: '(^|/)workspace(/.*)?$',
  message: `${who} must not import workspace/: the workspace layer builds on the kinds (it reads their models), so an import back makes a cycle. Cross-file facts come through RuleContext.workspace (WorkspaceView's typed queries).`,
});
const noKinds = (who) => ({
  regex: '(^|/)kinds(/.*)?$',
  message: `${who} must not import kinds/: the file kinds build on the parsers and core, so an import back makes a cycle (generated facts the parsers need live in parse/).`,
});
const noEngine = (who) => ({
  regex: '(^|/)engine$',
  message: `${who} must not import the engine: the engine is the composition root that runs the kinds' rules; everything else is handed what it needs (RuleContext, FeatureContext).`,
});
const noOtherKind = (own) => ({
  regex: `^(\\.\\./)+(${KIND_FOLDERS.filter((k) => k !== own).join('|')})(/.*)?$|(^|/)kinds(/.*)?$|^(\\.\\./)+index$`,
  message: `A file kind (kinds/${own ?? '<library>'}) must not import another kind's internals or the kind registry: what two kinds share lives in kinds/shared/ (or kinds/properties/ for the properties kinds), and what one kind needs of another file comes through WorkspaceView, so each kind can change its model alone.`,
});

const restrict = (...patterns) => ({ 'no-restricted-imports': ['error', { patterns: [editorFree, ioFree, facesOut, ...patterns] }] });

const S = 'server/src/service';

export const layering = [
  { files: [`${S}/**/*.ts`], rules: restrict() },
  { files: [`${S}/core/**/*.ts`], rules: restrict(noKinds('core/'), noWorkspace('core/'), noEngine('core/')) },
  // The engine is the composition root: it runs the registry's kinds, and is given the workspace as a WorkspaceView.
  { files: [`${S}/core/engine.ts`], rules: restrict(noWorkspace('The engine')) },
  { files: [`${S}/parse/**/*.ts`], rules: restrict(noKinds('A parser'), noWorkspace('A parser'), noEngine('A parser')) },
  { files: [`${S}/kinds/**/*.ts`], rules: restrict(noWorkspace('A file kind'), noEngine('A file kind'), noOtherKind(undefined)) },
  ...KIND_FOLDERS.map((k) => ({ files: [`${S}/kinds/${k}/**/*.ts`], rules: restrict(noWorkspace('A file kind'), noEngine('A file kind'), noOtherKind(k)) })),
  // The registry lists every kind.
  { files: [`${S}/kinds/index.ts`], rules: restrict(noWorkspace('The kind registry'), noEngine('The kind registry')) },
  { files: [`${S}/workspace/**/*.ts`], rules: restrict(noEngine('The workspace')) },
];
