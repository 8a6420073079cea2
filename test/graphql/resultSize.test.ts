import { makeExecutableSchema } from '@graphql-tools/schema';
import {
  getNamedType,
  getNullableType,
  isCompositeType,
  isInterfaceType,
  isListType,
  isNonNullType,
  parse,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLObjectType,
  type GraphQLInterfaceType,
  type GraphQLSchema,
} from 'graphql';
import { Store } from 'n3';
import { beforeAll, describe, expect, it } from 'vitest';
import { benchmarkQueries } from '../../bench/benchmarkQueries.js';
import { generateNationalDataset, type Probes } from '../../bench/generateNationalDataset.js';
import { mulberry32, type Random } from '../../bench/prng.js';
import { readReferenceData } from '../../bench/referenceData.js';
import type { Context } from '../../src/graphql/context.js';
import { countAnswerValues, estimateResultSize } from '../../src/graphql/estimateResultSize.js';
import { largestListSizes, type ListSizes } from '../../src/graphql/largestListSizes.js';
import { resolvers } from '../../src/graphql/resolvers/index.js';
import { typeDefs } from '../../src/graphql/typeDefs.js';
import type { Graph } from '../../src/rdf/Graph.js';
import { StoreGraph } from '../../src/rdf/StoreGraph.js';
import { executeQuery, iri, shippedGraph } from '../support/executeQuery.js';

const schema = makeExecutableSchema<Context>({ typeDefs, resolvers });
/** The README's limit on the estimated answer size. */
const LIMIT = 100_000;

/** A graph, the list sizes measured on it, and resources the benchmark asks about. */
interface Fixture {
  name: string;
  graph: Graph;
  listSizes: ListSizes;
  probes: Probes;
}

const fixtures: Fixture[] = [];

beforeAll(async () => {
  const shipped = await shippedGraph();
  fixtures.push({
    name: 'the shipped data',
    graph: shipped,
    listSizes: largestListSizes(schema, shipped),
    probes: { collaboration: iri('samverkan/orebro-lan'), municipalityCode: '1883' },
  });
  // The benchmark's national data, small: collaborations of up to dozens of members, schools, grants, projects.
  const reference = await readReferenceData();
  const national = generateNationalDataset(reference, 40_000);
  const synthetic = new StoreGraph(new Store([...reference.quads, ...national.graph.quads()]));
  fixtures.push({ name: 'synthetic national data', graph: synthetic, listSizes: largestListSizes(schema, synthetic), probes: national.probes });
});

describe('largestListSizes', () => {
  it('measures the real fan-out of unpaged lists in the shipped data', () => {
    const { listSizes } = fixtures[0]!;
    expect(listSizes.get('Query')?.get('municipalities')).toBe(290);
    expect(listSizes.get('Query')?.get('counties')).toBe(21);
    // Västra Götalands län has the most municipalities: 49.
    expect(listSizes.get('County')?.get('municipalities')).toBe(49);
    // Örebro: eleven members, one of them (Karlskoga) also the administrative principal.
    expect(listSizes.get('Collaboration')?.get('members')).toBe(12);
    expect(listSizes.get('Collaboration')?.get('memberOrganisations')).toBe(11);
  });

  it('leaves out the lists of a page, which "first" sizes', () => {
    expect(fixtures[0]!.listSizes.has('OrganisationConnection')).toBe(false);
  });
});

describe('estimateResultSize', () => {
  it('is an upper bound of every benchmark answer, which stays within the limit', async () => {
    for (const { name, graph, listSizes, probes } of fixtures) {
      for (const { key, query } of benchmarkQueries(probes)) {
        const estimate = estimateResultSize({ schema, document: parse(query), listSizes });
        const result = await executeQuery(query, { graph });
        expect(result.errors, `${name} (${key})`).toBeUndefined();
        expect(estimate, `${name} (${key})`).toBeGreaterThanOrEqual(countAnswerValues(result.data));
        expect(estimate, `${name} (${key})`).toBeLessThanOrEqual(LIMIT);
      }
    }
  });

  it('counts the ten-deep municipality fan-out far over the limit, though it is within the depth limit', () => {
    const query = `{ ${'municipalities { county { '.repeat(4)}municipalities { name }${' } }'.repeat(4)} }`;
    const estimate = estimateResultSize({ schema, document: parse(query), listSizes: fixtures[0]!.listSizes });
    // 290 municipalities, each county's up to 49, four times over.
    expect(estimate).toBeGreaterThan(290 * 49 ** 4);
  });

  it('counts introspection exactly', async () => {
    const query = '{ __schema { types { name kind fields { name args { name } type { name ofType { name } } } } } }';
    const estimate = estimateResultSize({ schema, document: parse(query), listSizes: fixtures[0]!.listSizes });
    expect(estimate).toBe(countAnswerValues((await executeQuery(query)).data));
  });

  it('follows @skip and @include with variables', () => {
    const query = 'query ($all: Boolean!) { municipalities @include(if: $all) { name } counties { code } }';
    const { listSizes } = fixtures[0]!;
    const without = estimateResultSize({ schema, document: parse(query), listSizes, variables: { all: false } });
    const withAll = estimateResultSize({ schema, document: parse(query), listSizes, variables: { all: true } });
    expect(without).toBe(1 + 21);
    expect(withAll).toBe(1 + 290 + 1 + 21);
  });

  it('counts a page as its "first", and 20 without one', () => {
    const { listSizes } = fixtures[0]!;
    const page = (first: string) => estimateResultSize({ schema, document: parse(`{ organisations${first} { nodes { name } } }`), listSizes });
    expect(page('(first: 5)')).toBe(1 + 5 * 2);
    expect(page('')).toBe(1 + 20 * 2);
  });

  it('is an upper bound of the answers to 200 generated nested queries over both graphs', async () => {
    const random = mulberry32(20_261_130);
    let compared = 0;
    for (let round = 0; round < 100; round++) {
      for (const fixture of fixtures) {
        const query = `{ ${selections(schema, schema.getQueryType()!, random, 0, fixture.probes)} }`;
        const estimate = estimateResultSize({ schema, document: parse(query), listSizes: fixture.listSizes });
        const result = await executeQuery(query, { graph: fixture.graph });
        if (estimate > LIMIT) {
          expect(result.errors?.[0]?.message, query).toMatch(/over the limit of 100,000/);
          continue;
        }
        expect(result.errors, query).toBeUndefined();
        expect(estimate, `${fixture.name}: ${query}`).toBeGreaterThanOrEqual(countAnswerValues(result.data));
        compared++;
      }
    }
    // Most generated queries run: the bound is checked on real answers, not only refusals.
    expect(compared).toBeGreaterThan(100);
  });
});

describe('the result-size limit', () => {
  it('refuses the ten-deep fan-out before execution, naming the limit and the estimate', async () => {
    const query = `{ ${'municipalities { county { '.repeat(4)}municipalities { name }${' } }'.repeat(4)} }`;
    const result = await executeQuery(query);
    expect(result.data).toBeUndefined();
    expect(result.errors).toHaveLength(1);
    const [error] = result.errors!;
    expect(error!.extensions).toMatchObject({ code: 'GRAPHQL_VALIDATION_FAILED', limit: LIMIT });
    const estimate = error!.extensions!.estimate as number;
    expect(error!.message).toContain(`up to ${estimate.toLocaleString('en')} values, over the limit of 100,000`);
  });
});

/** Arguments that make a field answer something real; null when the generator should leave the field out. */
function argumentsOf(field: GraphQLField<unknown, unknown>, random: Random, probes: Probes): string | null {
  const given: string[] = [];
  for (const argument of field.args) {
    if (argument.name === 'id') given.push(`id: ${JSON.stringify(probes.collaboration)}`);
    else if (argument.name === 'code') given.push(`code: ${JSON.stringify(field.name === 'county' ? probes.municipalityCode.slice(0, 2) : probes.municipalityCode)}`);
    else if (argument.name === 'first' && random.next() < 0.5) given.push(`first: ${random.int(0, 100)}`);
    else if (isNonNullType(argument.type)) return null;
  }
  return given.length > 0 ? `(${given.join(', ')})` : '';
}

/** A random selection set of `type`: one to three fields, lists favoured, nested up to five levels, with fragments on abstract types. */
function selections(schema: GraphQLSchema, type: GraphQLObjectType | GraphQLInterfaceType, random: Random, depth: number, probes: Probes): string {
  const fields = Object.values(type.getFields());
  const chosen = new Set<string>();
  const count = random.int(1, 3);
  for (let attempt = 0; chosen.size < count && attempt < 10; attempt++) {
    const lists = fields.filter((field) => isListType(getNullableType(field.type)));
    const pool = random.next() < 0.6 && lists.length > 0 ? lists : fields;
    const field = random.pick(pool);
    // A field asked twice must be asked alike (GraphQL's field merging): one selection per field name.
    if ([...chosen].some((selection) => selection.split(/[ (]/, 1)[0] === field.name)) continue;
    const args = argumentsOf(field, random, probes);
    if (args === null) continue;
    const named: GraphQLNamedType = getNamedType(field.type);
    if (!isCompositeType(named)) {
      chosen.add(`${field.name}${args}`);
    } else if (depth < 5) {
      const inner = isInterfaceType(named)
        ? abstractSelections(schema, named, random, depth + 1, probes)
        : selections(schema, named as GraphQLObjectType, random, depth + 1, probes);
      chosen.add(`${field.name}${args} { ${inner} }`);
    }
  }
  return chosen.size > 0 ? [...chosen].join(' ') : '__typename';
}

function abstractSelections(schema: GraphQLSchema, type: GraphQLInterfaceType, random: Random, depth: number, probes: Probes): string {
  const possible = schema.getPossibleTypes(type);
  const fragment = random.pick(possible);
  const own = 'getFields' in type && random.next() < 0.5 ? selections(schema, type, random, depth, probes) : '__typename';
  return `${own} ... on ${fragment.name} { ${selections(schema, fragment, random, depth, probes)} }`;
}
