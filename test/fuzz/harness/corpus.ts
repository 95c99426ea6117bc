/**
 * The seed files of the fuzzers: every ECE file of `examples/ece-home` and `test/fixtures/**`, decoded as the CLI
 * reads them (a byte-order mark kept), each with a `file:` URI under which the service recognises its kind. Fixtures
 * named for their test (`01-aspnet-mvc.web.config`, `ece_config.broken.js`, `pool-entry.xml`) get the file name of
 * their kind in a folder of their own. Identical texts are kept once; files whose content their kind does not claim
 * (IIS web.config files without ECE's clickjacking rules) are left out.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { EceLanguageService } from '../../../server/src/service/core/engine';
import { defaultSettings } from '../../../server/src/service/core/settings';
import type { KindId } from '../../../server/src/service/core/types';
import { decodeBytes } from '../../../server/src/node/textFile';

export const ROOT = path.join(__dirname, '..', '..', '..');
export const EXAMPLE_HOME = path.join(ROOT, 'examples', 'ece-home');
/** The virtual folder the fuzzers' documents live under. */
export const FUZZ_BASE = 'file:///fuzz';
/** Where the example home's files live for the service (the workspace model of the mutation fuzzer uses it). */
export const HOME_URI = `${FUZZ_BASE}/ece-home`;

export interface SeedFile {
  /** Path relative to the repository (the case ids name files by it). */
  rel: string;
  uri: string;
  kind: KindId;
  text: string;
  /** True for files of the example ECE home (analysed with the rest of the home as partners). */
  inHome: boolean;
}

const TEXT_FILE = /\.(xml|properties|js|config|bat)$/i;

/** The URI a fixture gets when its own name is not the name of its kind. */
function renamed(rel: string, text: string): string {
  const base = path.posix.basename(rel);
  const dir = `${FUZZ_BASE}/${rel}`;
  if (/web\.config$/i.test(base)) return `${dir}/web.config`;
  if (/\.js$/i.test(base)) return `${dir}/${/spog/i.test(base) ? 'spog_config.js' : 'ece_config.js'}`;
  if (/\.xml$/i.test(base)) return /conn_?pool/i.test(text) ? `${dir}/egpl_ds_connpool_map.xml` : `${dir}/finesse/gadget/layout/${base}`;
  return `${FUZZ_BASE}/${rel}`;
}

let cached: SeedFile[] | undefined;

/** The seed files, sorted by path; throws when a text file of the corpus is recognised as no kind. */
export function corpus(): SeedFile[] {
  if (cached) return cached;
  const service = new EceLanguageService({ log: () => undefined });
  const settings = defaultSettings();
  const out: SeedFile[] = [];
  const seen = new Set<string>();
  const visit = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const p = path.join(dir, name);
      if (statSync(p).isDirectory()) {
        visit(p);
        continue;
      }
      if (!TEXT_FILE.test(name)) continue;
      const rel = path.relative(ROOT, p).split(path.sep).join('/');
      const text = decodeBytes(readFileSync(p)).text;
      if (seen.has(text)) continue;
      const inHome = rel.startsWith('examples/ece-home/');
      const own = inHome ? `${HOME_URI}/${rel.slice('examples/ece-home/'.length)}` : `${FUZZ_BASE}/${rel}`;
      const uri = service.kindOf(own, text, settings) ? own : renamed(rel, text);
      if (!service.isCandidate(uri, settings)) throw new Error(`fuzz corpus: ${rel} gets no ECE file name (give it a URI in corpus.ts)`);
      const kind = service.kindOf(uri, text, settings)?.id;
      // A file with an ECE name whose content its kind refuses (a web.config without ECE's rules) is no ECE file.
      if (!kind) continue;
      seen.add(text);
      out.push({ rel, uri, kind, text, inHome });
    }
  };
  visit(EXAMPLE_HOME);
  visit(path.join(ROOT, 'test', 'fixtures'));
  cached = out;
  return out;
}

/** The seed file with this repository-relative path. */
export function seedFile(rel: string): SeedFile {
  const f = corpus().find((x) => x.rel === rel);
  if (!f) throw new Error(`fuzz corpus: no seed file ${rel}`);
  return f;
}
