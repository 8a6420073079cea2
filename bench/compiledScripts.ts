import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const projectDirectory = fileURLToPath(new URL('..', import.meta.url));
const cacheDirectory = join(tmpdir(), 'kulturskolegrafen-bench');

let compiled: Promise<string> | undefined;

/**
 * The folder of `src/` and `bench/` compiled to plain JavaScript, beside
 * links to `data/`, `schema/` and `node_modules/`, so compiled modules find
 * their files as they do from `dist/`. Compiled once per content (cached in
 * the system's temporary folder) and once per process.
 *
 * The benchmark's child processes run this output under plain `node`, as
 * production runs tsc's output, and not under tsx: tsx compiles with
 * esbuild's keepNames, which wraps every function expression in a `__name`
 * call and made our resolvers about 10% slower than they run in production.
 */
export function compiledScripts(): Promise<string> {
  compiled ??= compile();
  return compiled;
}

async function compile(): Promise<string> {
  const sources = [...(await typeScriptFiles('src')), ...(await typeScriptFiles('bench'))].sort();
  const hash = createHash('sha256');
  for (const source of sources) hash.update(`${source}\0`).update(await readFile(join(projectDirectory, source)));
  const outDirectory = join(cacheDirectory, `js-${hash.digest('hex').slice(0, 16)}`);
  const marker = join(outDirectory, 'package.json');
  if (existsSync(marker)) return outDirectory;

  for (const entry of await readdir(cacheDirectory).catch(() => [])) {
    if (entry.startsWith('js-')) await rm(join(cacheDirectory, entry), { recursive: true, force: true });
  }
  await build({
    entryPoints: sources.map((source) => join(projectDirectory, source)),
    outdir: outDirectory,
    outbase: projectDirectory,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'warning',
  });
  for (const linked of ['data', 'schema', 'node_modules']) await symlink(join(projectDirectory, linked), join(outDirectory, linked));
  await writeFile(marker, '{ "type": "module" }\n');
  return outDirectory;
}

/** TypeScript files under `folder` (relative to the project), declaration files left out. */
async function typeScriptFiles(folder: string): Promise<string[]> {
  const entries = await readdir(join(projectDirectory, folder), { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts'))
    .map((entry) => relative(projectDirectory, join(entry.parentPath, entry.name)));
}
