import { DataFactory, Writer } from 'n3';
import type { Quad_Object } from 'n3';
import { kss, rdf, sh, xsd } from '../rdf/vocabulary.js';
import type { ValidationCheck, ValidationReport } from './ValidationReport.js';
import { nodeOfText, termOfNTriplesText } from './termText.js';

const { blankNode, literal, namedNode, quad } = DataFactory;

/** Our own checks' constraint components, since a W3C result names one as an IRI. */
const componentOfCheck: Readonly<Record<Exclude<ValidationCheck, 'shacl'>, typeof kss.ReferenceConstraintComponent>> = {
  graph: kss.NamedGraphConstraintComponent,
  reference: kss.ReferenceConstraintComponent,
  authority: kss.AuthorityConstraintComponent,
};

/**
 * The report as a W3C `sh:ValidationReport` in Turtle: `sh:conforms` and one
 * `sh:result` per result, with its focus node, path, value, message (in
 * English), severity, constraint component and shape as far as it has them.
 */
export function reportAsTurtle(report: ValidationReport): string {
  const writer = new Writer({ format: 'text/turtle', prefixes: { sh: sh.iri, kss: kss.iri, xsd: xsd.iri } });
  const root = blankNode('report');
  writer.addQuad(quad(root, rdf.type, sh.ValidationReport));
  writer.addQuad(quad(root, sh.conforms, literal(String(report.conforms), xsd.boolean)));
  report.results.forEach((result, index) => {
    const node = blankNode(`result${index + 1}`);
    writer.addQuad(quad(root, sh.result, node));
    const add = (predicate: typeof sh.result, object: Quad_Object) => writer.addQuad(quad(node, predicate, object));
    add(rdf.type, sh.ValidationResult);
    add(sh.focusNode, nodeOfText(result.focusNode) as Quad_Object);
    if (result.path !== null) add(sh.resultPath, namedNode(result.path));
    if (result.value !== null) add(sh.value, termOfNTriplesText(result.value) as Quad_Object);
    add(sh.resultMessage, literal(result.message, 'en'));
    add(sh.resultSeverity, sh[result.severity]);
    add(sh.sourceConstraintComponent, constraintComponent(result.constraint));
    if (result.shape !== null) add(sh.sourceShape, nodeOfText(result.shape) as Quad_Object);
  });
  let turtle = '';
  writer.end((error, text) => {
    if (error) throw error;
    turtle = text;
  });
  return turtle;
}

function constraintComponent(constraint: string) {
  return constraint in componentOfCheck ? componentOfCheck[constraint as keyof typeof componentOfCheck] : namedNode(constraint);
}
