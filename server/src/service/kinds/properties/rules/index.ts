import type { Rule } from '../../../core/types';
import type { PropertiesFileModel } from '../model';
import { byteOrderMark } from './byteOrderMark';
import { controlEscapeInPath } from './controlEscapeInPath';
import { duplicateKey } from './duplicateKey';
import { lineContinuation } from './lineContinuation';
import { malformedUnicodeEscape } from './malformedUnicodeEscape';
import { missingKey } from './missingKey';
import { placeholderNotReplaced } from './placeholderNotReplaced';
import { trailingBlanks } from './trailingBlanks';
import { unknownEscape } from './unknownEscape';
import { unknownKey } from './unknownKey';

/** The generic `properties/*` rules, shared by every properties file kind. */
export const propertiesRules: ReadonlyArray<Rule<PropertiesFileModel>> = [
  unknownEscape,
  controlEscapeInPath,
  malformedUnicodeEscape,
  lineContinuation,
  duplicateKey,
  unknownKey,
  missingKey,
  byteOrderMark,
  trailingBlanks,
  placeholderNotReplaced,
];
