import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { dataPath } from '../src/rdf/dataPath.js';
import { englishCountyName, municipalitiesToJsonLd, parseMunicipalityCsv } from '../src/rdf/municipalitiesFromCsv.js';

describe('the national reference list', () => {
  it('ships in data/graphs exactly as converted from data/sources/sweden-municipalities.csv', async () => {
    const csv = await readFile(dataPath('sources/sweden-municipalities.csv'), 'utf8');
    const shipped = JSON.parse(await readFile(dataPath('graphs/kommuner.jsonld'), 'utf8'));
    expect(shipped).toEqual(JSON.parse(JSON.stringify(municipalitiesToJsonLd(parseMunicipalityCsv(csv)))));
  });

  it('has 290 municipalities in 21 counties', async () => {
    const rows = parseMunicipalityCsv(await readFile(dataPath('sources/sweden-municipalities.csv'), 'utf8'));
    expect(rows).toHaveLength(290);
    expect(new Set(rows.map((row) => row.lanskod)).size).toBe(21);
  });
});

describe('parseMunicipalityCsv', () => {
  const header = 'kommunkod,kommun,lanskod,lan,lan_iso_3166_2';

  it('reads rows and ignores a byte-order mark and a trailing newline', () => {
    expect(parseMunicipalityCsv(`\uFEFF${header}\r\n1883,Karlskoga,18,Örebro län,SE-T\r\n`)).toEqual([
      { kommunkod: '1883', kommun: 'Karlskoga', lanskod: '18', lan: 'Örebro län', lanIso: 'SE-T' },
    ]);
  });

  it.each([
    ['a wrong header', 'code,name\n1883,Karlskoga', /expected the header/],
    ['a three-digit code', `${header}\n883,Karlskoga,18,Örebro län,SE-T`, /line 2: expected a four-digit kommunkod/],
    ['a code outside its county', `${header}\n1983,Karlskoga,18,Örebro län,SE-T`, /line 2/],
    ['a bad ISO code', `${header}\n1883,Karlskoga,18,Örebro län,T`, /line 2: malformed row/],
    ['a repeated code', `${header}\n1883,Karlskoga,18,Örebro län,SE-T\n1883,Karlskoga,18,Örebro län,SE-T`, /line 3: kommunkod 1883 appears twice/],
    ['a five-digit code', `${header}\n18830,Karlskoga,18,Örebro län,SE-T`, /line 2: expected a four-digit kommunkod/],
    ['a one-digit county code', `${header}\n1883,Karlskoga,1,Örebro län,SE-T`, /line 2: expected a four-digit kommunkod/],
    ['a three-digit county code', `${header}\n1883,Karlskoga,188,Örebro län,SE-T`, /line 2: expected a four-digit kommunkod/],
    ['a letter in the code', `${header}\n188x,Karlskoga,18,Örebro län,SE-T`, /line 2: expected a four-digit kommunkod/],
    ['a missing name', `${header}\n1883,,18,Örebro län,SE-T`, /line 2: malformed row/],
    ['a county name without "län"', `${header}\n1883,Karlskoga,18,Örebro,SE-T`, /line 2: malformed row/],
    ['a three-letter ISO code', `${header}\n1883,Karlskoga,18,Örebro län,SE-TTT`, /line 2: malformed row/],
    ['an ISO code with text after it', `${header}\n1883,Karlskoga,18,Örebro län,SE-T x`, /line 2: malformed row/],
    ['an ISO code with text before it', `${header}\n1883,Karlskoga,18,Örebro län,xSE-T`, /line 2: malformed row/],
    ['a row that stops after the county name', `${header}\n1883,Karlskoga,18,Örebro län`, /line 2: malformed row/],
    ['a row that stops after the name', `${header}\n1883,Karlskoga`, /line 2: expected a four-digit kommunkod/],
  ])('refuses %s, naming the line', (_case, csv, message) => {
    expect(() => parseMunicipalityCsv(csv)).toThrow(message);
  });

  it('skips blank lines between rows and reads two-letter ISO codes', () => {
    const rows = parseMunicipalityCsv(`${header}\n\n1883,Karlskoga,18,Örebro län,SE-T\n  \n0180,Stockholm,01,Stockholms län,SE-AB\n`);
    expect(rows.map((row) => `${row.kommunkod} ${row.lanIso}`)).toEqual(['1883 SE-T', '0180 SE-AB']);
  });

  it('keeps a byte-order mark that is not at the start', () => {
    expect(parseMunicipalityCsv(`${header}\n1883,Karl\uFEFFskoga,18,Örebro län,SE-T`)[0]?.kommun).toBe('Karl\uFEFFskoga');
  });

  it('names what it got instead of the header', () => {
    expect(() => parseMunicipalityCsv('code,name\n')).toThrow('expected the header "kommunkod,kommun,lanskod,lan,lan_iso_3166_2" but got: "code,name"');
  });
});

describe('municipalitiesToJsonLd', () => {
  const rows = parseMunicipalityCsv(
    'kommunkod,kommun,lanskod,lan,lan_iso_3166_2\n1883,Karlskoga,18,Örebro län,SE-T\n0180,Stockholm,01,Stockholms län,SE-AB\n1880,Örebro,18,Örebro län,SE-T\n',
  );

  it('lists counties, then municipalities, each sorted by code whatever the order of the rows', () => {
    const { graph } = municipalitiesToJsonLd(rows) as { graph: Array<{ id: string }> };
    expect(graph.map((node) => node.id)).toEqual(['kg:lan/01', 'kg:lan/18', 'kg:kommun/0180', 'kg:kommun/1880', 'kg:kommun/1883']);
    expect(municipalitiesToJsonLd([...rows].reverse())).toEqual(municipalitiesToJsonLd(rows));
  });

  it('names each county once, from the first of its rows in the list', () => {
    const differing = parseMunicipalityCsv(
      'kommunkod,kommun,lanskod,lan,lan_iso_3166_2\n1883,Karlskoga,18,Örebro län,SE-T\n1880,Örebro,18,Örebros län,SE-TX\n',
    );
    const { graph } = municipalitiesToJsonLd(differing) as { graph: Array<{ id: string; isoCode?: string; name: { sv: string; en: string } }> };
    const counties = graph.filter((node) => node.id.startsWith('kg:lan/'));
    expect(counties).toHaveLength(1);
    expect(counties[0]).toMatchObject({ id: 'kg:lan/18', isoCode: 'SE-T', name: { sv: 'Örebro län', en: 'Örebro County' } });
  });
});

describe('englishCountyName', () => {
  it.each([
    ['Stockholms län', 'Stockholm County'],
    ['Skåne län', 'Skåne County'],
    ['Västra Götalands län', 'Västra Götaland County'],
    ['Dalarnas län', 'Dalarna County'],
    ['Kalmar län', 'Kalmar County'],
    ['Övre länens län', 'Övre länen County'],
  ])('%s → %s', (swedish, english) => {
    expect(englishCountyName(swedish)).toBe(english);
  });
});
