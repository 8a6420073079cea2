/**
 * A command that could not be carried out for a reason outside the request
 * itself (no server at the URL, a store held by a running server, an
 * unreadable file); the message says what to do. The command exits 1.
 */
export class CliFailure extends Error {
  override readonly name = 'CliFailure';
}
