import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { executableSchema as schema } from '../../src/graphql/executableSchema.js';
import { largestListSizes, measureListsOf, type ListSizes } from '../../src/graphql/largestListSizes.js';
import type { Context } from '../../src/graphql/context.js';
import type { Graph } from '../../src/rdf/Graph.js';
import { makeExecutableSchema } from '@graphql-tools/schema';
import { ListSizeMeasurement } from '../../src/graphql/ListSizeMeasurement.js';
import { graphOfContent } from '../../src/rdf/graphOfContent.js';
import { MemoizedGraph } from '../../src/rdf/MemoizedGraph.js';
import { keysOfChange } from '../../src/graphql/keysOfChange.js';
import { follows } from '../../src/graphql/cachedPerGraph.js';
import type { UnionGraph } from '../../src/rdf/UnionGraph.js';
import { servedUnion, shippedDatasets } from '../support/shippedDatasets.js';
import { kg, ks } from '../../src/rdf/vocabulary.js';

/** The shipped datasets as the store keeps them. */
const shipped = await shippedDatasets();
const orebroLines = shipped.get('orebro-lan')!.split('\n').filter((line) => line !== '');
const K = 'https://w3id.org/kulturskola/';
const ORG = 'http://www.w3.org/ns/org#';

/** Memberships that do not exist in the shipped data: more members for a collaboration, more memberships for a municipality. */
function membership(collaboration: string, code: string, index: number): string[] {
  const node = `<${K}samverkan/${collaboration}/medlemskap/test-${code}-${index}>`;
  return [
    `${node} <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <${ORG}Membership> .`,
    `${node} <${ORG}member> <${K}kommun/${code}> .`,
    `${node} <${ORG}organization> <${K}samverkan/${collaboration}> .`,
    `${node} <${ORG}role> <${K}roll/medlem> .`,
  ];
}

function unionOf(orebro: string): Promise<UnionGraph> {
  return servedUnion(new Map([...shipped, ['orebro-lan', orebro]]));
}

const sizesAsObject = (sizes: ListSizes) => Object.fromEntries([...sizes].map(([type, fields]) => [type, Object.fromEntries(fields)]));

/** The bounds a change only ever raises (a Node's claims, see boundInterfaceList; the roles of the coverage's areas), by type and field. */
const raisedBounds = (type: string, field: string) => field === 'claims' || (field === 'roles' && (type === 'NationalCoverage' || type === 'CountyCoverage'));

/** Each measured list size equal, and each bound a change only raises never below the full measurement's: a bound only has to hold. */
function expectSizes(incremental: ListSizes, full: ListSizes): void {
  const withoutBounds = (sizes: ListSizes) => sizesAsObject(new Map([...sizes].map(([type, fields]) => [type, new Map([...fields].filter(([field]) => !raisedBounds(type, field)))])));
  expect(withoutBounds(incremental)).toEqual(withoutBounds(full));
  for (const [type, fields] of full) {
    for (const [field, size] of fields) if (raisedBounds(type, field)) expect(incremental.get(type)!.get(field)).toBeGreaterThanOrEqual(size);
  }
}

describe('list sizes measured again after a change', () => {
  it('equal a full measurement of the changed graph (bounds at least as large), over any sequence of changes to a dataset', async () => {
    const change = fc.record({
      removed: fc.subarray(orebroLines, { maxLength: 40 }),
      added: fc.array(fc.tuple(fc.constantFrom('orebro-lan', 'test-nord'), fc.constantFrom('1880', '1814', '1883', '0114'), fc.nat(3)), { maxLength: 6 }),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(change, { minLength: 1, maxLength: 3 }), async (changes) => {
        let graph = await unionOf(shipped.get('orebro-lan')!);
        let answers = new MemoizedGraph(graph);
        let measurement = await ListSizeMeasurement.of(schema, answers);
        expect(sizesAsObject(measurement.sizes)).toEqual(sizesAsObject(largestListSizes(schema, new MemoizedGraph(graph))));
        for (const { removed, added } of changes) {
          const lines = new Set(orebroLines.filter((line) => !removed.includes(line)));
          for (const [collaboration, code, index] of added) for (const line of membership(collaboration, code, index)) lines.add(line);
          const content = [...lines].sort().join('\n') + '\n';
          const dataset = kg.dataset('orebro-lan').value;
          const before = graph.part(dataset);
          const after = await graphOfContent('orebro-lan', content);
          graph = graph.with(dataset, after);
          const changed = await keysOfChange(before, after);
          const next = new MemoizedGraph(graph);
          // As the server does: what is kept per Graph is updated from the graph the change replaced.
          follows(next, answers, changed);
          answers = next;
          measurement = await measurement.next(schema, answers, changed);
          expectSizes(measurement.sizes, largestListSizes(schema, new MemoizedGraph(graph)));
        }
      }),
      { numRuns: 12, seed: 2026 },
    );
  });

  it('measure again only what a change reaches: a new membership of one municipality raises its list and no other', async () => {
    const graph = await unionOf(shipped.get('orebro-lan')!);
    const measurement = await ListSizeMeasurement.of(schema, new MemoizedGraph(graph));
    const most = measurement.sizes.get('Municipality')!.get('memberships')!;
    // Karlskoga (1883) is already in the most memberships; give it more than anyone.
    const added = Array.from({ length: most + 2 }, (_, index) => membership('test-nord', '1883', index)).flat();
    const content = [...orebroLines, ...added].sort().join('\n') + '\n';
    const dataset = kg.dataset('orebro-lan').value;
    const after = await graphOfContent('orebro-lan', content);
    const next = await measurement.next(schema, new MemoizedGraph(graph.with(dataset, after)), await keysOfChange(graph.part(dataset), after));
    expect(next.sizes.get('Municipality')!.get('memberships')).toBeGreaterThanOrEqual(most + 2);
  });

  it('can be read ahead and thrown away: a remeasurement changes nothing until finished, and only the measurement it came from, not yet used up, finishes it', async () => {
    const graph = await unionOf(shipped.get('orebro-lan')!);
    const measurement = await ListSizeMeasurement.of(schema, new MemoizedGraph(graph));
    const most = measurement.sizes.get('Municipality')!.get('memberships')!;
    const dataset = kg.dataset('orebro-lan').value;
    const changeTo = async (lines: string[]) => {
      const after = await graphOfContent('orebro-lan', [...lines].sort().join('\n') + '\n');
      return { graph: new MemoizedGraph(graph.with(dataset, after)), changed: await keysOfChange(graph.part(dataset), after) };
    };
    // Read ahead: Karlskoga (1883) in more memberships than anyone; then another change is measured instead.
    const ahead = await changeTo([...orebroLines, ...Array.from({ length: most + 2 }, (_, index) => membership('test-nord', '1883', index)).flat()]);
    const remeasured = await measurement.remeasure(schema, ahead.graph, ahead.changed);
    const other = await changeTo([...orebroLines, ...membership('test-nord', '1814', 0)]);
    const next = await measurement.next(schema, other.graph, other.changed);
    expect(next.sizes.get('Municipality')!.get('memberships')).toBe(most);
    expectSizes(next.sizes, largestListSizes(schema, new MemoizedGraph(other.graph)));
    await expect(measurement.finish(remeasured)).rejects.toThrow(/finished only by the measurement it was made from/);
    await expect(next.finish(remeasured)).rejects.toThrow(/finished only by the measurement it was made from/);
    // Made from the latest measurement, it is the measurement of its graph.
    const again = await next.finish(await next.remeasure(schema, ahead.graph, await keysOfChange(other.graph, ahead.graph)));
    expect(again.sizes.get('Municipality')!.get('memberships')).toBeGreaterThanOrEqual(most + 2);
  });
});

describe('list sizes of a type that stands for no resource', () => {
  // An example schema of the test's own: a row per county, listing the county's municipalities, as a coverage table would.
  const rows = (graph: Graph) => graph.instancesOf(ks.County).map((county) => ({ county, municipalities: graph.subjects(ks.county, county) }));
  const rowSchema = makeExecutableSchema<Context>({
    typeDefs: 'type Query { rows: [Row!]! } type Row { municipalities: [String!]! }',
    resolvers: {
      Query: { rows: (_root: unknown, _args: unknown, { graph }: Context) => rows(graph) },
      Row: { municipalities: (row: ReturnType<typeof rows>[number]) => row.municipalities.map((municipality) => municipality.value) },
    },
  });
  measureListsOf('Row', rows);

  it('are the longest list over the objects it registered, measured again whole after a change', async () => {
    const graph = await unionOf(shipped.get('orebro-lan')!);
    const measurement = await ListSizeMeasurement.of(rowSchema, new MemoizedGraph(graph));
    // Västra Götalands län (14) has the most municipalities of any county: 49.
    expect(measurement.sizes.get('Row')!.get('municipalities')).toBe(49);
    expect(measurement.sizes.get('Query')!.get('rows')).toBe(21);
    // A change that puts the municipalities of Stockholms (26), Uppsala (8) and Södermanlands län (9) in Örebro län (12) too: 55, the longest, if measured again.
    const dataset = kg.dataset('orebro-lan').value;
    const moved = ['01', '03', '04'].flatMap((code) => graph.subjects(ks.county, kg.county(code))).map((municipality) => `<${municipality.value}> <${ks.county.value}> <${kg.county('18').value}> .`);
    expect(moved).toHaveLength(43);
    const after = await graphOfContent('orebro-lan', [...orebroLines, ...moved].sort().join('\n') + '\n');
    const changed = graph.with(dataset, after);
    const next = await measurement.next(rowSchema, new MemoizedGraph(changed), await keysOfChange(graph.part(dataset), after));
    expect(next.sizes.get('Row')!.get('municipalities')).toBe(55);
  });
});
