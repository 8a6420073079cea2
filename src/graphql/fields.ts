/**
 * Field resolvers that several GraphQL types share: identity, names and
 * descriptions in the chosen language, and the Organisation fields.
 */
import type { NamedNode } from 'n3';
import type { Resource } from '../rdf/Graph.js';
import { resourceOf, resourcesOf, resourcesOfType, textOf, valueOf } from '../rdf/readTerms.js';
import { dcterms, foaf, ks, org, skos } from '../rdf/vocabulary.js';
import type { Context } from './context.js';
import { languageFor } from './language.js';
import { cachedPerGraph, cachedPerResource } from './cachedPerGraph.js';
import { byCode, byName, sorted, thenBy, through } from './order.js';

interface LangArgs {
  lang?: string | null;
}

/** The resource's IRI (or blank node label). */
export function id(resource: Resource): string {
  return resource.value;
}

/** A resolver for the text of `predicate` in the field's language; null when there is none. */
export function textField(predicate: NamedNode) {
  return (resource: Resource, { lang }: LangArgs, context: Context): string | null =>
    textOf(context.graph, resource, predicate, languageFor(lang, context));
}

// Names are the most asked-for field; remember each per language and resource (by its term id) for the Graph's life.
const namesIn = cachedPerGraph(() => new Map<string, Map<string, string | null>>());

/** The skos:prefLabel in the field's language. Every named thing has one; a missing name is a data error. */
export function name(resource: Resource, { lang }: LangArgs, context: Context): string {
  const language = languageFor(lang, context);
  const byLanguage = namesIn(context.graph);
  let names = byLanguage.get(language);
  if (names === undefined) byLanguage.set(language, (names = new Map()));
  let text = names.get(resource.id);
  if (text === undefined) {
    text = textOf(context.graph, resource, skos.prefLabel, language);
    names.set(resource.id, text);
  }
  if (text === null) throw new Error(`The data gives no skos:prefLabel for <${resource.value}>`);
  return text;
}

/** The dcterms:description in the field's language. */
export const description = textField(dcterms.description);

/** A resolver for the single resource linked by `predicate`, or null. */
export function linked(predicate: NamedNode) {
  return (resource: Resource, _args: unknown, { graph }: Context): Resource | null => resourceOf(graph, resource, predicate);
}

/** A resolver for the literal value of `predicate`, or null. */
export function literal(predicate: NamedNode) {
  return (resource: Resource, _args: unknown, { graph }: Context): string | null => valueOf(graph, resource, predicate);
}

/** The fields every Organisation has. */
export const organisationFields = {
  id,
  name,
  homepage: (resource: Resource, _args: unknown, { graph }: Context): string | null => resourceOf(graph, resource, foaf.homepage)?.value ?? null,
  pages: (resource: Resource, _args: unknown, { graph }: Context): string[] => {
    const homepages = resourcesOf(graph, resource, foaf.homepage).map((page) => page.value).sort();
    const others = resourcesOf(graph, resource, foaf.page).map((page) => page.value).sort();
    return [...new Set([...homepages, ...others])];
  },
  memberships: (resource: Resource, _args: unknown, { graph }: Context): Resource[] => membershipsOf(graph, resource),
};

const membershipsOf = cachedPerResource((graph, resource) =>
  sorted(graph.subjects(org.member, resource), thenBy(through(graph, org.organization, byName(graph)), through(graph, org.role, byName(graph)))),
);

const membershipsInOrganisation = cachedPerResource((graph, resource) =>
  sorted(graph.subjects(org.organization, resource), thenBy(through(graph, org.member, byCode(graph)), through(graph, org.role, byName(graph)))),
);

/** Memberships in an organisation, sorted by member (code, then name), then role name. */
export function membershipsIn(resource: Resource, { graph }: Context): Resource[] {
  return membershipsInOrganisation(graph, resource);
}

const regionsOf = cachedPerResource((graph, resource) => sorted(resourcesOfType(graph, resource, dcterms.spatial, ks.County), byCode(graph)));

/** The counties an organisation or project works in (dcterms:spatial), sorted by länskod. */
export function regions(resource: Resource, _args: unknown, { graph }: Context): Resource[] {
  return regionsOf(graph, resource);
}
