/** The languages pages are written in; the first is the default. */
export type PageLanguage = 'sv' | 'en';

/** The words of a page, in one language. */
export interface PageText {
  siteName: string;
  catalog: string;
  types: string;
  properties: string;
  usedBy: string;
  usedByIntro: string;
  sources: string;
  sourcesIntro: string;
  /** Before a source's version number. */
  version: string;
  formats: string;
  blankNode: string;
  classes: string;
  vocabularyProperties: string;
  otherTerms: string;
  term: string;
  label: string;
  comment: string;
  domain: string;
  range: string;
  broader: string;
  /** The home page's words (see renderHomePage). */
  home: HomePageText;
  /** The words of a collaboration's relationship picture (see drawRelationshipPicture). */
  picture: PictureText;
}

/** The words of the home page. */
export interface HomePageText {
  title: string;
  otherLanguage: string;
  /** The other language's code, for the switch link. */
  otherLanguageCode: PageLanguage;
  ways: string;
  explorer: string;
  sparql: string;
  dumps: string;
  vocabulary: string;
  coverage: string;
  coverageIntro: (members: number, municipalities: number, nonMembers: number) => string;
  county: string;
  municipalities: string;
  members: string;
  nonMembers: string;
  which: string;
  whichSummary: (members: number, municipalities: number) => string;
  covered: string;
  notCovered: string;
  principal: string;
  none: string;
  wholeCountry: string;
  chart: string;
  chartDescription: string;
  chartBar: (county: string, members: number, municipalities: number) => string;
  chartCount: (members: number, municipalities: number) => string;
  legendMembers: string;
  legendNonMembers: string;
  collaborations: string;
  collaborationsIntro: string;
  name: string;
  kind: string;
  collaboration: string;
  project: string;
  counties: string;
  period: string;
  collaborationMembers: string;
  dataset: string;
  publisher: string;
  modified: string;
  datasets: string;
  datasetsIntro: string;
  datasetTitle: string;
  sources: string;
  version: string;
  triples: string;
  dataVersion: (digest: string, lastModified: string) => string;
  catalogFormats: string;
}

/** The words of a relationship picture. */
export interface PictureText {
  heading: string;
  label: (collaboration: string) => string;
  description: (members: number, edges: number) => string;
  membersByRole: string;
  collaboration: string;
  placesAndProjects: string;
  fundersAndInitiators: string;
  county: string;
  project: string;
  funder: string;
  initiator: string;
  spatial: string;
  funds: string;
  initiated: string;
  /** Between a role and what it is held in: "Karlskoga: medlem i …". */
  memberIn: string;
}

/** Every word a page shows that is not data, by page language. */
export const pageText: Readonly<Record<PageLanguage, PageText>> = {
  sv: {
    siteName: 'Kulturskolegrafen',
    catalog: 'Datakatalog',
    types: 'Typ',
    properties: 'Egenskaper',
    usedBy: 'Används av',
    usedByIntro: 'Resurser som pekar hit, ordnade efter egenskap.',
    sources: 'Källor',
    sourcesIntro: 'Uppgifterna på sidan kommer från dessa dataset (namngivna grafer), i den version som visas nu.',
    version: 'version',
    formats: 'Andra format',
    blankNode: 'namnlös nod',
    classes: 'Klasser',
    vocabularyProperties: 'Egenskaper',
    otherTerms: 'Övriga termer',
    term: 'Term',
    label: 'Etikett',
    comment: 'Beskrivning',
    domain: 'Domän',
    range: 'Värdemängd',
    broader: 'Specialisering av',
    home: {
      title: 'Kulturskolegrafen: Sveriges kulturskolor och deras samverkan',
      otherLanguage: 'In English',
      otherLanguageCode: 'en',
      ways: 'Till data',
      explorer: 'GraphQL (frågeverktyg)',
      sparql: 'SPARQL-ändpunkt',
      dumps: 'Hela grafen som fil',
      vocabulary: 'Vokabulär',
      coverage: 'Täckning per län',
      coverageIntro: (members, municipalities, nonMembers) =>
        `${members} av landets ${municipalities} kommuner är ${members === 1 ? 'medlem' : 'medlemmar'} i minst en samverkan; ${nonMembers} är inte med i någon.`,
      county: 'Län',
      municipalities: 'Kommuner',
      members: 'Medlemmar i en samverkan',
      nonMembers: 'I ingen',
      which: 'Vilka',
      whichSummary: (members, municipalities) => `${members} av ${municipalities}`,
      covered: 'Medlemmar i en samverkan',
      notCovered: 'I ingen samverkan',
      principal: 'administrativ huvudman',
      none: 'inga',
      wholeCountry: 'Hela landet',
      chart: 'Kommuner i en samverkan, per län',
      chartDescription: 'Varje stapel är länets kommuner; den mörka delen är de som är medlemmar i minst en samverkan. Samma uppgifter som tabellen ovan.',
      chartBar: (county, members, municipalities) => `${county}: ${members} av ${municipalities} kommuner i en samverkan`,
      chartCount: (members, municipalities) => `${members} av ${municipalities}`,
      legendMembers: 'i en samverkan',
      legendNonMembers: 'i ingen',
      collaborations: 'Samverkan och projekt',
      collaborationsIntro: 'Varje uppgift kommer från ett dataset; följ länken till datasetet för dess källa och version.',
      name: 'Namn',
      kind: 'Typ',
      collaboration: 'Samverkan',
      project: 'Projekt',
      counties: 'Län',
      period: 'Period',
      collaborationMembers: 'Medlemmar',
      dataset: 'Dataset',
      publisher: 'Utgivare',
      modified: 'Ändrad',
      datasets: 'Dataset',
      datasetsIntro: 'Varje dataset är en namngiven graf med egen utgivare, källa och version.',
      datasetTitle: 'Titel',
      sources: 'Källa',
      version: 'Version',
      triples: 'Tripler',
      dataVersion: (digest, lastModified) => `Dataversion ${digest}, ändrad ${lastModified}.`,
      catalogFormats: 'Katalogen i andra format',
    },
    picture: {
      heading: 'Relationer',
      label: (collaboration) => `Relationerna för ${collaboration}`,
      description: (members, edges) => `${members} ${members === 1 ? 'medlem' : 'medlemmar'} efter roll, län, projekt, finansiärer och initiativtagare; ${edges} ${edges === 1 ? 'relation' : 'relationer'}.`,
      membersByRole: 'Medlemmar efter roll',
      collaboration: 'Samverkan',
      placesAndProjects: 'Län, projekt, finansiärer',
      fundersAndInitiators: 'Projektens finansiärer',
      county: 'Län',
      project: 'Projekt',
      funder: 'Finansiär',
      initiator: 'Initiativtagare',
      spatial: 'verkar i',
      funds: 'finansierar',
      initiated: 'initierade',
      memberIn: 'i',
    },
  },
  en: {
    siteName: 'Kulturskolegrafen',
    catalog: 'Data catalogue',
    types: 'Type',
    properties: 'Properties',
    usedBy: 'Used by',
    usedByIntro: 'Resources that point here, by property.',
    sources: 'Sources',
    sourcesIntro: 'What this page says comes from these datasets (named graphs), in the version served now.',
    version: 'version',
    formats: 'Other formats',
    blankNode: 'unnamed node',
    classes: 'Classes',
    vocabularyProperties: 'Properties',
    otherTerms: 'Other terms',
    term: 'Term',
    label: 'Label',
    comment: 'Comment',
    domain: 'Domain',
    range: 'Range',
    broader: 'Specialises',
    home: {
      title: "Kulturskolegrafen: Sweden's culture schools and their collaborations",
      otherLanguage: 'På svenska',
      otherLanguageCode: 'sv',
      ways: 'To the data',
      explorer: 'GraphQL (query explorer)',
      sparql: 'SPARQL endpoint',
      dumps: 'The whole graph as a file',
      vocabulary: 'Vocabulary',
      coverage: 'Coverage by county',
      coverageIntro: (members, municipalities, nonMembers) =>
        `${members} of the country's ${municipalities} municipalities ${members === 1 ? 'is a member' : 'are members'} of at least one collaboration; ${nonMembers} ${nonMembers === 1 ? 'is' : 'are'} in none.`,
      county: 'County',
      municipalities: 'Municipalities',
      members: 'Members of a collaboration',
      nonMembers: 'In none',
      which: 'Which',
      whichSummary: (members, municipalities) => `${members} of ${municipalities}`,
      covered: 'Members of a collaboration',
      notCovered: 'In no collaboration',
      principal: 'administrative principal',
      none: 'none',
      wholeCountry: 'Whole country',
      chart: 'Municipalities in a collaboration, by county',
      chartDescription: "Each bar is the county's municipalities; the dark part is those that are members of at least one collaboration. The same figures as the table above.",
      chartBar: (county, members, municipalities) => `${county}: ${members} of ${municipalities} municipalities in a collaboration`,
      chartCount: (members, municipalities) => `${members} of ${municipalities}`,
      legendMembers: 'in a collaboration',
      legendNonMembers: 'in none',
      collaborations: 'Collaborations and projects',
      collaborationsIntro: 'Every fact comes from a dataset; follow the link to the dataset for its source and version.',
      name: 'Name',
      kind: 'Kind',
      collaboration: 'Collaboration',
      project: 'Project',
      counties: 'Counties',
      period: 'Period',
      collaborationMembers: 'Members',
      dataset: 'Dataset',
      publisher: 'Publisher',
      modified: 'Modified',
      datasets: 'Datasets',
      datasetsIntro: 'Each dataset is a named graph with its own publisher, source and version.',
      datasetTitle: 'Title',
      sources: 'Source',
      version: 'Version',
      triples: 'Triples',
      dataVersion: (digest, lastModified) => `Data version ${digest}, modified ${lastModified}.`,
      catalogFormats: 'The catalogue in other formats',
    },
    picture: {
      heading: 'Relationships',
      label: (collaboration) => `The relationships of ${collaboration}`,
      description: (members, edges) => `${members} ${members === 1 ? 'member' : 'members'} by role, counties, projects, funders and initiators; ${edges} ${edges === 1 ? 'relationship' : 'relationships'}.`,
      membersByRole: 'Members by role',
      collaboration: 'Collaboration',
      placesAndProjects: 'County, projects, funders',
      fundersAndInitiators: "The projects' funders",
      county: 'County',
      project: 'Project',
      funder: 'Funder',
      initiator: 'Initiator',
      spatial: 'works in',
      funds: 'funds',
      initiated: 'initiated',
      memberIn: 'in',
    },
  },
};
