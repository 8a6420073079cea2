import type { DatasetHistory, VersionRecord } from '../store/DatasetStore.js';

/** How much of a content hash the table shows; enough to tell versions apart by eye. */
const HASH_SHOWN = 12;

const columns: readonly { title: string; alignRight: boolean; cell: (record: VersionRecord) => string }[] = [
  { title: 'version', alignRight: true, cell: (r) => String(r.version) },
  { title: 'created', alignRight: false, cell: (r) => r.created },
  { title: 'publisher', alignRight: false, cell: (r) => r.publisher },
  { title: 'activity', alignRight: false, cell: (r) => (r.activity === 'rollback' && r.restores !== undefined ? `rollback to ${r.restores}` : r.activity) },
  { title: 'triples', alignRight: true, cell: (r) => String(r.triples) },
  { title: 'added', alignRight: true, cell: (r) => `+${r.added}` },
  { title: 'removed', alignRight: true, cell: (r) => `-${r.removed}` },
  { title: 'sha256', alignRight: false, cell: (r) => (r.sha256 === null ? '-' : r.sha256.slice(0, HASH_SHOWN)) },
];

/** A dataset's versions as a text table for people, oldest first, one row per version under a header row. */
export function formatHistory(history: DatasetHistory): string[] {
  const rows = [columns.map((c) => c.title), ...history.versions.map((record) => columns.map((c) => c.cell(record)))];
  const widths = columns.map((_, index) => Math.max(...rows.map((row) => row[index]!.length)));
  return rows.map((row) =>
    row
      .map((cell, index) => (columns[index]!.alignRight ? cell.padStart(widths[index]!) : cell.padEnd(widths[index]!)))
      .join('  ')
      .trimEnd(),
  );
}
