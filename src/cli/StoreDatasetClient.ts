import type { PrepareInput } from '../publish/prepareDataset.js';
import { PublishError } from '../publish/PublishError.js';
import type { Publisher, WriteResult } from '../publish/Publisher.js';
import type { DatasetHistory } from '../store/DatasetStore.js';
import type { DatasetClient, DatasetDiff } from './DatasetClient.js';
import { Refusal } from './Refusal.js';

/**
 * A DatasetClient that works on the store folder itself, through the same
 * Publisher the server uses, as `publisherName`. Its refusals are the ones
 * the server would answer, with the same statuses. `release` frees what the
 * publisher was opened with (its checks' process, the store's lock).
 */
export class StoreDatasetClient implements DatasetClient {
  constructor(
    private readonly publisher: Publisher,
    private readonly publisherName: string,
    private readonly release: () => Promise<void>,
  ) {}

  async validate(input: PrepareInput): Promise<{ triples: number | null }> {
    const prepared = await refused(this.publisher.validate(input));
    return { triples: prepared.triples };
  }

  publish(input: PrepareInput): Promise<WriteResult> {
    return refused(this.publisher.publish({ ...input, publisher: this.publisherName }));
  }

  async withdraw(slug: string): Promise<{ dataset: string; version: number | null }> {
    const result = await refused(this.publisher.withdraw({ slug, publisher: this.publisherName }));
    return { dataset: result.dataset, version: result.version };
  }

  history(slug: string): Promise<DatasetHistory> {
    return refused(this.publisher.history(slug));
  }

  diff(slug: string, from: number, to: number): Promise<DatasetDiff> {
    return refused(this.publisher.diff(slug, from, to));
  }

  rollback(slug: string, version: number): Promise<WriteResult> {
    return refused(this.publisher.rollback({ slug, version, publisher: this.publisherName }));
  }

  close(): Promise<void> {
    return this.release();
  }
}

/** The promise's PublishError as the Refusal the server would answer. */
async function refused<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    throw error instanceof PublishError ? Refusal.of(error) : error;
  }
}
