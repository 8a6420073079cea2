import type { Resource } from '../rdf/Graph.js';
import type { OrganisationNetwork, Relation } from './organisationNetworkOf.js';

/** One step of a path: from one organisation, through a relation, to the next. */
export interface FoundStep {
  from: Resource;
  to: Resource;
  relation: Relation;
  /** Whether the step goes from the relation's target to its source (against the property). */
  inverse: boolean;
}

/** A chain of relations, each step starting where the one before ended. */
export interface FoundPath {
  steps: FoundStep[];
}

/** How far a search may go. */
export interface PathSearchBounds {
  /** Most steps a path may have. */
  maxLength: number;
  /** Most paths to answer. */
  first: number;
  /** Most relations the search may look at, in all; past it the search stops, incomplete. */
  maxWork: number;
}

/** What a search found, or that it stopped at its bound of work. */
export type PathSearch = { complete: true; paths: FoundPath[] } | { complete: false };

/** Unwinds a search that has looked at as many relations as it may. */
class WorkExhausted extends Error {}

/**
 * The shortest simple paths (no organisation twice) from `from` to `to` of
 * at most `maxLength` steps, shortest first, at most `first` of them. Paths
 * of one length come in a stable order: step by step, by the next
 * organisation's IRI, then the property, then the membership or grant.
 * Relations are followed in both directions; two relations between the
 * same organisations (two roles, say) make two paths. From an organisation
 * to itself there is one path, of no steps.
 *
 * The work is bounded: a breadth-first search from `to` finds how far each
 * organisation is from it (within `maxLength`), and a depth-first search
 * from `from` steps only to organisations that can still reach `to` in the
 * steps left, one length after another. Every relation either search looks
 * at counts; past `maxWork`, the search stops and answers that it is not
 * complete, whatever it found so far.
 */
export function findPaths(network: OrganisationNetwork, from: Resource, to: Resource, bounds: PathSearchBounds): PathSearch {
  try {
    return { complete: true, paths: search(network, from, to, bounds) };
  } catch (error) {
    if (error instanceof WorkExhausted) return { complete: false };
    throw error;
  }
}

function search(network: OrganisationNetwork, from: Resource, to: Resource, { maxLength, first, maxWork }: PathSearchBounds): FoundPath[] {
  if (from.equals(to)) return [{ steps: [] }];
  let work = 0;
  const look = () => {
    if (++work > maxWork) throw new WorkExhausted();
  };

  // Breadth first from `to`, a layer at a time as the lengths tried need them: how many steps each organisation is from it.
  const distance = new Map<string, number>([[to.id, 0]]);
  let frontier: Resource[] = [to];
  let depth = 0;
  const growTo = (wanted: number) => {
    while (depth < wanted && frontier.length > 0) {
      depth++;
      const next: Resource[] = [];
      for (const node of frontier) {
        for (const relation of network.relationsOf(node)) {
          look();
          const other = otherEnd(relation, node);
          if (!distance.has(other.id)) {
            distance.set(other.id, depth);
            next.push(other);
          }
        }
      }
      frontier = next;
    }
  };
  while (!distance.has(from.id) && depth < maxLength && frontier.length > 0) growTo(depth + 1);
  const shortest = distance.get(from.id);
  if (shortest === undefined) return [];

  const found: FoundPath[] = [];
  const onPath = new Set<string>([from.id]);
  const steps: FoundStep[] = [];
  const extend = (node: Resource, left: number): void => {
    if (found.length >= first) return;
    if (left === 0) {
      if (node.equals(to)) found.push({ steps: [...steps] });
      return;
    }
    for (const { relation, other } of stepsFrom(network, node)) {
      look();
      // Only towards `to`: an organisation farther from it than the steps left cannot lead there in time.
      const away = distance.get(other.id);
      if (away === undefined || away > left - 1 || onPath.has(other.id) || (other.equals(to) && left > 1)) continue;
      onPath.add(other.id);
      steps.push({ from: node, to: other, relation, inverse: !relation.source.equals(node) });
      extend(other, left - 1);
      steps.pop();
      onPath.delete(other.id);
      if (found.length >= first) return;
    }
  };
  for (let length = shortest; length <= maxLength && found.length < first; length++) {
    // A step with `left` steps to go needs the distances up to left - 1; one the search has not reached is farther.
    growTo(length - 1);
    extend(from, length);
  }
  return found;
}

/** The end of `relation` that is not `node` (for a relation of a node with itself, the node). */
function otherEnd(relation: Relation, node: Resource): Resource {
  return relation.source.equals(node) ? relation.target : relation.source;
}

const orderedSteps = new WeakMap<OrganisationNetwork, Map<string, ReadonlyArray<{ relation: Relation; other: Resource }>>>();

/** The steps out of `node`, by the other end's IRI, then property, then via, then direction: the order paths come in. */
function stepsFrom(network: OrganisationNetwork, node: Resource): ReadonlyArray<{ relation: Relation; other: Resource }> {
  let byNode = orderedSteps.get(network);
  if (byNode === undefined) orderedSteps.set(network, (byNode = new Map()));
  let ordered = byNode.get(node.id);
  if (ordered === undefined) {
    ordered = network
      .relationsOf(node)
      .map((relation) => ({ relation, other: otherEnd(relation, node) }))
      .sort(
        (a, b) =>
          compare(a.other.value, b.other.value) ||
          compare(a.relation.property.value, b.relation.property.value) ||
          compare(a.relation.via?.value ?? '', b.relation.via?.value ?? '') ||
          compare(a.relation.source.value, b.relation.source.value),
      );
    byNode.set(node.id, ordered);
  }
  return ordered;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
