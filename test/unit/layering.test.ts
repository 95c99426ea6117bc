/**
 * The import boundaries of ARCHITECTURE.md are lint rules (`eslint.layering.mjs`, part of `npm run lint`). Here each
 * one is shown to refuse a deliberate violation, with its reason, and to let the allowed imports through: a pattern
 * that stopped matching would otherwise pass silently.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';

const REPO = path.join(__dirname, '..', '..');

async function lint(file: string, code: string): Promise<string[]> {
  const { layering } = (await import(path.join(REPO, 'eslint.layering.mjs'))) as { layering: object[] };
  const eslint = new ESLint({
    cwd: REPO,
    overrideConfigFile: true,
    overrideConfig: [{ files: ['**/*.ts'], languageOptions: { parser: tseslint.parser } }, ...layering] as never,
  });
  const [result] = await eslint.lintText(code, { filePath: path.join(REPO, file) });
  return result!.messages.map((m) => `${m.ruleId}: ${m.message}`);
}

const S = 'server/src/service';

/** [file, import, what the refusal says] */
const REFUSED: Array<[string, string, RegExp]> = [
  [`${S}/kinds/batch/rules/x.ts`, '../../../workspace/queries', /must not import workspace\/.*WorkspaceView's typed queries/],
  [`${S}/kinds/ecejs/model.ts`, '../finesse/model', /kinds\/ecejs\) must not import another kind's internals/],
  [`${S}/kinds/ecejs/rules/x.ts`, '../../finesse/model', /another kind's internals/],
  [`${S}/kinds/ecejs/x.ts`, '../../kinds/finesse/model', /another kind's internals/],
  [`${S}/kinds/ecejs/x.ts`, '../index', /the kind registry/],
  [`${S}/kinds/shared/x.ts`, '../connpool/model', /kinds\/<library>\) must not import another kind's internals/],
  [`${S}/kinds/properties/model.ts`, '../reportsdb/schema', /another kind's internals/],
  [`${S}/kinds/connpool/x.ts`, '../../core/engine', /must not import the engine/],
  [`${S}/parse/jdbcUrl.ts`, '../kinds/shared/jdbc', /A parser must not import kinds\//],
  [`${S}/parse/xml.ts`, '../workspace/model', /A parser must not import workspace\//],
  [`${S}/core/text.ts`, '../kinds', /core\/ must not import kinds\//],
  [`${S}/core/settings.ts`, './engine', /core\/ must not import the engine/],
  [`${S}/core/engine.ts`, '../workspace/model', /The engine must not import workspace\//],
  [`${S}/workspace/model.ts`, '../core/engine', /The workspace must not import the engine/],
  [`${S}/core/types.ts`, 'vscode', /imports neither vscode nor vscode-languageserver/],
  [`${S}/kinds/finesse/x.ts`, 'vscode-languageserver/node', /imports neither vscode nor vscode-languageserver/],
  [`${S}/parse/xml.ts`, 'node:fs', /does no I\/O/],
  [`${S}/kinds/batch/x.ts`, 'fs', /does no I\/O/],
  [`${S}/workspace/model.ts`, '../../node/workspace', /knows nothing of its faces/],
  [`${S}/core/engine.ts`, '../../server', /knows nothing of its faces/],
];

/** Imports the layers rely on, which must stay allowed. */
const ALLOWED: Array<[string, string]> = [
  [`${S}/kinds/batch/rules/x.ts`, '../model'],
  [`${S}/kinds/batch/rules/x.ts`, '../../../parse/batch'],
  [`${S}/kinds/ecejs/model.ts`, '../shared/gadgetUrl'],
  [`${S}/kinds/reportsdb/kind.ts`, '../properties/model'],
  [`${S}/kinds/index.ts`, './connpool/kind'],
  [`${S}/core/engine.ts`, '../kinds'],
  [`${S}/core/types.ts`, 'vscode-languageserver-types'],
  [`${S}/parse/xml.ts`, '../core/text'],
  [`${S}/workspace/queries.ts`, '../kinds/connpool/model'],
  ['server/src/node/workspace.ts', 'node:fs'],
  ['server/src/server.ts', 'vscode-languageserver/node'],
];

void describe('layering lint rules', () => {
  for (const [file, from, why] of REFUSED) {
    void test(`refuses ${from} in ${file.slice(S.length + 1)}`, async () => {
      const messages = await lint(file, `import { x } from '${from}';\nexport const y = x;\n`);
      assert.equal(messages.length, 1, messages.join('\n'));
      assert.match(messages[0]!, /^no-restricted-imports: /);
      assert.match(messages[0]!, why);
    });
  }
  void test('refuses a type-only import across a boundary too', async () => {
    const messages = await lint(`${S}/kinds/ecejs/model.ts`, `import type { FinesseModel } from '../finesse/model';\nexport type Y = FinesseModel;\n`);
    assert.equal(messages.length, 1, messages.join('\n'));
    assert.match(messages[0]!, /another kind's internals/);
  });
  void test('lets the allowed imports through', async () => {
    for (const [file, from] of ALLOWED) assert.deepEqual(await lint(file, `import { x } from '${from}';\nexport const y = x;\n`), [], `${from} in ${file}`);
  });
});
