/**
 * The entry of the thread that checks published bodies (see Preparer): it
 * runs prepareDataset on each job, one at a time, so that parsing, SHACL and
 * canonicalization never hold up the server's main thread. It starts with
 * the reference list in `workerData` (canonical N-Triples) or, without one,
 * the shipped reference data; a `reference` job replaces the list.
 */
import { Parser } from 'n3';
import { parentPort, workerData } from 'node:worker_threads';
import { prepareDataset } from './prepareDataset.js';
import type { PreparationReply, PreparationJob, PreparationWorkerData } from './Preparer.js';
import { PublishError } from './PublishError.js';
import { loadShippedReferenceData, referenceDataFromQuads, type ReferenceData } from './ReferenceData.js';

const port = parentPort;
if (port === null) throw new Error('preparationWorker.ts runs as a worker thread, not as a main module');

const { reference: initialReference, maxBytes, crashOnSlug } = workerData as PreparationWorkerData;
let reference: Promise<ReferenceData> = loadShippedReferenceData().then((shipped) =>
  initialReference === undefined ? shipped : referenceFromNTriples(initialReference, shipped),
);

function referenceFromNTriples(content: string, current: ReferenceData): ReferenceData {
  return referenceDataFromQuads(new Parser({ format: 'N-Triples', blankNodePrefix: 'reference_' }).parse(content), current.vocabulary);
}

port.on('message', (job: PreparationJob) => {
  void run(job).then((reply) => port.postMessage(reply));
});

async function run(job: PreparationJob): Promise<PreparationReply> {
  try {
    if (job.kind === 'reference') {
      const current = await reference;
      reference = Promise.resolve(referenceFromNTriples(job.content, current));
      await reference;
      return { id: job.id, ok: true, value: null };
    }
    if (job.input.slug === crashOnSlug) process.exit(70);
    return { id: job.id, ok: true, value: await prepareDataset(job.input, await reference, maxBytes === undefined ? {} : { maxBytes }) };
  } catch (error) {
    if (error instanceof PublishError) return { id: job.id, ok: false, refusal: { code: error.code, message: error.message, details: error.details } };
    return { id: job.id, ok: false, failure: (error as Error).message ?? String(error) };
  }
}
