/**
 * `--format sarif`: SARIF 2.1.0 (OASIS), one run. The driver lists every rule (id, short and full description,
 * help URI, default level; the page itself as `help` for the rules reported); each result has its rule, level,
 * message and a physical location relative to the base SRCROOT (the working folder) with 1-based line and column
 * (UTF-16 code units, as LSP and editors count); a result carries `fixes` only for a safe fix that touches no
 * secret. Files that could not be read are tool execution notifications (and `executionSuccessful: false`);
 * settings problems are tool configuration notifications.
 */
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Severity } from '../../service/core/types';
import { REPOSITORY_URL, ruleCatalog, ruleHelpUri, TOOL_NAME, TOOL_VERSION } from '../docs';
import type { CheckReport, Range } from '../report';

const SARIF_SCHEMA = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';
const SRCROOT = 'SRCROOT';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };

interface ArtifactLocation {
  uri: string;
  uriBaseId?: string;
}

/** The file relative to the working folder (percent-encoded), or an absolute `file:` URI when it is outside. */
function artifactLocation(file: string, cwd: string): ArtifactLocation {
  const abs = path.resolve(cwd, file);
  const rel = path.relative(cwd, abs);
  if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) return { uri: pathToFileURL(abs).href };
  return { uri: rel.split(path.sep).map(encodeURIComponent).join('/'), uriBaseId: SRCROOT };
}

function region(r: Range) {
  return { startLine: r.start.line + 1, startColumn: r.start.character + 1, endLine: r.end.line + 1, endColumn: r.end.character + 1 };
}

/** SARIF's `name`: the id in PascalCase (`jdbc/invalid-port` → `JdbcInvalidPort`), unique like the id. */
function friendlyName(id: string): string {
  return id
    .split(/[/-]/)
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('');
}

export function formatSarif(r: CheckReport): string {
  const catalog = ruleCatalog();
  const reported = new Set(r.files.flatMap((f) => f.findings.map((d) => d.ruleId)));
  const ids = [...catalog.keys()];
  const index = new Map(ids.map((id, i) => [id, i]));
  const rules = ids.map((id) => {
    const info = catalog.get(id)!;
    return {
      id,
      name: friendlyName(id),
      shortDescription: { text: info.description },
      fullDescription: { text: info.fullDescription },
      helpUri: ruleHelpUri(id),
      ...(reported.has(id) && info.markdown ? { help: { text: `${info.fullDescription} See ${ruleHelpUri(id)}`, markdown: info.markdown } } : {}),
      defaultConfiguration: { level: LEVEL[info.defaultSeverity] },
      properties: { tags: [...new Set(['ece', id.slice(0, id.indexOf('/'))])] },
    };
  });
  const results = r.files.flatMap((f) => {
    const location = artifactLocation(f.path, r.cwd);
    return f.findings.map((d) => ({
      ruleId: d.ruleId,
      ...(index.has(d.ruleId) ? { ruleIndex: index.get(d.ruleId)! } : {}),
      level: LEVEL[d.severity],
      message: { text: d.message },
      locations: [{ physicalLocation: { artifactLocation: location, region: region(d.range) } }],
      ...(d.fix
        ? {
            fixes: [
              {
                description: { text: d.fix.title },
                artifactChanges: [{ artifactLocation: location, replacements: d.fix.edits.map((e) => ({ deletedRegion: region(e.range), insertedContent: { text: e.newText } })) }],
              },
            ],
          }
        : {}),
    }));
  });
  const cwdUri = pathToFileURL(r.cwd).href.replace(/\/?$/, '/');
  const log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: TOOL_NAME, version: TOOL_VERSION, semanticVersion: TOOL_VERSION, informationUri: REPOSITORY_URL, rules } },
        invocations: [
          {
            executionSuccessful: r.problems.length === 0,
            toolExecutionNotifications: r.problems.map((p) => ({
              level: 'error',
              message: { text: `${p.path}: ${p.message}` },
              locations: [{ physicalLocation: { artifactLocation: artifactLocation(p.path, r.cwd) } }],
            })),
            toolConfigurationNotifications: r.settingsNotices.map((n) => ({ level: n.severity, message: { text: `${n.source}: ${n.message}` } })),
          },
        ],
        originalUriBaseIds: { [SRCROOT]: { uri: cwdUri } },
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
  return JSON.stringify(log);
}
