import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import { expect, vi } from 'vitest';

/**
 * Replaces every way out to the network with a spy that throws, so that any
 * attempt is recorded and blocked; `expectUntouched` asserts there was none.
 * Restore the spies with `vi.restoreAllMocks()` after the test.
 */
export function stubNetwork(): { expectUntouched: () => void } {
  const refuse = (): never => {
    throw new Error('network access attempted');
  };
  const spies = [
    vi.spyOn(globalThis, 'fetch').mockImplementation(refuse),
    vi.spyOn(http, 'request').mockImplementation(refuse),
    vi.spyOn(http, 'get').mockImplementation(refuse),
    vi.spyOn(https, 'request').mockImplementation(refuse),
    vi.spyOn(https, 'get').mockImplementation(refuse),
    vi.spyOn(net.Socket.prototype, 'connect').mockImplementation(refuse),
  ];
  return {
    expectUntouched: () => {
      for (const spy of spies) expect(spy).not.toHaveBeenCalled();
    },
  };
}
