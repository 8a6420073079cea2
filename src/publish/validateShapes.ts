import { readFile } from 'node:fs/promises';
import rdfDataset from '@rdfjs/dataset';
import type { DatasetCore, Term } from '@rdfjs/types';
import { DataFactory, Parser } from 'n3';
import type { Quad } from 'n3';
import { Validator } from 'shacl-engine';
import { dataPath } from '../rdf/dataPath.js';
import { sh } from '../rdf/vocabulary.js';
import { PublishError } from './PublishError.js';
import type { ValidationResult } from './ValidationReport.js';
import { nodeText, nTriplesText } from './termText.js';

const factory = { ...DataFactory, dataset: (quads?: Quad[]) => rdfDataset.dataset(quads) };

let shapes: Promise<Validator> | undefined;

/** The shipped shapes, compiled once per thread. */
function shapeValidator(): Promise<Validator> {
  shapes ??= readFile(dataPath('shapes/kulturskola.shacl.ttl'), 'utf8').then(
    (text) => new Validator(factory.dataset(new Parser().parse(text)), { factory }),
  );
  return shapes;
}

const baselines = new WeakMap<readonly Quad[], Promise<Set<string>>>();

/**
 * Validates the body against the shipped SHACL shapes, with `inView` (the
 * reference list, the vocabulary) in the same data graph so that links to
 * municipalities, counties and role concepts resolve. Every graph is read as
 * one default graph. Returns the results, sorted, less those that `inView`
 * alone has too (a problem of the reference data is not the body's).
 * Validator errors fail closed: PublishError UNAVAILABLE, never a pass.
 */
export async function validateShapes(body: readonly Quad[], inView: readonly Quad[]): Promise<ValidationResult[]> {
  try {
    let baseline = baselines.get(inView);
    if (baseline === undefined) {
      baseline = validate(inView).then((results) => new Set(results.map(keyOf)));
      baselines.set(inView, baseline);
    }
    const results = await validate([...body, ...inView]);
    const known = await baseline;
    return results.filter((result) => !known.has(keyOf(result)));
  } catch (error) {
    if (error instanceof PublishError) throw error;
    throw new PublishError('UNAVAILABLE', `The SHACL validator failed on this body, so it was not accepted: ${(error as Error).message}`);
  }
}

async function validate(quads: readonly Quad[]): Promise<ValidationResult[]> {
  const triples = quads.map(({ subject, predicate, object }) => DataFactory.quad(subject, predicate, object));
  const report = await (await shapeValidator()).validate({ dataset: factory.dataset(triples) });
  return report.conforms ? [] : resultsOf(report.dataset).sort(byContent);
}

/** The results of a W3C validation report, read through the SHACL vocabulary. */
function resultsOf(report: DatasetCore): ValidationResult[] {
  const one = (subject: Term, predicate: Term): Term | null => {
    for (const quad of report.match(subject as Quad['subject'], predicate as Quad['predicate'])) return quad.object;
    return null;
  };
  const results: ValidationResult[] = [];
  for (const { object: result } of report.match(null, sh.result)) {
    const focusNode = one(result, sh.focusNode);
    const path = one(result, sh.resultPath);
    const value = one(result, sh.value);
    const severity = one(result, sh.resultSeverity)?.value.slice(sh.iri.length);
    const constraint = one(result, sh.sourceConstraintComponent);
    const shape = one(result, sh.sourceShape);
    const messages = [...report.match(result as Quad['subject'], sh.resultMessage)].map(({ object }) => object as Quad['object']);
    const message = messages.find((literal) => literal.termType === 'Literal' && literal.language === 'en') ?? messages[0];
    results.push({
      focusNode: focusNode === null ? '' : nodeText(focusNode),
      // A path other than a single property (sequence, inverse…) would be a blank node; the shipped shapes use none.
      path: path?.termType === 'NamedNode' ? path.value : null,
      value: value === null ? null : nTriplesText(value),
      message: message?.value ?? `${constraint?.value.slice(sh.iri.length) ?? 'A constraint'} is not met`,
      severity: severity === 'Warning' || severity === 'Info' ? severity : 'Violation',
      constraint: constraint?.value ?? '',
      shape: shape === null ? null : nodeText(shape),
    });
  }
  return results;
}

function keyOf(result: ValidationResult): string {
  return [result.focusNode, result.path, result.value, result.constraint, result.shape].join('\u0000');
}

function byContent(a: ValidationResult, b: ValidationResult): number {
  const [x, y] = [keyOf(a), keyOf(b)];
  return x < y ? -1 : x > y ? 1 : 0;
}
