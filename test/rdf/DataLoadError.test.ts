import { describe, expect, it } from 'vitest';
import { DataLoadError } from '../../src/rdf/DataLoadError.js';

describe('DataLoadError', () => {
  it('names the file and the problem, and keeps both and its code', () => {
    const error = new DataLoadError('data/graphs/schools.ttl', 'SYNTAX_ERROR', 'unexpected "." on line 3');
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('DataLoadError');
    expect(error.message).toBe('data/graphs/schools.ttl: unexpected "." on line 3');
    expect(error.file).toBe('data/graphs/schools.ttl');
    expect(error.code).toBe('SYNTAX_ERROR');
  });

  it('keeps a message of 300 characters whole', () => {
    const problem = 'x'.repeat(300 - 'a.ttl: '.length);
    expect(new DataLoadError('a.ttl', 'SYNTAX_ERROR', problem).message).toBe(`a.ttl: ${problem}`);
  });

  it('cuts a longer message to its first 300 characters and an ellipsis', () => {
    const problem = `${'x'.repeat(300 - 'a.ttl: '.length)}yz`;
    expect(new DataLoadError('a.ttl', 'SYNTAX_ERROR', problem).message).toBe(`a.ttl: ${'x'.repeat(300 - 'a.ttl: '.length)}…`);
  });
});
