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
    sourcesIntro: 'Uppgifterna på sidan kommer från dessa dataset (namngivna grafer).',
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
  },
  en: {
    siteName: 'Kulturskolegrafen',
    catalog: 'Data catalogue',
    types: 'Type',
    properties: 'Properties',
    usedBy: 'Used by',
    usedByIntro: 'Resources that point here, by property.',
    sources: 'Sources',
    sourcesIntro: 'What this page says comes from these datasets (named graphs).',
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
  },
};
