/**
 * Manages the bearer tokens publishers write with.
 *
 *   npm run token -- add --publisher NAME --datasets orebro-lan,vastmanland-*
 *   npm run token -- list
 *   npm run token -- remove --publisher NAME
 *
 * The tokens file is `--file` or TOKENS_FILE, as the server reads it; it
 * keeps only each token's SHA-256. `add` prints the new token once, on
 * stdout, alone, so `npm run -s token -- add … > file` keeps just the token.
 * Exit codes: 0 done, 1 not done (a damaged file, no such publisher), 2 bad
 * arguments.
 */
import { runProgram } from './runProgram.js';
import { Command, Option } from 'commander';
import { addToken } from '../publish/Tokens.js';
import { readTokenEntries } from './readTokenEntries.js';
import { removeTokens } from './removeTokens.js';

/** How much of a token's hash `list` shows: enough to tell two tokens of one publisher apart, too little to stand for the hash. */
const HASH_SHOWN = 8;

// Files this command writes (the tokens file and its temporary) are for their owner alone.
process.umask(0o077);

const fileOption = () => new Option('--file <file>', 'the tokens file the server reads (created by add if missing)').env('TOKENS_FILE');

const program = new Command('token')
  .description('Create, list and remove the bearer tokens that publishers write datasets with.')
  .exitOverride()
  .showHelpAfterError('(add --help for usage)')
  .hook('preAction', (_program, command) => {
    if (command.opts<{ file?: string }>().file === undefined) {
      command.error('error: name the tokens file with --file FILE or the environment variable TOKENS_FILE', { exitCode: 2 });
    }
  });

program
  .command('add')
  .description('create a token for a publisher; it is printed once and only its hash is kept')
  .addOption(fileOption())
  .requiredOption('--publisher <name>', 'who publishes with it (a name or an IRI); recorded with every version it makes')
  .requiredOption('--datasets <list>', 'comma-separated slugs, prefixes ending in * (vastmanland-*), or * for every dataset', datasetList)
  .action((options: { file: string; publisher: string; datasets: string[] }) => {
    const token = addToken(options.file, { publisher: options.publisher, datasets: options.datasets });
    process.stdout.write(`${token}\n`);
    process.stderr.write(
      `token: the token above lets ${options.publisher} write ${options.datasets.join(', ')}. ` +
        `It is shown only now: ${options.file} keeps just its hash. Hand it over safely; ` +
        `clients send it as "Authorization: Bearer <token>".\n`,
    );
  });

program
  .command('list')
  .description('list each token: its publisher, its datasets and the start of its hash')
  .addOption(fileOption())
  .option('--json', 'machine-readable output on stdout')
  .action(async (options: { file: string; json?: boolean }) => {
    const entries = (await readTokenEntries(options.file)).map(({ publisher, datasets, sha256 }) => ({
      publisher,
      datasets,
      sha256: `${sha256.slice(0, HASH_SHOWN)}…`,
    }));
    if (options.json) {
      process.stdout.write(`${JSON.stringify(entries, null, 2)}\n`);
    } else if (entries.length === 0) {
      process.stderr.write(`token: ${options.file} holds no token\n`);
    } else {
      const width = Math.max(...entries.map((entry) => entry.publisher.length));
      for (const entry of entries) process.stdout.write(`${entry.publisher.padEnd(width)}  ${entry.sha256}  ${entry.datasets.join(', ')}\n`);
    }
  });

program
  .command('remove')
  .description("remove every token of a publisher; its writes are refused from the server's next request on")
  .addOption(fileOption())
  .requiredOption('--publisher <name>', 'whose tokens to remove')
  .action(async (options: { file: string; publisher: string }) => {
    const removed = await removeTokens(options.file, options.publisher);
    if (removed === 0) {
      process.stderr.write(`token: ${options.file} holds no token of "${options.publisher}"; nothing was removed\n`);
      process.exitCode = 1;
      return;
    }
    process.stdout.write(`removed ${removed} token${removed === 1 ? '' : 's'} of ${options.publisher}\n`);
  });

function datasetList(value: string): string[] {
  return value
    .split(',')
    .map((pattern) => pattern.trim())
    .filter((pattern) => pattern !== '');
}

runProgram(program, 'token');
