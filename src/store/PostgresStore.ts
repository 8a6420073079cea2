import pg from 'pg';
import type { AuditEntry, CommitStep, DatasetHistory, DatasetStore, StoreFaults, VersionActivity, VersionRecord } from './DatasetStore.js';
import { copyRecord } from './manifestFile.js';
import { refuseCommit } from './refuseCommit.js';
import { runMigrations } from './runMigrations.js';
import { TurnsByKey } from './TurnsByKey.js';

/** How PostgresStore.open is set up; every field is optional. */
export interface PostgresStoreOptions {
  /** The test seam: called after each step of a commit, inside its transaction; a throw there rolls it back. */
  faults?: StoreFaults;
  /** Told about what goes wrong outside any caller's request: a dropped connection, a failed check for changes. */
  warn?: (message: string, error: unknown) => void;
  /** How often `watch` looks for commits it was not told of (a notification lost while the connection was down), in ms; default 2 000. */
  pollMs?: number;
  /** How long a connection attempt may take before it fails, in ms; default 5 000. */
  connectTimeoutMs?: number;
}

/** The channel a commit announces itself on (NOTIFY), with `{"slug":…,"version":…}`. */
const CHANNEL = 'kulturskolegrafen_versions';

/** The lock key space of commits: one advisory lock per dataset, so commits to one dataset from any process take turns. */
const COMMIT_LOCK_SPACE = 4_711;

interface VersionRow {
  slug: string;
  version: number;
  created: string;
  publisher: string;
  activity: VersionActivity;
  restores: number | null;
  triples: number;
  sha256: string | null;
  added: number;
  removed: number;
}

const RECORD_COLUMNS = 'slug, version, created, publisher, activity, restores, triples, sha256, added, removed';

/**
 * The dataset store in PostgreSQL (DATABASE_URL), for API replicas that share
 * one store: what FolderStore keeps in a folder, in two tables (see
 * runMigrations), with the same contract.
 *
 * A commit is one transaction: it takes the dataset's advisory lock, checks
 * that its version is one past the last (else VersionConflictError: another
 * replica was first), inserts the version row with its content and the audit
 * row, and announces the change with NOTIFY, which PostgreSQL delivers only
 * if the transaction commits. A failure at any step, a lost connection or a
 * killed process rolls all of it back.
 *
 * `watch` listens on the channel on a connection of its own, and looks at the
 * head of the audit log every `pollMs` as well, since notifications sent while
 * its connection was down are lost; after the database comes back it reconnects.
 */
export class PostgresStore implements DatasetStore {
  private closed = false;
  private readonly watchers = new Set<() => void>();
  /** The commits of each dataset that this process has under way, last first: they take the database's lock in the order they were made. */
  private readonly commits = new TurnsByKey();

  private constructor(
    private readonly pool: pg.Pool,
    /** The database, for messages: the URL without its password. */
    readonly location: string,
    private readonly options: PostgresStoreOptions,
  ) {}

  /**
   * Connects to the database at `url` and brings its schema up to date.
   * Throws an Error that names the database (never its password) and the
   * reason when it cannot be reached or its schema is newer than this code.
   */
  static async open(url: string, options: PostgresStoreOptions = {}): Promise<PostgresStore> {
    const location = redacted(url);
    const pool = new pg.Pool({ connectionString: url, max: 4, connectionTimeoutMillis: options.connectTimeoutMs ?? 5_000, idleTimeoutMillis: 30_000 });
    // An idle connection that the server drops (a restart) is an error event here, not a crash; the next query opens a new one.
    pool.on('error', (error) => options.warn?.(`A connection to the store's database ${location} was lost; the next use opens a new one.`, error));
    let client: pg.PoolClient;
    try {
      client = await pool.connect();
    } catch (error) {
      await pool.end().catch(() => undefined);
      throw new Error(`Could not reach the store's PostgreSQL database at ${location}: ${(error as Error).message}`);
    }
    try {
      await runMigrations(client);
    } catch (error) {
      client.release();
      await pool.end().catch(() => undefined);
      throw new Error(`Could not prepare the store's tables in the PostgreSQL database at ${location}: ${(error as Error).message}`);
    }
    client.release();
    return new PostgresStore(pool, location, options);
  }

  async datasets(): Promise<DatasetHistory[]> {
    const { rows } = await this.query<VersionRow>(`SELECT ${RECORD_COLUMNS} FROM dataset_versions ORDER BY slug COLLATE "C", version`);
    const histories = new Map<string, VersionRecord[]>();
    for (const row of rows) {
      const versions = histories.get(row.slug);
      if (versions === undefined) histories.set(row.slug, [recordOf(row)]);
      else versions.push(recordOf(row));
    }
    return [...histories].map(([slug, versions]) => ({ slug, versions }));
  }

  async history(slug: string): Promise<DatasetHistory | undefined> {
    const { rows } = await this.query<VersionRow>(`SELECT ${RECORD_COLUMNS} FROM dataset_versions WHERE slug = $1 ORDER BY version`, [slug]);
    return rows.length === 0 ? undefined : { slug, versions: rows.map(recordOf) };
  }

  async content(slug: string, version: number): Promise<string> {
    const { rows } = await this.query<{ content: string | null }>('SELECT content FROM dataset_versions WHERE slug = $1 AND version = $2', [slug, version]);
    const [row] = rows;
    if (row === undefined) throw new Error(`Dataset "${slug}" has no version ${version}.`);
    if (row.content === null) throw new Error(`Version ${version} of dataset "${slug}" is a withdrawal and has no content.`);
    return row.content;
  }

  /** Commits of one dataset made through this store run in the order they were made (across processes, the advisory lock orders them). */
  commit(slug: string, record: VersionRecord, content: string | null): Promise<void> {
    return this.commits.run(slug, () => this.commitNow(slug, record, content));
  }

  private async commitNow(slug: string, record: VersionRecord, content: string | null): Promise<void> {
    this.refuseIfClosed();
    const kept = copyRecord(record);
    // Checked before the database is asked, so a bad record costs no transaction; the version is checked again under the lock.
    refuseCommit(slug, kept, content, kept.version - 1);
    const step = async (name: CommitStep): Promise<void> => this.options.faults?.(name, slug, kept.version);
    const client = await this.connect();
    let failed = false;
    try {
      await client.query('BEGIN');
      await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [COMMIT_LOCK_SPACE, slug]);
      const { rows } = await client.query<{ last: number }>('SELECT coalesce(max(version), 0) AS last FROM dataset_versions WHERE slug = $1', [slug]);
      refuseCommit(slug, kept, content, rows[0]!.last);
      await client.query(
        `INSERT INTO dataset_versions (${RECORD_COLUMNS}, content) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
        [slug, kept.version, kept.created, kept.publisher, kept.activity, kept.restores ?? null, kept.triples, kept.sha256, kept.added, kept.removed, content],
      );
      await step('version-inserted');
      await client.query('INSERT INTO audit_log (time, publisher, activity, slug, version) VALUES ($1, $2, $3, $4, $5)', [
        kept.created,
        kept.publisher,
        kept.activity,
        slug,
        kept.version,
      ]);
      await client.query('SELECT pg_notify($1, $2)', [CHANNEL, JSON.stringify({ slug, version: kept.version })]);
      await step('audit-inserted');
      await client.query('COMMIT');
    } catch (error) {
      failed = true;
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      // A connection that failed mid-transaction is not given to the next commit.
      client.release(failed);
    }
  }

  async audit(): Promise<AuditEntry[]> {
    const { rows } = await this.query<{ time: string; publisher: string; activity: VersionActivity; slug: string; version: number }>(
      'SELECT time, publisher, activity, slug, version FROM audit_log ORDER BY id',
    );
    return rows;
  }

  watch(changed: () => void): () => void {
    this.watchers.add(changed);
    if (this.watchers.size === 1) this.startWatching();
    return () => {
      this.watchers.delete(changed);
      if (this.watchers.size === 0) this.stopWatching?.();
    };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.watchers.clear();
    this.stopWatching?.();
    await this.pool.end();
  }

  private stopWatching: (() => void) | undefined;

  /** Listens for NOTIFY on a connection of its own (reconnecting after it is lost) and polls the audit log's head as a fallback. */
  private startWatching(): void {
    let listener: pg.Client | undefined;
    let reconnect: NodeJS.Timeout | undefined;
    let head: string | undefined;
    let stopped = false;
    const tell = () => {
      for (const watcher of this.watchers) watcher();
    };
    // Tells the watchers when the audit log has grown since last looked: every commit adds one row. (Counted, not its
    // largest id: ids are given as rows are inserted, so a commit can land after one with a larger id.) The first look
    // tells them too, since a commit may have landed between their last read of the store and the LISTEN.
    const look = async () => {
      try {
        const { rows } = await this.query<{ head: string }>('SELECT count(*)::text AS head FROM audit_log');
        const now = rows[0]!.head;
        if (now !== head) tell();
        head = now;
      } catch (error) {
        this.options.warn?.(`Could not look for new versions in the store's database ${this.location}; trying again.`, error);
      }
    };
    const listen = async () => {
      const client = new pg.Client({ connectionString: this.pool.options.connectionString, connectionTimeoutMillis: this.pool.options.connectionTimeoutMillis });
      client.on('notification', tell);
      client.on('error', (error) => {
        this.options.warn?.(`The store's change notifications from ${this.location} stopped; reconnecting.`, error);
        retry();
      });
      client.on('end', () => retry());
      listener = client;
      try {
        await client.connect();
        await client.query(`LISTEN ${CHANNEL}`);
        // Whatever was committed while not listening is found by looking once now (the first look always tells).
        await look();
      } catch (error) {
        this.options.warn?.(`Could not listen for changes in the store's database ${this.location}; trying again.`, error);
        retry();
      }
    };
    const retry = () => {
      if (stopped || reconnect !== undefined) return;
      listener?.removeAllListeners();
      listener?.on('error', () => undefined);
      void listener?.end().catch(() => undefined);
      listener = undefined;
      reconnect = setTimeout(() => {
        reconnect = undefined;
        void listen();
      }, 1_000);
      reconnect.unref();
    };
    const poll = setInterval(() => void look(), this.options.pollMs ?? 2_000);
    poll.unref();
    void listen();
    this.stopWatching = () => {
      stopped = true;
      clearInterval(poll);
      clearTimeout(reconnect);
      listener?.removeAllListeners();
      listener?.on('error', () => undefined);
      void listener?.end().catch(() => undefined);
      this.stopWatching = undefined;
    };
  }

  private async query<Row extends pg.QueryResultRow>(text: string, values?: unknown[]): Promise<pg.QueryResult<Row>> {
    this.refuseIfClosed();
    return this.pool.query<Row>(text, values);
  }

  private async connect(): Promise<pg.PoolClient> {
    return this.pool.connect();
  }

  private refuseIfClosed(): void {
    if (this.closed) throw new Error(`The dataset store at ${this.location} is closed.`);
  }
}

function recordOf(row: VersionRow): VersionRecord {
  return {
    version: row.version,
    created: row.created,
    publisher: row.publisher,
    activity: row.activity,
    ...(row.restores === null ? {} : { restores: row.restores }),
    triples: row.triples,
    sha256: row.sha256,
    added: row.added,
    removed: row.removed,
  };
}

/** The URL without its password, for messages and logs. */
function redacted(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password !== '') parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'the database named by DATABASE_URL (not a valid URL)';
  }
}
