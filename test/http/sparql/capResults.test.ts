import { describe, expect, it } from 'vitest';
import { capResults } from '../../../src/http/sparql/capResults.js';
import type { ResultFormat } from '../../../src/http/sparql/chooseResultFormat.js';

/** Far more than any body here. */
const ANY = 1_000_000;

describe('capResults', () => {
  describe('SPARQL JSON', () => {
    const head = '{"head":{"vars":["name"]},"results":{"bindings":[';
    const lund = '{"name":{"type":"literal","value":"Lund"}}';
    const tricky = '{"name":{"type":"literal","value":"a \\"}]\\" {b"}}';
    const malmo = '{"name":{"type":"literal","value":"Malmö"}}';
    const body = `${head}${lund},${tricky},${malmo}]}}`;
    const closing = ']},"truncated":true}';

    it('sends every solution when there are no more than maxRows', () => {
      expect(capResults(body, 'json', { maxRows: 3, maxBytes: ANY })).toEqual({ body, truncated: false });
      expect(capResults(`${head}]}}`, 'json', { maxRows: 0, maxBytes: ANY })).toEqual({ body: `${head}]}}`, truncated: false });
    });

    it('keeps maxRows solutions, reading past quotes and brackets inside strings, and marks the document truncated', () => {
      expect(capResults(body, 'json', { maxRows: 2, maxBytes: ANY })).toEqual({ body: `${head}${lund},${tricky}${closing}`, truncated: 'rows' });
      expect(capResults(body, 'json', { maxRows: 1, maxBytes: ANY })).toEqual({ body: `${head}${lund}${closing}`, truncated: 'rows' });
      expect(capResults(body, 'json', { maxRows: 0, maxBytes: ANY })).toEqual({ body: `${head}${closing}`, truncated: 'rows' });
      expect(JSON.parse(capResults(body, 'json', { maxRows: 2, maxBytes: ANY }).body)).toEqual({
        head: { vars: ['name'] },
        results: { bindings: [{ name: { type: 'literal', value: 'Lund' } }, { name: { type: 'literal', value: 'a "}]" {b' } }] },
        truncated: true,
      });
    });

    it('keeps the solutions that fit maxBytes together with what closes the document', () => {
      const twoRows = `${head}${lund},${tricky}${closing}`;
      expect(capResults(body, 'json', { maxRows: 10, maxBytes: bytes(twoRows) })).toEqual({ body: twoRows, truncated: 'bytes' });
      expect(capResults(body, 'json', { maxRows: 10, maxBytes: bytes(twoRows) - 1 })).toEqual({ body: `${head}${lund}${closing}`, truncated: 'bytes' });
      expect(capResults(body, 'json', { maxRows: 10, maxBytes: bytes(body) - 1 })).toEqual({ body: twoRows, truncated: 'bytes' });
    });

    it('sends a body that fits maxBytes whole, although the ending of a cut one would not fit after its last solution', () => {
      const withClosing = bytes(`${head}${lund},${tricky},${malmo}${closing}`);
      expect(withClosing - bytes(body)).toBe(closing.length - ']}}'.length);
      for (let maxBytes = bytes(body); maxBytes < withClosing; maxBytes++) {
        expect(capResults(body, 'json', { maxRows: 3, maxBytes })).toEqual({ body, truncated: false });
        expect(capResults(body, 'json', { maxRows: 10, maxBytes })).toEqual({ body, truncated: false });
      }
    });

    it('never sends more than maxBytes when the row cap cuts a body that fits, keeping the solutions that fit with the ending', () => {
      const short = `${head}${lund},{}]}}`;
      expect(capResults(short, 'json', { maxRows: 1, maxBytes: bytes(short) })).toEqual({ body: `${head}${closing}`, truncated: 'bytes' });
      expect(capResults(short, 'json', { maxRows: 1, maxBytes: bytes(`${head}${lund}${closing}`) })).toEqual({ body: `${head}${lund}${closing}`, truncated: 'rows' });
    });

    it('sends nothing when not even the start and the ending of a cut document fit', () => {
      expect(capResults(body, 'json', { maxRows: 10, maxBytes: bytes(`${head}${closing}`) })).toEqual({ body: `${head}${closing}`, truncated: 'bytes' });
      expect(capResults(body, 'json', { maxRows: 10, maxBytes: bytes(`${head}${closing}`) - 1 })).toEqual({ body: '', truncated: 'bytes' });
      expect(capResults(body, 'json', { maxRows: 0, maxBytes: bytes(`${head}${closing}`) - 1 })).toEqual({ body: '', truncated: 'bytes' });
    });

    it('says which cap cut first', () => {
      const oneRow = `${head}${lund}${closing}`;
      expect(capResults(body, 'json', { maxRows: 1, maxBytes: bytes(oneRow) })).toEqual({ body: oneRow, truncated: 'rows' });
      expect(capResults(body, 'json', { maxRows: 2, maxBytes: bytes(oneRow) })).toEqual({ body: oneRow, truncated: 'bytes' });
    });

    it('stops before a solution whose end it cannot find', () => {
      const unclosed = `${head}${lund},{"name":{"type":"literal","value":"Malm`;
      expect(capResults(unclosed, 'json', { maxRows: 10, maxBytes: bytes(unclosed) - 1 })).toEqual({ body: `${head}${lund}${closing}`, truncated: 'bytes' });
    });

    it('sends an ASK result as it is when it fits, and nothing when it does not', () => {
      expect(capResults('{"head":{},"boolean":true}', 'json', { maxRows: 0, maxBytes: 26 })).toEqual({ body: '{"head":{},"boolean":true}', truncated: false });
      expect(capResults('{"head":{},"boolean":true}', 'json', { maxRows: 0, maxBytes: 25 })).toEqual({ body: '', truncated: 'bytes' });
    });
  });

  describe('SPARQL XML', () => {
    const head = '<?xml version="1.0"?><sparql xmlns="http://www.w3.org/2005/sparql-results#"><head><variable name="s"/></head><results>';
    const result = (value: string) => `<result><binding name="s"><literal>${value}</literal></binding></result>`;
    const body = `${head}${result('a')}${result('b &lt;/result&gt;')}${result('c')}</results></sparql>`;

    it('keeps maxRows results and closes the document', () => {
      expect(capResults(body, 'xml', { maxRows: 2, maxBytes: ANY })).toEqual({ body: `${head}${result('a')}${result('b &lt;/result&gt;')}</results></sparql>`, truncated: 'rows' });
      expect(capResults(body, 'xml', { maxRows: 3, maxBytes: ANY })).toEqual({ body, truncated: false });
    });

    it('keeps the results that fit maxBytes', () => {
      const one = `${head}${result('a')}</results></sparql>`;
      expect(capResults(body, 'xml', { maxRows: 10, maxBytes: bytes(one) })).toEqual({ body: one, truncated: 'bytes' });
      expect(capResults(body, 'xml', { maxRows: 10, maxBytes: bytes(one) - 1 })).toEqual({ body: `${head}</results></sparql>`, truncated: 'bytes' });
    });

    it('sends nothing when not even the start and the end of the document fit', () => {
      expect(capResults(body, 'xml', { maxRows: 10, maxBytes: bytes(`${head}</results></sparql>`) - 1 })).toEqual({ body: '', truncated: 'bytes' });
    });

    it('sends an ASK result as it is when it fits, and nothing when it does not', () => {
      const ask = '<?xml version="1.0"?><sparql xmlns="http://www.w3.org/2005/sparql-results#"><head></head><boolean>true</boolean></sparql>';
      expect(capResults(ask, 'xml', { maxRows: 0, maxBytes: bytes(ask) })).toEqual({ body: ask, truncated: false });
      expect(capResults(ask, 'xml', { maxRows: 0, maxBytes: bytes(ask) - 1 })).toEqual({ body: '', truncated: 'bytes' });
    });
  });

  describe('CSV', () => {
    const body = 'name\r\nLund\r\n"line\r\nbreak, ""quoted"""\r\nMalmö\r\n';

    it('keeps the header and maxRows records, a quoted line break inside one record', () => {
      expect(capResults(body, 'csv', { maxRows: 2, maxBytes: ANY })).toEqual({ body: 'name\r\nLund\r\n"line\r\nbreak, ""quoted"""\r\n', truncated: 'rows' });
      expect(capResults(body, 'csv', { maxRows: 0, maxBytes: ANY })).toEqual({ body: 'name\r\n', truncated: 'rows' });
      expect(capResults(body, 'csv', { maxRows: 3, maxBytes: ANY })).toEqual({ body, truncated: false });
    });

    it('counts a last record without a line break', () => {
      expect(capResults('name\r\nLund\r\nMalmö', 'csv', { maxRows: 1, maxBytes: ANY })).toEqual({ body: 'name\r\nLund\r\n', truncated: 'rows' });
      expect(capResults('name\r\nLund\r\nMalmö', 'csv', { maxRows: 2, maxBytes: ANY })).toEqual({ body: 'name\r\nLund\r\nMalmö', truncated: false });
    });

    it('counts the bytes of a header that is not ASCII', () => {
      const years = 'år\r\n2024\r\n2025\r\n';
      expect(capResults(years, 'csv', { maxRows: 10, maxBytes: 11 })).toEqual({ body: 'år\r\n2024\r\n', truncated: 'bytes' });
      expect(capResults(years, 'csv', { maxRows: 10, maxBytes: 10 })).toEqual({ body: 'år\r\n', truncated: 'bytes' });
    });
  });

  describe('TSV', () => {
    const body = '?name\n"Lund"@sv\n"line\\nbreak"\n"Malmö"@sv\n';

    it('keeps the header and maxRows lines', () => {
      expect(capResults(body, 'tsv', { maxRows: 2, maxBytes: ANY })).toEqual({ body: '?name\n"Lund"@sv\n"line\\nbreak"\n', truncated: 'rows' });
      expect(capResults(body, 'tsv', { maxRows: 0, maxBytes: ANY })).toEqual({ body: '?name\n', truncated: 'rows' });
      expect(capResults(body, 'tsv', { maxRows: 3, maxBytes: ANY })).toEqual({ body, truncated: false });
    });

    it('counts solutions without variables, one empty line each after an empty header', () => {
      // SELECT * WHERE { {} UNION {} UNION {} }
      expect(capResults('\n\n\n\n', 'tsv', { maxRows: 1, maxBytes: ANY })).toEqual({ body: '\n\n', truncated: 'rows' });
      expect(capResults('\n\n\n\n', 'tsv', { maxRows: 3, maxBytes: ANY })).toEqual({ body: '\n\n\n\n', truncated: false });
    });

    it('keeps the lines that fit maxBytes', () => {
      // "?name\n" is 6 bytes, "\"Lund\"@sv\n" 10.
      expect(capResults(body, 'tsv', { maxRows: 10, maxBytes: 16 })).toEqual({ body: '?name\n"Lund"@sv\n', truncated: 'bytes' });
      expect(capResults(body, 'tsv', { maxRows: 10, maxBytes: 15 })).toEqual({ body: '?name\n', truncated: 'bytes' });
    });
  });

  describe('N-Triples', () => {
    const first = '<https://example.org/a> <https://example.org/p> "line\\nbreak" .\n';
    const second = '_:b1 <https://example.org/p> "Okänd" .\n';
    const body = first + second;

    it('ignores maxRows, since triples are not solutions', () => {
      expect(capResults(body, 'nt', { maxRows: 0, maxBytes: ANY })).toEqual({ body, truncated: false });
      expect(capResults(body, 'nt', { maxRows: 1, maxBytes: bytes(body) })).toEqual({ body, truncated: false });
    });

    it('keeps the statements that fit maxBytes', () => {
      expect(capResults(body, 'nt', { maxRows: 0, maxBytes: bytes(body) - 1 })).toEqual({ body: first, truncated: 'bytes' });
      expect(capResults(body, 'nt', { maxRows: 0, maxBytes: bytes(first) })).toEqual({ body: first, truncated: 'bytes' });
      expect(capResults(body, 'nt', { maxRows: 0, maxBytes: bytes(first) - 1 })).toEqual({ body: '', truncated: 'bytes' });
    });

    it.each([
      ['U+007F', '\u007f', 1],
      ['U+0080', '\u0080', 2],
      ['U+07FF', '\u07ff', 2],
      ['U+0800', '\u0800', 3],
      ['U+D7FF', '\ud7ff', 3],
      ['U+E000', '\ue000', 3],
      ['U+FFFF', '\uffff', 3],
      ['U+10000', '\u{10000}', 4],
      ['U+1F600', '\u{1f600}', 4],
      ['U+10FFFF', '\u{10ffff}', 4],
    ])('counts %s as %i bytes', (_name, character, characterBytes) => {
      const line = `<a> <p> "${character}" .\n`;
      const lineBytes = 13 + characterBytes;
      expect(capResults(line + line, 'nt', { maxRows: 0, maxBytes: lineBytes })).toEqual({ body: line, truncated: 'bytes' });
      expect(capResults(line + line, 'nt', { maxRows: 0, maxBytes: lineBytes - 1 })).toEqual({ body: '', truncated: 'bytes' });
    });
  });

  describe('Turtle', () => {
    const first = '<https://example.org/a> <https://example.org/p> "x . y" ;\n\t<https://example.org/q> _:b1 .\n';
    const second = '_:b1 <https://example.org/p> "Okänd" .\n';
    const body = first + second;

    it('cuts after a whole statement, however many lines it takes', () => {
      expect(capResults(body, 'ttl', { maxRows: 0, maxBytes: bytes(body) - 1 })).toEqual({ body: first, truncated: 'bytes' });
      expect(capResults(body, 'ttl', { maxRows: 0, maxBytes: bytes(first) - 1 })).toEqual({ body: '', truncated: 'bytes' });
      expect(capResults(body, 'ttl', { maxRows: 0, maxBytes: bytes(body) })).toEqual({ body, truncated: false });
    });
  });

  describe('JSON-LD', () => {
    const a = '{"@id":"https://example.org/a","https://example.org/p":[{"@value":"x ] } \\" {"}]}';
    const b = '{"@id":"_:b1","https://example.org/p":[{"@value":"Okänd"}]}';
    const body = `[${a},${b}]`;

    it('cuts after a whole node object and closes the array', () => {
      expect(capResults(body, 'jsonld', { maxRows: 0, maxBytes: bytes(body) })).toEqual({ body, truncated: false });
      expect(capResults(body, 'jsonld', { maxRows: 0, maxBytes: bytes(body) - 1 })).toEqual({ body: `[${a}]`, truncated: 'bytes' });
      expect(capResults(body, 'jsonld', { maxRows: 0, maxBytes: bytes(`[${a}]`) - 1 })).toEqual({ body: '[]', truncated: 'bytes' });
    });

    it('reads past commas, spaces and line breaks between node objects', () => {
      const spaced = `[\n  ${a},\n  ${b}\n]`;
      expect(capResults(spaced, 'jsonld', { maxRows: 0, maxBytes: bytes(`[\n  ${a}]`) })).toEqual({ body: `[\n  ${a}]`, truncated: 'bytes' });
    });

    it('sends nothing of a document that is no array when it does not fit', () => {
      expect(capResults('{"@id":"https://example.org/a"}', 'jsonld', { maxRows: 0, maxBytes: 10 })).toEqual({ body: '', truncated: 'bytes' });
      expect(capResults('{"@id":"https://example.org/a"}', 'jsonld', { maxRows: 0, maxBytes: 31 })).toEqual({ body: '{"@id":"https://example.org/a"}', truncated: false });
    });
  });

  describe('RDF/XML', () => {
    const head = '<?xml version="1.0" encoding="UTF-8"?>\n<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">';
    const a =
      '\n\t<rdf:Description rdf:about="https://example.org/a?x>y">\n\t\t<p xmlns="https://example.org/" title=\'a > b\'>x</p>\n\t\t<q xmlns="https://example.org/" rdf:resource="https://example.org/b"/>\n\t</rdf:Description>';
    const b = '\n\t<rdf:Description rdf:nodeID="b1">\n\t\t<p xmlns="https://example.org/">Okänd</p>\n\t</rdf:Description>';
    const closing = '\n</rdf:RDF>';
    const body = head + a + b + closing;

    it('cuts after a whole node element, reading past > inside attribute values, and closes the document', () => {
      expect(capResults(body, 'rdf', { maxRows: 0, maxBytes: bytes(body) })).toEqual({ body, truncated: false });
      expect(capResults(body, 'rdf', { maxRows: 0, maxBytes: bytes(body) - 1 })).toEqual({ body: head + a + closing, truncated: 'bytes' });
      expect(capResults(body, 'rdf', { maxRows: 0, maxBytes: bytes(head + a + closing) - 1 })).toEqual({ body: head + closing, truncated: 'bytes' });
    });

    it('reads past quotes and > inside the attribute values of empty elements, and past quotes in text', () => {
      const c =
        '\n\t<rdf:Description rdf:about="https://example.org/c">\n\t\t<q xmlns="https://example.org/" rdf:resource="https://example.org/d>e"/>' +
        '\n\t\t<r xmlns="https://example.org/" title=\'f>g "h"\'/>\n\t\t<p xmlns="https://example.org/">\'quoted\'</p>\n\t</rdf:Description>';
      expect(capResults(head + c + b + closing, 'rdf', { maxRows: 0, maxBytes: bytes(head + c + b + closing) - 1 })).toEqual({ body: head + c + closing, truncated: 'bytes' });
    });

    it('stops before an element whose end it cannot find', () => {
      expect(capResults(`${head + a}\n\t<rdf:Description>never closed`, 'rdf', { maxRows: 0, maxBytes: bytes(head + a) + 20 })).toEqual({
        body: head + a + closing,
        truncated: 'bytes',
      });
      expect(capResults(`${head + a}\n\t<rdf:Description rdf:about="`, 'rdf', { maxRows: 0, maxBytes: bytes(head + a) + 20 })).toEqual({
        body: head + a + closing,
        truncated: 'bytes',
      });
    });

    it('sends nothing of a document without rdf:RDF when it does not fit', () => {
      expect(capResults('<other/>', 'rdf', { maxRows: 0, maxBytes: 7 })).toEqual({ body: '', truncated: 'bytes' });
      expect(capResults('<other><a/><b/></other>', 'rdf', { maxRows: 0, maxBytes: 22 })).toEqual({ body: '', truncated: 'bytes' });
    });
  });

  describe('at the edge of maxBytes', () => {
    // Each body as Oxigraph writes it, what is left of it when its last item does not fit, and when no item does.
    const jsonHead = '{"head":{"vars":["name"]},"results":{"bindings":[';
    const jsonLund = '{"name":{"type":"literal","value":"Lund","xml:lang":"sv"}}';
    const xmlHead = '<?xml version="1.0"?><sparql xmlns="http://www.w3.org/2005/sparql-results#"><head><variable name="name"/></head><results>';
    const xmlLund = '<result><binding name="name"><literal xml:lang="sv">Lund</literal></binding></result>';
    const lundTriple = '<https://example.org/lund> <https://example.org/name> "Lund"@sv .\n';
    const malmoTriple = '<https://example.org/malmo> <https://example.org/name> "Malmö"@sv .\n';
    const jsonLdLund = '{"@id":"https://example.org/lund","https://example.org/name":[{"@language":"sv","@value":"Lund"}]}';
    const rdfHead = '<?xml version="1.0" encoding="UTF-8"?>\n<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:its="http://www.w3.org/2005/11/its">';
    const rdfLund = '\n\t<rdf:Description rdf:about="https://example.org/lund">\n\t\t<name xmlns="https://example.org/" xml:lang="sv">Lund</name>\n\t</rdf:Description>';
    const cases: Array<[ResultFormat, string, string, string]> = [
      [
        'json',
        `${jsonHead}${jsonLund},{"name":{"type":"literal","value":"Malmö","xml:lang":"sv"}}]}}`,
        `${jsonHead}${jsonLund}]},"truncated":true}`,
        `${jsonHead}]},"truncated":true}`,
      ],
      [
        'xml',
        `${xmlHead}${xmlLund}<result><binding name="name"><literal xml:lang="sv">Malmö</literal></binding></result></results></sparql>`,
        `${xmlHead}${xmlLund}</results></sparql>`,
        `${xmlHead}</results></sparql>`,
      ],
      ['csv', 'name\r\nLund\r\nMalmö\r\n', 'name\r\nLund\r\n', 'name\r\n'],
      ['tsv', '?name\n"Lund"@sv\n"Malmö"@sv\n', '?name\n"Lund"@sv\n', '?name\n'],
      ['ttl', lundTriple + malmoTriple, lundTriple, ''],
      ['nt', lundTriple + malmoTriple, lundTriple, ''],
      ['jsonld', `[${jsonLdLund},{"@id":"https://example.org/malmo","https://example.org/name":[{"@language":"sv","@value":"Malmö"}]}]`, `[${jsonLdLund}]`, '[]'],
      [
        'rdf',
        `${rdfHead}${rdfLund}\n\t<rdf:Description rdf:about="https://example.org/malmo">\n\t\t<name xmlns="https://example.org/" xml:lang="sv">Malmö</name>\n\t</rdf:Description>\n</rdf:RDF>`,
        `${rdfHead}${rdfLund}\n</rdf:RDF>`,
        `${rdfHead}\n</rdf:RDF>`,
      ],
    ];

    it.each(cases)('%s: sends a body exactly maxBytes long whole, and cuts one a byte longer after its last whole item', (format, body, cut) => {
      for (const maxRows of [2, 10]) {
        expect(capResults(body, format, { maxRows, maxBytes: bytes(body) })).toEqual({ body, truncated: false });
        expect(capResults(body, format, { maxRows, maxBytes: bytes(body) - 1 })).toEqual({ body: cut, truncated: 'bytes' });
      }
    });

    it.each(cases)('%s: sends the most whole items that fit with the ending, and never more than maxBytes', (format, body, cut, empty) => {
      for (let maxBytes = 0; maxBytes <= bytes(body) + 30; maxBytes++) {
        const expected =
          maxBytes >= bytes(body)
            ? { body, truncated: false }
            : { body: maxBytes >= bytes(cut) ? cut : maxBytes >= bytes(empty) ? empty : '', truncated: 'bytes' };
        expect(capResults(body, format, { maxRows: 10, maxBytes }), `maxBytes ${maxBytes}`).toEqual(expected);
      }
    });
  });
});

function bytes(text: string): number {
  return Buffer.byteLength(text);
}
