import { DataFactory } from 'n3';
import type { Quad_Subject } from 'n3';
import { describe, expect, it } from 'vitest';
import { dataPath } from '../src/rdf/dataPath.js';
import { loadDataDirectory } from '../src/rdf/loadDataDirectory.js';
import { BASE_IRI, ks, prov, rdf, skos } from '../src/rdf/vocabulary.js';

const shipped = await loadDataDirectory(dataPath('graphs'));
const store = shipped.store;
const { namedNode } = DataFactory;
const OM_OSS = 'https://www.kulturskolesamverkan.se/om-oss/';
const reification = { subject: rdf.subject, predicate: rdf.predicate, object: rdf.object };

describe('texts quoted word for word from a source page', () => {
  const quotations = store.getSubjects(prov.wasQuotedFrom, null, null);
  const part = (statement: Quad_Subject, property: keyof typeof reification) => store.getObjects(statement, reification[property], null);

  it('are marked by an rdf:Statement (RDF reification) that prov:wasQuotedFrom the page: the ten Swedish definitions and descriptions taken from Om oss', () => {
    for (const statement of quotations) expect(store.getQuads(statement, rdf.type, rdf.Statement, null)).toHaveLength(1);
    expect(quotations.flatMap((statement) => store.getObjects(statement, prov.wasQuotedFrom, null).map((page) => page.value))).toEqual(quotations.map(() => OM_OSS));
    expect(quotations.flatMap((statement) => part(statement, 'subject').map((subject) => subject.value)).sort()).toEqual(
      [
        'avtal/orebro-lan-huvudmannaskap',
        'bidrag/arvsfonden-kulturskola-i-hela-landet',
        'finansiering/orebro-lan-lasar-2022-2023',
        'mal/kulturskola-i-hela-landet/syfte',
        'mal/orebro-lan/samverkan-med-externa-kulturaktorer',
        'mal/orebro-lan/samverkan-mellan-barn-och-unga',
        'mal/orebro-lan/samverkan-mellan-pedagoger-och-chefer',
        'mal/orebro-lan/syfte',
        'mal/orebro-lan/vision',
        'projekt/kulturskola-i-hela-landet',
      ].map((path) => `${BASE_IRI}${path}`),
    );
  });

  it('each restate a triple the same dataset asserts, in Swedish, so the mark cannot drift from the text', () => {
    for (const statement of quotations) {
      const [subject] = part(statement, 'subject');
      const [predicate] = part(statement, 'predicate');
      const [object] = part(statement, 'object');
      const [graph] = store.getGraphs(statement, prov.wasQuotedFrom, null);
      expect(store.getQuads(subject as Quad_Subject, predicate!, object!, graph!), `${subject!.value} ${predicate!.value}`).toHaveLength(1);
      expect(object?.termType === 'Literal' && object.language).toBe('sv');
    }
  });
});

describe("English names that are the project's own translations", () => {
  const marked = store.getSubjects(ks.nameTranslatedInto, null, null);

  it('are marked with ks:nameTranslatedInto "en", and each marked resource has an English name', () => {
    expect(marked.length).toBeGreaterThan(0);
    for (const resource of marked) {
      expect(store.getObjects(resource, ks.nameTranslatedInto, null).map((language) => language.value), resource.value).toEqual(['en']);
      expect(store.getObjects(resource, skos.prefLabel, null).filter((name) => name.termType === 'Literal' && name.language === 'en'), resource.value).toHaveLength(1);
    }
    expect(marked.map((resource) => resource.value)).toContain(`${BASE_IRI}samverkan/orebro-lan`);
  });

  it('include every municipality\'s and county\'s English name, which the reference list (Swedish names only) does not give', () => {
    const areas = [...store.getSubjects(rdf.type, ks.Municipality, null), ...store.getSubjects(rdf.type, ks.County, null)];
    expect(areas).toHaveLength(290 + 21);
    const markedIris = new Set(marked.map((resource) => resource.value));
    expect(areas.filter((area) => !markedIris.has(area.value)).map((area) => area.value)).toEqual([]);
  });

  it('leave an organisation\'s official English name unmarked (the Swedish Arts Council, the Swedish Inheritance Fund, Region Örebro County)', () => {
    for (const slug of ['statens-kulturrad', 'allmanna-arvsfonden', 'region-orebro-lan']) {
      expect(store.getObjects(namedNode(`${BASE_IRI}org/${slug}`), ks.nameTranslatedInto, null)).toEqual([]);
    }
  });
});
