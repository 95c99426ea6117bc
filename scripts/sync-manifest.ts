/**
 * Keeps the generated parts of package.json and README.md in step with the code:
 * - package.json `ece.rules` (in the "Rules" section of `contributes.configuration`): one property per rule id, with
 *   the levels as its enum, its description, its default and a link to its page (a `command:` link, which the
 *   settings editor follows: the pages ship inside the extension), so VS Code completes ids and values;
 * - README.md between `<!-- rules:start -->` and `<!-- rules:end -->`: the rule table, linking docs/rules/;
 * - README.md between `<!-- commands:start -->` and `<!-- commands:end -->`: the contributed commands.
 * usage: node --import tsx scripts/sync-manifest.ts [--check]   (--check: exit 1 when anything is out of date)
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { allRules } from '../server/src/service/core/engine';

interface Manifest {
  contributes: {
    configuration: Array<{ title: string; properties: Record<string, { properties?: unknown }> }>;
    commands: Array<{ command: string; title: string; category?: string; description?: string }>;
  };
}

const check = process.argv.includes('--check');
const stale: string[] = [];
const levels = ['error', 'warning', 'information', 'hint', 'off'];
const rules = allRules().sort((a, b) => a.id.localeCompare(b.id));
const duplicated = rules.filter((r, i) => i > 0 && rules[i - 1]!.id === r.id).map((r) => r.id);
if (duplicated.length) {
  console.error(`rule ids listed more than once by allRules(): ${[...new Set(duplicated)].join(', ')}`);
  process.exit(1);
}

function sync(file: string, next: string, original: string): void {
  if (next === original) return;
  if (check) stale.push(file);
  else writeFileSync(file, next);
}

const pkgText = readFileSync('package.json', 'utf8');
const pkg = JSON.parse(pkgText) as Manifest;
const props: Record<string, unknown> = {};
/** `command:ece.showRuleDoc?["<id>"]`, URI-encoded as the settings editor expects. */
const pageLink = (id: string) => `command:ece.showRuleDoc?${encodeURIComponent(JSON.stringify([id]))}`;
for (const r of rules) {
  props[r.id] = {
    type: 'string',
    enum: levels,
    markdownDescription: `${r.description.replace(/[\\`*_[\]<>]/g, (c) => `\\${c}`)} (default: ${r.defaultSeverity}) [Rule page](${pageLink(r.id)})`,
  };
}
const section = pkg.contributes.configuration.find((s) => 'ece.rules' in s.properties);
if (!section) {
  console.error('package.json: no contributes.configuration section holds ece.rules');
  process.exit(1);
}
section.properties['ece.rules']!.properties = props;
sync('package.json', JSON.stringify(pkg, null, 2) + '\n', pkgText);

const readme = readFileSync('README.md', 'utf8');
const sev: Record<string, string> = { error: 'error', warning: 'warning', information: 'info', hint: 'hint' };
const ruleTable = [
  '| rule | default | checks |',
  '|---|---|---|',
  ...rules.map((r) => `| [\`${r.id}\`](docs/rules/${r.id}.md) | ${sev[r.defaultSeverity]} | ${r.description.replace(/\|/g, '\\|').replace(/</g, '&lt;')} |`),
].join('\n');
const cmds = pkg.contributes.commands;
const commandList = cmds.length
  ? ['### Commands', '', ...cmds.map((c) => `- **${c.category ? `${c.category}: ` : ''}${c.title}** (\`${c.command}\`)${c.description ? `: ${c.description}` : ''}`)].join('\n')
  : '';
const replaceBlock = (text: string, name: string, body: string) =>
  text.replace(new RegExp(`(<!-- ${name}:start -->)[\\s\\S]*?(<!-- ${name}:end -->)`), `$1\n${body}${body ? '\n' : ''}$2`);
sync('README.md', replaceBlock(replaceBlock(readme, 'rules', ruleTable), 'commands', commandList), readme);

const missingDocs = rules.filter((r) => !existsSync(`docs/rules/${r.id}.md`)).map((r) => r.id);
if (missingDocs.length) {
  console.error(`rules without a doc page in docs/rules/: ${missingDocs.join(', ')}`);
  process.exit(1);
}
if (stale.length) {
  console.error(`${stale.join(' and ')} out of date: run \`npm run sync-manifest\``);
  process.exit(1);
}
