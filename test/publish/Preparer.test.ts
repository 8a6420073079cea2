import { readFile } from 'node:fs/promises';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Parser, Writer } from 'n3';
import { afterAll, describe, expect, it } from 'vitest';
import { prepareDataset, type PrepareInput } from '../../src/publish/prepareDataset.js';
import { Preparer } from '../../src/publish/Preparer.js';
import { PublishError } from '../../src/publish/PublishError.js';
import { loadShippedReferenceData } from '../../src/publish/ReferenceData.js';
import { dataPath } from '../../src/rdf/dataPath.js';
import type { Graph } from '../../src/rdf/Graph.js';
import { graphOfContent } from '../../src/rdf/graphOfContent.js';
import { IndexedGraph } from '../../src/rdf/IndexedGraph.js';
import type { NumberedTriples } from '../../src/rdf/numberedTriplesOfContent.js';
import { kg } from '../../src/rdf/vocabulary.js';
import { generatedDataset } from './generatedDataset.js';
import { SCHED_IDLE, threadScheduling } from '../support/threadScheduling.js';

const reference = await loadShippedReferenceData();
const orebro: PrepareInput = { slug: 'orebro-lan', mediaType: 'application/ld+json', body: await readFile(dataPath('graphs/orebro-lan.jsonld')) };
const missingRole: PrepareInput = {
  slug: 'test',
  mediaType: 'text/turtle',
  body: Buffer.from(`@base <https://w3id.org/kulturskola/> . @prefix org: <http://www.w3.org/ns/org#> .
    <samverkan/test/medlemskap/1880> a org:Membership ; org:member <kommun/1880> ; org:organization <samverkan/orebro-lan> .`),
};
const linksNewMunicipality: PrepareInput = {
  slug: 'test',
  mediaType: 'text/turtle',
  body: Buffer.from('<https://w3id.org/kulturskola/samverkan/orebro-lan> <http://www.w3.org/ns/org#linkedTo> <https://w3id.org/kulturskola/kommun/1899> .'),
};

const preparer = new Preparer({ crashOnSlug: 'crash-test' });
afterAll(() => preparer.close());

describe('Preparer', () => {
  it('gives what prepareDataset gives, from its own process', async () => {
    expect(await preparer.prepare(orebro)).toEqual(await prepareDataset(orebro, reference));
  });

  it('warmed up, gives the same acceptances and refusals as before', async () => {
    const warmed = new Preparer();
    try {
      await warmed.warmUp();
      expect(await warmed.prepare(orebro)).toEqual(await prepareDataset(orebro, reference));
      const [direct, fromWarmed] = [await refusalOf(prepareDataset(missingRole, reference)), await refusalOf(warmed.prepare(missingRole))];
      expect([fromWarmed.code, fromWarmed.message, fromWarmed.details]).toEqual([direct.code, direct.message, direct.details]);
    } finally {
      await warmed.close();
    }
  });

  it('gives a refusal back as the PublishError the checks threw: same code, message and details', async () => {
    const direct = await refusalOf(prepareDataset(missingRole, reference));

    const fromWorker = await refusalOf(preparer.prepare(missingRole));

    expect(fromWorker).toBeInstanceOf(PublishError);
    expect([fromWorker.code, fromWorker.status, fromWorker.message, fromWorker.details]).toEqual([direct.code, direct.status, direct.message, direct.details]);
    expect(fromWorker.details.report?.check).toBe('shacl');
  });

  it('tells the canonical form ahead when asked, before the answer, and answers the same prepared dataset', async () => {
    const told: string[] = [];
    let answered = false;

    const prepared = await preparer.prepare(orebro, (content) => {
      expect(answered).toBe(false);
      told.push(content);
    }).finally(() => (answered = true));

    expect(prepared).toEqual(await prepareDataset(orebro, reference));
    expect(told).toEqual([prepared.content]);
  });

  it('tells the canonical form’s triples numbered with it, which read into the graph the content reads into', async () => {
    const told: Array<[string, NumberedTriples | undefined]> = [];

    await preparer.prepare(orebro, (content, numbered) => told.push([content, numbered]));

    const [[content, numbered]] = told as [[string, NumberedTriples | undefined]];
    expect(numbered).toBeDefined();
    const lines = (graph: Graph) => [...graph.quads()].map((quad) => new Writer({ format: 'N-Quads' }).quadToString(quad.subject, quad.predicate, quad.object, quad.graph));
    const fromContent = await graphOfContent('orebro-lan', content);
    expect(lines(IndexedGraph.of(kg.dataset('orebro-lan'), numbered!))).toEqual(lines(fromContent));
    expect(fromContent.size).toBe(content.split('\n').filter((line) => line !== '').length);
  });

  it('tells the canonical form ahead of a refusal by a later check, and still refuses', async () => {
    const told: string[] = [];

    const refusal = await refusalOf(preparer.prepare(missingRole, (content) => told.push(content)));

    expect(refusal.details.report?.check).toBe('shacl');
    expect(told).toHaveLength(1);
    expect(told[0]).toContain('<https://w3id.org/kulturskola/samverkan/test/medlemskap/1880>');
  });

  it.runIf(process.platform === 'linux')('checks at the lowest priority, every thread of its process (V8\'s collector and compiler too), so that it gives way to the server', async () => {
    await preparer.prepare(orebro);
    const pid = preparer.processId!;

    const threads = threadScheduling(pid);

    expect(pid).not.toBe(process.pid);
    expect(threads.length).toBeGreaterThan(4);
    expect(new Set(threads.map(({ policy }) => policy))).toEqual(new Set([SCHED_IDLE]));
    expect(new Set(threads.map(({ nice }) => nice))).toEqual(new Set([10]));
  });

  it.runIf(process.platform === 'linux')('leaves the priority of the server that started it as it was', async () => {
    await preparer.prepare(orebro);

    expect(threadScheduling(process.pid).find(({ tid }) => tid === process.pid)?.policy).not.toBe(SCHED_IDLE);
  });

  it('keeps a message cut to length exactly as the checks cut it', async () => {
    const longToken: PrepareInput = { slug: 'test', mediaType: 'text/turtle', body: Buffer.from(`<urn:x:a> <urn:x:b> ${'x'.repeat(500)} .`) };

    const direct = await refusalOf(prepareDataset(longToken, reference));

    expect(direct.message).toMatch(/^The body is not valid Turtle: .{250,}…$/);
    expect((await refusalOf(preparer.prepare(longToken))).message).toBe(direct.message);
  });

  it('runs jobs given at once in order, and keeps working after one is refused', async () => {
    const answers = await Promise.allSettled([preparer.prepare(missingRole), preparer.prepare(orebro), preparer.prepare({ ...orebro, mediaType: 'text/plain' }), preparer.prepare(orebro)]);

    expect(answers.map((answer) => (answer.status === 'fulfilled' ? answer.value.triples : (answer.reason as PublishError).code))).toEqual([
      'NOT_CONFORMING',
      331,
      'UNSUPPORTED_MEDIA_TYPE',
      331,
    ]);
  });

  it('answers UNAVAILABLE when its process dies on a job, and starts a fresh one for the next', async () => {
    const crashed = await refusalOf(preparer.prepare({ ...orebro, slug: 'crash-test' }));

    expect([crashed.code, crashed.status]).toEqual(['UNAVAILABLE', 503]);
    expect(crashed.message).toBe('The dataset checker stopped (exit code 70) while checking this body; it was not accepted');
    expect((await preparer.prepare(orebro)).triples).toBe(331);
  });

  it('checks against a new reference list once it is given one, also after a fresh process started', { timeout: 90_000 }, async () => {
    const shipped = JSON.parse(await readFile(dataPath('graphs/kommuner.jsonld'), 'utf8')) as { graph: object[] };
    shipped.graph.push({ id: 'kg:kommun/1899', type: ['ks:Municipality', 'org:FormalOrganization'], identifier: '1899', name: { sv: 'Nykommun' }, county: 'kg:lan/18' });
    const kommuner = await preparer.prepare({ slug: 'kommuner', mediaType: 'application/ld+json', body: Buffer.from(JSON.stringify(shipped)) });
    const separate = new Preparer({ crashOnSlug: 'crash-test' });
    try {
      expect((await refusalOf(separate.prepare(linksNewMunicipality))).details.report?.check).toBe('reference');

      await separate.setReference(kommuner.content);

      expect((await separate.prepare(linksNewMunicipality)).triples).toBe(1);
      await refusalOf(separate.prepare({ ...orebro, slug: 'crash-test' }));
      expect((await separate.prepare(linksNewMunicipality)).triples).toBe(1);
    } finally {
      await separate.close();
    }
  });

  it('refuses jobs with UNAVAILABLE once closed', async () => {
    const closed = new Preparer();
    await closed.close();

    expect((await refusalOf(closed.prepare(orebro))).code).toBe('UNAVAILABLE');
  });

  it('checks a generated 10k-triple dataset without holding up the event loop (measured, printed)', async () => {
    const turtle = await generatedDataset(4);
    const expectedTriples = new Parser().parse(turtle).length;
    await preparer.prepare(orebro); // the process is warm, as in a running server
    const delay = monitorEventLoopDelay({ resolution: 10 });
    delay.enable();
    const started = performance.now();

    const prepared = await preparer.prepare({ slug: 'generated', mediaType: 'text/turtle', body: Buffer.from(turtle) });

    const elapsed = performance.now() - started;
    delay.disable();
    console.log(
      `Preparer: ${prepared.triples} triples (${(turtle.length / 1024).toFixed(0)} kB of Turtle) checked and canonicalized in ${elapsed.toFixed(0)} ms; ` +
        `main thread's event loop delay meanwhile: max ${(delay.max / 1e6).toFixed(1)} ms, p99 ${(delay.percentile(99) / 1e6).toFixed(1)} ms`,
    );
    expect(prepared.triples).toBe(expectedTriples);
  });
});

async function refusalOf(promise: Promise<unknown>): Promise<PublishError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof PublishError) return error;
    throw error;
  }
  throw new Error('the body was accepted');
}
