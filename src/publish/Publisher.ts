import type { DatasetHistory, DatasetStore } from '../store/DatasetStore.js';
import type { PreparedDataset, PrepareInput } from './prepareDataset.js';

/** A dataset as it is served now. */
export interface DatasetState {
  slug: string;
  /** The dataset's IRI, which is also its named graph: https://w3id.org/kulturskola/dataset/{slug} */
  dataset: string;
  version: number;
  /** 0 when withdrawn. */
  triples: number;
  /** A strong ETag, quoted, that changes with every version; null when withdrawn. */
  etag: string | null;
  withdrawn: boolean;
  /** When the current version was committed (ISO 8601). */
  modified: string;
  publisher: string;
}

/** What an accepted (or idempotent) write answers. */
export interface WriteResult {
  /** 201 when the dataset did not exist (or was withdrawn) before, 200 for a new version or the same content again, 204 for a withdrawal. */
  status: 200 | 201 | 204;
  dataset: string;
  version: number;
  triples: number;
  etag: string | null;
  /** True when the content equalled the current version's, so no version was made. */
  unchanged: boolean;
  added: number;
  removed: number;
}

/** Conditions a client may put on a write (If-Match / If-None-Match, as sent). */
export interface WriteConditions {
  ifMatch?: string;
  ifNoneMatch?: string;
}

/** Hands the served graph a committed change; resolves once every reader sees it. */
export type ServeChange = (change: { slug: string; dataset: string; content: string | null; state: DatasetState }) => Promise<void>;

/**
 * The one write path: checks a body (prepareDataset, in a worker), commits it
 * to the store, then has it served (ServeChange). Writes to one dataset run
 * one after another; a failure before the commit changes nothing, and a
 * failure to serve after it is retried from the store on the next start.
 * Every method throws PublishError for what a client did wrong.
 */
export class Publisher {
  private constructor(readonly store: DatasetStore) {}

  /** Every dataset that is served now, sorted by slug. */
  datasets(): DatasetState[] {
    throw new Error('not built yet');
  }

  /** One dataset's state, or undefined if it was never published. */
  state(slug: string): DatasetState | undefined {
    throw new Error(`not built yet: ${slug}`);
  }

  /** Runs every check; resolves with the triple count when the body conforms, else throws PublishError (422 with the report, 400, 413, 415). */
  validate(input: PrepareInput): Promise<PreparedDataset> {
    throw new Error(`not built yet: ${input.slug}`);
  }

  /** Replaces the dataset with the body: a new version, or `unchanged` when it equals the current one. */
  publish(input: PrepareInput & WriteConditions & { publisher: string }): Promise<WriteResult> {
    throw new Error(`not built yet: ${input.slug}`);
  }

  /** Withdraws the dataset: it is no longer served; its history stays. */
  withdraw(input: WriteConditions & { slug: string; publisher: string }): Promise<WriteResult> {
    throw new Error(`not built yet: ${input.slug}`);
  }

  /** Makes a new version equal to version `version`. */
  rollback(input: WriteConditions & { slug: string; version: number; publisher: string }): Promise<WriteResult> {
    throw new Error(`not built yet: ${input.slug}`);
  }

  /** Every version of the dataset; NOT_FOUND if it was never published. */
  history(slug: string): Promise<DatasetHistory> {
    throw new Error(`not built yet: ${slug}`);
  }

  /** A version's canonical N-Triples; NOT_FOUND, or GONE for a withdrawal. */
  content(slug: string, version: number): Promise<string> {
    throw new Error(`not built yet: ${slug} ${version}`);
  }

  /** The triples version `to` has and `from` has not (added), and the other way round (removed), as N-Triples lines. */
  diff(slug: string, from: number, to: number): Promise<{ added: string[]; removed: string[] }> {
    throw new Error(`not built yet: ${slug} ${from} ${to}`);
  }

  close(): Promise<void> {
    return this.store.close();
  }
}
