import fc from 'fast-check';
import type Oxigraph from 'oxigraph';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findIriProblem } from '../../../src/http/sparql/findIriProblem.js';
import { forgetOxigraph, loadFreshOxigraph } from '../../support/loadFreshOxigraph.js';

let oxigraph: typeof Oxigraph;
beforeAll(() => {
  oxigraph = loadFreshOxigraph(64).oxigraph;
});
afterAll(forgetOxigraph);

describe('findIriProblem', () => {
  it.each([
    'https://w3id.org/kulturskola/dataset/orebro-lan',
    'urn:x-kulturskola:graph:1',
    'http://example.org/%C3%96rebro?län=18#top',
    'http://user:pass@[::1]:8080/a/b',
    'http://[v1.fe80::a+en1]/',
    'http://[::1]/sparql?graph=a#b',
    'http://example.org/?\ue000',
    'tag:example.org,2024:graph',
  ])('finds nothing wrong with %s', (iri) => {
    expect(findIriProblem(iri)).toBeUndefined();
  });

  it.each([
    ['orebro-lan', 'it does not start with a scheme such as https:'],
    ['1http://example.org/', 'it does not start with a scheme such as https:'],
    ['http://example.org/%zz', '"%zz" in its path is not percent-encoding: a % must be followed by two hexadecimal digits'],
    ['http://example.org/a%2', '"%2" in its path is not percent-encoding: a % must be followed by two hexadecimal digits'],
    ['http://example.org/?q=%', '"%" in its query is not percent-encoding: a % must be followed by two hexadecimal digits'],
    ['http://example.org/a b', 'its path holds the character " " (U+0020), which an IRI does not allow there'],
    ['http://example.org/a[1]', 'its path holds the character "[" (U+005B), which an IRI does not allow there'],
    ['http://example.org/a#b#c', 'its fragment holds the character "#" (U+0023), which an IRI does not allow there'],
    ['http://example.org/\ue000', 'its path holds the character "\ue000" (U+E000), which an IRI does not allow there'],
    ['http://example.org/a\u0000', 'its path holds the character "\\u0000" (U+0000), which an IRI does not allow there'],
    ['http://exa mple.org/', 'its host holds the character " " (U+0020), which an IRI does not allow there'],
    ['http://a@b@example.org/', 'its host holds the character "@" (U+0040), which an IRI does not allow there'],
    ['http://example.org:80a/', 'its port "80a" is not a number'],
    ['http://[::1/', 'its host "[::1" opens a bracket that it does not close'],
    ['http://[::1]x/', 'its host "[::1]" is followed by "x" rather than a port'],
    ['http://[1::2::3]/', 'its host "[1::2::3]" is not an IPv6 address (nor an IPvFuture literal)'],
  ])('says what is wrong with %j', (iri, problem) => {
    expect(findIriProblem(iri)).toBe(problem);
    expect(accepts(iri)).toBe(false);
  });

  it('agrees with Oxigraph on which texts are IRIs, over texts built from the characters and parts that IRIs trip on', () => {
    const pieces = [
      'a', 'Z', '0', '9', '-', '.', '_', '~', '%', '2', 'f', 'F', 'g', ':', '@', '/', '?', '#', '[', ']', '!', '$', '&', "'", '(', ')', '*', '+', ',', ';', '=',
      ' ', '<', '>', '"', '{', '}', '|', '\\', '^', '`', '\u0000', '\u001f', '\u007f', '\u0080', '\u009f', '\u00a0', 'ä', '\u2028', '\ud7ff', '\ue000', '\uf8ff', '\uf900', '\ufdcf', '\ufdd0', '\ufdef', '\ufdf0', '\uffef', '\ufff0', '\ufffe',
      '\u{10000}', '\u{1fffd}', '\u{1fffe}', '\u{e0000}', '\u{e1000}', '\u{f0000}', '\u{ffffd}', '\u{ffffe}', '\u{10fffd}', '\u{10fffe}', '\ud800', '\udc00',
      'v', '1', '::', '[::1]', '[v1.x]', '[1::2::3]', '[::ffff:1.2.3.4]', '[fe80::1%25eth0]', '[]', '//', 'u@', ':80', ':8a',
    ];
    const iri = fc.tuple(fc.constantFrom('http:', 'urn:', 'x+y.z-1:', '1a:', 'a b:', '', 'http://', 'x://'), fc.array(fc.constantFrom(...pieces), { maxLength: 12 })).map(([scheme, rest]) => scheme + rest.join(''));
    fc.assert(
      fc.property(iri, (text) => {
        expect({ text, problem: findIriProblem(text) === undefined ? 'none' : 'some' }).toEqual({ text, problem: accepts(text) ? 'none' : 'some' });
      }),
      { numRuns: 20_000 },
    );
  });
});

function accepts(text: string): boolean {
  try {
    oxigraph.namedNode(text);
    return true;
  } catch {
    return false;
  }
}
