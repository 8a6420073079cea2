/**
 * One page of a list already sorted, as `Query.organisations` answers it:
 * `nodes` and `totalCount` at once, the edges and page info (with our
 * cursors: the IRI, base64url) only when a query asks for them. The benchmark's
 * list page asks for `nodes` alone.
 */
import type { PlainOrganisation } from './PlainObjects.js';

export class PlainPage {
  readonly nodes: readonly PlainOrganisation[];
  readonly totalCount: number;

  constructor(
    items: readonly PlainOrganisation[],
    private readonly start: number,
    private readonly size: number,
  ) {
    this.nodes = items.slice(start, start + size);
    this.totalCount = items.length;
  }

  get edges(): Array<{ cursor: string; node: PlainOrganisation }> {
    return this.nodes.map((node) => ({ cursor: cursorOf(node), node }));
  }

  get pageInfo(): { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null } {
    const [first, last] = [this.nodes[0], this.nodes.at(-1)];
    return {
      hasNextPage: this.start + this.size < this.totalCount,
      hasPreviousPage: this.start > 0,
      startCursor: first ? cursorOf(first) : null,
      endCursor: last ? cursorOf(last) : null,
    };
  }
}

function cursorOf(organisation: PlainOrganisation): string {
  return Buffer.from(organisation.id, 'utf8').toString('base64url');
}
