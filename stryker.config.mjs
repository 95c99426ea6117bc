// Mutation testing (StrykerJS) of the language service and the Node pieces: `npm run mutation` (see MUTATION.md).
// Not in CI: on 2 cores a full run takes hours; incremental runs (scripts/mutation.mjs) test only what changed.
// The tap runner runs each unit test file as `node --import tsx <file>` with node:test's TAP reporter, and records
// which test files reach which mutant, so a mutant is tested only by the files that run its code.

// scripts/mutation.mjs runs one folder (or one file) at a time (MUTATION_FOLDER, e.g. `service/parse` or
// `service/core/text.ts`), each with its own incremental file and reports; without it, everything at once.
const folder = process.env.MUTATION_FOLDER;
// MUTATION_TESTS (comma-separated test files, e.g. `test/unit/glob.test.ts`): only these test files run against the
// mutants. On 2 cores a file like engine.ts is reached by most test files, so a full run takes hours; with the
// file's own tests it takes minutes, and the score is a lower bound (a mutant they miss may die in another file).
const tests = process.env.MUTATION_TESTS?.split(',').filter(Boolean);
const slug = (folder ? folder.replace(/\.ts$/, '').replace(/\//g, '-') : 'all') + (tests ? '-focused' : '');

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'tap',
  plugins: ['@stryker-mutator/tap-runner'],
  tap: {
    // The LSP and CLI tests run the esbuild bundle in dist/, which Stryker does not mutate: they could kill nothing.
    testFiles: tests ?? ['test/unit/*.test.ts'],
    nodeArgs: ['--import', 'tsx', '--test-reporter=tap'],
    forceBail: true,
  },
  coverageAnalysis: 'perTest',
  // Stryker's default also rewrites test/**/*.js, which would change the fixtures (ece_config.js) under test.
  disableTypeChecks: 'server/src/**/*.ts',
  mutate: folder ? [folder.endsWith('.ts') ? `server/src/${folder}` : `server/src/${folder}/**/*.ts`] : ['server/src/service/**/*.ts', 'server/src/node/**/*.ts'],
  // dist/ is copied: test/unit/js-depth.test.ts runs the built CLI (scripts/mutation.mjs builds first).
  ignorePatterns: ['out', 'bench', '.e2e', '.test-output', 'reports', 'test/e2e', 'test/nvim', 'test/grammar', '*.vsix'],
  concurrency: 2,
  // A mutant that loops is timed out after 2.5 times the test file's own time plus 10 s (30 s cost hours on 2 cores).
  timeoutMS: 10000,
  timeoutFactor: 2.5,
  incremental: true,
  incrementalFile: `reports/mutation/${slug}.incremental.json`,
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: `reports/mutation/${slug}.html` },
  jsonReporter: { fileName: `reports/mutation/${slug}.json` },
  clearTextReporter: { allowColor: false, logTests: false, reportScoreTable: true },
  tempDirName: '.stryker-tmp',
  cleanTempDir: true,
};
