/**
 * Fix-safety fuzzer: for mutated seed files (and, one case in eight, the seed file as it is), applies every quick fix
 * of every finding, every "Fix all <rule>", `source.fixAll.ece` and every disable action, in their raw form (offsets)
 * and as the editor applies them (LSP positions), and checks the result:
 * - the byte-order mark stays (unless the fix is the one that removes it), CRLF files get no bare LF and LF files
 *   no CR, no surrogate pair is split (a UTF-8 write would lose it);
 * - an XML file that was well formed stays well formed;
 * - a disable action changes nothing but comments (fast-xml-parser's tree, acorn's tokens, the batch commands, the
 *   properties entries; a sample of properties texts goes to Java);
 * - a properties escaping fix makes Java load what its title promises, and every safe properties fix leaves the
 *   other keys as Java loaded them (checked in one JVM for all cases, by the test);
 * - the service analyses the result without a crash.
 * Case ids: `s:<seed>` (service), `f:<seed>` (`check --fix` and `--fix-dry-run` of the CLI in a child process on the
 * file stored as UTF-8, UTF-8 with BOM or UTF-16: bytes outside the service's own fixes unchanged, encoding and BOM
 * kept; an odd-length UTF-16 file is refused and left as it was).
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextEdit } from 'vscode-languageserver-types';
import { decodeBytes, encodeText } from '../../../server/src/node/textFile';
import { EceLanguageService, type Finding } from '../../../server/src/service/core/engine';
import { defaultSettings } from '../../../server/src/service/core/settings';
import { applyEdits } from '../../../server/src/service/core/text';
import type { KindId, OffsetEdit } from '../../../server/src/service/core/types';
import { parseProperties } from '../../../server/src/service/parse/properties';
import { quoted, showable } from '../../../server/src/service/kinds/properties/escaping';
import { buildPropertiesModel } from '../../../server/src/service/kinds/properties/model';
import { INDEXSTATS_SCHEMA } from '../../../server/src/service/kinds/indexstats/schema';
import { REPORTSDB_SCHEMA } from '../../../server/src/service/kinds/reportsdb/schema';
import type { JavaLoad } from '../../java/oracle';
import { caseSeed, count } from '../harness/config';
import { cliProblems, runCli, store, type Storage } from '../harness/cli';
import { corpus, FUZZ_BASE, HOME_URI, type SeedFile } from '../harness/corpus';
import { serviceFor } from '../harness/home';
import { int, mutate, pick, reframe, type Rnd } from '../harness/mutate';
import { meaning, PROPERTIES_KINDS, wellFormed, XML_KINDS } from '../harness/oracles';
import type { Failure, Outcome } from '../harness/runner';
import { actionEdits, applyAction, editProblems, exercise, type Problem } from '../harness/service';
import { seededRandom } from '../../unit/random';

const MASTER = 0xf1c5_afe0;

/** A check for Java (`Properties.load` in one JVM for all cases): what a fixed properties text must load as. */
export interface JavaCheck {
  id: string;
  label: string;
  kind: KindId;
  uri: string;
  before: string;
  after: string;
  /** 'same': every key loads as before (a disable action); 'others': every key but `key` (and the lines split off). */
  expect: 'same' | 'others';
  key?: string;
  /** The value the fix's title promises for `key` ("Java then loads `…`"), as the title shows it. */
  promise?: string;
  /** Keys of entries that start inside the fixed entry after the fix (a swallowed line split off becomes its own entry). */
  exempt: string[];
}

export function fixCase(r: Rnd): { file: SeedFile; text: string } {
  const files = corpus();
  const file = pick(r, files);
  let text = r() < 0.5 ? reframe(r, file.text) : file.text;
  if (r() >= 0.125) text = mutate(r, text, int(r, 1, 4), { kind: file.kind, donors: files.map((f) => f.text), maxBurst: 400 });
  return { file, text };
}

export function cases(): string[] {
  const out: string[] = [];
  for (let i = 0; i < count(400); i++) out.push(`s:${caseSeed(MASTER, i)}`);
  for (let i = 0; i < count(12); i++) out.push(`f:${caseSeed(MASTER ^ 0xf1, i)}`);
  return out;
}

/** The input of a case (for `npm run fuzz:repro` with ECE_FUZZ_SHOW=1). */
export function describeCase(id: string): string {
  const { file, text } = fixCase(seededRandom(Number(id.slice(2))));
  return `${file.rel} (as ${file.uri}):\n${JSON.stringify(text)}`;
}

export async function runCase(id: string): Promise<Outcome> {
  const seed = Number(id.slice(2));
  return id.startsWith('f:') ? cliFixCase(id, seed) : serviceCase(id, seed);
}

const BOM_FIX = 'Remove the byte order mark';

/**
 * What must hold for every changed text, whatever the change. `bomFix`: the change includes the fix that removes a
 * properties file's byte-order mark (Java reads it as part of the first key), the one change allowed to drop it.
 */
function resultProblems(kind: KindId, before: string, after: string, label: string, bomFix: boolean): Problem[] {
  const out: Problem[] = [];
  if (before.startsWith('\uFEFF') && !after.startsWith('\uFEFF') && !bomFix) out.push({ kind: 'bytes', detail: `${label}: the byte-order mark was lost` });
  const bareLf = (t: string) => /(^|[^\r])\n/.test(t);
  if (before.includes('\r\n') && !bareLf(before) && bareLf(after)) out.push({ kind: 'bytes', detail: `${label}: a CRLF file got a bare LF` });
  if (before.includes('\n') && !before.includes('\r') && after.includes('\r')) out.push({ kind: 'bytes', detail: `${label}: an LF file got a CR` });
  const lone = (t: string) => /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(t);
  if (!lone(before) && lone(after)) out.push({ kind: 'bytes', detail: `${label}: a surrogate pair was split (a UTF-8 write would lose it)` });
  if (XML_KINDS.has(kind) && wellFormed(before) && !wellFormed(after)) out.push({ kind: 'bytes', detail: `${label}: a well-formed file is no longer well formed` });
  return out;
}

/** The properties entry a fix edits (the one whose logical line holds its first edit). */
function entryOf(text: string, edits: readonly OffsetEdit[]) {
  const first = [...edits].sort((a, b) => a.start - b.start)[0];
  if (!first) return undefined;
  // An edit of the byte-order mark (offset 0) belongs to the first line, which starts after the mark.
  const at = first.start === 0 && text.startsWith('\uFEFF') ? 1 : first.start;
  return parseProperties(text).entries.find((e) => e.lineStart <= at && at <= e.lineEnd);
}

/** Keys of entries of `after` starting inside [from, to) (lines a fix split off the entry). */
function keysWithin(after: string, from: number, to: number): string[] {
  return parseProperties(after)
    .entries.filter((e) => e.lineStart >= from && e.lineStart < to)
    .map((e) => e.key);
}

async function serviceCase(id: string, seed: number): Promise<Outcome> {
  const r = seededRandom(seed);
  const { file, text } = fixCase(r);
  const setup = serviceFor(file, text);
  const ex = await exercise({ ...setup, uri: file.uri, text, rnd: r, hovers: 0, actionsPerDiagnostic: 40 });
  const problems: Problem[] = [...ex.problems];
  const java: JavaCheck[] = [];
  const results = new Map<string, string>();
  let applied = 0;

  // Raw fixes of every finding.
  const fixOf = new Map<string, { f: Finding; edits: OffsetEdit[]; safe: boolean }>();
  for (const f of ex.findings) {
    for (const fix of f.fixes) {
      if (!fix.edits.length) continue;
      const label = `fix "${fix.title}" of ${f.ruleId}`;
      if (!fixOf.has(fix.title)) fixOf.set(fix.title, { f, edits: fix.edits, safe: fix.safe });
      if (editProblems(text, fix.edits, label).length) continue; // already reported by exercise
      const after = applyEdits(text, fix.edits);
      applied++;
      problems.push(...resultProblems(file.kind, text, after, label, fix.title === BOM_FIX));
      results.set(after, label);
      if (PROPERTIES_KINDS.has(file.kind) && fix.safe) java.push(...propertiesChecks(id, file, text, after, fix.title, fix.edits));
    }
  }

  // Every code action as the editor applies it: quick fixes, fix all, source.fixAll.ece, disable.
  for (const a of ex.actions) {
    if (!a.edit) continue;
    const label = `code action "${a.title}"`;
    const edits: TextEdit[] = actionEdits(ex.doc, a, []);
    const after = applyAction(ex.doc, edits, problems, label);
    if (after === undefined) continue;
    applied++;
    const bomFix = a.title === BOM_FIX || (a.kind === 'source.fixAll.ece' && ex.findings.some((f) => f.fixes.some((x) => x.title === BOM_FIX && x.safe)));
    problems.push(...resultProblems(file.kind, text, after, label, bomFix));
    results.set(after, label);
    if (a.title.startsWith('Disable ')) {
      if (meaning(file.kind, after) !== meaning(file.kind, text)) problems.push({ kind: 'bytes', detail: `${label}: changed what the file says, not only its comments` });
      if (PROPERTIES_KINDS.has(file.kind)) java.push({ id, label, kind: file.kind, uri: file.uri, before: text, after, expect: 'same', exempt: [] });
    } else if (a.kind === 'source.fixAll.ece') {
      const raw = applyEdits(text, setup.service.fixAllEdits(ex.doc, setup.settings));
      if (raw !== after) problems.push({ kind: 'bytes', detail: `${label}: differs from the service's merged safe fixes` });
    }
  }

  // The results through the service once more (each distinct text, eight at most).
  let reanalysed = 0;
  for (const [after, label] of [...results].slice(0, 8)) {
    const again = serviceFor(file, after, setup.settings);
    const ax = await exercise({ ...again, uri: file.uri, text: after, rnd: r, hovers: 0, actionsPerDiagnostic: 0, version: 2 });
    for (const p of ax.problems) problems.push({ kind: p.kind, detail: `after ${label}: ${p.detail}` });
    reanalysed++;
  }
  return {
    inputs: 1,
    failures: problems.map((p): Failure => ({ kind: p.kind, id, detail: p.detail })),
    stats: { changesApplied: applied, reanalysed, javaChecks: java.length },
    ...(java.length ? { extra: java } : {}),
  };
}

/** Java checks of one safe properties fix: the promised value for escaping fixes, the other keys unchanged. */
function propertiesChecks(id: string, file: SeedFile, before: string, after: string, title: string, edits: readonly OffsetEdit[]): JavaCheck[] {
  const entry = entryOf(before, edits);
  if (!entry) return [{ id, label: `fix "${title}"`, kind: file.kind, uri: file.uri, before, after, expect: 'others', exempt: [] }];
  const grown = after.length - before.length;
  const exempt = keysWithin(after, entry.lineStart, entry.fullEnd + Math.max(0, grown));
  const promise = /^Escape the backslashes: Java then loads (.*)$/s.exec(title)?.[1];
  const parsed = parseProperties(before);
  // Java keeps the last of duplicate keys: the promise is about this entry only when it is the one Java keeps.
  const kept = parsed.table.get(entry.key)?.index === entry.index;
  // An entry on the first line of a text with a byte-order mark: Java reads the mark into its key (glued to it, or a
  // key of its own before blanks), so that is the key the fix changes, and the one whose value the title promises.
  const javaKey = before.startsWith('\uFEFF') && entry.lineStart <= 1 ? (entry.contentStart <= 1 ? '\uFEFF' + entry.key : '\uFEFF') : entry.key;
  return [{ id, label: `fix "${title}"`, kind: file.kind, uri: file.uri, before, after, expect: 'others', key: javaKey, ...(promise && kept ? { promise } : {}), exempt: [...exempt, entry.key] }];
}

/** Where a seed file lives inside a temporary folder. */
function relPath(file: SeedFile): string {
  return decodeURIComponent(file.inHome ? file.uri.slice(HOME_URI.length + 1) : file.uri.slice(FUZZ_BASE.length + 1));
}

/** The text after the service's safe fixes, pass by pass as `check --fix` applies them (at most 5 passes). */
export function serviceFixed(uri: string, text: string): string {
  const service = new EceLanguageService({ log: () => undefined });
  let t = text;
  for (let pass = 1; pass <= 5; pass++) {
    const edits = service.fixAllEdits(TextDocument.create(uri, 'plaintext', pass, t), defaultSettings());
    if (!edits.length) break;
    t = applyEdits(t, edits);
  }
  return t;
}

function cliFixCase(id: string, seed: number): Outcome {
  const r = seededRandom(seed);
  const { file, text } = fixCase(r);
  const storage = pick(r, ['utf8', 'utf8-bom', 'utf8-bom', 'utf16le', 'utf16be', 'utf16le-odd'] as const satisfies readonly Storage[]);
  const bytes = store(text, storage);
  const original = decodeBytes(bytes);
  const dir = mkdtempSync(path.join(tmpdir(), 'ece-fuzz-fix-'));
  const problems: Problem[] = [];
  try {
    const target = path.join(dir, 'tree', relPath(file));
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, bytes);
    const uri = pathToFileURL(target).href;
    const label = `check --fix on ${file.rel} stored as ${storage}`;
    const dry = runCli(['check', '--fix-dry-run', '--format', 'json', path.join(dir, 'tree')], { cwd: dir });
    problems.push(...cliProblems(dry, label.replace('--fix', '--fix-dry-run'), 'json').problems);
    if (!readFileSync(target).equals(bytes)) problems.push({ kind: 'bytes', detail: `${label}: --fix-dry-run wrote the file` });
    const run = runCli(['check', '--fix', '--format', 'json', path.join(dir, 'tree')], { cwd: dir });
    const { problems: p, json } = cliProblems(run, label, 'json');
    problems.push(...p);
    const now = readFileSync(target);
    const expected = serviceFixed(uri, original.text);
    if (!original.exact) {
      if (!now.equals(bytes)) problems.push({ kind: 'bytes', detail: `${label}: a file whose bytes do not round-trip was written` });
      const refused = (json as { problems?: Array<{ path: string }> } | undefined)?.problems?.some((x) => x.path.endsWith(path.basename(target)));
      if (expected !== original.text && (!refused || run.code !== 2)) problems.push({ kind: 'crash', detail: `${label}: the refusal to write was not reported with exit 2` });
    } else {
      const after = decodeBytes(now);
      if (after.encoding !== original.encoding) problems.push({ kind: 'bytes', detail: `${label}: encoding ${original.encoding} became ${after.encoding}` });
      if (after.text.startsWith('\uFEFF') !== expected.startsWith('\uFEFF')) problems.push({ kind: 'bytes', detail: `${label}: byte-order mark ${expected.startsWith('\uFEFF') ? 'lost' : 'added'}` });
      if (after.text !== expected) problems.push({ kind: 'bytes', detail: `${label}: the file differs from the service's own safe fixes:\nexpected ${JSON.stringify(expected).slice(0, 400)}\nwritten  ${JSON.stringify(after.text).slice(0, 400)}` });
      else if (!now.equals(encodeText(expected, original.encoding))) problems.push({ kind: 'bytes', detail: `${label}: bytes differ from the fixed text in ${original.encoding}` });
    }
    return { inputs: 1, failures: problems.map((x): Failure => ({ kind: x.kind, id, detail: x.detail })), stats: { cliRuns: 2, cliFilesChanged: now.equals(bytes) ? 0 : 1 } };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Java's loads of the checked texts (in one JVM) against what each fix must keep and promise. */
export function judgeJava(checks: readonly JavaCheck[], load: (texts: string[]) => JavaLoad[]): Failure[] {
  const texts = [...new Set(checks.flatMap((c) => [c.before, c.after]))];
  const loads = new Map(load(texts).map((l, i) => [texts[i]!, l] as const));
  const failures: Failure[] = [];
  const fail = (c: JavaCheck, why: string) => failures.push({ kind: 'bytes', id: c.id, detail: `${c.label} (Java 17 Properties.load): ${why}` });
  for (const c of checks) {
    const b = loads.get(c.before)!;
    const a = loads.get(c.after)!;
    if (!a.ok) {
      if (b.ok) fail(c, `the fixed file no longer loads: ${a.error} ${a.message}`);
      continue;
    }
    if (b.ok) {
      for (const [k, v] of b.table) {
        if (c.expect === 'others' && (k === c.key || c.exempt.includes(k))) continue;
        if (a.table.get(k) !== v) fail(c, `${JSON.stringify(k)} loaded as ${JSON.stringify(v)} and now as ${JSON.stringify(a.table.get(k))}`);
      }
      if (c.expect === 'same' && a.table.size !== b.table.size) fail(c, `${b.table.size} keys before, ${a.table.size} after`);
    }
    if (c.promise !== undefined && c.key !== undefined) {
      const schema = c.kind === 'reportsdb' ? REPORTSDB_SCHEMA : INDEXSTATS_SCHEMA;
      const shown = quoted(showable(buildPropertiesModel(c.after, c.uri, schema), c.key, a.table.get(c.key) ?? ''));
      if (shown !== c.promise) fail(c, `the title promises ${c.promise}, Java loads ${shown}`);
    }
  }
  return failures;
}
