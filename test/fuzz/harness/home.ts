/**
 * A language service set up as the server sets it up for the example ECE home: the home's settings
 * (`examples/ece-home/.vscode/settings.json`) and a workspace model holding every file of the home, so the cross-file
 * rules run. A fuzzed text replaces one file of the home in the model (its partners then read the fuzzed model too).
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { EceLanguageService } from '../../../server/src/service/core/engine';
import { defaultSettings, fromDottedSettings, normalizeSettings, type Settings } from '../../../server/src/service/core/settings';
import type { ServiceHost } from '../../../server/src/service/core/types';
import { WorkspaceModel } from '../../../server/src/service/workspace/model';
import { corpus, EXAMPLE_HOME, type SeedFile } from './corpus';

let homeSettings: Settings | undefined;

/** The example home's own settings. */
export function exampleSettings(): Settings {
  homeSettings ??= normalizeSettings(fromDottedSettings(JSON.parse(readFileSync(path.join(EXAMPLE_HOME, '.vscode', 'settings.json'), 'utf8')) as Record<string, unknown>));
  return homeSettings;
}

export interface ServiceSetup {
  service: EceLanguageService;
  logs: string[];
  settings: Settings;
  /** The home's other files (empty for a file analysed on its own). */
  partners: SeedFile[];
}

/**
 * A fresh service for `file` holding `text`: with the example home as its workspace when the file belongs to it,
 * else alone with the default settings (the fixtures are not one home).
 */
export function serviceFor(file: SeedFile, text: string, settings?: Settings, host: Partial<ServiceHost> = {}): ServiceSetup {
  const logs: string[] = [];
  const service = new EceLanguageService({ ...host, log: (m) => logs.push(m) });
  if (!file.inHome) return { service, logs, settings: settings ?? defaultSettings(), partners: [] };
  const s = settings ?? exampleSettings();
  const model = new WorkspaceModel((uri, t) => service.kindOf(uri, t, s));
  const partners: SeedFile[] = [];
  for (const f of corpus()) {
    if (!f.inHome) continue;
    if (f.uri === file.uri) model.update(f.uri, text);
    else {
      model.update(f.uri, f.text);
      partners.push(f);
    }
  }
  service.setWorkspace(model);
  return { service, logs, settings: s, partners };
}
