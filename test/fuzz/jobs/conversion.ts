/**
 * Conversion fuzzer: random ECE homes (a pool file whose values are written as plain text, entities, CDATA or a mix,
 * with comments, CRLF or LF, a BOM or UTF-16; `reportsdb_utility.properties` and `input.properties` in their many
 * spellings; a `service/lib/deployment.zip` holding its own copy of the pool file among other entries) converted to
 * Windows authentication by `convertWindowsAuth` or by `ece-config convert-windows-auth` in a child process, then:
 * - the pool file (and the zip's copy) is well formed, every pool's Url ends with `integratedSecurity=true` as its last
 *   such property and keeps every other property, User and Password are empty where the scheme is the native one and
 *   unchanged under NTLM, JavaKerberos or a scheme the driver refuses, and nothing but those values changed (the text
 *   with the three values cut out is identical);
 * - the properties files load in Java as intended (checked in one JVM for all cases by the test);
 * - every other zip entry is byte-identical (raw compressed bytes, CRC, sizes, times, order), and a backup of the zip is
 *   the original;
 * - a second run changes nothing; no user name or password appears in the report;
 * - one home in six has a pool file that cannot be converted (NUL bytes, odd-length UTF-16): the conversion reports it
 *   and no byte of the home changes.
 * Case id: the seed; `c` in front of it for the CLI.
 */
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { XMLValidator } from 'fast-xml-parser';
import { convertWindowsAuth, formatConvertReport } from '../../../server/src/node/convertWindowsAuth';
import { decodeBytes, encodeText } from '../../../server/src/node/textFile';
import { caseSeed, count } from '../harness/config';
import { cliProblems, runCli } from '../harness/cli';
import { int, pick, type Rnd } from '../harness/mutate';
import { wellFormed } from '../harness/oracles';
import type { Failure, Outcome } from '../harness/runner';
import type { Problem } from '../harness/service';
import { buildZip, inflated, rawZipEntries, type ZipInput } from '../harness/zip';
import { seededRandom } from '../../unit/random';

const MASTER = 0xc0de_a1b2;
const POOL_REL = 'eService/installation/dataaccess/egpl_ds_connpool_map.xml';
const RDB_REL = 'ReportsDB Utility/reportsdb_utility.properties';
const INP_REL = 'UpdateDBIndexStats/input.properties';
const ZIP_REL = 'service/lib/deployment.zip';
const POOL_ENTRY = 'dataaccess/egpl_ds_connpool_map.xml';

export function cases(): string[] {
  const out: string[] = [];
  for (let i = 0; i < count(40); i++) out.push(String(caseSeed(MASTER, i)));
  for (let i = 0; i < count(8); i++) out.push(`c${caseSeed(MASTER ^ 0xc, i)}`);
  return out;
}

// ------------------------------------------------------------------------------------------------------------
// Random homes

type Enc = 'plain' | 'entities' | 'cdata' | 'mixed';

interface Pool {
  name: string;
  user?: string;
  password?: string;
  /** Server part and properties of the Url (no braces: values hold no `;`). */
  url?: { server: string; props: Array<[string, string]> };
}

const PW_CHARS = 'abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789!#$%^*()-_+[]~.,?/|&<>"\'';

/** A password nobody else has (the leak check looks for it). */
function password(r: Rnd): string {
  let s = 'Pq';
  for (let i = int(r, 4, 12); i > 0; i--) s += PW_CHARS[int(r, 0, PW_CHARS.length - 1)];
  return s + 'W' + int(r, 10, 99);
}

const NAMED: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

function encodeChunk(r: Rnd, s: string, enc: Exclude<Enc, 'mixed'>): string {
  if (enc === 'cdata' && !s.includes(']]>')) return `<![CDATA[${s}]]>`;
  let out = '';
  for (const ch of s) {
    if (enc === 'entities' && r() < 0.4) out += r() < 0.5 ? `&#${ch.codePointAt(0)};` : `&#x${ch.codePointAt(0)!.toString(16)};`;
    // `&` and `<` must be escaped, and `>` after `]]` (content may not hold `]]>`); the rest may be.
    else if (ch === '&' || ch === '<' || (ch === '>' && (out.endsWith(']]') || r() < 0.5)) || (enc === 'entities' && NAMED[ch] && r() < 0.5)) out += NAMED[ch];
    else out += ch;
  }
  return out;
}

/** A value as XML content, in one of the ways admins (and tools) write it. */
function encodeValue(r: Rnd, s: string): string {
  const enc: Enc = pick(r, ['plain', 'plain', 'entities', 'cdata', 'mixed']);
  if (enc !== 'mixed' || s.length < 2) return encodeChunk(r, s, enc === 'mixed' ? 'plain' : enc);
  const cuts = [...new Set([int(r, 1, s.length - 1), int(r, 1, s.length - 1)])].sort((a, b) => a - b);
  const parts: string[] = [];
  let at = 0;
  for (const c of [...cuts, s.length]) {
    parts.push(encodeChunk(r, s.slice(at, c), pick(r, ['plain', 'entities', 'cdata'])));
    at = c;
  }
  return parts.join('');
}

function randomUrl(r: Rnd): NonNullable<Pool['url']> {
  const host = `${pick(r, ['db', 'sql', 'ece-ag-listener'])}${int(r, 1, 9)}.${pick(r, ['example.com', 'corp.example.org'])}`;
  const server = pick(r, [host, `${host}:1433`, `${host}\\inst${int(r, 1, 3)}`, `${host}:${int(r, 1025, 60000)}`]);
  const props: Array<[string, string]> = [['databaseName', pick(r, ['eGActiveDB', 'eGMasterDB', 'eGReportsDB'])]];
  const is = r();
  if (is < 0.3) props.push([pick(r, ['integratedSecurity', 'IntegratedSecurity', 'INTEGRATEDSECURITY']), pick(r, ['false', 'FALSE', 'no', 'true', 'TRUE', ''])]);
  const scheme = r();
  if (scheme < 0.45) props.push(['authenticationScheme', pick(r, ['NativeAuthentication', 'nativeauthentication', 'NTLM', 'ntlm', 'JavaKerberos', 'javakerberos', 'Bogus'])]);
  if (r() < 0.4) props.push(['multiSubnetFailover', 'true']);
  if (r() < 0.3) props.push(['applicationName', 'ECE & Co']);
  if (r() < 0.2) props.push(['domain', 'CORP']);
  for (let i = props.length - 1; i > 0; i--) {
    const j = int(r, 0, i);
    [props[i], props[j]] = [props[j]!, props[i]!];
  }
  return { server, props };
}

const urlText = (u: NonNullable<Pool['url']>, trailing = false) => `jdbc:sqlserver://${u.server};${u.props.map(([k, v]) => `${k}=${v}`).join(';')}${trailing ? ';' : ''}`;

function randomPools(r: Rnd): Pool[] {
  return Array.from({ length: int(r, 1, 4) }, (_, i) => {
    const p: Pool = { name: pick(r, ['Platform_MSSQL_Pool', 'ReportsDB_MSSQL_Pool', 'ActiveDB_Pool', 'Master Pool']) + (i ? `_${i}` : '') };
    if (r() < 0.9) p.user = pick(r, ['sa', 'ece_user', 'CORP\\svc', 'd&o', '']);
    if (r() < 0.9) p.password = r() < 0.1 ? '' : password(r);
    if (r() < 0.92) p.url = randomUrl(r);
    return p;
  });
}

function poolXml(r: Rnd, pools: readonly Pool[], eol: string): string {
  const out: string[] = [];
  if (r() < 0.8) out.push('<?xml version="1.0" encoding="UTF-8"?>');
  if (r() < 0.5) out.push('<!-- Connection pools: edited by hand -->');
  out.push(`<conn_pool_list egid="${int(r, 1, 9999)}">`);
  for (const p of pools) {
    const byAttr = r() < 0.6;
    out.push(byAttr ? `\t<connpool egid="${int(r, 1, 9999)}" name="${p.name}">` : `\t<connpool egid="${int(r, 1, 9999)}">`);
    const lines: string[] = [];
    if (!byAttr) lines.push(`\t\t<name>${p.name}</name>`);
    const el = (tag: string, v: string | undefined) => {
      if (v === undefined) return;
      lines.push(v === '' && r() < 0.3 ? `\t\t<${tag}/>` : `\t\t<${tag}${r() < 0.3 ? ` egid="${int(r, 1, 99)}"` : ''}>${encodeValue(r, v)}</${tag}>`);
    };
    el('User', p.user);
    el('Password', p.password);
    if (p.url) el('Url', urlText(p.url, r() < 0.2));
    if (r() < 0.3) lines.splice(int(r, 0, lines.length), 0, `\t\t<!-- ${pick(r, ['old value below', 'see the guide', '<Password>not this</Password>'])} -->`);
    for (let i = lines.length - 1; i > 0; i--) {
      const j = int(r, 0, i);
      [lines[i], lines[j]] = [lines[j]!, lines[i]!];
    }
    out.push(...lines, '\t</connpool>');
  }
  out.push('</conn_pool_list>');
  return out.join(eol) + (r() < 0.9 ? eol : '');
}

interface Props {
  text: string;
  /** Secrets written in the file (must not be in the report). */
  secrets: string[];
}

function reportsdbText(r: Rnd, eol: string): Props {
  const lines = [pick(r, ['# Reports DB utility', '! edited by hand', '']), 'EGAIN_HOME_DIR=C:\\\\ECE\\\\eService', 'REPORTS_DB_SERVER_NAME=db1.example.com', 'REPORTS_DB_NAME=eGReportsDB'];
  const how = r();
  if (how < 0.7) {
    const v = pick(r, ['false', 'FALSE', 'False ', 'no', '', 'true', 'TRUE', ' true', '0', 'fa\\\r\n  lse']);
    const sep = pick(r, ['=', ' = ', ':', ' ', '\t=']);
    lines.splice(int(r, 0, lines.length), 0, v === '' && r() < 0.5 ? 'IS_WINDOWS_AUTHENTICATION' : `IS_WINDOWS_AUTHENTICATION${sep}${v}`);
  }
  if (r() < 0.2) lines.push('SSIS_USER_ID=CORP\\\\svc', `SSIS_USER_PASSWORD=${password(r).replace(/[\\#!=:]/g, 'x')}`);
  let text = lines.join(eol);
  const end = r();
  if (end < 0.25) text += eol + 'LAST_LINE=continued\\'; // a last line ending in a continuation
  else if (end < 0.75) text += eol;
  const secrets = [...text.matchAll(/SSIS_USER_PASSWORD=(.*)/g)].map((m) => m[1]!.trim());
  return { text, secrets };
}

function indexstatsText(r: Rnd, eol: string): Props {
  const lines: string[] = [pick(r, ['# UpdateDBIndexStats', ''])];
  const secrets: string[] = [];
  for (const db of ['ACTIVE', 'REPORTS']) {
    if (r() < 0.9) lines.push(`${db}_DATABASE_URL=${urlText(randomUrl(r)).replace(/\\/g, '\\\\')}`);
    const user = pick(r, ['sa', 'ece', '']);
    const pw = r() < 0.2 ? '' : password(r).replace(/[\\#!=:\s]/g, 'x');
    if (pw) secrets.push(pw);
    lines.push(`${db}_USER=${user}`, `${db}_PASS${pick(r, ['=', ' = ', ':'])}${pw}`);
    if (r() < 0.2) {
      // The same key again (Java keeps the last), or a value continued over two lines.
      const pw2 = password(r).replace(/[\\#!=:\s]/g, 'x');
      secrets.push(pw2);
      lines.push(r() < 0.5 ? `${db}_PASS=${pw2}` : `${db}_PASS=${pw2.slice(0, 3)}\\${eol}    ${pw2.slice(3)}`);
      secrets.push(pw2.slice(3));
    }
  }
  for (let i = lines.length - 1; i > 1; i--) {
    const j = int(r, 1, i);
    [lines[i], lines[j]] = [lines[j]!, lines[i]!];
  }
  return { text: lines.join(eol) + (r() < 0.8 ? eol : ''), secrets };
}

interface Home {
  pools: Pool[];
  poolBytes?: Buffer;
  zipPools?: Pool[];
  zipPoolText?: string;
  zipEntries?: ZipInput[];
  rdb?: Buffer;
  inp?: Buffer;
  secrets: string[];
}

async function randomHome(r: Rnd): Promise<Home> {
  const eol = pick(r, ['\r\n', '\n']);
  const pools = randomPools(r);
  const poolText = poolXml(r, pools, eol);
  const storage = pick(r, ['utf8', 'utf8', 'utf8-bom', 'utf16le'] as const);
  const home: Home = { pools, secrets: [] };
  if (r() < 0.95) home.poolBytes = storage === 'utf8' ? Buffer.from(poolText) : storage === 'utf8-bom' ? Buffer.from('\uFEFF' + poolText) : encodeText(poolText, 'utf16le');
  for (const p of pools) if (p.password) home.secrets.push(p.password);
  if (r() < 0.85) {
    const rdb = reportsdbText(r, pick(r, [eol, '\r\n', '\n']));
    home.rdb = Buffer.from((r() < 0.15 ? '\uFEFF' : '') + rdb.text);
    home.secrets.push(...rdb.secrets);
  }
  if (r() < 0.85) {
    const inp = indexstatsText(r, pick(r, [eol, '\r\n', '\n']));
    home.inp = Buffer.from(inp.text);
    home.secrets.push(...inp.secrets);
  }
  if (r() < 0.85) {
    // The copy ECE deploys from: the same pools (as installed) or others, among other entries.
    const zipPools = r() < 0.5 ? pools : randomPools(r);
    const text = r() < 0.5 && zipPools === pools ? poolText : poolXml(r, zipPools, pick(r, ['\r\n', '\n']));
    for (const p of zipPools) if (p.password) home.secrets.push(p.password);
    const mtime = new Date(2019, int(r, 0, 11), int(r, 1, 28), int(r, 0, 23), int(r, 0, 59), 2 * int(r, 0, 29));
    const entries: ZipInput[] = [
      { name: 'META-INF/MANIFEST.MF', data: Buffer.from('Manifest-Version: 1.0\r\n'), compress: r() < 0.5, mtime },
      { name: POOL_ENTRY, data: Buffer.from((r() < 0.2 ? '\uFEFF' : '') + text), compress: r() < 0.7, mtime },
      { name: 'lib/ece.jar', data: Buffer.from(Array.from({ length: int(r, 10, 4000) }, () => int(r, 0, 255))), compress: r() < 0.5, mtime },
      { name: 'config/other.properties', data: Buffer.from('Password=keep-this-entry\n'.repeat(int(r, 1, 30))), compress: true, mtime },
    ];
    for (let i = entries.length - 1; i > 0; i--) {
      const j = int(r, 0, i);
      [entries[i], entries[j]] = [entries[j]!, entries[i]!];
    }
    home.zipPools = zipPools;
    home.zipPoolText = text;
    home.zipEntries = entries;
  }
  return home;
}

async function writeHome(dir: string, h: Home): Promise<void> {
  const put = (rel: string, data: Buffer) => {
    const p = path.join(dir, rel);
    mkdirSync(path.dirname(p), { recursive: true });
    writeFileSync(p, data);
  };
  if (h.poolBytes) put(POOL_REL, h.poolBytes);
  if (h.rdb) put(RDB_REL, h.rdb);
  if (h.inp) put(INP_REL, h.inp);
  if (h.zipEntries) put(ZIP_REL, await buildZip(h.zipEntries));
}

// ------------------------------------------------------------------------------------------------------------
// Checks

/** The raw content of each `<tag>…</tag>` (or '' for `<tag/>`), in document order, without comments. */
function contents(xml: string, tag: string): string[] {
  const bare = xml.replace(/<!--[\s\S]*?-->/g, (c) => ' '.repeat(c.length));
  return [...bare.matchAll(new RegExp(`<${tag}(?:\\s[^>]*)?(?:/>|>([\\s\\S]*?)</${tag}>)`, 'g'))].map((m) => m[1] ?? '');
}

/** XML content decoded: entities and character references resolved, CDATA sections unwrapped. */
function decodeContent(raw: string): string {
  let out = '';
  const re = /<!\[CDATA\[([\s\S]*?)\]\]>|&#x([0-9a-f]+);|&#(\d+);|&(amp|lt|gt|quot|apos);|([^&<]+|[&<])/gi;
  const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
  for (const m of raw.matchAll(re)) {
    if (m[1] !== undefined) out += m[1];
    else if (m[2] !== undefined) out += String.fromCodePoint(parseInt(m[2], 16));
    else if (m[3] !== undefined) out += String.fromCodePoint(Number(m[3]));
    else if (m[4] !== undefined) out += named[m[4].toLowerCase()];
    else out += m[5];
  }
  return out;
}

/** The text with the content of every User, Password and Url element cut out (what must not change). */
function skeleton(xml: string): string {
  return xml.replace(/(<(User|Password|Url)(?:\s[^>]*)?>)([\s\S]*?)(<\/\2>)/g, '$1$4');
}

function splitUrl(u: string): { server: string; props: Array<[string, string]> } {
  const body = u.replace(/^jdbc:sqlserver:\/\//, '');
  const [server = '', ...rest] = body.split(';');
  return { server, props: rest.filter((x) => x !== '').map((x) => [x.slice(0, x.indexOf('=')), x.slice(x.indexOf('=') + 1)] as [string, string]) };
}

const isNative = (u: Pool['url']) => {
  const scheme = u?.props.filter(([k]) => k.toLowerCase() === 'authenticationscheme').pop()?.[1].toLowerCase();
  return scheme === undefined || scheme === 'nativeauthentication';
};

/** The decoded Url as the conversion must leave it: the last integratedSecurity set to true, or one added at the end. */
function expectedUrl(u: NonNullable<Pool['url']>): { server: string; props: Array<[string, string]> } {
  const props = u.props.map(([k, v]) => [k, v] as [string, string]);
  let last = -1;
  props.forEach(([k], i) => {
    if (k.toLowerCase() === 'integratedsecurity') last = i;
  });
  if (last >= 0) props[last] = [props[last]![0], 'true'];
  else props.push(['integratedSecurity', 'true']);
  return { server: u.server, props };
}

/** The pool text after conversion against the pools it was written from. */
function poolProblems(label: string, before: string, after: string, pools: readonly Pool[]): Problem[] {
  const out: Problem[] = [];
  const fail = (d: string) => out.push({ kind: 'bytes', detail: `${label}: ${d}` });
  if (!wellFormed(after)) fail('not well formed after the conversion (ECE Config XML scanner)');
  if (XMLValidator.validate(after.replace(/^\uFEFF/, '')) !== true) fail('not well formed after the conversion (fast-xml-parser)');
  if (skeleton(after) !== skeleton(before)) fail('bytes outside the User, Password and Url values changed');
  const users = contents(after, 'User').map(decodeContent);
  const passwords = contents(after, 'Password').map(decodeContent);
  const urls = contents(after, 'Url').map(decodeContent);
  let u = 0;
  let p = 0;
  let l = 0;
  for (const pool of pools) {
    const native = isNative(pool.url);
    if (pool.user !== undefined) {
      const want = native ? '' : pool.user;
      if (users[u] !== want) fail(`pool ${pool.name}: User is ${JSON.stringify(users[u])}, expected ${JSON.stringify(want)}`);
      u++;
    }
    if (pool.password !== undefined) {
      const want = native ? '' : pool.password;
      if (passwords[p] !== want) fail(`pool ${pool.name}: Password ${native ? 'not emptied' : 'changed under a scheme that needs it'}`);
      p++;
    }
    if (pool.url) {
      const got = splitUrl(urls[l] ?? '');
      const want = expectedUrl(pool.url);
      if (JSON.stringify(got) !== JSON.stringify(want)) fail(`pool ${pool.name}: Url ${JSON.stringify(urls[l])}, expected ${JSON.stringify(urlText(want))}`);
      l++;
    }
  }
  return out;
}

/** What Java must load from a converted properties file (checked by the test in one JVM). */
export interface JavaConversionCheck {
  id: string;
  label: string;
  before: string;
  after: string;
  file: 'reportsdb' | 'indexstats';
}

/** Java's loads against what the conversion intends for the properties files. */
export function judgeJavaConversion(checks: readonly JavaConversionCheck[], load: (texts: string[]) => Array<{ ok: true; table: Map<string, string> } | { ok: false; error: string; message: string }>): Failure[] {
  const texts = [...new Set(checks.flatMap((c) => [c.before, c.after]))];
  const loads = new Map(load(texts).map((l, i) => [texts[i]!, l] as const));
  const failures: Failure[] = [];
  for (const c of checks) {
    const fail = (d: string) => failures.push({ kind: 'bytes', id: c.id, detail: `${c.label} (Java 17 Properties.load): ${d}` });
    const b = loads.get(c.before)!;
    const a = loads.get(c.after)!;
    if (!b.ok || !a.ok) {
      if (b.ok) fail(`the converted file no longer loads: ${!a.ok ? a.message : ''}`);
      continue;
    }
    const changed = new Set<string>();
    if (c.file === 'reportsdb') {
      changed.add('IS_WINDOWS_AUTHENTICATION');
      if (a.table.get('IS_WINDOWS_AUTHENTICATION')?.toLowerCase() !== 'true') fail(`IS_WINDOWS_AUTHENTICATION loads as ${JSON.stringify(a.table.get('IS_WINDOWS_AUTHENTICATION'))}`);
    } else {
      for (const db of ['ACTIVE', 'REPORTS']) {
        const key = `${db}_DATABASE_URL`;
        const url = b.table.get(key);
        const parts = url !== undefined && /^jdbc:sqlserver:/i.test(url.trim()) ? splitUrl(url.trim()) : undefined;
        if (parts) {
          changed.add(key);
          const want = expectedUrl(parts);
          const got = splitUrl((a.table.get(key) ?? '').trim());
          if (JSON.stringify(got) !== JSON.stringify(want)) fail(`${key} loads as ${JSON.stringify(a.table.get(key))}, expected ${JSON.stringify(urlText(want))}`);
        }
        const native = !parts || isNative(parts);
        for (const k of [`${db}_USER`, `${db}_PASS`]) {
          changed.add(k);
          const want = native ? (b.table.has(k) ? '' : undefined) : b.table.get(k);
          if (a.table.get(k) !== want) fail(`${k} loads as ${a.table.get(k) === undefined ? 'nothing' : 'a different value'}${native ? ', expected it blank' : ' under a scheme that needs it'}`);
        }
      }
    }
    for (const [k, v] of b.table) if (!changed.has(k) && a.table.get(k) !== v) fail(`${JSON.stringify(k)} changed from ${JSON.stringify(v)} to ${JSON.stringify(a.table.get(k))}`);
    for (const k of a.table.keys()) if (!b.table.has(k) && !changed.has(k)) fail(`${JSON.stringify(k)} appeared`);
  }
  return failures;
}

function snapshot(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const visit = (d: string) => {
    for (const n of readdirSync(d).sort()) {
      const p = path.join(d, n);
      if (statSync(p).isDirectory()) visit(p);
      else out.set(path.relative(dir, p).split(path.sep).join('/'), readFileSync(p));
    }
  };
  visit(dir);
  return out;
}

/** Writes the home of a case to a folder that is kept, and says where (for `npm run fuzz:repro` with ECE_FUZZ_SHOW=1). */
export async function describeCase(id: string): Promise<string> {
  const dest = mkdtempSync(path.join(tmpdir(), `ece-fuzz-home-${id}-`));
  await writeHome(dest, await randomHome(seededRandom(Number(id.startsWith('c') ? id.slice(1) : id))));
  return `the home of case ${id} before the conversion: ${dest}`;
}

/** A home whose pool file cannot be converted: the conversion says so (not ok) and changes no byte of the home. */
async function refusedCase(id: string, viaCli: boolean, dir: string, home: string, secrets: readonly string[]): Promise<Outcome> {
  const problems: Problem[] = [];
  const before = snapshot(home);
  let report: string;
  if (viaCli) {
    const run = runCli(['convert-windows-auth', home, '--format', 'json'], { cwd: dir });
    const { problems: p, json } = cliProblems(run, 'convert-windows-auth --format json (unconvertible pool file)', 'json');
    problems.push(...p);
    report = run.stdout + run.stderr;
    if (run.code === 0 || (json as { ok?: boolean } | undefined)?.ok !== false) problems.push({ kind: 'bytes', detail: `an unconvertible pool file was not reported (exit ${String(run.code)}):\n${run.stdout.slice(0, 800)}` });
  } else {
    const rep = await convertWindowsAuth(home, { zip: { backupSuffix: '.fuzz-backup' } });
    report = formatConvertReport(rep).join('\n') + JSON.stringify(rep);
    if (rep.ok) problems.push({ kind: 'bytes', detail: `an unconvertible pool file was not reported:\n${formatConvertReport(rep).join('\n')}` });
  }
  const after = snapshot(home);
  for (const [k, v] of before) if (!after.get(k)?.equals(v)) problems.push({ kind: 'bytes', detail: `with an unconvertible pool file, ${k} was changed (a half-converted home)` });
  for (const k of after.keys()) if (!before.has(k)) problems.push({ kind: 'bytes', detail: `with an unconvertible pool file, ${k} was written` });
  for (const s of secrets) if (s.length >= 4 && report.includes(s)) problems.push({ kind: 'leak', detail: `a password appears in the conversion report: ${report.slice(0, 400)}` });
  return { inputs: 1, failures: problems.map((p): Failure => ({ kind: p.kind, id, detail: p.detail })), stats: { refusedHomes: 1, cliRuns: viaCli ? 1 : 0 } };
}

export async function runCase(id: string): Promise<Outcome> {
  const viaCli = id.startsWith('c');
  const r = seededRandom(Number(viaCli ? id.slice(1) : id));
  const h = await randomHome(r);
  const dir = mkdtempSync(path.join(tmpdir(), 'ece-fuzz-convert-'));
  const home = path.join(dir, 'ECE');
  const problems: Problem[] = [];
  const java: JavaConversionCheck[] = [];
  try {
    await writeHome(home, h);
    // One home in six has a pool file that cannot be converted (NUL bytes, or UTF-16 of odd length): nothing may change.
    const broken = seededRandom(Number(viaCli ? id.slice(1) : id) ^ 0xbad0);
    if (h.poolBytes && broken() < 1 / 6) {
      // As UTF-8 with NUL bytes (binary: in UTF-16 a NUL is a character), or as UTF-16 one byte too long.
      const t = decodeBytes(h.poolBytes).text.replace(/^\uFEFF/, '');
      writeFileSync(path.join(home, POOL_REL), broken() < 0.5 ? Buffer.concat([Buffer.from(t.slice(0, 30)), Buffer.from([0, 0, 1, 0]), Buffer.from(t.slice(30))]) : Buffer.concat([encodeText(t, 'utf16le'), Buffer.from([0x41])]));
      return await refusedCase(id, viaCli, dir, home, h.secrets);
    }
    const before = snapshot(home);
    const zipBefore = h.zipEntries ? await rawZipEntries(path.join(home, ZIP_REL)) : [];
    let report = '';
    if (viaCli) {
      const run = runCli(['convert-windows-auth', home, '--format', 'json'], { cwd: dir });
      const { problems: p, json } = cliProblems(run, 'convert-windows-auth --format json', 'json');
      problems.push(...p);
      report = run.stdout + run.stderr;
      const j = json as { ok?: boolean } | undefined;
      if (run.code !== 0 || j?.ok !== true) problems.push({ kind: 'crash', detail: `convert-windows-auth exited ${String(run.code)}:\n${run.stdout.slice(0, 800)}\n${run.stderr.slice(0, 800)}` });
    } else {
      const rep = await convertWindowsAuth(home, { zip: { backupSuffix: '.fuzz-backup' } });
      report = formatConvertReport(rep).join('\n') + JSON.stringify(rep);
      if (!rep.ok) problems.push({ kind: 'crash', detail: `the conversion failed:\n${formatConvertReport(rep).join('\n')}` });
    }
    const after = snapshot(home);
    for (const s of h.secrets) if (s.length >= 4 && report.includes(s)) problems.push({ kind: 'leak', detail: `a password appears in the conversion report: ${report.slice(0, 400)}` });

    // The pool file.
    if (h.poolBytes) {
      const b = decodeBytes(h.poolBytes);
      const a = decodeBytes(after.get(POOL_REL)!);
      if (a.encoding !== b.encoding || a.text.startsWith('\uFEFF') !== b.text.startsWith('\uFEFF')) problems.push({ kind: 'bytes', detail: `pool file: encoding ${b.encoding} became ${a.encoding} (or the BOM changed)` });
      problems.push(...poolProblems('pool file', b.text, a.text, h.pools));
    }
    for (const [rel, file] of [[RDB_REL, 'reportsdb'], [INP_REL, 'indexstats']] as const) {
      const b = before.get(rel);
      if (!b) continue;
      const a = after.get(rel)!;
      java.push({ id, label: rel, before: decodeBytes(b).text, after: decodeBytes(a).text, file });
      const bt = decodeBytes(b).text;
      const at = decodeBytes(a).text;
      if (bt.startsWith('\uFEFF') !== at.startsWith('\uFEFF')) problems.push({ kind: 'bytes', detail: `${rel}: the BOM changed` });
      if (file === 'indexstats') for (const s of h.secrets) if (s.length >= 6 && bt.includes(s) && at.includes(s) && !/authenticationScheme=(?!native)/i.test(bt)) problems.push({ kind: 'leak', detail: `${rel}: an old password is still in the file after the conversion` });
    }

    // deployment.zip: other entries raw identical, the pool entry converted like the file, a backup beside it.
    if (h.zipEntries) {
      const zipAfter = await rawZipEntries(path.join(home, ZIP_REL));
      if (JSON.stringify(zipAfter.map((e) => e.name)) !== JSON.stringify(zipBefore.map((e) => e.name))) problems.push({ kind: 'bytes', detail: 'zip: entry names or order changed' });
      for (let i = 0; i < zipBefore.length; i++) {
        const b = zipBefore[i]!;
        const a = zipAfter[i];
        if (!a) continue;
        if (a.time !== b.time || a.date !== b.date || a.method !== b.method) problems.push({ kind: 'bytes', detail: `zip: ${b.name}: time or method changed` });
        if (b.name === POOL_ENTRY) {
          const bt = decodeBytes(inflated(b)).text;
          const at = decodeBytes(inflated(a)).text;
          problems.push(...poolProblems('zip pool entry', bt, at, h.zipPools!));
          continue;
        }
        if (a.crc !== b.crc || a.compressedSize !== b.compressedSize || a.uncompressedSize !== b.uncompressedSize || a.flags !== b.flags || !a.raw.equals(b.raw)) {
          problems.push({ kind: 'bytes', detail: `zip: ${b.name} is not byte-identical` });
        }
      }
      const backups = [...after.keys()].filter((k) => k.startsWith(`${ZIP_REL}.`));
      const changed = !after.get(ZIP_REL)!.equals(before.get(ZIP_REL)!);
      if (changed && (backups.length !== 1 || !after.get(backups[0]!)!.equals(before.get(ZIP_REL)!))) problems.push({ kind: 'bytes', detail: `zip: expected one backup equal to the original, found ${backups.join(', ') || 'none'}` });
    }
    // Nothing else appeared or changed.
    for (const k of after.keys()) if (!before.has(k) && !k.startsWith(`${ZIP_REL}.`)) problems.push({ kind: 'bytes', detail: `a new file ${k}` });

    // A second run: nothing to do.
    if (viaCli) {
      const again = runCli(['convert-windows-auth', home, '--check'], { cwd: dir });
      problems.push(...cliProblems(again, 'convert-windows-auth --check (second run)', 'text').problems);
      if (again.code !== 0) problems.push({ kind: 'bytes', detail: `second run: --check says changes are pending (exit ${String(again.code)}):\n${again.stdout.slice(0, 800)}` });
    } else {
      const again = await convertWindowsAuth(home, { zip: { backupSuffix: '.fuzz-backup-2' } });
      if (again.files.length || again.zips.some((z) => z.changed)) problems.push({ kind: 'bytes', detail: `second run changed something:\n${formatConvertReport(again).join('\n')}` });
    }
    const third = snapshot(home);
    for (const [k, v] of after) if (!third.get(k)?.equals(v)) problems.push({ kind: 'bytes', detail: `second run rewrote ${k}` });
    for (const k of third.keys()) if (!after.has(k)) problems.push({ kind: 'bytes', detail: `second run wrote ${k}` });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return {
    inputs: 1,
    failures: problems.map((p): Failure => ({ kind: p.kind, id, detail: p.detail })),
    stats: { pools: h.pools.length, zips: h.zipEntries ? 1 : 0, cliRuns: viaCli ? 2 : 0 },
    ...(java.length ? { extra: java } : {}),
  };
}
