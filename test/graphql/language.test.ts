import { describe, expect, it } from 'vitest';
import { executeQuery, iri, queryData } from '../support/executeQuery.js';

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
