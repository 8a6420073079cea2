import { isDatasetSlug } from './isDatasetSlug.js';
import type { DatasetHistory, VersionRecord } from './DatasetStore.js';

/** The manifest's format version; a store written in another format is refused, not guessed at. */
export const MANIFEST_FORMAT = 1;

const ACTIVITIES: ReadonlySet<unknown> = new Set(['seed', 'publish', 'rollback', 'withdraw']);
const SHA256 = /^[0-9a-f]{64}$/;
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z$/;

/** The text of `manifest.json` for these histories (sorted by slug by the caller). */
export function formatManifest(datasets: readonly DatasetHistory[]): string {
  return `${JSON.stringify({ format: MANIFEST_FORMAT, datasets }, null, 2)}\n`;
}

/**
 * Reads the text of a manifest back into histories sorted by slug. Throws an
 * Error naming `path` and what is wrong when the text is not JSON or not a
 * manifest this store wrote: a damaged manifest is never replaced silently.
 */
export function parseManifest(text: string, path: string): DatasetHistory[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new Error(`The store's manifest ${path} is not valid JSON (${(error as Error).message}); it was left as it is.`);
  }
  const problem = manifestProblem(parsed);
  if (problem !== undefined) throw new Error(`The store's manifest ${path} is not a manifest this store can read: ${problem}; it was left as it is.`);
  return (parsed as { datasets: DatasetHistory[] }).datasets.map(({ slug, versions }) => ({ slug, versions: versions.map(copyRecord) }));
}

/** What is wrong with `value` as a VersionRecord, or undefined when nothing is. */
export function versionRecordProblem(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return 'it is not an object';
  const record = value as Record<string, unknown>;
  const count = (name: string, minimum: number): string | undefined =>
    Number.isSafeInteger(record[name]) && (record[name] as number) >= minimum ? undefined : `${name} ${JSON.stringify(record[name])} is not an integer of at least ${minimum}`;
  const problems = [
    count('version', 1),
    typeof record.created === 'string' && ISO_TIME.test(record.created) ? undefined : `created ${JSON.stringify(record.created)} is not an ISO 8601 time in UTC`,
    typeof record.publisher === 'string' && record.publisher !== '' ? undefined : `publisher ${JSON.stringify(record.publisher)} is not a non-empty string`,
    ACTIVITIES.has(record.activity) ? undefined : `activity ${JSON.stringify(record.activity)} is not one of seed, publish, rollback, withdraw`,
    record.restores === undefined ? undefined : count('restores', 1),
    count('triples', 0),
    record.sha256 === null || (typeof record.sha256 === 'string' && SHA256.test(record.sha256)) ? undefined : `sha256 ${JSON.stringify(record.sha256)} is neither null nor 64 lowercase hex digits`,
    (record.sha256 === null) === (record.activity === 'withdraw') ? undefined : `sha256 must be null for a withdrawal and only for one`,
    count('added', 0),
    count('removed', 0),
  ];
  return problems.find((problem) => problem !== undefined);
}

/** A VersionRecord with only its own fields, so nothing a caller added reaches the manifest. */
export function copyRecord(record: VersionRecord): VersionRecord {
  const { version, created, publisher, activity, restores, triples, sha256, added, removed } = record;
  return { version, created, publisher, activity, ...(restores === undefined ? {} : { restores }), triples, sha256, added, removed };
}

function manifestProblem(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'it is not a JSON object';
  const { format, datasets } = value as { format?: unknown; datasets?: unknown };
  if (format !== MANIFEST_FORMAT) return `its format is ${JSON.stringify(format)}, not ${MANIFEST_FORMAT}`;
  if (!Array.isArray(datasets)) return '"datasets" is not a list';
  let previous = '';
  for (const [index, dataset] of datasets.entries()) {
    const { slug, versions } = (dataset ?? {}) as { slug?: unknown; versions?: unknown };
    if (typeof slug !== 'string' || !isDatasetSlug(slug)) return `datasets[${index}].slug ${JSON.stringify(slug)} is not a dataset slug`;
    if (slug <= previous) return `dataset "${slug}" is out of order or repeated`;
    previous = slug;
    if (!Array.isArray(versions) || versions.length === 0) return `dataset "${slug}" has no list of versions`;
    for (const [at, record] of versions.entries()) {
      const problem = versionRecordProblem(record) ?? ((record as VersionRecord).version === at + 1 ? undefined : `its versions are not numbered 1, 2, 3, …`);
      if (problem !== undefined) return `dataset "${slug}" version ${at + 1}: ${problem}`;
    }
  }
  return undefined;
}
