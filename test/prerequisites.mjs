#!/usr/bin/env node
/**
 * What the test suite needs beside npm's packages, provided before it runs
 * (`npm test` runs this first): the independent clients the specs read our
 * answers with, the browser they look at our pages in, and the database server of
 * the shared store, all Debian packages.
 *
 * - python3-rdflib: reads dumps and resource pages as a researcher's RDF library does;
 * - python3-sparqlwrapper: queries /sparql with a researcher's SPARQL client's defaults;
 * - python3-networkx: reads the network export as network-analysis tools do;
 * - chromium: what a person sees, driven headless by puppeteer-core;
 * - postgresql: PostgreSQL 15, the shared dataset store that API replicas use; each spec
 *   that needs it starts a throwaway cluster of its own (test/support/startPostgres.ts).
 *
 * Whatever is missing is installed with apt-get when this runs as root (as on a
 * fresh machine of the project's kind, and in CI); otherwise it stops at once
 * with one message naming the packages to install. Exits 0 when all are there.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** The Python every spec runs its clients with: Debian's, whose packages apt-get installs. */
const PYTHON = '/usr/bin/python3';
/** Debian's Chromium; the browser specs launch it from here. */
const CHROMIUM = '/usr/bin/chromium';
/** Debian's PostgreSQL 15 programs; test/support/startPostgres.ts runs its clusters with these. */
const POSTGRESQL_BIN = '/usr/lib/postgresql/15/bin';
const POSTGRESQL_PROGRAMS = ['initdb', 'pg_ctl', 'postgres'];

const PYTHON_MODULES = [
  { module: 'rdflib', debianPackage: 'python3-rdflib' },
  { module: 'SPARQLWrapper', debianPackage: 'python3-sparqlwrapper' },
  { module: 'networkx', debianPackage: 'python3-networkx' },
];

function missingPackages() {
  const missing = [];
  for (const { module, debianPackage } of PYTHON_MODULES) {
    const probe = spawnSync(PYTHON, ['-c', `import ${module}`], { stdio: 'ignore' });
    if (probe.status !== 0) missing.push(debianPackage);
  }
  if (!existsSync(CHROMIUM)) missing.push('chromium');
  if (!POSTGRESQL_PROGRAMS.every((program) => existsSync(`${POSTGRESQL_BIN}/${program}`))) missing.push('postgresql');
  return missing;
}

const missing = missingPackages();
if (missing.length === 0) process.exit(0);

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
if (!isRoot) {
  console.error(`The tests need these Debian packages, which are not installed: ${missing.join(' ')}.\nInstall them as root with:\n  apt-get update && apt-get install -y ${missing.join(' ')}`);
  process.exit(1);
}

console.error(`Installing the Debian packages the tests need: ${missing.join(' ')}`);
const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
try {
  execFileSync('apt-get', ['update', '-qq'], { stdio: ['ignore', 'ignore', 'inherit'], env });
  execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], { stdio: ['ignore', 'ignore', 'inherit'], env });
} catch (error) {
  console.error(`apt-get could not install ${missing.join(' ')}: ${error.message}`);
  process.exit(1);
}
const stillMissing = missingPackages();
if (stillMissing.length > 0) {
  console.error(`Still missing after apt-get: ${stillMissing.join(' ')}`);
  process.exit(1);
}
