import type { Graph, Resource } from '../../rdf/Graph.js';
import { escapeHtml } from './escapeHtml.js';
import { hrefOfIri } from './hrefOfIri.js';
import { labelOf } from './labelOf.js';
import { pageText, type PageLanguage, type PictureText } from './pageText.js';
import type { PictureEdge, Relationships } from './relationshipsOf.js';

/** Where a node was drawn. */
interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** A column of the picture: its left edge and width, in viewBox units (one unit is a CSS pixel at full width). */
interface Column {
  x: number;
  width: number;
}

const WIDTH = 960;
const columns = {
  members: { x: 10, width: 200 },
  collaboration: { x: 280, width: 190 },
  related: { x: 540, width: 190 },
  projectRelated: { x: 770, width: 180 },
} satisfies Record<string, Column>;
const TOP = 40;
const LINE_HEIGHT = 16;
const CAPTION_HEIGHT = 14;
const NODE_GAP = 6;
const GROUP_HEADING = 22;
/** About how wide a character of the labels' 13px sans-serif is, for wrapping without measuring. */
const CHARACTER_WIDTH = 7.2;
const MAX_LINES = 3;
/** How far apart two lines between the same two nodes are drawn. */
const PARALLEL_OFFSET = 7;

/**
 * A collaboration's relationships as an inline SVG drawn on the server, in
 * a `<section>` with a heading: its members grouped by the roles they hold
 * (the administrative principal first and marked), the collaboration in
 * the middle, the counties it works in, who funds and who initiated it, its projects and, in
 * the last column, who funds and who initiated each project. Every node is
 * a link to the resource's page with a `<title>`; every stated relationship
 * is one line with a `<title>` saying it in words. Nodes carry
 * `class="node"` and `data-kind`/`data-iri`, lines `class="edge"` and
 * `data-kind`/`data-from`/`data-to` (and `data-role`), so that what is drawn
 * can be counted. No script, no style attribute: the page's style sheet
 * colours it, so the page's Content-Security-Policy holds.
 */
export function drawRelationshipPicture(graph: Graph, relationships: Relationships, language: PageLanguage): string {
  const text = pageText[language].picture;
  const name = (resource: Resource): string => labelOf(graph, resource, language)?.value ?? resource.value.replace(/^.*[/#]/s, '');
  const boxes = new Map<string, Box>();
  const nodes: string[] = [];
  const place = (resource: Resource, column: Column, y: number, kind: string, caption: string | null, extraClass = ''): Box => {
    const known = boxes.get(resource.value);
    if (known !== undefined) return known;
    const lines = wrap(name(resource), Math.floor((column.width - 16) / CHARACTER_WIDTH));
    const box = { x: column.x, y, width: column.width, height: lines.length * LINE_HEIGHT + 12 + (caption === null ? 0 : CAPTION_HEIGHT) };
    boxes.set(resource.value, box);
    nodes.push(drawNode(resource, box, lines, kind, caption, extraClass, nodeTitle(resource)));
    return box;
  };
  const nodeTitle = (resource: Resource): string => {
    const member = relationships.members.find(({ member }) => member.equals(resource));
    // A member without a role reads as its group and its line do: "–".
    return member === undefined ? name(resource) : `${name(resource)}: ${member.roles.map(name).join(', ') || '–'}`;
  };

  // Members, grouped by the set of roles each holds: a member with two roles is drawn once.
  const groups = new Map<string, { roles: Resource[]; principal: boolean; members: Resource[] }>();
  for (const { member, roles, principal } of relationships.members) {
    const key = roles.map((role) => role.value).join(' ');
    const group = groups.get(key) ?? { roles, principal, members: [] };
    group.members.push(member);
    groups.set(key, group);
  }
  const headings: string[] = [];
  let y = TOP;
  for (const group of [...groups.values()].sort((a, b) => Number(b.principal) - Number(a.principal))) {
    const label = `${group.roles.map(name).join(', ') || '–'} (${group.members.length})`;
    headings.push(`<text class="group-heading" x="${columns.members.x}" y="${y + 14}">${escapeHtml(label)}</text>`);
    y += GROUP_HEADING;
    for (const member of group.members) {
      const box = place(member, columns.members, y, 'member', null, group.principal ? ' principal' : '');
      y = box.y + box.height + NODE_GAP;
    }
  }
  const membersBottom = y;

  // The county, the collaboration's funders and its projects; each project's funders and initiators beside it.
  y = TOP;
  const nextIn = (box: Box) => box.y + box.height + NODE_GAP * 2;
  for (const county of relationships.counties) y = nextIn(place(county, columns.related, y, 'county', text.county));
  for (const funder of relationships.funders) y = nextIn(place(funder, columns.related, y, 'funder', text.funder));
  for (const initiator of relationships.initiators) y = nextIn(place(initiator, columns.related, y, 'initiator', text.initiator));
  let lastY = TOP;
  for (const { project, funders, initiators } of relationships.projects) {
    const projectBox = place(project, columns.related, y, 'project', text.project);
    y = nextIn(projectBox);
    lastY = Math.max(lastY, projectBox.y);
    for (const funder of funders) lastY = nextIn(place(funder, columns.projectRelated, lastY, 'funder', text.funder));
    for (const initiator of initiators) lastY = nextIn(place(initiator, columns.projectRelated, lastY, 'initiator', text.initiator));
  }
  const relatedBottom = Math.max(y, lastY);

  const center = (Math.max(membersBottom, relatedBottom, TOP + 60) + TOP) / 2;
  const collaborationLines = wrap(name(relationships.collaboration), Math.floor((columns.collaboration.width - 16) / CHARACTER_WIDTH));
  const collaborationHeight = collaborationLines.length * LINE_HEIGHT + 12 + CAPTION_HEIGHT;
  const middleCaption = relationships.project ? text.project : text.collaboration;
  place(relationships.collaboration, columns.collaboration, Math.round(center - collaborationHeight / 2), 'collaboration', middleCaption);

  const height = Math.max(membersBottom, relatedBottom, ...[...boxes.values()].map((box) => box.y + box.height)) + 10;
  const edges = drawEdges(relationships.edges, boxes, text, name);
  const columnHeadings = [
    [columns.members, text.membersByRole],
    [columns.collaboration, middleCaption],
    [columns.related, text.placesAndProjects],
    ...(relationships.projects.some(({ funders, initiators }) => funders.length + initiators.length > 0) ? [[columns.projectRelated, text.fundersAndInitiators] as const] : []),
  ] as const;
  const collaborationName = name(relationships.collaboration);
  const description = text.description(relationships.members.length, relationships.edges.length);
  return `<section id="relationships">
<h2>${escapeHtml(text.heading)}</h2>
<figure>
<svg class="picture" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${height}" role="group" aria-labelledby="picture-title" aria-describedby="picture-description">
<title id="picture-title">${escapeHtml(text.label(collaborationName))}</title>
<desc id="picture-description">${escapeHtml(description)}</desc>
${columnHeadings.map(([column, heading]) => `<text class="column-heading" x="${column.x}" y="16">${escapeHtml(heading)}</text>`).join('\n')}
${headings.join('\n')}
<g class="edges">
${edges.join('\n')}
</g>
<g class="nodes">
${nodes.join('\n')}
</g>
</svg>
<figcaption>${escapeHtml(description)}</figcaption>
</figure>
</section>`;
}

/** One node: a rounded box with an optional caption and the label's lines, as a link to the resource's page when it has one. */
function drawNode(resource: Resource, box: Box, lines: readonly string[], kind: string, caption: string | null, extraClass: string, title: string): string {
  const target = resource.termType === 'NamedNode' ? hrefOfIri(resource.value) : null;
  const textX = box.x + 8;
  let lineY = box.y + 6 + (caption === null ? 0 : CAPTION_HEIGHT);
  const parts = [
    `<title>${escapeHtml(title)}</title>`,
    `<rect x="${box.x}" y="${box.y}" width="${box.width}" height="${box.height}" rx="6"/>`,
    caption === null ? '' : `<text class="caption" x="${textX}" y="${box.y + 15}">${escapeHtml(caption)}</text>`,
    `<text class="label" x="${textX}" y="${lineY}">${lines.map((line) => `<tspan x="${textX}" y="${(lineY += LINE_HEIGHT) - 4}">${escapeHtml(line)}</tspan>`).join('')}</text>`,
  ].join('');
  const attributes = `class="node ${kind}${extraClass}" data-kind="${kind}" data-iri="${escapeHtml(resource.value)}"`;
  if (target === null) return `<g ${attributes}>${parts}</g>`;
  const external = target.external ? ' rel="external"' : '';
  return `<a href="${escapeHtml(target.href)}"${external} ${attributes}>${parts}</a>`;
}

/** One curve per edge between the boxes it joins (parallel ones drawn apart), with a title in words; labelled when not a membership. */
function drawEdges(edges: readonly PictureEdge[], boxes: ReadonlyMap<string, Box>, text: PictureText, name: (resource: Resource) => string): string[] {
  const pairKey = (edge: PictureEdge) => `${edge.from.value} ${edge.to.value}`;
  const parallel = new Map<string, number>();
  for (const edge of edges) parallel.set(pairKey(edge), (parallel.get(pairKey(edge)) ?? 0) + 1);
  const drawn = new Map<string, number>();
  return edges.map((edge) => {
    const from = boxes.get(edge.from.value)!;
    const to = boxes.get(edge.to.value)!;
    const count = parallel.get(pairKey(edge))!;
    const index = drawn.get(pairKey(edge)) ?? 0;
    drawn.set(pairKey(edge), index + 1);
    const offset = (index - (count - 1) / 2) * PARALLEL_OFFSET;
    const rightwards = from.x < to.x;
    const x1 = rightwards ? from.x + from.width : from.x;
    const x2 = rightwards ? to.x : to.x + to.width;
    const y1 = from.y + from.height / 2 + offset;
    const y2 = to.y + to.height / 2 + offset;
    const middle = (x1 + x2) / 2;
    const words = edgeWords(edge, text, name);
    const role = edge.role === null ? '' : ` data-role="${escapeHtml(edge.role.value)}"`;
    const path = `<path d="M${x1} ${y1.toFixed(1)} C${middle} ${y1.toFixed(1)} ${middle} ${y2.toFixed(1)} ${x2} ${y2.toFixed(1)}"/>`;
    // Beside the outer node, where lines from the middle have spread apart.
    const [outerX, outerY] = x1 > x2 ? [x1, y1] : [x2, y2];
    const label = edge.kind === 'membership' ? '' : `<text class="edge-label" x="${outerX - 4}" y="${(outerY - 3).toFixed(1)}">${escapeHtml(words.label)}</text>`;
    const classes = `edge ${edge.kind}${edge.principal ? ' principal' : ''}`;
    return `<g class="${classes}" data-kind="${edge.kind}" data-from="${escapeHtml(edge.from.value)}" data-to="${escapeHtml(edge.to.value)}"${role}><title>${escapeHtml(words.title)}</title>${path}${label}</g>`;
  });
}

/** What an edge says, as a short label and as a sentence for its title. */
function edgeWords(edge: PictureEdge, text: PictureText, name: (resource: Resource) => string): { label: string; title: string } {
  const from = name(edge.from);
  const to = name(edge.to);
  switch (edge.kind) {
    case 'membership':
    case 'participation': {
      const role = edge.role === null ? '–' : name(edge.role).toLowerCase();
      return { label: role, title: `${from}: ${role} ${text.memberIn} ${to}` };
    }
    case 'spatial':
      return { label: text.spatial, title: `${from} ${text.spatial} ${to}` };
    case 'funding':
      return { label: text.funds, title: `${from} ${text.funds} ${to}${edge.via === null ? '' : ` (${name(edge.via)})`}` };
    case 'initiative':
      return { label: text.initiated, title: `${from} ${text.initiated} ${to}` };
    default:
      throw new Error(`drawRelationshipPicture: no words for the edge kind ${JSON.stringify((edge as PictureEdge).kind)}`);
  }
}

/** The words of a label in lines of at most `width` characters (a longer word on a line of its own), at most MAX_LINES, the last cut with "…". */
function wrap(label: string, width: number): string[] {
  const lines: string[] = [];
  for (const word of label.split(/\s+/).filter((part) => part !== '')) {
    const last = lines.at(-1);
    if (last !== undefined && last.length + 1 + word.length <= width) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  if (lines.length <= MAX_LINES) return lines.length === 0 ? [''] : lines;
  const kept = lines.slice(0, MAX_LINES);
  kept[MAX_LINES - 1] = `${kept[MAX_LINES - 1]!.slice(0, Math.max(1, width - 1))}…`;
  return kept;
}
