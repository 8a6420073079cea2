import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const schemaDirectory = new URL('../../schema/', import.meta.url);

/** The SDL of every `schema/*.graphql` file, in file-name order. */
export const typeDefs: string[] = readdirSync(fileURLToPath(schemaDirectory))
  .filter((name) => name.endsWith('.graphql'))
  .sort()
  .map((name) => readFileSync(new URL(name, schemaDirectory), 'utf8'));
