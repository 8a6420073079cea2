import type { Request } from 'express';
import { describe, expect, it } from 'vitest';
import { graphStoreTarget } from '../../../src/http/publishing/graphStoreTarget.js';

const DATASET = 'https://w3id.org/kulturskola/dataset/';
const EXPECTED =
  '?graph=https://w3id.org/kulturskola/dataset/{slug}, where {slug} is 2–64 lowercase letters, digits and hyphens, starting and ending with a letter or digit';

describe('graphStoreTarget', () => {
  it("names the dataset whose IRI ?graph= holds, by its slug", () => {
    expect(graphStoreTarget(request({ graph: `${DATASET}orebro-lan` }))).toEqual({ ok: true, slug: 'orebro-lan' });
    expect(graphStoreTarget(request({ graph: `${DATASET}a1` }))).toEqual({ ok: true, slug: 'a1' });
    expect(graphStoreTarget(request({ graph: `${DATASET}${'x'.repeat(64)}` }))).toEqual({ ok: true, slug: 'x'.repeat(64) });
  });

  it('refuses ?default, naming the union and where it is queried, even beside a graph', () => {
    const refusal = {
      ok: false,
      message: `The default graph is the union of every dataset and cannot be written or read here; name one dataset's graph with ${EXPECTED}. The union is queried at /sparql.`,
    };
    expect(graphStoreTarget(request({ default: '' }))).toEqual(refusal);
    expect(graphStoreTarget(request({ default: '', graph: `${DATASET}orebro-lan` }))).toEqual(refusal);
  });

  it('asks for the graph when none is named', () => {
    expect(graphStoreTarget(request({}))).toEqual({ ok: false, message: `Name the graph: ${EXPECTED}.` });
    expect(graphStoreTarget(request({ other: 'x' }))).toEqual({ ok: false, message: `Name the graph: ${EXPECTED}.` });
  });

  it('asks for the graph once when it is given more than once', () => {
    expect(graphStoreTarget(request({ graph: [`${DATASET}a1`, `${DATASET}b2`] }))).toEqual({ ok: false, message: `Give the graph parameter once: ${EXPECTED}.` });
    expect(graphStoreTarget(request({ graph: { nested: 'x' } }))).toEqual({ ok: false, message: `Give the graph parameter once: ${EXPECTED}.` });
  });

  it.each([
    ['an IRI outside the datasets', 'https://example.org/dataset/orebro-lan'],
    ['a resource that is no dataset', 'https://w3id.org/kulturskola/kommun/1880'],
    ['the datasets prefix alone', DATASET],
    ['a slug of one character', `${DATASET}a`],
    ['a slug of 65 characters', `${DATASET}${'x'.repeat(65)}`],
    ['a slug in upper case', `${DATASET}Orebro-lan`],
    ['a slug ending with a hyphen', `${DATASET}orebro-`],
    ['a slug with a path', `${DATASET}orebro-lan/versions/2`],
    ['an empty value', ''],
  ])('refuses %s, showing the IRI it was given', (_name, graph) => {
    expect(graphStoreTarget(request({ graph }))).toEqual({ ok: false, message: `The graph <${graph}> is not a dataset of https://w3id.org/kulturskola/; expected ${EXPECTED}.` });
  });

  it('shows at most 200 characters of a long IRI it refuses', () => {
    const at200 = `https://example.org/${'y'.repeat(180)}`;
    expect(at200).toHaveLength(200);
    expect(graphStoreTarget(request({ graph: at200 }))).toEqual({ ok: false, message: `The graph <${at200}> is not a dataset of https://w3id.org/kulturskola/; expected ${EXPECTED}.` });
    expect(graphStoreTarget(request({ graph: `${at200}z` }))).toEqual({ ok: false, message: `The graph <${at200}…> is not a dataset of https://w3id.org/kulturskola/; expected ${EXPECTED}.` });
  });
});

/** A request with the query string as express parses it. */
function request(query: Record<string, unknown>): Request {
  return { query } as unknown as Request;
}
