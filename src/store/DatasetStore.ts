/** What kind of change made a version. */
export type VersionActivity = 'seed' | 'publish' | 'rollback' | 'withdraw';

/** One accepted change of one dataset, as the manifest records it. */
export interface VersionRecord {
  /** 1 for the first; each accepted change is one more. */
  version: number;
  /** When it was committed, ISO 8601 in UTC. */
  created: string;
  /** Who made it: the `publisher` of the token used, or `seed` for data shipped with the project. */
  publisher: string;
  activity: VersionActivity;
  /** For a rollback: the version whose content it restores. */
  restores?: number;
  /** Triples in this version's content; 0 for a withdrawal. */
  triples: number;
  /** SHA-256 (hex) of the canonical N-Triples content; null for a withdrawal, which has none. */
  sha256: string | null;
  /** Triples in this version that the one before did not have. */
  added: number;
  /** Triples of the version before that this one no longer has. */
  removed: number;
}

/** Every version of one dataset, oldest first; the last is the current one (withdrawn when its activity is `withdraw`). */
export interface DatasetHistory {
  slug: string;
  versions: VersionRecord[];
}

/** One line of the append-only audit log. */
export interface AuditEntry {
  time: string;
  publisher: string;
  activity: VersionActivity;
  slug: string;
  version: number;
}

/** The steps of a commit, in order; a test may make any of them fail (see StoreFaults). */
export type CommitStep =
  // FolderStore:
  | 'content-written' // the version's content is in a temporary file, fsynced
  | 'content-renamed' // … renamed into place and the folder fsynced
  | 'manifest-written' // the next manifest is in a temporary file, fsynced
  | 'manifest-renamed' // … renamed into place and the folder fsynced: the version is committed
  | 'audit-appended' // the audit line is appended and fsynced
  // PostgresStore, all in one transaction:
  | 'version-inserted' // the version row, with its content, is inserted
  | 'audit-inserted'; // the audit row is inserted and the change announced; COMMIT comes next

/** A test seam: called after each step; a throw there stops the commit as a failing disk would. */
export type StoreFaults = (step: CommitStep, slug: string, version: number) => void | Promise<void>;

/**
 * Where datasets and their versions are kept, behind one interface: a folder
 * by default (FolderStore), a database later. A version's content is its
 * canonical N-Triples (RDFC-1.0 blank node labels, lines sorted, each ending
 * in a newline), which the publishing path has already parsed and checked;
 * the store only keeps it safe.
 *
 * A commit is all or nothing: after a failure at any step, or a crash,
 * the store reads as it did before (the last committed version whole), and
 * opening it again removes what the failed commit left behind.
 *
 * A store may be shared by several processes (PostgresStore: API replicas on
 * one database). Then a commit whose version another process has taken
 * throws VersionConflictError, and `watch` tells of commits made elsewhere.
 */
export interface DatasetStore {
  /** Every dataset ever committed (withdrawn ones too), sorted by slug. */
  datasets(): Promise<DatasetHistory[]>;
  /** One dataset's history, or undefined if it was never committed. */
  history(slug: string): Promise<DatasetHistory | undefined>;
  /** A version's canonical N-Triples; throws if that version has no content (a withdrawal) or does not exist. */
  content(slug: string, version: number): Promise<string>;
  /**
   * Commits `record` as the dataset's next version with its content (null
   * for a withdrawal). `record.version` must be one past the dataset's last
   * version (1 for a new one); otherwise it throws and changes nothing.
   * Resolves once content, manifest and audit line are all on disk.
   */
  commit(slug: string, record: VersionRecord, content: string | null): Promise<void>;
  /** The audit log, oldest first. */
  audit(): Promise<AuditEntry[]>;
  /**
   * For a store shared between processes: calls `changed` (soon, not at once)
   * after any process has committed a version, so this one can read what is
   * new. Returns what stops watching. A store only one process can open
   * (FolderStore, by its lock) has no `watch`.
   */
  watch?(changed: () => void): () => void;
  /** Releases the store (its lock, open files, connections). */
  close(): Promise<void>;
}
