import { makeExecutableSchema } from '@graphql-tools/schema';
import type { GraphQLObjectType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { cachedPerGraph } from '../../src/graphql/cachedPerGraph.js';
import type { Context } from '../../src/graphql/context.js';
import { boundedListSizes, boundInterfaceList, boundListsOf, cachedListSizes, largestListSizes, measureListsOf, rememberListSizes, type ListSizes } from '../../src/graphql/largestListSizes.js';
import type { Graph, Resource } from '../../src/rdf/Graph.js';
import { graphOfContent } from '../../src/rdf/graphOfContent.js';
import { kg, ks, rdf, skos } from '../../src/rdf/vocabulary.js';

/**
 * Three counties: Örebro län with four municipalities, Värmlands län with
 * two, Uppsala län with one. Every county and municipality is named in
 * Swedish; only Örebro län and two of its municipalities in English too.
 */
const counties: Record<string, { sv: string; en?: string; municipalities: Record<string, { sv: string; en?: string }> }> = {
  '18': {
    sv: 'Örebro län',
    en: 'Örebro County',
    municipalities: { '1880': { sv: 'Örebro', en: 'Orebro' }, '1883': { sv: 'Karlskoga', en: 'Karlskoga Municipality' }, '1814': { sv: 'Lekeberg' }, '1885': { sv: 'Lindesberg' } },
  },
  '17': { sv: 'Värmlands län', municipalities: { '1780': { sv: 'Karlstad' }, '1784': { sv: 'Arvika' } } },
  '03': { sv: 'Uppsala län', municipalities: { '0380': { sv: 'Uppsala' } } },
};

function example(): Promise<Graph> {
  const lines: string[] = [];
  const named = (node: string, names: { sv: string; en?: string }) => {
    lines.push(`${node} <${skos.prefLabel.value}> "${names.sv}"@sv .`);
    if (names.en !== undefined) lines.push(`${node} <${skos.prefLabel.value}> "${names.en}"@en .`);
  };
  for (const [lanskod, county] of Object.entries(counties)) {
    const countyNode = `<${kg.county(lanskod).value}>`;
    lines.push(`${countyNode} <${rdf.type.value}> <${ks.County.value}> .`);
    named(countyNode, county);
    for (const [kommunkod, municipality] of Object.entries(county.municipalities)) {
      const node = `<${kg.municipality(kommunkod).value}>`;
      lines.push(`${node} <${ks.county.value}> ${countyNode} .`);
      named(node, municipality);
    }
  }
  return graphOfContent('example', lines.join('\n') + '\n');
}

/** The Graphs each view was built for: the views are built once per Graph, as the real sorted lists are. */
const viewsBuiltFor = { counties: [] as Graph[], municipalitiesByCounty: [] as Graph[] };
const countiesView = cachedPerGraph((graph) => {
  viewsBuiltFor.counties.push(graph);
  return graph.instancesOf(ks.County);
});
const municipalitiesByCountyView = cachedPerGraph((graph) => {
  viewsBuiltFor.municipalitiesByCounty.push(graph);
  return new Map(graph.instancesOf(ks.County).map((county) => [county.value, graph.subjects(ks.county, county)]));
});
const namesIn = (graph: Graph, resources: readonly Resource[], language: string) =>
  resources.flatMap((resource) => graph.literals(resource, skos.prefLabel)).filter((label) => label.language === language).map((label) => label.value);

// A schema of the test's own, with root lists and the lists of a row per county (a type that stands for no resource), some of them answered in the request's language.
const rowsOf = (graph: Graph) => countiesView(graph);
measureListsOf('CountyRow', rowsOf);
const schema = makeExecutableSchema<Context>({
  typeDefs: `
    type Query { counties: [String!]! countyNames: [String!]! rows: [CountyRow!]! }
    type CountyRow { municipalities: [String!]! municipalityNames: [String!]! }
  `,
  resolvers: {
    Query: {
      counties: (_root: unknown, _args: unknown, { graph }: Context) => countiesView(graph).map((county) => county.value),
      countyNames: (_root: unknown, _args: unknown, { graph, language }: Context) => namesIn(graph, countiesView(graph), language),
      rows: (_root: unknown, _args: unknown, { graph }: Context) => rowsOf(graph),
    },
    CountyRow: {
      municipalities: (county: Resource, _args: unknown, { graph }: Context) => municipalitiesByCountyView(graph).get(county.value)!.map((municipality) => municipality.value),
      municipalityNames: (county: Resource, _args: unknown, { graph, language }: Context) => namesIn(graph, municipalitiesByCountyView(graph).get(county.value)!, language),
    },
  },
});

describe('largestListSizes', () => {
  it('gives each list field the longest list it answers: the root lists once, a row per county over every county', async () => {
    const sizes = largestListSizes(schema, await example());
    expect(sizes.get('Query')!.get('counties')).toBe(3);
    expect(sizes.get('Query')!.get('rows')).toBe(3);
    // Örebro län has the most municipalities: four.
    expect(sizes.get('CountyRow')!.get('municipalities')).toBe(4);
  });

  it('measures lists as a request in Swedish, the default language, answers them', async () => {
    const sizes = largestListSizes(schema, await example());
    // In English, only one county and two municipalities of Örebro län are named; in Swedish, all.
    expect(sizes.get('Query')!.get('countyNames')).toBe(3);
    expect(sizes.get('CountyRow')!.get('municipalityNames')).toBe(4);
  });

  it('measures the root lists on the graph itself, so the views they build are there for the first requests', async () => {
    const graph = await example();
    largestListSizes(schema, graph);
    expect(viewsBuiltFor.counties).toContain(graph);
  });

  it("measures every other type's lists on a graph of its own, so the views built for its objects go with it", async () => {
    const graph = await example();
    const before = viewsBuiltFor.municipalitiesByCounty.length;
    const sizes = largestListSizes(schema, graph);
    expect(sizes.get('CountyRow')!.get('municipalities')).toBe(4);
    expect(viewsBuiltFor.municipalitiesByCounty.length).toBeGreaterThan(before);
    expect(viewsBuiltFor.municipalitiesByCounty).not.toContain(graph);
  });

  it('gives a list that an interface bounds its bound, without needing a way to find the resources of the type', async () => {
    const graph = await example();
    boundInterfaceList('Named', 'names', (bounded) => bounded.instancesOf(ks.County).length);
    const bounded = makeExecutableSchema<Context>({
      typeDefs: 'type Query { place: Place } interface Named { names: [String!]! } type Place implements Named { names: [String!]! }',
    });
    // Place is served for no class and measureListsOf registered none of its objects, yet all its lists are bounded: the three counties.
    expect(largestListSizes(bounded, graph).get('Place')).toEqual(new Map([['names', 3]]));
  });

  it('keeps every list an interface bounds: a second bound on the interface does not undo the first', async () => {
    const graph = await example();
    boundInterfaceList('Catalogued', 'shelves', (bounded) => bounded.instancesOf(ks.County).length);
    boundInterfaceList('Catalogued', 'editions', () => 5);
    const catalogued = makeExecutableSchema<Context>({
      typeDefs: 'type Query { book: Book } interface Catalogued { shelves: [String!]! editions: [String!]! } type Book implements Catalogued { shelves: [String!]! editions: [String!]! }',
    });
    // Book is served for no class: only the two bounds of Catalogued can size its lists, the three counties and five.
    expect(largestListSizes(catalogued, graph).get('Book')).toEqual(new Map([['shelves', 3], ['editions', 5]]));
  });

  it("finds each bound of a type bounded by boundListsOf in a step of its own, so that a measurement can let other work run between two", async () => {
    const graph = await example();
    const found: string[] = [];
    boundListsOf('Ledger', {
      rows: (bounded) => (found.push('rows'), bounded.instancesOf(ks.County).length),
      columns: () => (found.push('columns'), 7),
    });
    const ledger = makeExecutableSchema<Context>({ typeDefs: 'type Query { ledger: Ledger } type Ledger { title: String rows: [String!]! columns: [String!]! }' });
    const steps = boundedListSizes(ledger.getType('Ledger') as GraphQLObjectType, graph);
    expect(steps.next().done).toBe(false);
    expect(found).toEqual(['rows']);
    expect(steps.next().done).toBe(false);
    expect(found).toEqual(['rows', 'columns']);
    const last = steps.next();
    expect(last.done).toBe(true);
    expect(last.value).toEqual(new Map([['rows', 3], ['columns', 7]]));
  });

  describe('throws for a schema it cannot measure, naming what is missing', () => {
    it('a type with a list and no way to find its objects', async () => {
      const unserved = makeExecutableSchema<Context>({ typeDefs: 'type Query { pamphlet: Pamphlet } type Pamphlet { pages: [String!]! }' });
      const graph = await example();
      expect(() => largestListSizes(unserved, graph)).toThrow(/no classes are served as Pamphlet and measureListsOf registered no objects for it/);
    });

    it('a type bounded by boundListsOf whose bounds leave out one of its lists', async () => {
      boundListsOf('Table', { rows: (graph) => graph.instancesOf(ks.County).length });
      const table = makeExecutableSchema<Context>({ typeDefs: 'type Query { table: Table } type Table { rows: [String!]! columns: [String!]! }' });
      const graph = await example();
      expect(() => largestListSizes(table, graph)).toThrow('the bounds of Table give none for its list columns');
    });

    it('a list whose resolver answers a promise', async () => {
      const later = makeExecutableSchema<Context>({
        typeDefs: 'type Query { later: [String!]! }',
        resolvers: { Query: { later: async () => ['soon'] } },
      });
      const graph = await example();
      expect(() => largestListSizes(later, graph)).toThrow('Query.later resolves asynchronously');
    });
  });
});

describe('cachedListSizes', () => {
  it('measures a schema over a graph once: asked again, it gives the same measurement', async () => {
    const fresh = makeExecutableSchema<Context>({ typeDefs: 'type Query { counties: [String!]! }', resolvers: { Query: { counties: (_root: unknown, _args: unknown, { graph }: Context) => graph.instancesOf(ks.County).map((county) => county.value) } } });
    const graph = await example();
    const sizes = cachedListSizes(fresh, graph);
    expect(sizes.get('Query')!.get('counties')).toBe(3);
    expect(cachedListSizes(fresh, graph)).toBe(sizes);
  });

  it('gives the sizes remembered for a graph as its measurement, and keeps those of other graphs of the schema', async () => {
    const fresh = makeExecutableSchema<Context>({ typeDefs: 'type Query { counties: [String!]! }', resolvers: { Query: { counties: (_root: unknown, _args: unknown, { graph }: Context) => graph.instancesOf(ks.County).map((county) => county.value) } } });
    const [first, second] = [await example(), await example()];
    const remembered: ListSizes = new Map([['Query', new Map([['counties', 5]])]]);
    expect(rememberListSizes(fresh, first, remembered)).toBe(remembered);
    const measured = cachedListSizes(fresh, second);
    expect(measured.get('Query')!.get('counties')).toBe(3);
    expect(cachedListSizes(fresh, first)).toBe(remembered);
    expect(cachedListSizes(fresh, second)).toBe(measured);
  });
});
