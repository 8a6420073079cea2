import { GRAPHML_NAMESPACE } from '../rdf/vocabulary.js';
import type { EdgeRow, NetworkTable, NodeRow } from './networkTable.js';

/** GraphML has no registered media type; this is the name tools use for it, an XML type by its suffix (RFC 6839). */
export const GRAPHML_MEDIA_TYPE = 'application/graphml+xml';

/** A GraphML attribute: its key id, what it is declared for, its name, and how to read it from a row. */
interface Attribute<Row> {
  key: string;
  name: string;
  value: (row: Row) => string | null;
}

const nodeAttributes: ReadonlyArray<Attribute<NodeRow>> = [
  { key: 'n_id', name: 'id', value: (node) => node.id },
  { key: 'n_label', name: 'label', value: (node) => node.label },
  { key: 'n_kind', name: 'kind', value: (node) => node.kind },
];

const edgeAttributes: ReadonlyArray<Attribute<EdgeRow>> = [
  { key: 'e_relation', name: 'relation', value: (edge) => edge.relation },
  { key: 'e_label', name: 'label', value: (edge) => edge.label },
  { key: 'e_role', name: 'role', value: (edge) => edge.role },
  { key: 'e_roleLabel', name: 'roleLabel', value: (edge) => edge.roleLabel },
  { key: 'e_via', name: 'via', value: (edge) => edge.via },
  { key: 'e_start', name: 'start', value: (edge) => edge.start },
  { key: 'e_end', name: 'end', value: (edge) => edge.end },
];

/**
 * The table as a directed GraphML document: every attribute declared with a
 * `<key>` (all strings), nodes keyed `n…` with their IRI as the attribute
 * `id` (GraphML's own ids are XML name tokens, which an IRI is not), edges
 * keyed `e…` from source to target; an attribute a row lacks is left out.
 */
export function graphmlOf(table: NetworkTable): string {
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<graphml xmlns="${GRAPHML_NAMESPACE}">`,
    ...nodeAttributes.map((attribute) => keyLine('node', attribute)),
    ...edgeAttributes.map((attribute) => keyLine('edge', attribute)),
    '  <graph id="organisations" edgedefault="directed">',
  ];
  for (const node of table.nodes) lines.push(`    <node id="${node.key}">${dataOf(node, nodeAttributes)}</node>`);
  for (const edge of table.edges) lines.push(`    <edge id="${edge.id}" source="${edge.sourceKey}" target="${edge.targetKey}">${dataOf(edge, edgeAttributes)}</edge>`);
  lines.push('  </graph>', '</graphml>', '');
  return lines.join('\n');
}

function keyLine(domain: 'node' | 'edge', attribute: Attribute<never>): string {
  return `  <key id="${attribute.key}" for="${domain}" attr.name="${attribute.name}" attr.type="string"/>`;
}

function dataOf<Row>(row: Row, attributes: ReadonlyArray<Attribute<Row>>): string {
  return attributes
    .map((attribute) => {
      const value = attribute.value(row);
      return value === null ? '' : `<data key="${attribute.key}">${escapeXml(value)}</data>`;
    })
    .join('');
}

/** Text safe in XML content and attribute values; characters XML 1.0 cannot hold at all become U+FFFD. */
function escapeXml(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}
