/** A dataset's slug: lowercase letters, digits and hyphens, 2–64 characters. */
export const DATASET_SLUG = /^[a-z0-9-]{2,64}$/;

/** Whether `value` can name a dataset (`https://w3id.org/kulturskola/dataset/{slug}`). */
export function isDatasetSlug(value: string): boolean {
  return DATASET_SLUG.test(value);
}
