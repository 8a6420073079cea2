import { fileURLToPath } from 'node:url';

const dataDirectory = new URL('../../data/', import.meta.url);

/** Absolute path of a file or folder in the project's `data/` folder (from `src/` and `dist/` alike). */
export function dataPath(relative = ''): string {
  return fileURLToPath(new URL(relative, dataDirectory));
}
