import { CONTEXT_IRI } from './vocabulary.js';

/** One row of the national reference list (SCB's codes). */
export interface MunicipalityRow {
  kommunkod: string;
  kommun: string;
  lanskod: string;
  lan: string;
  lanIso: string;
}

const expectedHeader = 'kommunkod,kommun,lanskod,lan,lan_iso_3166_2';

/**
 * Parses the reference CSV (`kommunkod,kommun,lanskod,lan,lan_iso_3166_2`).
 * Throws an Error naming the line when a row is malformed or a code repeats.
 */
export function parseMunicipalityCsv(csv: string): MunicipalityRow[] {
  const lines = csv.replace(/^\uFEFF/, '').split(/\r?\n/).filter((line) => line.trim() !== '');
  if (lines[0] !== expectedHeader) throw new Error(`expected the header "${expectedHeader}" but got: "${lines[0]}"`);
  const seen = new Set<string>();
  return lines.slice(1).map((line, index) => {
    const [kommunkod = '', kommun = '', lanskod = '', lan = '', lanIso = ''] = line.split(',');
    const where = `line ${index + 2}`;
    if (!/^\d{4}$/.test(kommunkod) || !/^\d{2}$/.test(lanskod) || !kommunkod.startsWith(lanskod)) {
      throw new Error(`${where}: expected a four-digit kommunkod starting with its two-digit länskod but got: "${line}"`);
    }
    if (!kommun || !lan.endsWith(' län') || !/^SE-[A-Z]{1,2}$/.test(lanIso)) throw new Error(`${where}: malformed row: "${line}"`);
    if (seen.has(kommunkod)) throw new Error(`${where}: kommunkod ${kommunkod} appears twice`);
    seen.add(kommunkod);
    return { kommunkod, kommun, lanskod, lan, lanIso };
  });
}

/**
 * The county's English name: Swedish county names are "<genitive> län"
 * ("Norrbottens län", "Skåne län"), the English ones "<name> County".
 */
export function englishCountyName(lan: string): string {
  return `${lan.replace(/ län$/, '').replace(/s$/, '')} County`;
}

/**
 * The reference list as a JSON-LD document in our context: one municipality
 * (a `ks:Municipality` organisation with its kommunkod as `dcterms:identifier`
 * and a link to its county) per row, and one county (an area, with länskod and
 * ISO 3166-2 code) per distinct länskod. The list gives Swedish names only: the
 * English ones ("Karlskoga Municipality", "Örebro County") are made here, so each
 * is marked as our translation (`ks:nameTranslatedInto "en"`). Output is sorted
 * by code so that the same CSV always gives the same file.
 */
export function municipalitiesToJsonLd(rows: readonly MunicipalityRow[]): object {
  const counties = new Map<string, MunicipalityRow>();
  for (const row of rows) if (!counties.has(row.lanskod)) counties.set(row.lanskod, row);
  const countyNodes = [...counties.values()]
    .sort((a, b) => a.lanskod.localeCompare(b.lanskod))
    .map((row) => ({
      id: `kg:lan/${row.lanskod}`,
      type: ['ks:County', 'schema:AdministrativeArea'],
      identifier: row.lanskod,
      isoCode: row.lanIso,
      name: { sv: row.lan, en: englishCountyName(row.lan) },
      nameTranslatedInto: 'en',
    }));
  const municipalityNodes = [...rows]
    .sort((a, b) => a.kommunkod.localeCompare(b.kommunkod))
    .map((row) => ({
      id: `kg:kommun/${row.kommunkod}`,
      type: ['ks:Municipality', 'org:FormalOrganization', 'cv:PublicOrganisation'],
      identifier: row.kommunkod,
      name: { sv: row.kommun, en: `${row.kommun} Municipality` },
      nameTranslatedInto: 'en',
      county: `kg:lan/${row.lanskod}`,
    }));
  return { '@context': CONTEXT_IRI, id: 'kg:dataset/kommuner', graph: [...countyNodes, ...municipalityNodes] };
}
