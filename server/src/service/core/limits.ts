/**
 * Limits that keep one file from taking the server or the command line down. Each one, when hit, is reported as a
 * finding (`ece/file-too-large`, `ece/too-many-problems`), never a silent gap.
 */

/** A text longer than this (UTF-16 code units, ~16 MB) is not parsed: ECE's files are a few kilobytes. */
export const MAX_ANALYZED_LENGTH = 16 * 1024 * 1024;

/** Findings kept per analysis of one file (each one holds its message and fixes). */
export const MAX_FINDINGS_PER_ANALYSIS = 100_000;

/** Other places one finding points to (`relatedInformation`): messages name a few and count the rest. */
export const MAX_RELATED = 20;
