/**
 * Redaction of the LSP trace (`ece.trace.server`: `messages` or `verbose`). The verbose trace prints every message's
 * parameters, and those carry whole documents (`didOpen`, `didChange`) and edits (`newText`) that may hold passwords.
 * Every JSON string value of a `text` or `newText` field is replaced by its length, and password-like settings that
 * still appear elsewhere (`password=…`, `<Password>…</Password>`, `*_PASS=…`) are masked. No ECE logic: this is about
 * what the client writes to its own output channel.
 */

/** A JSON string literal body (escapes included), as the trace prints it. */
const JSON_STRING = String.raw`"(?:[^"\\]|\\.)*"`;

const TEXT_FIELDS = new RegExp(String.raw`("(?:text|newText)"\s*:\s*)(${JSON_STRING})`, 'g');

const SECRETS: RegExp[] = [
  /((?:password|passwd|pwd|pass)\s*=\s*)(\{(?:[^}]|\}\})*\}|[^;\s"\\&<]*)/gi,
  /(<password[^>]*>)([^<]*)/gi,
  /(\b[A-Z0-9_]*PASS(?:WORD)?[A-Z0-9_]*\s*[=:]\s*)([^\s"\\]*)/g,
  /(:\/\/[^/@\s"]*:)([^/@\s"]+)(?=@)/g,
];

function decodedLength(jsonString: string): number {
  try {
    return (JSON.parse(jsonString) as string).length;
  } catch {
    return jsonString.length - 2;
  }
}

export function redactTrace(line: string): string {
  let out = line.replace(TEXT_FIELDS, (_m, head: string, str: string) => `${head}"<${decodedLength(str)} characters not shown>"`);
  for (const re of SECRETS) out = out.replace(re, (_m, head: string, value: string) => (value ? `${head}••••` : head));
  return out;
}
