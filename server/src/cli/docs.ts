/**
 * The tool's identity and its rule pages, for the reports. The rule pages ship with the package
 * (`docs/rules/<id>.md`, also inside the .vsix); no public web address for them is known yet, so:
 * - text and json link each finding to the page in the installed package folder (a `file:` URI), which opens on
 *   the machine that ran the check;
 * - SARIF's `helpUri` is the page's address in the repository named by package.json `repository.url`
 *   (`<repository>/blob/HEAD/docs/rules/<id>.md`): the same on every machine, and right as soon as that field names
 *   the public repository. SARIF also carries the page itself (`help.markdown`) for the rules that were reported,
 *   so code-scanning viewers show it without following any link.
 */
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { allRules } from '../service/core/engine';
import type { Severity } from '../service/core/types';
import { repository, version } from '../../../package.json';

export const TOOL_NAME = 'ece-config';
export const TOOL_VERSION: string = version;

/** The repository's web address (package.json `repository.url` without `git+` and `.git`). */
export const REPOSITORY_URL: string = repository.url.replace(/^git\+/, '').replace(/\.git$/, '');

/** The package folder (the one holding `docs/rules`): `dist/..` when bundled, the repository root from sources. */
function findPackageRoot(): string | undefined {
  for (let d = __dirname; ; ) {
    if (existsSync(path.join(d, 'package.json')) && existsSync(path.join(d, 'docs', 'rules'))) return d;
    const up = path.dirname(d);
    if (up === d) return undefined;
    d = up;
  }
}

const PACKAGE_ROOT = findPackageRoot();
const DOCS_DIR: string | undefined = PACKAGE_ROOT && path.join(PACKAGE_ROOT, 'docs', 'rules');

/** `file:` URI of the folder of rule pages (the service's `docsBase`), if the package has them. */
export const DOCS_BASE: string | undefined = DOCS_DIR && pathToFileURL(DOCS_DIR).href;

/** The rule page in the installed package, as a `file:` URI. */
export function ruleDocUrl(id: string): string | undefined {
  return DOCS_BASE && `${DOCS_BASE}/${id}.md`;
}

/** The rule page's stable address, for SARIF `helpUri`. */
export function ruleHelpUri(id: string): string {
  return `${REPOSITORY_URL}/blob/HEAD/docs/rules/${id}.md`;
}

export interface RuleInfo {
  id: string;
  defaultSeverity: Severity;
  description: string;
  /** The "What it checks" section of the rule page as one paragraph (the description when there is no page). */
  fullDescription: string;
  /** The whole rule page (Markdown), when the package has it. */
  markdown?: string;
}

let catalog: Map<string, RuleInfo> | undefined;

/** Every rule, with what its page says. */
export function ruleCatalog(): Map<string, RuleInfo> {
  if (catalog) return catalog;
  catalog = new Map();
  for (const r of allRules()) {
    let markdown: string | undefined;
    try {
      if (DOCS_DIR) markdown = readFileSync(path.join(DOCS_DIR, `${r.id}.md`), 'utf8');
    } catch {
      markdown = undefined;
    }
    const section = markdown && /^## What it checks\r?\n([\s\S]*?)(?=^## |(?![\s\S]))/m.exec(markdown)?.[1];
    const paragraph = section?.trim().split(/\r?\n\s*\r?\n/)[0]?.replace(/\s*\r?\n\s*/g, ' ');
    catalog.set(r.id, { id: r.id, defaultSeverity: r.defaultSeverity, description: r.description, fullDescription: paragraph || r.description, ...(markdown ? { markdown } : {}) });
  }
  return catalog;
}
