import { createHash } from 'node:crypto';
import type { DatasetState } from './Publisher.js';

/**
 * Which version of the whole data the datasets make: a digest that changes
 * whenever any dataset changes, and the time of the latest change. Every
 * answer carries the digest (the `Data-Version` header, and ETags).
 */
export function dataVersionOf(datasets: readonly DatasetState[]): { digest: string; lastModified: Date } {
  const digest = createHash('sha256');
  let lastModified = 0;
  for (const { slug, version, sha256, modified, withdrawn } of [...datasets].sort((a, b) => (a.slug < b.slug ? -1 : 1))) {
    if (withdrawn) continue;
    digest.update(`${slug}\0${version}\0${sha256}\0`);
    lastModified = Math.max(lastModified, Date.parse(modified));
  }
  return { digest: digest.digest('hex'), lastModified: new Date(lastModified) };
}
