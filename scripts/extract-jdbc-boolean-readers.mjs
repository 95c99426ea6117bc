#!/usr/bin/env node
// Reads a checkout (or a bare git directory) of Microsoft's mssql-jdbc and writes, for every boolean connection
// property, HOW the driver reads its value:
//   strict  - through SQLServerConnection.isBooleanPropertyOn: `true`/`false` in any case, anything else throws
//             R_invalidBooleanValue and the connection fails;
//   lenient - through Boolean.parseBoolean: anything other than `true` (any case) silently means false.
// The output, scripts/data/jdbc-boolean-readers.json, holds facts only (names, reading mode, file and line of the
// reading call, the commit); no driver code is copied. scripts/gen-jdbc-properties.mjs turns it into the generated
// driver facts of the product.
//   usage: node scripts/extract-jdbc-boolean-readers.mjs <mssql-jdbc checkout or git dir> [out.json]
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const SRC = 'src/main/java/com/microsoft/sqlserver/jdbc';
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const repo = process.argv[2];
const outPath = process.argv[3] ?? join(root, 'scripts/data/jdbc-boolean-readers.json');
if (!repo) {
  console.error('usage: node scripts/extract-jdbc-boolean-readers.mjs <mssql-jdbc checkout or git dir> [out.json]');
  process.exit(2);
}

/** The Java sources of the driver package, as { name, text }, from a work tree or else from git HEAD. */
function sources() {
  const dir = join(repo, SRC);
  if (existsSync(dir)) {
    const head = existsSync(join(repo, '.git')) ? git(['rev-parse', 'HEAD'], join(repo, '.git')).trim() : 'work tree';
    return { commit: head, files: readdirSync(dir).filter((n) => n.endsWith('.java')).map((name) => ({ name, text: readFileSync(join(dir, name), 'utf8') })) };
  }
  const commit = git(['rev-parse', 'HEAD'], repo).trim();
  const names = git(['ls-tree', '--name-only', 'HEAD', `${SRC}/`], repo).split('\n').filter((p) => p.endsWith('.java'));
  return { commit, files: names.map((p) => ({ name: p.slice(SRC.length + 1), text: git(['show', `HEAD:${p}`], repo) })) };
}

function git(args, gitDir) {
  return execFileSync('git', ['--git-dir', gitDir, ...args], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
}

const { commit, files } = sources();
const byName = new Map(files.map((f) => [f.name, f.text]));
const driver = byName.get('SQLServerDriver.java');
if (!driver) throw new Error(`SQLServerDriver.java not found under ${SRC}`);

// enum SQLServerDriverBooleanProperty { CONSTANT("name", default), ... }
const enumStart = driver.indexOf('enum SQLServerDriverBooleanProperty');
if (enumStart < 0) throw new Error('enum SQLServerDriverBooleanProperty not found');
const enumBody = driver.slice(enumStart, driver.indexOf(';', driver.indexOf('(', enumStart)));
const constants = new Map();
for (const m of enumBody.matchAll(/([A-Z][A-Z0-9_]*)\s*\(\s*"([^"]+)"/g)) constants.set(m[1], m[2]);
if (constants.size === 0) throw new Error('no constants read from SQLServerDriverBooleanProperty');

const lineOf = (text, offset) => text.slice(0, offset).split('\n').length;

/** The text of a call's argument list starting at the `(` at `open` (balanced parentheses). */
function argsAt(text, open) {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '(') depth++;
    else if (text[i] === ')' && --depth === 0) return text.slice(open + 1, i);
  }
  return text.slice(open + 1);
}

const found = new Map(); // name -> { reading, at: [file:line] }
function record(name, reading, where) {
  const prev = found.get(name);
  if (prev && prev.reading !== reading) throw new Error(`${name} is read both ${prev.reading} (${prev.at.join(', ')}) and ${reading} (${where})`);
  if (prev) prev.at.push(where);
  else found.set(name, { reading, at: [where] });
}

for (const { name: file, text } of files) {
  // strict: isBooleanPropertyOn(key, value); the key is `sPropKey`, set from a SQLServerDriverBooleanProperty
  // constant by the nearest assignment before the call, or the constant itself.
  for (const m of text.matchAll(/isBooleanPropertyOn\s*\(/g)) {
    const args = argsAt(text, m.index + m[0].length - 1);
    if (/\bString\s+propName\b/.test(args)) continue; // the declaration
    let constant = /SQLServerDriverBooleanProperty\s*\.\s*([A-Z0-9_]+)/.exec(args)?.[1];
    if (!constant) {
      const keyVar = /^\s*([A-Za-z_]\w*)\s*,/.exec(args)?.[1];
      if (!keyVar) throw new Error(`${file}:${lineOf(text, m.index)}: cannot read the key of isBooleanPropertyOn`);
      const before = text.slice(0, m.index);
      const assigns = [...before.matchAll(new RegExp(`\\b${keyVar}\\s*=\\s*SQLServerDriverBooleanProperty\\s*\\.\\s*([A-Z0-9_]+)`, 'g'))];
      constant = assigns.at(-1)?.[1];
    }
    const prop = constants.get(constant);
    if (!prop) throw new Error(`${file}:${lineOf(text, m.index)}: isBooleanPropertyOn on an unknown key ${constant}`);
    record(prop, 'strict', `${file}:${lineOf(text, m.index)}`);
  }
  // lenient: Boolean.parseBoolean(...) whose argument names a SQLServerDriverBooleanProperty constant (other
  // parseBoolean calls read data, not connection properties).
  for (const m of text.matchAll(/Boolean\s*\.\s*parseBoolean\s*\(/g)) {
    const args = argsAt(text, m.index + m[0].length - 1);
    const constant = /SQLServerDriverBooleanProperty\s*\.\s*([A-Z0-9_]+)/.exec(args)?.[1];
    if (!constant) continue;
    const prop = constants.get(constant);
    if (!prop) throw new Error(`${file}:${lineOf(text, m.index)}: parseBoolean on an unknown key ${constant}`);
    record(prop, 'lenient', `${file}:${lineOf(text, m.index)}`);
  }
}

const unread = [...constants.values()].filter((n) => !found.has(n));
if (unread.length) throw new Error(`no reading call found for: ${unread.join(', ')}`);

const out = {
  source: `microsoft/mssql-jdbc @${commit.slice(0, 7)}`,
  commit,
  note: 'strict = SQLServerConnection.isBooleanPropertyOn (true/false in any case, else R_invalidBooleanValue); lenient = Boolean.parseBoolean (anything but "true" in any case is false). Generated by scripts/extract-jdbc-boolean-readers.mjs.',
  properties: [...constants.values()].map((name) => ({ name, reading: found.get(name).reading, at: found.get(name).at })),
};
writeFileSync(outPath, JSON.stringify(out, null, 1) + '\n');
console.log(`wrote ${outPath}: ${out.properties.length} boolean properties (${out.properties.filter((p) => p.reading === 'lenient').map((p) => p.name).join(', ')} lenient)`);
