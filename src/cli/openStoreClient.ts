import { Preparer } from '../publish/Preparer.js';
import { Publisher } from '../publish/Publisher.js';
import { dataPath } from '../rdf/dataPath.js';
import type { DatasetStore } from '../store/DatasetStore.js';
import { openDatasetStore, type DatasetStoreOptions } from '../store/openDatasetStore.js';
import { StoreLockedError } from '../store/StoreLockedError.js';
import { CliFailure } from './CliFailure.js';
import { StoreDatasetClient } from './StoreDatasetClient.js';

/**
 * Opens the store (the folder, or the PostgreSQL database the replicas share)
 * and the write path over it as the server does (seeded from the shipped
 * data/graphs when empty), writing as `publisher`. A store folder that a
 * running server holds is a CliFailure that says to use --url; a database
 * may be written beside running replicas, which take the change in.
 */
export async function openStoreClient(location: Pick<DatasetStoreOptions, 'storeDirectory' | 'databaseUrl'>, publisher: string): Promise<StoreDatasetClient> {
  let store: DatasetStore;
  try {
    store = await openDatasetStore(location);
  } catch (error) {
    if (!(error instanceof StoreLockedError)) throw error;
    throw new CliFailure(
      `${error.message}\nTo go through the server: --url URL (or KULTURSKOLEGRAFEN_URL) with a token in KULTURSKOLEGRAFEN_TOKEN or --token-file FILE.`,
    );
  }
  const preparation = new Preparer();
  // The checks' process first, the store's lock last, once no write can be running.
  const release = async () => {
    await preparation.close();
    await store.close();
  };
  try {
    return new StoreDatasetClient(await Publisher.open({ store, preparation, seedDirectory: dataPath('graphs') }), publisher, release);
  } catch (error) {
    await release();
    throw error;
  }
}
