import type { Probes } from './generateNationalDataset.js';

/** One question the GraphQL benchmark asks our API. */
export interface BenchmarkQuery {
  /** Short key: a, b, c, d. */
  key: string;
  /** What it stands for, for the table. */
  title: string;
  query: string;
}

/**
 * The four representative questions, asked of the probes of a dataset: (a) a
 * single entity, (b) a collaboration page, (c) a 20-item organisation list
 * with nested members, (d) a deep relationship query.
 */
export function benchmarkQueries(probes: Probes): BenchmarkQuery[] {
  const collaboration = JSON.stringify(probes.collaboration);
  return [
    {
      key: 'a',
      title: 'single entity: municipality + memberships',
      query: `{ municipality(code: ${JSON.stringify(probes.municipalityCode)}) { name code county { name } memberships { role { name } organisation { name } } } }`,
    },
    {
      key: 'b',
      title: 'collaboration page',
      query: `{ collaboration(id: ${collaboration}) { id name description homepage regions { code name }
  members { role { name } member { id name ... on Municipality { code } } }
  goals { id name description position }
  grants { id name funders { name } period { start end } }
  projects { id name period { start end } themes { name } regions { code name } } } }`,
    },
    {
      key: 'c',
      title: 'list page: 20 collaborations + members',
      query: `{ organisations(filter: { type: COLLABORATION }, first: 20) { nodes { id name ... on Collaboration {
  members { role { name } member { name ... on Municipality { code } } } } } } }`,
    },
    {
      key: 'd',
      title: 'deep: members → county → municipalities → memberships',
      query: `{ collaboration(id: ${collaboration}) { name members { member { name ... on Municipality {
  county { name municipalities { name memberships { organisation { name } } } } } } } } }`,
    },
  ];
}

/** The `{ hello }` query of the baseline server. */
export const HELLO_QUERY = '{ hello }';

/** How many fields a GraphQL response holds: every key of every object under `data`, objects and scalars alike. */
export function countFields(value: unknown): number {
  if (Array.isArray(value)) return value.reduce((sum: number, item) => sum + countFields(item), 0);
  if (value === null || typeof value !== 'object') return 0;
  return Object.values(value).reduce((sum: number, child) => sum + 1 + countFields(child), 0);
}
