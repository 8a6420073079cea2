import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { wantsExplorer } from '../../../src/http/explorer/wantsExplorer.js';

/** What a browser sends when it opens a page (Firefox's and Chromium's Accept). */
const FIREFOX = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';
const CHROMIUM = 'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,image/apng,*/*;q=0.8,application/signed-exchange;v=b3;q=0.7';

describe('wantsExplorer', () => {
  it("gives a browser's GET or HEAD of /graphql the explorer", () => {
    for (const method of ['GET', 'HEAD']) {
      expect(wantsExplorer(request(method, FIREFOX))).toBe(true);
      expect(wantsExplorer(request(method, CHROMIUM))).toBe(true);
      expect(wantsExplorer(request(method, 'text/html'))).toBe(true);
    }
  });

  it('gives any other method GraphQL, whatever it accepts', () => {
    for (const method of ['POST', 'PUT', 'OPTIONS', 'get', undefined]) expect(wantsExplorer(request(method, 'text/html'))).toBe(false);
  });

  it('gives a request without Accept, or one that takes anything, GraphQL', () => {
    expect(wantsExplorer(request('GET', undefined))).toBe(false);
    expect(wantsExplorer(request('GET', '*/*'))).toBe(false);
    expect(wantsExplorer(request('GET', 'text/*'))).toBe(true);
  });

  it('gives GraphQL to a client that prefers JSON, or likes it as much and names it first', () => {
    expect(wantsExplorer(request('GET', 'application/json'))).toBe(false);
    expect(wantsExplorer(request('GET', 'application/graphql-response+json, text/html'))).toBe(false);
    expect(wantsExplorer(request('GET', 'application/json, text/html'))).toBe(false);
    expect(wantsExplorer(request('GET', 'text/html;q=0.5, application/json'))).toBe(false);
    expect(wantsExplorer(request('GET', 'text/html, application/json'))).toBe(true);
    expect(wantsExplorer(request('GET', 'text/html, application/json;q=0.9'))).toBe(true);
  });

  it('gives GraphQL to an Accept that names nothing offered, or is malformed', () => {
    expect(wantsExplorer(request('GET', 'image/png'))).toBe(false);
    expect(wantsExplorer(request('GET', 'text/html;q=0'))).toBe(false);
    expect(wantsExplorer(request('GET', 'not a media type'))).toBe(false);
    expect(wantsExplorer(request('GET', ''))).toBe(false);
  });
});

function request(method: string | undefined, accept: string | undefined): IncomingMessage {
  return { method, headers: accept === undefined ? {} : { accept } } as IncomingMessage;
}
