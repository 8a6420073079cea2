import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { follows } from '../../src/graphql/cachedPerGraph.js';
import { keysOfChange } from '../../src/graphql/keysOfChange.js';
import { everySortedList } from '../../src/graphql/sortedPerGraph.js';
import type { Graph } from '../../src/rdf/Graph.js';
import { graphOfContent } from '../../src/rdf/graphOfContent.js';
import { MemoizedGraph } from '../../src/rdf/MemoizedGraph.js';
import type { UnionGraph } from '../../src/rdf/UnionGraph.js';
import { servedUnion, shippedDatasets } from '../support/shippedDatasets.js';
import { kg } from '../../src/rdf/vocabulary.js';
import { executeQuery } from '../support/executeQuery.js';

// After a publish the server updates the whole lists (every organisation, sorted; every grant by
// period) from the ones it served before the change, rather than sorting them afresh. These
// specify that the answers are exactly those of a server that sorted the changed graph whole.

const shipped = await shippedDatasets();
const orebroLines = shipped.get('orebro-lan')!.split('\n').filter((line) => line !== '');
const dataset = kg.dataset('orebro-lan').value;

const K = 'https://w3id.org/kulturskola/';
const ORG = 'http://www.w3.org/ns/org#';
const RDF_TYPE = '<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>';
const PREF_LABEL = '<http://www.w3.org/2004/02/skos/core#prefLabel>';
const SCHEMA = 'https://schema.org/';
const DCTERMS = 'http://purl.org/dc/terms/';
const DCAT = 'http://www.w3.org/ns/dcat#';
const GYEAR = '<http://www.w3.org/2001/XMLSchema#gYear>';

/** Names that sort in interesting places in Swedish: å, ä and ö last, case and digits. */
const names = ['Örebro musik', 'Ängens kulturskola', 'Åsa dans', 'Aros', 'aros', 'Zeta', 'Kulturskola 10', 'Kulturskola 9', 'Östra teatern', 'Bild och form'];
const classes = [`${ORG}Organization`, `${ORG}OrganizationalCollaboration`, `${ORG}OrganizationalUnit`, `${ORG}FormalOrganization`, `${SCHEMA}Project`];

/** A new organisation of one of the served kinds, with a Swedish name. */
function organisation(index: number, type: string, name: string): string[] {
  const node = `<${K}org/test-${index}>`;
  return [`${node} ${RDF_TYPE} <${type}> .`, `${node} ${PREF_LABEL} ${JSON.stringify(name)}@sv .`];
}

/** A new grant, with a period that starts in `year` (or none). */
function grant(index: number, year: number | null): string[] {
  const node = `<${K}bidrag/test-${index}>`;
  const period = `<${K}period/test-${index}>`;
  const lines = [`${node} ${RDF_TYPE} <${SCHEMA}MonetaryGrant> .`, `${node} ${PREF_LABEL} "Bidrag ${index}"@sv .`];
  if (year !== null) {
    lines.push(`${node} <${DCTERMS}temporal> ${period} .`, `${period} ${RDF_TYPE} <${DCTERMS}PeriodOfTime> .`, `${period} <${DCAT}startDate> "${year}"^^${GYEAR} .`);
  }
  return lines;
}

/** Every line of the shipped data with a Swedish name, renamed: the same resource, another place in the order. */
function renamed(line: string, name: string): string {
  return line.replace(/"[^"]*"@sv \.$/, `${JSON.stringify(name)}@sv .`);
}

/** Every period's start moved to another year. */
function moved(line: string, year: number): string {
  return line.replace(/"\d{4}(-\d\d-\d\d)?"\^\^<[^>]+> \.$/, `"${year}"^^${GYEAR} .`);
}

const named = orebroLines.filter((line) => line.includes(PREF_LABEL) && line.endsWith('@sv .'));
const starts = orebroLines.filter((line) => line.includes(`<${DCAT}startDate>`));

const change = fc.record({
  removed: fc.subarray(orebroLines, { maxLength: 30 }),
  organisations: fc.array(fc.tuple(fc.nat(20), fc.constantFrom(...classes), fc.constantFrom(...names)), { maxLength: 5 }),
  grants: fc.array(fc.tuple(fc.nat(10), fc.option(fc.integer({ min: 2015, max: 2030 }))), { maxLength: 4 }),
  renames: fc.array(fc.tuple(fc.constantFrom(...named), fc.constantFrom(...names)), { maxLength: 4 }),
  periods: fc.array(fc.tuple(fc.constantFrom(...starts), fc.integer({ min: 2015, max: 2030 })), { maxLength: 3 }),
});

const wholeLists = `{
  collaborations { id }
  municipalities { id }
  counties { id }
  projects { id }
  grants { id }
  all: organisations(first: 100) { edges { node { id } } }
  collaborationsOnly: organisations(first: 100, filter: { type: COLLABORATION }) { edges { node { id } } }
  projectsOnly: organisations(first: 100, filter: { type: PROJECT }) { edges { node { id } } }
  others: organisations(first: 100, filter: { type: OTHER_ORGANISATION }) { edges { node { id } } }
  units: organisations(first: 100, filter: { type: ORGANISATIONAL_UNIT }) { edges { node { id } } }
  municipalitiesFirst: organisations(first: 100, filter: { type: MUNICIPALITY }) { edges { node { id } } }
}`;

function unionOf(orebro: string): Promise<UnionGraph> {
  return servedUnion(new Map([...shipped, ['orebro-lan', orebro]]));
}

async function listsOf(graph: Graph): Promise<Record<string, unknown>> {
  const { data, errors } = await executeQuery(wholeLists, { graph });
  expect(errors).toBeUndefined();
  return data!;
}

describe('whole lists after a publish', () => {
  it('are those of the changed graph sorted afresh, over any sequence of changes to a dataset', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(change, { minLength: 1, maxLength: 3 }), async (changes) => {
        let graph = await unionOf(shipped.get('orebro-lan')!);
        let answers = new MemoizedGraph(graph);
        await listsOf(answers);
        let lines = new Set(orebroLines);
        for (const step of changes) {
          const next = new Set([...lines].filter((line) => !step.removed.includes(line)));
          for (const [line, name] of step.renames) if (next.delete(line)) next.add(renamed(line, name));
          for (const [line, year] of step.periods) if (next.delete(line)) next.add(moved(line, year));
          for (const [index, type, name] of step.organisations) for (const line of organisation(index, type, name)) next.add(line);
          for (const [index, year] of step.grants) for (const line of grant(index, year)) next.add(line);
          lines = next;
          const before = graph.part(dataset);
          const after = await graphOfContent('orebro-lan', [...lines].sort().join('\n') + '\n');
          graph = graph.with(dataset, after);
          const updated = new MemoizedGraph(graph);
          follows(updated, answers, await keysOfChange(before, after));
          answers = updated;
          expect(await listsOf(answers)).toEqual(await listsOf(new MemoizedGraph(graph)));
        }
      }),
      { numRuns: 25, seed: 2026 },
    );
  });

  it('built a step at a time, as a server builds them before serving a publish, are the same, and each update gives way within it', async () => {
    const graph = await unionOf(shipped.get('orebro-lan')!);
    const answers = new MemoizedGraph(graph);
    await listsOf(answers);
    const added = Array.from({ length: 300 }, (_, index) => organisation(index, `${ORG}Organization`, `Org ${index}`)).flat();
    const after = await graphOfContent('orebro-lan', [...orebroLines, ...added].sort().join('\n') + '\n');
    const next = new MemoizedGraph(graph.with(dataset, after));
    follows(next, answers, await keysOfChange(graph.part(dataset), after));
    let steps = 0;
    for (const _ of everySortedList(next)) steps++;
    // Eleven lists (five root fields, every organisation, one per organisation type), each a yield after it; 300 organisations make several steps of 100 in each update.
    expect(steps).toBeGreaterThan(11 * 4);
    expect(await listsOf(next)).toEqual(await listsOf(new MemoizedGraph(graph.with(dataset, after))));
  });

  it('hold every organisation after a change that adds more of them than a function call takes arguments', async () => {
    const graph = await unionOf(shipped.get('orebro-lan')!);
    const answers = new MemoizedGraph(graph);
    await listsOf(answers);
    const count = '{ organisations(first: 1) { totalCount } }';
    const before = (await executeQuery(count, { graph: answers })).data as { organisations: { totalCount: number } };
    // A type triple is all an organisation needs to be listed; each newcomer is a run of its own in the updated list.
    const added = Array.from({ length: 150_000 }, (_, index) => `<${K}org/many-${index}> ${RDF_TYPE} <${ORG}Organization> .`);
    const after = await graphOfContent('orebro-lan', [...orebroLines, ...added].sort().join('\n') + '\n');
    const next = new MemoizedGraph(graph.with(dataset, after));
    follows(next, answers, await keysOfChange(graph.part(dataset), after));

    const { data } = await executeQuery(count, { graph: next });

    expect(data).toEqual({ organisations: { totalCount: before.organisations.totalCount + 150_000 } });
  }, 120_000);

  it('place a new organisation by its Swedish name, å, ä and ö last', async () => {
    const graph = await unionOf(shipped.get('orebro-lan')!);
    const answers = new MemoizedGraph(graph);
    const before = (await listsOf(answers)) as { others: { edges: Array<{ node: { id: string } }> } };
    const after = await graphOfContent('orebro-lan', [...orebroLines, ...organisation(1, `${ORG}Organization`, 'Öster'), ...organisation(2, `${ORG}Organization`, 'Aaa')].sort().join('\n') + '\n');
    const next = new MemoizedGraph(graph.with(dataset, after));
    follows(next, answers, await keysOfChange(graph.part(dataset), after));
    const ids = ((await listsOf(next)) as typeof before).others.edges.map(({ node }) => node.id);
    expect(ids).toEqual([`${K}org/test-2`, ...before.others.edges.map(({ node }) => node.id), `${K}org/test-1`]);
  });
});
