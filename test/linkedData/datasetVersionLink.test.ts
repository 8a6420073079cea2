import { describe, expect, it } from 'vitest';
import { datasetVersionLink } from '../../src/http/linkedData/datasetVersionLink.js';
import { kg } from '../../src/rdf/vocabulary.js';

// The version a page names beside a dataset: a link to that version's content for our own
// datasets (`/dataset/{slug}` → `/datasets/{slug}/versions/{n}`), the bare number for any other.

describe('datasetVersionLink', () => {
  it("links one of our datasets' version to that version's content, on this server", () => {
    expect(datasetVersionLink(kg.dataset('orebro-lan').value, 3)).toBe('<a href="/datasets/orebro-lan/versions/3">3</a>');
    expect(datasetVersionLink('https://w3id.org/kulturskola/dataset/kommuner', 12)).toBe('<a href="/datasets/kommuner/versions/12">12</a>');
  });

  it('escapes the link, and percent-encodes what a URI cannot hold', () => {
    expect(datasetVersionLink(kg.dataset("a&b'c").value, 1)).toBe('<a href="/datasets/a&amp;b&#39;c/versions/1">1</a>');
    expect(datasetVersionLink(kg.dataset('å ä').value, 2)).toBe('<a href="/datasets/%C3%A5%20%C3%A4/versions/2">2</a>');
  });

  it('gives the bare number for a dataset that is not one of ours, or not under /dataset/', () => {
    expect(datasetVersionLink('http://example.org/dataset/kommuner', 7)).toBe('7');
    expect(datasetVersionLink('https://w3id.org/kulturskola/katalog', 7)).toBe('7');
    expect(datasetVersionLink('https://w3id.org/kulturskola/datasets/kommuner', 4)).toBe('4');
    // The namespace of our datasets is a prefix of the IRI, not something it merely contains or ends with.
    expect(datasetVersionLink('urn:x:https://w3id.org/kulturskola/dataset/kommuner', 5)).toBe('5');
  });

  it('links version 0 too', () => {
    expect(datasetVersionLink(kg.dataset('x').value, 0)).toBe('<a href="/datasets/x/versions/0">0</a>');
  });
});
