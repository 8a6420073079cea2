import { describe, expect, it } from 'vitest';
import { executeQuery, iri } from '../support/executeQuery.js';

const karlskoga = iri('kommun/1883');
const orebro = iri('kommun/1880');

// The whole message a client reads for each bad argument of Query.paths: it names the argument, says what
// the argument takes (1 to 6 steps, 1 to 50 paths, an organisation of the graph) and repeats the value given.
describe('Query.paths: the error a client reads for a bad argument', () => {
  it.each([
    [
      'a `to` that is no IRI',
      `from: "${karlskoga}", to: "kommun/1880"`,
      'Argument "to": expected an absolute IRI such as "https://w3id.org/kulturskola/kommun/1883" but got: "kommun/1880".',
    ],
    [
      'a `to` that names a county, not an organisation',
      `from: "${karlskoga}", to: "${iri('lan/18')}"`,
      'Argument "to": expected the IRI of an organisation in the graph (a municipality, collaboration, project, other organisation or unit) but got: "https://w3id.org/kulturskola/lan/18".',
    ],
    [
      'a `from` the graph does not know',
      `from: "${iri('kommun/9999')}", to: "${orebro}"`,
      'Argument "from": expected the IRI of an organisation in the graph (a municipality, collaboration, project, other organisation or unit) but got: "https://w3id.org/kulturskola/kommun/9999".',
    ],
    ['a maxLength of 7', `from: "${karlskoga}", to: "${orebro}", maxLength: 7`, 'Argument "maxLength": expected a number of steps from 1 to 6 but got: 7.'],
    ['a maxLength given as null', `from: "${karlskoga}", to: "${orebro}", maxLength: null`, 'Argument "maxLength": expected a number of steps from 1 to 6 but got: null.'],
    ['a first of 51', `from: "${karlskoga}", to: "${orebro}", first: 51`, 'Argument "first": expected a number of paths from 1 to 50 but got: 51.'],
    ['a first given as null', `from: "${karlskoga}", to: "${orebro}", first: null`, 'Argument "first": expected a number of paths from 1 to 50 but got: null.'],
  ])('answers %s with one BAD_USER_INPUT error saying what the argument takes', async (_case, args, message) => {
    const result = await executeQuery(`{ paths(${args}) { length } }`);
    expect(result.data).toBeNull();
    expect(result.errors).toEqual([expect.objectContaining({ message, extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }) })]);
  });
});
