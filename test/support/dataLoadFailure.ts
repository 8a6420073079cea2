import { expect } from 'vitest';
import { DataLoadError } from '../../src/rdf/DataLoadError.js';

/** The DataLoadError a load or parse rejects with; fails the test when it resolves or throws anything else. */
export async function dataLoadFailure(loading: Promise<unknown>): Promise<DataLoadError> {
  const error = await loading.then(
    () => {
      throw new Error('expected the data to be refused, but it was read');
    },
    (rejection: unknown) => rejection,
  );
  expect(error).toBeInstanceOf(DataLoadError);
  return error as DataLoadError;
}
