import { describe, expect, it } from 'vitest';
import { executeQuery, iri, queryData } from '../support/executeQuery.js';

describe('Query.municipality', () => {
  it('finds any of Sweden’s municipalities by kommunkod, with its county', async () => {
    const data = await queryData('{ a: municipality(code: "0180") { id name code county { code name isoCode } } b: municipality(code: "2584") { name county { code } } }');
    expect(data).toEqual({
      a: { id: iri('kommun/0180'), name: 'Stockholm', code: '0180', county: { code: '01', name: 'Stockholms län', isoCode: 'SE-AB' } },
      b: { name: 'Kiruna', county: { code: '25' } },
    });
  });

  it('returns null for a well-formed code that no municipality has', async () => {
    const data = await queryData('{ municipality(code: "1899") { id } }');
    expect(data.municipality).toBeNull();
  });

  it('rejects a code that is not four digits with BAD_USER_INPUT naming the argument', async () => {
    const result = await executeQuery('{ municipality(code: "18x3") { id } }');
    expect(result.errors).toHaveLength(1);
    expect(result.errors![0]!.extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors![0]!.message).toBe('Argument "code": expected a four-digit kommunkod such as "1883" but got: "18x3".');
  });
});

describe('Query.municipalities', () => {
  it('lists all 290 municipalities, sorted by kommunkod', async () => {
    const data = await queryData('{ municipalities { code } }');
    const codes = data.municipalities.map((municipality: { code: string }) => municipality.code);
    expect(codes).toHaveLength(290);
    expect(codes).toEqual([...codes].sort());
    expect(new Set(codes).size).toBe(290);
  });
});

describe('Query.county', () => {
  it('lists every municipality of Örebro län, members or not, sorted by kommunkod', async () => {
    const data = await queryData('{ county(code: "18") { id code isoCode name en: name(lang: "en") municipalities { code name } } }');
    expect(data.county).toEqual({
      id: iri('lan/18'),
      code: '18',
      isoCode: 'SE-T',
      name: 'Örebro län',
      en: 'Örebro County',
      municipalities: [
        { code: '1814', name: 'Lekeberg' },
        { code: '1860', name: 'Laxå' },
        { code: '1861', name: 'Hallsberg' },
        { code: '1862', name: 'Degerfors' },
        { code: '1863', name: 'Hällefors' },
        { code: '1864', name: 'Ljusnarsberg' },
        { code: '1880', name: 'Örebro' },
        { code: '1881', name: 'Kumla' },
        { code: '1882', name: 'Askersund' },
        { code: '1883', name: 'Karlskoga' },
        { code: '1884', name: 'Nora' },
        { code: '1885', name: 'Lindesberg' },
      ],
    });
  });

  it('returns null for an unknown länskod and rejects a malformed one', async () => {
    expect((await queryData('{ county(code: "99") { id } }')).county).toBeNull();
    const result = await executeQuery('{ county(code: "T") { id } }');
    expect(result.errors![0]!.extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors![0]!.message).toContain('"T"');
  });
});

describe('Query.counties', () => {
  it('lists the 21 counties sorted by länskod, whose municipalities add up to 290', async () => {
    const data = await queryData('{ counties { code name municipalities { code } } }');
    expect(data.counties.map((county: { code: string }) => county.code)).toEqual([
      '01', '03', '04', '05', '06', '07', '08', '09', '10', '12', '13', '14', '17', '18', '19', '20', '21', '22', '23', '24', '25',
    ]);
    const total = data.counties.reduce((sum: number, county: { municipalities: unknown[] }) => sum + county.municipalities.length, 0);
    expect(total).toBe(290);
  });

  it('gives each county an English name', async () => {
    const data = await queryData('{ counties { code name(lang: "en") } }');
    const names = Object.fromEntries(data.counties.map((county: { code: string; name: string }) => [county.code, county.name]));
    expect(names).toMatchObject({ '01': 'Stockholm County', '14': 'Västra Götaland County', '20': 'Dalarna County', '12': 'Skåne County' });
  });
});
