/**
 * What a properties file kind knows about its keys: what each is for, what sort of value it holds (which
 * decides how loud an escaping mistake is), which keys the guides require.
 */
import type { KindId } from '../../core/types';

/**
 * - `path`, `host`, `user`, `url`: a stray backslash breaks the utility (errors);
 * - `secret`: never shown anywhere;
 * - `port`, `boolean`, `name`, `text`: ordinary values.
 */
export type ValueClass = 'path' | 'host' | 'user' | 'url' | 'secret' | 'port' | 'boolean' | 'name' | 'text';

export interface KeyInfo {
  key: string;
  valueClass: ValueClass;
  /** One or two sentences in the product's own words: what the key is for and what to write. */
  doc: string;
  /** An example value for completions and snippets (never a real password). */
  example: string;
  /** Where the key comes from, when only one ECE version's guide lists it. */
  version?: '12.5' | '12.6';
}

export interface PropertiesSchema {
  kind: KindId;
  /** The file name, for messages: `reportsdb_utility.properties`. */
  fileName: string;
  /** Which utility reads the file, for messages. */
  reader: string;
  keys: readonly KeyInfo[];
  /** Each group: at least one of these keys must be present. */
  required: ReadonlyArray<readonly string[]>;
}

export function keyInfo(schema: PropertiesSchema, key: string): KeyInfo | undefined {
  return schema.keys.find((k) => k.key === key);
}

/** The value class of a key: from the schema, else guessed from the key's name. */
export function valueClassOf(schema: PropertiesSchema, key: string): ValueClass {
  const k = keyInfo(schema, key);
  if (k) return k.valueClass;
  if (/PASS|PWD|SECRET|TOKEN/i.test(key)) return 'secret';
  if (/URL/i.test(key)) return 'url';
  if (/DIR|PATH|HOME|FOLDER|LOCATION|FILE/i.test(key)) return 'path';
  if (/SERVER|HOST/i.test(key)) return 'host';
  if (/USER|ACCOUNT|LOGIN/i.test(key)) return 'user';
  return 'text';
}

/** Path, host, user and URL values: a backslash mistake there breaks the utility. */
export function isStrictClass(c: ValueClass): boolean {
  return c === 'path' || c === 'host' || c === 'user' || c === 'url';
}
