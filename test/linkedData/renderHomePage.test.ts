import { describe, expect, it } from 'vitest';
import type { Alternate } from '../../src/http/linkedData/htmlDocument.js';
import { pageText, type PageLanguage } from '../../src/http/linkedData/pageText.js';
import { renderHomePage, type HomePageInput } from '../../src/http/linkedData/renderHomePage.js';
import type { Graph } from '../../src/rdf/Graph.js';
import { graphOfTriG } from '../support/graphOfTriG.js';
import { iri, shippedData } from './linkedDataServer.js';

// The home page, rendered in-process from a graph of its own: two counties with codes and one
// without, four municipalities (one the administrative principal of a collaboration, one in a
// project only, one in none), a collaboration whose dataset has a publisher and a date, a project
// whose dataset has neither, one stated in no dataset, and datasets with and without sources.
// test/linkedData/homePage.test.ts opens the served page in a browser.

const graph = graphOfTriG(`
  @prefix prov: <http://www.w3.org/ns/prov#> .
  <dataset/katalog> {
    <katalog> dcterms:title "Testkatalogen"@sv, "The test catalogue"@en ; dcterms:description "Om katalogen & <mer>"@sv .
  }
  <dataset/kommuner> {
    <dataset/kommuner> dcterms:title "Kommuner"@sv, "Municipalities"@en ; dcterms:publisher <org/scb> ; dcterms:modified "2024-01-02" ;
      prov:wasDerivedFrom <https://example.org/b>, <https://example.org/a> ; dcterms:source <https://example.org/a>, <urn:isbn:123> .
    <org/scb> skos:prefLabel "SCB" .
    <lan/01> a ks:County ; dcterms:identifier "01" ; skos:prefLabel "Första län"@sv .
    <lan/02> a ks:County ; dcterms:identifier "02" ; skos:prefLabel "Andra län"@sv, "Second county"@en .
    <lan/utan-kod> a ks:County ; skos:prefLabel "Län & <utan> kod"@sv .
    <kommun/0101> a ks:Municipality ; dcterms:identifier "0101" ; skos:prefLabel "Alfa"@sv ; ks:county <lan/01> .
    <kommun/0102> a ks:Municipality ; dcterms:identifier "0102" ; skos:prefLabel "Beta"@sv ; ks:county <lan/01> .
    <kommun/0103> a ks:Municipality ; dcterms:identifier "0103" ; skos:prefLabel "Gamma"@sv ; ks:county <lan/01> .
    <kommun/0201> a ks:Municipality ; dcterms:identifier "0201" ; skos:prefLabel "Delta"@sv ; ks:county <lan/02> .
  }
  <dataset/samverkan> {
    <dataset/samverkan> dcterms:title "Samverkan"@sv ; dcterms:publisher <org/kr> ; dcterms:modified "2024-03-04" .
    <org/kr> skos:prefLabel "Kulturrådet"@sv, "Arts Council"@en .
    <samverkan/s> a org:OrganizationalCollaboration ; skos:prefLabel "Samverkan S"@sv ; dcterms:spatial <lan/01>, <lan/02> ; dcterms:temporal <period/1> .
    <period/1> skos:prefLabel "2024–2025"@sv .
    <roll/huvudman> org:roleProperty ks:administrativePrincipalOf ; skos:prefLabel "Huvudman"@sv .
    <m/1> org:organization <samverkan/s> ; org:member <kommun/0101> ; org:role <roll/huvudman> .
    <m/2> org:organization <samverkan/s> ; org:member <kommun/0102> ; org:role <roll/medlem> .
  }
  <dataset/projekt> {
    <projekt/p> a schema:Project ; skos:prefLabel "Projekt P"@sv .
    <p/1> org:organization <projekt/p> ; org:member <kommun/0201> .
  }
  <samverkan/utan-dataset> a org:OrganizationalCollaboration ; skos:prefLabel "Annan samverkan"@sv .
`);

const alternates: Alternate[] = [
  { title: 'Turtle', mediaType: 'text/turtle', href: '/?format=ttl' },
  { title: 'JSON-LD & mer', mediaType: 'application/ld+json', href: '/?format=jsonld' },
];

function home(options: Partial<HomePageInput> = {}, language: PageLanguage = 'sv'): string {
  return renderHomePage({
    graph,
    language,
    alternates,
    catalogPath: '/catalog',
    dumps: [
      { path: '/dump.nq', mediaType: 'application/n-quads' },
      { path: '/dump.ttl', mediaType: 'text/turtle' },
    ],
    dataVersion: { digest: 'abc123', lastModified: new Date(Date.UTC(2024, 4, 6, 7, 8, 9)) },
    ...options,
  });
}

/** The part of a page between two markers, exclusive. */
function between(html: string, start: string, end: string): string {
  const from = html.indexOf(start);
  expect(from, `${start} in the page`).toBeGreaterThanOrEqual(0);
  return html.slice(from + start.length, html.indexOf(end, from + start.length));
}

/** The rows of a table body, each as its cells' HTML. */
function rowsOf(html: string, table: string): string[][] {
  const body = between(html, `<table class="${table}">`, '</tbody>');
  return [...body.matchAll(/<tr[^>]*>(.*?)<\/tr>/g)].slice(1).map(([, row]) => [...row!.matchAll(/<t[hd][^>]*>(.*?)<\/t[hd]>/g)].map(([, cell]) => cell!));
}

describe('renderHomePage', () => {
  it("heads the page with the catalogue's title and description, the language switch and the ways into the data", () => {
    expect(between(home(), '<body>\n', '<main>')).toBe(`<header>
<p class="language"><a href="/?lang=en" hreflang="en" lang="en">In English</a></p>
<h1>Testkatalogen</h1>
<p>Om katalogen &amp; &lt;mer&gt;</p>
<nav class="ways" aria-label="Till data"><ul>
<li><a href="/graphql">GraphQL (frågeverktyg)</a></li>
<li><a href="/sparql">SPARQL-ändpunkt</a></li>
<li>Hela grafen som fil: <a href="/dump.nq" type="application/n-quads">dump.nq</a>, <a href="/dump.ttl" type="text/turtle">dump.ttl</a></li>
<li><a href="/catalog">Datakatalog</a></li>
<li><a href="/def">Vokabulär</a></li>
</ul></nav>
</header>
`);
  });

  it('is in English on an English page, with a switch back to Swedish', () => {
    const html = home({}, 'en');
    expect(html).toContain('<html lang="en">');
    expect(html).toContain("<title>Kulturskolegrafen: Sweden&#39;s culture schools and their collaborations</title>");
    expect(html).toContain('<p class="language"><a href="/?lang=sv" hreflang="sv" lang="sv">På svenska</a></p>\n<h1>The test catalogue</h1>\n<p>Om katalogen &amp; &lt;mer&gt;</p>\n<nav class="ways" aria-label="To the data">');
    expect(html).toContain('<li>The whole graph as a file: <a href="/dump.nq"');
    expect(html).toContain('<li><a href="/catalog">Data catalogue</a></li>');
    expect(html).toContain('<h2>Coverage by county</h2>\n<p>3 of the country&#39;s 4 municipalities are members of at least one collaboration; 1 is in none.</p>');
    expect(html).toContain('<p>Data version abc123, modified 2024-05-06T07:08:09.000Z.</p>\n<h2>The catalogue in other formats</h2>');
  });

  it('says "is" of one municipality and "are" of more, in either language', () => {
    expect(pageText.en.home.coverageIntro(1, 290, 289)).toBe("1 of the country's 290 municipalities is a member of at least one collaboration; 289 are in none.");
    expect(pageText.en.home.coverageIntro(289, 290, 1)).toBe("289 of the country's 290 municipalities are members of at least one collaboration; 1 is in none.");
    expect(pageText.en.home.coverageIntro(0, 290, 290)).toBe("0 of the country's 290 municipalities are members of at least one collaboration; 290 are in none.");
    expect(pageText.sv.home.coverageIntro(1, 290, 289)).toBe('1 av landets 290 kommuner är medlem i minst en samverkan; 289 är inte med i någon.');
    expect(pageText.sv.home.coverageIntro(11, 290, 279)).toBe('11 av landets 290 kommuner är medlemmar i minst en samverkan; 279 är inte med i någon.');
  });

  it('falls back to the site name without a catalogue title, and leaves the description out without one', () => {
    const bare = graphOfTriG('<dataset/x> { <kommun/1> a ks:Municipality . }');
    const html = home({ graph: bare });
    expect(html).toContain('In English</a></p>\n<h1>Kulturskolegrafen</h1>\n\n<nav class="ways"');
    expect(home({ graph: bare, dumps: [] })).toContain('<li>Hela grafen som fil: </li>');
  });

  it('has a row per county by code (one without a code last): municipalities, members, those in none, and which they are', () => {
    const html = home();
    expect(between(html, '<section id="coverage">\n', '<tbody>')).toBe(`<h2>Täckning per län</h2>
<p>3 av landets 4 kommuner är medlemmar i minst en samverkan; 1 är inte med i någon.</p>
<table class="coverage">
<thead><tr><th scope="col">Län</th><th scope="col">Kommuner</th><th scope="col">Medlemmar i en samverkan</th><th scope="col">I ingen</th><th scope="col">Vilka</th></tr></thead>
`);
    expect(between(html, '<table class="coverage">', '</table>').split('<tbody>\n')[1]).toBe(
      '<tr data-county="01"><th scope="row"><a href="/lan/01">Första län</a></th><td>3</td><td>2</td><td>1</td>'
        + '<td><details><summary>2 av 3</summary>'
        + '<p><strong>Medlemmar i en samverkan:</strong> <a href="/kommun/0101">Alfa</a> (administrativ huvudman), <a href="/kommun/0102">Beta</a></p>'
        + '<p><strong>I ingen samverkan:</strong> <a href="/kommun/0103">Gamma</a></p></details></td></tr>\n'
        + '<tr data-county="02"><th scope="row"><a href="/lan/02">Andra län</a></th><td>1</td><td>1</td><td>0</td>'
        + '<td><details><summary>1 av 1</summary>'
        + '<p><strong>Medlemmar i en samverkan:</strong> <a href="/kommun/0201">Delta</a></p>'
        + '<p><strong>I ingen samverkan:</strong> inga</p></details></td></tr>\n'
        + '<tr data-county=""><th scope="row"><a href="/lan/utan-kod">Län &amp; &lt;utan&gt; kod</a></th><td>0</td><td>0</td><td>0</td>'
        + '<td><details><summary>0 av 0</summary>'
        + '<p><strong>Medlemmar i en samverkan:</strong> inga</p>'
        + '<p><strong>I ingen samverkan:</strong> inga</p></details></td></tr>\n'
        + '</tbody>\n'
        + '<tfoot><tr><th scope="row">Hela landet</th><td>4</td><td>3</td><td>1</td><td></td></tr></tfoot>\n',
    );
  });

  it('marks a name in another language than the page’s, and none in the page’s own', () => {
    const html = home({}, 'en');
    const rows = rowsOf(html, 'coverage');
    expect(rows.map((row) => row[0])).toEqual(['<a href="/lan/01" lang="sv">Första län</a>', '<a href="/lan/02">Second county</a>', '<a href="/lan/utan-kod" lang="sv">Län &amp; &lt;utan&gt; kod</a>']);
    expect(rows[0]![4]).toBe(
      '<details><summary>2 of 3</summary><p><strong>Members of a collaboration:</strong> <a href="/kommun/0101" lang="sv">Alfa</a> (administrative principal), <a href="/kommun/0102" lang="sv">Beta</a></p>'
        + '<p><strong>In no collaboration:</strong> <a href="/kommun/0103" lang="sv">Gamma</a></p></details>',
    );
    expect(rows[1]![4]).toContain('<p><strong>In no collaboration:</strong> none</p>');
  });

  it('draws the chart of the same figures after the table, one bar per county on one scale', () => {
    const html = home();
    const chart = between(html, '</table>\n<figure>', '</figure>');
    const bars = [...chart.matchAll(/<g class="bar" data-county="([^"]*)" data-members="(\d+)" data-municipalities="(\d+)"><title>([^<]*)<\/title>.*?<rect class="all" [^>]*width="([^"]+)".*?<rect class="members" [^>]*width="([^"]+)"/g)];
    expect(bars.map((bar) => bar.slice(1))).toEqual([
      ['01', '2', '3', 'Första län: 2 av 3 kommuner i en samverkan', '640', '426.7'],
      ['02', '1', '1', 'Andra län: 1 av 1 kommuner i en samverkan', '213.3', '213.3'],
      ['', '0', '0', 'Län &amp; &lt;utan&gt; kod: 0 av 0 kommuner i en samverkan', '0', '0'],
    ]);
    expect(chart).toContain('<title id="chart-title">Kommuner i en samverkan, per län</title>');
    expect(between(home({}, 'en'), '</table>\n<figure>', '</figure>')).toContain('<title>Second county: 1 of 1 municipalities in a collaboration</title>');
  });

  it('lists the collaborations by name, then the projects: kind, counties, members, period, dataset, publisher and date', () => {
    const html = home();
    expect(between(html, '<section id="collaborations">\n', '<tbody>')).toBe(`<h2>Samverkan och projekt</h2>
<p>Varje uppgift kommer från ett dataset; följ länken till datasetet för dess källa och version.</p>
<table class="collaborations">
<thead><tr><th scope="col">Namn</th><th scope="col">Typ</th><th scope="col">Län</th><th scope="col">Medlemmar</th><th scope="col">Period</th><th scope="col">Dataset</th><th scope="col">Utgivare</th><th scope="col">Ändrad</th></tr></thead>
`);
    expect(rowsOf(html, 'collaborations')).toEqual([
      ['<a href="/samverkan/utan-dataset">Annan samverkan</a>', 'Samverkan', '', '0', '–', '–', '–', '–'],
      [
        '<a href="/samverkan/s">Samverkan S</a>',
        'Samverkan',
        '<a href="/lan/01">Första län</a>, <a href="/lan/02">Andra län</a>',
        '2',
        '2024–2025',
        '<a href="/dataset/samverkan">Samverkan</a>',
        '<a href="/org/kr">Kulturrådet</a>',
        '2024-03-04',
      ],
      ['<a href="/projekt/p">Projekt P</a>', 'Projekt', '', '1', '–', '<a href="/dataset/projekt">dataset/projekt</a>', '–', '–'],
    ]);
    expect(rowsOf(home({}, 'en'), 'collaborations').map((row) => [row[1], row[6]])).toEqual([
      ['Collaboration', '–'],
      ['Collaboration', '<a href="/org/kr">Arts Council</a>'],
      ['Project', '–'],
    ]);
  });

  it('lists every dataset by IRI: publisher, sources (each once, by IRI), version, date and number of triples', () => {
    const html = home({ datasetVersions: new Map([[iri('dataset/kommuner'), 4], [iri('dataset/projekt'), 1]]) });
    expect(between(html, '<section id="datasets">\n', '<tbody>')).toBe(`<h2>Dataset</h2>
<p>Varje dataset är en namngiven graf med egen utgivare, källa och version.</p>
<table class="datasets">
<thead><tr><th scope="col">Titel</th><th scope="col">Utgivare</th><th scope="col">Källa</th><th scope="col">Version</th><th scope="col">Ändrad</th><th scope="col">Tripler</th></tr></thead>
`);
    expect([...between(html, '<table class="datasets">', '</tbody>').matchAll(/<tr data-dataset="([^"]+)">/g)].map(([, dataset]) => dataset)).toEqual(
      ['katalog', 'kommuner', 'projekt', 'samverkan'].map((name) => iri(`dataset/${name}`)),
    );
    expect(rowsOf(html, 'datasets')).toEqual([
      ['<a href="/dataset/katalog">dataset/katalog</a>', '–', '–', '–', '–', '3'],
      [
        '<a href="/dataset/kommuner">Kommuner</a>',
        '<a href="/org/scb">SCB</a>',
        '<a href="https://example.org/a" rel="external">example.org/a</a>, <a href="https://example.org/b" rel="external">example.org/b</a>, <span>isbn:123</span>',
        '<a href="/datasets/kommuner/versions/4">4</a>',
        '2024-01-02',
        '34',
      ],
      ['<a href="/dataset/projekt">dataset/projekt</a>', '–', '–', '<a href="/datasets/projekt/versions/1">1</a>', '–', '4'],
      ['<a href="/dataset/samverkan">Samverkan</a>', '<a href="/org/kr">Kulturrådet</a>', '–', '–', '2024-03-04', '19'],
    ]);
    // A name in the page's language, or in none, is not marked.
    expect(rowsOf(home({}, 'en'), 'datasets')[1]!.slice(0, 2)).toEqual(['<a href="/dataset/kommuner">Municipalities</a>', '<a href="/org/scb">SCB</a>']);
  });

  it('writes each table row on a line of its own, its cells one after another', () => {
    const html = home();
    expect(between(html, '<table class="collaborations">', '</table>').split('<tbody>\n')[1]).toBe(
      '<tr><th scope="row"><a href="/samverkan/utan-dataset">Annan samverkan</a></th><td>Samverkan</td><td></td><td>0</td><td>–</td><td>–</td><td>–</td><td>–</td></tr>\n'
        + '<tr><th scope="row"><a href="/samverkan/s">Samverkan S</a></th><td>Samverkan</td><td><a href="/lan/01">Första län</a>, <a href="/lan/02">Andra län</a></td><td>2</td>'
        + '<td>2024–2025</td><td><a href="/dataset/samverkan">Samverkan</a></td><td><a href="/org/kr">Kulturrådet</a></td><td>2024-03-04</td></tr>\n'
        + '<tr><th scope="row"><a href="/projekt/p">Projekt P</a></th><td>Projekt</td><td></td><td>1</td><td>–</td><td><a href="/dataset/projekt">dataset/projekt</a></td><td>–</td><td>–</td></tr>\n'
        + '</tbody>\n',
    );
    const datasets = between(html, '<table class="datasets">', '</table>').split('<tbody>\n')[1]!;
    expect(datasets.match(/^<tr data-dataset="[^"]+">.*<\/tr>$/gm)).toHaveLength(4);
    expect(datasets).toContain(
      `<tr data-dataset="${iri('dataset/samverkan')}"><th scope="row"><a href="/dataset/samverkan">Samverkan</a></th><td><a href="/org/kr">Kulturrådet</a></td><td>–</td><td>–</td><td>2024-03-04</td><td>19</td></tr>\n</tbody>\n`,
    );
  });

  it('names no version when the data is not published', () => {
    expect(rowsOf(home(), 'datasets').map((row) => row[3])).toEqual(['–', '–', '–', '–']);
  });

  it('ends with the data version and the catalogue in other formats, escaped, and is a whole page in Swedish', () => {
    const html = home();
    expect(between(html, '<footer>\n', '\n</footer>')).toBe(
      '<p>Dataversion abc123, ändrad 2024-05-06T07:08:09.000Z.</p>\n<h2>Katalogen i andra format</h2>\n'
        + '<nav class="formats"><a href="/?format=ttl" type="text/turtle">Turtle</a>\n<a href="/?format=jsonld" type="application/ld+json">JSON-LD &amp; mer</a></nav>',
    );
    expect(html).toContain('<html lang="sv">');
    expect(html).toContain('<title>Kulturskolegrafen: Sveriges kulturskolor och deras samverkan</title>');
    expect(html).toContain('<link rel="alternate" type="application/ld+json" href="/?format=jsonld" title="JSON-LD &amp; mer">');
    expect(between(html, '<main>\n', '\n</main>').match(/^<section id="[a-z]+">$/gm)).toEqual(['<section id="coverage">', '<section id="collaborations">', '<section id="datasets">']);
  });

  it('shows the shipped data: every county, Karlskoga as the principal in Örebro län, the collaboration and its dataset', async () => {
    const { graph: shipped } = await shippedData();
    const html = home({ graph: shipped as Graph });
    expect(html).toContain('<h1>Kulturskolegrafen</h1>\n<p>Länkade öppna data om Sveriges kommunala kulturskolor och deras regionala samverkan.</p>');
    const orebro = rowsOf(html, 'coverage').find((row) => row[0]!.includes('href="/lan/18"'))!;
    expect(orebro.slice(0, 3)).toEqual(['<a href="/lan/18">Örebro län</a>', '12', '11']);
    expect(orebro[4]).toContain('<a href="/kommun/1883">Karlskoga</a> (administrativ huvudman)');
    expect(rowsOf(html, 'coverage')).toHaveLength(21);
    const collaboration = rowsOf(html, 'collaborations').find((row) => row[0]!.includes('/samverkan/orebro-lan'))!;
    expect(collaboration.slice(1, 4)).toEqual(['Samverkan', '<a href="/lan/18">Örebro län</a>', '11']);
  });
});
