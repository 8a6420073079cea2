import { Preparer } from '../publish/Preparer.js';
import { Publisher } from '../publish/Publisher.js';
import { dataPath } from '../rdf/dataPath.js';
import { FolderStore } from '../store/FolderStore.js';
import { StoreLockedError } from '../store/StoreLockedError.js';
import { CliFailure } from './CliFailure.js';
import { StoreDatasetClient } from './StoreDatasetClient.js';

/**
 * Opens the store folder and the write path over it as the server does
 * (seeded from the shipped data/graphs when empty), writing as `publisher`.
 * A store that a running server holds is a CliFailure that says to use --url.
 */
export async function openStoreClient(directory: string, publisher: string): Promise<StoreDatasetClient> {
  let store: FolderStore;
  try {
    store = await FolderStore.open(directory);
  } catch (error) {
    if (!(error instanceof StoreLockedError)) throw error;
    throw new CliFailure(
      `${error.message}\nTo go through the server: --url URL (or KULTURSKOLEGRAFEN_URL) with a token in KULTURSKOLEGRAFEN_TOKEN or --token-file FILE.`,
    );
  }
  const preparation = new Preparer();
  // The checks' worker first, the store's lock last, once no write can be running.
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
