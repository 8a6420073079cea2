import { fileURLToPath } from 'node:url';

const storeDirectory = new URL('../../store/', import.meta.url);

/**
 * Where the server and the `dataset` command keep datasets when STORE_DIR
 * does not say: the git-ignored `store/` folder of the project (the same
 * absolute path from `src/` and `dist/`), so both find the same store.
 */
export function defaultStoreDirectory(): string {
  return fileURLToPath(storeDirectory).replace(/\/$/, '');
}
