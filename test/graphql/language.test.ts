import { DataFactory, Store } from 'n3';
import { describe, expect, it } from 'vitest';
import { StoreGraph } from '../../src/rdf/StoreGraph.js';
import { executeQuery, iri, queryData } from '../support/executeQuery.js';

const { namedNode, literal, quad } = DataFactory;

const orebro = iri('samverkan/orebro-lan');

describe('name(lang:)', () => {
  it('answers in the language asked for', async () => {
    const data = await queryData(`{ collaboration(id: "${orebro}") { sv: name(lang: "sv") en: name(lang: "en") } }`);
    expect(data.collaboration).toEqual({ sv: 'Kulturskolesamverkan i Örebro län', en: 'Culture school collaboration in Örebro County' });
  });

  it('falls back to Swedish when a name has no English form', async () => {
    const data = await queryData(`{ node(id: "${iri('org/kulturskoleradet')}") { ... on Organisation { name(lang: "en") } } }`);
    expect(data.node.name).toBe('Kulturskolerådet');
  });

  it('matches a regional tag to its language, and a language without data falls back to Swedish', async () => {
    const data = await queryData(`{ collaboration(id: "${orebro}") { gb: name(lang: "en-GB") fi: name(lang: "fi") upper: name(lang: "EN") } }`);
    expect(data.collaboration).toEqual({
      gb: 'Culture school collaboration in Örebro County',
      fi: 'Kulturskolesamverkan i Örebro län',
      upper: 'Culture school collaboration in Örebro County',
    });
  });

  it('uses the request language when the field has no lang argument', async () => {
    const data = await queryData(`{ collaboration(id: "${orebro}") { name goals { name } } }`, { language: 'en' });
    expect(data.collaboration.name).toBe('Culture school collaboration in Örebro County');
    expect(data.collaboration.goals[0].name).toBe('Collaboration between children and young people');
  });

  it('uses the request language when lang is given as null', async () => {
    const data = await queryData(`{ collaboration(id: "${orebro}") { name(lang: null) } }`, { language: 'en' });
    expect(data.collaboration.name).toBe('Culture school collaboration in Örebro County');
  });

  it('rejects a lang that is no language tag with BAD_USER_INPUT', async () => {
    const result = await executeQuery(`{ collaboration(id: "${orebro}") { name(lang: "sv; drop") } }`);
    expect(result.errors).toEqual([
      expect.objectContaining({
        message: 'Argument "lang": expected a BCP 47 language tag such as "sv" or "en" but got: "sv; drop".',
        extensions: { code: 'BAD_USER_INPUT', argumentName: 'lang' },
      }),
    ]);
  });
});

describe('the language fallback, on a graph of its own', () => {
  // The shipped data has Swedish for every text, so it never needs English or an untagged text.
  const labels: Record<string, Array<[string, string?]>> = {
    'org/english-and-german': [['Nur Deutsch', 'de'], ['English only', 'en']],
    'org/untagged-and-others': [['Deutsch', 'de'], ['Sans langue', 'fr'], ['Untagged']],
    'org/english-and-untagged': [['Untagged'], ['In English', 'en']],
    'org/other-languages': [['Français', 'fr'], ['Deutsch', 'de']],
  };
  const graph = new StoreGraph(
    new Store(
      Object.entries(labels).flatMap(([path, texts]) => [
        quad(namedNode(iri(path)), namedNode('http://www.w3.org/1999/02/22-rdf-syntax-ns#type'), namedNode('http://www.w3.org/ns/org#Organization')),
        ...texts.map(([text, language]) => quad(namedNode(iri(path)), namedNode('http://www.w3.org/2004/02/skos/core#prefLabel'), literal(text, language))),
      ]),
    ),
  );
  const names = async (path: string, language: string) =>
    (
      await queryData(`{ node(id: "${iri(path)}") { ... on Organisation { asked: name fi: name(lang: "fi") sv: name(lang: "sv") de: name(lang: "de") } } }`, {
        graph,
        language,
      })
    ).node;

  it('falls back to English when there is no Swedish', async () => {
    expect(await names('org/english-and-german', 'sv')).toEqual({ asked: 'English only', fi: 'English only', sv: 'English only', de: 'Nur Deutsch' });
  });

  it('prefers English to a text without language', async () => {
    expect(await names('org/english-and-untagged', 'sv')).toEqual({ asked: 'In English', fi: 'In English', sv: 'In English', de: 'In English' });
  });

  it('prefers a text without language to other languages when there is neither Swedish nor English', async () => {
    expect(await names('org/untagged-and-others', 'en')).toEqual({ asked: 'Untagged', fi: 'Untagged', sv: 'Untagged', de: 'Deutsch' });
  });

  it('takes the first other language in tag order when that is all there is', async () => {
    expect(await names('org/other-languages', 'sv')).toEqual({ asked: 'Deutsch', fi: 'Deutsch', sv: 'Deutsch', de: 'Deutsch' });
  });
});
