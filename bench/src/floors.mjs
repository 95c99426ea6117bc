// In-process and out-of-process XML baselines on the same bytes the servers get:
// the floor (fast-xml-parser parse; xmllint --noout, a C parser) and a peer XML pipeline
// (@xml-tools/parser + @xml-tools/ast + @xml-tools/validation, what SAP's XML language server uses).
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import xmlToolsParser from '@xml-tools/parser';
import xmlToolsAst from '@xml-tools/ast';
import xmlToolsValidation from '@xml-tools/validation';
import { now } from './lsp.mjs';
import { stats } from './measure.mjs';

function timeRuns(fn, iters, maxMs, warmUp = true) {
  if (warmUp) fn(); // not counted
  const samples = [];
  const deadline = now() + maxMs;
  for (let i = 0; i < iters && (i === 0 || now() < deadline); i++) {
    const t0 = now();
    fn();
    samples.push(now() - t0);
  }
  return stats(samples);
}

export function fxpParse(text, iters, maxMs = 20000) {
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@_' });
  return timeRuns(() => parser.parse(text), iters, maxMs);
}

/** fast-xml-parser's well-formedness check (reports line/column), the closer match to what a server must do first. */
export function fxpValidate(text, iters, maxMs = 20000) {
  return timeRuns(() => {
    const r = XMLValidator.validate(text);
    if (r !== true) throw new Error(`fast-xml-parser says not well-formed: ${JSON.stringify(r.err)}`);
  }, iters, maxMs);
}

export function xmllintAvailable() {
  const r = spawnSync('xmllint', ['--version'], { encoding: 'utf8' });
  return r.status === 0 ? (r.stderr || r.stdout).split('\n')[0].trim() : null;
}

/** Wall time of `xmllint --noout FILE`, process start included (measured on an empty document too). */
export function xmllint(file, iters, maxMs = 20000) {
  return timeRuns(() => {
    const r = spawnSync('xmllint', ['--noout', file], { stdio: ['ignore', 'ignore', 'pipe'] });
    if (r.status !== 0) throw new Error(`xmllint failed on ${file}: ${r.stderr}`);
  }, iters, maxMs);
}

/** Element checks comparable to ours: every `Url` must be a SQL Server JDBC URL with known property names. */
const KNOWN = new Set(['integratedsecurity', 'databasename', 'applicationname', 'logintimeout', 'encrypt', 'trustservercertificate']);
function urlValidator(el) {
  if (el.name !== 'Url') return [];
  const text = el.textContents.map((t) => t.text ?? '').join('');
  const issues = [];
  if (!text.startsWith('jdbc:sqlserver://')) issues.push({ msg: 'not a SQL Server JDBC URL', node: el, severity: 'error' });
  for (const part of text.split(';').slice(1)) {
    const eq = part.indexOf('=');
    if (eq <= 0 || !KNOWN.has(part.slice(0, eq).trim().toLowerCase())) issues.push({ msg: `unknown property ${part}`, node: el, severity: 'warning' });
  }
  return issues;
}
function egidValidator(attr) {
  return attr.key === 'egid' && !/^\d+$/.test(attr.value ?? '') ? [{ msg: 'egid must be a number', node: attr }] : [];
}

export function xmlTools(text, iters, maxMs = 10000) {
  let issues = 0;
  const s = timeRuns(() => {
    const { cst, tokenVector, lexErrors, parseErrors } = xmlToolsParser.parse(text);
    const doc = xmlToolsAst.buildAst(cst, tokenVector);
    issues = lexErrors.length + parseErrors.length
      + xmlToolsValidation.validate({ doc, validators: { element: [urlValidator], attribute: [egidValidator] } }).length;
  }, iters, maxMs, text.length < 5e6);
  return s && { ...s, issues };
}

/**
 * fast-xml-parser's `XMLValidator.validate` then `XMLParser.parse` of the same text, timed together: the least
 * work that tells a well-formed file from a broken one AND yields its tree, which our server must also do before
 * any rule runs.
 */
export function fxpValidateParse(text, iters, maxMs = 30000) {
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@_' });
  // The hard Finesse input holds a bare & that the validator refuses (it returns an error object, it does not
  // throw): the parse runs all the same, as ours goes on to the rules.
  return timeRuns(() => {
    XMLValidator.validate(text);
    parser.parse(text);
  }, iters, maxMs);
}

const rootRequire = createRequire(new URL('../../package.json', import.meta.url));

/** acorn (the parser the product itself uses for ece_config.js) parsing the script once, with locations. */
export function acornParse(text, iters, maxMs = 30000) {
  const acorn = rootRequire('acorn');
  return timeRuns(() => {
    try {
      acorn.parse(text, { ecmaVersion: 'latest', sourceType: 'script', locations: true });
    } catch { /* a planted syntax error: the time to find it counts */ }
  }, iters, maxMs);
}

/**
 * The least a properties reader must do: split the lines and each line at its first `=` or `:` into a map (no
 * escapes, no continuations). A floor for the properties kinds, not a peer.
 */
export function propertiesSplit(text, iters, maxMs = 30000) {
  return timeRuns(() => {
    const m = new Map();
    for (const line of text.split(/\r\n|\n|\r/)) {
      const t = line.trimStart();
      if (t === '' || t[0] === '#' || t[0] === '!') continue;
      const eq = t.search(/[=:]/);
      m.set(eq < 0 ? t : t.slice(0, eq).trimEnd(), eq < 0 ? '' : t.slice(eq + 1).trimStart());
    }
  }, iters, maxMs);
}

/** The floor of a file kind: its name and timing (XML kinds: fxp validate + parse; JS: acorn; properties and batch: line split). */
export function floorFor(kind, text, iters) {
  if (kind === 'connpool' || kind === 'webconfig' || kind === 'finesse') return { name: 'fast-xml-parser validate + parse', ...fxpValidateParse(text, iters) };
  if (kind === 'ecejs') return { name: 'acorn parse', ...acornParse(text, iters) };
  if (kind === 'reportsdb' || kind === 'indexstats' || kind === 'batch') return { name: 'line split at = (no escapes)', ...propertiesSplit(text, iters) };
  return null;
}
