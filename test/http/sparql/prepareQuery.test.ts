import { describe, expect, it } from 'vitest';
import { defaultQueryComplexityLimits, prepareQuery, type QueryComplexityLimits } from '../../../src/http/sparql/prepareQuery.js';
import { SparqlHttpError } from '../../../src/http/sparql/SparqlHttpError.js';

/** Small limits, so that each is easy to reach and to stay just within. */
const limits: QueryComplexityLimits = { maxExpressionDepth: 3, maxPathSteps: 2, maxStringGrowth: 4 };

const BASE = 'BASE <https://w3id.org/kulturskola/sparql>\n';

describe('prepareQuery', () => {
  describe('passes a query within every limit', () => {
    it('an ASK as it came, with no row cap', () => {
      expect(prepareQuery('ASK { ?s ?p ?o }', 10, limits)).toStrictEqual({ kind: 'boolean', text: 'ASK { ?s ?p ?o }', hasOwnDataset: false });
    });

    it('a SELECT whose own LIMIT is within maxRows as it came, with no row cap', () => {
      expect(prepareQuery('SELECT ?s WHERE { ?s ?p ?o } LIMIT 10', 10, limits)).toStrictEqual({
        kind: 'solutions',
        text: 'SELECT ?s WHERE { ?s ?p ?o } LIMIT 10',
        hasOwnDataset: false,
      });
    });

    it('a SELECT without a LIMIT, or with one beyond maxRows, rewritten to ask for one solution more than maxRows', () => {
      const rewritten = { kind: 'solutions', text: `${BASE}SELECT ?s WHERE { ?s ?p ?o. }\nLIMIT 11`, hasOwnDataset: false, cap: { kind: 'extraRow', maxRows: 10 } };
      expect(prepareQuery('SELECT ?s WHERE { ?s ?p ?o }', 10, limits)).toStrictEqual(rewritten);
      expect(prepareQuery('SELECT ?s WHERE { ?s ?p ?o } LIMIT 11', 10, limits)).toStrictEqual(rewritten);
      expect(prepareQuery('SELECT ?s WHERE { ?s ?p ?o } LIMIT 1000', 10, limits)).toStrictEqual(rewritten);
    });

    it('a CONSTRUCT without a LIMIT rewritten to take maxRows solutions, with a SELECT that finds one more', () => {
      expect(prepareQuery('PREFIX ex: <https://example.org/> CONSTRUCT { ?s ex:p ?o } WHERE { ?s ex:p ?o }', 10, limits)).toStrictEqual({
        kind: 'graph',
        text: `${BASE}PREFIX ex: <https://example.org/>\nCONSTRUCT { ?s ex:p ?o. }\nWHERE { ?s ex:p ?o. }\nLIMIT 10`,
        hasOwnDataset: false,
        cap: { kind: 'checkQuery', maxRows: 10, check: 'PREFIX ex: <https://example.org/>\nSELECT (1  AS ?more) WHERE { ?s ex:p ?o. }\nOFFSET 10\nLIMIT 1' },
      });
    });

    it('a CONSTRUCT keeping its dataset, grouping, offset and VALUES in the SELECT that finds one more, past its own offset', () => {
      const query =
        'PREFIX ex: <https://example.org/> CONSTRUCT { ?s ex:p ?more } FROM <https://example.org/g> WHERE { ?s ex:p ?more } GROUP BY ?s ?more HAVING(COUNT(*) > 0) OFFSET 5 VALUES ?s { ex:a }';
      const values = 'VALUES ?s {\n  ex:a\n}';
      expect(prepareQuery(query, 10, limits)).toStrictEqual({
        kind: 'graph',
        text: `${BASE}PREFIX ex: <https://example.org/>\nCONSTRUCT { ?s ex:p ?more. }\nFROM ex:g\nWHERE { ?s ex:p ?more. }\nGROUP BY ?s ?more\nHAVING ((COUNT(*)) > 0 )\nOFFSET 5\nLIMIT 10\n${values}`,
        hasOwnDataset: true,
        cap: {
          kind: 'checkQuery',
          maxRows: 10,
          check: `PREFIX ex: <https://example.org/>\nSELECT (1  AS ?more1) FROM ex:g\nWHERE { ?s ex:p ?more. }\nGROUP BY ?s ?more\nHAVING ((COUNT(*)) > 0 )\nOFFSET 15\nLIMIT 1\n${values}`,
        },
      });
    });

    it('names the extra solution with a variable that the query does not use', () => {
      expect(prepareQuery('CONSTRUCT { ?more ?more1 ?o } WHERE { ?more ?more1 ?o } LIMIT 11', 10, limits)).toMatchObject({
        cap: { kind: 'checkQuery', maxRows: 10, check: 'SELECT (1  AS ?more2) WHERE { ?more ?more1 ?o. }\nOFFSET 10\nLIMIT 1' },
      });
    });

    it('names the extra solution ?more when the query spells "more" only in a literal', () => {
      expect(prepareQuery('CONSTRUCT { ?s ?p "more" } WHERE { ?s ?p "more" }', 10, limits)).toMatchObject({
        cap: { kind: 'checkQuery', maxRows: 10, check: 'SELECT (1  AS ?more) WHERE { ?s ?p "more". }\nOFFSET 10\nLIMIT 1' },
      });
    });

    it('a CONSTRUCT whose own LIMIT is within maxRows as it came, with no row cap', () => {
      expect(prepareQuery('CONSTRUCT WHERE { ?s ?p ?o } LIMIT 10', 10, limits)).toStrictEqual({ kind: 'graph', text: 'CONSTRUCT WHERE { ?s ?p ?o } LIMIT 10', hasOwnDataset: false });
    });

    it('a DESCRIBE without a pattern as it came, and one with a pattern capped as a CONSTRUCT is', () => {
      expect(prepareQuery('DESCRIBE <https://example.org/a>', 10, limits)).toStrictEqual({ kind: 'graph', text: 'DESCRIBE <https://example.org/a>', hasOwnDataset: false });
      expect(prepareQuery('DESCRIBE ?s WHERE { ?s ?p ?o } LIMIT 3', 10, limits)).toStrictEqual({ kind: 'graph', text: 'DESCRIBE ?s WHERE { ?s ?p ?o } LIMIT 3', hasOwnDataset: false });
      expect(prepareQuery('DESCRIBE ?s WHERE { ?s ?p ?o }', 10, limits)).toStrictEqual({
        kind: 'graph',
        text: `${BASE}DESCRIBE ?s WHERE { ?s ?p ?o. }\nLIMIT 10`,
        hasOwnDataset: false,
        cap: { kind: 'checkQuery', maxRows: 10, check: 'SELECT (1  AS ?more) WHERE { ?s ?p ?o. }\nOFFSET 10\nLIMIT 1' },
      });
    });

    it('says whether the query chooses its own dataset with FROM or FROM NAMED', () => {
      const own = (dataset: string) => prepareQuery(`SELECT ?s ${dataset} WHERE { ?s ?p ?o } LIMIT 1`, 10, limits).hasOwnDataset;
      expect(own('')).toBe(false);
      expect(own('FROM <https://example.org/g>')).toBe(true);
      expect(own('FROM NAMED <https://example.org/g>')).toBe(true);
      expect(own('FROM <https://example.org/g> FROM NAMED <https://example.org/h>')).toBe(true);
    });

    it('resolves relative IRIs against the endpoint’s IRI, or the query’s own BASE, when it rewrites', () => {
      expect(prepareQuery('SELECT ?s WHERE { ?s <p> ?o }', 10, limits).text).toBe(`${BASE}SELECT ?s WHERE { ?s <https://w3id.org/kulturskola/p> ?o. }\nLIMIT 11`);
      expect(prepareQuery('BASE <https://example.org/> SELECT ?s WHERE { ?s <p> ?o }', 10, limits).text).toBe(
        'BASE <https://example.org/>\nSELECT ?s WHERE { ?s <https://example.org/p> ?o. }\nLIMIT 11',
      );
    });

    it('writes an escaped local name as the IRI it spells when it rewrites', () => {
      const escaped = String.raw`ex:a\_\~\.\-\!\$\&\'\(\)\*\+\,\;\=\/\?\#\@\%`;
      expect(prepareQuery(`PREFIX ex: <https://example.org/> SELECT ?p WHERE { ${escaped} ?p ?o }`, 10, limits).text).toBe(
        `${BASE}SELECT ?p WHERE { <https://example.org/a_~.-!$&'()*+,;=/?#@%> ?p ?o. }\nLIMIT 11`,
      );
    });

    it('keeps a backslash of a string literal when it rewrites', () => {
      expect(prepareQuery(String.raw`SELECT ?s WHERE { ?s ?p "a\\/b" }`, 10, limits).text).toBe(`${BASE}SELECT ?s WHERE { ?s ?p "a\\\\/b". }\nLIMIT 11`);
    });
  });

  describe('refuses with 400', () => {
    it('a query that is not SPARQL, with the parser’s message', () => {
      expect(refusal('SELECT * WHERE { ex:a ?p ?o }')).toBe('The query is not valid SPARQL: Unknown prefix: ex');
    });

    it('cuts a parser message longer than 300 characters to 300', () => {
      const prefix = (length: number) => 'p'.repeat(length);
      expect(refusal(`SELECT * WHERE { ${prefix(284)}:x ?p ?o }`)).toBe(`The query is not valid SPARQL: Unknown prefix: ${prefix(284)}`);
      expect(refusal(`SELECT * WHERE { ${prefix(285)}:x ?p ?o }`)).toBe(`The query is not valid SPARQL: Unknown prefix: ${prefix(283)}…`);
      expect(refusal('SELECT * WHERE { ?s ?p ?o } LIMT 1')).toBe(
        "The query is not valid SPARQL: Parse error on line 1:\n... WHERE { ?s ?p ?o } LIMT 1\n-----------------------^\nExpecting 'EOF', 'IRIREF', 'PNAME_NS', '{', '}', '*', '(', 'AS', ')', 'GROUP', 'HAVING', 'ORDER', 'ASC', 'DESC', 'LIMIT', 'INTEGER', 'OFFSET', 'VALUES', 'VAR', 'NIL', 'GRAPH', 'OPTIONAL', 'MINUS', 'SERVICE', 'FILTER', 'BI…",
      );
    });

    it('a query whose expressions nest too deep for the parser, naming the limit', () => {
      // sparqljs checks a projection for aggregates by recursion: about 10,000 terms overflow a 1 MB stack, 22,000 a worker thread's 4 MB.
      const chain = Array(50_000).fill('?a').join(' || ');
      expect(refusal(`SELECT (${chain} AS ?x) WHERE {}`, { ...limits, maxExpressionDepth: 7 })).toBe(
        'The query is too complex to parse: its expressions nest too deep for the parser (Maximum call stack size exceeded); the limit is 7 levels',
      );
    });

    it.each([
      ['INSERT DATA', 'INSERT DATA { <https://example.org/a> <https://example.org/b> <https://example.org/c> }'],
      ['DELETE DATA', 'DELETE DATA { <https://example.org/a> <https://example.org/b> <https://example.org/c> }'],
      ['DELETE WHERE', 'DELETE WHERE { ?s ?p ?o }'],
      ['DELETE/INSERT', 'DELETE { ?s ?p ?o } INSERT { ?s ?p "x" } WHERE { ?s ?p ?o }'],
      ['DELETE/INSERT', 'INSERT { ?s ?p "x" } WHERE { ?s ?p ?o }'],
      ['LOAD', 'LOAD <https://example.org/data.ttl>'],
      ['CLEAR', 'CLEAR ALL'],
      ['DROP', 'DROP GRAPH <https://example.org/g>'],
      ['CREATE', 'CREATE GRAPH <https://example.org/g>'],
      ['ADD', 'ADD DEFAULT TO <https://example.org/g>'],
      ['MOVE', 'MOVE DEFAULT TO <https://example.org/g>'],
      ['COPY', 'COPY DEFAULT TO <https://example.org/g>'],
    ])('an update (%s), naming it', (operation, update) => {
      expect(refusal(update)).toBe(`This endpoint is read-only: SPARQL Update (${operation}) is not accepted, only SELECT, ASK, CONSTRUCT and DESCRIBE`);
    });

    it('an update of several operations, naming each kind once in order', () => {
      const update = 'INSERT DATA { <https://example.org/a> <https://example.org/b> 1 } ; CLEAR ALL ; INSERT DATA { <https://example.org/a> <https://example.org/b> 2 }';
      expect(refusal(update)).toBe('This endpoint is read-only: SPARQL Update (INSERT DATA, CLEAR) is not accepted, only SELECT, ASK, CONSTRUCT and DESCRIBE');
    });

    it.each([
      ['nothing', ''],
      ['only a comment', '# SELECT * WHERE { ?s ?p ?o }'],
      ['only a PREFIX', 'PREFIX ex: <https://example.org/>'],
      ['only a BASE', 'BASE <https://example.org/>'],
    ])('a text of %s, as empty', (_name, text) => {
      expect(refusal(text)).toBe('The query is empty: it holds no SELECT, ASK, CONSTRUCT or DESCRIBE, only comments or prefix declarations');
    });

    it('a SERVICE anywhere in the query, naming the first', () => {
      const notAllowed = (service: string) => `SERVICE ${service} is not allowed: this endpoint answers from its own data only and never calls another service`;
      expect(refusal('SELECT * WHERE { SERVICE <https://example.org/sparql> { ?s ?p ?o } } LIMIT 1')).toBe(notAllowed('<https://example.org/sparql>'));
      expect(refusal('SELECT * WHERE { SERVICE SILENT ?endpoint { ?s ?p ?o } } LIMIT 1')).toBe(notAllowed('?endpoint'));
      expect(
        refusal('ASK { OPTIONAL { { SELECT * WHERE { SERVICE <https://a.example/> { ?s ?p ?o } } } } SERVICE <https://b.example/> { ?s ?p ?o } }'),
      ).toBe(notAllowed('<https://a.example/>'));
    });
  });

  describe('refuses brackets nested more than 64 deep, before parsing', () => {
    const nested = (depth: number, inner = '?s ?p ?o') => `SELECT * WHERE ${'{ '.repeat(depth)}${inner}${' }'.repeat(depth)}`;
    const tooDeep = (depth: number) => `The query nests brackets { } ( ) [ ] ${depth} levels deep; the limit is 64`;

    it('passes 64 levels and refuses 65, naming the depth', () => {
      expect(prepareQuery(nested(64), 10, limits).kind).toBe('solutions');
      expect(refusal(nested(65))).toBe(tooDeep(65));
      expect(refusal(nested(70))).toBe(tooDeep(70));
    });

    it('counts braces, parentheses and square brackets together', () => {
      expect(prepareQuery(`ASK ${'{ '.repeat(62)}FILTER((?a)) ${' }'.repeat(62)}`, 10, limits).kind).toBe('boolean');
      expect(prepareQuery(`ASK ${'{ '.repeat(62)}?s ?p [ ?q [ ?r ?o ] ] ${' }'.repeat(62)}`, 10, limits).kind).toBe('boolean');
      expect(refusal(`ASK ${'{ '.repeat(62)}FILTER(((?a))) ${' }'.repeat(62)}`)).toBe(tooDeep(65));
      expect(refusal(`ASK ${'{ '.repeat(63)}?s ?p [ ?q [ ?r ?o ] ] ${' }'.repeat(63)}`)).toBe(tooDeep(65));
    });

    it('counts how deep brackets nest, not how many there are', () => {
      expect(prepareQuery(`ASK { ${'{ ?s ?p ?o } '.repeat(70)}}`, 10, limits).kind).toBe('boolean');
      expect(prepareQuery(`ASK { ${'FILTER(?o) '.repeat(70)}}`, 10, limits).kind).toBe('boolean');
      expect(prepareQuery(`ASK { ?s ?p ${Array(70).fill('[ ?q ?r ]').join(', ')} }`, 10, limits).kind).toBe('boolean');
    });

    it('counts the deepest point, not where the text ends, and never below the top level', () => {
      expect(refusal(`${'('.repeat(65)}${')'.repeat(65)}`)).toBe(tooDeep(65));
      expect(refusal(`}}}${'['.repeat(65)}`)).toBe(tooDeep(65));
    });

    it.each([
      ['a string', '?s ?p "(({[" .'],
      ['a single-quoted string', "?s ?p '(({[' ."],
      ['a string with an escaped quote', String.raw`?s ?p "a \"(({[" .`],
      ['a long string holding quotes', '?s ?p """a "(({[" b""" .'],
      ['a long single-quoted string holding quotes', "?s ?p '''a '(({[' b''' ."],
      ['an IRI', '?s <https://example.org/(([> ?o .'],
      ['a comment', '?s ?p ?o # (({[\n'],
    ])('does not count brackets inside %s', (_name, inner) => {
      expect(prepareQuery(nested(64, inner), 10, limits).kind).toBe('solutions');
    });

    it.each([
      ['a string', '"x"('],
      ['an empty string', '""('],
      ['a long string', '"""x"""('],
      ['a single-quoted string', "'x'("],
      ['an IRI', '<https://example.org/>('],
      ['a comment', '# x\n('],
    ])('counts a bracket right after %s', (_name, token) => {
      expect(refusal(`${'{'.repeat(64)}${token}`)).toBe(tooDeep(65));
    });

    it('counts the brackets after a < that starts no IRI', () => {
      expect(refusal(`SELECT * WHERE ${'{ '.repeat(63)}FILTER(?o < 2 || (?o > 3)) ${' }'.repeat(63)}`)).toBe(tooDeep(65));
    });

    it('leaves an unterminated string or comment to the parser', () => {
      expect(refusal(`SELECT * WHERE { ?s ?p "${'('.repeat(70)}`)).toMatch(/^The query is not valid SPARQL: Parse error on line 1:\n/);
      expect(refusal(`# ${'('.repeat(70)}`)).toBe('The query is empty: it holds no SELECT, ASK, CONSTRUCT or DESCRIBE, only comments or prefix declarations');
    });
  });

  describe('refuses a query beyond its complexity limits', () => {
    const tooComplex = 'The query is too complex for the engine:';

    it('an expression nested deeper than maxExpressionDepth, naming the depth and the limit', () => {
      expect(prepareQuery('SELECT * WHERE { FILTER(?a || ?b || ?c || ?d) } LIMIT 1', 10, limits).kind).toBe('solutions');
      expect(refusal('SELECT * WHERE { FILTER(?a || ?b || ?c || ?d || ?e) } LIMIT 1', limits)).toBe(
        `${tooComplex} an expression nests operations 4 levels deep (a chain such as a || b || c nests one level per operator); the limit is 3`,
      );
    });

    it('a property path of more than maxPathSteps IRIs, naming the steps and the limit', () => {
      expect(prepareQuery('SELECT * WHERE { ?s <https://example.org/p>/<https://example.org/q> ?o } LIMIT 1', 10, limits).kind).toBe('solutions');
      expect(refusal('SELECT * WHERE { ?s <https://example.org/p>/<https://example.org/q>/<https://example.org/r> ?o } LIMIT 1', limits)).toBe(
        `${tooComplex} a property path has 3 steps; the limit is 2`,
      );
    });

    it('strings that may grow more than maxStringGrowth times, naming the growth and the limit', () => {
      expect(prepareQuery('SELECT * WHERE { BIND(CONCAT(?x, ?x, ?x, ?x) AS ?y) } LIMIT 1', 10, limits).kind).toBe('solutions');
      expect(refusal('SELECT * WHERE { BIND(CONCAT(?x, ?x, ?x, ?x, ?x) AS ?y) } LIMIT 1', limits)).toBe(
        `${tooComplex} it can build strings about 5 times as long as the values it reads (CONCAT or REPLACE over bound variables); the limit is 4`,
      );
    });

    it('naming the expression first, then the path, when a query is beyond several limits', () => {
      const path = '?s <https://example.org/p>/<https://example.org/q>/<https://example.org/r> ?o';
      const expression = 'FILTER(?a || ?b || ?c || ?d || ?e)';
      const growth = 'BIND(CONCAT(?x, ?x, ?x, ?x, ?x) AS ?y)';
      expect(refusal(`SELECT * WHERE { ${path} ${expression} ${growth} }`, limits)).toMatch(/an expression nests operations 4 levels deep/);
      expect(refusal(`SELECT * WHERE { ${path} ${growth} }`, limits)).toMatch(/a property path has 3 steps/);
    });

    it('by default 256 levels of expression, 64 path steps and a growth of 1,024', () => {
      expect(defaultQueryComplexityLimits).toEqual({ maxExpressionDepth: 256, maxPathSteps: 64, maxStringGrowth: 1_024 });
      const chain = (terms: number) => `ASK { FILTER(${Array(terms).fill('?a').join(' || ')}) }`;
      expect(prepareQuery(chain(257), 10).kind).toBe('boolean');
      expect(refusal(chain(258))).toBe(`${tooComplex} an expression nests operations 257 levels deep (a chain such as a || b || c nests one level per operator); the limit is 256`);
      const path = (steps: number) => `ASK { ?s ${Array(steps).fill('<https://example.org/p>').join('/')} ?o }`;
      expect(prepareQuery(path(64), 10).kind).toBe('boolean');
      expect(refusal(path(65))).toBe(`${tooComplex} a property path has 65 steps; the limit is 64`);
      const replace = (length: number) => `ASK { BIND(REPLACE(?x, "", "${'x'.repeat(length)}") AS ?y) }`;
      expect(prepareQuery(replace(1_023), 10).kind).toBe('boolean');
      expect(refusal(replace(1_024))).toBe(
        `${tooComplex} it can build strings about 1025 times as long as the values it reads (CONCAT or REPLACE over bound variables); the limit is 1024`,
      );
    });
  });
});

/** The message of the 400 that prepareQuery refuses `text` with, under `queryLimits` or else its default limits. */
function refusal(text: string, queryLimits?: QueryComplexityLimits): string {
  try {
    if (queryLimits === undefined) prepareQuery(text, 10);
    else prepareQuery(text, 10, queryLimits);
  } catch (error) {
    if (error instanceof SparqlHttpError && error.status === 400) return error.message;
    throw error;
  }
  throw new Error(`prepareQuery accepted: ${text}`);
}
