/**
 * The `batch` file kind: the four batch files the ECE guides have an admin edit, `egainstart.bat` and `egainstop.bat`
 * (`env.fs.shared.location`), `reportsdb_utility.bat` and `UpdateDBIndexStats.bat` (`JAVA_HOME`). Only these names
 * by default (`ece.files.batch`), never every `.bat`. Parsed with cmd.exe's own SET rules (`parse/batch.ts`).
 */
import type { FileKind } from '../../core/types';
import { batchCompletions, batchHover, batchSymbols } from './features';
import { buildBatchModel, type BatchFileModel } from './model';
import { batchRules } from './rules';

export const batchKind: FileKind<BatchFileModel> = {
  id: 'batch',
  label: 'ECE batch file',
  commentStyle: 'rem',
  parse(doc) {
    return { model: buildBatchModel(doc.getText(), doc.uri), problems: [] };
  },
  rules: batchRules,
  hover: (model, offset) => batchHover(model, offset),
  symbols: (model, doc) => batchSymbols(model, doc),
  completions: (model, offset) => batchCompletions(model, offset),
};
