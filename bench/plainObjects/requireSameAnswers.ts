/**
 * The peer is worth measuring only if it answers what ours answers: this
 * throws unless, for every question, the peer's response body has the very
 * bytes of ours (UTF-8, compared whole), naming each question that differs,
 * where, and the text around it on both sides.
 */

/** Bytes of context shown either side of the first difference. */
const CONTEXT_BYTES = 120;

export function requireSameAnswers(label: string, ours: ReadonlyMap<string, string>, peer: ReadonlyMap<string, string>): void {
  const differences: string[] = [];
  for (const [key, oursText] of ours) {
    const peerText = peer.get(key);
    if (peerText === undefined) {
      differences.push(`(${key}): the peer gave no answer`);
      continue;
    }
    const [a, b] = [Buffer.from(oursText, 'utf8'), Buffer.from(peerText, 'utf8')];
    if (a.equals(b)) continue;
    let at = 0;
    while (at < a.length && at < b.length && a[at] === b[at]) at++;
    const around = (bytes: Buffer) => bytes.subarray(Math.max(0, at - CONTEXT_BYTES), at + CONTEXT_BYTES).toString('utf8');
    differences.push(`(${key}): ${a.length} B ours, ${b.length} B the peer's, first different byte at ${at}\n  ours: …${around(a)}…\n  peer: …${around(b)}…`);
  }
  for (const key of peer.keys()) if (!ours.has(key)) differences.push(`(${key}): ours gave no answer`);
  if (differences.length > 0) throw new Error(`The plain-JavaScript peer's answers on ${label} are not byte-identical to ours:\n${differences.join('\n')}`);
}
