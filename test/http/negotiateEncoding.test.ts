import { describe, expect, it } from 'vitest';
import { negotiateEncoding, notAcceptableEncoding } from '../../src/http/negotiateEncoding.js';

// What the dumps and linked-data answers do with each header is specified over HTTP in
// compression.test.ts; these are the cases a request there does not reach.

describe('negotiateEncoding', () => {
  it('gives equal q-values to the server’s preference, brotli first, whatever order the header names them in', () => {
    expect(negotiateEncoding('gzip, br')).toBe('br');
    expect(negotiateEncoding('identity, gzip')).toBe('gzip');
    expect(negotiateEncoding('gzip;q=0.5, br;q=0.5, identity;q=0.5')).toBe('br');
  });

  it('chooses among the codings offered, in the order offered', () => {
    expect(negotiateEncoding('br, gzip', ['gzip', 'br'])).toBe('gzip');
    expect(negotiateEncoding('br', ['identity'])).toBe('identity');
    expect(negotiateEncoding('identity;q=0', ['identity'])).toBeNull();
  });
});

describe('notAcceptableEncoding', () => {
  it('quotes the header and lists what is offered', () => {
    expect(notAcceptableEncoding('identity;q=0, zstd')).toBe('None of the content codings in Accept-Encoding: "identity;q=0, zstd" is offered here; offered: br, gzip, identity.');
  });

  it('quotes a missing header as empty', () => {
    expect(notAcceptableEncoding(undefined)).toBe('None of the content codings in Accept-Encoding: "" is offered here; offered: br, gzip, identity.');
  });

  it('quotes a header of up to 200 characters whole, and cuts a longer one at 200 with an ellipsis', () => {
    const header = `identity;q=0, ${'x-unknown, '.repeat(30)}`.slice(0, 200);
    expect(header).toHaveLength(200);
    expect(notAcceptableEncoding(header)).toBe(`None of the content codings in Accept-Encoding: ${JSON.stringify(header)} is offered here; offered: br, gzip, identity.`);
    expect(notAcceptableEncoding(`${header}z`)).toBe(`None of the content codings in Accept-Encoding: ${JSON.stringify(`${header}…`)} is offered here; offered: br, gzip, identity.`);
  });
});
