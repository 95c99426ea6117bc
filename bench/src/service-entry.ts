// Bundled by bench/src/service.mjs (esbuild, from the root's node_modules): the pure language service
// without any LSP, so the bench can tell service time from protocol overhead. Not part of the product.
import { TextDocument } from 'vscode-languageserver-textdocument';
import { EceLanguageService } from '../../server/src/service/core/engine';
import { normalizeSettings } from '../../server/src/service/core/settings';

export function createService(rawSettings: unknown) {
  const service = new EceLanguageService({ log: () => {} });
  const settings = normalizeSettings(rawSettings);
  return {
    /** The id of the kind the service gives this file, or undefined when no kind claims it. */
    kindOf(uri: string, text: string): string | undefined {
      return service.kindOf(uri, text, settings)?.id;
    },
    /** Diagnostics of a fresh document (what didOpen costs the service). */
    diagnose(uri: string, text: string, version: number): number {
      const doc = TextDocument.create(uri, 'plaintext', version, text);
      const n = service.diagnostics(doc, settings).length;
      service.forget(uri);
      return n;
    },
  };
}
