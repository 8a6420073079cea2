/**
 * Thrown by DatasetStore.commit, changing nothing, when the record's version
 * is not one past the dataset's last: with a store shared by several
 * processes, another one committed first. The writer reads the dataset's
 * history again and decides anew (its If-Match may no longer hold).
 */
export class VersionConflictError extends Error {
  constructor(
    readonly slug: string,
    readonly version: number,
    readonly next: number,
  ) {
    super(`Dataset "${slug}" cannot take version ${version}: its next version is ${next}.`);
    this.name = 'VersionConflictError';
  }
}
