/**
 * Converts the national reference CSV into `data/graphs/kommuner.jsonld`.
 *
 *   npm run convert-municipalities [-- path/to/sweden-municipalities.csv]
 *
 * Defaults to the copy in `data/sources/`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dataPath } from '../rdf/dataPath.js';
import { municipalitiesToJsonLd, parseMunicipalityCsv } from '../rdf/municipalitiesFromCsv.js';

const csvPath = process.argv[2] ?? dataPath('sources/sweden-municipalities.csv');
const outputPath = dataPath('graphs/kommuner.jsonld');
const rows = parseMunicipalityCsv(readFileSync(csvPath, 'utf8'));
writeFileSync(outputPath, `${JSON.stringify(municipalitiesToJsonLd(rows), null, 2)}\n`);
console.error(`wrote ${rows.length} municipalities to ${outputPath}`);
