/** One request of the steady mix, and how to tell that its answer is right. */
export interface MixRequest {
  /** Short name for the table, e.g. "municipality by code". */
  name: string;
  method: 'GET' | 'POST';
  path: string;
  headers: Record<string, string>;
  body?: string;
  /**
   * Whether an answer is the right one: a 2xx alone is not enough, since a
   * GraphQL error comes back as 200 with `errors`. Kept cheap (no JSON.parse
   * of large bodies): it runs on every response under load.
   */
  isValid(status: number, body: string): boolean;
}

const COLLABORATION = 'https://w3id.org/kulturskola/samverkan/orebro-lan';
const MUNICIPALITY = 'https://w3id.org/kulturskola/kommun/1883';

const graphqlHeaders = { 'content-type': 'application/json', accept: 'application/json' };

/** A GraphQL answer with data and no `errors` (Apollo writes `data` first when there are no errors). */
function isGraphqlData(status: number, body: string): boolean {
  return status === 200 && body.startsWith('{"data":{') && !body.includes('"errors":[');
}

function graphql(name: string, query: string): MixRequest {
  return { name, method: 'POST', path: '/graphql', headers: graphqlHeaders, body: JSON.stringify({ query }), isValid: isGraphqlData };
}

/**
 * What a frontend of the shipped data asks, one request of each kind: the
 * pages a municipality, a collaboration, a county and the organisation list
 * show, `node(id:)` as a client cache refetches it, one linked-data resource
 * and the liveness probe. No `Accept-Encoding`, so every body can be checked.
 */
export const frontendMix: readonly MixRequest[] = [
  graphql(
    'municipality by code',
    '{ municipality(code: "1883") { id name code homepage county { name } memberships { role { name } organisation { id name } } } }',
  ),
  graphql(
    'collaboration page with members',
    `{ collaboration(id: ${JSON.stringify(COLLABORATION)}) { id name description homepage regions { code name }
  administrativePrincipal { name ... on Municipality { code } }
  members { role { name } member { id name ... on Municipality { code } } }
  goals { id name description position } grants { id name funders { name } period { start end } }
  projects { id name period { start end } themes { name } regions { code name } } } }`,
  ),
  graphql(
    'organisations, first 20',
    '{ organisations(first: 20) { totalCount nodes { id name ... on Municipality { code } } pageInfo { hasNextPage endCursor } } }',
  ),
  graphql('county with municipalities', '{ county(code: "18") { id code name municipalities { id code name } } }'),
  graphql('node(id:)', `{ node(id: ${JSON.stringify(MUNICIPALITY)}) { id ... on Municipality { name code county { code } } } }`),
  {
    name: 'linked data GET /kommun/1883 (Turtle)',
    method: 'GET',
    path: '/kommun/1883',
    headers: { accept: 'text/turtle' },
    isValid: (status, body) => status === 200 && body.includes('kommun/1883'),
  },
  {
    name: 'GET /health',
    method: 'GET',
    path: '/health',
    headers: {},
    isValid: (status, body) => status === 200 && body.includes('"status":"ok"'),
  },
];
