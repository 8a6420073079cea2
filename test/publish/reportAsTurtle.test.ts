import { Parser, Store } from 'n3';
import type { Term } from 'n3';
import { describe, expect, it } from 'vitest';
import { prepareDataset } from '../../src/publish/prepareDataset.js';
import { PublishError } from '../../src/publish/PublishError.js';
import { loadShippedReferenceData } from '../../src/publish/ReferenceData.js';
import { reportAsTurtle } from '../../src/publish/reportAsTurtle.js';
import type { ValidationReport } from '../../src/publish/ValidationReport.js';
import { BASE_IRI, kss, org, rdf, sh, skos, xsd } from '../../src/rdf/vocabulary.js';

const reference = await loadShippedReferenceData();
const missingRole = await reportOf(`
  <samverkan/test> a org:OrganizationalCollaboration ; skos:prefLabel "Testsamverkan"@sv .
  <samverkan/test/medlemskap/1880> a org:Membership ; org:member <kommun/1880> ; org:organization <samverkan/test> .
`);

describe('reportAsTurtle', () => {
  describe('of a SHACL refusal (a membership without org:role)', () => {
    const store = new Store(new Parser().parse(reportAsTurtle(missingRole)));
    const [root] = store.getSubjects(rdf.type, sh.ValidationReport, null);
    const results = store.getObjects(root!, sh.result, null);

    it('is one sh:ValidationReport that does not conform', () => {
      expect(store.getSubjects(rdf.type, sh.ValidationReport, null)).toHaveLength(1);
      expect(store.getObjects(root!, sh.conforms, null)).toEqual([literalOf('false', xsd.boolean)]);
    });

    it('has one sh:result with the focus node, path, message, severity, constraint component and shape', () => {
      expect(results).toHaveLength(1);
      const result = results[0]!;
      expect(valuesOf(store, result)).toEqual({
        [rdf.type.value]: [sh.ValidationResult.value],
        [sh.focusNode.value]: [`${BASE_IRI}samverkan/test/medlemskap/1880`],
        [sh.resultPath.value]: [org.role.value],
        [sh.resultMessage.value]: ['A membership has exactly one org:role, a skos:Concept'],
        [sh.resultSeverity.value]: [sh.Violation.value],
        [sh.sourceConstraintComponent.value]: [`${sh.iri}MinCountConstraintComponent`],
        [sh.sourceShape.value]: [expect.any(String)],
      });
      expect(store.getObjects(result, sh.sourceShape, null)[0]!.termType).toBe('BlankNode');
      expect(store.getObjects(result, sh.resultMessage, null)[0]).toMatchObject({ language: 'en' });
    });
  });

  it('writes the value of a result as the term it is, and our own checks as constraint components of their own', async () => {
    const report = await reportOf('<kommun/1880> skos:prefLabel "Hallsbergs \\"kommun\\""@sv .');
    const store = new Store(new Parser().parse(reportAsTurtle(report)));

    const [result] = store.getObjects(null, sh.result, null);

    expect(store.getObjects(result!, sh.value, null)).toEqual([literalOf('Hallsbergs "kommun"', 'sv')]);
    expect(store.getObjects(result!, sh.sourceConstraintComponent, null).map(({ value }) => value)).toEqual([kss.AuthorityConstraintComponent.value]);
    expect(store.getObjects(result!, sh.resultPath, null).map(({ value }) => value)).toEqual([skos.prefLabel.value]);
    expect(store.getObjects(result!, sh.sourceShape, null)).toEqual([]);
  });

  it('says sh:conforms true, with no results, of a report that conforms', () => {
    const store = new Store(new Parser().parse(reportAsTurtle({ conforms: true, results: [] })));

    expect(store.getObjects(null, sh.conforms, null)).toEqual([literalOf('true', xsd.boolean)]);
    expect(store.getObjects(null, sh.result, null)).toEqual([]);
  });
});

async function reportOf(turtle: string): Promise<ValidationReport> {
  const body = Buffer.from(`@base <${BASE_IRI}> .
    @prefix org: <http://www.w3.org/ns/org#> .
    @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
    ${turtle}`);
  try {
    await prepareDataset({ slug: 'test', mediaType: 'text/turtle', body }, reference);
  } catch (error) {
    if (error instanceof PublishError && error.details.report) return error.details.report;
    throw error;
  }
  throw new Error('the body was accepted');
}

function valuesOf(store: Store, subject: Term): Record<string, string[]> {
  const values: Record<string, string[]> = {};
  for (const { predicate, object } of store.getQuads(subject, null, null, null)) (values[predicate.value] ??= []).push(object.value);
  return values;
}

function literalOf(value: string, languageOrDatatype: string | Term) {
  return new Parser().parse(`<urn:x:s> <urn:x:p> ${JSON.stringify(value)}${typeof languageOrDatatype === 'string' ? `@${languageOrDatatype}` : `^^<${languageOrDatatype.value}>`} .`)[0]!.object;
}
