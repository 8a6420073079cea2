import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DatasetHistory, DatasetStore, VersionRecord } from '../store/DatasetStore.js';
import { kg, rdf } from '../rdf/vocabulary.js';
import type { NumberedTriples } from '../rdf/numberedTriplesOfContent.js';
import { isDatasetSlug } from '../store/isDatasetSlug.js';
import { mediaTypeOfFile } from './mediaTypeOfFile.js';
import type { PreparedDataset, PrepareInput } from './prepareDataset.js';
import { PublishError } from './PublishError.js';
import { TurnsByKey } from '../store/TurnsByKey.js';
import { VersionConflictError } from '../store/VersionConflictError.js';

/** The dataset that holds the national reference list of municipalities and counties, which every other dataset links to. */
export const REFERENCE_DATASET = 'kommuner';

/** The dataset that holds the vocabulary: its class hierarchy and concepts (roles, financing models) are in view of every check. */
export const VOCABULARY_DATASET = 'vokabular';

/** A dataset as it is served now. */
export interface DatasetState {
  slug: string;
  /** The dataset's IRI, which is also its named graph: https://w3id.org/kulturskola/dataset/{slug} */
  dataset: string;
  version: number;
  /** 0 when withdrawn. */
  triples: number;
  /** SHA-256 (hex) of the current content; null when withdrawn. */
  sha256: string | null;
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

/** A committed change, for whoever serves the data. */
export interface DatasetChange {
  slug: string;
  dataset: string;
  /** The new content (canonical N-Triples), or null when the dataset was withdrawn. */
  content: string | null;
  state: DatasetState;
}

/** Hands the served graph a committed change; resolves once readers see it. */
export type ServeChange = (change: DatasetChange) => Promise<void>;

/**
 * Tells whoever serves the data what a write in progress may make a
 * dataset's content (canonical N-Triples), while it is still being checked,
 * so that reading it in can start early; null when that write has ended,
 * served or not. What it is told may never be served: only a ServeChange is.
 */
export type AnticipateChange = (slug: string, content: string | null, numbered?: NumberedTriples) => void;

/** Told a body's canonical form while it is still being checked, with its triples numbered when the checks had them (see Preparer). */
export type OnContent = (content: string, numbered?: NumberedTriples) => void;

/** What checks bodies: prepareDataset, in a process of its own (see Preparer). */
export interface Preparation {
  /** Runs every check; `onContent` is told the body's canonical form as soon as it is known, while the checks go on. */
  prepare(input: PrepareInput, onContent?: OnContent): Promise<PreparedDataset>;
  /** The reference dataset's current content (canonical N-Triples), which the reference and authority checks and SHACL see. */
  setReference(content: string): Promise<void> | void;
  /** The vocabulary dataset's current content (canonical N-Triples): its class hierarchy and concepts, which SHACL sees. */
  setVocabulary?(content: string): Promise<void> | void;
  /** What a dataset states of the types of its IRIs (N-Triples; null once withdrawn), which SHACL sees when another dataset links there. */
  setTypes?(slug: string, content: string | null): Promise<void> | void;
  /** Does ahead, in the background, what the first check would otherwise do on its own time. */
  warmUp?(): Promise<void>;
}

/** What the write path is built from. */
export interface PublisherOptions {
  store: DatasetStore;
  preparation: Preparation;
  /** When the store holds no dataset yet, each RDF file here becomes a dataset's first version (slug = file name), published by `seed`. */
  seedDirectory?: string;
  /** The clock, for tests. */
  now?: () => Date;
  /** Called with each served dataset's current content as opening reads it, so that a caller loading the data reads each file once. */
  eachServed?: (state: DatasetState, content: string) => Promise<void> | void;
  /** Told when taking in what another process committed to a shared store fails (it is tried again at the store's next sign of change). */
  warn?: (message: string, error: unknown) => void;
}

/** How many times a write is decided anew after another process committed a version of the same dataset first. */
const MAX_CONFLICT_RETRIES = 5;

/**
 * The one write path: checks a body (Preparation), commits it to the store,
 * then has it served (see follow). Writes to one dataset run one after
 * another and check `If-Match` against the version they replace; a failure
 * before the commit changes nothing. Every method throws PublishError for
 * what a client did wrong, and UNAVAILABLE when the store fails.
 */
export class Publisher {
  private readonly historyBySlug = new Map<string, DatasetHistory>();
  private readonly writes = new TurnsByKey();
  private serveChange: ServeChange = async () => undefined;
  private anticipate: AnticipateChange = () => undefined;
  private stopWatching: (() => void) | undefined;
  private syncing: Promise<void> | undefined;
  private syncAgain = false;

  private constructor(
    readonly store: DatasetStore,
    private readonly preparation: Preparation,
    private readonly now: () => Date,
    private readonly warn: (message: string, error: unknown) => void,
  ) {}

  /** Opens the write path over a store, seeding it first when it is empty and a seed folder is given. */
  static async open({ store, preparation, seedDirectory, now = () => new Date(), eachServed, warn = () => undefined }: PublisherOptions): Promise<Publisher> {
    const publisher = new Publisher(store, preparation, now, warn);
    for (const history of await store.datasets()) publisher.historyBySlug.set(history.slug, history);
    if (publisher.historyBySlug.size === 0 && seedDirectory !== undefined) await publisher.seed(seedDirectory);
    // The checks take in the reference list, the vocabulary and each dataset's types one after another, in their own
    // process, while this thread reads on; open waits for them all at its end (at 1M triples this thread otherwise
    // waited about 2 s for that process to start and answer).
    const told: Array<Promise<void> | void> = [];
    const reference = publisher.state(REFERENCE_DATASET);
    if (reference !== undefined && !reference.withdrawn) told.push(preparation.setReference(await store.content(REFERENCE_DATASET, reference.version)));
    const vocabulary = publisher.state(VOCABULARY_DATASET);
    if (vocabulary !== undefined && !vocabulary.withdrawn) told.push(preparation.setVocabulary?.(await store.content(VOCABULARY_DATASET, vocabulary.version)));
    try {
      for (const state of publisher.datasets()) {
        if (state.withdrawn) continue;
        const content = await store.content(state.slug, state.version);
        told.push(preparation.setTypes?.(state.slug, typeLinesOf(content)));
        await eachServed?.(state, content);
      }
    } finally {
      // Settled before open ends either way, so that none fails unheard; the first failure is open's.
      const failed = (await Promise.allSettled(told)).find((result) => result.status === 'rejected');
      if (failed !== undefined) throw failed.reason;
    }
    return publisher;
  }

  /**
   * From now on, each committed change is handed to `serve` before the write
   * that made it resolves. With a store other processes write to as well
   * (API replicas on one database), their commits are handed to `serve` too,
   * as the store tells of them (see sync). `anticipate` is told of the
   * content of each publish and rollback of this process while it is being
   * checked (see AnticipateChange).
   */
  follow(serve: ServeChange, anticipate?: AnticipateChange): void {
    this.serveChange = serve;
    if (anticipate !== undefined) this.anticipate = anticipate;
    if (this.store.watch !== undefined && this.stopWatching === undefined) {
      this.stopWatching = this.store.watch(() => void this.sync());
      // What was committed between opening and now.
      void this.sync();
    }
  }

  /**
   * Takes in what other processes committed to a shared store: each dataset
   * whose last version there is newer than the one served here is served at
   * that version (one change per dataset, however many versions it missed).
   * Runs one at a time; a call while one runs makes it run once more.
   * Failures (the database away) are told to `warn` and change nothing.
   */
  sync(): Promise<void> {
    if (this.syncing !== undefined) {
      this.syncAgain = true;
      return this.syncing;
    }
    const run = async () => {
      do {
        this.syncAgain = false;
        try {
          const histories = await this.store.datasets();
          await Promise.all(
            histories
              .filter(({ slug, versions }) => versions.length > (this.historyBySlug.get(slug)?.versions.length ?? 0))
              .map(({ slug }) => this.serialised(slug, () => this.catchUp(slug))),
          );
        } catch (error) {
          this.warn('Could not take in the versions other processes committed to the store; trying again at its next change.', error);
        }
      } while (this.syncAgain);
    };
    this.syncing = run().finally(() => {
      this.syncing = undefined;
    });
    return this.syncing;
  }

  /** Every dataset ever published, withdrawn ones too, sorted by slug. */
  datasets(): DatasetState[] {
    return [...this.historyBySlug.keys()].sort().map((slug) => this.state(slug)!);
  }

  /** The datasets served now, as /health lists them: each one's graph, version and triples. */
  servedGraphs(): Array<{ graph: string; version: number; quads: number }> {
    return this.datasets()
      .filter(({ withdrawn }) => !withdrawn)
      .map(({ dataset, version, triples }) => ({ graph: dataset, version, quads: triples }));
  }

  /** Every dataset's history, withdrawn ones too, sorted by slug: for the catalogue. */
  histories(): DatasetHistory[] {
    return [...this.historyBySlug.values()].sort((a, b) => (a.slug < b.slug ? -1 : 1));
  }

  /** One dataset's state, or undefined if it was never published. */
  state(slug: string): DatasetState | undefined {
    const history = this.historyBySlug.get(slug);
    const current = history?.versions.at(-1);
    if (current === undefined) return undefined;
    const withdrawn = current.activity === 'withdraw';
    return {
      slug,
      dataset: kg.dataset(slug).value,
      version: current.version,
      triples: current.triples,
      sha256: current.sha256,
      etag: withdrawn ? null : etagOf(current),
      withdrawn,
      modified: current.created,
      publisher: current.publisher,
    };
  }

  /** Runs every check; resolves with the prepared dataset when the body conforms, else throws PublishError (422 with the report, 400, 413, 415). Changes nothing. */
  validate(input: PrepareInput): Promise<PreparedDataset> {
    return this.preparation.prepare(input);
  }

  /** Replaces the dataset with the body: a new version, or `unchanged` when it equals the current one. */
  async publish(input: PrepareInput & WriteConditions & { publisher: string }): Promise<WriteResult> {
    requireSlug(input.slug);
    checkConditions(this.state(input.slug), input);
    return this.anticipated(input.slug, async (onContent) => {
      const prepared = await this.preparation.prepare(input, onContent);
      return this.serialised(input.slug, () => this.decided(input.slug, () => this.commitContent(input.slug, prepared, input, { activity: 'publish', publisher: input.publisher })));
    });
  }

  /** Withdraws the dataset: it is no longer served; its history stays. */
  withdraw(input: WriteConditions & { slug: string; publisher: string }): Promise<WriteResult> {
    requireSlug(input.slug);
    return this.serialised(input.slug, () => this.decided(input.slug, async () => {
      const state = this.requireServed(input.slug);
      if (input.slug === REFERENCE_DATASET) {
        throw new PublishError('CONFLICT', `The dataset ${REFERENCE_DATASET} is the national reference list that every other dataset links to; it can be replaced but not withdrawn`);
      }
      if (input.slug === VOCABULARY_DATASET) {
        throw new PublishError('CONFLICT', `The dataset ${VOCABULARY_DATASET} is the vocabulary (classes, roles, concepts) that every other dataset uses; it can be replaced but not withdrawn`);
      }
      checkConditions(state, input);
      const record = this.nextRecord(input.slug, { activity: 'withdraw', publisher: input.publisher, triples: 0, sha256: null, added: 0, removed: state.triples });
      await this.commit(input.slug, record, null);
      return { status: 204, dataset: state.dataset, version: record.version, triples: 0, etag: null, unchanged: false, added: 0, removed: state.triples };
    }));
  }

  /** Makes a new version equal to version `version`, after the same checks as a publish (the reference data may have changed since). */
  async rollback(input: WriteConditions & { slug: string; version: number; publisher: string }): Promise<WriteResult> {
    const content = await this.content(input.slug, input.version);
    checkConditions(this.state(input.slug), input);
    return this.anticipated(input.slug, async (onContent) => {
      const prepared = await this.preparation.prepare({ slug: input.slug, mediaType: 'application/n-triples', body: Buffer.from(content) }, onContent);
      return this.serialised(input.slug, () =>
        this.decided(input.slug, () => this.commitContent(input.slug, prepared, input, { activity: 'rollback', publisher: input.publisher, restores: input.version })),
      );
    });
  }

  /** Runs a write whose checks tell what its content will be, telling `anticipate` of it, and that the write has ended once it has. */
  private async anticipated<T>(slug: string, write: (onContent: OnContent) => Promise<T>): Promise<T> {
    let told = false;
    try {
      return await write((content, numbered) => {
        told = true;
        this.anticipate(slug, content, numbered);
      });
    } finally {
      if (told) this.anticipate(slug, null);
    }
  }

  /** Every version of the dataset; NOT_FOUND if it was never published. */
  async history(slug: string): Promise<DatasetHistory> {
    const history = this.historyBySlug.get(slug);
    if (history === undefined) throw notFound(slug);
    return { slug, versions: history.versions.map((record) => ({ ...record })) };
  }

  /** A version's canonical N-Triples; NOT_FOUND, or GONE for a withdrawal. */
  async content(slug: string, version: number): Promise<string> {
    const record = this.record(slug, version);
    if (record.activity === 'withdraw') throw new PublishError('GONE', `Version ${version} of ${slug} is its withdrawal and has no content`);
    try {
      return await this.store.content(slug, version);
    } catch (error) {
      throw new PublishError('UNAVAILABLE', `Version ${version} of ${slug} could not be read from the store: ${(error as Error).message}`);
    }
  }

  /** The triples version `to` has and `from` has not (added), and the other way round (removed), as sorted N-Triples lines; a withdrawal counts as empty. */
  async diff(slug: string, from: number, to: number): Promise<{ added: string[]; removed: string[] }> {
    const linesOfVersion = async (version: number) => linesOf(this.record(slug, version).activity === 'withdraw' ? '' : await this.content(slug, version));
    const [before, after] = await Promise.all([linesOfVersion(from), linesOfVersion(to)]);
    return { added: [...after].filter((line) => !before.has(line)), removed: [...before].filter((line) => !after.has(line)) };
  }

  close(): Promise<void> {
    this.stopWatching?.();
    return this.store.close();
  }

  /** Commits prepared content as the next version, unless it equals the current one; checks the conditions again now that no other write runs. */
  private async commitContent(
    slug: string,
    prepared: PreparedDataset,
    conditions: WriteConditions,
    made: Pick<VersionRecord, 'activity' | 'publisher' | 'restores'>,
  ): Promise<WriteResult> {
    const state = this.state(slug);
    checkConditions(state, conditions);
    const dataset = kg.dataset(slug).value;
    const served = state !== undefined && !state.withdrawn;
    if (served && state.sha256 === prepared.sha256) {
      return { status: 200, dataset, version: state.version, triples: state.triples, etag: state.etag, unchanged: true, added: 0, removed: 0 };
    }
    const { added, removed } = countChanges(served ? await this.content(slug, state.version) : '', prepared.content);
    const record = this.nextRecord(slug, { ...made, triples: prepared.triples, sha256: prepared.sha256, added, removed });
    await this.commit(slug, record, prepared.content);
    return { status: served ? 200 : 201, dataset, version: record.version, triples: record.triples, etag: etagOf(record), unchanged: false, added, removed };
  }

  private nextRecord(slug: string, fields: Omit<VersionRecord, 'version' | 'created'>): VersionRecord {
    const last = this.historyBySlug.get(slug)?.versions.at(-1)?.version ?? 0;
    return { version: last + 1, created: this.now().toISOString(), ...fields };
  }

  /**
   * Runs a write (its checks of the current state, then its commit); when
   * another process committed a version of the dataset first, takes that in
   * and runs the write again, so that it is judged against what is now the
   * current version (an If-Match that no longer holds is a 412).
   */
  private async decided<T>(slug: string, write: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await write();
      } catch (error) {
        if (!(error instanceof VersionConflictError)) throw error;
        if (attempt > MAX_CONFLICT_RETRIES) {
          throw new PublishError('UNAVAILABLE', `Other writers kept committing versions of ${slug} first, so this write was not made; try again`);
        }
        await this.catchUp(slug);
      }
    }
  }

  /** Serves the dataset's last version in the store when it is newer than the one served here (another process committed it). */
  private async catchUp(slug: string): Promise<void> {
    let history: DatasetHistory | undefined;
    let content: string | null = null;
    try {
      history = await this.store.history(slug);
      const current = history?.versions.at(-1);
      if (history === undefined || current === undefined || history.versions.length <= (this.historyBySlug.get(slug)?.versions.length ?? 0)) return;
      if (current.activity !== 'withdraw') content = await this.store.content(slug, current.version);
    } catch (error) {
      throw new PublishError('UNAVAILABLE', `The store could not be read for the newest version of ${slug}: ${(error as Error).message}`);
    }
    this.historyBySlug.set(slug, history);
    await this.served(slug, content);
  }

  /** Stores the version, then serves it; the store's failure changes nothing and is a 503. */
  private async commit(slug: string, record: VersionRecord, content: string | null): Promise<void> {
    try {
      await this.store.commit(slug, record, content);
    } catch (error) {
      if (error instanceof VersionConflictError) throw error;
      throw new PublishError('UNAVAILABLE', `The store could not save version ${record.version} of ${slug}, so nothing was changed: ${(error as Error).message}`);
    }
    const history = this.historyBySlug.get(slug) ?? { slug, versions: [] };
    this.historyBySlug.set(slug, { slug, versions: [...history.versions, record] });
    await this.served(slug, content);
  }

  /**
   * Hands a committed version (content null: withdrawn) to the checks that
   * see it and to whoever serves the data, both at once: the checks take
   * their jobs in the order given, so every body given to them after this
   * call is checked against the version, however soon it is served.
   */
  private async served(slug: string, content: string | null): Promise<void> {
    await Promise.all([
      slug === REFERENCE_DATASET && content !== null ? this.preparation.setReference(content) : undefined,
      slug === VOCABULARY_DATASET && content !== null ? this.preparation.setVocabulary?.(content) : undefined,
      this.preparation.setTypes?.(slug, content === null ? null : typeLinesOf(content)),
      this.serveChange({ slug, dataset: kg.dataset(slug).value, content, state: this.state(slug)! }),
    ]);
  }

  /** Runs writes to one dataset one after another. */
  private serialised<T>(slug: string, write: () => Promise<T>): Promise<T> {
    return this.writes.run(slug, write);
  }

  private requireServed(slug: string): DatasetState {
    const state = this.state(slug);
    if (state === undefined || state.withdrawn) throw notFound(slug);
    return state;
  }

  private record(slug: string, version: number): VersionRecord {
    const history = this.historyBySlug.get(slug);
    if (history === undefined) throw notFound(slug);
    const record = history.versions.find((candidate) => candidate.version === version);
    if (record === undefined) throw new PublishError('NOT_FOUND', `The dataset ${slug} has no version ${version}; its versions are 1 to ${history.versions.length}`);
    return record;
  }

  /** The shipped files as each dataset's first version: the reference list first, since the others are checked against it. */
  private async seed(directory: string): Promise<void> {
    const files = (await readdir(directory)).filter((name) => !name.startsWith('.') && mediaTypeOfFile(name) !== null);
    const slugOf = (name: string) => name.slice(0, name.lastIndexOf('.'));
    files.sort((a, b) => Number(slugOf(b) === REFERENCE_DATASET) - Number(slugOf(a) === REFERENCE_DATASET) || (a < b ? -1 : 1));
    for (const name of files) {
      const slug = slugOf(name);
      const prepared = await this.preparation.prepare({ slug, mediaType: mediaTypeOfFile(name)!, body: await readFile(join(directory, name)) });
      // Replicas that find an empty shared store together each seed it; the later ones find their content already there.
      await this.decided(slug, () => this.commitContent(slug, prepared, {}, { activity: 'seed', publisher: 'seed' }));
    }
  }
}

function requireSlug(slug: string): void {
  if (!isDatasetSlug(slug)) {
    throw new PublishError('BAD_REQUEST', `"${slug.slice(0, 80)}" is no dataset name: use 2–64 lowercase letters, digits and hyphens, starting and ending with a letter or digit`);
  }
}

function etagOf(record: VersionRecord): string {
  return `"${record.version}-${record.sha256!.slice(0, 32)}"`;
}

/** If-Match and If-None-Match as RFC 9110 evaluates them for a state-changing request: strong comparison, `*` for "exists". */
function checkConditions(state: DatasetState | undefined, { ifMatch, ifNoneMatch }: WriteConditions): void {
  const current = state === undefined || state.withdrawn ? null : state.etag;
  if (ifMatch !== undefined) {
    const tags = entityTags(ifMatch);
    const matches = current !== null && (tags.includes('*') || tags.includes(current));
    if (!matches) {
      throw new PublishError(
        'PRECONDITION_FAILED',
        current === null
          ? 'If-Match: the dataset is not published now, so no ETag matches; nothing was changed'
          : `If-Match: the dataset's current ETag is ${current}; it changed since you read it, so nothing was changed`,
      );
    }
  }
  if (ifNoneMatch !== undefined && current !== null) {
    const tags = entityTags(ifNoneMatch);
    if (tags.includes('*') || tags.some((tag) => tag.replace(/^W\//, '') === current)) {
      throw new PublishError('PRECONDITION_FAILED', `If-None-Match: the dataset exists with ETag ${current}, so nothing was changed`);
    }
  }
}

function entityTags(header: string): string[] {
  return header.split(',').map((tag) => tag.trim()).filter((tag) => tag !== '');
}

/** The lines of canonical N-Triples that state an IRI's rdf:type (a blank node cannot be linked to from elsewhere). */
function typeLinesOf(content: string): string {
  const typeOf = ` <${rdf.type.value}> `;
  // From one rdf:type to the next rather than line by line: at 1M triples, 1.4 s on the thread that serves, split into lines.
  const lines: string[] = [];
  for (let at = content.indexOf(typeOf); at !== -1; ) {
    const start = content.lastIndexOf('\n', at) + 1;
    const lineEnd = content.indexOf('\n', at);
    const end = lineEnd === -1 ? content.length : lineEnd;
    if (content.startsWith('<', start)) lines.push(`${content.slice(start, end)}\n`);
    at = lineEnd === -1 ? -1 : content.indexOf(typeOf, end);
  }
  return lines.join('');
}

/**
 * How many lines `after` has that `before` has not (added), and the other
 * way round (removed): both are canonical N-Triples, their lines sorted and
 * each once, so one walk through both counts them, with no set of lines
 * made on the server's thread.
 */
function countChanges(before: string, after: string): { added: number; removed: number } {
  const [old, now] = [contentLines(before), contentLines(after)];
  let added = 0;
  let removed = 0;
  let i = 0;
  let j = 0;
  while (i < old.length && j < now.length) {
    if (old[i] === now[j]) {
      i++;
      j++;
    } else if (old[i]! < now[j]!) {
      removed++;
      i++;
    } else {
      added++;
      j++;
    }
  }
  return { added: added + now.length - j, removed: removed + old.length - i };
}

function linesOf(content: string): Set<string> {
  return new Set(contentLines(content));
}

/** The lines of N-Triples content, without the empty one after the last newline. */
function contentLines(content: string): string[] {
  return content.split('\n').filter((line) => line !== '');
}

function notFound(slug: string): PublishError {
  return new PublishError('NOT_FOUND', `No dataset is published as ${slug}`);
}
