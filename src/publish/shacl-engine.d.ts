/** The part of shacl-engine (which ships no types) that validateShapes uses. */
declare module 'shacl-engine' {
  import type { DataFactory, DatasetCore, Quad, Term } from '@rdfjs/types';

  export class Validator {
    constructor(shapes: DatasetCore, options: { factory: DataFactory & { dataset(quads?: Quad[]): DatasetCore } });
    validate(data: { dataset: DatasetCore; terms?: Iterable<Term> }): Promise<{ conforms: boolean; dataset: DatasetCore; term: Term }>;
  }
}
