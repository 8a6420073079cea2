import type { NetworkTable } from './networkTable.js';

/** The columns of the node list, in order. */
export const NODE_COLUMNS = ['id', 'label', 'kind'] as const;

/** The columns of the edge list, in order; `source` and `target` are the organisations' IRIs, as `id` in the node list. */
export const EDGE_COLUMNS = ['id', 'source', 'target', 'relation', 'label', 'role', 'roleLabel', 'via', 'start', 'end'] as const;

/**
 * The table as two CSV files (RFC 4180: a header row, CRLF line ends,
 * fields quoted when they hold a comma, a quote or a line break, quotes
 * doubled): the node list and the edge list, with the same values as the
 * GraphML of the same table; a missing value is an empty field.
 */
export function networkCsvOf(table: NetworkTable): { nodes: string; edges: string } {
  return {
    nodes: csv(NODE_COLUMNS, table.nodes.map((node) => [node.id, node.label, node.kind])),
    edges: csv(
      EDGE_COLUMNS,
      table.edges.map((edge) => [edge.id, edge.source, edge.target, edge.relation, edge.label, edge.role, edge.roleLabel, edge.via, edge.start, edge.end]),
    ),
  };
}

function csv(columns: readonly string[], rows: ReadonlyArray<ReadonlyArray<string | null>>): string {
  return [columns, ...rows].map((row) => `${row.map(field).join(',')}\r\n`).join('');
}

function field(value: string | null): string {
  if (value === null) return '';
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
