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
