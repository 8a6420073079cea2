/**
 * Validates, publishes, withdraws and rolls back datasets, and shows their
 * history, for publishers.
 *
 *   npm run dataset -- validate FILE [--slug SLUG]
 *   npm run dataset -- publish SLUG FILE
 *   npm run dataset -- withdraw SLUG
 *   npm run dataset -- history SLUG
 *   npm run dataset -- diff SLUG N M
 *   npm run dataset -- rollback SLUG N
 *
 * With --url (or KULTURSKOLEGRAFEN_URL) it talks to a running server, with
 * the token from KULTURSKOLEGRAFEN_TOKEN or --token-file; without, it works
 * on the store folder (or, with --database or DATABASE_URL, on the PostgreSQL
 * store the API replicas share) through the server's own write path. Exit codes: 0
 * done, 1 refused (a failed validation, any 4xx) or not carried out, 2 bad
 * arguments.
 */
import { runProgram } from './runProgram.js';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { Command, InvalidArgumentError, Option } from 'commander';
import { isDatasetSlug } from '../store/isDatasetSlug.js';
import { mediaTypeOfFile } from '../publish/mediaTypeOfFile.js';
import type { PrepareInput } from '../publish/prepareDataset.js';
import type { WriteResult } from '../publish/Publisher.js';
import { readableExtensions } from '../rdf/RdfFormat.js';
import { defaultStoreDirectory } from '../store/defaultStoreDirectory.js';
import { CliFailure } from './CliFailure.js';
import type { DatasetClient } from './DatasetClient.js';
import { formatHistory } from './formatHistory.js';
import { formatValidationReport } from './formatValidationReport.js';
import { HttpDatasetClient } from './HttpDatasetClient.js';
import { openStoreClient } from './openStoreClient.js';
import { osUserName } from './osUserName.js';
import { readToken } from './readToken.js';
import { Refusal } from './Refusal.js';

/** The options every command takes. */
interface GlobalOptions {
  url?: string;
  tokenFile?: string;
  store: string;
  database?: string;
  publisher: string;
  json?: boolean;
}

/** What a command printed for people and, with --json, for machines. */
interface Outcome {
  lines: string[];
  json: unknown;
}

const program = new Command('dataset')
  .description('Validate, publish, withdraw and roll back datasets, and show their history.')
  .addOption(new Option('--url <url>', 'talk to the server at URL instead of the store folder').env('KULTURSKOLEGRAFEN_URL'))
  .addOption(
    new Option('--token-file <file>', 'read the bearer token from FILE ("-" for standard input); or set KULTURSKOLEGRAFEN_TOKEN'),
  )
  .addOption(new Option('--store <dir>', 'the store folder, when there is no --url').env('STORE_DIR').default(defaultStoreDirectory()))
  .addOption(new Option('--database <url>', 'the PostgreSQL store the API replicas share, instead of the store folder, when there is no --url').env('DATABASE_URL'))
  .addOption(new Option('--publisher <name>', 'who publishes, when there is no --url (with --url the token says)').default(osUserName()))
  .option('--json', 'machine-readable output on stdout')
  .exitOverride()
  .configureHelp({ showGlobalOptions: true })
  .showHelpAfterError('(add --help for usage)');

program
  .command('validate')
  .description('run every check on FILE without publishing it')
  .argument('<file>', `a dataset file (${readableExtensions.join(', ')})`)
  .addOption(new Option('--slug <slug>', 'the dataset it would become (default: the file name without extension)').argParser(slugArgument))
  .action(async (file: string, options: { slug?: string }, command: Command) => {
    const slug = options.slug ?? slugOfFile(file, command);
    await run(command, async (client) => {
      const { triples } = await client.validate(await datasetInput(slug, file, command));
      return {
        lines: [`${file} conforms${triples === null ? '' : ` (${triples} triples)`}: it can be published as ${slug}`],
        json: { conforms: true, slug, triples },
      };
    });
  });

program
  .command('publish')
  .description('replace dataset SLUG with the content of FILE (a new version, unless it is the same)')
  .argument('<slug>', 'the dataset', slugArgument)
  .argument('<file>', `a dataset file (${readableExtensions.join(', ')})`)
  .action(async (slug: string, file: string, _options: unknown, command: Command) => {
    await run(command, async (client) => {
      const result = await client.publish(await datasetInput(slug, file, command));
      return { lines: [describeWrite(slug, result)], json: result };
    });
  });

program
  .command('withdraw')
  .description('stop serving dataset SLUG; its history stays')
  .argument('<slug>', 'the dataset', slugArgument)
  .action(async (slug: string, _options: unknown, command: Command) => {
    await run(command, async (client) => {
      const { dataset, version } = await client.withdraw(slug);
      const which = version === null ? '' : ` as version ${version}`;
      return {
        lines: [`${slug}: withdrawn${which}; its history stays (history ${slug})`],
        json: { dataset, version, withdrawn: true },
      };
    });
  });

program
  .command('history')
  .description('list every version of dataset SLUG, oldest first')
  .argument('<slug>', 'the dataset', slugArgument)
  .action(async (slug: string, _options: unknown, command: Command) => {
    await run(command, async (client) => {
      const history = await client.history(slug);
      return { lines: formatHistory(history), json: history };
    });
  });

program
  .command('diff')
  .description('what changed in SLUG from version FROM to version TO: + the triples added, - those removed')
  .argument('<slug>', 'the dataset', slugArgument)
  .argument('<from>', 'the version to compare from', versionArgument)
  .argument('<to>', 'the version to compare to', versionArgument)
  .action(async (slug: string, from: number, to: number, _options: unknown, command: Command) => {
    await run(command, async (client) => {
      const { added, removed } = await client.diff(slug, from, to);
      if (added.length + removed.length === 0) process.stderr.write(`dataset: versions ${from} and ${to} of ${slug} have the same triples\n`);
      return {
        lines: [...removed.map((line) => `-${line}`), ...added.map((line) => `+${line}`)],
        json: { slug, from, to, added, removed },
      };
    });
  });

program
  .command('rollback')
  .description('make a new version of SLUG equal to an earlier version')
  .argument('<slug>', 'the dataset', slugArgument)
  .argument('<version>', 'the version to restore', versionArgument)
  .action(async (slug: string, version: number, _options: unknown, command: Command) => {
    await run(command, async (client) => {
      const result = await client.rollback(slug, version);
      const restored = result.unchanged ? '' : `, equal to version ${version}`;
      return { lines: [`${describeWrite(slug, result, 'rolled back')}${restored}`], json: result };
    });
  });

/** Opens the client the options ask for, runs `work` with it, prints what it returns, and shows a refusal or failure on stderr. */
async function run(command: Command, work: (client: DatasetClient) => Promise<Outcome>): Promise<void> {
  const options = command.optsWithGlobals<GlobalOptions>();
  let client: DatasetClient | undefined;
  try {
    // An empty variable counts as none, as the server reads STORE_DIR.
    const opened =
      options.url !== undefined && options.url !== ''
        ? new HttpDatasetClient(options.url, await readToken(options.tokenFile))
        : await openStoreClient({ storeDirectory: options.store || defaultStoreDirectory(), ...(options.database && { databaseUrl: options.database }) }, options.publisher);
    client = opened;
    const outcome = await work(opened);
    process.stdout.write(options.json ? `${JSON.stringify(outcome.json, null, 2)}\n` : outcome.lines.map((line) => `${line}\n`).join(''));
  } catch (error) {
    if (error instanceof Refusal) {
      showRefusal(error, options);
    } else if (error instanceof CliFailure) {
      process.stderr.write(`dataset: ${error.message}\n`);
    } else {
      throw error;
    }
    process.exitCode = 1;
  } finally {
    await client?.close();
  }
}

/** A refusal's message (and report) on stderr; with --json also the server's error answer on stdout. */
function showRefusal(refusal: Refusal, options: GlobalOptions): void {
  let message = `dataset: refused (${refusal.status}${refusal.code === null ? '' : ` ${refusal.code}`}): ${refusal.message}\n`;
  if (refusal.status === 401 && options.tokenFile === undefined && process.env.KULTURSKOLEGRAFEN_TOKEN === undefined) {
    message += 'dataset: no token was given: set KULTURSKOLEGRAFEN_TOKEN or use --token-file FILE\n';
  }
  if (refusal.report !== null) message += formatValidationReport(refusal.report).map((line) => `${line}\n`).join('');
  process.stderr.write(message);
  if (options.json) {
    const answer = { error: refusal.message, ...(refusal.code !== null && { code: refusal.code }), ...(refusal.report && { report: refusal.report }) };
    process.stdout.write(`${JSON.stringify(answer, null, 2)}\n`);
  }
}

/** A write's outcome in one line: the new version, or that nothing changed. */
function describeWrite(slug: string, result: WriteResult, done = 'published'): string {
  if (result.unchanged) return `${slug}: unchanged, still version ${result.version} (${result.triples} triples); no version was made`;
  const created = result.status === 201 ? ', a new dataset' : '';
  return `${slug}: ${done} as version ${result.version}${created} (${result.triples} triples, +${result.added} -${result.removed})`;
}

/** The body and media type of a dataset file; an extension we do not read is a usage error. */
async function datasetInput(slug: string, file: string, command: Command): Promise<PrepareInput> {
  const mediaType = mediaTypeOfFile(file);
  if (mediaType === null) {
    command.error(`error: cannot tell the format of "${file}" from its extension; use one of ${readableExtensions.join(', ')}`, {
      exitCode: 2,
      code: 'dataset.unknownExtension',
    });
  }
  let body: Buffer;
  try {
    body = await readFile(file);
  } catch (error) {
    throw new CliFailure(`cannot read ${file}: ${(error as Error).message}`);
  }
  return { slug, mediaType, body };
}

/** The slug a file name suggests (`orebro-lan.ttl` → orebro-lan); a usage error when it is not one. */
function slugOfFile(file: string, command: Command): string {
  const name = basename(file).replace(/\.[^.]*$/, '');
  if (!isDatasetSlug(name)) {
    command.error(`error: "${name}" (from the file name) is not a dataset slug; give one with --slug (lowercase letters, digits and hyphens, 2–64)`, {
      exitCode: 2,
      code: 'dataset.slugNeeded',
    });
  }
  return name;
}

function slugArgument(value: string): string {
  if (!isDatasetSlug(value)) throw new InvalidArgumentError('a slug is lowercase letters, digits and hyphens, 2–64 characters.');
  return value;
}

function versionArgument(value: string): number {
  if (!/^[1-9]\d{0,8}$/.test(value)) throw new InvalidArgumentError('a version is a whole number from 1.');
  return Number(value);
}

// A reader that stops early (`| head`) closes the pipe; that is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') process.stderr.write(`dataset: cannot write to stdout: ${error.message}\n`);
  process.exit(error.code === 'EPIPE' ? 0 : 1);
});

runProgram(program, 'dataset', (error) => error.stack ?? error.message);
