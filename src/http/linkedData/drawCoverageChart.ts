import { escapeHtml } from './escapeHtml.js';
import type { HomePageText } from './pageText.js';

/** One bar: a county, how many municipalities it has and how many of them are members of a collaboration. */
export interface CoverageBar {
  code: string;
  name: string;
  municipalities: number;
  members: number;
}

const WIDTH = 960;
const LABEL_WIDTH = 200;
const BAR_X = LABEL_WIDTH + 10;
const BAR_SPACE = 640;
const ROW = 24;
const BAR_HEIGHT = 16;
const TOP = 30;

/**
 * A horizontal bar chart of coverage as an inline SVG drawn on the server:
 * one bar per county (`class="bar"`, `data-county`, `data-members`,
 * `data-municipalities`), as long as the county has municipalities (on one
 * scale for every county), its members of a collaboration drawn dark over
 * it, the count beside it, and a `<title>` saying it in words. No script,
 * no style attribute: the page's style sheet colours it.
 */
export function drawCoverageChart(bars: readonly CoverageBar[], text: HomePageText): string {
  const most = Math.max(1, ...bars.map((bar) => bar.municipalities));
  const scale = (count: number) => Math.round((count / most) * BAR_SPACE * 10) / 10;
  const rows = bars.map((bar, index) => {
    const y = TOP + index * ROW;
    const barY = y + (ROW - BAR_HEIGHT) / 2;
    const all = scale(bar.municipalities);
    return `<g class="bar" data-county="${escapeHtml(bar.code)}" data-members="${bar.members}" data-municipalities="${bar.municipalities}">`
      + `<title>${escapeHtml(text.chartBar(bar.name, bar.members, bar.municipalities))}</title>`
      + `<text class="bar-label" x="${LABEL_WIDTH}" y="${y + 16}">${escapeHtml(bar.name)}</text>`
      + `<rect class="all" x="${BAR_X}" y="${barY}" width="${all}" height="${BAR_HEIGHT}"/>`
      + `<rect class="members" x="${BAR_X}" y="${barY}" width="${scale(bar.members)}" height="${BAR_HEIGHT}"/>`
      + `<text class="bar-count" x="${BAR_X + all + 6}" y="${y + 16}">${escapeHtml(text.chartCount(bar.members, bar.municipalities))}</text>`
      + '</g>';
  });
  const height = TOP + bars.length * ROW + 8;
  const legend = `<g class="legend"><rect class="members" x="${BAR_X}" y="6" width="14" height="14"/><text x="${BAR_X + 20}" y="18">${escapeHtml(text.legendMembers)}</text>`
    + `<rect class="all" x="${BAR_X + 200}" y="6" width="14" height="14"/><text x="${BAR_X + 220}" y="18">${escapeHtml(text.legendNonMembers)}</text></g>`;
  return `<figure>
<svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${height}" role="img" aria-labelledby="chart-title" aria-describedby="chart-description">
<title id="chart-title">${escapeHtml(text.chart)}</title>
<desc id="chart-description">${escapeHtml(text.chartDescription)}</desc>
${legend}
${rows.join('\n')}
</svg>
<figcaption>${escapeHtml(text.chartDescription)}</figcaption>
</figure>`;
}
