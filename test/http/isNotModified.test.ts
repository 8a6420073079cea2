import type { Request } from 'express';
import { describe, expect, it } from 'vitest';
import { isNotModified } from '../../src/http/isNotModified.js';

const etag = '"abc-nq"';
const lastModified = new Date('2026-11-25T12:00:00.500Z');

describe('isNotModified', () => {
  it.each([
    ['the same ETag', { 'if-none-match': '"abc-nq"' }, true],
    ['the ETag among others', { 'if-none-match': '"x", "abc-nq" , "y"' }, true],
    ['the weak form of the ETag', { 'if-none-match': 'W/"abc-nq"' }, true],
    ['*', { 'if-none-match': '*' }, true],
    ['another ETag', { 'if-none-match': '"abc-ttl"' }, false],
    ['another ETag, even with a matching date', { 'if-none-match': '"old"', 'if-modified-since': 'Wed, 25 Nov 2026 12:00:00 GMT' }, false],
    ['a date at Last-Modified (to the second)', { 'if-modified-since': 'Wed, 25 Nov 2026 12:00:00 GMT' }, true],
    ['a date before Last-Modified', { 'if-modified-since': 'Wed, 25 Nov 2026 11:59:59 GMT' }, false],
    ['a date that is no date', { 'if-modified-since': 'yesterday' }, false],
    ['no precondition', {}, false],
    ['the same ETag and Cache-Control: no-cache, as fetch() sends', { 'if-none-match': '"abc-nq"', 'cache-control': 'no-cache' }, true],
  ])('is %s → %s', (_case, headers, expected) => {
    expect(isNotModified(request('GET', headers), etag, lastModified)).toBe(expected);
  });

  it('never holds for methods other than GET and HEAD', () => {
    expect(isNotModified(request('POST', { 'if-none-match': '*' }), etag, lastModified)).toBe(false);
  });
});

function request(method: string, headers: Record<string, string>): Request {
  return { method, get: (name: string) => headers[name.toLowerCase()] } as unknown as Request;
}
