import { DataFactory, Store } from 'n3';
import type { NamedNode, Quad } from 'n3';
import { dataPath } from '../src/rdf/dataPath.js';
import { loadFile } from '../src/rdf/loadDataDirectory.js';
import { BASE_IRI, dcterms, ks, rdf, skos } from '../src/rdf/vocabulary.js';

/** A county (län) of the national reference list. */
export interface County {
  iri: NamedNode;
  code: string;
  nameSv: string;
  nameEn: string;
}

/** A municipality (kommun) of the national reference list. */
export interface Municipality {
  iri: NamedNode;
  code: string;
  nameSv: string;
  nameEn: string;
  county: County;
}

/** The role concepts of our vocabulary that memberships use. */
export interface Roles {
  member: NamedNode;
  administrativePrincipal: NamedNode;
  participant: NamedNode;
}

/** What the generator reuses from the shipped data instead of inventing it. */
export interface ReferenceData {
  counties: County[];
  municipalities: Municipality[];
  roles: Roles;
  /** Absolute paths of the shipped files that every benchmark folder holds beside the synthetic file. */
  files: { municipalities: string; vocabulary: string };
  /** Their quads, as our loader reads them (each in its own named graph). */
  quads: Quad[];
  /** The same quads, file by file: municipalities, then vocabulary. */
  quadsByFile: [Quad[], Quad[]];
}

/**
 * Reads the 21 counties, the 290 municipalities and the membership roles
 * from `data/graphs/kommuner.jsonld` and `data/graphs/vokabular.jsonld` with
 * our own loader, sorted by code. Throws when a role the generator needs is
 * not in the vocabulary.
 */
export async function readReferenceData(): Promise<ReferenceData> {
  const files = { municipalities: dataPath('graphs/kommuner.jsonld'), vocabulary: dataPath('graphs/vokabular.jsonld') };
  const loaded = [await loadFile(files.municipalities, 'ref0_'), await loadFile(files.vocabulary, 'ref1_')];
  const quadsByFile: [Quad[], Quad[]] = [loaded[0]!.quads, loaded[1]!.quads];
  const quads = quadsByFile.flat();
  const store = new Store(quads);
  const literalValue = (subject: NamedNode, predicate: NamedNode, language?: string): string => {
    const found = store
      .getObjects(subject, predicate, null)
      .find((term) => term.termType === 'Literal' && (language === undefined || term.language === language));
    if (found === undefined) throw new Error(`The reference data gives no ${predicate.value}${language ? `@${language}` : ''} for <${subject.value}>`);
    return found.value;
  };
  const byCode = <T extends { code: string }>(a: T, b: T) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);

  const counties = store
    .getSubjects(rdf.type, ks.County, null)
    .map((term) => {
      const iri = term as NamedNode;
      return { iri, code: literalValue(iri, dcterms.identifier), nameSv: literalValue(iri, skos.prefLabel, 'sv'), nameEn: literalValue(iri, skos.prefLabel, 'en') };
    })
    .sort(byCode);
  const countyByIri = new Map(counties.map((county) => [county.iri.value, county]));
  const municipalities = store
    .getSubjects(rdf.type, ks.Municipality, null)
    .map((term) => {
      const iri = term as NamedNode;
      const countyIri = store.getObjects(iri, ks.county, null)[0]?.value ?? '';
      const county = countyByIri.get(countyIri);
      if (county === undefined) throw new Error(`Municipality <${iri.value}> names no known county but: "${countyIri}"`);
      return { iri, code: literalValue(iri, dcterms.identifier), nameSv: literalValue(iri, skos.prefLabel, 'sv'), nameEn: literalValue(iri, skos.prefLabel, 'en'), county };
    })
    .sort(byCode);

  const role = (slug: string): NamedNode => {
    const iri = DataFactory.namedNode(`${BASE_IRI}roll/${slug}`);
    if (store.countQuads(iri, rdf.type, skos.Concept, null) === 0) {
      throw new Error(`The vocabulary defines no role concept <${iri.value}>`);
    }
    return iri;
  };
  return {
    counties,
    municipalities,
    roles: { member: role('medlem'), administrativePrincipal: role('administrativ-huvudman'), participant: role('deltagare') },
    files,
    quads,
    quadsByFile,
  };
}
