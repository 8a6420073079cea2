import { Parser } from 'n3';
import { EventLoopTurns } from '../EventLoopTurns.js';

/** Lines parsed between two looks at the time (see EventLoopTurns). */
const LINES_PER_TURN = 100;

/**
 * A graph's triples as numbers: each term's id (n3's termToId) once, in the
 * order terms first appear (subject, predicate, object, triple by triple),
 * and three term numbers a triple. Plain data, so that a process can send it
 * (see IndexedGraph.of).
 */
export interface NumberedTriples {
  readonly terms: string[];
  readonly triples: Int32Array<ArrayBufferLike>;
  /** Each id's number, when the numbering is at hand (it is not sent: the receiver makes it from `terms`). */
  readonly numbers?: ReadonlyMap<string, number>;
}

/**
 * The triples of a stored dataset version, its canonical N-Triples, as
 * numbers, with blank node labels kept apart from every other dataset's by
 * the slug. Parsed a few lines at a time, taking turns with requests (see
 * EventLoopTurns); `turns` says how.
 */
export async function numberedTriplesOfContent(slug: string, content: string, turns = new EventLoopTurns()): Promise<NumberedTriples> {
  const terms: string[] = [];
  const numbers = new Map<string, number>();
  const numberOf = (id: string) => {
    let number = numbers.get(id);
    if (number === undefined) numbers.set(id, (number = terms.push(id) - 1));
    return number;
  };
  const lines = content.split('\n');
  let triples: Int32Array<ArrayBufferLike> = new Int32Array(lines.length * 3);
  let length = 0;
  for (let start = 0; start < lines.length; start += LINES_PER_TURN) {
    await turns.turn();
    // The same prefix in every slice: a blank node keeps one label across slices.
    const parser = new Parser({ format: 'N-Triples', blankNodePrefix: `${slug}_` });
    for (const { subject, predicate, object } of parser.parse(lines.slice(start, start + LINES_PER_TURN).join('\n'))) {
      if (length + 3 > triples.length) triples = grown(triples);
      triples[length++] = numberOf(subject.id);
      triples[length++] = numberOf(predicate.id);
      triples[length++] = numberOf(object.id);
    }
  }
  return { terms, triples: triples.slice(0, length), numbers };
}

function grown(triples: Int32Array<ArrayBufferLike>): Int32Array<ArrayBufferLike> {
  const larger = new Int32Array(Math.max(triples.length * 2, 3));
  larger.set(triples);
  return larger;
}
