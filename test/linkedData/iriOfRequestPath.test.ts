import { describe, expect, it } from 'vitest';
import { iriOfRequestPath } from '../../src/http/linkedData/iriOfRequestPath.js';
import { iri } from './linkedDataServer.js';

describe('iriOfRequestPath', () => {
  it.each([
    ['/kommun/1883', iri('kommun/1883')],
    ['/def', iri('def')],
    ['/', iri('')],
    ['/tema/%C3%B6kat', iri('tema/ökat')],
    ['/tema/%c3%b6kat', iri('tema/ökat')],
    ['/a%2Db%7E', iri('a-b~')],
    ['/a%2fb', iri('a%2Fb')],
    ['/a%21b', iri('a%21b')],
    ["/a!$&'()*+,;=:@b", iri("a!$&'()*+,;=:@b")],
  ])('maps %s to %s', (path, expected) => {
    expect(iriOfRequestPath(path)).toEqual({ ok: true, iri: expected });
  });

  it.each([
    ['kommun/1883', 400],
    ['/%ff', 400],
    ['/%e2%82', 400],
    ['/a%0Ab', 400],
    ['/a%7Fb', 400],
    ['/a%C2%85b', 400],
    ['/a b', 400],
    ['/a"b', 400],
    ['/ö', 400],
    ['/.', 400],
    ['/a/%2e/b', 400],
    ['/a%2f%2e%2e', 400],
  ])('refuses %s with %i', (path, status) => {
    const lookup = iriOfRequestPath(path);
    expect(lookup.ok).toBe(false);
    if (!lookup.ok) {
      expect(lookup.status).toBe(status);
      expect(lookup.message).not.toMatch(/[\u0000-\u001f]/);
    }
  });

  it('takes a path of 2048 characters, and refuses one of 2049 with 414', () => {
    expect(iriOfRequestPath(`/${'a'.repeat(2047)}`).ok).toBe(true);
    expect(iriOfRequestPath(`/${'a'.repeat(2048)}`)).toEqual({ ok: false, status: 414, message: 'The path is 2049 characters long; the limit is 2048.' });
  });
});

describe('iriOfRequestPath’s refusals', () => {
  it('name the path and what is wrong with it, counting characters from 1', () => {
    expect(iriOfRequestPath('kommun/1883')).toEqual({ ok: false, status: 400, message: 'The path "kommun/1883" does not start with "/".' });
    expect(iriOfRequestPath('/a b')).toEqual({
      ok: false,
      status: 400,
      message: 'The path "/a b" has a character that a URI path cannot hold at character 3; percent-encode it.',
    });
    expect(iriOfRequestPath('/ab%4g')).toEqual({ ok: false, status: 400, message: 'The path "/ab%4g" has a "%" at character 4 that is not followed by two hex digits.' });
    expect(iriOfRequestPath('/%ff')).toEqual({ ok: false, status: 400, message: 'The path "/%ff" has percent-escapes that are not UTF-8.' });
  });

  it('quote a path of up to 200 characters whole, and cut a longer one at 200 with an ellipsis', () => {
    const path = `/${'a'.repeat(198)} `;
    expect(path).toHaveLength(200);
    expect(iriOfRequestPath(path)).toMatchObject({ message: `The path "${path}" has a character that a URI path cannot hold at character 200; percent-encode it.` });
    expect(iriOfRequestPath(`${path}b`)).toMatchObject({ message: `The path "${path}…" has a character that a URI path cannot hold at character 200; percent-encode it.` });
  });
});
