/**
 * The entry of the process that checks published bodies (see Preparer): it
 * runs prepareDataset on each job, one at a time, so that parsing, SHACL and
 * canonicalization never hold up the server's main thread. Its first message
 * says what it starts with: the reference list and the vocabulary (canonical
 * N-Triples) or, without them, the shipped ones; a `reference` job replaces
 * the list, a `vocabulary` job the vocabulary. It ends when its parent does.
 */
import { Parser, type Quad } from 'n3';
import { EventLoopTurns } from '../EventLoopTurns.js';
import { giveWayToServer } from '../giveWayToServer.js';
import { numberedTriplesOfContent } from '../rdf/numberedTriplesOfContent.js';
import { prepareDataset, warmUp, type TypesElsewhere } from './prepareDataset.js';
import type { PreparationReply, PreparationJob, PreparationStart, PreparationWorkerData } from './Preparer.js';
import { PublishError } from './PublishError.js';
import { TypesByIri } from './TypesByIri.js';
import { REFERENCE_DATASET } from './Publisher.js';
import { loadShippedReferenceData, referenceDataFromQuads, VOCABULARY_DATASET, type ReferenceData } from './ReferenceData.js';

if (process.send === undefined) throw new Error('preparationWorker.ts runs as a child process with an IPC channel (see Preparer), not on its own');
const send = process.send.bind(process) as (reply: PreparationReply, handle?: undefined, options?: object, callback?: (error: Error | null) => void) => boolean;

/** Sends `reply`; resolves once it has been written to the channel. */
function sent(reply: PreparationReply): Promise<void> {
  return new Promise((resolve) => send(reply, undefined, {}, () => resolve()));
}
// Its collector and compiler threads too: see README, "Speed of a publish".
giveWayToServer();
process.on('disconnect', () => process.exit(0));

/** What each dataset states of the types of its resources (the reference list's and the vocabulary's are in view already). */
const types = new TypesByIri();

let started: PreparationWorkerData | undefined;
let reference: Promise<ReferenceData> | undefined;

function start(data: PreparationWorkerData): void {
  started = data;
  const { reference: initialReference, vocabulary: initialVocabulary, types: initialTypes = {} } = data;
  reference = loadShippedReferenceData().then((shipped) => {
    const withReference = initialReference === undefined ? shipped : referenceFromNTriples(initialReference, shipped);
    return initialVocabulary === undefined ? withReference : vocabularyFromNTriples(initialVocabulary, withReference);
  });
  // Nothing unhandled before the first job asks for it.
  reference.catch(() => undefined);
  for (const [slug, content] of Object.entries(initialTypes)) types.set(slug, parseNTriples(content));
}

function referenceFromNTriples(content: string, current: ReferenceData): ReferenceData {
  return referenceDataFromQuads(new Parser({ format: 'N-Triples', blankNodePrefix: 'reference_' }).parse(content), current.vocabulary);
}

function vocabularyFromNTriples(content: string, current: ReferenceData): ReferenceData {
  return referenceDataFromQuads(current.quads, new Parser({ format: 'N-Triples', blankNodePrefix: 'vocabulary_' }).parse(content));
}


function parseNTriples(content: string): Quad[] {
  return new Parser({ format: 'N-Triples' }).parse(content);
}

/** The type triples of every dataset but `slug` (which the body replaces), the reference list and the vocabulary. */
function elsewhere(slug: string): TypesElsewhere {
  return types.elsewhere(new Set([slug, REFERENCE_DATASET, VOCABULARY_DATASET]));
}

process.on('message', (message: PreparationStart | PreparationJob) => {
  if (message.kind === 'start') start(message.data);
  else void run(message).then((reply) => send(reply));
});

async function run(job: PreparationJob): Promise<PreparationReply> {
  try {
    if (reference === undefined || started === undefined) throw new Error('a job came before the start message');
    const { maxBytes, crashOnSlug } = started;
    if (job.kind === 'reference' || job.kind === 'vocabulary') {
      const current = await reference;
      reference = Promise.resolve((job.kind === 'reference' ? referenceFromNTriples : vocabularyFromNTriples)(job.content, current));
      await reference;
      return { id: job.id, ok: true, value: null };
    }
    if (job.kind === 'warm-up') {
      // The numbering that a publish's canonical form gets (see below) too.
      await warmUp(await reference, async (content) => void (await numberedTriplesOfContent('warm-up', content, new EventLoopTurns(false))));
      return { id: job.id, ok: true, value: null };
    }
    if (job.kind === 'types') {
      types.set(job.slug, job.content === null ? null : parseNTriples(job.content));
      return { id: job.id, ok: true, value: null };
    }
    if (job.input.slug === crashOnSlug) process.exit(70);
    const limits = maxBytes === undefined ? {} : { maxBytes };
    // The checks that follow hold this process's event loop: the canonical form leaves before they start, not after.
    // With its triples numbered, which the server would otherwise do on its main thread (see README, "Speed of a publish").
    let sentEarly = false;
    const early = job.early
      ? async (content: string) => {
          const { terms, triples } = await numberedTriplesOfContent(job.input.slug, content, new EventLoopTurns(false));
          await sent({ id: job.id, content, numbered: { terms, triples } });
          sentEarly = true;
        }
      : undefined;
    const prepared = await prepareDataset(job.input, await reference, limits, elsewhere(job.input.slug), early);
    if (!sentEarly) return { id: job.id, ok: true, value: prepared };
    const { content: _sent, ...withoutContent } = prepared;
    return { id: job.id, ok: true, withoutContent };
  } catch (error) {
    if (error instanceof PublishError) return { id: job.id, ok: false, refusal: { code: error.code, message: error.message, details: error.details } };
    return { id: job.id, ok: false, failure: (error as Error).message ?? String(error) };
  }
}
