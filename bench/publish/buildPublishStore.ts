import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { pino } from 'pino';
import { openPublishedData } from '../../src/http/openPublishedData.js';
import { addToken } from '../../src/publish/Tokens.js';
import { FolderStore } from '../../src/store/FolderStore.js';

/** A store folder ready to serve, and a token that may write every dataset of it. */
export interface PublishStore {
  storeDirectory: string;
  tokensFile: string;
  token: string;
}

/** The slug the synthetic national dataset is committed as. */
export const NATIONAL_SLUG = 'bench-national';

/**
 * Makes a store in `folder`: the shipped datasets (seeded as a server's
 * first start seeds them), then `content` (canonical N-Triples of `triples`
 * triples) committed directly as the dataset NATIONAL_SLUG, without the
 * publishing checks, as a large store that grew over many publishes would
 * hold it. Writes a tokens file beside it with one token for every dataset.
 */
export async function buildPublishStore(folder: string, content: string, triples: number): Promise<PublishStore> {
  const storeDirectory = join(folder, 'store');
  const seeded = await openPublishedData({ storeDirectory, logger: pino({ level: 'silent' }) });
  await seeded.close();
  const store = await FolderStore.open(storeDirectory);
  try {
    const sha256 = createHash('sha256').update(content).digest('hex');
    const created = new Date().toISOString();
    await store.commit(NATIONAL_SLUG, { version: 1, created, publisher: 'seed', activity: 'seed', triples, sha256, added: triples, removed: 0 }, content);
  } finally {
    await store.close();
  }
  const tokensFile = join(folder, 'tokens.json');
  const token = addToken(tokensFile, { publisher: 'benchmark', datasets: ['*'] });
  return { storeDirectory, tokensFile, token };
}
