import { describe, expect, it } from 'vitest';
import { executableSchema as schema } from '../../src/graphql/executableSchema.js';
import { keysOfChange } from '../../src/graphql/keysOfChange.js';
import { largestListSizes } from '../../src/graphql/largestListSizes.js';
import { ListSizeMeasurement } from '../../src/graphql/ListSizeMeasurement.js';
import { warmUpWritePath } from '../../src/http/warmUpWritePath.js';
import { graphOfContent } from '../../src/rdf/graphOfContent.js';
import { MemoizedGraph } from '../../src/rdf/MemoizedGraph.js';
import { kg } from '../../src/rdf/vocabulary.js';
import { executeQuery } from '../support/executeQuery.js';
import { servedUnion, shippedDatasets } from '../support/shippedDatasets.js';

const shipped = await shippedDatasets();
const MUNICIPALITIES = '{ municipalities { code name memberships { organisation { name } } } counties { code name } }';

describe('warming the write path at start', () => {
  it('runs a publish’s main-thread work on a copy of the reference list and changes nothing served: the answers, the list sizes, the next publish', async () => {
    const graph = await servedUnion(shipped);
    const answers = new MemoizedGraph(graph);
    const measurement = await ListSizeMeasurement.of(schema, answers);
    const [answerBefore, sizesBefore] = [await executeQuery(MUNICIPALITIES, { graph: answers }), structuredClone(measurement.sizes)];
    expect(answerBefore.errors).toBeUndefined();
    expect(answerBefore.data?.municipalities).toHaveLength(290);

    const ms = await warmUpWritePath(graph, answers, { schema, measurement });

    expect(ms).toBeGreaterThan(0);
    expect(await executeQuery(MUNICIPALITIES, { graph: answers })).toEqual(answerBefore);
    expect(measurement.sizes).toEqual(sizesBefore);
    expect([...graph.graphSizes().keys()]).not.toContain(kg.dataset('warm-up').value);
    // The measurement is not used up: the next publish finishes from it, and measures what a whole measurement measures.
    const dataset = kg.dataset('orebro-lan').value;
    const after = await graphOfContent('orebro-lan', shipped.get('orebro-lan')!.split('\n').slice(0, 40).join('\n'));
    const nextGraph = new MemoizedGraph(graph.with(dataset, after));
    const next = await measurement.next(schema, nextGraph, await keysOfChange(graph.part(dataset), after));
    expect(next.sizes).toEqual(largestListSizes(schema, new MemoizedGraph(graph.with(dataset, after))));
  });

  it('does nothing where no reference list is served', async () => {
    const graph = await servedUnion(new Map([...shipped].filter(([slug]) => slug !== 'kommuner')));
    const answers = new MemoizedGraph(graph);

    expect(await warmUpWritePath(graph, answers, { schema, measurement: await ListSizeMeasurement.of(schema, answers) })).toBeUndefined();
  });
});
