/**
 * The entry of the thread that checks published bodies (see Preparer): it
 * runs prepareDataset on each job, one at a time, so that parsing, SHACL and
 * canonicalization never hold up the server's main thread. It starts with
 * the reference list and the vocabulary in `workerData` (canonical
 * N-Triples) or, without them, the shipped ones; a `reference` job replaces
 * the list, a `vocabulary` job the vocabulary.
 */
import { Parser, type Quad } from 'n3';
import { parentPort, workerData } from 'node:worker_threads';
import { giveWayToMainThread } from '../giveWayToMainThread.js';
import { prepareDataset, warmUp, type TypesElsewhere } from './prepareDataset.js';
import type { PreparationReply, PreparationJob, PreparationWorkerData } from './Preparer.js';
import { PublishError } from './PublishError.js';
import { TypesByIri } from './TypesByIri.js';
import { REFERENCE_DATASET } from './Publisher.js';
import { loadShippedReferenceData, referenceDataFromQuads, VOCABULARY_DATASET, type ReferenceData } from './ReferenceData.js';

if (parentPort === null) throw new Error('preparationWorker.ts runs as a worker thread, not as a main module');
const port = parentPort;

// Measured with `npm run bench:publish`: reads kept 53% of their throughput at 100k during a publish, against 31% at the process's priority.
giveWayToMainThread();

const { reference: initialReference, vocabulary: initialVocabulary, maxBytes, crashOnSlug, types: initialTypes = {} } = workerData as PreparationWorkerData;
let reference: Promise<ReferenceData> = loadShippedReferenceData().then((shipped) => {
  const withReference = initialReference === undefined ? shipped : referenceFromNTriples(initialReference, shipped);
  return initialVocabulary === undefined ? withReference : vocabularyFromNTriples(initialVocabulary, withReference);
});

function referenceFromNTriples(content: string, current: ReferenceData): ReferenceData {
  return referenceDataFromQuads(new Parser({ format: 'N-Triples', blankNodePrefix: 'reference_' }).parse(content), current.vocabulary);
}

function vocabularyFromNTriples(content: string, current: ReferenceData): ReferenceData {
  return referenceDataFromQuads(current.quads, new Parser({ format: 'N-Triples', blankNodePrefix: 'vocabulary_' }).parse(content));
}

/** What each dataset states of the types of its resources (the reference list's and the vocabulary's are in view already). */
const types = new TypesByIri();
for (const [slug, content] of Object.entries(initialTypes)) types.set(slug, parseNTriples(content));

function parseNTriples(content: string): Quad[] {
  return new Parser({ format: 'N-Triples' }).parse(content);
}

/** The type triples of every dataset but `slug` (which the body replaces), the reference list and the vocabulary. */
function elsewhere(slug: string): TypesElsewhere {
  return types.elsewhere(new Set([slug, REFERENCE_DATASET, VOCABULARY_DATASET]));
}

port.on('message', (job: PreparationJob) => {
  void run(job).then((reply) => port.postMessage(reply));
});

async function run(job: PreparationJob): Promise<PreparationReply> {
  try {
    if (job.kind === 'reference' || job.kind === 'vocabulary') {
      const current = await reference;
      reference = Promise.resolve((job.kind === 'reference' ? referenceFromNTriples : vocabularyFromNTriples)(job.content, current));
      await reference;
      return { id: job.id, ok: true, value: null };
    }
    if (job.kind === 'warm-up') {
      await warmUp(await reference);
      return { id: job.id, ok: true, value: null };
    }
    if (job.kind === 'types') {
      types.set(job.slug, job.content === null ? null : parseNTriples(job.content));
      return { id: job.id, ok: true, value: null };
    }
    if (job.input.slug === crashOnSlug) process.exit(70);
    const limits = maxBytes === undefined ? {} : { maxBytes };
    const early = job.early ? (content: string) => port.postMessage({ id: job.id, content } satisfies PreparationReply) : undefined;
    return { id: job.id, ok: true, value: await prepareDataset(job.input, await reference, limits, elsewhere(job.input.slug), early) };
  } catch (error) {
    if (error instanceof PublishError) return { id: job.id, ok: false, refusal: { code: error.code, message: error.message, details: error.details } };
    return { id: job.id, ok: false, failure: (error as Error).message ?? String(error) };
  }
}
