import { describe, expect, it } from 'vitest';
import { drawCoverageChart, type CoverageBar } from '../../src/http/linkedData/drawCoverageChart.js';
import { pageText } from '../../src/http/linkedData/pageText.js';

// The home page's bar chart, drawn on the server from one row per county. One unit of the
// viewBox is a pixel at full width: bars start at x=210 and the county with most municipalities
// gets the whole 640; rows are 24 apart from y=30, each bar 16 high and centred in its row.

const sv = pageText.sv.home;
const en = pageText.en.home;

/** The `<g class="bar">` elements of a chart, in order. */
function barsOf(svg: string): string[] {
  return [...svg.matchAll(/<g class="bar"[^>]*>.*?<\/g>/g)].map(([bar]) => bar);
}

describe('drawCoverageChart', () => {
  const bars: CoverageBar[] = [
    { code: '17', name: 'Värmlands län', municipalities: 16, members: 4 },
    { code: '18', name: 'Örebro län', municipalities: 12, members: 11 },
    { code: '19', name: 'Västmanlands län', municipalities: 10, members: 0 },
  ];

  it('draws one bar per county, in the order given, each saying its figures in data attributes and in words', () => {
    const svg = drawCoverageChart(bars, sv);
    const drawn = barsOf(svg);
    expect(drawn).toHaveLength(3);
    expect(drawn[0]).toBe(
      '<g class="bar" data-county="17" data-members="4" data-municipalities="16">'
        + '<title>Värmlands län: 4 av 16 kommuner i en samverkan</title>'
        + '<text class="bar-label" x="200" y="46">Värmlands län</text>'
        + '<rect class="all" x="210" y="34" width="640" height="16"/>'
        + '<rect class="members" x="210" y="34" width="160" height="16"/>'
        + '<text class="bar-count" x="856" y="46">4 av 16</text>'
        + '</g>',
    );
    expect(drawn[1]).toBe(
      '<g class="bar" data-county="18" data-members="11" data-municipalities="12">'
        + '<title>Örebro län: 11 av 12 kommuner i en samverkan</title>'
        + '<text class="bar-label" x="200" y="70">Örebro län</text>'
        + '<rect class="all" x="210" y="58" width="480" height="16"/>'
        + '<rect class="members" x="210" y="58" width="440" height="16"/>'
        + '<text class="bar-count" x="696" y="70">11 av 12</text>'
        + '</g>',
    );
    expect(drawn[2]).toBe(
      '<g class="bar" data-county="19" data-members="0" data-municipalities="10">'
        + '<title>Västmanlands län: 0 av 10 kommuner i en samverkan</title>'
        + '<text class="bar-label" x="200" y="94">Västmanlands län</text>'
        + '<rect class="all" x="210" y="82" width="400" height="16"/>'
        + '<rect class="members" x="210" y="82" width="0" height="16"/>'
        + '<text class="bar-count" x="616" y="94">0 av 10</text>'
        + '</g>',
    );
  });

  it('is as tall as its rows, with a title, a description, a legend and a caption, in the Swedish words', () => {
    const svg = drawCoverageChart(bars, sv);
    expect(svg).toBe(`<figure>
<svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 960 110" role="img" aria-labelledby="chart-title" aria-describedby="chart-description">
<title id="chart-title">Kommuner i en samverkan, per län</title>
<desc id="chart-description">Varje stapel är länets kommuner; den mörka delen är de som är medlemmar i minst en samverkan. Samma uppgifter som tabellen ovan.</desc>
<g class="legend"><rect class="members" x="210" y="6" width="14" height="14"/><text x="230" y="18">i en samverkan</text><rect class="all" x="410" y="6" width="14" height="14"/><text x="430" y="18">i ingen</text></g>
${barsOf(svg).join('\n')}
</svg>
<figcaption>Varje stapel är länets kommuner; den mörka delen är de som är medlemmar i minst en samverkan. Samma uppgifter som tabellen ovan.</figcaption>
</figure>`);
  });

  it('is written in English with the English words', () => {
    const svg = drawCoverageChart(bars.slice(1, 2), en);
    expect(svg).toContain('viewBox="0 0 960 62"');
    expect(svg).toContain('<title id="chart-title">Municipalities in a collaboration, by county</title>');
    expect(svg).toContain(`<desc id="chart-description">Each bar is the county&#39;s municipalities; the dark part is those that are members of at least one collaboration. The same figures as the table above.</desc>`);
    expect(svg).toContain('<text x="230" y="18">in a collaboration</text>');
    expect(svg).toContain('<text x="430" y="18">in none</text>');
    expect(svg).toContain('<title>Örebro län: 11 of 12 municipalities in a collaboration</title>');
    expect(svg).toContain('<text class="bar-count" x="856" y="46">11 of 12</text>');
    // Alone, the county has the most municipalities: its bar is the full width.
    expect(svg).toContain('<rect class="all" x="210" y="34" width="640" height="16"/>');
    expect(svg).toContain('<figcaption>Each bar is the county&#39;s municipalities; the dark part is those that are members of at least one collaboration. The same figures as the table above.</figcaption>');
  });

  it('rounds bar lengths to a tenth of a unit', () => {
    const drawn = barsOf(drawCoverageChart([{ code: '01', name: 'Tre', municipalities: 3, members: 1 }, { code: '02', name: 'Två', municipalities: 2, members: 2 }], sv));
    expect(drawn[0]).toContain('<rect class="members" x="210" y="34" width="213.3" height="16"/>');
    expect(drawn[1]).toContain('<rect class="all" x="210" y="58" width="426.7" height="16"/>');
    expect(drawn[1]).toContain('<rect class="members" x="210" y="58" width="426.7" height="16"/>');
    expect(drawn[1]).toContain('<text class="bar-count" x="642.7" y="70">2 av 2</text>');
  });

  it('draws a county without municipalities as an empty bar, not as a division by zero', () => {
    const drawn = barsOf(drawCoverageChart([{ code: '99', name: 'Tomt', municipalities: 0, members: 0 }], sv));
    expect(drawn).toEqual([
      '<g class="bar" data-county="99" data-members="0" data-municipalities="0"><title>Tomt: 0 av 0 kommuner i en samverkan</title>'
        + '<text class="bar-label" x="200" y="46">Tomt</text><rect class="all" x="210" y="34" width="0" height="16"/>'
        + '<rect class="members" x="210" y="34" width="0" height="16"/><text class="bar-count" x="216" y="46">0 av 0</text></g>',
    ]);
  });

  it('draws no bar for no county, and is then just the legend', () => {
    const svg = drawCoverageChart([], sv);
    expect(barsOf(svg)).toEqual([]);
    expect(svg).toContain('viewBox="0 0 960 38"');
    expect(svg).toContain('<g class="legend">');
  });

  it('escapes county names and codes', () => {
    const svg = drawCoverageChart([{ code: '"x"', name: 'A & B <län>', municipalities: 1, members: 1 }], sv);
    expect(svg).toContain('data-county="&quot;x&quot;"');
    expect(svg).toContain('<title>A &amp; B &lt;län&gt;: 1 av 1 kommuner i en samverkan</title>');
    expect(svg).toContain('<text class="bar-label" x="200" y="46">A &amp; B &lt;län&gt;</text>');
    expect(svg).not.toContain('<län>');
  });
});
