/**
 * The file-system probe the faces that run where the files are (CLI, language server) inject into the service
 * (`ServiceHost.fileSystem`): synchronous existence checks on local paths. UNC paths are never touched (a network
 * round trip could stall a validation for seconds); errors other than "not found" answer "cannot tell".
 */
import { statSync } from 'node:fs';
import type { FileSystemProbe } from '../service/core/types';

export function nodeFileSystemProbe(platform: NodeJS.Platform = process.platform): FileSystemProbe {
  const win = platform === 'win32';
  return {
    platform: win ? 'win32' : 'posix',
    exists(path: string): boolean | undefined {
      if (path === '' || /^[\\/]{2}/.test(path) || path.includes('\0')) return undefined;
      try {
        return statSync(path, { throwIfNoEntry: false }) !== undefined;
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        return code === 'ENOTDIR' ? false : undefined;
      }
    },
  };
}
