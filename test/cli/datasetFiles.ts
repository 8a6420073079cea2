import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';

const prefixes = [
  '@base <https://w3id.org/kulturskola/> .',
  '@prefix org: <http://www.w3.org/ns/org#> .',
  '@prefix skos: <http://www.w3.org/2004/02/skos/core#> .',
  '@prefix foaf: <http://xmlns.com/foaf/0.1/> .',
  '@prefix dcterms: <http://purl.org/dc/terms/> .',
];

/** A small collaboration in Västmanland with one member, every link to real reference data: it conforms. */
const collaboration = [
  '<samverkan/cli-test> a org:OrganizationalCollaboration ;',
  '  skos:prefLabel "Testsamverkan i Västmanland"@sv ;',
  '  foaf:homepage <https://example.org/cli-test> ;',
  '  dcterms:spatial <lan/19> .',
  '<samverkan/cli-test/medlemskap/1980> a org:Membership ;',
  '  org:member <kommun/1980> ; org:organization <samverkan/cli-test> ; org:role <roll/medlem> .',
];

/** The dataset files the CLI specs publish, written into `folder`. */
export interface DatasetFiles {
  /** `cli-test.ttl`: the first version (8 triples). */
  first: string;
  /** `changed.nt`: the first version and an English name (9 triples), in N-Triples. */
  changed: string;
  /** `changed.ttl`: the same triples as `changed.nt`, in Turtle. */
  changedAgain: string;
  /** `bad.ttl`: the collaboration's homepage as a string, which the shapes refuse. */
  bad: string;
  /** `cli-test.rdf`: an extension the CLI does not read. */
  unknownExtension: string;
}

/** Writes the CLI specs' dataset files into `folder`. */
export async function writeDatasetFiles(folder: string): Promise<DatasetFiles> {
  const files: DatasetFiles = {
    first: join(folder, 'cli-test.ttl'),
    changed: join(folder, 'changed.nt'),
    changedAgain: join(folder, 'changed.ttl'),
    bad: join(folder, 'bad.ttl'),
    unknownExtension: join(folder, 'cli-test.rdf'),
  };
  const base = 'https://w3id.org/kulturskola/';
  const nt = (s: string, p: string, o: string) => `${s} ${p} ${o} .`;
  const rdfType = '<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>';
  const org = (local: string) => `<http://www.w3.org/ns/org#${local}>`;
  const c = `<${base}samverkan/cli-test>`;
  const m = `<${base}samverkan/cli-test/medlemskap/1980>`;
  const changedTriples = [
    nt(c, rdfType, org('OrganizationalCollaboration')),
    nt(c, '<http://www.w3.org/2004/02/skos/core#prefLabel>', '"Testsamverkan i Västmanland"@sv'),
    nt(c, '<http://www.w3.org/2004/02/skos/core#prefLabel>', '"Test collaboration in Västmanland"@en'),
    nt(c, '<http://xmlns.com/foaf/0.1/homepage>', '<https://example.org/cli-test>'),
    nt(c, '<http://purl.org/dc/terms/spatial>', `<${base}lan/19>`),
    nt(m, rdfType, org('Membership')),
    nt(m, org('member'), `<${base}kommun/1980>`),
    nt(m, org('organization'), c),
    nt(m, org('role'), `<${base}roll/medlem>`),
  ];
  await writeFile(files.first, [...prefixes, ...collaboration, ''].join('\n'));
  await writeFile(files.changed, `${changedTriples.join('\n')}\n`);
  await writeFile(
    files.changedAgain,
    [...prefixes, ...collaboration, '<samverkan/cli-test> skos:prefLabel "Test collaboration in Västmanland"@en .', ''].join('\n'),
  );
  await writeFile(
    files.bad,
    [...prefixes, ...collaboration.map((line) => line.replace('<https://example.org/cli-test>', '"example.org/cli-test"')), ''].join('\n'),
  );
  await writeFile(files.unknownExtension, '<rdf:RDF/>\n');
  return files;
}
