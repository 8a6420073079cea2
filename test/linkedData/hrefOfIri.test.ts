import { describe, expect, it } from 'vitest';
import { hrefOfIri } from '../../src/http/linkedData/hrefOfIri.js';

describe('hrefOfIri', () => {
  it('links our own IRIs by root-relative path, so they resolve on whichever server serves the page', () => {
    expect(hrefOfIri('https://w3id.org/kulturskola/def#county')).toEqual({ href: '/def#county', external: false });
  });

  it('links other http and https IRIs as they are, whatever the case of the scheme', () => {
    expect(hrefOfIri('https://www.scb.se/')).toEqual({ href: 'https://www.scb.se/', external: true });
    expect(hrefOfIri('HTTP://example.org/a')).toEqual({ href: 'HTTP://example.org/a', external: true });
  });

  it('gives no link for other schemes, even when an http IRI follows them', () => {
    expect(hrefOfIri('urn:isbn:9789100000000')).toBeNull();
    expect(hrefOfIri('javascript:alert(1)')).toBeNull();
    expect(hrefOfIri('urn:example:https://example.org/')).toBeNull();
  });

  it('percent-encodes what a URI cannot hold, as UTF-8, and leaves escapes alone', () => {
    expect(hrefOfIri('https://w3id.org/kulturskola/tema/ökat "x"%20')).toEqual({ href: '/tema/%C3%B6kat%20%22x%22%20', external: false });
  });
});
