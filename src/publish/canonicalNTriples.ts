import { createHash } from 'node:crypto';
import { DataFactory } from 'n3';
import type { Quad } from 'n3';
import { canonize } from 'rdf-canonize';
import { PublishError } from './PublishError.js';

/** A dataset's content in the form the store keeps and hashes. */
export interface CanonicalContent {
  /** N-Triples with RDFC-1.0 blank node labels, one triple a line, lines sorted, each ending in a newline, no line twice. */
  content: string;
  /** SHA-256 (hex) of `content`. */
  sha256: string;
  triples: number;
}

/**
 * RDFC-1.0's deep comparisons allowed, as rdf-canonize's work factor: 1 is
 * O(n) in the blank nodes that first-degree hashes cannot tell apart, which
 * every blank node with an IRI or literal of its own passes, while a
 * crafted tangle of look-alike blank nodes is refused instead of taking hours.
 */
const MAX_WORK_FACTOR = 1;

/**
 * The canonical form of the quads' triples (their graphs dropped, so the
 * content is N-Triples): the same graph gives the same text and hash however
 * it was written, ordered or its blank nodes labelled. Throws PublishError
 * BAD_REQUEST when the blank nodes are too entangled to canonicalise.
 */
export async function canonicalNTriples(quads: readonly Quad[]): Promise<CanonicalContent> {
  const triples = quads.map(({ subject, predicate, object }) => DataFactory.quad(subject, predicate, object));
  let canonical: string;
  try {
    canonical = await canonize(triples, { algorithm: 'RDFC-1.0', maxWorkFactor: MAX_WORK_FACTOR });
  } catch (error) {
    if (!/maximum deep iterations/i.test((error as Error).message)) throw error;
    throw new PublishError(
      'BAD_REQUEST',
      'The body\'s blank nodes are too alike to be told apart in reasonable time (RDF canonicalization gave up); give some of them IRIs',
    );
  }
  const lines = [...new Set(canonical.split('\n'))].filter((line) => line !== '').sort();
  const content = lines.map((line) => `${line}\n`).join('');
  return { content, sha256: createHash('sha256').update(content).digest('hex'), triples: lines.length };
}
