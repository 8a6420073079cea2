import { performance } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { EventLoopTurns } from '../src/EventLoopTurns.js';

/** Keeps the thread busy for `ms`, as a slice of a long task does. */
function work(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until);
}

/** Runs `turn` and tells whether other work queued before it (a setImmediate, an I/O callback) ran before it resolved. */
async function letsOthersIn(turns: EventLoopTurns): Promise<boolean> {
  let ran = false;
  setImmediate(() => (ran = true));
  await turns.turn();
  return ran;
}

/** Requests answered while a task that worked 12 ms gives way, under requests that keep arriving, each keeping the thread busy for a while, as a steady load does. */
async function answeredBeside(turns: EventLoopTurns): Promise<number> {
  let answered = 0;
  let arriving = true;
  const arrive = () => {
    if (!arriving) return;
    work(0.3);
    answered++;
    setImmediate(arrive);
  };
  work(12);
  setImmediate(arrive);
  await turns.turn();
  arriving = false;
  return answered;
}

describe('EventLoopTurns', () => {
  it('lets a task go on without giving way while its slice is young', async () => {
    const turns = new EventLoopTurns();
    expect(await letsOthersIn(turns)).toBe(false);
    expect(await letsOthersIn(new EventLoopTurns(false))).toBe(false);
  });

  it('gives way after a slice of work, sharing with requests or not', async () => {
    for (const turns of [new EventLoopTurns(), new EventLoopTurns(false)]) {
      work(12);
      expect(await letsOthersIn(turns)).toBe(true);
      // A fresh slice begins once it has given way.
      expect(await letsOthersIn(turns)).toBe(false);
    }
  });

  it('goes on giving way while work keeps coming, where one turn of the event loop would let in only what was there', async () => {
    // More than one turn of the event loop was given: a single turn would answer one.
    expect(await answeredBeside(new EventLoopTurns())).toBeGreaterThan(1);
  });
});
