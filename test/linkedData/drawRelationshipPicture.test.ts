import { DataFactory } from 'n3';
import { describe, expect, it } from 'vitest';
import { drawRelationshipPicture } from '../../src/http/linkedData/drawRelationshipPicture.js';
import type { PageLanguage } from '../../src/http/linkedData/pageText.js';
import { relationshipsOf, type PictureEdge } from '../../src/http/linkedData/relationshipsOf.js';
import type { Graph } from '../../src/rdf/Graph.js';
import { graphOfTriG } from '../support/graphOfTriG.js';
import { iri, shippedData } from './linkedDataServer.js';

// A collaboration's relationship picture, drawn on the server. Its layout follows from the input:
// columns at x = 10 (members, 200 wide), 280 (the collaboration, 190), 540 (counties, funders,
// initiators, projects, 190) and 770 (the projects' funders and initiators, 180); nodes from y=40,
// 16 per line of label plus 12, plus 14 for a caption; members 6 apart under a 22-high heading per
// group, the other columns 12 apart; the collaboration centred on the tallest column (at least 60).

const { namedNode } = DataFactory;

/** The picture of a collaboration in a graph of its own. */
function pictureOf(trig: string, path = 'samverkan/c', language: PageLanguage = 'sv'): string {
  const graph = graphOfTriG(`<dataset/test> { ${trig} }`);
  return draw(graph, path, language);
}

function draw(graph: Graph, path: string, language: PageLanguage): string {
  const relationships = relationshipsOf(graph, namedNode(iri(path)));
  expect(relationships).not.toBeNull();
  return drawRelationshipPicture(graph, relationships!, language);
}

/** Each drawn node (a link or, without a page, a group), by its resource's IRI relative to ours. */
function nodesOf(svg: string): Map<string, string> {
  const nodes = [...svg.matchAll(/<(a|g) [^>]*class="node [^"]*" data-kind="[^"]*" data-iri="([^"]*)">.*?<\/\1>/g)];
  return new Map(nodes.map(([node, , id]) => [id!.replace(iri(''), ''), node]));
}

/** Each drawn line, in order. */
function edgesOf(svg: string): string[] {
  return [...svg.matchAll(/<g class="edge[ "][^>]*>.*?<\/g>/g)].map(([edge]) => edge);
}

/** The lines of a node's label. */
function linesOf(node: string | undefined): string[] {
  return [...(node ?? '').matchAll(/<tspan [^>]*>(.*?)<\/tspan>/g)].map(([, line]) => line!);
}

const C = iri('samverkan/c');
const labels = `
  <roll/medlem> skos:prefLabel "Medlem"@sv .
  <roll/huvudman> skos:prefLabel "Huvudman"@sv ; org:roleProperty ks:administrativePrincipalOf .
  <roll/deltagare> skos:prefLabel "Deltagare"@sv .
`;

describe('drawRelationshipPicture', () => {
  const simple = `${labels}
    <samverkan/c> a org:OrganizationalCollaboration ; skos:prefLabel "Samverkan C"@sv ; dcterms:spatial <lan/01> .
    <lan/01> a ks:County ; dcterms:identifier "01" ; skos:prefLabel "Län L"@sv .
    <kommun/0001> skos:prefLabel "Ett"@sv ; dcterms:identifier "0001" .
    <m/1> org:organization <samverkan/c> ; org:member <kommun/0001> ; org:role <roll/medlem> .
  `;

  it('draws a member, the collaboration and its county, joined by a line each, in a titled figure', () => {
    expect(pictureOf(simple)).toBe(`<section id="relationships">
<h2>Relationer</h2>
<figure>
<svg class="picture" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 960 106" role="group" aria-labelledby="picture-title" aria-describedby="picture-description">
<title id="picture-title">Relationerna för Samverkan C</title>
<desc id="picture-description">1 medlem efter roll, län, projekt, finansiärer och initiativtagare; 2 relationer.</desc>
<text class="column-heading" x="10" y="16">Medlemmar efter roll</text>
<text class="column-heading" x="280" y="16">Samverkan</text>
<text class="column-heading" x="540" y="16">Län, projekt, finansiärer</text>
<text class="group-heading" x="10" y="54">Medlem (1)</text>
<g class="edges">
<g class="edge membership" data-kind="membership" data-from="${iri('kommun/0001')}" data-to="${C}" data-role="${iri('roll/medlem')}"><title>Ett: medlem i Samverkan C</title><path d="M210 76.0 C245 76.0 245 70.0 280 70.0"/></g>
<g class="edge spatial" data-kind="spatial" data-from="${C}" data-to="${iri('lan/01')}"><title>Samverkan C verkar i Län L</title><path d="M470 70.0 C505 70.0 505 61.0 540 61.0"/><text class="edge-label" x="536" y="58.0">verkar i</text></g>
</g>
<g class="nodes">
<a href="/kommun/0001" class="node member" data-kind="member" data-iri="${iri('kommun/0001')}"><title>Ett: Medlem</title><rect x="10" y="62" width="200" height="28" rx="6"/><text class="label" x="18" y="68"><tspan x="18" y="80">Ett</tspan></text></a>
<a href="/lan/01" class="node county" data-kind="county" data-iri="${iri('lan/01')}"><title>Län L</title><rect x="540" y="40" width="190" height="42" rx="6"/><text class="caption" x="548" y="55">Län</text><text class="label" x="548" y="60"><tspan x="548" y="72">Län L</tspan></text></a>
<a href="/samverkan/c" class="node collaboration" data-kind="collaboration" data-iri="${C}"><title>Samverkan C</title><rect x="280" y="49" width="190" height="42" rx="6"/><text class="caption" x="288" y="64">Samverkan</text><text class="label" x="288" y="69"><tspan x="288" y="81">Samverkan C</tspan></text></a>
</g>
</svg>
<figcaption>1 medlem efter roll, län, projekt, finansiärer och initiativtagare; 2 relationer.</figcaption>
</figure>
</section>`);
  });

  it('is written in English on an English page, with names in English where the graph has them', () => {
    const svg = pictureOf(`${simple} <samverkan/c> skos:prefLabel "Collaboration C"@en . <roll/medlem> skos:prefLabel "Member"@en .`, 'samverkan/c', 'en');
    expect(svg).toContain('<h2>Relationships</h2>');
    expect(svg).toContain('<title id="picture-title">The relationships of Collaboration C</title>');
    expect(svg).toContain('<desc id="picture-description">1 member by role, counties, projects, funders and initiators; 2 relationships.</desc>');
    expect(svg).toContain('<figcaption>1 member by role, counties, projects, funders and initiators; 2 relationships.</figcaption>');
    expect(svg).toContain('<text class="column-heading" x="10" y="16">Members by role</text>\n<text class="column-heading" x="280" y="16">Collaboration</text>\n<text class="column-heading" x="540" y="16">County, projects, funders</text>\n');
    expect(svg).toContain('<text class="group-heading" x="10" y="54">Member (1)</text>');
    expect(svg).toContain('<title>Ett: member in Collaboration C</title>');
    expect(svg).toContain('<title>Collaboration C works in Län L</title>');
    expect(svg).toContain('<text class="edge-label" x="536" y="58.0">works in</text>');
    expect(svg).toContain('<text class="caption" x="548" y="55">County</text>');
    expect(svg).toContain('<text class="caption" x="288" y="64">Collaboration</text>');
    expect(svg).toContain('<title>Ett: Member</title>');
  });

  describe('members', () => {
    const principal = `${labels}
      <samverkan/c> a org:OrganizationalCollaboration ; skos:prefLabel "Samverkan C"@sv .
      <kommun/0001> skos:prefLabel "Ett"@sv ; dcterms:identifier "0001" .
      <kommun/0002> skos:prefLabel "Två"@sv ; dcterms:identifier "0002" .
      <kommun/0003> skos:prefLabel "Tre"@sv ; dcterms:identifier "0003" .
      <m/1> org:organization <samverkan/c> ; org:member <kommun/0001> ; org:role <roll/medlem> .
      <m/2> org:organization <samverkan/c> ; org:member <kommun/0002> ; org:role <roll/medlem> .
      <m/3> org:organization <samverkan/c> ; org:member <kommun/0002> ; org:role <roll/huvudman> .
      <m/4> org:organization <samverkan/c> ; org:member <kommun/0003> ; org:role <roll/medlem> .
    `;

    it('gives members with different roles groups of their own, in the order first met', () => {
      const svg = pictureOf(`${labels}
        <samverkan/c> a org:OrganizationalCollaboration ; skos:prefLabel "Samverkan C"@sv .
        <kommun/0001> skos:prefLabel "Ett"@sv .
        <kommun/0002> skos:prefLabel "Två"@sv .
        <m/1> org:organization <samverkan/c> ; org:member <kommun/0001> ; org:role <roll/medlem> .
        <m/2> org:organization <samverkan/c> ; org:member <kommun/0002> ; org:role <roll/observator> .`);
      expect([...svg.matchAll(/<text class="group-heading"[^>]*>([^<]*)</g)].map(([, text]) => text)).toEqual(['Medlem (1)', 'observator (1)']);
    });

    it('groups the members by the roles they hold, the group of the administrative principal first, each with a heading and a count', () => {
      const svg = pictureOf(principal);
      expect([...svg.matchAll(/<text class="group-heading" x="10" y="(\d+)">([^<]*)<\/text>/g)].map(([, y, text]) => [y, text])).toEqual([
        ['54', 'Huvudman, Medlem (1)'],
        ['110', 'Medlem (2)'],
      ]);
      const nodes = nodesOf(svg);
      expect(nodes.get('kommun/0002')).toContain('<rect x="10" y="62" width="200" height="28" rx="6"/>');
      expect(nodes.get('kommun/0001')).toContain('<rect x="10" y="118" width="200" height="28" rx="6"/>');
      expect(nodes.get('kommun/0003')).toContain('<rect x="10" y="152" width="200" height="28" rx="6"/>');
      // The members' column ends at 152 + 28 + 6: the collaboration is centred between 40 and there.
      expect(nodes.get('samverkan/c')).toContain('<rect x="280" y="92" width="190" height="42" rx="6"/>');
      expect(svg).toContain('viewBox="0 0 960 196"');
      expect(svg).toContain('<desc id="picture-description">3 medlemmar efter roll, län, projekt, finansiärer och initiativtagare; 4 relationer.</desc>');
    });

    it('writes each group heading on a line of its own, after the column headings and before the lines', () => {
      expect(pictureOf(principal)).toContain(
        '<text class="column-heading" x="540" y="16">Län, projekt, finansiärer</text>\n'
          + '<text class="group-heading" x="10" y="54">Huvudman, Medlem (1)</text>\n'
          + '<text class="group-heading" x="10" y="110">Medlem (2)</text>\n'
          + '<g class="edges">\n',
      );
    });

    it('keeps members apart whose sets of roles differ, even when the role IRIs run together into the same text', () => {
      // urn:ex:a + urn:ex:burn:ex:c and urn:ex:aurn:ex:b + urn:ex:c are the same characters; the labels sort each pair in that order.
      const svg = pictureOf(`
        <samverkan/c> a org:OrganizationalCollaboration ; skos:prefLabel "Samverkan C"@sv .
        <urn:ex:a> skos:prefLabel "Roll A"@sv .
        <urn:ex:burn:ex:c> skos:prefLabel "Roll B"@sv .
        <urn:ex:aurn:ex:b> skos:prefLabel "Roll C"@sv .
        <urn:ex:c> skos:prefLabel "Roll D"@sv .
        <kommun/0001> skos:prefLabel "Ett"@sv ; dcterms:identifier "0001" .
        <kommun/0002> skos:prefLabel "Två"@sv ; dcterms:identifier "0002" .
        <m/1> org:organization <samverkan/c> ; org:member <kommun/0001> ; org:role <urn:ex:a> .
        <m/2> org:organization <samverkan/c> ; org:member <kommun/0001> ; org:role <urn:ex:burn:ex:c> .
        <m/3> org:organization <samverkan/c> ; org:member <kommun/0002> ; org:role <urn:ex:aurn:ex:b> .
        <m/4> org:organization <samverkan/c> ; org:member <kommun/0002> ; org:role <urn:ex:c> .`);
      expect([...svg.matchAll(/<text class="group-heading"[^>]*>([^<]*)</g)].map(([, text]) => text)).toEqual(['Roll A, Roll B (1)', 'Roll C, Roll D (1)']);
      const nodes = nodesOf(svg);
      expect(nodes.get('kommun/0001')).toContain('<title>Ett: Roll A, Roll B</title><rect x="10" y="62" width="200" height="28" rx="6"/>');
      expect(nodes.get('kommun/0002')).toContain('<title>Två: Roll C, Roll D</title><rect x="10" y="118" width="200" height="28" rx="6"/>');
    });

    it('marks the administrative principal and its principal line, and names every role of a member in its title', () => {
      const svg = pictureOf(principal);
      const nodes = nodesOf(svg);
      expect(nodes.get('kommun/0002')).toMatch(/^<a href="\/kommun\/0002" class="node member principal" data-kind="member" data-iri="[^"]+"><title>Två: Huvudman, Medlem<\/title>/);
      expect(nodes.get('kommun/0001')).toMatch(/^<a href="\/kommun\/0001" class="node member" data-kind="member" data-iri="[^"]+"><title>Ett: Medlem<\/title>/);
      const principalLines = edgesOf(svg).filter((edge) => edge.startsWith('<g class="edge membership principal"'));
      expect(principalLines).toHaveLength(1);
      expect(principalLines[0]).toContain(`data-role="${iri('roll/huvudman')}"><title>Två: huvudman i Samverkan C</title>`);
    });

    it('draws two lines between the same two nodes 7 apart, centred on the line one would be', () => {
      const edges = edgesOf(pictureOf(principal));
      expect(edges.map((edge) => edge.match(/<path d="([^"]+)"/)![1])).toEqual([
        'M210 132.0 C245 132.0 245 113.0 280 113.0',
        'M210 72.5 C245 72.5 245 109.5 280 109.5',
        'M210 79.5 C245 79.5 245 116.5 280 116.5',
        'M210 166.0 C245 166.0 245 113.0 280 113.0',
      ]);
      // Memberships carry no label: their role is in the member's group.
      expect(edges.some((edge) => edge.includes('edge-label'))).toBe(false);
    });

    it('puts a member without a role in a group headed "–", its line and its box titled with "–", the line without data-role', () => {
      const svg = pictureOf(`${labels}
        <samverkan/c> a org:OrganizationalCollaboration ; skos:prefLabel "Samverkan C"@sv .
        <kommun/0001> skos:prefLabel "Ett"@sv .
        <m/1> org:organization <samverkan/c> ; org:member <kommun/0001> .`);
      expect(svg).toContain('<text class="group-heading" x="10" y="54">– (1)</text>');
      expect(edgesOf(svg)).toEqual([
        `<g class="edge membership" data-kind="membership" data-from="${iri('kommun/0001')}" data-to="${C}"><title>Ett: – i Samverkan C</title><path d="M210 76.0 C245 76.0 245 70.0 280 70.0"/></g>`,
      ]);
      expect(nodesOf(svg).get('kommun/0001')).toContain('<title>Ett: –</title>');
    });

    it('names an unlabelled resource by the end of its IRI, links another site as external, and draws one without a web page unlinked', () => {
      const svg = pictureOf(`${labels}
        <samverkan/c> a org:OrganizationalCollaboration .
        <m/1> org:organization <samverkan/c> ; org:member <kommun/0009>, <http://example.org/skolor#norr>, <urn:example:skola> ; org:role <roll/medlem> .`);
      const nodes = nodesOf(svg);
      expect(linesOf(nodes.get('kommun/0009'))).toEqual(['0009']);
      expect(nodes.get('http://example.org/skolor#norr')).toMatch(/^<a href="http:\/\/example.org\/skolor#norr" rel="external" class="node member" data-kind="member" data-iri="http:\/\/example.org\/skolor#norr"><title>norr: Medlem<\/title>/);
      expect(nodes.get('urn:example:skola')).toBe(
        '<g class="node member" data-kind="member" data-iri="urn:example:skola"><title>urn:example:skola: Medlem</title><rect x="10" y="130" width="200" height="28" rx="6"/>'
          + '<text class="label" x="18" y="136"><tspan x="18" y="148">urn:example:skola</tspan></text></g>',
      );
      // Without codes or names, by IRI.
      expect([...nodes.keys()]).toEqual(['http://example.org/skolor#norr', 'kommun/0009', 'urn:example:skola', 'samverkan/c']);
      expect(svg).toContain('<title id="picture-title">Relationerna för c</title>');
    });
    it('names an unlabelled resource by the end of its IRI also when the IRI holds a line or paragraph separator', () => {
      const svg = pictureOf(`${labels}
        <samverkan/c> a org:OrganizationalCollaboration .
        <m/1> org:organization <samverkan/c> ; org:member <http://example.org/a\\u2028b/norr>, <urn:ex:skola\\u2029syd/x> ; org:role <roll/medlem> .`);
      expect(svg).toContain('<title>norr: Medlem</title>');
      expect(svg).toContain('<title>x: Medlem</title>');
    });
  });

  describe('labels in lines', () => {
    /** The label lines of a member named `name`, in the members' column (25 characters wide). */
    function member(name: string): { lines: string[]; node: string } {
      const svg = pictureOf(`${labels}
        <samverkan/c> a org:OrganizationalCollaboration ; skos:prefLabel "C"@sv .
        <kommun/0001> skos:prefLabel "${name}"@sv .
        <m/1> org:organization <samverkan/c> ; org:member <kommun/0001> ; org:role <roll/medlem> .`);
      const node = nodesOf(svg).get('kommun/0001')!;
      return { lines: linesOf(node), node };
    }

    it('keeps words on a line as long as it holds 25 characters', () => {
      expect(member('Aaaaaaaaaaaa Bbbbbbbbbbbb').lines).toEqual(['Aaaaaaaaaaaa Bbbbbbbbbbbb']);
      expect(member('Aaaaaaaaaaaa Bbbbbbbbbbbbb').lines).toEqual(['Aaaaaaaaaaaa', 'Bbbbbbbbbbbbb']);
      expect(member('Aa Bb Cc').lines).toEqual(['Aa Bb Cc']);
    });

    it('makes the node 16 taller per line, each line 16 below the last', () => {
      const { node } = member('Aaaaaaaaaaaa Bbbbbbbbbbbbb');
      expect(node).toContain('<rect x="10" y="62" width="200" height="44" rx="6"/><text class="label" x="18" y="68"><tspan x="18" y="80">Aaaaaaaaaaaa</tspan><tspan x="18" y="96">Bbbbbbbbbbbbb</tspan></text>');
    });

    it('shows three lines in full, and cuts a fourth off with "…" at the end of the third', () => {
      const [a, b, c, d] = ['A', 'B', 'C', 'D'].map((letter) => letter.repeat(20));
      expect(member(`${a} ${b} ${c}`).lines).toEqual([a, b, c]);
      const [long1, long2, long3, long4] = ['A', 'B', 'C', 'D'].map((letter) => letter.repeat(30));
      expect(member(`${long1} ${long2} ${long3} ${long4}`).lines).toEqual([long1, long2, `${'C'.repeat(24)}…`]);
      expect(member(`${a} ${b} ${c} ${d}`).lines).toEqual([a, b, `${c}…`]);
      expect(member(`${a} ${b} ${c} ${d}`).node).toContain('height="60"');
    });

    it('puts a word longer than a line on a line of its own, and reads any run of spaces as one', () => {
      expect(member(`Kort ${'L'.repeat(30)} x`).lines).toEqual(['Kort', 'L'.repeat(30), 'x']);
      expect(member('  Två    ord  ').lines).toEqual(['Två ord']);
    });

    it('gives an empty label one empty line', () => {
      const { lines, node } = member('   ');
      expect(lines).toEqual(['']);
      expect(node).toContain('height="28"');
    });

    it('wraps the collaboration at 24 characters, and centres it by its height', () => {
      const svg = pictureOf('<samverkan/c> a org:OrganizationalCollaboration ; skos:prefLabel "Aaaaaaaaaaa Bbbbbbbbbbbb"@sv .');
      expect(linesOf(nodesOf(svg).get('samverkan/c'))).toEqual(['Aaaaaaaaaaa Bbbbbbbbbbbb']);
      const taller = pictureOf('<samverkan/c> a org:OrganizationalCollaboration ; skos:prefLabel "Aaaaaaaaaaa Bbbbbbbbbbbbb Cccccccccccccccccccc"@sv .');
      expect(linesOf(nodesOf(taller).get('samverkan/c'))).toEqual(['Aaaaaaaaaaa', 'Bbbbbbbbbbbbb', 'Cccccccccccccccccccc']);
      // Nothing else is drawn: the columns count as 60 high, so the middle is at 70 and the node, 74 high, reaches 107.
      expect(nodesOf(taller).get('samverkan/c')).toContain('<rect x="280" y="33" width="190" height="74" rx="6"/>');
      expect(taller).toContain('viewBox="0 0 960 117"');
      expect(svg).toContain('<rect x="280" y="49" width="190" height="42" rx="6"/>');
      expect(svg).toContain('viewBox="0 0 960 101"');
      expect(svg).toContain('<desc id="picture-description">0 medlemmar efter roll, län, projekt, finansiärer och initiativtagare; 0 relationer.</desc>');
    });
  });

  describe('counties, funders, initiators and projects', () => {
    const related = `${labels}
      <samverkan/c> a org:OrganizationalCollaboration ; skos:prefLabel "Samverkan C"@sv ; dcterms:spatial <lan/01> ; ks:initiatedBy <org/i> .
      <lan/01> a ks:County ; dcterms:identifier "01" ; skos:prefLabel "Län L"@sv .
      <bidrag/g> a schema:MonetaryGrant ; skos:prefLabel "Bidraget"@sv ; schema:fundedItem <samverkan/c> ; schema:funder <org/f> .
      <org/f> skos:prefLabel "Finansiär F"@sv .
      <org/i> skos:prefLabel "Initiativ I"@sv .
      <p/1> org:member <samverkan/c> ; org:organization <projekt/ett> ; org:role <roll/deltagare> .
      <p/2> org:member <samverkan/c> ; org:organization <projekt/tva> .
      <projekt/ett> a schema:Project ; skos:prefLabel "Projekt Ett"@sv ; schema:funder <org/pf2>, <org/pf1> .
      <projekt/tva> a schema:Project ; skos:prefLabel "Projekt Två"@sv ; ks:initiatedBy <org/pi> .
      <org/pf1> skos:prefLabel "Fond A"@sv .
      <org/pf2> skos:prefLabel "Fond B"@sv .
      <org/pi> skos:prefLabel "Initiativ P"@sv .
    `;

    it('stacks the county, the funders, the initiators and the projects in the third column, each project’s funders and initiators beside it', () => {
      const svg = pictureOf(related);
      const nodes = nodesOf(svg);
      const boxes = [...nodes].map(([id, node]) => [id, node.match(/<rect x="(\d+)" y="(\d+)"/)!.slice(1).join(' '), node.match(/class="node ([^"]+)"/)![1], node.match(/<text class="caption"[^>]*>([^<]*)</)?.[1]]);
      expect(boxes).toEqual([
        ['lan/01', '540 40', 'county', 'Län'],
        ['org/f', '540 94', 'funder', 'Finansiär'],
        ['org/i', '540 148', 'initiator', 'Initiativtagare'],
        ['projekt/ett', '540 202', 'project', 'Projekt'],
        ['org/pf1', '770 202', 'funder', 'Finansiär'],
        ['org/pf2', '770 256', 'funder', 'Finansiär'],
        ['projekt/tva', '540 256', 'project', 'Projekt'],
        // Below the first project's second funder, not beside its own project.
        ['org/pi', '770 310', 'initiator', 'Initiativtagare'],
        ['samverkan/c', '280 181', 'collaboration', 'Samverkan'],
      ]);
      expect(nodes.get('org/pf1')).toContain('<rect x="770" y="202" width="180" height="42" rx="6"/>');
      // The last initiator, at 310 and 42 high, ends the tallest column.
      expect(svg).toContain('viewBox="0 0 960 374"');
      expect(svg).toContain('<text class="column-heading" x="770" y="16">Projektens finansiärer</text>');
    });

    it('joins them by labelled lines, each titled in words, the label beside the outer node', () => {
      const edges = edgesOf(pictureOf(related));
      const drawn = edges.map((edge) => [edge.match(/<title>([^<]*)<\/title>/)![1], edge.match(/<path d="([^"]+)"/)![1], edge.match(/<text class="edge-label" x="([^"]+)" y="([^"]+)">([^<]*)</)!.slice(1).join(' ')]);
      expect(drawn).toEqual([
        ['Samverkan C verkar i Län L', 'M470 202.0 C505 202.0 505 61.0 540 61.0', '536 58.0 verkar i'],
        ['Samverkan C: deltagare i Projekt Ett', 'M470 202.0 C505 202.0 505 223.0 540 223.0', '536 220.0 deltagare'],
        ['Samverkan C: – i Projekt Två', 'M470 202.0 C505 202.0 505 277.0 540 277.0', '536 274.0 –'],
        ['Finansiär F finansierar Samverkan C (Bidraget)', 'M540 115.0 C505 115.0 505 202.0 470 202.0', '536 112.0 finansierar'],
        ['Fond A finansierar Projekt Ett', 'M770 223.0 C750 223.0 750 223.0 730 223.0', '766 220.0 finansierar'],
        ['Fond B finansierar Projekt Ett', 'M770 277.0 C750 277.0 750 223.0 730 223.0', '766 274.0 finansierar'],
        ['Initiativ I initierade Samverkan C', 'M540 169.0 C505 169.0 505 202.0 470 202.0', '536 166.0 initierade'],
        ['Initiativ P initierade Projekt Två', 'M770 331.0 C750 331.0 750 277.0 730 277.0', '766 328.0 initierade'],
      ]);
      expect(edges.map((edge) => edge.match(/^<g class="([^"]+)" data-kind="([^"]+)"/)!.slice(1).join(' '))).toEqual([
        'edge spatial spatial',
        'edge participation participation',
        'edge participation participation',
        'edge funding funding',
        'edge funding funding',
        'edge funding funding',
        'edge initiative initiative',
        'edge initiative initiative',
      ]);
      expect(edges[1]).toContain(`data-from="${C}" data-to="${iri('projekt/ett')}" data-role="${iri('roll/deltagare')}">`);
      expect(edges[2]).toContain(`data-from="${C}" data-to="${iri('projekt/tva')}"><title>`);
    });

    it('draws in English too', () => {
      const svg = pictureOf(related, 'samverkan/c', 'en');
      expect(svg).toContain("<text class=\"column-heading\" x=\"770\" y=\"16\">The projects&#39; funders</text>");
      expect(svg).toContain('<title>Finansiär F funds Samverkan C (Bidraget)</title>');
      expect(svg).toContain('<title>Initiativ I initiated Samverkan C</title>');
      expect(svg).toContain('<text class="caption" x="548" y="109">Funder</text>');
      expect(svg).toContain('<text class="caption" x="548" y="163">Initiator</text>');
      expect(svg).toContain('<text class="caption" x="548" y="217">Project</text>');
      expect(svg).toContain('<title>Samverkan C: deltagare in Projekt Ett</title>');
    });

    it("has a column for the projects' funders and initiators only when a project has one", () => {
      const heading = '<text class="column-heading" x="770" y="16">';
      const base = `<samverkan/c> a org:OrganizationalCollaboration . <p/1> org:member <samverkan/c> ; org:organization <projekt/p> . <projekt/p> a schema:Project .`;
      expect(pictureOf(base)).not.toContain(heading);
      expect(pictureOf(`${base} <projekt/p> ks:initiatedBy <org/i> .`)).toContain(heading);
      expect(pictureOf(`${base} <projekt/p> schema:funder <org/f> .`)).toContain(heading);
    });

    it('draws a resource once, however many places it has, and joins each of its relationships to that node', () => {
      const svg = pictureOf(`
        <samverkan/c> a org:OrganizationalCollaboration ; schema:funder <org/f> .
        <p/1> org:member <samverkan/c> ; org:organization <projekt/p> .
        <projekt/p> a schema:Project ; skos:prefLabel "P"@sv ; schema:funder <org/f> .
        <org/f> skos:prefLabel "F"@sv .`);
      const nodes = nodesOf(svg);
      expect([...svg.matchAll(/data-iri="([^"]+)"/g)].map(([, id]) => id)).toEqual([iri('org/f'), iri('projekt/p'), C]);
      expect(nodes.get('org/f')).toContain('<rect x="540" y="40" width="190" height="42" rx="6"/>');
      expect(nodes.get('projekt/p')).toContain('<rect x="540" y="94" width="190" height="42" rx="6"/>');
      const line = edgesOf(svg).find((edge) => edge.includes(`data-to="${iri('projekt/p')}"><title>F finansierar P</title>`));
      expect(line).toContain('<path d="M540 61.0 C635 61.0 635 115.0 730 115.0"/><text class="edge-label" x="726" y="112.0">finansierar</text>');
      expect(svg).toContain('viewBox="0 0 960 158"');
    });

    it("names a project's picture for a project, in the middle and in its column heading", () => {
      const svg = pictureOf('<projekt/p> a schema:Project, org:OrganizationalCollaboration ; skos:prefLabel "Projektet"@sv .', 'projekt/p');
      expect(svg).toContain('<text class="column-heading" x="280" y="16">Projekt</text>');
      expect(nodesOf(svg).get('projekt/p')).toContain('<text class="caption" x="288" y="64">Projekt</text>');
      expect(nodesOf(svg).get('projekt/p')).toMatch(/^<a href="\/projekt\/p" class="node collaboration" data-kind="collaboration"/);
    });
  });

  it('escapes every name, in the title, the description, the nodes and the lines', () => {
    const svg = pictureOf(`${labels}
      <samverkan/c> a org:OrganizationalCollaboration ; skos:prefLabel "Bild & Ton <Väst>"@sv .
      <kommun/0001> skos:prefLabel "\\"Ett\\" & 'två'"@sv .
      <m/1> org:organization <samverkan/c> ; org:member <kommun/0001> ; org:role <roll/medlem> .`);
    expect(svg).toContain('<title id="picture-title">Relationerna för Bild &amp; Ton &lt;Väst&gt;</title>');
    expect(svg).toContain('<title>&quot;Ett&quot; &amp; &#39;två&#39;: medlem i Bild &amp; Ton &lt;Väst&gt;</title>');
    expect(svg).toContain('<tspan x="18" y="80">&quot;Ett&quot; &amp; &#39;två&#39;</tspan>');
    expect(svg).toContain('<tspan x="288" y="81">Bild &amp; Ton &lt;Väst&gt;</tspan>');
    expect(svg).not.toContain('<Väst>');
  });

  it('refuses an edge of a kind it has no words for', () => {
    const graph = graphOfTriG(`<dataset/test> { ${simple} }`);
    const relationships = relationshipsOf(graph, namedNode(C))!;
    const odd = { ...relationships, edges: [{ ...relationships.edges[1]!, kind: 'friendship' } as unknown as PictureEdge] };
    expect(() => drawRelationshipPicture(graph, odd, 'sv')).toThrow('drawRelationshipPicture: no words for the edge kind "friendship"');
  });

  it("draws the shipped collaboration in Örebro län: Karlskoga's group first, every member, the county, the project and their funders", async () => {
    const { graph } = await shippedData();
    const svg = draw(graph, 'samverkan/orebro-lan', 'sv');
    expect(svg).toContain('viewBox="0 0 960 468"');
    expect([...svg.matchAll(/<text class="group-heading"[^>]*>([^<]*)</g)].map(([, text]) => text)).toEqual(['Administrativ huvudman, Medlem (1)', 'Medlem (10)']);
    expect([...svg.matchAll(/<text class="column-heading"[^>]*>([^<]*)</g)].map(([, text]) => text)).toEqual(['Medlemmar efter roll', 'Samverkan', 'Län, projekt, finansiärer', 'Projektens finansiärer']);
    const nodes = nodesOf(svg);
    expect([...nodes.values()].map((node) => node.match(/data-kind="([^"]+)"/)![1]).join(' ')).toBe(`${'member '.repeat(11)}county funder project funder initiator collaboration`);
    expect(nodes.get('kommun/1883')).toContain('<title>Karlskoga: Administrativ huvudman, Medlem</title><rect x="10" y="62" width="200" height="28" rx="6"/>');
    expect(linesOf(nodes.get('projekt/kulturskola-i-hela-landet'))).toEqual(['Kulturskola i hela', 'landet']);
    expect(edgesOf(svg)).toHaveLength(17);
    expect(svg).toContain('<figcaption>11 medlemmar efter roll, län, projekt, finansiärer och initiativtagare; 17 relationer.</figcaption>');
  });
});
