import { existsSync, statSync } from 'node:fs';
import { join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { dataPath } from '../../src/rdf/dataPath.js';

const projectData = fileURLToPath(new URL('../../data/', import.meta.url));

describe('dataPath', () => {
  it('gives the data folder itself when asked for no file', () => {
    expect(dataPath()).toBe(projectData);
    expect(dataPath().endsWith(sep)).toBe(true);
    expect(statSync(dataPath()).isDirectory()).toBe(true);
  });

  it('gives a file or folder inside the data folder', () => {
    expect(dataPath('context.jsonld')).toBe(join(projectData, 'context.jsonld'));
    expect(existsSync(dataPath('graphs'))).toBe(true);
  });
});
