import { createHash } from 'node:crypto';
import type { VersionRecord } from './DatasetStore.js';
import { isDatasetSlug } from './isDatasetSlug.js';
import { versionRecordProblem } from './manifestFile.js';
import { VersionConflictError } from './VersionConflictError.js';

/**
 * Throws, before a store changes anything, when `record` cannot be committed
 * as the next version of `slug` (whose last version is `last`, 0 for none):
 * a VersionConflictError when its number is not `last + 1`, else an Error
 * naming what is wrong (the slug, content where a withdrawal has none or the
 * other way round, a field the store could not read back, a sha256 that is
 * not the content's). Every store refuses the same commits with the same words.
 */
export function refuseCommit(slug: string, record: VersionRecord, content: string | null, last: number): void {
  if (!isDatasetSlug(slug)) throw new Error(`"${slug}" is not a dataset slug: 2–64 lowercase letters, digits and hyphens, not starting or ending with a hyphen.`);
  if (record.version !== last + 1) throw new VersionConflictError(slug, record.version, last + 1);
  if (record.activity === 'withdraw' && content !== null) throw new Error(`A withdrawal of dataset "${slug}" has no content, but content was given.`);
  if (record.activity !== 'withdraw' && content === null) throw new Error(`Version ${record.version} of dataset "${slug}" (${record.activity}) needs content.`);
  const problem = versionRecordProblem(record);
  if (problem !== undefined) throw new Error(`Version ${record.version} of dataset "${slug}" cannot be committed: ${problem}.`);
  if (content !== null && sha256(content) !== record.sha256) throw new Error(`Version ${record.version} of dataset "${slug}" says sha256 ${record.sha256}, but its content hashes to ${sha256(content)}.`);
}

function sha256(content: string): string {
  return createHash('sha256').update(content, 'utf8').digest('hex');
}
