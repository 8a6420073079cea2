import { dcterms, ks, org, skos } from '../src/rdf/vocabulary.js';
import type { Probes } from './generateNationalDataset.js';

/** One SELECT query of the SPARQL comparison. */
export interface SparqlQuery {
  /** Short key: join, members, perCounty, scan. */
  key: string;
  /** What it stands for, for the table. */
  title: string;
  sparql: string;
  /** A LIMIT without ORDER BY may pick different solutions in each engine: then only the counts must agree. */
  countsOnly?: boolean;
  /** For an aggregate over a join: the variable that counts the joined rows of each solution. */
  countVariable?: string;
}

/** The key of the join-heavy query, on which issue 4 judges our endpoint against the faster engine. */
export const JOIN_QUERY = 'join';

const PREFIXES = `PREFIX org: <${org.iri}>
PREFIX skos: <${skos.iri}>
PREFIX dcterms: <${dcterms.iri}>
PREFIX ks: <${ks.iri}>
`;

/**
 * The queries every side answers, over a synthetic dataset whose probes are
 * `probes`, cheap ones first and the join last (so that an engine stopped at
 * the cap on the join has answered the others).
 *
 * The join follows every membership of a culture school (the participants of
 * the schools' projects, which grow with the dataset: 244 at 10k, 2,773 at
 * 100k, 47,560 at 1M) to its school's municipality, the county, and the Swedish
 * labels of municipality, county, organisation and role, then counts them
 * per county and role. The aggregate keeps the answer at 21 rows, far below
 * the endpoint's cap of 10,000, so every side does the whole join and sends
 * the same small answer.
 */
export function sparqlQueries(probes: Probes): SparqlQuery[] {
  return [
    {
      key: 'members',
      title: 'members of one collaboration via org:memberOf',
      sparql: `${PREFIXES}
SELECT DISTINCT ?member ?code WHERE {
  ?member org:memberOf <${probes.collaboration}> ; dcterms:identifier ?code .
} ORDER BY ?code`,
    },
    {
      key: 'perCounty',
      title: 'aggregate: municipalities per county',
      sparql: `${PREFIXES}
SELECT ?county ?name (COUNT(?municipality) AS ?municipalities) WHERE {
  ?municipality a ks:Municipality ; ks:county ?county .
  ?county skos:prefLabel ?name FILTER(lang(?name) = "sv")
} GROUP BY ?county ?name ORDER BY ?county`,
    },
    {
      key: 'scan',
      title: 'scan: SELECT * LIMIT 10000',
      sparql: 'SELECT * WHERE { ?s ?p ?o } LIMIT 10000',
      countsOnly: true,
    },
    {
      key: JOIN_QUERY,
      title: 'join: memberships × schools × municipalities × counties, labels, FILTER(lang), GROUP BY',
      sparql: `${PREFIXES}
SELECT ?countyName ?roleName (COUNT(*) AS ?memberships) (COUNT(DISTINCT ?organisation) AS ?organisations) WHERE {
  ?membership a org:Membership ; org:member ?school ; org:organization ?organisation ; org:role ?role .
  ?school org:unitOf ?municipality .
  ?municipality a ks:Municipality ; ks:county ?county ; skos:prefLabel ?municipalityName .
  ?county skos:prefLabel ?countyName .
  ?organisation skos:prefLabel ?organisationName .
  ?role skos:prefLabel ?roleName .
  FILTER(lang(?municipalityName) = "sv" && lang(?countyName) = "sv" && lang(?organisationName) = "sv" && lang(?roleName) = "sv")
} GROUP BY ?countyName ?roleName ORDER BY ?countyName ?roleName`,
      countVariable: 'memberships',
    },
  ];
}
