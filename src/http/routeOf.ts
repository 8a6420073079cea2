/** The routes that requests are counted and logged under: a fixed set, so that no path can add a metric label. */
export type Route = 'graphql' | 'sparql' | 'dump' | 'resource' | 'catalog' | 'explorer' | 'health' | 'ready' | 'metrics' | 'publishing' | 'other';

/** Every route label, for documentation and tests. */
export const routes: readonly Route[] = ['graphql', 'sparql', 'dump', 'resource', 'catalog', 'explorer', 'health', 'ready', 'metrics', 'publishing', 'other'];

const exact = new Map<string, Route>([
  ['/graphql', 'graphql'],
  ['/graphql/', 'graphql'],
  ['/sparql', 'sparql'],
  ['/catalog', 'catalog'],
  ['/.well-known/void', 'catalog'],
  ['/health', 'health'],
  ['/ready', 'ready'],
  ['/metrics', 'metrics'],
]);

/**
 * The route a request path (without query string) belongs to. Any other path
 * may name a resource, so GET and HEAD on it count as `resource`; other
 * methods there are `other` (the linked-data routes answer only reads).
 * The datasets' routes and the Graph Store are `publishing`, reads and writes;
 * the explorer's files under /explorer/ are `explorer`.
 */
export function routeOf(path: string, method: string | undefined): Route {
  const known = exact.get(path);
  if (known !== undefined) return known;
  // The network downloads are made and served as the dumps are.
  if (path.startsWith('/dump.') || path === '/network.graphml' || path === '/network/nodes.csv' || path === '/network/edges.csv') return 'dump';
  if (path === '/graph-store' || path === '/datasets' || path.startsWith('/datasets/')) return 'publishing';
  // The explorer's scripts and styles (its page is GET /graphql, counted there).
  if (path.startsWith('/explorer/')) return 'explorer';
  return method === 'GET' || method === 'HEAD' ? 'resource' : 'other';
}
