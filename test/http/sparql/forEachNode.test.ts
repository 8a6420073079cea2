import { describe, expect, it } from 'vitest';
import { forEachNode } from '../../../src/http/sparql/forEachNode.js';

describe('forEachNode', () => {
  it('visits every object, parents before children and siblings in order, through arrays', () => {
    const tree = { name: 'root', children: [{ name: 'a', inner: { name: 'a1' } }, { name: 'b' }], last: { name: 'c' } };
    const visited: string[] = [];
    forEachNode(tree, undefined, (node) => {
      visited.push(String(node.name));
    });
    expect(visited).toEqual(['root', 'a', 'a1', 'b', 'c']);
  });

  it('skips what is no object: strings, numbers, null and undefined', () => {
    const visited: unknown[] = [];
    forEachNode([1, 'two', null, undefined, { name: 'only' }, [[{ name: 'nested' }]]], undefined, (node) => {
      visited.push(node);
    });
    expect(visited).toEqual([{ name: 'only' }, { name: 'nested' }]);
  });

  it('visits nothing in a value that is no object', () => {
    const visited: unknown[] = [];
    for (const value of [null, undefined, 'text', 3]) forEachNode(value, undefined, (node) => void visited.push(node));
    expect(visited).toEqual([]);
  });

  it('gives each child the context returned for its parent, and the root the given context', () => {
    const tree = { name: 'root', list: [{ name: 'a', inner: { name: 'a1' } }], other: { name: 'b' } };
    const depths: string[] = [];
    forEachNode(tree, 0, (node, depth) => {
      depths.push(`${String(node.name)}@${depth}`);
      return depth + 1;
    });
    expect(depths).toEqual(['root@0', 'a@1', 'a1@2', 'b@1']);
  });

  it('walks a chain far deeper than the call stack allows', () => {
    let chain: Record<string, unknown> = { level: 0 };
    for (let level = 1; level <= 200_000; level++) chain = { level, child: chain };
    let count = 0;
    let deepest = -1;
    forEachNode(chain, 0, (node, depth) => {
      count++;
      deepest = Math.max(deepest, depth);
      return depth + 1;
    });
    expect(count).toBe(200_001);
    expect(deepest).toBe(200_000);
  });
});
