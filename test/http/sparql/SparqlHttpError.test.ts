import { describe, expect, it } from 'vitest';
import { SparqlHttpError } from '../../../src/http/sparql/SparqlHttpError.js';

describe('SparqlHttpError', () => {
  it('is named SparqlHttpError in logs, with its status, message and headers', () => {
    const error = new SparqlHttpError(405, 'The SPARQL endpoint answers GET and POST.', { headers: { Allow: 'GET, POST' } });
    expect(error).toBeInstanceOf(Error);
    expect(String(error)).toBe('SparqlHttpError: The SPARQL endpoint answers GET and POST.');
    expect([error.status, error.headers]).toEqual([405, { Allow: 'GET, POST' }]);
  });

  it('keeps a cause for the log when given one, and has none otherwise', () => {
    const engineError = new Error('Out of memory');
    expect(new SparqlHttpError(503, 'The engine is restarting.', { cause: engineError }).cause).toBe(engineError);
    for (const options of [undefined, {}, { headers: { 'Retry-After': '1' } }]) expect(Object.hasOwn(new SparqlHttpError(400, 'Bad query.', options), 'cause')).toBe(false);
    expect(new SparqlHttpError(400, 'Bad query.').headers).toEqual({});
  });
});
