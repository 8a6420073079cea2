import { DataFactory, type NamedNode } from 'n3';
import type { Graph, Resource } from '../../rdf/Graph.js';
import { isAcceptableIri } from '../../rdf/checkTerms.js';
import { resourceOf, textOf, valueOf } from '../../rdf/readTerms.js';
import { dcterms, kg, ks, qb, rdf, rdfs, schema, sdmxAttribute, skos } from '../../rdf/vocabulary.js';
import { aggregateObservations, type AggregateOfObservations } from '../aggregateObservations.js';
import { cachedPerGraph } from '../cachedPerGraph.js';
import { badUserInput } from '../errors.js';
import { id } from '../fields.js';
import { languageFor } from '../language.js';
import { isMeasure, observationsOf, type ObservationFacts } from '../observationsOf.js';
import { byCode, byIri, sorted } from '../order.js';
import type {
  Approximation,
  AreaLevel,
  MeasureResolvers,
  ObservationResolvers,
  QueryResolvers,
  StatisticsAggregateResolvers,
  StatisticsAreaResolvers,
} from '../generated/resolvers.js';
import { typeOfResource } from '../typeOfResource.js';

/** The country the national aggregate is about. */
const SWEDEN = kg.country('SE');

const measureName = /^[A-Za-z][A-Za-z0-9]*$/;

/** The measure a `measure` argument names (an IRI or a name in our vocabulary); BAD_USER_INPUT when it is malformed or the data defines no such measure. */
function requireMeasure(graph: Graph, argument: string): NamedNode {
  const expected = 'a measure\'s name in our vocabulary such as "participationShare", or its IRI (see Query.measures)';
  if (!measureName.test(argument) && !isAcceptableIri(argument)) throw badUserInput('measure', expected, argument);
  const measure = DataFactory.namedNode(measureName.test(argument) ? ks.iri + argument : argument);
  if (!isMeasure(graph, measure)) throw badUserInput('measure', expected, argument);
  return measure;
}

/** The year a `year` argument names; BAD_USER_INPUT unless it has four digits. */
function requireYear(year: number): number {
  if (!Number.isInteger(year) || year < 1000 || year > 9999) throw badUserInput('year', 'a year of four digits such as 2018', year);
  return year;
}

/** The area an `area` argument names: an IRI, a kommunkod, a länskod or a country code; BAD_USER_INPUT otherwise. */
function requireArea(area: string): string {
  if (/^\d{4}$/.test(area)) return kg.municipality(area).value;
  if (/^\d{2}$/.test(area)) return kg.county(area).value;
  if (/^[A-Z]{2}$/.test(area)) return kg.country(area).value;
  if (isAcceptableIri(area)) return area;
  throw badUserInput('area', 'an area\'s IRI, a four-digit kommunkod, a two-digit länskod or "SE"', area);
}

const countiesByCode = cachedPerGraph((graph) => sorted(graph.instancesOf(ks.County), byCode(graph)));
const factsByObservation = cachedPerGraph((graph) => new Map(observationsOf(graph).all.map((facts) => [facts.observation.value, facts])));

/** What the index knows of an observation served from it. */
function factsOf(graph: Graph, observation: Resource): ObservationFacts {
  const facts = factsByObservation(graph).get(observation.value);
  if (facts === undefined) throw new Error(`<${observation.value}> is served as an observation but lacks a measure, year, area or value`);
  return facts;
}

export const StatisticsQuery: Pick<QueryResolvers, 'observations' | 'measures' | 'countyAggregates' | 'nationalAggregate'> = {
  observations: (_root, { measure, year, area }, { graph }) => {
    const wantedMeasure = measure === null || measure === undefined ? null : requireMeasure(graph, measure).value;
    const wantedYear = year === null || year === undefined ? null : requireYear(year);
    const wantedArea = area === null || area === undefined ? null : requireArea(area);
    return observationsOf(graph)
      .all.filter(
        (facts) =>
          (wantedMeasure === null || facts.measure.value === wantedMeasure) &&
          (wantedYear === null || facts.year === wantedYear) &&
          (wantedArea === null || facts.area.value === wantedArea),
      )
      .map((facts) => facts.observation);
  },
  measures: (_root, _args, { graph }) => sorted(graph.instancesOf(qb.MeasureProperty), byIri),
  // Measuring list sizes asks without arguments: the rows are one per county whatever the measure.
  countyAggregates: (_root, { measure, year }, { graph }) => {
    const wanted = measure === undefined ? null : requireMeasure(graph, measure);
    const inYear = year === undefined ? 0 : requireYear(year);
    return countiesByCode(graph).map((county) => aggregateObservations(graph, county, county, wanted, inYear));
  },
  nationalAggregate: (_root, { measure, year }, { graph }) => aggregateObservations(graph, SWEDEN, null, requireMeasure(graph, measure), requireYear(year)),
};

const approximations: ReadonlyArray<readonly [NamedNode, Approximation]> = [
  [kg.approximation.about, 'ABOUT'],
  [kg.approximation.justOver, 'JUST_OVER'],
  [kg.approximation.moreThan, 'MORE_THAN'],
];

export const Observation: ObservationResolvers = {
  id,
  measure: (observation, _args, { graph }) => factsOf(graph, observation).measure,
  value: (observation, _args, { graph }) => factsOf(graph, observation).value,
  unit: (observation, _args, { graph }) => resourceOf(graph, observation, sdmxAttribute.unitMeasure),
  year: (observation, _args, { graph }) => factsOf(graph, observation).year,
  area: (observation, _args, { graph }) => factsOf(graph, observation).area,
  source: (observation, _args, { graph }) => resourceOf(graph, observation, dcterms.source)?.value ?? null,
  dataset: (observation, _args, { graph }) => factsOf(graph, observation).dataset?.value ?? null,
  approximation: (observation, _args, { graph }) => {
    const concept = resourceOf(graph, observation, ks.approximation);
    if (concept === null) return null;
    const known = approximations.find(([iri]) => iri.equals(concept));
    if (known === undefined) throw new Error(`<${observation.value}> has ks:approximation <${concept.value}>, which is none of the concepts the API knows`);
    return known[1];
  },
  estimated: (observation, _args, { graph }) => ['true', '1'].includes(valueOf(graph, observation, ks.estimated) ?? 'false'),
  baseYear: (observation, _args, { graph }) => {
    const year = valueOf(graph, observation, ks.baseYear);
    return year === null ? null : Number(year);
  },
  comment: (observation, { lang }, context) => textOf(context.graph, observation, rdfs.comment, languageFor(lang, context)),
};

export const Measure: MeasureResolvers = {
  id,
  key: (measure) => (measure.value.startsWith(ks.iri) ? measure.value.slice(ks.iri.length) : null),
  name: (measure, { lang }, context) => textOf(context.graph, measure, rdfs.label, languageFor(lang, context)),
  description: (measure, { lang }, context) => textOf(context.graph, measure, rdfs.comment, languageFor(lang, context)),
  unit: (measure, _args, { graph }) => resourceOf(graph, measure, sdmxAttribute.unitMeasure),
};

const levels: ReadonlyArray<readonly [NamedNode, AreaLevel]> = [
  [ks.Municipality, 'MUNICIPALITY'],
  [ks.County, 'COUNTY'],
  [schema.Country, 'COUNTRY'],
];

export const StatisticsArea: StatisticsAreaResolvers = {
  id,
  level: (area, _args, { graph }) => levels.find(([type]) => graph.has(area, rdf.type, type))?.[1] ?? null,
  code: (area, _args, { graph }) => valueOf(graph, area, dcterms.identifier),
  name: (area, { lang }, context) => textOf(context.graph, area, skos.prefLabel, languageFor(lang, context)),
  node: (area, _args, { graph }) => {
    const typeName = typeOfResource(graph, area);
    return typeName === 'County' || typeName === 'Municipality' ? area : null;
  },
};

/** The measure of an aggregate the API answers; only list-size measurement makes one without. */
function measureOf(aggregate: AggregateOfObservations): NamedNode {
  if (aggregate.measure === null) throw new Error('An aggregate without a measure is only for measuring list sizes');
  return aggregate.measure;
}

export const StatisticsAggregate: StatisticsAggregateResolvers = {
  area: (aggregate) => aggregate.area,
  measure: (aggregate) => measureOf(aggregate),
  year: (aggregate) => aggregate.year,
  unit: (aggregate, _args, { graph }) => resourceOf(graph, measureOf(aggregate), sdmxAttribute.unitMeasure),
  count: (aggregate) => aggregate.values.length,
  municipalities: (aggregate) => aggregate.municipalities,
  sum: (aggregate) => (aggregate.values.length === 0 ? null : sum(aggregate.values)),
  min: (aggregate) => (aggregate.values.length === 0 ? null : Math.min(...aggregate.values)),
  max: (aggregate) => (aggregate.values.length === 0 ? null : Math.max(...aggregate.values)),
  mean: (aggregate) => (aggregate.values.length === 0 ? null : sum(aggregate.values) / aggregate.values.length),
};

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}
