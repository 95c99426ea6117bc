/**
 * The registry of file kinds, in detection order: the first kind whose `ece.files.<id>` globs match a
 * file's name (and whose `claims` accepts its content) owns the file. Adding a kind = one line here.
 */
import type { FileKind } from '../core/types';
import { batchKind } from './batch/kind';
import { connpoolKind } from './connpool/kind';
import { eceJsKind } from './ecejs/kind';
import { finesseKind } from './finesse/kind';
import { indexstatsKind } from './indexstats/kind';
import { reportsdbKind } from './reportsdb/kind';
import { webconfigKind } from './webconfig/kind';

export const KINDS: ReadonlyArray<FileKind<unknown>> = [
  connpoolKind as FileKind<unknown>,
  reportsdbKind as FileKind<unknown>,
  indexstatsKind as FileKind<unknown>,
  webconfigKind as FileKind<unknown>,
  eceJsKind as FileKind<unknown>,
  finesseKind as FileKind<unknown>,
  batchKind as FileKind<unknown>,
];

type ModelOf<T> = T extends FileKind<infer M> ? M : never;

/**
 * The model each kind's parser gives, by kind id: what the workspace hands out for a file of that kind (a file's
 * kind is the kind whose parser made its model). `Partner<K>` indexes it by any `KindId`, so a kind missing here
 * does not compile.
 */
export interface KindModels {
  connpool: ModelOf<typeof connpoolKind>;
  reportsdb: ModelOf<typeof reportsdbKind>;
  indexstats: ModelOf<typeof indexstatsKind>;
  webconfig: ModelOf<typeof webconfigKind>;
  ecejs: ModelOf<typeof eceJsKind>;
  finesse: ModelOf<typeof finesseKind>;
  batch: ModelOf<typeof batchKind>;
}
