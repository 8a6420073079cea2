import { readFile } from 'node:fs/promises';
import type { DatasetCore, Term } from '@rdfjs/types';
import { DataFactory, Parser, Store, termToId } from 'n3';
import type { Quad } from 'n3';
import { Validator } from 'shacl-engine';
import { dataPath } from '../rdf/dataPath.js';
import { rdfs, sh } from '../rdf/vocabulary.js';
import { PublishError } from './PublishError.js';
import type { ValidationResult } from './ValidationReport.js';
import { nodeText, nTriplesText } from './termText.js';

/** N3.js's store as the engine's datasets: on 10k triples it validated in about half the time of @rdfjs/dataset's (medians 2.1 s and 4.0 s on a busy machine). */
const factory = { ...DataFactory, dataset: (quads?: Quad[]) => new Store(quads) };

interface Shapes {
  quads: Quad[];
  /** Whether every path is one property, followed forwards, and nothing runs SPARQL; then only what a body reaches can change its results. */
  forwardOnly: boolean;
}

let shapes: Promise<Shapes> | undefined;

/** The shipped shapes, read once per thread. */
function shipped(): Promise<Shapes> {
  shapes ??= readFile(dataPath('shapes/kulturskola.shacl.ttl'), 'utf8').then((text) => {
    const quads = new Parser().parse(text);
    const forwardOnly = quads.every(
      ({ predicate, object }) => !(predicate.equals(sh.path) && object.termType !== 'NamedNode') && !predicate.equals(sh.sparql) && !predicate.equals(sh.target),
    );
    return { quads, forwardOnly };
  });
  return shapes;
}

const validators = new Map<string, Validator>();

/**
 * The shapes compiled with a class hierarchy. SHACL reads rdfs:subClassOf
 * from the data graph (so `ks:Goal rdfs:subClassOf skos:Concept` makes every
 * goal a concept for sh:class and sh:targetClass); shacl-engine reads it from
 * the shapes graph when it compiles them, so the data's subclass triples go
 * there. The few hierarchies seen (the vocabulary's, and a body's own) are
 * kept compiled.
 */
async function validatorFor(hierarchy: readonly Quad[]): Promise<Validator> {
  const key = hierarchy.map(({ subject, object }) => `${termToId(subject)} ${termToId(object)}`).sort().join('\n');
  let validator = validators.get(key);
  if (validator === undefined) {
    if (validators.size >= 4) validators.clear();
    validator = new Validator(factory.dataset([...(await shipped()).quads, ...hierarchy]), { factory });
    validators.set(key, validator);
  }
  return validator;
}

const baselines = new WeakMap<readonly Quad[], Promise<Set<string>>>();

/**
 * Validates the body against the shipped SHACL shapes, with `inView` (the
 * reference list, the vocabulary) in the same data graph so that links to
 * municipalities, counties and role concepts resolve. Every graph is read as
 * one default graph. Returns the results, sorted, less those that `inView`
 * alone has too (a problem of the reference data is not the body's).
 * Validator errors fail closed: PublishError UNAVAILABLE, never a pass.
 *
 * Only the part of `inView` that the body reaches (following triples from
 * every term it uses) is validated with it: the shapes follow properties
 * forwards only, so the rest can change no result about the body's nodes,
 * and its own results are those of `inView` alone. A body that states
 * rdfs:subClassOf could make other nodes targets, so it is validated with
 * all of `inView`.
 */
export async function validateShapes(body: readonly Quad[], inView: readonly Quad[]): Promise<ValidationResult[]> {
  try {
    let baseline = baselines.get(inView);
    if (baseline === undefined) {
      baseline = validate(inView, subclassTriples(inView)).then((results) => new Set(results.map(keyOf)));
      baselines.set(inView, baseline);
    }
    const { forwardOnly } = await shipped();
    const reached = forwardOnly && !body.some(({ predicate }) => predicate.equals(rdfs.subClassOf)) ? reachedFrom(body, inView) : inView;
    const results = await validate([...body, ...reached], [...subclassTriples(body), ...subclassTriples(inView)]);
    const known = await baseline;
    return results.filter((result) => !known.has(keyOf(result)));
  } catch (error) {
    if (error instanceof PublishError) throw error;
    throw new PublishError('UNAVAILABLE', `The SHACL validator failed on this body, so it was not accepted: ${(error as Error).message}`);
  }
}

async function validate(quads: readonly Quad[], hierarchy: readonly Quad[]): Promise<ValidationResult[]> {
  const triples = quads.map(({ subject, predicate, object }) => DataFactory.quad(subject, predicate, object));
  const report = await (await validatorFor(hierarchy)).validate({ dataset: factory.dataset(triples) });
  return report.conforms ? [] : resultsOf(report.dataset).sort(byContent);
}

function subclassTriples(quads: readonly Quad[]): Quad[] {
  return quads.filter(({ predicate }) => predicate.equals(rdfs.subClassOf)).map(({ subject, predicate, object }) => DataFactory.quad(subject, predicate, object));
}

const triplesBySubject = new WeakMap<readonly Quad[], Map<string, Quad[]>>();

/** The triples of `view` that can be reached from the terms of `body` by following triples from subject to object. */
function reachedFrom(body: readonly Quad[], view: readonly Quad[]): Quad[] {
  let index = triplesBySubject.get(view);
  if (index === undefined) {
    index = new Map();
    for (const quad of view) {
      const key = termToId(quad.subject);
      const triples = index.get(key);
      if (triples === undefined) index.set(key, [quad]);
      else triples.push(quad);
    }
    triplesBySubject.set(view, index);
  }
  const seen = new Set<string>();
  const reached: Quad[] = [];
  const next = body.flatMap(({ subject, predicate, object }) => [subject, predicate, object]);
  for (let term = next.pop(); term !== undefined; term = next.pop()) {
    const key = termToId(term);
    if (seen.has(key)) continue;
    seen.add(key);
    for (const quad of index.get(key) ?? []) {
      reached.push(quad);
      next.push(quad.object);
    }
  }
  return reached;
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
