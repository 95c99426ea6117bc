/**
 * Secrets fuzzer: a random password planted in a seed file of the right kind, in every way issue 12 lists — misspelt
 * secret keys (`ACTIVE_PAS`, `SSIS_USER_PASWORD`, any one-letter slip of PASSWORD), an unbraced `;` inside a JDBC
 * password, other names for a password (`pwd`, `passwd`, `pasword`, `*Secret`, `*Token`), a `<` inside `<Password>`,
 * `user:password@` before a JDBC or gadget host (also half typed), a password typed on the line after its key — and in
 * the ordinary places, then the file mutated around the plant (1 to 4 mutations, never inside it). The password must
 * appear in no text that leaves the product:
 * - the service: diagnostic messages, related information, fix and action titles, hovers, symbols, completions, logs,
 *   for the file and (in the example home) for a partner file that reads it;
 * - the CLI, in-process: `check` in text, json and sarif, `--fix` (its change list), `--fix-dry-run` (its diff);
 * - the LSP trace of the client (`redactTrace`) over didOpen, didChange, publishDiagnostics, codeAction and hover.
 * A password "appears" when any 6 characters of its random part do (so a truncated value counts too).
 * Case ids: `s:<seed>`; `k:<seed>` also runs the built CLI in a child process.
 */
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { redactTrace } from '../../../client/src/redact';
import { run } from '../../../server/src/cli/main';
import { displayPath, type Io } from '../../../server/src/cli/io';
import type { KindId } from '../../../server/src/service/core/types';
import { caseSeed, count } from '../harness/config';
import { runCli } from '../harness/cli';
import { corpus, EXAMPLE_HOME, FUZZ_BASE, HOME_URI, type SeedFile } from '../harness/corpus';
import { serviceFor } from '../harness/home';
import { int, mutate, pick, type Rnd } from '../harness/mutate';
import type { Failure, Outcome } from '../harness/runner';
import { exercise } from '../harness/service';
import { seededRandom } from '../../unit/random';

const MASTER = 0x5ec7_e7a1;

export function cases(): string[] {
  const out: string[] = [];
  for (let i = 0; i < count(320); i++) out.push(`s:${caseSeed(MASTER, i)}`);
  for (let i = 0; i < count(6); i++) out.push(`k:${caseSeed(MASTER ^ 0x6b, i)}`);
  return out;
}

const ALNUM = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';

/** The random part of a planted password: 12 characters nobody else writes. */
function core(r: Rnd): string {
  let s = '';
  for (let i = 0; i < 12; i++) s += ALNUM[int(r, 0, ALNUM.length - 1)];
  return s;
}

/** Where a plant goes: a pool's Password or Url content, a properties line, a gadget URL, a web_server_name value. */
type Slot = 'password' | 'url' | 'line' | 'gadget' | 'servername';

interface Shape {
  name: string;
  kinds: readonly KindId[];
  slot: Slot;
  make(r: Rnd, pw: string, eol: string): string;
}

/** One slip of a secret word: a letter dropped, doubled, swapped with the next, or replaced. */
function slip(r: Rnd, word: string): string {
  const i = int(r, 1, word.length - 2);
  const how = int(r, 0, 3);
  if (how === 0) return word.slice(0, i) + word.slice(i + 1);
  if (how === 1) return word.slice(0, i) + word[i] + word.slice(i);
  if (how === 2) return word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2);
  return word.slice(0, i) + pick(r, ['X', 'Q', 'Z', 'O']) + word.slice(i + 1);
}

const PROPS: readonly KindId[] = ['reportsdb', 'indexstats'];
const URL_KINDS: readonly KindId[] = ['connpool', 'indexstats'];
const host = (r: Rnd) => `${pick(r, ['db', 'sql', 'ece-ag-listener'])}.${pick(r, ['example.com', 'massivedynamic.com'])}`;

const SHAPES: readonly Shape[] = [
  { name: 'misspelt secret key', kinds: PROPS, slot: 'line', make: (r, pw) => `${pick(r, ['ACTIVE_', 'REPORTS_', 'SSIS_USER_', 'SSIS_CATALOG_', 'DB_', ''])}${pick(r, [slip(r, 'PASSWORD'), slip(r, 'PASSWORD').toLowerCase(), pick(r, ['PAS', 'PASSS', 'PSS', 'PAAS']), 'PASWORD', 'PASSWRD'])}${pick(r, ['=', ' = ', ':', ' '])}${pw}` },
  { name: 'secret key', kinds: PROPS, slot: 'line', make: (r, pw) => `${pick(r, ['ACTIVE_PASS', 'REPORTS_PASS', 'SSIS_USER_PASSWORD', 'SSIS_CATALOG_PASSWORD', 'DB_PWD', 'keyStoreSecret', 'api.token'])}${pick(r, ['=', ' = ', ':'])}${pw}` },
  { name: 'password on the line after its key', kinds: PROPS, slot: 'line', make: (r, pw, eol) => `${pick(r, ['SSIS_USER_PASSWORD', 'ACTIVE_PASS', 'REPORTS_PASS'])}${pick(r, ['=', ''])}${eol}${pw}` },
  { name: 'continued secret value', kinds: PROPS, slot: 'line', make: (r, pw, eol) => `${pick(r, ['ACTIVE_PASS', 'SSIS_USER_PASSWORD'])}=${pw.slice(0, 4)}\\${eol}    ${pw.slice(4)}` },
  {
    name: 'unbraced ; inside a JDBC password',
    kinds: URL_KINDS,
    slot: 'url',
    make: (r, pw) => `jdbc:sqlserver://${host(r)}:1433;databaseName=eGActiveDB;password=${pick(r, ['ab', '', 'x1'])};${pw}${pick(r, ['', ';user=sa', '=tail', ';integratedSecurity=false'])}`,
  },
  {
    name: 'another name for a password',
    kinds: URL_KINDS,
    slot: 'url',
    make: (r, pw) => `jdbc:sqlserver://${host(r)}:1433;databaseName=eGActiveDB;${pick(r, ['pwd', 'passwd', 'pasword', 'PASSWORD', 'Password', 'trustStorePassword', 'keyStoreSecret', 'accessToken', 'clientKeyPassword', slip(r, 'password')])}=${pick(r, [pw, `{${pw}}`, `{${pw};x}`, `{${pw}`])}${pick(r, ['', ';user=sa'])}`,
  },
  { name: 'user:password@ before a JDBC host', kinds: URL_KINDS, slot: 'url', make: (r, pw) => `jdbc:sqlserver://${pick(r, ['sa', 'ece', ''])}:${pw}${pick(r, [`@${host(r)}:1433`, `@${host(r)}`, ''])};databaseName=eGActiveDB` },
  { name: '< inside <Password>', kinds: ['connpool'], slot: 'password', make: (r, pw) => pick(r, [`ab<${pw}`, `${pw}<x`, `${pw}&amp;<x`, `<${pw}>`, `a<b ${pw}`, `${pw}</Pass`, `<![CDATA[${pw}`]) },
  { name: 'password', kinds: ['connpool'], slot: 'password', make: (r, pw) => pick(r, [pw, `<![CDATA[${pw}]]>`, ` ${pw} `, `${pw.slice(0, 5)}&amp;${pw.slice(5)}`]) },
  { name: 'user:password@ before a gadget host', kinds: ['finesse'], slot: 'gadget', make: (r, pw) => `https://${pick(r, ['u', 'admin', ''])}:${pw}@${host(r)}/system/templates/finesse/gadget/agent/ece.xml` },
  { name: 'user:password@ in web_server_name', kinds: ['ecejs'], slot: 'servername', make: (r, pw) => pick(r, [`admin:${pw}@${host(r)}`, `https://admin:${pw}@${host(r)}/system`, `admin:${pw}`]) },
];

interface Planted {
  file: SeedFile;
  text: string;
  pw: string;
  secret: string;
  shape: string;
}

/** The plant's raw text inside the seed, and the span it takes. */
function place(r: Rnd, file: SeedFile, slot: Slot, value: string): { text: string; span: [number, number] } {
  const t = file.text;
  const eol = t.includes('\r\n') ? '\r\n' : '\n';
  const replaceContent = (re: RegExp, fallback: () => { text: string; span: [number, number] }) => {
    const all = [...t.matchAll(re)];
    if (!all.length) return fallback();
    const m = pick(r, all);
    const start = m.index + m[1]!.length;
    const end = start + m[2]!.length;
    return { text: t.slice(0, start) + value + t.slice(end), span: [start, start + value.length] as [number, number] };
  };
  const append = (block: string) => {
    const at = t.length;
    const sep = t.endsWith('\n') || t === '' ? '' : eol;
    return { text: t + sep + block, span: [at + sep.length, at + sep.length + block.length] as [number, number] };
  };
  switch (slot) {
    case 'password':
      return replaceContent(/(<Password(?:\s[^>]*)?>)([^<]*)<\/Password>/g, () => append(`<connpool name="P"><Password>${value}</Password></connpool>`));
    case 'url':
      if (file.kind === 'connpool') return replaceContent(/(<Url(?:\s[^>]*)?>)([^<]*)<\/Url>/g, () => append(`<connpool name="P"><Url>${value}</Url></connpool>`));
      return replaceContent(/^((?:ACTIVE|REPORTS)_DATABASE_URL=)(.*)$/gm, () => append(`ACTIVE_DATABASE_URL=${value}`));
    case 'gadget':
      return replaceContent(/(<gadget(?:\s[^>]*)?>)([^<]*)<\/gadget>/g, () => append(`<gadgets><gadget>${value}</gadget></gadgets>`));
    case 'servername':
      return replaceContent(/(web_server_name\s*=\s*["'])([^"'\r\n]*)["']/g, () => append(`var web_server_name = "${value}";`));
    case 'line': {
      // At the start of a random line.
      const starts = [0, ...[...t.matchAll(/\r\n|\n|\r/g)].map((m) => m.index + m[0].length)];
      const at = pick(r, starts);
      const block = value + eol;
      return { text: t.slice(0, at) + block + t.slice(at), span: [at, at + value.length] };
    }
  }
}

export function plant(r: Rnd): Planted {
  const shape = pick(r, SHAPES);
  const file = pick(r, corpus().filter((f) => shape.kinds.includes(f.kind)));
  const pw = core(r);
  const eol = file.text.includes('\r\n') ? '\r\n' : '\n';
  const value = shape.make(r, pw, eol);
  const placed = place(r, file, shape.slot, value);
  const text = mutate(r, placed.text, int(r, 1, 4), { kind: file.kind, protect: [placed.span], maxBurst: 300 });
  return { file, text, pw, secret: value, shape: shape.name };
}

/** Where in `s` the password shows (any 6 of its characters in a row), or -1. */
function shown(s: string, pw: string): number {
  for (let i = 0; i + 6 <= pw.length; i++) {
    const at = s.indexOf(pw.slice(i, i + 6));
    if (at >= 0) return at;
  }
  return -1;
}

function leaks(id: string, p: Planted, where: string, texts: readonly string[]): Failure[] {
  const out: Failure[] = [];
  for (const s of texts) {
    const at = shown(s, p.pw);
    if (at >= 0) {
      out.push({ kind: 'leak', id, detail: `${p.shape} (${p.file.rel}, planted as ${JSON.stringify(p.secret)}): shown by ${where}: …${s.slice(Math.max(0, at - 120), at + 60)}…` });
      break;
    }
  }
  return out;
}

export function describeCase(id: string): string {
  const p = plant(seededRandom(Number(id.slice(2))));
  return `${p.shape} in ${p.file.rel}: ${JSON.stringify(p.secret)}\nfile:\n${JSON.stringify(p.text)}`;
}

/** Where a seed file lives inside a temporary folder. */
function relPath(file: SeedFile): string {
  return decodeURIComponent(file.inHome ? file.uri.slice(HOME_URI.length + 1) : file.uri.slice(FUZZ_BASE.length + 1));
}

/** A folder holding the planted file (in a copy of its home when it belongs to the example home). */
function tree(p: Planted): { dir: string; root: string; target: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'ece-fuzz-secret-'));
  const root = path.join(dir, 'home');
  if (p.file.inHome) cpSync(EXAMPLE_HOME, root, { recursive: true });
  const target = path.join(root, relPath(p.file));
  mkdirSync(path.dirname(target), { recursive: true });
  writeFileSync(target, p.text);
  return { dir, root, target };
}

async function cliInProcess(args: string[], cwd: string): Promise<string> {
  const out: string[] = [];
  const io: Io = { out: (s) => out.push(s), err: (s) => out.push(s), readStdin: () => Promise.resolve(Buffer.alloc(0)), cwd, env: {}, stdoutIsTTY: false, display: (x) => displayPath(cwd, x) };
  await run(args, io);
  return out.join('\n');
}

/** The client's trace of one editing session, message by message, as vscode-languageclient prints it. */
function trace(uri: string, text: string, results: Record<string, unknown>): string[] {
  const msg = (head: string, body: unknown) => `[Trace - 10:00:00] ${head}\n${head.startsWith('Received') ? 'Result' : 'Params'}: ${JSON.stringify(body, null, 4)}\n\n`;
  const lines = text.split(/\r?\n/);
  const last = Math.max(0, lines.length - 1);
  return [
    msg("Sending notification 'textDocument/didOpen'.", { textDocument: { uri, languageId: 'plaintext', version: 1, text } }),
    msg("Sending notification 'textDocument/didChange'.", { textDocument: { uri, version: 2 }, contentChanges: [{ text }] }),
    msg("Sending notification 'textDocument/didChange'.", { textDocument: { uri, version: 3 }, contentChanges: [{ range: { start: { line: 0, character: 0 }, end: { line: last, character: 0 } }, rangeLength: text.length, text: text.slice(0, Math.floor(text.length / 2)) }] }),
    ...Object.entries(results).map(([method, r]) => msg(`Received response '${method} - (7)' in 3ms.`, r)),
  ];
}

export async function runCase(id: string): Promise<Outcome> {
  const seed = Number(id.slice(2));
  const p = plant(seededRandom(seed));
  const r = seededRandom(seed ^ 0x51);
  const failures: Failure[] = [];
  const stats: Record<string, number> = { serviceTexts: 0, cliOutputs: 0, traceMessages: 0 };

  // The service, for the file and for a partner reading it.
  const setup = serviceFor(p.file, p.text);
  const ex = await exercise({ ...setup, uri: p.file.uri, text: p.text, rnd: r, hovers: 12, actionsPerDiagnostic: 40 });
  for (const pr of ex.problems) if (pr.kind !== 'leak') failures.push({ kind: pr.kind, id, detail: pr.detail });
  failures.push(...leaks(id, p, 'the service', ex.outgoing));
  stats.serviceTexts! += ex.outgoing.length;
  if (setup.partners.length) {
    const partner = pick(r, setup.partners);
    const px = await exercise({ ...setup, uri: partner.uri, text: partner.text, rnd: r, hovers: 4, actionsPerDiagnostic: 10 });
    failures.push(...leaks(id, p, `the service on partner ${partner.rel}`, px.outgoing));
    stats.serviceTexts! += px.outgoing.length;
  }

  // The LSP trace.
  const doc = ex.doc;
  const hover = await setup.service.hover(doc, doc.positionAt(Math.max(0, p.text.indexOf(p.pw))), setup.settings);
  const messages = trace(p.file.uri, p.text, {
    'textDocument/codeAction': ex.actions,
    'textDocument/hover': hover,
    'textDocument/documentSymbol': setup.service.symbols(doc, setup.settings),
  }).concat(`[Trace - 10:00:00] Received notification 'textDocument/publishDiagnostics'.\nParams: ${JSON.stringify({ uri: p.file.uri, diagnostics: ex.diagnostics }, null, 4)}\n\n`);
  failures.push(...leaks(id, p, 'the LSP trace (redactTrace)', messages.map(redactTrace)));
  stats.traceMessages! += messages.length;

  // The CLI: every output format, the --fix change list and the --fix-dry-run diff.
  const t = tree(p);
  try {
    const runs: Array<[string, string[]]> = [
      ['check (text)', ['check', t.root]],
      ['check --format json', ['check', t.root, '--format', 'json']],
      ['check --format sarif', ['check', t.root, '--format', 'sarif']],
      ['check --fix-dry-run (diff)', ['check', t.root, '--fix-dry-run']],
      ['check --fix-dry-run --format json', ['check', t.root, '--fix-dry-run', '--format', 'json']],
      ['check --fix (change list)', ['check', t.root, '--fix']],
    ];
    // Three of the six in-process (a different three from case to case), all six in a child process for `k:` cases.
    const first = int(r, 0, runs.length - 1);
    for (const [label, args] of [0, 2, 4].map((k) => runs[(first + k) % runs.length]!)) {
      failures.push(...leaks(id, p, `ece-config ${label}`, [await cliInProcess(args, t.dir)]));
      stats.cliOutputs!++;
    }
    if (id.startsWith('k:')) {
      writeFileSync(t.target, p.text); // as planted again (the --fix run above may have changed it)
      for (const [label, args] of runs) {
        const c = runCli(args, { cwd: t.dir });
        failures.push(...leaks(id, p, `dist/cli.js ${label}`, [c.stdout + c.stderr]));
        stats.cliOutputs!++;
      }
    }
  } finally {
    rmSync(t.dir, { recursive: true, force: true });
  }
  return { inputs: 1, failures, stats };
}
