#!/usr/bin/env node
// Builds examples/ece-home/service/lib/deployment.zip: a small stand-in for ECE's deployment.zip whose
// dataaccess/egpl_ds_connpool_map.xml is the example pool file as it was at installation (every pool on SQL
// authentication with its password, the old database server), which is what the zip still holds when an admin changes
// the file on disk and forgets the zip (connpool/deployment-zip-differs), plus a few other entries (deflated and
// stored, a directory entry) so the "Convert to Windows Authentication" command has something to keep.
// Deterministic: fixed timestamps and fixed order, so running it twice gives the same bytes.
// usage: node scripts/make-example-zip.mjs [--check]   (--check: fail if the committed zip differs)
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as yazl from 'yazl';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const home = join(root, 'examples', 'ece-home');
const out = join(home, 'service', 'lib', 'deployment.zip');
const onDisk = readFileSync(join(home, 'eService', 'installation', 'dataaccess', 'egpl_ds_connpool_map.xml'), 'utf8');
// The file as installed: one SQL Server, SQL authentication everywhere, the reports pool with its own login.
const pool = Buffer.from(
  onDisk
    .replace('Half-way through a move to Windows authentication and an Always On listener.', 'As installed: SQL authentication, one SQL Server.')
    .replaceAll('ece-ag-listener.massivedynamic.com\\ecereports:1433', 'ece-sql01.massivedynamic.com:1433')
    .replaceAll('ece-ag-listener.massivedynamic.com', 'ece-sql01.massivedynamic.com')
    .replaceAll('10.20.30.40', 'ece-sql01.massivedynamic.com')
    .replaceAll('integratedSecurity=true', 'integratedSecurity=false')
    .replace(/;multiSubnetFailover=[a-z]+/g, '')
    .replace(';integratedSecuirty=true', '')
    .replace('<User egid="3046"></User>', '<User egid="3046">eGReportsDB</User>')
    .replace('<Password egid="3047"></Password>', '<Password egid="3047">36423441364</Password>'),
  'utf8',
);
const T = new Date(2024, 2, 14, 9, 30, 0); // DOS times are local and have 2-second steps

const crlf = (s) => Buffer.from(s.replace(/\r?\n/g, '\r\n'), 'utf8');
const entries = [
  ['META-INF/', null],
  ['META-INF/MANIFEST.MF', crlf('Manifest-Version: 1.0\nCreated-By: ece-config example\nImplementation-Title: ECE deployment (example)\n\n')],
  ['dataaccess/', null],
  ['dataaccess/egpl_ds_connpool_map.xml', pool],
  [
    'dataaccess/egpl_ds_jndi_map.xml',
    crlf('<?xml version="1.0" encoding="UTF-8"?>\n<jndi_map>\n\t<entry name="jdbc/eGActiveDB" pool="Platform_MSSQL_Pool"/>\n\t<entry name="jdbc/eGReportsDB" pool="ReportsDB_MSSQL_Pool"/>\n</jndi_map>\n'),
  ],
  ['config/', null],
  ['config/egpl_logger.properties', crlf('# example logging settings\nlog.level=INFO\nlog.max.size.mb=50\nlog.backup.count=10\n'.repeat(3))],
  ['config/readme.txt', Buffer.from('Example archive for ece-config tests. Not a real ECE deployment.\n', 'utf8'), { compress: false }],
];

const zip = new yazl.ZipFile();
for (const [name, data, extra] of entries) {
  if (data === null) zip.addEmptyDirectory(name, { mtime: T, forceDosTimestamp: true });
  else zip.addBuffer(data, name, { mtime: T, forceDosTimestamp: true, compress: true, ...(extra ?? {}) });
}
zip.end();
const chunks = [];
for await (const c of zip.outputStream) chunks.push(c);
const bytes = Buffer.concat(chunks);

if (process.argv.includes('--check')) {
  const committed = readFileSync(out);
  if (!committed.equals(bytes)) {
    console.error(`${out} differs from what this script builds; run: node scripts/make-example-zip.mjs`);
    process.exit(1);
  }
  console.log(`${out} is up to date`);
} else {
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, bytes);
  console.log(`wrote ${out} (${bytes.length} bytes)`);
}
