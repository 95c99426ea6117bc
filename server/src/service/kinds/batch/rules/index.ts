import type { Rule } from '../../../core/types';
import type { BatchFileModel } from '../model';
import { blankAroundEquals } from './blankAroundEquals';
import { pathNotFound } from './pathNotFound';
import { placeholderNotReplaced } from './placeholderNotReplaced';
import { quotedPathValue } from './quotedPathValue';
import { reportsdbHomeDiffers } from './reportsdbHomeDiffers';
import { sharedLocationDiffers } from './sharedLocationDiffers';
import { sharedLocationNotUnc } from './sharedLocationNotUnc';
import { trailingBlanks } from './trailingBlanks';

/** Every rule of the four ECE batch files, one file each. */
export const batchRules: ReadonlyArray<Rule<BatchFileModel>> = [
  placeholderNotReplaced,
  quotedPathValue,
  trailingBlanks,
  blankAroundEquals,
  sharedLocationDiffers,
  sharedLocationNotUnc,
  reportsdbHomeDiffers,
  pathNotFound,
];
