/** A dataset's slug: 2–64 lowercase letters, digits and hyphens, starting and ending with a letter or digit. */
export const DATASET_SLUG = /^[a-z0-9][a-z0-9-]{0,62}[a-z0-9]$/;

/** Whether `value` can name a dataset (`https://w3id.org/kulturskola/dataset/{slug}`). */
export function isDatasetSlug(value: string): boolean {
  return DATASET_SLUG.test(value);
}
