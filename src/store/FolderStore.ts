import { mkdir, readdir, readFile, rm, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { AuditEntry, CommitStep, DatasetHistory, DatasetStore, StoreFaults, VersionRecord } from './DatasetStore.js';
import { appendFileDurably, syncDirectory, TEMPORARY_FILE, writeFileDurably } from './durableWrites.js';
import { lockFolder, type FolderLock } from './lockFolder.js';
import { refuseCommit } from './refuseCommit.js';
import { copyRecord, formatManifest, parseManifest } from './manifestFile.js';

/** How FolderStore.open is set up; every field is optional. */
export interface FolderStoreOptions {
  /** The test seam: called after each step of a commit; a throw there fails the commit as a failing disk would. */
  faults?: StoreFaults;
  /** How long a lock may go unrefreshed before it counts as left by a killed process (ms; default 10 000, at least 2 000). */
  staleLockMs?: number;
  /** Told about a failure after a commit's point of no return (the audit line, the lock), which the commit itself does not throw. */
  warn?: (message: string, error: unknown) => void;
}

const MANIFEST = 'manifest.json';
const AUDIT = 'audit.log';
const VERSIONS = 'versions';
const VERSION_FILE = /^([1-9][0-9]*)\.nt$/;

/**
 * The embedded dataset store: one folder, written so that a crash or a
 * failing disk at any moment leaves the last committed version whole.
 *
 * Layout of the folder:
 * - `manifest.json`: `{"format":1,"datasets":[{"slug":…,"versions":[VersionRecord…]}…]}`,
 *   sorted by slug. Replacing it (by rename) is a commit's point of no return.
 * - `versions/{slug}/{n}.nt`: version n's canonical N-Triples; withdrawals have none.
 * - `audit.log`: JSON Lines, one AuditEntry per committed version, append-only.
 * - `lock` (a folder) and `lock-owner.json`: the exclusive lock of the process using the store.
 *
 * A commit writes the content to a temporary file beside its place, fsyncs
 * it, renames it into place and fsyncs the folder; then the manifest the same
 * way; then appends and fsyncs the audit line. Opening the store removes what
 * an interrupted commit left (temporary files, content the manifest does not
 * name) and writes audit lines the manifest has and the log lacks.
 */
export class FolderStore implements DatasetStore {
  private queue: Promise<unknown> = Promise.resolve();
  private closed = false;
  private lockLost: Error | undefined;
  /** Audit lines may be missing (an append failed after its commit): written before the next one. */
  private auditBehind = false;

  private constructor(
    readonly directory: string,
    private histories: Map<string, VersionRecord[]>,
    private readonly lock: FolderLock,
    private readonly options: FolderStoreOptions,
  ) {}

  /**
   * Opens (creating if needed) the store in `directory`, taking its lock
   * (StoreLockedError if another process has it) and recovering from any
   * interrupted commit. Throws, naming the file, if the manifest is damaged.
   */
  static async open(directory: string, options: FolderStoreOptions = {}): Promise<FolderStore> {
    const root = resolve(directory);
    await makeFolderDurably(join(root, VERSIONS));
    let store: FolderStore | undefined;
    const lock = await lockFolder(root, options.staleLockMs ?? 10_000, (error) => store?.loseLock(error));
    try {
      store = new FolderStore(root, await readOrCreateManifest(root), lock, options);
      await store.removeLeftovers();
      await store.repairAudit();
      return store;
    } catch (error) {
      await lock.release();
      throw error;
    }
  }

  async datasets(): Promise<DatasetHistory[]> {
    return sortedHistories(this.histories).map(({ slug, versions }) => ({ slug, versions: versions.map(copyRecord) }));
  }

  async history(slug: string): Promise<DatasetHistory | undefined> {
    const versions = this.histories.get(slug);
    return versions === undefined ? undefined : { slug, versions: versions.map(copyRecord) };
  }

  async content(slug: string, version: number): Promise<string> {
    const record = this.histories.get(slug)?.[version - 1];
    if (record === undefined || record.version !== version) throw new Error(`Dataset "${slug}" has no version ${version}.`);
    if (record.sha256 === null) throw new Error(`Version ${version} of dataset "${slug}" is a withdrawal and has no content.`);
    return readFile(this.versionPath(slug, version), 'utf8');
  }

  commit(slug: string, record: VersionRecord, content: string | null): Promise<void> {
    return this.enqueue(() => this.commitNow(slug, copyRecord(record), content));
  }

  audit(): Promise<AuditEntry[]> {
    return this.enqueue(async () => {
      if (this.auditBehind) await this.repairAudit();
      return (await readAudit(join(this.directory, AUDIT))).entries;
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.queue.catch(() => undefined);
    if (this.lockLost === undefined) await this.lock.release();
  }

  /** Runs `task` after every task queued before it, so commits never interleave their files. */
  private enqueue<T>(task: () => Promise<T>): Promise<T> {
    if (this.closed) return Promise.reject(new Error(`The dataset store ${this.directory} is closed.`));
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async commitNow(slug: string, record: VersionRecord, content: string | null): Promise<void> {
    this.refuse(slug, record, content);
    const step = async (name: CommitStep): Promise<void> => this.options.faults?.(name, slug, record.version);
    const contentPath = this.versionPath(slug, record.version);
    const next = new Map(this.histories).set(slug, [...(this.histories.get(slug) ?? []), record]);
    try {
      if (content !== null) {
        await makeFolderDurably(join(this.directory, VERSIONS, slug));
        await writeFileDurably(contentPath, content, () => step('content-written'));
        await step('content-renamed');
      }
      await writeFileDurably(join(this.directory, MANIFEST), formatManifest(sortedHistories(next)), () => step('manifest-written'));
    } catch (error) {
      // A failure after the manifest's rename (fsyncing its folder) has still committed the version.
      const committed = await this.manifestOnDiskNames(slug, record.version);
      if (!committed) {
        // The content file, if renamed into place, is named by nothing; when unsure, opening again removes it.
        if (committed === false && content !== null) await rm(contentPath, { force: true }).catch(() => undefined);
        throw error;
      }
      this.histories = next;
      this.auditBehind = true;
      this.warnAfterCommit(slug, record.version, error);
      return;
    }
    // Committed: from here on a failure is reported, not thrown, and the audit repaired later.
    this.histories = next;
    try {
      await step('manifest-renamed');
      if (this.auditBehind) await this.repairAudit();
      else await appendFileDurably(join(this.directory, AUDIT), auditLine(slug, record));
      await step('audit-appended');
    } catch (error) {
      this.auditBehind = true;
      this.warnAfterCommit(slug, record.version, error);
    }
  }

  /** Whether manifest.json on disk has this version: after a failed commit, whether it passed its point of no return (undefined when it cannot be read). */
  private async manifestOnDiskNames(slug: string, version: number): Promise<boolean | undefined> {
    try {
      const path = join(this.directory, MANIFEST);
      return parseManifest(await readFile(path, 'utf8'), path).some((dataset) => dataset.slug === slug && dataset.versions.length >= version);
    } catch {
      return undefined;
    }
  }

  /** Throws, changing nothing, when the commit could not be kept as asked. */
  private refuse(slug: string, record: VersionRecord, content: string | null): void {
    if (this.lockLost !== undefined) throw new Error(`The dataset store ${this.directory} lost its lock (${this.lockLost.message}); reopen it before committing.`);
    refuseCommit(slug, record, content, this.histories.get(slug)?.length ?? 0);
  }

  /** Removes what interrupted commits left: temporary files, and content files the manifest does not name. */
  private async removeLeftovers(): Promise<void> {
    for (const name of await readdir(this.directory)) {
      if (TEMPORARY_FILE.test(name)) await rm(join(this.directory, name), { force: true });
    }
    const versions = join(this.directory, VERSIONS);
    for (const slug of await readdir(versions)) {
      const folder = join(versions, slug);
      if (!(await stat(folder)).isDirectory()) continue;
      const records = this.histories.get(slug) ?? [];
      let removed = false;
      for (const name of await readdir(folder)) {
        const number = VERSION_FILE.exec(name)?.[1];
        const named = number !== undefined && records[Number(number) - 1]?.sha256 != null;
        if (TEMPORARY_FILE.test(name) || (number !== undefined && !named)) {
          await rm(join(folder, name), { force: true });
          removed = true;
        }
      }
      if (records.length === 0 && (await readdir(folder)).length === 0) {
        await rm(folder, { recursive: true, force: true });
        await syncDirectory(versions);
      } else if (removed) await syncDirectory(folder);
    }
    for (const [slug, records] of this.histories) {
      for (const record of records) {
        if (record.sha256 === null) continue;
        const path = this.versionPath(slug, record.version);
        if (!(await stat(path).catch(() => undefined))?.isFile()) throw new Error(`The store's manifest names ${path}, which is missing; the store was left as it is.`);
      }
    }
  }

  /** Drops a torn last line of the audit log and adds the lines the manifest has and the log lacks, by rewriting it durably. */
  private async repairAudit(): Promise<void> {
    const path = join(this.directory, AUDIT);
    const { entries, torn } = await readAudit(path);
    const logged = new Set(entries.map((entry) => `${entry.slug}\n${entry.version}`));
    const missing = [...this.histories]
      .flatMap(([slug, records]) => records.map((record) => ({ slug, record })))
      .filter(({ slug, record }) => !logged.has(`${slug}\n${record.version}`))
      .sort((a, b) => a.record.created.localeCompare(b.record.created) || a.slug.localeCompare(b.slug) || a.record.version - b.record.version);
    if (torn || missing.length > 0) {
      const lines = [...entries.map((entry) => `${JSON.stringify(entry)}\n`), ...missing.map(({ slug, record }) => auditLine(slug, record))];
      await writeFileDurably(path, lines.join(''));
    }
    this.auditBehind = false;
  }

  private warnAfterCommit(slug: string, version: number, error: unknown): void {
    this.options.warn?.(`Version ${version} of dataset "${slug}" is committed, but a step after the manifest's replacement failed; the audit log is completed from the manifest.`, error);
  }

  private loseLock(error: Error): void {
    this.lockLost = error;
    this.options.warn?.(`The dataset store ${this.directory} lost its lock; it refuses commits until reopened.`, error);
  }

  private versionPath(slug: string, version: number): string {
    return join(this.directory, VERSIONS, slug, `${version}.nt`);
  }
}

/** Creates `path` and any missing folders above it, fsyncing the folder that holds each new one. */
async function makeFolderDurably(path: string): Promise<void> {
  const first = await mkdir(path, { recursive: true });
  if (first === undefined) return;
  for (let created = path; ; created = dirname(created)) {
    await syncDirectory(dirname(created));
    if (created === first) return;
  }
}

/** The manifest's histories; a missing manifest is written empty, unless the folder shows it held data. */
async function readOrCreateManifest(root: string): Promise<Map<string, VersionRecord[]>> {
  const path = join(root, MANIFEST);
  const text = await readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  });
  if (text !== undefined) return new Map(parseManifest(text, path).map(({ slug, versions }) => [slug, versions]));
  // Without a manifest at most one commit (the first) can have been under way; more means it was lost.
  const audit = await readAudit(join(root, AUDIT));
  const contentFiles = (await readdir(join(root, VERSIONS), { recursive: true })).filter((name) => VERSION_FILE.test(name.split('/').pop() ?? ''));
  if (audit.entries.length > 0 || contentFiles.length > 1) {
    throw new Error(`The store's manifest ${path} is missing, but ${join(root, AUDIT)} or ${join(root, VERSIONS)} hold committed versions; the store was left as it is.`);
  }
  await writeFileDurably(path, formatManifest([]));
  return new Map();
}

/** The entries of the audit log (none when it does not exist); `torn` when its last line was cut short and dropped. */
async function readAudit(path: string): Promise<{ entries: AuditEntry[]; torn: boolean }> {
  const text = await readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return '';
    throw error;
  });
  const lines = text.split('\n');
  const unfinished = lines.pop() ?? '';
  const entries: AuditEntry[] = [];
  let torn = unfinished !== '';
  for (const [index, line] of lines.entries()) {
    const entry = parseAuditLine(line);
    if (entry !== undefined) entries.push(entry);
    else if (index === lines.length - 1 && !torn) torn = true;
    else throw new Error(`Line ${index + 1} of the store's audit log ${path} is not an audit entry: ${JSON.stringify(line.slice(0, 200))}; the log was left as it is.`);
  }
  return { entries, torn };
}

function parseAuditLine(line: string): AuditEntry | undefined {
  try {
    const { time, publisher, activity, slug, version } = JSON.parse(line) as Partial<AuditEntry>;
    if (typeof time !== 'string' || typeof publisher !== 'string' || typeof activity !== 'string' || typeof slug !== 'string' || !Number.isSafeInteger(version)) return undefined;
    return { time, publisher, activity, slug, version: version as number };
  } catch {
    return undefined;
  }
}

function auditLine(slug: string, record: VersionRecord): string {
  const entry: AuditEntry = { time: record.created, publisher: record.publisher, activity: record.activity, slug, version: record.version };
  return `${JSON.stringify(entry)}\n`;
}

function sortedHistories(histories: Map<string, VersionRecord[]>): DatasetHistory[] {
  return [...histories].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([slug, versions]) => ({ slug, versions }));
}
