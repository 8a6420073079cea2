import { describe, expect, it } from 'vitest';
import { routeOf, routes } from '../../src/http/routeOf.js';

describe('routeOf', () => {
  it('names every label it can answer, in a fixed list', () => {
    expect(routes).toEqual(['graphql', 'sparql', 'dump', 'resource', 'catalog', 'explorer', 'health', 'ready', 'metrics', 'publishing', 'other']);
  });

  it.each([
    ['/graphql', 'graphql'],
    ['/graphql/', 'graphql'],
    ['/sparql', 'sparql'],
    ['/catalog', 'catalog'],
    ['/.well-known/void', 'catalog'],
    ['/health', 'health'],
    ['/ready', 'ready'],
    ['/metrics', 'metrics'],
  ])('counts %s under its own route, whatever the method', (path, route) => {
    for (const method of ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'OPTIONS', undefined]) expect(routeOf(path, method)).toBe(route);
  });

  it.each(['/dump.ttl', '/dump.nq.gz', '/dump.', '/network.graphml', '/network/nodes.csv', '/network/edges.csv'])('counts the download %s as a dump, whatever the method', (path) => {
    expect(routeOf(path, 'GET')).toBe('dump');
    expect(routeOf(path, 'POST')).toBe('dump');
  });

  it('counts the publishing routes, reads and writes, as publishing', () => {
    for (const path of ['/graph-store', '/datasets', '/datasets/', '/datasets/orebro-lan', '/datasets/orebro-lan/versions/2']) {
      expect(routeOf(path, 'GET')).toBe('publishing');
      expect(routeOf(path, 'PUT')).toBe('publishing');
      expect(routeOf(path, 'DELETE')).toBe('publishing');
    }
  });

  it("counts the explorer's files as explorer, whatever the method", () => {
    expect(routeOf('/explorer/app.js', 'GET')).toBe('explorer');
    expect(routeOf('/explorer/', 'POST')).toBe('explorer');
  });

  it('counts a read of any other path as a resource, and anything else there as other', () => {
    for (const path of ['/kommun/1880', '/', '/explorer', '/datasetsx', '/dataset/orebro-lan', '/graph-store/x', '/dump', '/network', '/network/other.csv', '/GRAPHQL', '/graphql//', '/sparql/', '/network.graphml/']) {
      expect(routeOf(path, 'GET')).toBe('resource');
      expect(routeOf(path, 'HEAD')).toBe('resource');
      expect(routeOf(path, 'POST')).toBe('other');
      expect(routeOf(path, 'OPTIONS')).toBe('other');
      expect(routeOf(path, 'get')).toBe('other');
      expect(routeOf(path, undefined)).toBe('other');
    }
  });
});
