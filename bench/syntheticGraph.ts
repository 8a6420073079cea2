import { readFileSync } from 'node:fs';
import { DataFactory } from 'n3';
import type { BlankNode, NamedNode, Quad } from 'n3';
import { dataPath } from '../src/rdf/dataPath.js';
import { CONTEXT_IRI, dcat, dcterms, foaf, ks, org, schema, skos, xsd } from '../src/rdf/vocabulary.js';

const { quad, literal, blankNode } = DataFactory;

/** How a property's values are written: the term definition it needs in our JSON-LD context. */
type PropertyKind = 'language' | 'id' | 'plain' | NamedNode;

/**
 * The properties the synthetic data uses, by their term name in
 * `data/context.jsonld`, with the predicate from our vocabulary module.
 * `checkAgainstContext` proves that the context maps each name to the same
 * IRI and kind, so the JSON-LD and Turtle files state the same triples.
 */
const properties = {
  name: { predicate: skos.prefLabel, kind: 'language' },
  description: { predicate: dcterms.description, kind: 'language' },
  definition: { predicate: skos.definition, kind: 'language' },
  identifier: { predicate: dcterms.identifier, kind: 'plain' },
  position: { predicate: schema.position, kind: xsd.integer },
  homepage: { predicate: foaf.homepage, kind: 'id' },
  inScheme: { predicate: skos.inScheme, kind: 'id' },
  member: { predicate: org.member, kind: 'id' },
  organization: { predicate: org.organization, kind: 'id' },
  role: { predicate: org.role, kind: 'id' },
  memberDuring: { predicate: org.memberDuring, kind: 'id' },
  memberOf: { predicate: org.memberOf, kind: 'id' },
  unitOf: { predicate: org.unitOf, kind: 'id' },
  hasUnit: { predicate: org.hasUnit, kind: 'id' },
  temporal: { predicate: dcterms.temporal, kind: 'id' },
  spatial: { predicate: dcterms.spatial, kind: 'id' },
  subject: { predicate: dcterms.subject, kind: 'id' },
  audience: { predicate: dcterms.audience, kind: 'id' },
  startYear: { predicate: dcat.startDate, kind: xsd.gYear },
  endYear: { predicate: dcat.endDate, kind: xsd.gYear },
  funder: { predicate: schema.funder, kind: 'id' },
  fundedItem: { predicate: schema.fundedItem, kind: 'id' },
  minAge: { predicate: schema.suggestedMinAge, kind: xsd.integer },
  maxAge: { predicate: schema.suggestedMaxAge, kind: xsd.integer },
  goal: { predicate: ks.goal, kind: 'id' },
  initiatedBy: { predicate: ks.initiatedBy, kind: 'id' },
  administrativePrincipalOf: { predicate: ks.administrativePrincipalOf, kind: 'id' },
} as const satisfies Record<string, { predicate: NamedNode; kind: PropertyKind }>;

/** A property of the synthetic data, by its JSON-LD term name. */
export type PropertyName = keyof typeof properties;

/** A text in Swedish and English. */
export interface Text {
  sv: string;
  en: string;
}

type Value = NamedNode | string | number | Text | SyntheticNode;

/** A resource of the synthetic graph: an IRI, or a blank node embedded in its one parent. */
export interface SyntheticNode {
  readonly id: NamedNode | null;
  readonly types: NamedNode[];
  readonly values: Map<PropertyName, Value[]>;
}

/**
 * A graph built resource by resource, that writes itself both as quads and as
 * one JSON-LD document in our context. It counts the triples it holds, so the
 * generator can stop at a target size; it never states a triple twice.
 */
export class SyntheticGraph {
  private readonly nodes = new Map<string, SyntheticNode>();
  private readonly prefixes: ReadonlyArray<readonly [string, string]>;
  /** Number of triples, blank-node triples included. */
  tripleCount = 0;

  constructor() {
    this.prefixes = checkAgainstContext();
  }

  /** The resource with this IRI, created (without types) on first use. */
  resource(iri: NamedNode): SyntheticNode {
    let node = this.nodes.get(iri.value);
    if (node === undefined) {
      node = { id: iri, types: [], values: new Map() };
      this.nodes.set(iri.value, node);
    }
    return node;
  }

  /** A new blank node, to be given as the value of exactly one property. */
  blank(): SyntheticNode {
    return { id: null, types: [], values: new Map() };
  }

  /** States `node rdf:type type` for each type not yet stated. */
  type(node: SyntheticNode, ...types: NamedNode[]): this {
    for (const type of types) {
      if (node.types.some((known) => known.equals(type))) continue;
      node.types.push(type);
      this.tripleCount++;
    }
    return this;
  }

  /** Adds a value of `property`; a text adds one triple per language, an IRI already stated adds nothing. */
  add(node: SyntheticNode, property: PropertyName, value: Value): this {
    let list = node.values.get(property);
    if (list === undefined) node.values.set(property, (list = []));
    if (isNamedNode(value) && list.some((known) => isNamedNode(known) && known.value === value.value)) return this;
    list.push(value);
    this.tripleCount += isText(value) ? 2 : 1;
    return this;
  }

  /** Every triple, resource by resource, in the default graph. */
  *quads(): Generator<Quad> {
    let blankNodes = 0;
    function* quadsOf(node: SyntheticNode, subject: NamedNode | BlankNode): Generator<Quad> {
      for (const type of node.types) yield quad(subject, rdfType, type);
      for (const [name, values] of node.values) {
        const { predicate, kind } = properties[name];
        for (const value of values) {
          if (isText(value)) {
            yield quad(subject, predicate, literal(value.sv, 'sv'));
            yield quad(subject, predicate, literal(value.en, 'en'));
          } else if (isNamedNode(value)) {
            yield quad(subject, predicate, value);
          } else if (typeof value === 'object') {
            const object = blankNode(`synth${blankNodes++}`);
            yield quad(subject, predicate, object);
            yield* quadsOf(value, object);
          } else {
            yield quad(subject, predicate, kind === 'plain' ? literal(String(value)) : literal(String(value), kind as NamedNode));
          }
        }
      }
    }
    for (const node of this.nodes.values()) yield* quadsOf(node, node.id!);
  }

  /** The whole graph as one JSON-LD document in our context, one resource per line. */
  toJsonLd(documentIri: NamedNode): string {
    const compact = (iri: string): string => {
      for (const [prefix, namespace] of this.prefixes) if (iri.startsWith(namespace)) return `${prefix}:${iri.slice(namespace.length)}`;
      return iri;
    };
    const objectOf = (node: SyntheticNode): Record<string, unknown> => {
      const object: Record<string, unknown> = {};
      if (node.id !== null) object.id = compact(node.id.value);
      if (node.types.length > 0) object.type = single(node.types.map((type) => compact(type.value)));
      for (const [name, values] of node.values) {
        const kind = properties[name].kind;
        object[name] = single(
          values.map((value) => {
            if (isText(value)) return { sv: value.sv, en: value.en };
            if (isNamedNode(value)) return compact(value.value);
            if (typeof value === 'object') return objectOf(value);
            return kind === xsd.integer ? Number(value) : String(value);
          }),
        );
      }
      return object;
    };
    const lines = [...this.nodes.values()].map((node) => JSON.stringify(objectOf(node)));
    const head = `{"@context":${JSON.stringify(CONTEXT_IRI)},"id":${JSON.stringify(compact(documentIri.value))},"graph":[\n`;
    return `${head}${lines.join(',\n')}\n]}\n`;
  }

  /** The namespace prefixes of our context, longest namespace first, for writing compact IRIs. */
  get namespaces(): Record<string, string> {
    return Object.fromEntries(this.prefixes);
  }
}

const rdfType = DataFactory.namedNode('http://www.w3.org/1999/02/22-rdf-syntax-ns#type');

function single<T>(values: T[]): T | T[] {
  return values.length === 1 ? values[0]! : values;
}

function isNamedNode(value: Value): value is NamedNode {
  return typeof value === 'object' && 'termType' in value && value.termType === 'NamedNode';
}

function isText(value: Value): value is Text {
  return typeof value === 'object' && 'sv' in value && 'en' in value && !('termType' in value);
}

/**
 * Reads the bundled context, checks that every property above has a term of
 * the same IRI and kind there, and returns the context's prefixes (longest
 * namespace first). Throws with the term's name when one does not match.
 */
function checkAgainstContext(): Array<readonly [string, string]> {
  const context = (JSON.parse(readFileSync(dataPath('context.jsonld'), 'utf8')) as { '@context': Record<string, unknown> })['@context'];
  const prefixes = Object.entries(context)
    .filter((entry): entry is [string, string] => typeof entry[1] === 'string' && /^https?:\/\/.*[#/]$/.test(entry[1]))
    .sort(([, a], [, b]) => b.length - a.length);
  const expand = (curie: string): string => {
    const colon = curie.indexOf(':');
    const namespace = colon > 0 ? context[curie.slice(0, colon)] : undefined;
    return typeof namespace === 'string' ? namespace + curie.slice(colon + 1) : curie;
  };
  for (const [name, { predicate, kind }] of Object.entries(properties)) {
    const definition = context[name];
    const term = typeof definition === 'string' ? { '@id': definition } : (definition as Record<string, string> | undefined);
    const expected =
      kind === 'language' ? { '@container': '@language' } : kind === 'id' ? { '@type': '@id' } : kind === 'plain' ? {} : { '@type': kind.value };
    const actual = {
      ...(term?.['@container'] && { '@container': term['@container'] }),
      ...(term?.['@type'] && { '@type': term['@type'] === '@id' ? '@id' : expand(term['@type']) }),
    };
    if (term === undefined || expand(term['@id']!) !== predicate.value || JSON.stringify(actual) !== JSON.stringify(expected)) {
      throw new Error(`The context term "${name}" is not <${predicate.value}> with ${JSON.stringify(expected)}; the generator and data/context.jsonld disagree`);
    }
  }
  return prefixes;
}
