import { readFile } from 'node:fs/promises';
import { dataPath } from '../../src/rdf/dataPath.js';

/**
 * A made-up regional dataset in Turtle, shaped like the shipped Örebro one:
 * `collaborations` collaborations, each with every shipped municipality as a
 * member through a membership with a blank-node period. Every link points at
 * real reference data, so it conforms: 5 + 290 × 8 = 2,325 triples per collaboration.
 */
export async function generatedDataset(collaborations: number): Promise<string> {
  const codes = await municipalityCodes();
  const lines = [
    '@base <https://w3id.org/kulturskola/> .',
    '@prefix org: <http://www.w3.org/ns/org#> .',
    '@prefix skos: <http://www.w3.org/2004/02/skos/core#> .',
    '@prefix dcterms: <http://purl.org/dc/terms/> .',
    '@prefix dcat: <http://www.w3.org/ns/dcat#> .',
    '@prefix foaf: <http://xmlns.com/foaf/0.1/> .',
    '@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .',
  ];
  for (let c = 0; c < collaborations; c++) {
    const collaboration = `<samverkan/generated-${c}>`;
    lines.push(
      `${collaboration} a org:OrganizationalCollaboration ; skos:prefLabel "Samverkan ${c}"@sv , "Collaboration ${c}"@en ;`,
      `  foaf:homepage <https://example.org/samverkan/${c}> ; dcterms:spatial <lan/18> .`,
    );
    for (const code of codes) {
      lines.push(
        `<samverkan/generated-${c}/medlemskap/${code}> a org:Membership ; org:member <kommun/${code}> ;`,
        `  org:organization ${collaboration} ; org:role <roll/medlem> ;`,
        `  org:memberDuring [ a dcterms:PeriodOfTime ; dcat:startDate "${2000 + (c % 20)}"^^xsd:gYear ] .`,
        `<kommun/${code}> org:memberOf ${collaboration} .`,
      );
    }
  }
  return `${lines.join('\n')}\n`;
}

async function municipalityCodes(): Promise<string[]> {
  const text = await readFile(dataPath('graphs/kommuner.jsonld'), 'utf8');
  return [...text.matchAll(/"kg:kommun\/(\d{4})"/g)].map((match) => match[1]!).filter((code, i, all) => all.indexOf(code) === i);
}
