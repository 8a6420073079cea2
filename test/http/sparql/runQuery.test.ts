import type Oxigraph from 'oxigraph';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OxigraphEngine } from '../../../src/http/sparql/loadOxigraph.js';
import { defaultQueryComplexityLimits } from '../../../src/http/sparql/prepareQuery.js';
import type { QueryJob, QueryReply } from '../../../src/http/sparql/QueryJob.js';
import { runQuery } from '../../../src/http/sparql/runQuery.js';
import { forgetOxigraph, loadFreshOxigraph } from '../../support/loadFreshOxigraph.js';

/**
 * Two named graphs: the schools (g1) and their partners (g2), with a blank
 * node, language-tagged and typed literals, and a literal with a line break
 * and quotes. Nine triples; nothing in the default graph.
 */
const TRIG = String.raw`
@prefix ex: <https://example.org/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
ex:g1 {
  ex:malmo ex:name "Malmö"@sv , "Malmo"@en ; ex:pupils 1200 ; ex:founded "1950-09-01"^^xsd:date .
  ex:lund ex:name "Lund"@sv ; ex:pupils 800 .
}
ex:g2 {
  ex:lund ex:partner _:b1 ; ex:note "line\nbreak, \"quoted\"" .
  _:b1 ex:name "Okänd" .
}
`;

const PREFIX = 'PREFIX ex: <https://example.org/>\n';
const G1 = 'https://example.org/g1';
const G2 = 'https://example.org/g2';

/** Lund, Malmö and the unnamed partner with their Swedish or plain names, and pupils where known. */
const namesQuery = `${PREFIX}SELECT ?school ?name ?pupils WHERE {
  ?school ex:name ?name OPTIONAL { ?school ex:pupils ?pupils } FILTER(?name != "Malmo"@en)
} ORDER BY ?name`;

/** The Swedish name and pupils of Lund and Malmö, as four triples. */
const schoolsQuery = `${PREFIX}CONSTRUCT { ?school ex:name ?name ; ex:pupils ?pupils } WHERE {
  GRAPH ex:g1 { ?school ex:name ?name ; ex:pupils ?pupils } FILTER(lang(?name) = "sv")
} ORDER BY ?school`;

let engine: OxigraphEngine;
let store: Oxigraph.Store;
beforeAll(() => {
  engine = loadFreshOxigraph(64);
  store = storeOf(engine, TRIG);
});
afterAll(forgetOxigraph);

describe('runQuery', () => {
  describe('answers a SELECT', () => {
    it('in SPARQL JSON when the client states no preference', () => {
      const reply = run(namesQuery);
      expect(reply).toMatchObject({ ok: true, mediaType: 'application/sparql-results+json', truncated: false });
      expect(JSON.parse(bodyOf(reply))).toEqual({
        head: { vars: ['school', 'name', 'pupils'] },
        results: {
          bindings: [
            {
              school: { type: 'uri', value: 'https://example.org/lund' },
              name: { type: 'literal', value: 'Lund', 'xml:lang': 'sv' },
              pupils: { type: 'literal', value: '800', datatype: 'http://www.w3.org/2001/XMLSchema#integer' },
            },
            {
              school: { type: 'uri', value: 'https://example.org/malmo' },
              name: { type: 'literal', value: 'Malmö', 'xml:lang': 'sv' },
              pupils: { type: 'literal', value: '1200', datatype: 'http://www.w3.org/2001/XMLSchema#integer' },
            },
            { school: { type: 'bnode', value: 'b1' }, name: { type: 'literal', value: 'Okänd' } },
          ],
        },
      });
    });

    it('in SPARQL XML, CSV or TSV when Accept asks for one', () => {
      expect(run(namesQuery, { accept: 'application/sparql-results+xml' })).toStrictEqual({
        ok: true,
        mediaType: 'application/sparql-results+xml',
        body:
          '<?xml version="1.0"?><sparql xmlns="http://www.w3.org/2005/sparql-results#"><head><variable name="school"/><variable name="name"/><variable name="pupils"/></head><results>' +
          '<result><binding name="school"><uri>https://example.org/lund</uri></binding><binding name="name"><literal xml:lang="sv">Lund</literal></binding><binding name="pupils"><literal datatype="http://www.w3.org/2001/XMLSchema#integer">800</literal></binding></result>' +
          '<result><binding name="school"><uri>https://example.org/malmo</uri></binding><binding name="name"><literal xml:lang="sv">Malmö</literal></binding><binding name="pupils"><literal datatype="http://www.w3.org/2001/XMLSchema#integer">1200</literal></binding></result>' +
          '<result><binding name="school"><bnode>b1</bnode></binding><binding name="name"><literal>Okänd</literal></binding></result>' +
          '</results></sparql>',
        truncated: false,
      });
      expect(run(namesQuery, { accept: 'text/csv' })).toStrictEqual({
        ok: true,
        mediaType: 'text/csv',
        body: 'school,name,pupils\r\nhttps://example.org/lund,Lund,800\r\nhttps://example.org/malmo,Malmö,1200\r\n_:b1,Okänd,\r\n',
        truncated: false,
      });
      expect(run(namesQuery, { accept: 'text/tab-separated-values' })).toStrictEqual({
        ok: true,
        mediaType: 'text/tab-separated-values',
        body: '?school\t?name\t?pupils\n<https://example.org/lund>\t"Lund"@sv\t800\n<https://example.org/malmo>\t"Malmö"@sv\t1200\n_:b1\t"Okänd"\t\n',
        truncated: false,
      });
    });

    it('reads a relative IRI against the endpoint’s own IRI, whether or not the row cap rewrites the query', () => {
      const within = run('SELECT ?iri WHERE { BIND(<kommun/1880> AS ?iri) } LIMIT 1', { format: 'csv' });
      const rewritten = run('SELECT ?iri WHERE { BIND(<kommun/1880> AS ?iri) }', { format: 'csv' });
      for (const reply of [within, rewritten]) expect(bodyOf(reply)).toBe('iri\r\nhttps://w3id.org/kulturskola/kommun/1880\r\n');
    });

    it('reads an escaped local name as the IRI it spells, whether or not the row cap rewrites the query', () => {
      const within = run(`${PREFIX}SELECT ?iri WHERE { BIND(ex:kommun\\/1880 AS ?iri) } LIMIT 1`, { format: 'csv' });
      const rewritten = run(`${PREFIX}SELECT ?iri WHERE { BIND(ex:kommun\\/1880 AS ?iri) }`, { format: 'csv' });
      for (const reply of [within, rewritten]) expect(bodyOf(reply)).toBe('iri\r\nhttps://example.org/kommun/1880\r\n');
    });
  });

  describe('answers an ASK', () => {
    it.each([
      ['application/sparql-results+json', '{"head":{},"boolean":true}', '{"head":{},"boolean":false}'],
      [
        'application/sparql-results+xml',
        '<?xml version="1.0"?><sparql xmlns="http://www.w3.org/2005/sparql-results#"><head></head><boolean>true</boolean></sparql>',
        '<?xml version="1.0"?><sparql xmlns="http://www.w3.org/2005/sparql-results#"><head></head><boolean>false</boolean></sparql>',
      ],
      ['text/csv', 'true', 'false'],
      ['text/tab-separated-values', 'true', 'false'],
    ])('as %s', (mediaType, yes, no) => {
      expect(run(`${PREFIX}ASK { ex:lund ex:partner ?partner }`, { accept: mediaType })).toStrictEqual({ ok: true, mediaType, body: yes, truncated: false });
      expect(run(`${PREFIX}ASK { ex:malmo ex:partner ?partner }`, { accept: mediaType })).toStrictEqual({ ok: true, mediaType, body: no, truncated: false });
    });
  });

  describe('answers a CONSTRUCT', () => {
    it('in Turtle when the client states no preference', () => {
      expect(run(schoolsQuery)).toStrictEqual({
        ok: true,
        mediaType: 'text/turtle',
        body:
          '<https://example.org/lund> <https://example.org/pupils> 800 ;\n\t<https://example.org/name> "Lund"@sv .\n' +
          '<https://example.org/malmo> <https://example.org/pupils> 1200 ;\n\t<https://example.org/name> "Malmö"@sv .\n',
        truncated: false,
      });
    });

    it('in N-Triples, JSON-LD or RDF/XML when Accept asks for one', () => {
      expect(run(schoolsQuery, { accept: 'application/n-triples' })).toStrictEqual({
        ok: true,
        mediaType: 'application/n-triples',
        body:
          '<https://example.org/lund> <https://example.org/pupils> "800"^^<http://www.w3.org/2001/XMLSchema#integer> .\n' +
          '<https://example.org/lund> <https://example.org/name> "Lund"@sv .\n' +
          '<https://example.org/malmo> <https://example.org/pupils> "1200"^^<http://www.w3.org/2001/XMLSchema#integer> .\n' +
          '<https://example.org/malmo> <https://example.org/name> "Malmö"@sv .\n',
        truncated: false,
      });
      const jsonLd = run(schoolsQuery, { accept: 'application/ld+json' });
      expect(jsonLd).toMatchObject({ ok: true, mediaType: 'application/ld+json', truncated: false });
      expect(JSON.parse(bodyOf(jsonLd))).toEqual([
        {
          '@id': 'https://example.org/lund',
          'https://example.org/name': [{ '@language': 'sv', '@value': 'Lund' }],
          'https://example.org/pupils': [{ '@type': 'http://www.w3.org/2001/XMLSchema#integer', '@value': '800' }],
        },
        {
          '@id': 'https://example.org/malmo',
          'https://example.org/name': [{ '@language': 'sv', '@value': 'Malmö' }],
          'https://example.org/pupils': [{ '@type': 'http://www.w3.org/2001/XMLSchema#integer', '@value': '1200' }],
        },
      ]);
      expect(run(schoolsQuery, { accept: 'application/rdf+xml' })).toStrictEqual({
        ok: true,
        mediaType: 'application/rdf+xml',
        body:
          '<?xml version="1.0" encoding="UTF-8"?>\n<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:its="http://www.w3.org/2005/11/its">\n' +
          '\t<rdf:Description rdf:about="https://example.org/lund">\n' +
          '\t\t<pupils xmlns="https://example.org/" rdf:datatype="http://www.w3.org/2001/XMLSchema#integer">800</pupils>\n' +
          '\t\t<name xmlns="https://example.org/" xml:lang="sv">Lund</name>\n\t</rdf:Description>\n' +
          '\t<rdf:Description rdf:about="https://example.org/malmo">\n' +
          '\t\t<pupils xmlns="https://example.org/" rdf:datatype="http://www.w3.org/2001/XMLSchema#integer">1200</pupils>\n' +
          '\t\t<name xmlns="https://example.org/" xml:lang="sv">Malmö</name>\n\t</rdf:Description>\n' +
          '</rdf:RDF>',
        truncated: false,
      });
    });

    it('keeps the blank node labels of the data and escapes line breaks and quotes', () => {
      const reply = run('CONSTRUCT { ?s ?p ?o } WHERE { GRAPH <https://example.org/g2> { ?s ?p ?o } }', { format: 'nt' });
      expect(sortedLines(bodyOf(reply))).toEqual([
        '<https://example.org/lund> <https://example.org/note> "line\\nbreak, \\"quoted\\"" .',
        '<https://example.org/lund> <https://example.org/partner> _:b1 .',
        '_:b1 <https://example.org/name> "Okänd" .',
      ]);
    });
  });

  describe('answers a DESCRIBE', () => {
    it('with what every graph says of the resource and of the blank nodes it leads to', () => {
      const reply = run('DESCRIBE <https://example.org/lund>', { format: 'nt' });
      expect(reply).toMatchObject({ ok: true, mediaType: 'application/n-triples', truncated: false });
      expect(sortedLines(bodyOf(reply))).toEqual([
        '<https://example.org/lund> <https://example.org/name> "Lund"@sv .',
        '<https://example.org/lund> <https://example.org/note> "line\\nbreak, \\"quoted\\"" .',
        '<https://example.org/lund> <https://example.org/partner> _:b1 .',
        '<https://example.org/lund> <https://example.org/pupils> "800"^^<http://www.w3.org/2001/XMLSchema#integer> .',
        '_:b1 <https://example.org/name> "Okänd" .',
      ]);
    });
  });

  describe('chooses the result format', () => {
    it('by the q-values of Accept', () => {
      expect(run(namesQuery, { accept: 'text/csv;q=0.5, text/tab-separated-values;q=0.9' })).toMatchObject({ ok: true, mediaType: 'text/tab-separated-values' });
      expect(run(schoolsQuery, { accept: 'text/turtle;q=0.2, application/n-triples' })).toMatchObject({ ok: true, mediaType: 'application/n-triples' });
    });

    it('by the first offer that a wildcard allows', () => {
      expect(run(namesQuery, { accept: '*/*' })).toMatchObject({ ok: true, mediaType: 'application/sparql-results+json' });
      expect(run(namesQuery, { accept: 'application/*' })).toMatchObject({ ok: true, mediaType: 'application/sparql-results+json' });
      expect(run(schoolsQuery, { accept: 'text/*' })).toMatchObject({ ok: true, mediaType: 'text/turtle' });
      expect(run(namesQuery, { accept: 'text/*' })).toMatchObject({ ok: true, mediaType: 'text/csv' });
    });

    it('never by a media type that Accept refuses with q=0', () => {
      expect(run(namesQuery, { accept: 'application/sparql-results+json;q=0, */*' })).toMatchObject({ ok: true, mediaType: 'application/sparql-results+xml' });
      expect(run(schoolsQuery, { accept: 'text/turtle;q=0, */*' })).toMatchObject({ ok: true, mediaType: 'application/n-triples' });
    });

    it('by the format parameter when Accept allows it', () => {
      expect(run(namesQuery, { accept: '*/*', format: 'tsv' })).toMatchObject({ ok: true, mediaType: 'text/tab-separated-values' });
      expect(run(schoolsQuery, { format: 'application/ld+json' })).toMatchObject({ ok: true, mediaType: 'application/ld+json' });
    });

    it('refuses with 406 an Accept that allows nothing the query form can answer with, listing what it offers', () => {
      expect(run(schoolsQuery, { accept: 'text/csv' })).toStrictEqual({
        ok: false,
        status: 406,
        message:
          'None of the media types in Accept: "text/csv" is offered here; offered: ttl (text/turtle), nt (application/n-triples), jsonld (application/ld+json), rdf (application/rdf+xml)',
      });
    });

    it('refuses with 400 a format that the query form does not offer', () => {
      expect(run(namesQuery, { format: 'turtle' })).toStrictEqual({
        ok: false,
        status: 400,
        message:
          'Unknown format "turtle"; offered: json (application/sparql-results+json), xml (application/sparql-results+xml), csv (text/csv), tsv (text/tab-separated-values)',
      });
    });
  });

  describe('caps the rows', () => {
    const everyName = 'SELECT ?name WHERE { ?s <https://example.org/name> ?name } ORDER BY ?name';

    it('sends the first maxRows solutions of a SELECT that has more, marked as truncated by rows', () => {
      const reply = run(everyName, { maxRows: 2 });
      expect(reply).toMatchObject({ ok: true, truncated: 'rows' });
      expect(JSON.parse(bodyOf(reply))).toEqual({
        head: { vars: ['name'] },
        results: { bindings: [literalBinding('Lund', 'sv'), literalBinding('Malmo', 'en')] },
        truncated: true,
      });
      expect(run(everyName, { maxRows: 2, format: 'csv' })).toStrictEqual({ ok: true, mediaType: 'text/csv', body: 'name\r\nLund\r\nMalmo\r\n', truncated: 'rows' });
    });

    it('sends every solution of a SELECT that has exactly maxRows', () => {
      expect(run(everyName, { maxRows: 4, format: 'csv' })).toStrictEqual({ ok: true, mediaType: 'text/csv', body: 'name\r\nLund\r\nMalmo\r\nMalmö\r\nOkänd\r\n', truncated: false });
    });

    it('keeps a LIMIT of the query’s own within maxRows, without marking the answer truncated', () => {
      expect(run(`${everyName} LIMIT 2`, { maxRows: 2, format: 'csv' })).toStrictEqual({ ok: true, mediaType: 'text/csv', body: 'name\r\nLund\r\nMalmo\r\n', truncated: false });
    });

    it('cuts a LIMIT of the query’s own beyond maxRows to maxRows', () => {
      expect(run(`${everyName} LIMIT 3`, { maxRows: 2, format: 'csv' })).toStrictEqual({ ok: true, mediaType: 'text/csv', body: 'name\r\nLund\r\nMalmo\r\n', truncated: 'rows' });
    });

    it('builds a CONSTRUCT from the first maxRows solutions of its pattern, and marks it truncated when there are more', () => {
      const names = `${PREFIX}CONSTRUCT { ?s ex:name ?name } WHERE { ?s ex:name ?name } ORDER BY ?name`;
      expect(run(names, { maxRows: 3, format: 'nt' })).toStrictEqual({
        ok: true,
        mediaType: 'application/n-triples',
        body:
          '<https://example.org/lund> <https://example.org/name> "Lund"@sv .\n' +
          '<https://example.org/malmo> <https://example.org/name> "Malmo"@en .\n' +
          '<https://example.org/malmo> <https://example.org/name> "Malmö"@sv .\n',
        truncated: 'rows',
      });
      expect(run(names, { maxRows: 4, format: 'nt' })).toMatchObject({ ok: true, truncated: false });
    });

    it('asks about more solutions in the same dataset as the CONSTRUCT', () => {
      const partners = 'CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }';
      expect(run(partners, { maxRows: 3, format: 'nt', dataset: { defaultGraphs: [G2], namedGraphs: [] } })).toMatchObject({ ok: true, truncated: false });
      expect(run(partners, { maxRows: 2, format: 'nt', dataset: { defaultGraphs: [G2], namedGraphs: [] } })).toMatchObject({ ok: true, truncated: 'rows' });
    });

    it('sends a DESCRIBE without a pattern whole, whatever maxRows is', () => {
      expect(sortedLines(bodyOf(run('DESCRIBE <https://example.org/malmo>', { maxRows: 1, format: 'nt' })))).toEqual([
        '<https://example.org/malmo> <https://example.org/founded> "1950-09-01"^^<http://www.w3.org/2001/XMLSchema#date> .',
        '<https://example.org/malmo> <https://example.org/name> "Malmo"@en .',
        '<https://example.org/malmo> <https://example.org/name> "Malmö"@sv .',
        '<https://example.org/malmo> <https://example.org/pupils> "1200"^^<http://www.w3.org/2001/XMLSchema#integer> .',
      ]);
    });
  });

  describe('caps the bytes', () => {
    it('cuts a SELECT at the last solution that fits maxResultBytes, marked as truncated by bytes', () => {
      // "name\r\nLund\r\nMalmo\r\n" is 19 bytes; "Malmö\r\n" would make it 27.
      expect(run('SELECT ?name WHERE { ?s <https://example.org/name> ?name } ORDER BY ?name', { format: 'csv', maxResultBytes: 26 })).toStrictEqual({
        ok: true,
        mediaType: 'text/csv',
        body: 'name\r\nLund\r\nMalmo\r\n',
        truncated: 'bytes',
      });
    });

    it('cuts a CONSTRUCT at a statement, marked as truncated by bytes rather than rows', () => {
      const first = '<https://example.org/lund> <https://example.org/pupils> "800"^^<http://www.w3.org/2001/XMLSchema#integer> .\n';
      expect(run(schoolsQuery, { format: 'nt', maxRows: 2, maxResultBytes: Buffer.byteLength(first) })).toStrictEqual({
        ok: true,
        mediaType: 'application/n-triples',
        body: first,
        truncated: 'bytes',
      });
    });
  });

  describe('at the edge of maxResultBytes', () => {
    const swedishNames = `${PREFIX}SELECT ?name WHERE { GRAPH ex:g1 { ?school ex:name ?name FILTER(lang(?name) = "sv") } } ORDER BY ?name`;
    const swedishNameTriples = `${PREFIX}CONSTRUCT { ?school ex:name ?name } WHERE { GRAPH ex:g1 { ?school ex:name ?name FILTER(lang(?name) = "sv") } } ORDER BY ?name`;
    const jsonHead = '{"head":{"vars":["name"]},"results":{"bindings":[{"name":{"type":"literal","value":"Lund","xml:lang":"sv"}}';
    const xmlHead =
      '<?xml version="1.0"?><sparql xmlns="http://www.w3.org/2005/sparql-results#"><head><variable name="name"/></head><results>' +
      '<result><binding name="name"><literal xml:lang="sv">Lund</literal></binding></result>';
    const lundTriple = '<https://example.org/lund> <https://example.org/name> "Lund"@sv .\n';
    const jsonLdLund = '[{"@id":"https://example.org/lund","https://example.org/name":[{"@language":"sv","@value":"Lund"}]}';
    const rdfLund =
      '<?xml version="1.0" encoding="UTF-8"?>\n<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:its="http://www.w3.org/2005/11/its">\n' +
      '\t<rdf:Description rdf:about="https://example.org/lund">\n\t\t<name xmlns="https://example.org/" xml:lang="sv">Lund</name>\n\t</rdf:Description>';

    // The format, the query, the whole answer and what is left of it without its last solution or statement.
    it.each([
      ['json', swedishNames, `${jsonHead},{"name":{"type":"literal","value":"Malmö","xml:lang":"sv"}}]}}`, `${jsonHead}]},"truncated":true}`],
      [
        'xml',
        swedishNames,
        `${xmlHead}<result><binding name="name"><literal xml:lang="sv">Malmö</literal></binding></result></results></sparql>`,
        `${xmlHead}</results></sparql>`,
      ],
      ['csv', swedishNames, 'name\r\nLund\r\nMalmö\r\n', 'name\r\nLund\r\n'],
      ['tsv', swedishNames, '?name\n"Lund"@sv\n"Malmö"@sv\n', '?name\n"Lund"@sv\n'],
      ['ttl', swedishNameTriples, `${lundTriple}<https://example.org/malmo> <https://example.org/name> "Malmö"@sv .\n`, lundTriple],
      ['nt', swedishNameTriples, `${lundTriple}<https://example.org/malmo> <https://example.org/name> "Malmö"@sv .\n`, lundTriple],
      ['jsonld', swedishNameTriples, `${jsonLdLund},{"@id":"https://example.org/malmo","https://example.org/name":[{"@language":"sv","@value":"Malmö"}]}]`, `${jsonLdLund}]`],
      [
        'rdf',
        swedishNameTriples,
        `${rdfLund}\n\t<rdf:Description rdf:about="https://example.org/malmo">\n\t\t<name xmlns="https://example.org/" xml:lang="sv">Malmö</name>\n\t</rdf:Description>\n</rdf:RDF>`,
        `${rdfLund}\n</rdf:RDF>`,
      ],
    ])('sends an answer exactly maxResultBytes long whole and untruncated, and one a byte longer cut after its last whole item, in %s', (format, query, whole, cut) => {
      const { mediaType } = run(query, { format }) as { mediaType: string };
      expect(run(query, { format })).toStrictEqual({ ok: true, mediaType, body: whole, truncated: false });
      expect(run(query, { format, maxResultBytes: Buffer.byteLength(whole) })).toStrictEqual({ ok: true, mediaType, body: whole, truncated: false });
      expect(run(query, { format, maxResultBytes: Buffer.byteLength(whole) - 1 })).toStrictEqual({ ok: true, mediaType, body: cut, truncated: 'bytes' });
    });

    it('sends a SELECT in SPARQL JSON whole whenever it fits, though the ending of a cut answer is longer than its own', () => {
      const whole = bodyOf(run(swedishNames));
      for (let maxResultBytes = Buffer.byteLength(whole); maxResultBytes <= Buffer.byteLength(whole) + 20; maxResultBytes++) {
        expect(run(swedishNames, { maxResultBytes })).toStrictEqual({ ok: true, mediaType: 'application/sparql-results+json', body: whole, truncated: false });
      }
    });
  });

  describe('answers from the dataset', () => {
    const count = 'SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }';
    const graphs = 'SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g';

    it('whose default graph is the union of all named graphs when neither the job nor the query names one', () => {
      expect(bodyOf(run(count, { format: 'csv' }))).toBe('n\r\n9\r\n');
      expect(bodyOf(run(graphs, { format: 'csv' }))).toBe(`g,n\r\n${G1},6\r\n${G2},3\r\n`);
    });

    it('that default-graph-uri and named-graph-uri describe', () => {
      expect(bodyOf(run(count, { format: 'csv', dataset: { defaultGraphs: [G2], namedGraphs: [] } }))).toBe('n\r\n3\r\n');
      expect(bodyOf(run(count, { format: 'csv', dataset: { defaultGraphs: [G1, G2], namedGraphs: [] } }))).toBe('n\r\n9\r\n');
      expect(bodyOf(run(count, { format: 'csv', dataset: { defaultGraphs: [], namedGraphs: [G1] } }))).toBe('n\r\n0\r\n');
      expect(bodyOf(run(graphs, { format: 'csv', dataset: { defaultGraphs: [G1], namedGraphs: [G2] } }))).toBe(`g,n\r\n${G2},3\r\n`);
    });

    it('that the query’s FROM and FROM NAMED describe', () => {
      expect(bodyOf(run(`SELECT (COUNT(*) AS ?n) FROM <${G2}> WHERE { ?s ?p ?o }`, { format: 'csv' }))).toBe('n\r\n3\r\n');
      expect(bodyOf(run(`SELECT (COUNT(*) AS ?n) FROM NAMED <${G1}> WHERE { ?s ?p ?o }`, { format: 'csv' }))).toBe('n\r\n0\r\n');
      expect(bodyOf(run(`SELECT ?g (COUNT(*) AS ?n) FROM NAMED <${G2}> WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g`, { format: 'csv' }))).toBe(`g,n\r\n${G2},3\r\n`);
    });

    it('of the protocol rather than the query’s FROM when both name one', () => {
      expect(bodyOf(run(`SELECT (COUNT(*) AS ?n) FROM <${G1}> WHERE { ?s ?p ?o }`, { format: 'csv', dataset: { defaultGraphs: [G2], namedGraphs: [] } }))).toBe('n\r\n3\r\n');
    });
  });

  describe('refuses with 400', () => {
    it('a query that is not SPARQL, with the parser’s message', () => {
      expect(run('SELECT * WHERE { ex:lund ?p ?o }')).toStrictEqual({ ok: false, status: 400, message: 'The query is not valid SPARQL: Unknown prefix: ex' });
    });

    it('an update, naming it', () => {
      expect(run(`INSERT DATA { GRAPH <${G1}> { <https://example.org/umea> <https://example.org/pupils> 10 } }`)).toStrictEqual({
        ok: false,
        status: 400,
        message: 'This endpoint is read-only: SPARQL Update (INSERT DATA) is not accepted, only SELECT, ASK, CONSTRUCT and DESCRIBE',
      });
      expect(bodyOf(run('SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }', { format: 'csv' }))).toBe('n\r\n9\r\n');
    });

    it('a query beyond the job’s complexity limits, naming the limit', () => {
      const complexity = { maxExpressionDepth: 2, maxPathSteps: 2, maxStringGrowth: 2 };
      expect(run(`${PREFIX}ASK { FILTER(1 + 2 + 3 > 0) }`, { complexity })).toStrictEqual({
        ok: false,
        status: 400,
        message: 'The query is too complex for the engine: an expression nests operations 3 levels deep (a chain such as a || b || c nests one level per operator); the limit is 2',
      });
      expect(run(`${PREFIX}ASK { FILTER(1 + 2 > 0) }`, { complexity })).toMatchObject({ ok: true, body: '{"head":{},"boolean":true}' });
      expect(run(`${PREFIX}ASK { ex:lund ex:partner/ex:name/ex:name ?name }`, { complexity })).toStrictEqual({
        ok: false,
        status: 400,
        message: 'The query is too complex for the engine: a property path has 3 steps; the limit is 2',
      });
      expect(run(`${PREFIX}ASK { ex:lund ex:partner/ex:name ?name }`, { complexity })).toMatchObject({ ok: true, body: '{"head":{},"boolean":true}' });
      expect(run(`${PREFIX}ASK { ?s ex:name ?name BIND(CONCAT(?name, ?name, ?name) AS ?long) }`, { complexity })).toStrictEqual({
        ok: false,
        status: 400,
        message:
          'The query is too complex for the engine: it can build strings about 3 times as long as the values it reads (CONCAT or REPLACE over bound variables); the limit is 2',
      });
      expect(run(`${PREFIX}ASK { ?s ex:name ?name BIND(CONCAT(?name, ?name) AS ?long) }`, { complexity })).toMatchObject({ ok: true, body: '{"head":{},"boolean":true}' });
    });

    it('a query that the engine refuses, with the engine’s message', () => {
      expect(run('SELECT ?o WHERE { ?s ?p ?o FILTER(<https://example.org/unknownFunction>(?o)) }')).toStrictEqual({
        ok: false,
        status: 400,
        message: 'The query engine refused the query: The custom function <https://example.org/unknownFunction> is not supported',
      });
      expect(run('SELECT * WHERE { ?s <https://example.org/%zz> ?o } LIMIT 1')).toStrictEqual({
        ok: false,
        status: 400,
        message: 'The query engine refused the query: error at 1:46: expected IRI parsing failed',
      });
    });
  });

  describe('refuses with 400 a graph IRI of the dataset that the engine does not take', () => {
    it.each([
      ['default-graph-uri', { defaultGraphs: [G1, 'http://example.org/%zz'], namedGraphs: [] }, "Invalid IRI percent encoding '%zz'"],
      ['named-graph-uri', { defaultGraphs: [], namedGraphs: ['http://example.org/a[1]'] }, "Invalid IRI code point '['"],
    ])('naming the %s parameter and its value, and keeps the worker', (parameter, dataset, why) => {
      const iri = [...dataset.defaultGraphs, ...dataset.namedGraphs].at(-1)!;
      expect(run(namesQuery, { dataset })).toStrictEqual({
        ok: false,
        status: 400,
        message: `The ${parameter} parameter must be an absolute IRI, but got: ${JSON.stringify(iri)}; the query engine refused it: ${why}`,
      });
    });

    it('naming only the first 200 characters of a longer value', () => {
      const iri = `https://example.org/%zz/${'a'.repeat(300)}`;
      expect(run(namesQuery, { dataset: { defaultGraphs: [iri], namedGraphs: [] } })).toStrictEqual({
        ok: false,
        status: 400,
        message: `The default-graph-uri parameter must be an absolute IRI, but got: "https://example.org/%zz/${'a'.repeat(176)}"; the query engine refused it: Invalid IRI percent encoding '%zz'`,
      });
    });
  });

  describe('refuses RDF/XML with 406', () => {
    const refusal = (iri: string) =>
      `These results cannot be written as RDF/XML: the IRI <${iri}> does not end in an XML name, which RDF/XML needs for a predicate or a class; ask for Turtle (text/turtle), N-Triples (application/n-triples) or JSON-LD (application/ld+json)`;

    it('for a predicate whose IRI ends in no XML name, naming the IRI as written', () => {
      const query = `${PREFIX}CONSTRUCT { ?school <https://example.org/stats?year=2024&kind='pupils'/2024> ?pupils } WHERE { ?school ex:pupils ?pupils }`;
      expect(run(query, { format: 'rdf' })).toStrictEqual({ ok: false, status: 406, message: refusal("https://example.org/stats?year=2024&kind='pupils'/2024") });
      expect(run(query, { format: 'ttl' })).toMatchObject({ ok: true, mediaType: 'text/turtle', truncated: false });
    });

    it('for a class whose IRI ends in no XML name', () => {
      const query = `${PREFIX}CONSTRUCT { ?school a <https://example.org/types/1> } WHERE { ?school ex:pupils ?pupils }`;
      expect(run(query, { accept: 'application/rdf+xml' })).toStrictEqual({ ok: false, status: 406, message: refusal('https://example.org/types/1') });
    });

    it('but not for a literal that reads like such markup, in RDF/XML or in Turtle', () => {
      const query = `${PREFIX}CONSTRUCT { ex:lund ex:note "<oxprefix: xmlns:oxprefix=\\"x\\"" } WHERE {}`;
      expect(run(query, { format: 'rdf' })).toMatchObject({ ok: true, mediaType: 'application/rdf+xml', truncated: false });
      expect(run(query, { format: 'ttl' })).toStrictEqual({
        ok: true,
        mediaType: 'text/turtle',
        body: '<https://example.org/lund> <https://example.org/note> "<oxprefix: xmlns:oxprefix=\\"x\\"" .\n',
        truncated: false,
      });
    });

    it('never for a table, not even CSV, whose doubled quotes make a value read like such markup', () => {
      const query = 'SELECT ?note WHERE { BIND("<oxprefix: xmlns:oxprefix=\\"x\\"" AS ?note) }';
      expect(run(query, { format: 'csv' })).toStrictEqual({ ok: true, mediaType: 'text/csv', body: 'note\r\n"<oxprefix: xmlns:oxprefix=""x"""\r\n', truncated: false });
    });
  });

  describe('when the engine fails', () => {
    it('answers a query that outgrows the engine’s memory with 400 naming the limit, and asks for a fresh worker', () => {
      const small = loadFreshOxigraph(32);
      const doublings = Array.from({ length: 30 }, (_, index) => `BIND(CONCAT(?v${index}, ?v${index}) AS ?v${index + 1})`).join(' ');
      const reply = runQuery(small, storeOf(small, TRIG), job(`SELECT (STRLEN(?v30) AS ?length) WHERE { BIND("ab" AS ?v0) ${doublings} }`, {
        complexity: { ...defaultQueryComplexityLimits, maxStringGrowth: 2 ** 31 },
      }));
      expect(reply).toMatchObject({
        ok: false,
        status: 400,
        message: "The query is too complex for the engine: it needed more memory than the engine's limit of 32 MB",
        engineFailure: true,
        replaceWorker: true,
      });
      expect((reply as { detail: string }).detail).toMatch(/^RuntimeError: unreachable\n/);
    });

    it('answers graph IRIs of the dataset that outgrow the engine’s memory as the engine failing, not as a bad IRI, and asks for a fresh worker', () => {
      const small = loadFreshOxigraph(16);
      // The engine takes in the first 8 MB IRI, and runs out of memory taking in the second.
      const huge = (graph: number) => `https://example.org/${graph}/${'a'.repeat(8_000_000)}`;
      const reply = runQuery(small, new small.oxigraph.Store(), job(namesQuery, { dataset: { defaultGraphs: [huge(1), huge(2)], namedGraphs: [] } }));
      expect(reply).toStrictEqual({
        ok: false,
        status: 400,
        message: "The query is too complex for the engine: it needed more memory than the engine's limit of 16 MB",
        detail: expect.stringMatching(/^RuntimeError: unreachable\n/),
        engineFailure: true,
        replaceWorker: true,
      });
    });

    const stack = 'it ran out of stack (its expressions, paths or patterns nest too deep)';
    it.each([
      ['a stack overflow in JavaScript', () => new RangeError('Maximum call stack size exceeded'), stack],
      ['a stack overflow in WebAssembly', () => new WasmRuntimeError('memory access out of bounds'), stack],
      ['an answer too long for a string', () => new RangeError('Invalid string length'), 'its answer is larger than the engine can hand over (Invalid string length)'],
      ['any other trap', () => new WasmRuntimeError('unreachable'), 'the engine stopped on it with an internal error (unreachable)'],
    ])('answers %s with 400 saying why the query is too complex, and asks for a fresh worker', (_name, failure, why) => {
      const error = failure();
      expect(runFailing(error, { before: 1_000, after: 1_000, maxMemoryBytes: 10_000 })).toStrictEqual({
        ok: false,
        status: 400,
        message: `The query is too complex for the engine: ${why}`,
        detail: error.stack,
        engineFailure: true,
        replaceWorker: true,
      });
    });

    it('tells a trap after the memory grew, or when it is nearly full, as running out of memory', () => {
      const memory = (before: number, after: number) => runFailing(new WasmRuntimeError('unreachable'), { before, after, maxMemoryBytes: 10 * 1_048_576 });
      const outOfMemory = "The query is too complex for the engine: it needed more memory than the engine's limit of 10 MB";
      const internal = 'The query is too complex for the engine: the engine stopped on it with an internal error (unreachable)';
      expect(memory(1_000, 1_001)).toMatchObject({ message: outOfMemory });
      expect(memory(1_000, 1_000)).toMatchObject({ message: internal });
      expect(memory(9 * 1_048_576, 9 * 1_048_576)).toMatchObject({ message: outOfMemory });
      expect(memory(9 * 1_048_576 - 1, 9 * 1_048_576 - 1)).toMatchObject({ message: internal });
    });

    it('names the memory limit in whole megabytes, rounded', () => {
      const limit = (maxMemoryBytes: number) => runFailing(new WasmRuntimeError('unreachable'), { before: 0, after: 1, maxMemoryBytes });
      expect(limit(Math.round(31.4 * 1_048_576))).toMatchObject({ message: "The query is too complex for the engine: it needed more memory than the engine's limit of 31 MB" });
      expect(limit(Math.round(31.6 * 1_048_576))).toMatchObject({ message: "The query is too complex for the engine: it needed more memory than the engine's limit of 32 MB" });
    });

    it('shortens a long engine message to 300 characters', () => {
      const reply = (length: number) => runFailing(new RangeError('x'.repeat(length)), { before: 0, after: 0, maxMemoryBytes: 10_000 });
      const prefix = 'The query is too complex for the engine: its answer is larger than the engine can hand over';
      expect(reply(300)).toMatchObject({ message: `${prefix} (${'x'.repeat(300)})` });
      expect(reply(301)).toMatchObject({ message: `${prefix} (${'x'.repeat(299)}…)` });
    });

    it('answers an error the engine raises for the query with 400 and its message, shortened, keeping the worker', () => {
      const refused = (error: unknown) => runFailing(error, { before: 0, after: 0, maxMemoryBytes: 10_000 });
      expect(refused(new Error('no such thing'))).toStrictEqual({ ok: false, status: 400, message: 'The query engine refused the query: no such thing' });
      expect(refused('a thrown string')).toStrictEqual({ ok: false, status: 400, message: 'The query engine refused the query: a thrown string' });
      expect(refused(new Error('y'.repeat(300)))).toStrictEqual({ ok: false, status: 400, message: `The query engine refused the query: ${'y'.repeat(300)}` });
      expect(refused(new Error('y'.repeat(301)))).toStrictEqual({ ok: false, status: 400, message: `The query engine refused the query: ${'y'.repeat(299)}…` });
    });

    it('answers an error in asking whether a CONSTRUCT has more solutions as the engine’s refusal', () => {
      let calls = 0;
      const store = {
        query: () => {
          calls++;
          if (calls === 1) return '<https://example.org/a> <https://example.org/b> <https://example.org/c> .\n';
          throw new Error('the check failed');
        },
      } as unknown as Oxigraph.Store;
      expect(runQuery(engine, store, job('CONSTRUCT WHERE { ?s ?p ?o }', { maxRows: 1, format: 'nt' }))).toStrictEqual({
        ok: false,
        status: 400,
        message: 'The query engine refused the query: the check failed',
      });
      expect(calls).toBe(2);
    });

    it('answers a fault of its own with 500 and the stack for the log, and asks for a fresh worker', () => {
      const store = { query: () => undefined } as unknown as Oxigraph.Store;
      const reply = runQuery(engine, store, job('SELECT * WHERE { ?s ?p ?o }'));
      expect(reply).toMatchObject({ ok: false, status: 500, message: 'The query engine failed on this query', replaceWorker: true });
      expect(reply).not.toHaveProperty('engineFailure');
      expect((reply as { detail: string }).detail).toMatch(/^TypeError: /);
    });
  });

  describe('asks for a fresh worker', () => {
    const withMemory = (byteLength: number, maxMemoryBytes: number): OxigraphEngine => ({ ...engine, memory: memoryOf(() => byteLength), maxMemoryBytes });

    it('after an answer that leaves the engine holding more than half its memory', () => {
      const query = `${PREFIX}ASK { ex:lund ex:partner ?partner }`;
      expect(runQuery(withMemory(1_000, 2_000), store, job(query))).toStrictEqual({ ok: true, mediaType: 'application/sparql-results+json', body: '{"head":{},"boolean":true}', truncated: false });
      expect(runQuery(withMemory(1_000, 1_999), store, job(query))).toStrictEqual({
        ok: true,
        mediaType: 'application/sparql-results+json',
        body: '{"head":{},"boolean":true}',
        truncated: false,
        replaceWorker: true,
      });
    });

    it('not after a query it refuses before running it', () => {
      expect(runQuery(withMemory(1_000, 1_000), store, job('SELECT'))).toMatchObject({ ok: false, status: 400 });
      expect(runQuery(withMemory(1_000, 1_000), store, job('SELECT'))).not.toHaveProperty('replaceWorker');
    });
  });
});

/** The constructor of WebAssembly traps (the project's TypeScript libraries leave out the WebAssembly API). */
const WasmRuntimeError = (globalThis as unknown as { WebAssembly: { RuntimeError: new (message: string) => Error } }).WebAssembly.RuntimeError;

function storeOf({ oxigraph }: OxigraphEngine, trig: string): Oxigraph.Store {
  const store = new oxigraph.Store();
  // As the worker does: parse() keeps the blank node labels of the source, where load() would invent new ones.
  for (const quad of oxigraph.parse(trig, { format: 'application/trig' })) store.add(quad);
  return store;
}

function job(query: string, overrides: Partial<QueryJob> = {}): QueryJob {
  return { query, maxRows: 100, maxResultBytes: 1_000_000, complexity: defaultQueryComplexityLimits, ...overrides };
}

function run(query: string, overrides: Partial<QueryJob> = {}): QueryReply {
  return runQuery(engine, store, job(query, overrides));
}

/** Runs a query against a store that throws `error`, in an engine whose memory goes from `before` to `after` bytes meanwhile. */
function runFailing(error: unknown, { before, after, maxMemoryBytes }: { before: number; after: number; maxMemoryBytes: number }): QueryReply {
  let bytes = before;
  const failing = {
    query: () => {
      bytes = after;
      throw error;
    },
  } as unknown as Oxigraph.Store;
  return runQuery({ ...engine, memory: memoryOf(() => bytes), maxMemoryBytes }, failing, job('SELECT * WHERE { ?s ?p ?o }'));
}

function memoryOf(byteLength: () => number): OxigraphEngine['memory'] {
  return {
    get buffer() {
      return { byteLength: byteLength() } as ArrayBuffer;
    },
  };
}

function bodyOf(reply: QueryReply): string {
  if (!reply.ok) throw new Error(`expected an answer, got ${reply.status}: ${reply.message}`);
  return reply.body;
}

function sortedLines(body: string): string[] {
  return body.split('\n').filter((line) => line !== '').sort();
}

function literalBinding(value: string, language: string): { name: { type: 'literal'; value: string; 'xml:lang': string } } {
  return { name: { type: 'literal', value, 'xml:lang': language } };
}
