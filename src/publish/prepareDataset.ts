import { readFile } from 'node:fs/promises';
import { termToId } from 'n3';
import type { Quad } from 'n3';
import { canonicalNTriples } from './canonicalNTriples.js';
import { checkAuthority, statesWhatOnlyTheReferenceMay } from './checkAuthority.js';
import { checkGraphNames } from './checkGraphNames.js';
import { checkReferences, isUnknownReference } from './checkReferences.js';
import { isDatasetSlug } from '../store/isDatasetSlug.js';
import { dataPath } from '../rdf/dataPath.js';
import { parseBody } from './parseBody.js';
import { REFERENCE_DATASET } from './Publisher.js';
import { PublishError } from './PublishError.js';
import { rdfFormatOfContentType } from './rdfFormatOfContentType.js';
import { referenceDataFromQuads, VOCABULARY_DATASET, type ReferenceData } from './ReferenceData.js';
import type { ValidationCheck, ValidationResult } from './ValidationReport.js';
import { validateShapes } from './validateShapes.js';

/** A body to check, as a client sent it. */
export interface PrepareInput {
  /** lowercase letters, digits and hyphens, 2–64 characters */
  slug: string;
  /** The Content-Type header as sent (parameters included), or a file's media type. */
  mediaType: string;
  body: Uint8Array;
}

/** A body that passed every check, in the form the store keeps. */
export interface PreparedDataset {
  slug: string;
  triples: number;
  /** Canonical N-Triples: RDFC-1.0 blank node labels, lines sorted, each ending in a newline. */
  content: string;
  /** SHA-256 (hex) of `content`. */
  sha256: string;
}

/** Limits on a body. */
export interface PrepareLimits {
  /** Bytes; 10 MB by default (docs/limits.md, "Ingest"). */
  maxBytes?: number;
}

/** The largest body accepted by default: 10 MB. */
export const DEFAULT_MAX_BODY_BYTES = 10 * 1024 * 1024;

/**
 * Runs every check a published body must pass, in order, and returns its
 * canonical form; the first check that finds a problem throws PublishError:
 * 1. the slug (BAD_REQUEST), media type (UNSUPPORTED_MEDIA_TYPE), size
 *    (TOO_LARGE) and syntax, UTF-8 and everything the strict loader refuses
 *    (SYNTAX_ERROR, with the line where the parser gives it);
 * 2. a named graph other than the dataset's (NOT_CONFORMING, check `graph`);
 * 3. the SHACL shapes, with the reference data in view (`shacl`);
 * 4. every `kommun/…` and `lan/…` IRI exists in the reference list (`reference`);
 * 5. no type, name, code or county of a reference municipality or county,
 *    unless this is the reference dataset itself (`authority`).
 * A NOT_CONFORMING error carries the report in `details.report`. When the
 * reference dataset itself is published, the body is its own reference list.
 * Nothing here changes anything. `onContent` is told the canonical form as
 * soon as the syntax and graph name checks pass, before the rest (which wait
 * for the promise it may return): the body may still be refused.
 *
 * Each problem is reported by the check it belongs to: SHACL does not see the
 * statements the authority check refuses (a second Swedish name for a
 * municipality would otherwise break sh:uniqueLang first), and its results
 * about a municipality or county missing from the list (a member that is "no
 * organisation") are left to the reference check. Either way the body is
 * refused; the report names the cause.
 */
export async function prepareDataset(
  input: PrepareInput,
  reference: ReferenceData,
  limits: PrepareLimits = {},
  typesElsewhere: TypesElsewhere = () => [],
  onContent?: (content: string) => void | Promise<void>,
): Promise<PreparedDataset> {
  const { slug, body } = input;
  if (!isDatasetSlug(slug)) {
    throw new PublishError('BAD_REQUEST', `${JSON.stringify(slug.slice(0, 80))} is no dataset name: use 2–64 lowercase letters, digits and hyphens, starting and ending with a letter or digit`);
  }
  const format = rdfFormatOfContentType(input.mediaType);
  const maxBytes = limits.maxBytes ?? DEFAULT_MAX_BODY_BYTES;
  if (body.byteLength > maxBytes) {
    throw new PublishError('TOO_LARGE', `The body is ${body.byteLength} bytes, more than the limit of ${maxBytes} bytes for a dataset`);
  }
  const quads = distinct(await parseBody(body, format, slug));
  refuseIfAny('graph', checkGraphNames(quads, slug));
  // The canonical form first, so that a server can start reading it in while the checks that follow run.
  const canonical = await canonicalNTriples(quads);
  await onContent?.(canonical.content);
  // The same vocabulary array, so that what validateShapes keeps about it is found again.
  const references = slug === REFERENCE_DATASET ? { ...referenceDataFromQuads(quads), vocabulary: reference.vocabulary } : reference;
  const judgedByAuthority = (quad: Quad) => slug !== REFERENCE_DATASET && statesWhatOnlyTheReferenceMay(quad, references.iris);
  // What other datasets state of the types of the IRIs the body links to: seen, but not judged (they are those datasets' own).
  const linked = linkedTypes(quads, typesElsewhere);
  const described = new Set(quads.map(({ subject }) => subject.value));
  const linkedOnly = new Set(linked.map(({ subject }) => subject.value).filter((iri) => !described.has(iri)));
  const shaclResults = await validateShapes([...quads.filter((quad) => !judgedByAuthority(quad)), ...linked], inViewOf(references, slug));
  refuseIfAny('shacl', shaclResults.filter((result) => !aboutUnknownReference(result, references.iris) && !linkedOnly.has(result.focusNode)));
  refuseIfAny('reference', checkReferences(quads, references.iris));
  if (slug !== REFERENCE_DATASET) refuseIfAny('authority', checkAuthority(quads, references.iris, REFERENCE_DATASET));
  return { slug, ...canonical };
}

/**
 * Does ahead the work that the first body checked against `reference` would
 * otherwise do: reading and compiling the shapes, validating the reference
 * data alone (whose results no body is blamed for; see validateShapes), and
 * running every check once on a body of some thousand triples (the
 * reference list itself, as N-Triples) and once on the shipped Örebro
 * dataset as JSON-LD, so that V8 has compiled the checks' code, the JSON-LD
 * reader's included, before a body waits for it: the Örebro dataset took
 * 427 ms to check the first time and 22 ms the next. `onContent` is told each
 * canonical form, as a publish's is (see prepareDataset). Nothing is checked
 * or changed.
 */
export async function warmUp(reference: ReferenceData, onContent?: (content: string) => void | Promise<void>): Promise<void> {
  await validateShapes([], inViewOf(reference, WARM_UP_SLUG));
  const { content } = await canonicalNTriples(reference.quads);
  // Their verdicts are not asked for: only the work.
  await prepareDataset({ slug: REFERENCE_DATASET, mediaType: 'application/n-triples', body: Buffer.from(content) }, reference, {}, () => [], onContent).catch(() => undefined);
  const shipped = await readFile(dataPath(`graphs/${SHIPPED_JSON_LD}.jsonld`)).catch(() => undefined);
  if (shipped !== undefined) await prepareDataset({ slug: SHIPPED_JSON_LD, mediaType: 'application/ld+json', body: shipped }, reference, {}, () => [], onContent).catch(() => undefined);
}

/** A shipped dataset in JSON-LD, which the warm-up checks under its own slug. */
const SHIPPED_JSON_LD = 'orebro-lan';

/** Any slug but the reference list's and the vocabulary's: what most bodies see beside them. */
const WARM_UP_SLUG = 'warm-up';

const combinedViews = new WeakMap<ReferenceData, readonly Quad[]>();

/**
 * What SHACL sees beside a body: the reference list and the vocabulary, less
 * the dataset the body replaces. The same array for the same reference data,
 * so validateShapes can keep what it found in it alone.
 */
function inViewOf(reference: ReferenceData, slug: string): readonly Quad[] {
  if (slug === REFERENCE_DATASET) return reference.vocabulary;
  if (slug === VOCABULARY_DATASET) return reference.quads;
  let view = combinedViews.get(reference);
  if (view === undefined) {
    view = [...reference.quads, ...reference.vocabulary];
    combinedViews.set(reference, view);
  }
  return view;
}

/** The rdf:type triples that datasets other than the one published state of an IRI (none when it is described nowhere else). */
export type TypesElsewhere = (iri: string) => readonly Quad[];

/** The type triples stated elsewhere of every IRI the body has as an object: what sh:class needs to judge a link into another dataset. */
function linkedTypes(body: readonly Quad[], typesElsewhere: TypesElsewhere): Quad[] {
  const iris = new Set(body.filter(({ object }) => object.termType === 'NamedNode').map(({ object }) => object.value));
  return [...iris].flatMap((iri) => typesElsewhere(iri));
}

/** Whether a SHACL result is about, or points at, a municipality or county that the reference check will report as unknown. */
function aboutUnknownReference({ focusNode, value }: ValidationResult, references: ReadonlySet<string>): boolean {
  const valueIri = value?.startsWith('<') ? value.slice(1, -1) : null;
  return isUnknownReference(focusNode, references) || (valueIri !== null && isUnknownReference(valueIri, references));
}

function refuseIfAny(check: ValidationCheck, results: ValidationResult[]): void {
  const violations = results.filter((result) => result.severity === 'Violation');
  if (violations.length === 0) return;
  const [first] = violations;
  const more = violations.length > 1 ? ` (and ${violations.length - 1} more problem${violations.length > 2 ? 's' : ''}; see the report)` : '';
  throw new PublishError('NOT_CONFORMING', `The dataset does not pass the ${checkNames[check]}: ${first!.message}${more}`, {
    report: { conforms: false, check, results },
  });
}

const checkNames: Readonly<Record<ValidationCheck, string>> = {
  graph: 'graph name check',
  shacl: 'SHACL shapes',
  reference: 'reference check',
  authority: 'authority check',
};

/** The quads once each: a triple written twice is one triple. */
function distinct(quads: Quad[]): Quad[] {
  const seen = new Set<string>();
  return quads.filter((quad) => {
    const key = `${termToId(quad.subject)} ${termToId(quad.predicate)} ${termToId(quad.object)} ${termToId(quad.graph)}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
