import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { acceptsWriteFrom } from '../../src/http/acceptsWriteFrom.js';

const EDITOR = 'https://editor.example.org';
const HOST = 'data.example.org:8080';

describe('acceptsWriteFrom', () => {
  it('lets a write without an Origin header through (curl, scripts, servers)', () => {
    expect(acceptsWriteFrom(request(undefined), [])).toBe(true);
    expect(acceptsWriteFrom(request(undefined), [EDITOR])).toBe(true);
  });

  it('lets a write from an origin listed for writes through', () => {
    expect(acceptsWriteFrom(request(EDITOR), [EDITOR])).toBe(true);
    expect(acceptsWriteFrom(request('http://127.0.0.1:4300'), [EDITOR, 'http://127.0.0.1:4300'])).toBe(true);
  });

  it("lets a write from the server's own origin through, over http or https", () => {
    expect(acceptsWriteFrom(request(`http://${HOST}`), [])).toBe(true);
    expect(acceptsWriteFrom(request(`https://${HOST}`), [EDITOR])).toBe(true);
  });

  it('refuses a write from any other origin', () => {
    expect(acceptsWriteFrom(request('https://elsewhere.example'), [EDITOR])).toBe(false);
    expect(acceptsWriteFrom(request('https://editor.example.org:444'), [EDITOR])).toBe(false);
    expect(acceptsWriteFrom(request('https://data.example.org'), [])).toBe(false);
    expect(acceptsWriteFrom(request('https://data.example.org:8081'), [])).toBe(false);
  });

  it("refuses a write from a page on the server's host by any other scheme", () => {
    expect(acceptsWriteFrom(request(`ftp://${HOST}`), [])).toBe(false);
    expect(acceptsWriteFrom(request(`ws://${HOST}`), [])).toBe(false);
  });

  it('refuses a write from the origin "null" (a sandboxed page, a file) and from a malformed one', () => {
    expect(acceptsWriteFrom(request('null'), [EDITOR])).toBe(false);
    expect(acceptsWriteFrom(request(HOST), [])).toBe(false);
    expect(acceptsWriteFrom(request(''), [])).toBe(false);
  });

  it('refuses a write that names an origin when the request names no host', () => {
    expect(acceptsWriteFrom({ headers: { origin: 'http://localhost' } } as IncomingMessage, [])).toBe(false);
  });
});

function request(origin: string | undefined): IncomingMessage {
  return { headers: { host: HOST, ...(origin !== undefined && { origin }) } } as IncomingMessage;
}
