import { CommanderError, type Command } from 'commander';

/**
 * Runs a command-line program and sets the exit code: 0 when it succeeded
 * (or help was asked for), 2 for a usage error (commander has printed it),
 * 1 for any other failure, printed on stderr after the command's name.
 */
export function runProgram(program: Command, name: string, describe: (error: Error) => string = (error) => error.message): void {
  program.parseAsync().then(
    () => {},
    (error: unknown) => {
      if (error instanceof CommanderError) {
        process.exitCode = error.exitCode === 0 ? 0 : 2;
        return;
      }
      process.stderr.write(`${name}: ${error instanceof Error ? describe(error) : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
