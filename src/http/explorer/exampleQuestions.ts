/** One of the README's example questions, as the explorer opens it in a tab of its own. */
export interface ExampleQuestion {
  /** The question in words: the tab's first line, as a comment. */
  title: string;
  /** Names the operation, so that the tab shows a title rather than "<untitled>". */
  operationName: string;
  /** The query exactly as a ```graphql block of the README's "Asking questions" shows it. */
  query: string;
  /** Request headers the README sends with it (`Accept-Language: en` where its answer is in English). */
  headers?: Readonly<Record<string, string>>;
}

const english = { 'Accept-Language': 'en' } as const;

/**
 * The README's example questions, in its order: the explorer's tabs on a
 * first visit. test/http/explorer.test.ts holds them to the README's blocks,
 * so a question added there and not here (or changed in one place only) fails.
 */
export const exampleQuestions: readonly ExampleQuestion[] = [
  {
    title: 'Who collaborates, and who is the administrative principal?',
    operationName: 'WhoCollaborates',
    query: `{ collaboration(id: "https://w3id.org/kulturskola/samverkan/orebro-lan") {
    name
    administrativePrincipal { name ... on Municipality { code } }
    memberOrganisations { name ... on Municipality { code } } } }`,
  },
  {
    title: 'Is Laxå a member?',
    operationName: 'IsLaxaAMember',
    query: `{ municipality(code: "1860") { name county { name } memberships { id } } }`,
    headers: english,
  },
  {
    title: 'The project that financed 2019–2022',
    operationName: 'Project',
    query: `{ projects { name minAge maxAge regions { code name(lang: "en") } themes { name(lang: "en") }
             funders { name } initiator { name } period { start end } } }`,
  },
  {
    title: 'Organisations, paged and filtered',
    operationName: 'Organisations',
    query: `{ organisations(filter: { county: "18", type: OTHER_ORGANISATION }, first: 5) {
    totalCount nodes { name homepage } pageInfo { hasNextPage endCursor } } }`,
  },
  {
    title: 'How is Kulturskolerådet connected to Karlskoga?',
    operationName: 'Paths',
    query: `{ paths(from: "https://w3id.org/kulturskola/org/kulturskoleradet",
        to: "https://w3id.org/kulturskola/kommun/1883", first: 3) {
    length steps { from { name } label(lang: "en") to { name } role { name(lang: "en") } period { start end } } } }`,
  },
  {
    title: 'Where a fact comes from: the datasets that state something about Karlskoga',
    operationName: 'Sources',
    query: `{ municipality(code: "1883") { name sources { id title(lang: "en") } homeDataset { id } } }`,
  },
  {
    title: 'Claims, not silent merges: the period of the project, dataset by dataset',
    operationName: 'Claims',
    query: `{ node(id: "https://w3id.org/kulturskola/projekt/kulturskola-i-hela-landet") {
    ... on Project { period { start end } claims(property: "dcterms:temporal") { value dataset { id } home period { start end } } } } }`,
  },
  {
    title: 'Coverage: how far the collaborations reach, in Sweden and in each county',
    operationName: 'Coverage',
    query: `{ coverage {
    national { municipalityCount memberCount nonMemberCount }
    counties { county { code name } municipalityCount memberCount nonMemberCount } } }`,
  },
  {
    title: 'Coverage of one county',
    operationName: 'CountyCoverage',
    query: `{ coverage { county(code: "18") { nonMembers { code name } administrativePrincipals { name }
    roles { role { name } count } collaborations { name } projects { name } datasets { id } } } }`,
    headers: english,
  },
  {
    title: 'Statistics: the share of children and young people who take part',
    operationName: 'ParticipationShare',
    query: `{ observations(measure: "participationShare") { year value unit { name } approximation source } }`,
  },
  {
    title: 'Statistics: municipalities without a culture school in 2018, per county and in all',
    operationName: 'CultureSchoolAggregates',
    query: `{ countyAggregates(measure: "hasCultureSchool", year: 2018) { area { code name } count municipalities sum min max mean }
  nationalAggregate(measure: "hasCultureSchool", year: 2018) { count municipalities sum } }`,
  },
];
