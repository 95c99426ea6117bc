/**
 * Micro-benchmark of the four big parsers (parseXml, parseProperties, parseJdbcUrl, the IIS pattern check) and of
 * fast-xml-parser's XMLValidator on the same XML, in process, on generated 1 MB and 10 MB inputs: the median of
 * several runs after a warm-up. Growth with size belongs here (and in bench/), not in unit tests.
 *
 * usage: node --import tsx scripts/bench-parsers.ts [--runs N] [--sizes 1,10] [--only parseJdbcUrl] [ROOT ...]
 *   ROOT: a checkout's root whose server/src is measured (default: this one). With several roots the runs are
 *   interleaved (A B A B ...), so a change of the machine's load hits each side alike: compare before and after a
 *   refactor with `git worktree add /tmp/before HEAD~1` and both roots.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildSync } from 'esbuild';
import { XMLValidator } from 'fast-xml-parser';

const args = process.argv.slice(2);
const opt = (name: string, dflt: string): string => {
  const i = args.indexOf(name);
  if (i < 0) return dflt;
  const v = args[i + 1] ?? dflt;
  args.splice(i, 2);
  return v;
};
const RUNS = Number(opt('--runs', '7'));
const SIZES = opt('--sizes', '1,10').split(',').map((s) => Number(s) * 1_000_000);
const ONLY = opt('--only', '');
const ROOTS = args.length ? args.map((a) => path.resolve(a)) : [path.resolve(__dirname, '..')];

function pad(s: string, target: number, unit: (i: number) => string): string {
  const parts: string[] = [];
  let n = s.length;
  for (let i = 0; n < target; i++) {
    const u = unit(i);
    parts.push(u);
    n += u.length;
  }
  return s + parts.join('');
}

/** A pool file: connpools with attributes, entities, comments and CDATA, CRLF. */
function poolXml(size: number): string {
  const head = '<?xml version="1.0" encoding="UTF-8"?>\r\n<!-- pools -->\r\n<conn_pool_list>\r\n';
  const body = pad(head, size - 20, (i) =>
    `\t<connpool name="Pool_${i}" type="sql">\r\n\t\t<User egid="${i}1">svc&amp;${i}</User>\r\n\t\t<Password egid="${i}2"><![CDATA[p<${i}>]]></Password>\r\n` +
    `\t\t<Url egid="${i}3">jdbc:sqlserver://db${i % 7}.example.com:1433;databaseName=eG&amp;ActiveDB;applicationName=a&#38;b</Url>\r\n\t\t<!-- pool ${i} -->\r\n\t</connpool>\r\n`,
  );
  return body + '</conn_pool_list>\r\n';
}

/** A properties file: keys, escapes, \u escapes, continuations and comments, CRLF. */
function propertiesText(size: number): string {
  return pad('# Reports DB utility\r\n', size, (i) =>
    i % 5 === 0 ? `! comment ${i} \\\r\n` : i % 5 === 1 ? `PATH_${i}=C:\\\\ECE\\\\eService\\\\u0041${i}\r\n` : i % 5 === 2 ? `URL_${i} = jdbc:sqlserver://h;\\\r\n    databaseName=d${i}\r\n` : i % 5 === 3 ? `K\\=${i}:v\\:${i}\\tx\r\n` : `BROKEN_${i}=C:\\ECE\\temp\\u12\r\n`,
  );
}

/** One JDBC URL with many properties, braced values and blanks. */
function jdbcUrlText(size: number): string {
  return pad('jdbc:sqlserver://db.example.com\\inst:1433;', size, (i) =>
    i % 4 === 0 ? `applicationName={a;b}}c${i}};` : i % 4 === 1 ? ` databaseName = eG${i} ;` : i % 4 === 2 ? `integratedSecurity=true;` : `p${i}=v${i};`,
  );
}

/** A long wsname= pattern: groups, classes, escapes, quantifiers and alternatives. */
function iisPattern(size: number): string {
  const head = 'wsname=((http[s]?)(:|%3A)(/|%2F)(/|%2F)([a-z0-9-]+\\.)*(';
  return pad(head, size - 20, (i) => `${i ? '|' : ''}dom${i}\\.(com|net){1,2}[a-z0-9_-]*`) + ')(&|%26|\\$))';
}

type Parse = (text: string) => unknown;
type Parsers = { parseXml: Parse; parseProperties: Parse; parseJdbcUrl: Parse; validateIisPattern: Parse };

/**
 * The parsers of one checkout, bundled as the product ships them (esbuild, minified: no tsx `keepNames` helpers,
 * which cost a call per closure and would be measured as the parsers' own time).
 */
function load(root: string): Parsers {
  const dir = path.join(root, 'server/src/service/parse');
  const out = buildSync({
    stdin: {
      contents: ['xml', 'properties', 'jdbcUrl', 'iisRegex'].map((m) => `export * from ${JSON.stringify(path.join(dir, m))};`).join('\n'),
      resolveDir: root,
      loader: 'ts',
    },
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    minify: true,
    write: false,
  });
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'bench-parsers-')), 'parsers.js');
  writeFileSync(file, out.outputFiles[0]!.text);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(file) as Parsers;
}

type Parser = { name: string; input: (size: number) => string; run: (p: Parsers) => Parse };

const PARSERS: Parser[] = [
  { name: 'parseXml', input: poolXml, run: (p) => p.parseXml },
  { name: 'parseProperties', input: propertiesText, run: (p) => p.parseProperties },
  { name: 'parseJdbcUrl', input: jdbcUrlText, run: (p) => p.parseJdbcUrl },
  { name: 'validateIisPattern (scanPattern)', input: iisPattern, run: (p) => p.validateIisPattern },
];
const BUNDLES = ROOTS.map(load);

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function time(fn: () => unknown): number {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
}

console.log(`node ${process.version}, ${os.cpus().length} cores, load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}; median of ${RUNS} runs after 2 warm-up runs`);
console.log(`| parser | size | ${ROOTS.map((r) => `${path.basename(r)} (ms)`).join(' | ')} |`);
console.log(`|---|---|${ROOTS.map(() => '---').join('|')}|`);
for (const size of SIZES) {
  for (const p of PARSERS) {
    if (ONLY && !p.name.startsWith(ONLY)) continue;
    const text = p.input(size);
    const fns = BUNDLES.map((b) => p.run(b));
    for (const fn of fns) for (let w = 0; w < 2; w++) fn(text);
    const samples: number[][] = ROOTS.map(() => []);
    for (let k = 0; k < RUNS; k++) fns.forEach((fn, i) => samples[i]!.push(time(() => fn(text))));
    console.log(`| ${p.name} | ${(text.length / 1e6).toFixed(1)} MB | ${samples.map((s) => median(s).toFixed(1)).join(' | ')} |`);
  }
  if (ONLY && ONLY !== 'XMLValidator') continue;
  const xml = poolXml(size);
  for (let w = 0; w < 2; w++) XMLValidator.validate(xml);
  const v: number[] = [];
  for (let k = 0; k < RUNS; k++) v.push(time(() => XMLValidator.validate(xml)));
  console.log(`| fast-xml-parser XMLValidator.validate (same XML) | ${(xml.length / 1e6).toFixed(1)} MB | ${median(v).toFixed(1)} |`);
}
console.log(`load average after: ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
