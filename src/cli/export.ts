/**
 * Writes the whole shipped graph to stdout, for researchers.
 *
 *   npm run export -- [--format nquads|trig|turtle|jsonld]
 *
 * Loads `data/graphs/` exactly as the server does (each file in its own named
 * graph) and writes every quad. Exit codes: 0 done, 1 the data could not be
 * loaded or written, 2 bad arguments.
 */
import type { Quad } from 'n3';
import { DataLoadError } from '../rdf/DataLoadError.js';
import { dataPath } from '../rdf/dataPath.js';
import { loadDataDirectory } from '../rdf/loadDataDirectory.js';
import type { LoadedData } from '../rdf/loadDataDirectory.js';
import { exportFormats, isExportFormat, keepsNamedGraphs, writeRdf } from '../rdf/writeRdf.js';
import type { ExportFormat } from '../rdf/writeRdf.js';

const usage = `Usage: npm run export -- [--format ${exportFormats.join('|')}]

Writes every quad of data/graphs/ to stdout.
  --format <name>  ${exportFormats.join(', ')} (default: ${exportFormats[0]});
                   nquads, trig and jsonld keep the named graphs, turtle does not
  --help           show this text
`;

/** Bad command-line arguments; the message says what was wrong and what is accepted. */
class UsageError extends Error {}

/** What the command line asks for. */
type Command = { help: true } | { help: false; format: ExportFormat };

/** Reads `--format <name>`, `--format=<name>` and `--help`/`-h`; throws a UsageError for anything else. */
function parseArguments(args: readonly string[]): Command {
  let format: string | undefined;
  for (let index = 0; index < args.length; index++) {
    const arg = args[index]!;
    if (arg === '--help' || arg === '-h') return { help: true };
    const [flag, inlineValue] = arg.startsWith('--') && arg.includes('=') ? splitAtFirst(arg, '=') : [arg, undefined];
    if (flag !== '--format') {
      throw new UsageError(
        `${arg.startsWith('-') ? 'unknown option' : 'unexpected argument'} "${arg}"; accepted options: --format <${exportFormats.join('|')}>, --help`,
      );
    }
    if (format !== undefined) throw new UsageError('--format is given more than once');
    const value = inlineValue ?? args[++index];
    if (value === undefined || value === '') {
      throw new UsageError(`--format needs a value; accepted formats: ${exportFormats.join(', ')}`);
    }
    format = value;
  }
  format ??= exportFormats[0]!;
  if (!isExportFormat(format)) {
    throw new UsageError(`unknown format "${format}"; accepted formats: ${exportFormats.join(', ')}`);
  }
  return { help: false, format };
}

function splitAtFirst(text: string, separator: string): [string, string] {
  const at = text.indexOf(separator);
  return [text.slice(0, at), text.slice(at + separator.length)];
}

async function main(): Promise<number> {
  let command: Command;
  try {
    command = parseArguments(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`export: ${error.message}\n\n${usage}`);
    return 2;
  }
  if (command.help) {
    process.stdout.write(usage);
    return 0;
  }
  const { format } = command;
  let loaded: LoadedData;
  try {
    loaded = await loadDataDirectory(dataPath('graphs'));
  } catch (error) {
    if (!(error instanceof DataLoadError)) throw error;
    process.stderr.write(`export: ${error.message}\n`);
    return 1;
  }
  if (!keepsNamedGraphs(format)) {
    const keeping = exportFormats.filter(keepsNamedGraphs);
    process.stderr.write(
      `export: warning: ${format} has no named graphs, so the named graphs are not kept (each triple is written once); ` +
        `use --format ${keeping.slice(0, -1).join(', ')} or ${keeping.at(-1)} to keep them\n`,
    );
  }
  // An n3 Store reads back n3 Quads, though its types only promise RDF/JS ones.
  const quads = loaded.store.readQuads(null, null, null, null) as Iterable<Quad>;
  await writeRdf(quads, format, process.stdout);
  return 0;
}

// A reader that stops early (`| head`) closes the pipe; that is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') process.stderr.write(`export: cannot write to stdout: ${error.message}\n`);
  process.exit(error.code === 'EPIPE' ? 0 : 1);
});

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`export: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
