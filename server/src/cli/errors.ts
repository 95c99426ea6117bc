/** The two ways the CLI stops early. Both exit with 2. */
import type { Command } from './args';

/** Bad usage: printed as one line plus a hint to the command's help. */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly command?: Command,
  ) {
    super(message);
  }
}

/** Something the user asked for cannot be done (a settings file given by name cannot be read): one line. */
export class FatalError extends Error {}
