import type { PrepareInput } from '../publish/prepareDataset.js';
import type { WriteResult } from '../publish/Publisher.js';
import type { DatasetHistory } from '../store/DatasetStore.js';

/** The triples one version has that another has not, as N-Triples lines. */
export interface DatasetDiff {
  added: string[];
  removed: string[];
}

/**
 * What the `dataset` command does with a store, the same over HTTP
 * (HttpDatasetClient) and on the store folder (StoreDatasetClient). Every
 * method throws PublishError when the write or read is refused, and
 * CliFailure when the store or server cannot be reached.
 */
export interface DatasetClient {
  /** Resolves with the triple count when the body passes every check. */
  validate(input: PrepareInput): Promise<{ triples: number | null }>;
  publish(input: PrepareInput): Promise<WriteResult>;
  /** Resolves with the withdrawal's version when the server says it. */
  withdraw(slug: string): Promise<{ dataset: string; version: number | null }>;
  history(slug: string): Promise<DatasetHistory>;
  diff(slug: string, from: number, to: number): Promise<DatasetDiff>;
  rollback(slug: string, version: number): Promise<WriteResult>;
  close(): Promise<void>;
}
