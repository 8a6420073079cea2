import { readFile } from 'node:fs/promises';
import type { Quad } from '@rdfjs/types';
import { DataFactory, Parser, Store } from 'n3';
import { Validator } from 'shacl-engine';
import { rdf, sh } from '../../src/rdf/vocabulary.js';

let validator: Validator | undefined;
const factory = { ...DataFactory, dataset: (quads?: Quad[]) => new Store(quads) };

/** Each result of validating the quads against test/http/dcatApShapes.ttl with shacl-engine, as "focus node, path, constraint component", sorted. */
export async function dcatApViolations(quads: readonly Quad[]): Promise<string[]> {
  validator ??= new Validator(factory.dataset(new Parser().parse(await readFile(new URL('../http/dcatApShapes.ttl', import.meta.url), 'utf8'))), { factory });
  const report = await validator.validate({ dataset: factory.dataset(quads.map(({ subject, predicate, object }) => DataFactory.quad(subject, predicate, object) as Quad)) });
  const results = report.dataset as unknown as Store;
  const one = (result: Quad['subject'], predicate: string) => results.getQuads(result, DataFactory.namedNode(predicate), null, null)[0]?.object.value ?? '';
  return results
    .getQuads(null, rdf.type, sh.ValidationResult, null)
    .map(({ subject }) => `${one(subject, sh.focusNode.value)} ${one(subject, sh.resultPath.value)} ${one(subject, sh.sourceConstraintComponent.value).replace(/.*#/, '')}`)
    .sort();
}
