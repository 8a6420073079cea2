import { describe, expect, it } from 'vitest';
import { strongEtag } from '../../src/http/strongEtag.js';

describe('strongEtag', () => {
  it('is a quoted strong ETag of 32 base64url characters', () => {
    for (const body of ['', 'Kulturskolegrafen', 'x'.repeat(100_000)]) expect(strongEtag(body)).toMatch(/^"[A-Za-z0-9_-]{32}"$/);
  });

  it('is the same for the same bytes, as text or as bytes, and differs when one byte does', () => {
    expect(strongEtag('Örebro')).toBe(strongEtag(new TextEncoder().encode('Örebro')));
    expect(strongEtag('Örebro')).not.toBe(strongEtag('Örebrö'));
  });
});
