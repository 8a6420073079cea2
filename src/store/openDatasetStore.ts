import type { DatasetStore, StoreFaults } from './DatasetStore.js';
import { FolderStore } from './FolderStore.js';
import { PostgresStore } from './PostgresStore.js';

/** Where the datasets are kept: a PostgreSQL database when `databaseUrl` is given (DATABASE_URL), else the folder (STORE_DIR). */
export interface DatasetStoreOptions {
  storeDirectory: string;
  databaseUrl?: string;
  /** The test seam: a failure injected at a step of a commit. */
  faults?: StoreFaults;
  /** Told of failures that no caller's request sees (see each store). */
  warn?: (message: string, error: unknown) => void;
}

/**
 * Opens the store the options name: PostgresStore, shared by every API
 * replica on the same database, or FolderStore, which one process at a
 * time may hold. The rest of the program sees only DatasetStore.
 */
export function openDatasetStore({ storeDirectory, databaseUrl, faults, warn }: DatasetStoreOptions): Promise<DatasetStore> {
  const options = { ...(faults && { faults }), ...(warn && { warn }) };
  return databaseUrl === undefined ? FolderStore.open(storeDirectory, options) : PostgresStore.open(databaseUrl, options);
}
