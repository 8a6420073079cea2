import type { Literal } from 'n3';
import { coverageOf, type CoverageOfCounty } from '../../graphql/coverageOf.js';
import { servedDatasets } from '../../graphql/servedDatasets.js';
import type { Graph, Resource } from '../../rdf/Graph.js';
import { graphSizesOf } from '../../rdf/graphSizesOf.js';
import { homeDatasetOf } from '../../rdf/homeDatasetOf.js';
import { resourceOf, resourcesOf, resourcesOfType, textOf, valueOf } from '../../rdf/readTerms.js';
import { BASE_IRI, dcterms, kg, ks, org, prov } from '../../rdf/vocabulary.js';
import { drawCoverageChart } from './drawCoverageChart.js';
import { datasetVersionLink } from './datasetVersionLink.js';
import { escapeHtml } from './escapeHtml.js';
import { hrefOfIri } from './hrefOfIri.js';
import { htmlDocument, type Alternate } from './htmlDocument.js';
import { labelOf } from './labelOf.js';
import { pageText, type HomePageText, type PageLanguage } from './pageText.js';

/** What the home page shows, all of it from one snapshot of the data. */
export interface HomePageInput {
  /** The snapshot's graph; its coverage is computed once per Graph (see coverageOf), shared with GraphQL when it is the same Graph. */
  graph: Graph;
  language: PageLanguage;
  /** The catalogue's other representations at `/`. */
  alternates: readonly Alternate[];
  /** Where the data catalogue is served, e.g. `/catalog`. */
  catalogPath: string;
  dumps: ReadonlyArray<{ path: string; mediaType: string }>;
  /** The served data's version, as the `Data-Version` header names it. */
  dataVersion: { digest: string; lastModified: Date };
  /** The version number of each published dataset, by IRI; absent when the data is not published (then no version is shown). */
  datasetVersions?: ReadonlyMap<string, number>;
}

/**
 * The home page, for people, in Swedish or English: the ways into the data
 * (the GraphQL explorer, the SPARQL endpoint, the dumps, the catalogue, the
 * vocabulary); a table of coverage per county (municipalities, members of a
 * collaboration, in none), each row opening onto which municipalities are
 * covered and which are not, linked to their pages, with the whole country
 * below; a bar chart of the same figures; the collaborations and projects
 * with their counties, members, period and the dataset each comes from
 * (its publisher and date); and every dataset with its publisher, source
 * pages, version and date. A link switches the language (`?lang=`). Every
 * value from the graph is escaped; no script, no external asset.
 */
export function renderHomePage(input: HomePageInput): string {
  const { graph, language, alternates } = input;
  const text = pageText[language];
  const home = text.home;
  const coverage = coverageOf(graph);
  const names = new Names(graph, language);
  const catalogTitle = textOf(graph, kg.catalog, dcterms.title, language) ?? text.siteName;
  const catalogDescription = textOf(graph, kg.catalog, dcterms.description, language);

  const ways = [
    `<li><a href="/graphql">${escapeHtml(home.explorer)}</a></li>`,
    `<li><a href="/sparql">${escapeHtml(home.sparql)}</a></li>`,
    `<li>${escapeHtml(home.dumps)}: ${input.dumps.map((dump) => `<a href="${escapeHtml(dump.path)}" type="${escapeHtml(dump.mediaType)}">${escapeHtml(dump.path.slice(1))}</a>`).join(', ')}</li>`,
    `<li><a href="${escapeHtml(input.catalogPath)}">${escapeHtml(text.catalog)}</a></li>`,
    `<li><a href="/def">${escapeHtml(home.vocabulary)}</a></li>`,
  ];
  const other = home.otherLanguageCode;
  const body = `<header>
<p class="language"><a href="/?lang=${other}" hreflang="${other}" lang="${other}">${escapeHtml(home.otherLanguage)}</a></p>
<h1>${escapeHtml(catalogTitle)}</h1>
${catalogDescription === null ? '' : `<p>${escapeHtml(catalogDescription)}</p>`}
<nav class="ways" aria-label="${escapeHtml(home.ways)}"><ul>
${ways.join('\n')}
</ul></nav>
</header>
<main>
${coverageSection(graph, coverage.counties, coverage.national, names, home)}
${collaborationsSection(graph, [...coverage.national.collaborations, ...coverage.national.projects], new Set(coverage.national.projects.map((project) => project.value)), names, home)}
${datasetsSection(graph, names, home, input.datasetVersions)}
</main>
<footer>
<p>${escapeHtml(home.dataVersion(input.dataVersion.digest, input.dataVersion.lastModified.toISOString()))}</p>
<h2>${escapeHtml(home.catalogFormats)}</h2>
<nav class="formats">${alternates.map((alternate) => `<a href="${escapeHtml(alternate.href)}" type="${escapeHtml(alternate.mediaType)}">${escapeHtml(alternate.title)}</a>`).join('\n')}</nav>
</footer>`;
  return htmlDocument({ language, title: home.title, body, alternates });
}

/** The coverage table (a row per county, the whole country at its foot) and the bar chart of it. */
function coverageSection(graph: Graph, counties: readonly CoverageOfCounty[], national: ReturnType<typeof coverageOf>['national'], names: Names, home: HomePageText): string {
  const principals = new Set(national.administrativePrincipals.map((municipality) => municipality.value));
  const municipalityList = (municipalities: readonly Resource[]) =>
    municipalities.length === 0
      ? escapeHtml(home.none)
      : municipalities.map((municipality) => `${names.link(municipality)}${principals.has(municipality.value) ? ` (${escapeHtml(home.principal)})` : ''}`).join(', ');
  const rows = counties.map((row) => {
    const code = valueOf(graph, row.county, dcterms.identifier) ?? '';
    return `<tr data-county="${escapeHtml(code)}"><th scope="row">${names.link(row.county)}</th><td>${row.municipalityCount}</td><td>${row.memberCount}</td><td>${row.nonMemberCount}</td>`
      + `<td><details><summary>${escapeHtml(home.whichSummary(row.memberCount, row.municipalityCount))}</summary>`
      + `<p><strong>${escapeHtml(home.covered)}:</strong> ${municipalityList(row.members)}</p>`
      + `<p><strong>${escapeHtml(home.notCovered)}:</strong> ${municipalityList(row.nonMembers)}</p></details></td></tr>`;
  });
  const chart = drawCoverageChart(
    counties.map((row) => ({
      code: valueOf(graph, row.county, dcterms.identifier) ?? '',
      name: names.text(row.county),
      municipalities: row.municipalityCount,
      members: row.memberCount,
    })),
    home,
  );
  return `<section id="coverage">
<h2>${escapeHtml(home.coverage)}</h2>
<p>${escapeHtml(home.coverageIntro(national.memberCount, national.municipalityCount, national.nonMemberCount))}</p>
<table class="coverage">
<thead><tr><th scope="col">${escapeHtml(home.county)}</th><th scope="col">${escapeHtml(home.municipalities)}</th><th scope="col">${escapeHtml(home.members)}</th><th scope="col">${escapeHtml(home.nonMembers)}</th><th scope="col">${escapeHtml(home.which)}</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
<tfoot><tr><th scope="row">${escapeHtml(home.wholeCountry)}</th><td>${national.municipalityCount}</td><td>${national.memberCount}</td><td>${national.nonMemberCount}</td><td></td></tr></tfoot>
</table>
${chart}
</section>`;
}

/** The collaborations, then the projects: each with its counties, members, period, and the dataset that states it (publisher, date). */
function collaborationsSection(graph: Graph, organisations: readonly Resource[], projects: ReadonlySet<string>, names: Names, home: HomePageText): string {
  const rows = organisations.map((organisation) => {
    const counties = resourcesOfType(graph, organisation, dcterms.spatial, ks.County);
    const members = new Set(graph.subjects(org.organization, organisation).flatMap((membership) => resourcesOf(graph, membership, org.member).map((member) => member.value)));
    const period = resourceOf(graph, organisation, dcterms.temporal);
    const dataset = homeDatasetOf(graph, organisation);
    const publisher = dataset && resourceOf(graph, dataset, dcterms.publisher);
    const modified = dataset && valueOf(graph, dataset, dcterms.modified);
    const cells = [
      names.link(organisation),
      escapeHtml(projects.has(organisation.value) ? home.project : home.collaboration),
      counties.map((county) => names.link(county)).join(', '),
      String(members.size),
      period === null ? '–' : escapeHtml(names.text(period)),
      dataset === null ? '–' : names.link(dataset),
      publisher === null || publisher === undefined ? '–' : names.link(publisher),
      escapeHtml(modified ?? '–'),
    ];
    return `<tr><th scope="row">${cells[0]}</th>${cells.slice(1).map((cell) => `<td>${cell}</td>`).join('')}</tr>`;
  });
  const headings = [home.name, home.kind, home.counties, home.collaborationMembers, home.period, home.dataset, home.publisher, home.modified];
  return tableSection('collaborations', home.collaborations, home.collaborationsIntro, headings, rows);
}

/** Every served dataset (named graph) with its publisher, source pages, version (linked to that version's content), date and size. */
function datasetsSection(graph: Graph, names: Names, home: HomePageText, versions: ReadonlyMap<string, number> | undefined): string {
  const sizes = graphSizesOf(graph);
  const rows = servedDatasets(graph).map((dataset) => {
    const publisher = resourceOf(graph, dataset, dcterms.publisher);
    const stated = [...resourcesOf(graph, dataset, prov.wasDerivedFrom), ...resourcesOf(graph, dataset, dcterms.source)];
    const sources = [...new Map(stated.map((source) => [source.value, source])).values()].sort((a, b) => (a.value < b.value ? -1 : 1));
    const version = versions?.get(dataset.value);
    const versionCell = version === undefined ? '–' : datasetVersionLink(dataset.value, version);
    const cells = [
      names.link(dataset),
      publisher === null ? '–' : names.link(publisher),
      sources.length === 0 ? '–' : sources.map((source) => names.link(source)).join(', '),
      versionCell,
      escapeHtml(valueOf(graph, dataset, dcterms.modified) ?? '–'),
      String(sizes.get(dataset.value) ?? 0),
    ];
    return `<tr data-dataset="${escapeHtml(dataset.value)}"><th scope="row">${cells[0]}</th>${cells.slice(1).map((cell) => `<td>${cell}</td>`).join('')}</tr>`;
  });
  const headings = [home.datasetTitle, home.publisher, home.sources, home.version, home.modified, home.triples];
  return tableSection('datasets', home.datasets, home.datasetsIntro, headings, rows);
}

/** A section of one table: its id (also the table's class), heading, introduction, column headings and rows (already HTML). */
function tableSection(id: string, heading: string, intro: string, headings: readonly string[], rows: readonly string[]): string {
  return `<section id="${id}">
<h2>${escapeHtml(heading)}</h2>
<p>${escapeHtml(intro)}</p>
<table class="${id}">
<thead><tr>${headings.map((column) => `<th scope="col">${escapeHtml(column)}</th>`).join('')}</tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table>
</section>`;
}

/** Names of resources in the page's language (their label, else the IRI's last segment) and links to their pages, each name read once. */
class Names {
  private readonly labels = new Map<string, Literal | null>();

  constructor(
    private readonly graph: Graph,
    private readonly language: PageLanguage,
  ) {}

  /** The resource's name as plain text: its label, else its IRI without the scheme (our own without the base: `dataset/kommuner`). */
  text(resource: Resource): string {
    const label = this.label(resource);
    if (label !== null) return label.value;
    return resource.value.startsWith(BASE_IRI) ? resource.value.slice(BASE_IRI.length) : resource.value.replace(/^[a-z][a-z0-9+.-]*:(\/\/)?/i, '');
  }

  /** A link to the resource's page (an external page marked so), named in the page's language; its name alone when it has no http(s) IRI. */
  link(resource: Resource): string {
    const label = this.label(resource);
    const lang = label === null || label.language === '' || label.language === this.language ? '' : ` lang="${escapeHtml(label.language)}"`;
    const name = escapeHtml(this.text(resource));
    const target = resource.termType === 'NamedNode' ? hrefOfIri(resource.value) : null;
    if (target === null) return `<span${lang}>${name}</span>`;
    return `<a href="${escapeHtml(target.href)}"${target.external ? ' rel="external"' : ''}${lang}>${name}</a>`;
  }

  private label(resource: Resource): Literal | null {
    let label = this.labels.get(resource.value);
    if (label === undefined) this.labels.set(resource.value, (label = labelOf(this.graph, resource, this.language)));
    return label;
  }
}
