import { readFile } from 'node:fs/promises';
import factory from '@zazuko/env-node';
import { Parser } from 'n3';
import type { Quad } from 'n3';
import SHACLValidator from 'rdf-validate-shacl';
import { describe, expect, it } from 'vitest';
import { dataPath } from '../src/rdf/dataPath.js';
import { loadDataDirectory } from '../src/rdf/loadDataDirectory.js';
import { BASE_IRI, dcterms, foaf, kg, ks, org, rdf, schema, skos } from '../src/rdf/vocabulary.js';

const shapeQuads = parseTurtle(await readFile(dataPath('shapes/kulturskola.shacl.ttl'), 'utf8'));
const shipped = await loadDataDirectory(dataPath('graphs'));

describe('the shipped data', () => {
  it('conforms to the SHACL shapes in data/shapes', async () => {
    const report = await validate(shipped.store.getQuads(null, null, null, null));

    expect(report.conforms, messagesOf(report)).toBe(true);
  });
});

describe('the shapes', () => {
  it('name only classes that the shipped data uses, so a misspelt class cannot switch a shape off', () => {
    const used = new Set(shipped.store.getObjects(null, rdf.type, null).map((term) => term.value));

    expect(shapeObjects('targetClass', 'class').filter((iri) => !used.has(iri))).toEqual([]);
  });

  it('name only properties that the shipped data uses', () => {
    const used = new Set(shipped.store.getPredicates(null, null, null).map((term) => term.value));

    expect(shapeObjects('path', 'targetSubjectsOf', 'lessThanOrEquals').filter((iri) => !used.has(iri))).toEqual([]);
  });

  it('reject a membership without org:role', async () => {
    const report = await validateTurtle(`
      <samverkan/test> a org:OrganizationalCollaboration ; skos:prefLabel "Testsamverkan"@sv .
      <kommun/1880> a org:FormalOrganization ; skos:prefLabel "Hallsberg"@sv .
      <samverkan/test/medlemskap/1880> a org:Membership ;
        org:member <kommun/1880> ;
        org:organization <samverkan/test> .
    `);

    expect(problemsIn(report)).toEqual([
      { focusNode: `${BASE_IRI}samverkan/test/medlemskap/1880`, path: org.role.value, constraint: 'MinCountConstraintComponent' },
    ]);
  });

  it('reject a municipality whose dcterms:identifier is not four digits', async () => {
    const report = await validateTurtle(`
      <lan/18> a ks:County ; dcterms:identifier "18" ; ks:isoCode "SE-T" ; skos:prefLabel "Örebro län"@sv .
      <kommun/1880> a ks:Municipality ;
        dcterms:identifier "18x" ;
        skos:prefLabel "Hallsberg"@sv ;
        ks:county <lan/18> .
    `);

    expect(problemsIn(report)).toEqual([
      { focusNode: kg.municipality('1880').value, path: dcterms.identifier.value, constraint: 'PatternConstraintComponent' },
    ]);
  });

  it('reject a grant without a funder', async () => {
    const report = await validateTurtle(`
      <samverkan/test> a org:OrganizationalCollaboration ; skos:prefLabel "Testsamverkan"@sv .
      <bidrag/test> a schema:MonetaryGrant ;
        skos:prefLabel "Testbidrag"@sv ;
        schema:fundedItem <samverkan/test> .
    `);

    expect(problemsIn(report)).toEqual([
      { focusNode: `${BASE_IRI}bidrag/test`, path: schema.funder.value, constraint: 'MinCountConstraintComponent' },
    ]);
  });

  it('reject a concept with two Swedish prefLabels', async () => {
    const report = await validateTurtle(`
      <tema/test> a skos:Concept ; skos:prefLabel "Inkludering"@sv , "Delaktighet"@sv .
    `);

    expect(problemsIn(report)).toEqual([
      { focusNode: `${BASE_IRI}tema/test`, path: skos.prefLabel.value, constraint: 'UniqueLangConstraintComponent' },
    ]);
  });

  it('reject an audience whose minimum age is above its maximum', async () => {
    const report = await validateTurtle(`
      <projekt/test/publik> a schema:PeopleAudience ; schema:suggestedMinAge 20 ; schema:suggestedMaxAge 19 .
    `);

    expect(problemsIn(report)).toEqual([
      {
        focusNode: `${BASE_IRI}projekt/test/publik`,
        path: schema.suggestedMinAge.value,
        constraint: 'LessThanOrEqualsConstraintComponent',
      },
    ]);
  });

  it('reject an organisation whose foaf:homepage is a string, not an IRI', async () => {
    const report = await validateTurtle(`
      <org/test> a org:Organization ; skos:prefLabel "Testorganisation"@sv ; foaf:homepage "https://example.se/" .
    `);

    expect(problemsIn(report)).toEqual([
      { focusNode: `${BASE_IRI}org/test`, path: foaf.homepage.value, constraint: 'NodeKindConstraintComponent' },
    ]);
  });
});

const SH = 'http://www.w3.org/ns/shacl#';

const TURTLE_PRELUDE = `
  @base <${BASE_IRI}> .
  @prefix org: <${org.iri}> .
  @prefix skos: <${skos.iri}> .
  @prefix dcterms: <${dcterms.iri}> .
  @prefix schema: <${schema.iri}> .
  @prefix foaf: <${foaf.iri}> .
  @prefix ks: <${ks.iri}> .
`;

function parseTurtle(text: string): Quad[] {
  return new Parser().parse(text);
}

/** Validates the triples of `quads`, with every named graph merged into one default graph. */
async function validate(quads: readonly Quad[]) {
  const union = factory.dataset(quads.map(({ subject, predicate, object }) => factory.quad(subject, predicate, object)));
  return new SHACLValidator(factory.dataset(shapeQuads), { factory }).validate(union);
}

function validateTurtle(turtle: string) {
  return validate(parseTurtle(TURTLE_PRELUDE + turtle));
}

type ValidationReport = Awaited<ReturnType<typeof validate>>;

function problemsIn(report: ValidationReport) {
  return report.results.map((result) => ({
    focusNode: result.focusNode.value,
    path: result.path?.value,
    constraint: result.sourceConstraintComponent.value.replace(SH, ''),
  }));
}

function messagesOf(report: ValidationReport): string {
  return report.results
    .map((result) => {
      const where = [result.focusNode, result.path, result.value].map((term) => term?.value ?? '-').join(' ');
      return `${where}: ${result.message.map((message) => message.value).join('; ')}`;
    })
    .join('\n');
}

/** IRIs that the shapes give as the value of any of the named SHACL properties. */
function shapeObjects(...shaclProperties: string[]): string[] {
  const predicates = new Set(shaclProperties.map((name) => SH + name));
  return [...new Set(shapeQuads.filter((q) => predicates.has(q.predicate.value)).map((q) => q.object.value))];
}
