import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** What the SPARQL engine comparison of bench/sparql/ gave, or why it did not run. */
export type SparqlComparison = { status: 'ran'; result: unknown } | { status: 'skipped'; reason: string };

const comparisonFile = fileURLToPath(new URL('sparql/compareEngines.ts', import.meta.url));

/**
 * Runs the SPARQL engine comparison that another part of the benchmark owns,
 * when `bench/sparql/compareEngines.ts` exports a function `compareEngines`
 * (called as `compareEngines({ quick })`; whatever it resolves to is
 * reported). A file without that export is not imported at all, since a
 * script would run on import.
 */
export async function runSparqlComparison(quick: boolean): Promise<SparqlComparison> {
  if (!existsSync(comparisonFile)) return { status: 'skipped', reason: 'bench/sparql/compareEngines.ts does not exist' };
  const source = await readFile(comparisonFile, 'utf8');
  if (!/export\s+(?:async\s+)?function\s+compareEngines\b|export\s+(?:const|let)\s+compareEngines\b/.test(source)) {
    return { status: 'skipped', reason: 'bench/sparql/compareEngines.ts exports no compareEngines function (it is a script)' };
  }
  const module = (await import(pathToFileURL(comparisonFile).href)) as { compareEngines?: unknown };
  if (typeof module.compareEngines !== 'function') return { status: 'skipped', reason: 'compareEngines is not a function' };
  return { status: 'ran', result: await (module.compareEngines as (options: { quick: boolean }) => Promise<unknown>)({ quick }) };
}
