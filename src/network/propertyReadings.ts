import type { NamedNode } from 'n3';
import { ks, org, schema } from '../rdf/vocabulary.js';

/** A text in Swedish and in English. */
export interface Bilingual {
  sv: string;
  en: string;
}

/** How a relationship property reads from its subject to its object, and back. */
export interface PropertyReadings {
  forward: Bilingual;
  inverse: Bilingual;
}

// Written here, not read from the graph: the standard vocabularies' labels are not in our data, and no vocabulary gives a property's inverse reading.
const readings = new Map<string, PropertyReadings>([
  [org.memberOf.value, { forward: { sv: 'är medlem i', en: 'is a member of' }, inverse: { sv: 'har som medlem', en: 'has as member' } }],
  [
    ks.administrativePrincipalOf.value,
    {
      forward: { sv: 'är administrativ huvudman för', en: 'is the administrative principal of' },
      inverse: { sv: 'har som administrativ huvudman', en: 'has as administrative principal' },
    },
  ],
  [schema.funder.value, { forward: { sv: 'finansieras av', en: 'is funded by' }, inverse: { sv: 'finansierar', en: 'funds' } }],
  [ks.initiatedBy.value, { forward: { sv: 'initierades av', en: 'was initiated by' }, inverse: { sv: 'initierade', en: 'initiated' } }],
  [org.unitOf.value, { forward: { sv: 'är en enhet inom', en: 'is a unit of' }, inverse: { sv: 'har som enhet', en: 'has as unit' } }],
  [org.linkedTo.value, { forward: { sv: 'är länkad till', en: 'is linked to' }, inverse: { sv: 'länkas från', en: 'is linked from' } }],
]);

/** The readings of a property the organisation network relates by, or undefined for any other property. */
export function propertyReadings(property: NamedNode): PropertyReadings | undefined {
  return readings.get(property.value);
}

/** The text in `language` (its primary subtag): Swedish unless English is asked for, as the API's other texts fall back. */
export function inLanguage(text: Bilingual, language: string): string {
  return language.toLowerCase().split('-')[0] === 'en' ? text.en : text.sv;
}
